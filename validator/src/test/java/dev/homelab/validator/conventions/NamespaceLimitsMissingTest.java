package dev.homelab.validator.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.testing.RepoPaths;
import dev.homelab.core.workspace.Workspace;
import dev.homelab.core.workspace.WorkspaceLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class NamespaceLimitsMissingTest extends RuleFixtureTest {
  @Override
  protected String ruleId() {
    return "namespace-limits-missing";
  }

  /** The message names the profile and which of the two objects the namespace lacks. */
  @Test
  void saysWhichObjectIsMissing() throws Exception {
    Path fixture =
        RepoPaths.repoRoot().resolve("validator/src/test/resources/conventions").resolve(ruleId());
    Workspace workspace =
        WorkspaceLoader.load(new WorkspaceLoader.Request(List.of(fixture), null, fixture));
    LabTree tree = new LabTree(workspace, workspace.config().orElseThrow());

    assertThat(new NamespaceLimitsMissing().check(tree))
        .extracting(Finding::message)
        .containsExactly(
            "namespace `media` has no ResourceQuota and no LimitRange in the tree, though its"
                + " profile `small` states a quota and LimitRange values, so the cluster does not"
                + " hold it to the profile",
            "namespace `tools` has no LimitRange in the tree, though its profile `small` states"
                + " LimitRange values, so the cluster does not hold it to the profile",
            "namespace `notes` has no ResourceQuota in the tree, though its profile `small`"
                + " states a quota, so the cluster does not hold it to the profile",
            "namespace `monitoring` has no ResourceQuota and no LimitRange in the tree, though"
                + " its profile `small` states a quota and LimitRange values, so the cluster does"
                + " not hold it to the profile");
  }
}
