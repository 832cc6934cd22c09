package dev.homelab.validator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.testing.MutatedTrees;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random edits to one file of gitops/ at a time: whatever the damage, the validator answers with
 * findings or a config error, never an internal error.
 */
class MutatedTreeTest {

  @Test
  void brokenInputNeverEndsInAnInternalError(@TempDir Path directory) throws Exception {
    MutatedTrees.Outcome outcome =
        MutatedTrees.run(
            directory, 20261127L, 300, ValidatorCli::new, "--offline", "--no-catalog", "-q");
    assertThat(outcome.failures()).isEmpty();
    assertThat(outcome.findings()).as("most edits break something").isGreaterThan(150);
  }
}
