package dev.homelab.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Lints shell scripts with shellcheck; .ci/run installs it, elsewhere the test is skipped. */
public final class Shellcheck {
  private static final Path PROGRAM = Path.of("/usr/bin/shellcheck");
  private static final Pattern SHELL_SHEBANG =
      Pattern.compile("^#!\\s*\\S*/(?:env\\s+)?(?:ba)?sh\\b");

  private Shellcheck() {}

  /** Skips the calling test, with a printed reason, when shellcheck is not installed. */
  public static void assumeInstalled() {
    boolean installed = Files.isExecutable(PROGRAM);
    if (!installed) {
      System.out.println("SKIPPED: shellcheck is not installed");
    }
    assumeTrue(installed, "shellcheck is not installed");
  }

  /** Fails with shellcheck's own report when it finds anything in the script. */
  public static void assertClean(Path script) {
    Commands.Result lint =
        Commands.run(script.getParent(), List.of(PROGRAM.toString(), script.toString()));
    assertThat(lint.exit()).as("shellcheck " + script + "\n" + lint.output()).isZero();
  }

  /** The sh and bash scripts below a folder, found by their shebang, in a stable order. */
  public static List<Path> scriptsUnder(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).filter(Shellcheck::isShellScript).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isShellScript(Path file) {
    try (var reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
      String first = reader.readLine();
      return first != null && SHELL_SHEBANG.matcher(first).find();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
