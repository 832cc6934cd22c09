package dev.homelab.core.git;

import static dev.homelab.core.testing.GitRepos.git;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repository of a folder, found as the git CLI finds it, in real repositories. */
class GitDiscoveryTest {

  @TempDir Path scratch;

  @Test
  void aDotGitFileNamingASeparateGitDirectoryHasItsFolderAsTheWorkTree() throws Exception {
    Path lab = scratch.resolve("separate/lab");
    git(lab, "init", "-q", "--separate-git-dir", "../lab.git");
    Files.createDirectories(lab.resolve("gitops"));

    assertThat(workTree(lab.resolve("gitops"))).isEqualTo(toplevel(lab.resolve("gitops")));
    assertThat(toplevel(lab)).isEqualTo(lab.toRealPath());
  }

  @Test
  void aSeparateGitDirectoryWithoutCoreBareIsNotBare() throws Exception {
    Path lab = scratch.resolve("unset/lab");
    git(lab, "init", "-q", "--separate-git-dir", "../lab.git");
    git(lab, "config", "--unset", "core.bare");

    assertThat(workTree(lab)).isEqualTo(toplevel(lab));
  }

  @Test
  void aPlainRepositoryIsFoundFromASubfolder() throws Exception {
    Path lab = scratch.resolve("plain");
    git(lab, "init", "-q");
    Files.createDirectories(lab.resolve("gitops"));

    assertThat(workTree(lab.resolve("gitops"))).isEqualTo(lab.toRealPath());
    assertThat(GitDiscovery.find(lab).orElseThrow().gitDir().toPath())
        .isEqualTo(lab.resolve(".git"));
  }

  private static Path workTree(Path start) throws Exception {
    try (Repository repository = GitDiscovery.find(start).orElseThrow().open()) {
      assertThat(repository.isBare()).isFalse();
      return repository.getWorkTree().toPath().toRealPath();
    }
  }

  private static Path toplevel(Path directory) throws Exception {
    return Path.of(git(directory, "rev-parse", "--show-toplevel").strip()).toRealPath();
  }
}
