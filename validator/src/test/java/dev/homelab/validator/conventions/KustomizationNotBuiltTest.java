package dev.homelab.validator.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.testing.RepoPaths;
import dev.homelab.core.testing.Trees;
import dev.homelab.core.workspace.Workspace;
import dev.homelab.core.workspace.WorkspaceLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KustomizationNotBuiltTest extends RuleFixtureTest {
  @Override
  protected String ruleId() {
    return "kustomization-not-built";
  }

  @Test
  void aLostResourceIsNamedAtItsEntry(@TempDir Path tree) throws Exception {
    Trees.copy(
        RepoPaths.repoRoot()
            .resolve("validator/src/test/resources/conventions/kustomization-not-built"),
        tree);
    Workspace workspace =
        WorkspaceLoader.load(new WorkspaceLoader.Request(List.of(tree), null, tree));

    List<String> findings =
        new KustomizationNotBuilt()
            .check(new LabTree(workspace, workspace.config().orElseThrow())).stream()
                .filter(finding -> finding.location().file().contains("dashboard"))
                .map(finding -> finding.location() + " " + finding.message())
                .toList();

    assertThat(findings)
        .containsExactly(
            "applications/dashboard/kustomization.yaml:8:5 the kustomization's remote resource"
                + " `https://github.com/example/dashboard//deploy?ref=v1.2.3` never reaches the"
                + " cluster: the kustomization lies in the folder of component `dashboard`, which"
                + " Argo CD syncs as a plain directory of its manifests without running"
                + " kustomize",
            "applications/dashboard/kustomization.yaml:9:5 the kustomization's resource"
                + " `../../common/limits.yaml` never reaches the cluster with component"
                + " `dashboard`: it lies outside the component's folder, which Argo CD syncs as a"
                + " plain directory of its manifests without running kustomize");
  }
}
