package dev.homelab.core.workspace;

import static dev.homelab.core.testing.Trees.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.homelab.core.cli.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the tools find the lab when no path is given. */
class ProjectPathsTest {

  @TempDir Path repo;

  @BeforeEach
  void aRepository() throws Exception {
    Files.createDirectories(repo.resolve(".git"));
    write(repo, "docs/adrs/0001-k3s.md", "# K3s\n");
  }

  @Test
  void theLabInTheOneFolderAtTheTopThatHoldsAConfigIsFoundFromAnywhereInTheRepository()
      throws Exception {
    write(repo, "k8s/homelab.yaml", "name: lab\n");
    write(repo, ".cache/homelab.yaml", "name: not a lab\n");

    assertThat(ProjectPaths.defaultTree(repo)).contains(repo.resolve("k8s"));
    assertThat(ProjectPaths.defaultTree(repo.resolve("docs/adrs"))).contains(repo.resolve("k8s"));
  }

  @Test
  void aGitopsFolderIsTakenBeforeOtherFolders() throws Exception {
    write(repo, "gitops/homelab.yaml", "name: lab\n");
    write(repo, "k8s/homelab.yaml", "name: another\n");

    assertThat(ProjectPaths.defaultTree(repo)).contains(repo.resolve("gitops"));
  }

  @Test
  void severalLabsAtTheTopAreAUsageErrorThatNamesThem() throws Exception {
    write(repo, "k8s/homelab.yaml", "name: lab\n");
    write(repo, "staging/homelab.yaml", "name: another\n");

    assertThatThrownBy(() -> ProjectPaths.defaultTree(repo))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("2 folders of " + repo)
        .hasMessageContaining("(k8s/, staging/); name the lab to check");
  }

  /**
   * A hook's staged ignore file stands for the labs whose files it decides: the lab it lies in, or
   * the labs below its folder; one above no lab stays, to be left out as in no lab.
   */
  @Test
  void aStagedIgnoreFileStandsForTheLabsWhoseFilesItDecides() throws Exception {
    write(repo, "gitops/homelab.yaml", "name: lab\n");
    write(repo, "k8s/homelab.yaml", "name: another\n");
    Path top = write(repo, ".gitignore", "*.tmp\n");
    Path inside = write(repo, "gitops/apps/.homelabignore", "notes.yaml\n");
    Path manifest = write(repo, "gitops/apps/a.yaml", "a: 1\n");
    Path docs = write(repo, "docs/.gitignore", "*.tmp\n");

    assertThat(ProjectPaths.withIgnoreFilesAsLabs(List.of(top)))
        .containsExactly(repo.resolve("gitops"), repo.resolve("k8s"));
    assertThat(ProjectPaths.withIgnoreFilesAsLabs(List.of(manifest, inside)))
        .containsExactly(manifest, repo.resolve("gitops"));
    assertThat(ProjectPaths.withIgnoreFilesAsLabs(List.of(docs, manifest)))
        .containsExactly(docs, manifest);
  }

  @Test
  void aRepositoryWithoutALabHasNone() {
    assertThat(ProjectPaths.defaultTree(repo.resolve("docs"))).isEmpty();
  }

  @Test
  void repositoryPathsDropEmptyAndDotSegments() {
    assertThat(ProjectPaths.repoPath(".", "apps/media/")).isEqualTo("apps/media");
    assertThat(ProjectPaths.repoPath("./k8s//", "generated", "apps"))
        .isEqualTo("k8s/generated/apps");
    assertThat(ProjectPaths.repoPath(".", "")).isEmpty();
  }
}
