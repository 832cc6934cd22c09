package dev.homelab.validator.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.testing.RepoPaths;
import dev.homelab.core.workspace.Workspace;
import dev.homelab.core.workspace.WorkspaceLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class NamespaceLimitsDifferFromProfileTest extends RuleFixtureTest {
  @Override
  protected String ruleId() {
    return "namespace-limits-differ-from-profile";
  }

  /**
   * Only a LimitRange maximum below the profile's makes the cluster refuse pods the checks pass;
   * every other difference leaves the profile misstating the namespace.
   */
  @Test
  void onlyAStricterMaximumIsAnError() throws Exception {
    Path fixture =
        RepoPaths.repoRoot().resolve("validator/src/test/resources/conventions").resolve(ruleId());
    Workspace workspace =
        WorkspaceLoader.load(new WorkspaceLoader.Request(List.of(fixture), null, fixture));
    LabTree tree = new LabTree(workspace, workspace.config().orElseThrow());

    List<Finding> findings = new NamespaceLimitsDifferFromProfile().check(tree);

    assertThat(findings)
        .filteredOn(finding -> finding.severity() == Severity.ERROR)
        .singleElement()
        .extracting(Finding::message)
        .isEqualTo(
            "LimitRange `media-limits` caps a container's cpu at 1, below the 2 of profile"
                + " `small` (homelab.yaml:26), so the checks pass containers between the two that"
                + " the API server refuses");
    assertThat(findings)
        .filteredOn(finding -> finding.severity() == Severity.WARNING)
        .extracting(Finding::message)
        .containsExactlyInAnyOrder(
            "ResourceQuota `media-quota` allows 8Gi of requests.memory, above the 4Gi of profile"
                + " `small` (homelab.yaml:21), so the cluster does not hold the namespace to the"
                + " profile",
            "ResourceQuota `media-quota` allows 10 of pods, below the 20 of profile `small`"
                + " (homelab.yaml:22), so the namespace has less room than the profile says",
            "LimitRange `media-limits` gives a container without its own memory request 256Mi,"
                + " above the 128Mi of profile `small` (homelab.yaml:24)",
            "LimitRange `tools-limits` caps a container's cpu at 4, above the 2 of profile `small`"
                + " (homelab.yaml:26), so the cluster lets containers the checks do not see go past"
                + " the profile",
            "ResourceQuota `bare-quota` allows 500m of cpu, below the 1 of profile"
                + " `plain` (homelab.yaml:29), so the namespace has less room than the profile"
                + " says");
  }
}
