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

  @TempDir Path tree;

  /** The rule's findings in the fixture's files under {@code folder}, with their messages. */
  private List<String> findingsIn(String folder) throws Exception {
    Trees.copy(
        RepoPaths.repoRoot()
            .resolve("validator/src/test/resources/conventions/kustomization-not-built"),
        tree);
    Workspace workspace =
        WorkspaceLoader.load(new WorkspaceLoader.Request(List.of(tree), null, tree));
    return new KustomizationNotBuilt()
        .check(new LabTree(workspace, workspace.config().orElseThrow())).stream()
            .filter(finding -> finding.location().file().startsWith(folder))
            .map(finding -> finding.location() + " " + finding.message())
            .toList();
  }

  @Test
  void aLostResourceIsNamedAtItsEntry() throws Exception {
    assertThat(findingsIn("applications/dashboard/"))
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

  @Test
  void manifestsTheResourcesLeaveOutAreNamedAtTheList() throws Exception {
    assertThat(findingsIn("applications/wiki/"))
        .containsExactlyInAnyOrder(
            "applications/wiki/kustomization.yaml:2:1 the kustomization's `resources` leave out"
                + " `debug/pod.yaml`, which Argo CD syncs all the same: the kustomization lies in"
                + " the folder of component `wiki`, which Argo CD syncs as a plain directory of"
                + " its manifests without running kustomize",
            "applications/wiki/kustomization.yaml:4:1 the kustomization's `components` has no"
                + " effect: it lies in the folder of component `wiki`, which Argo CD syncs as a"
                + " plain directory of its manifests without running kustomize");
  }
}
