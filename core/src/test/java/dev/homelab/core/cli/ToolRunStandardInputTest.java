package dev.homelab.core.cli;

import static dev.homelab.core.testing.Trees.write;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.model.Resource;
import dev.homelab.core.testing.LabFixtures;
import dev.homelab.core.workspace.Workspace;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Manifests piped in with '-', as from {@code helm template}: checked on their own, or with
 * --stdin-name as that file of its lab, in the lab's context.
 */
class ToolRunStandardInputTest {

  private static final RuleInfo COUNT =
      new RuleInfo("tree-size", "test", "Counts.", "", Severity.ERROR, "0.1.0", "Nothing.");

  /** Reports, on every object, the lab's name and how many objects its workspace holds. */
  private static final CheckSuite SUITE =
      new CheckSuite() {
        @Override
        public List<RuleInfo> rules() {
          return List.of(COUNT);
        }

        @Override
        public List<Finding> check(Workspace workspace) {
          String lab = workspace.config().map(config -> config.lab().name()).orElse("none");
          List<Finding> findings = new ArrayList<>();
          for (Resource resource : workspace.resources()) {
            findings.add(
                Finding.of(
                    COUNT,
                    resource.location(),
                    resource.ref(),
                    resource.name() + " in " + lab + " of " + workspace.resources().size()));
          }
          return findings;
        }
      };

  @TempDir Path root;

  private final InputStream originalIn = System.in;
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

  @AfterEach
  void restoreStandardInput() {
    System.setIn(originalIn);
  }

  private static String configMap(String name) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n";
  }

  private record Run(int exit, String out, String err) {}

  private Run run(String stdin, String... args) throws Exception {
    return run(stdin.getBytes(UTF_8), args);
  }

  private Run run(byte[] stdin, String... args) throws Exception {
    System.setIn(new ByteArrayInputStream(stdin));
    CommonOptions options = new CommonOptions();
    new CommandLine(
            new Object() {
              @CommandLine.Mixin CommonOptions mixin = options;
            })
        .parseArgs(args);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        ToolRun.execute(
            "test", options, List.of(SUITE), new PrintWriter(out), new PrintWriter(err));
    return new Run(exit, out.toString(), err.toString().replace(System.lineSeparator(), "\n"));
  }

  /**
   * Unnamed input is checked on its own, with the config --config names; the lab's files are not
   * loaded around it, as it is no file of the lab.
   */
  @Test
  void unnamedStandardInputIsCheckedOnItsOwnWithTheConfigGiven() throws Exception {
    Run run =
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
              1:1      error    piped in home-lab of 2  [tree-size]
              6:1      error    other in home-lab of 2  [tree-size]

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
    Run run =
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
              1:1      error    piped in home-lab of 3  [tree-size]
              6:1      error    more in home-lab of 3  [tree-size]

            test: 2 errors, 0 warnings, 0 info, 0 exempted in 1 file and 2 resources
            """);
    assertThat(Files.readString(named)).isEqualTo(configMap("one"));
  }

  /** A name that is not on disk yet adds the input to the lab, as a new file would. */
  @Test
  void namedStandardInputNeedNotExist() throws Exception {
    Path named = lab.resolve("applications/app/rendered.yaml");
    Run run = run(configMap("rendered"), "--stdin-name", named.toString(), "-");

    assertThat(run.out())
        .contains(
            "gitops/applications/app/rendered.yaml\n  1:1      error    rendered in home-lab of 3");
    assertThat(named).doesNotExist();
  }

  @Test
  void positionsInStandardInputAreItsOwn() throws Exception {
    Run run = run("apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: x\n", "-");

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
