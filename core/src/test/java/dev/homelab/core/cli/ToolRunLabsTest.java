package dev.homelab.core.cli;

import static dev.homelab.core.testing.Trees.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.testing.LabFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run may name files of several labs, as a hook does with the staged files; each lab is checked
 * with its own config and tree, into one report with one summary and one exit code.
 */
class ToolRunLabsTest {

  @TempDir Path root;

  private Path siteA;
  private Path siteB;
  private Path workflow;

  /** Two labs in one repository, site-a with two objects and site-b with three, and a workflow. */
  @BeforeEach
  void twoLabs() throws Exception {
    Files.createDirectories(root.resolve(".git"));
    write(root, "site-a/homelab.yaml", LabFixtures.MINIMAL_CONFIG.replace("home-lab", "lab-a"));
    write(root, "site-b/homelab.yaml", LabFixtures.MINIMAL_CONFIG.replace("home-lab", "lab-b"));
    siteA = write(root, "site-a/applications/app/a.yaml", configMap("a-one"));
    write(root, "site-a/applications/app/b.yaml", configMap("a-two"));
    siteB = write(root, "site-b/applications/app/a.yaml", configMap("b-one"));
    write(root, "site-b/applications/app/b.yaml", configMap("b-two"));
    write(root, "site-b/applications/app/c.yaml", configMap("b-three"));
    workflow = write(root, ".github/workflows/ci.yml", "on: [push]\njobs: {}\n");
  }

  private static String configMap(String name) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n";
  }

  private static CountingSuite.Run run(String... args) throws Exception {
    return CountingSuite.run(args);
  }

  @Test
  void aHookRunChecksTheFilesOfEachLabWithThatLabIntoOneReport() throws Exception {
    CountingSuite.Run run =
        run(
            "--lab-files-only",
            workflow.toString(),
            siteA.toString(),
            siteB.toString(),
            "--format",
            "text");

    assertThat(run.exit()).isEqualTo(ExitCode.FINDINGS);
    assertThat(run.out())
        .isEqualTo(
            """
            site-a/applications/app/a.yaml
              1:1      error    lab-a holds 2  [tree-size]

            site-b/applications/app/a.yaml
              1:1      error    lab-b holds 3  [tree-size]

            test: 2 errors, 0 warnings, 0 info, 0 exempted in 2 files and 2 resources
            """);
    assertThat(run.err())
        .isEqualTo(
            "1 named path(s) lie outside the labs' trees (site-a/, site-b/), which Argo CD does"
                + " not sync, and are not checked: .github/workflows/ci.yml\n");
  }

  /** The merged report is the same whatever order the files come in, in every format. */
  @Test
  void theMergedReportIsTheSameInAnyOrderOfTheFiles() throws Exception {
    for (String format : List.of("json", "sarif", "text", "junit", "github")) {
      CountingSuite.Run forward =
          run("--lab-files-only", "--format", format, siteA.toString(), siteB.toString());
      CountingSuite.Run backward =
          run("--lab-files-only", "--format", format, siteB.toString(), siteA.toString());

      assertThat(backward.out()).as(format).isEqualTo(forward.out());
      assertThat(forward.out()).as(format).contains("lab-a holds 2").contains("lab-b holds 3");
    }
    assertThat(
            run("--lab-files-only", "--format", "json", siteB.toString(), siteA.toString()).out())
        .contains("\"errors\" : 2")
        .contains("\"files\" : 2");
  }

  /**
   * A lab named whole (a staged ignore file stands for the labs it decides) is reported whole; what
   * one lab's checks say on stderr starts with its folder.
   */
  @Test
  void aLabNamedWholeIsReportedWholeAndItsNotesNameIt() throws Exception {
    CountingSuite.Run run =
        run(
            "--lab-files-only",
            siteA.toString(),
            root.resolve("site-b/homelab.yaml").toString(),
            "--format",
            "json");

    assertThat(run.exit()).isEqualTo(ExitCode.FINDINGS);
    assertThat(run.out())
        .contains("\"errors\" : 4")
        .contains("site-b/applications/app/c.yaml")
        .doesNotContain("site-a/applications/app/b.yaml");
    assertThat(run.err())
        .isEqualTo(
            "site-b/: homelab.yaml is among the files, and every file depends on it; reporting on"
                + " the whole tree\n");
  }

  /**
   * Two labs named by hand are both checked, each with its own config, not the second left out as
   * if Argo CD did not sync it; a file in no lab is still left out.
   */
  @Test
  void aRunNamingTwoLabsChecksEach() throws Exception {
    CountingSuite.Run run =
        run(root.resolve("site-b").toString(), root.resolve("site-a").toString(), "-q");

    assertThat(run.exit()).isEqualTo(ExitCode.FINDINGS);
    assertThat(run.out())
        .contains("site-a/applications/app/b.yaml\n  1:1      error    lab-a holds 2")
        .contains("site-b/applications/app/c.yaml\n  1:1      error    lab-b holds 3")
        .endsWith("test: 5 errors, 0 warnings, 0 info, 0 exempted in 7 files and 5 resources\n");
    assertThat(run.err()).isEmpty();
  }
}
