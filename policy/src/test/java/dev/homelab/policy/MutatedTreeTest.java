package dev.homelab.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.testing.MutatedTrees;
import dev.homelab.core.testing.TextMutations;
import dev.homelab.policy.cli.PolicyCli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random damage to one file of gitops/ at a time: whatever it is, the policies answer with findings
 * or a config error, never an internal error.
 */
class MutatedTreeTest {

  @Test
  void brokenTextNeverEndsInAnInternalError(@TempDir Path directory) throws Exception {
    MutatedTrees.Outcome outcome =
        MutatedTrees.run(directory, 20261127L, 200, TextMutations::edit, PolicyCli::new, "-q");
    assertThat(outcome.failures()).isEmpty();
    assertThat(outcome.findings()).as("some edits break a policy or the YAML").isPositive();
  }

  @Test
  void mistypedValuesNeverEndInAnInternalError(@TempDir Path directory) throws Exception {
    MutatedTrees.Outcome outcome =
        MutatedTrees.run(directory, 20261127L, 200, TextMutations::retype, PolicyCli::new, "-q");
    assertThat(outcome.failures()).isEmpty();
    assertThat(outcome.findings()).as("some wrong types break a policy").isPositive();
  }
}
