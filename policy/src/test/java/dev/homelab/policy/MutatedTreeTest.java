package dev.homelab.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.testing.MutatedTrees;
import dev.homelab.core.testing.TextMutations;
import dev.homelab.policy.cli.PolicyCli;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Random damage to one file of gitops/ at a time, broken text or a value of the wrong type:
 * whatever it is, the policies answer with findings or a config error, never an internal error.
 * {@code -Dfuzz.seed=N -Dfuzz.rounds=N} runs other or longer rounds by hand.
 */
class MutatedTreeTest {

  @ParameterizedTest
  @EnumSource(TextMutations.Kind.class)
  void damageNeverEndsInAnInternalError(TextMutations.Kind kind, @TempDir Path directory)
      throws Exception {
    MutatedTrees.Outcome outcome =
        MutatedTrees.run(
            directory,
            Long.getLong("fuzz.seed", 20261127L),
            Integer.getInteger("fuzz.rounds", 200),
            kind,
            PolicyCli::new,
            "-q");
    assertThat(outcome.failures()).isEmpty();
    assertThat(outcome.findings()).as("some damage breaks a policy").isPositive();
  }
}
