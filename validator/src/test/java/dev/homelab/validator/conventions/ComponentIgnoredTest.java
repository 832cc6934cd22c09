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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ComponentIgnoredTest extends RuleFixtureTest {
  @Override
  protected String ruleId() {
    return "component-ignored";
  }

  /** The fixture's tree as {@code gitops/} of a repository whose top .homelabignore is given. */
  private static List<String> findingsUnder(Path repository, String ignored) throws Exception {
    Path tree = repository.resolve("gitops");
    Trees.copy(
        RepoPaths.repoRoot().resolve("validator/src/test/resources/conventions/component-ignored"),
        tree);
    Files.delete(tree.resolve(".homelabignore"));
    Files.delete(tree.resolve("applications/.homelabignore"));
    Trees.write(repository, ".homelabignore", ignored);
    Workspace workspace =
        WorkspaceLoader.load(new WorkspaceLoader.Request(List.of(tree), null, repository));
    return new ComponentIgnored()
        .check(new LabTree(workspace, workspace.config().orElseThrow())).stream()
            .map(finding -> finding.location() + " " + finding.message())
            .toList();
  }

  /** A line above the tree that names the tree's own folder hides every component at once. */
  @ParameterizedTest
  @ValueSource(strings = {"gitops/", "/gitops", "gitops", "*", "**"})
  void aLineThatLeavesOutTheTreeItselfIsReportedOnce(String pattern, @TempDir Path repository)
      throws Exception {
    assertThat(findingsUnder(repository, "# The lab's tree.\n" + pattern + "\n"))
        .containsExactly(
            ".homelabignore:2:1 `"
                + pattern
                + "` leaves out the lab's whole tree, `gitops/`, with the folders of all 6 of its"
                + " components, which Argo CD still syncs; no check sees their files");
  }

  /** A lone slash is an empty pattern, in git and in discovery alike: it leaves out nothing. */
  @Test
  void aLoneSlashLeavesOutNothing(@TempDir Path repository) throws Exception {
    assertThat(findingsUnder(repository, "/\n")).isEmpty();
    Workspace workspace =
        WorkspaceLoader.load(
            new WorkspaceLoader.Request(List.of(repository.resolve("gitops")), null, repository));
    assertThat(workspace.resources()).hasSize(6);
  }
}
