package dev.homelab.validator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.testing.MutatedTrees;
import dev.homelab.core.testing.TextMutations;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random damage to one file of gitops/ at a time: whatever it is, the validator answers with
 * findings or a config error, never an internal error.
 */
class MutatedTreeTest {

  @Test
  void brokenTextNeverEndsInAnInternalError(@TempDir Path directory) throws Exception {
    MutatedTrees.Outcome outcome =
        MutatedTrees.run(
            directory,
            20261127L,
            300,
            TextMutations::edit,
            ValidatorCli::new,
            "--offline",
            "--no-catalog",
            "-q");
    assertThat(outcome.failures()).isEmpty();
    assertThat(outcome.findings()).as("most edits break something").isGreaterThan(150);
  }

  @Test
  void mistypedValuesNeverEndInAnInternalError(@TempDir Path directory) throws Exception {
    MutatedTrees.Outcome outcome =
        MutatedTrees.run(
            directory,
            20261127L,
            300,
            TextMutations::retype,
            ValidatorCli::new,
            "--offline",
            "--no-catalog",
            "-q");
    assertThat(outcome.failures()).isEmpty();
    assertThat(outcome.findings()).as("most wrong types are schema errors").isGreaterThan(150);
  }
}
