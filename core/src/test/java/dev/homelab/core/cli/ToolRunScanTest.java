package dev.homelab.core.cli;

import static dev.homelab.core.testing.Trees.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.finding.Report;
import dev.homelab.core.testing.CommandOptions;
import dev.homelab.core.testing.LabFixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Named files are checked in the context of their whole tree, and only they are reported. */
class ToolRunScanTest {

  @TempDir Path root;

  private static CommonOptions options(String... args) {
    return CommandOptions.parse(args);
  }

  @Test
  void namedFilesAreCheckedInTheirTreesContext() throws Exception {
    java.nio.file.Files.createDirectories(root.resolve(".git"));
    write(root, "homelab.yaml", LabFixtures.MINIMAL_CONFIG);
    Path first =
        write(
            root,
            "applications/postgres/a.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a-b\n");
    write(
        root,
        "applications/postgres/b.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c-d\n  annotations:\n    ignore.homelab.dev/tree-size: \"unused here\"\n");
    write(
        root,
        "monitoring/prometheus/c.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: e-f\n");

    ToolRun.Scan scan = ToolRun.scan(options(first.toString()));
    assertThat(scan.workspace().resources()).hasSize(3);
    Report report = ToolRun.check("test", scan, List.of(CountingSuite.INSTANCE));

    assertThat(report.findings())
        .extracting(f -> f.location().file() + " " + f.message())
        .containsExactly("applications/postgres/a.yaml home-lab holds 3");
    assertThat(report.scope().files()).containsExactly("applications/postgres/a.yaml");
    assertThat(report.scope().resources()).isEqualTo(1);
  }

  @Test
  void theWholeTreeHasNoFocus() throws Exception {
    write(root, "homelab.yaml", LabFixtures.MINIMAL_CONFIG);
    write(
        root,
        "applications/postgres/a.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a-b\n");
    ToolRun.Scan scan = ToolRun.scan(options(root.toString()));
    assertThat(scan.focus()).isEmpty();
    assertThat(ToolRun.check("test", scan, List.of(CountingSuite.INSTANCE)).findings()).hasSize(1);
  }

  /**
   * A hook passes every staged YAML file: one beside the tree in the same repository (a workflow)
   * is not part of the lab, so it neither breaks the tree's context nor gets checked.
   */
  @Test
  void namedFilesBesideTheTreeInItsRepositoryAreLeftOutAndSaid() throws Exception {
    java.nio.file.Files.createDirectories(root.resolve(".git"));
    Path tree = root.resolve("gitops");
    write(tree, "homelab.yaml", LabFixtures.MINIMAL_CONFIG);
    Path named =
        write(
            tree,
            "applications/postgres/a.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a-b\n");
    write(
        tree,
        "monitoring/prometheus/c.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: e-f\n");
    Path workflow = write(root, ".github/workflows/ci.yml", "on: [push]\njobs: {}\n");
    java.io.StringWriter err = new java.io.StringWriter();

    ToolRun.Scan scan =
        ToolRun.scan(
            options(named.toString(), workflow.toString()),
            List.of(),
            new java.io.PrintWriter(err));
    Report report = ToolRun.check("test", scan, List.of(CountingSuite.INSTANCE));

    assertThat(report.findings())
        .extracting(f -> f.location().file() + " " + f.message())
        .containsExactly("gitops/applications/postgres/a.yaml home-lab holds 2");
    assertThat(err.toString())
        .isEqualTo(
            "1 named path(s) lie outside the lab's tree (gitops/), which Argo CD does not sync,"
                + " and are not checked: .github/workflows/ci.yml"
                + System.lineSeparator());
    ToolRun.Scan whole =
        ToolRun.scan(options(tree.toString(), workflow.toString()), List.of(), null);
    assertThat(whole.focus()).as("the tree named beside it is the whole tree").isEmpty();
  }
}
