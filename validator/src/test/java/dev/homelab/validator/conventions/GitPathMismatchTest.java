package dev.homelab.validator.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.testing.GitRepos;
import dev.homelab.core.testing.LabFixtures;
import dev.homelab.core.testing.Trees;
import dev.homelab.core.workspace.Workspace;
import dev.homelab.core.workspace.WorkspaceLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitPathMismatchTest extends RuleFixtureTest {
  @Override
  protected String ruleId() {
    return "git-path-mismatch";
  }

  @TempDir Path lab;

  private static List<Finding> check(Path tree) throws Exception {
    Workspace workspace =
        WorkspaceLoader.load(new WorkspaceLoader.Request(List.of(tree), null, tree));
    return new GitPathMismatch()
        .check(new LabTree(workspace, workspace.config().orElseThrow(), null));
  }

  /** A lab moved into a repository of its own keeps the gitops/ it had; Argo CD finds nothing. */
  @Test
  void aTreeAtTheTopOfItsRepositoryWantsTheDot() throws Exception {
    Trees.write(lab, "homelab.yaml", LabFixtures.MINIMAL_CONFIG);
    GitRepos.init(lab);

    assertThat(check(lab))
        .singleElement()
        .satisfies(
            finding -> {
              assertThat(finding.location().toString()).isEqualTo("homelab.yaml:8:9");
              assertThat(finding.message())
                  .isEqualTo(
                      "git.path is `gitops`, but this homelab.yaml lies at the top of its"
                          + " repository, so the generated Applications point Argo CD at"
                          + " `gitops/`; set git.path to `.`");
            });
    Trees.write(
        lab, "homelab.yaml", LabFixtures.MINIMAL_CONFIG.replace("  path: gitops\n", "  path: .\n"));
    assertThat(check(lab)).isEmpty();
  }

  @Test
  void outsideARepositoryNothingIsKnownAboutThePath() throws Exception {
    Trees.write(
        lab,
        "homelab.yaml",
        LabFixtures.MINIMAL_CONFIG.replace("  path: gitops\n", "  path: anywhere\n"));

    assertThat(check(lab)).isEmpty();
  }
}
