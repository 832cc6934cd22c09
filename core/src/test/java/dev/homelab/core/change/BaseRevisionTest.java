package dev.homelab.core.change;

import static dev.homelab.core.testing.GitRepos.git;
import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.model.Resource;
import dev.homelab.core.testing.RepoPaths;
import dev.homelab.core.testing.Trees;
import dev.homelab.core.workspace.Workspace;
import dev.homelab.core.workspace.WorkspaceLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The revision {@code --base} compares with, read from real git repositories. */
class BaseRevisionTest {

  @TempDir Path scratch;

  @Test
  void aDotGitFileNamingASeparateGitDirectoryReadsTheLabAtItsFolder() throws Exception {
    Path lab = scratch.resolve("separate/lab");
    Trees.copy(RepoPaths.gitopsTree(), lab.resolve("gitops"));
    git(lab, "init", "-q", "-b", "main", "--separate-git-dir", "../lab.git");
    git(lab, "add", "-A");
    git(
        lab,
        "-c",
        "user.name=Lab",
        "-c",
        "user.email=lab@example.com",
        "-c",
        "commit.gpgSign=false",
        "commit",
        "-q",
        "-m",
        "lab");
    Path deployment = lab.resolve("gitops/applications/nginx/deployment.yaml");
    Files.writeString(
        deployment,
        Files.readString(deployment).replace("instance: nginx-proxy", "instance: nginx-edge"));
    Path tree = lab.resolve("gitops");

    BaseRevision base = BaseRevision.load(tree.resolve("homelab.yaml"), "HEAD").orElseThrow();

    Workspace current =
        WorkspaceLoader.load(
            new WorkspaceLoader.Request(List.of(tree), tree.resolve("homelab.yaml"), lab));
    Resource nginx =
        current.resources().stream()
            .filter(r -> r.kind().equals("Deployment") && r.name().equals("nginx-proxy"))
            .findFirst()
            .orElseThrow();
    assertThat(base.earlierVersion(nginx)).isPresent();
    assertThat(base.changedFiles()).containsOnlyKeys("applications/nginx/deployment.yaml");
  }
}
