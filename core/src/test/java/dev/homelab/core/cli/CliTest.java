package dev.homelab.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the shared CLI reads its arguments before picocli does. */
class CliTest {

  @TempDir Path lab;

  /**
   * The pre-commit framework runs a hook as its entry, the user's args, then the staged names, so a
   * file at a lab's top named like an option reaches the tool with no "--" before it.
   */
  @Test
  void aHookRunTakesAStagedFileNamedLikeAnOptionAsAFile() throws Exception {
    Files.writeString(lab.resolve("-x.yaml"), "a: 1\n");
    Files.writeString(lab.resolve("--help,x.yml"), "a: 1\n");

    String[] hook =
        Cli.fileNamesNotOptions(
            new String[] {"--lab-files-only", "-q", "--help,x.yml", "-x.yaml", "-y.yaml"}, lab);
    String[] plain = Cli.fileNamesNotOptions(new String[] {"-q", "-x.yaml"}, lab);

    assertThat(hook)
        .containsExactly("--lab-files-only", "-q", "./--help,x.yml", "./-x.yaml", "-y.yaml");
    assertThat(plain).containsExactly("-q", "-x.yaml");
  }
}
