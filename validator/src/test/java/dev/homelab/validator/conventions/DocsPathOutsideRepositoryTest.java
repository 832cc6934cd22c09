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

class DocsPathOutsideRepositoryTest extends RuleFixtureTest {
  @Override
  protected String ruleId() {
    return "docs-path-outside-repository";
  }

  @TempDir Path lab;

  private static List<Finding> check(Path tree) throws Exception {
    Workspace workspace =
        WorkspaceLoader.load(new WorkspaceLoader.Request(List.of(tree), null, tree));
    return new DocsPathOutsideRepository()
        .check(new LabTree(workspace, workspace.config().orElseThrow(), null));
  }

  /**
   * A lab at the top of its repository keeps the default docsPath, ../docs, beside the repository:
   * generate refuses it, so validate says so first, at the file's start since the key is unset.
   */
  @Test
  void anUnsetDocsPathAtTheTopOfTheRepositoryIsReportedAtTheFileStart() throws Exception {
    String config = LabFixtures.MINIMAL_CONFIG.replace("  path: gitops\n", "  path: .\n");
    Trees.write(lab, "homelab.yaml", config);
    GitRepos.init(lab);

    assertThat(check(lab))
        .singleElement()
        .satisfies(
            finding -> {
              assertThat(finding.location().toString()).isEqualTo("homelab.yaml:1:1");
              assertThat(finding.message())
                  .isEqualTo(
                      "`docsPath` is `../docs` (the default, which suits a lab in a gitops/"
                          + " folder), which leads outside the repository that the generator"
                          + " commits to; set it to a folder inside the repository, such as"
                          + " `docs` for a lab at its top");
            });
    Trees.write(lab, "homelab.yaml", "docsPath: docs\n" + config);
    assertThat(check(lab)).isEmpty();
  }

  @Test
  void outsideARepositoryNothingIsKnownAboutThePaths() throws Exception {
    Trees.write(lab, "homelab.yaml", LabFixtures.MINIMAL_CONFIG);

    assertThat(check(lab)).isEmpty();
  }
}
