package dev.homelab.validator.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.testing.RepoPaths;
import dev.homelab.core.testing.Trees;
import dev.homelab.core.workspace.Workspace;
import dev.homelab.core.workspace.WorkspaceLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrossNamespaceReferenceTest extends RuleFixtureTest {
  @Override
  protected String ruleId() {
    return "cross-namespace-reference";
  }

  @Test
  void nothingIsReportedOnceTheHelmChartConfigAllowsIt(@TempDir Path tree) throws Exception {
    Trees.copy(
        RepoPaths.repoRoot()
            .resolve("validator/src/test/resources/conventions/cross-namespace-reference"),
        tree);
    Path config = tree.resolve("infrastructure/traefik/helmchartconfig.yaml");
    Files.writeString(
        config,
        Files.readString(config)
            .replace(
                "    providers:\n",
                "    providers:\n      kubernetesCRD:\n        allowCrossNamespace: true\n"));
    Workspace workspace =
        WorkspaceLoader.load(new WorkspaceLoader.Request(List.of(tree), null, tree));

    assertThat(Files.readString(config)).contains("allowCrossNamespace: true");
    assertThat(
            new CrossNamespaceReference()
                .check(new LabTree(workspace, workspace.config().orElseThrow())))
        .isEmpty();
  }
}
