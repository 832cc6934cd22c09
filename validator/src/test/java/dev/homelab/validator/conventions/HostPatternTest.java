package dev.homelab.validator.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.testing.LabFixtures;
import dev.homelab.core.testing.RepoPaths;
import dev.homelab.core.testing.Trees;
import dev.homelab.core.workspace.Workspace;
import dev.homelab.core.workspace.WorkspaceLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostPatternTest extends RuleFixtureTest {
  @Override
  protected String ruleId() {
    return "host-pattern";
  }

  @Test
  void aHostRegexpRouteIsNotSaidToServeEveryHost(@TempDir Path tree) throws Exception {
    Trees.copy(
        RepoPaths.repoRoot().resolve("validator/src/test/resources/conventions/host-pattern"),
        tree);
    Trees.write(tree, "homelab.yaml", LabFixtures.MINIMAL_CONFIG);
    Workspace workspace =
        WorkspaceLoader.load(new WorkspaceLoader.Request(List.of(tree), null, tree));

    List<String> messages =
        new HostPattern()
            .check(new LabTree(workspace, workspace.config().orElseThrow())).stream()
                .map(Finding::message)
                .filter(message -> message.contains("HostRegexp"))
                .toList();

    assertThat(messages)
        .containsExactly(
            "IngressRoute `traefik-dashboard` route 6 matches its hosts by HostRegexp(), not by"
                + " Host() on {service}.home.example.com");
  }
}
