package dev.homelab.generator.git;

import static dev.homelab.generator.git.GitOpsRepositoryCommitTest.files;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pushing to a real bare remote over {@code file://}, including the race where someone else pushed
 * first. Every check of the outcome goes through the git CLI.
 */
class PushTest {
  private static final String ROOT = "gitops/argocd/root.yaml";
  private static final PersonIdent BOT = new PersonIdent("Lab Bot", "bot@homelab.dev");

  @TempDir Path scratch;
  private GitCli cli;
  private Path remote;
  private String remoteUrl;
  private Path local;
  private Path other;
  private GitCredentials credentials;

  @BeforeEach
  void createRemoteAndTwoClones() throws IOException {
    cli = GitCli.isolatedIn(scratch);
    remote = scratch.resolve("remote.git");
    remoteUrl = cli.newBareRemote(remote, scratch);
    cli.run(scratch, "clone", "-q", remoteUrl, "local");
    cli.run(scratch, "clone", "-q", remoteUrl, "other");
    local = scratch.resolve("local");
    other = scratch.resolve("other");
    credentials = GitCredentials.none(scratch);
  }

  @Test
  void pushLandsTheCommitOnTheBareRemote() {
    ObjectId commit;
    PushOutcome outcome;
    try (GitOpsRepository git = GitOpsRepository.open(local)) {
      git.writeAll(files(ROOT, "root: 1\n"), Set.of());
      commit = git.commit(List.of("gitops"), "Generate app-of-apps", BOT).orElseThrow();
      outcome = git.push("origin", "main", credentials);
    }

    assertThat(outcome.rebased()).isFalse();
    assertThat(outcome.alreadyUpToDate()).isFalse();
    assertThat(outcome.commit()).isEqualTo(commit);
    assertThat(cli.run(remote, "rev-parse", "main")).isEqualTo(commit.name());
    assertThat(cli.run(local, "rev-parse", "origin/main"))
        .as("tracking ref updated")
        .isEqualTo(commit.name());
  }

  @Test
  void pushingAgainWithoutNewCommitsIsAnUpToDateNoOp() {
    try (GitOpsRepository git = GitOpsRepository.open(local)) {
      assertThat(git.push("origin", "main", credentials).alreadyUpToDate()).isTrue();
    }
  }

  @Test
  void nonFastForwardOnAnotherFileRecoversByRebaseWithLinearHistory() throws IOException {
    String theirs = commitAndPushFromOther("docs/runbook.md", "# runbook\n", "Add runbook");

    PushOutcome outcome;
    try (GitOpsRepository git = GitOpsRepository.open(local)) {
      git.writeAll(files(ROOT, "root: 1\n"), Set.of());
      ObjectId mine = git.commit(List.of("gitops"), "Generate app-of-apps", BOT).orElseThrow();
      outcome = git.push("origin", "main", credentials);
      assertThat(outcome.commit()).isNotEqualTo(mine);
    }

    assertThat(outcome.rebased()).isTrue();
    assertThat(cli.run(remote, "rev-parse", "main")).isEqualTo(outcome.commit().name());
    assertThat(cli.lines(remote, "log", "--format=%s", "main"))
        .containsExactly("Generate app-of-apps", "Add runbook", "Initial commit");
    assertThat(cli.run(remote, "rev-list", "--merges", "--count", "main"))
        .as("linear")
        .isEqualTo("0");
    assertThat(cli.tryRun(remote, null, "merge-base", "--is-ancestor", theirs, "main").exitCode())
        .as("the other developer's commit is kept, not force-overwritten")
        .isZero();
    assertThat(cli.run(local, "log", "-1", "--format=%an", "main")).isEqualTo("Lab Bot");
    assertThat(cli.run(local, "status", "--porcelain")).isEmpty();
  }

  @Test
  void recoveryKeepsUnrelatedLocalEditsInTheWorkingTree() throws IOException {
    commitAndPushFromOther("docs/runbook.md", "# runbook\n", "Add runbook");
    Files.writeString(local.resolve("README.md"), "# home lab, local edit\n");
    Files.writeString(local.resolve("notes.txt"), "untracked\n");

    try (GitOpsRepository git = GitOpsRepository.open(local)) {
      git.writeAll(files(ROOT, "root: 1\n"), Set.of());
      git.commit(List.of("gitops"), "Generate app-of-apps", BOT).orElseThrow();
      assertThat(git.push("origin", "main", credentials).rebased()).isTrue();
    }

    assertThat(cli.lines(remote, "log", "--format=%s", "main"))
        .containsExactly("Generate app-of-apps", "Add runbook", "Initial commit");
    assertThat(cli.lines(local, "status", "--porcelain"))
        .containsExactly(" M README.md", "?? notes.txt");
    assertThat(Files.readString(local.resolve("README.md"))).isEqualTo("# home lab, local edit\n");
    assertThat(cli.run(local, "stash", "list"))
        .as("autostash was re-applied and dropped")
        .isEmpty();
    assertThat(cli.tryRun(local, null, "config", "--get", "rebase.autostash").exitCode())
        .as("autostash is never written to the user's config")
        .isEqualTo(1);
  }

  @Test
  void conflictWithUnrelatedLocalEditsRestoresThoseEditsAfterTheAbort() throws IOException {
    commitAndPushFromOther(ROOT, "root: edited by someone else\n", "Hand edit root");
    Files.writeString(local.resolve("README.md"), "# home lab, local edit\n");

    ObjectId mine;
    try (GitOpsRepository git = GitOpsRepository.open(local)) {
      git.writeAll(files(ROOT, "root: generated\n"), Set.of());
      mine = git.commit(List.of("gitops"), "Generate app-of-apps", BOT).orElseThrow();
      assertThatThrownBy(() -> git.push("origin", "main", credentials))
          .isInstanceOf(PushRejectedException.class)
          .hasMessageContaining("conflicts in " + ROOT);
    }

    assertThat(cli.run(local, "rev-parse", "HEAD")).isEqualTo(mine.name());
    assertThat(local.resolve(".git/rebase-merge")).doesNotExist();
    assertThat(cli.lines(local, "status", "--porcelain")).containsExactly(" M README.md");
    assertThat(Files.readString(local.resolve("README.md"))).isEqualTo("# home lab, local edit\n");
    assertThat(cli.run(local, "stash", "list")).isEmpty();
  }

  @Test
  void conflictingNonFastForwardLeavesTheLocalRepositoryConsistent() throws IOException {
    String theirs =
        commitAndPushFromOther(ROOT, "root: edited by someone else\n", "Hand edit root");

    ObjectId mine;
    try (GitOpsRepository git = GitOpsRepository.open(local)) {
      git.writeAll(files(ROOT, "root: generated\n"), Set.of());
      mine = git.commit(List.of("gitops"), "Generate app-of-apps", BOT).orElseThrow();

      assertThatThrownBy(() -> git.push("origin", "main", credentials))
          .isInstanceOf(PushRejectedException.class)
          .hasMessageContaining("conflicts in " + ROOT)
          .hasMessageContaining("rebase was aborted")
          .satisfies(
              e ->
                  assertThat(((PushRejectedException) e).conflictingPaths()).containsExactly(ROOT));
    }

    assertThat(cli.run(local, "rev-parse", "HEAD")).isEqualTo(mine.name());
    assertThat(cli.run(local, "symbolic-ref", "HEAD")).isEqualTo("refs/heads/main");
    assertThat(local.resolve(".git/rebase-merge")).doesNotExist();
    assertThat(local.resolve(".git/rebase-apply")).doesNotExist();
    assertThat(cli.run(local, "status", "--porcelain")).isEmpty();
    assertThat(Files.readString(local.resolve(ROOT))).isEqualTo("root: generated\n");
    assertThat(cli.run(remote, "rev-parse", "main")).as("remote untouched").isEqualTo(theirs);
  }

  @Test
  void onlyTheCheckedOutBranchCanBePushed() {
    try (GitOpsRepository git = GitOpsRepository.open(local)) {
      assertThatThrownBy(() -> git.push("origin", "release", credentials))
          .isInstanceOf(GitOpsException.class)
          .hasMessageContaining("checked-out branch main");
    }
  }

  private String commitAndPushFromOther(String path, String content, String message)
      throws IOException {
    Files.createDirectories(other.resolve(path).getParent());
    Files.writeString(other.resolve(path), content);
    cli.run(other, "add", path);
    cli.run(other, "commit", "-q", "-m", message);
    cli.run(other, "push", "-q", "origin", "main");
    return cli.run(other, "rev-parse", "HEAD");
  }
}
