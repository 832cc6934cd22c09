package dev.homelab.core.cli;

import static dev.homelab.core.testing.Trees.write;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.homelab.core.testing.LabFixtures;
import dev.homelab.core.testing.StandardInputs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Manifests piped in with '-', as from {@code helm template}: checked on their own, or with
 * --stdin-name as that file of its lab, in the lab's context.
 */
class ToolRunStandardInputTest {

  @TempDir Path root;

  private Path lab;

  /** A lab with two objects, in a repository. */
  @BeforeEach
  void lab() throws Exception {
    Files.createDirectories(root.resolve(".git"));
    write(root, "gitops/homelab.yaml", LabFixtures.MINIMAL_CONFIG);
    lab = root.resolve("gitops");
    write(lab, "applications/app/a.yaml", configMap("one"));
    write(lab, "applications/app/b.yaml", configMap("two"));
  }

  private static String configMap(String name) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n";
  }

  private CountingSuite.Run run(String stdin, String... args) throws Exception {
    return run(stdin.getBytes(UTF_8), args);
  }

  private CountingSuite.Run run(byte[] stdin, String... args) throws Exception {
    return StandardInputs.piped(stdin, () -> CountingSuite.run(args));
  }

  @Test
  void unnamedStandardInputIsCheckedOnItsOwnWithTheConfigGiven() throws Exception {
    CountingSuite.Run run =
        run(
            configMap("piped") + "---\n" + configMap("other"),
            "--config",
            lab.resolve("homelab.yaml").toString(),
            "-",
            "--format",
            "text");

    assertThat(run.exit()).isEqualTo(ExitCode.FINDINGS);
    assertThat(run.out())
        .isEqualTo(
            """
            <stdin>
              1:1      error    home-lab holds 2  [tree-size]
              6:1      error    home-lab holds 2  [tree-size]

            test: 2 errors, 0 warnings, 0 info, 0 exempted in 1 file and 2 resources
            """);
  }

  /**
   * Named, the input stands in for that file of the lab: the other files give it context, and only
   * its findings are reported, with its path.
   */
  @Test
  void namedStandardInputIsCheckedAsThatFileInItsLab() throws Exception {
    Path named = lab.resolve("applications/app/a.yaml");
    CountingSuite.Run run =
        run(
            configMap("piped") + "---\n" + configMap("more"),
            "--stdin-name",
            named.toString(),
            "-",
            "--format",
            "text");

    assertThat(run.exit()).isEqualTo(ExitCode.FINDINGS);
    assertThat(run.out())
        .isEqualTo(
            """
            gitops/applications/app/a.yaml
              1:1      error    home-lab holds 3  [tree-size]
              6:1      error    home-lab holds 3  [tree-size]

            test: 2 errors, 0 warnings, 0 info, 0 exempted in 1 file and 2 resources
            """);
    assertThat(Files.readString(named)).isEqualTo(configMap("one"));
  }

  /** A name that is not on disk yet adds the input to the lab, as a new file would. */
  @Test
  void namedStandardInputNeedNotExist() throws Exception {
    Path named = lab.resolve("applications/app/rendered.yaml");
    CountingSuite.Run run = run(configMap("rendered"), "--stdin-name", named.toString(), "-");

    assertThat(run.out())
        .contains("gitops/applications/app/rendered.yaml\n  1:1      error    home-lab holds 3");
    assertThat(named).doesNotExist();
  }

  @Test
  void positionsInStandardInputAreItsOwn() throws Exception {
    CountingSuite.Run run = run("apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: x\n", "-");

    assertThat(run.out()).startsWith("<stdin>\n  4:1      error").contains("[yaml-syntax-error]");
  }

  @Test
  void standardInputBesideOtherPathsOrNamedWithoutDashIsAUsageError() {
    assertThatThrownBy(() -> run("", "-", lab.toString()))
        .isInstanceOf(UsageException.class)
        .hasMessage("- (standard input) is checked on its own; name no other path beside it");
    assertThatThrownBy(() -> run("", "--stdin-name", "x.yaml", lab.toString()))
        .isInstanceOf(UsageException.class)
        .hasMessage("--stdin-name names what - (standard input) is checked as; add -");
    assertThatThrownBy(() -> run("", "--stdin-name", lab.toString(), "-"))
        .isInstanceOf(UsageException.class)
        .hasMessageEndingWith(" is a folder, not a file");
  }

  @Test
  void standardInputLargerThanAFileMayBeIsAUsageError() {
    byte[] huge = new byte[8 * 1024 * 1024 + 1];
    assertThatThrownBy(() -> run(huge, "-"))
        .isInstanceOf(UsageException.class)
        .hasMessage("standard input holds more than 8388608 bytes, the limit for one file");
  }
}
