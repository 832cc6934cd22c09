package dev.homelab.generator.git;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.homelab.core.cli.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing and committing generated files in a real repository, read back with the git CLI. */
class GitOpsRepositoryCommitTest {
  private static final String ARGOCD = "gitops/argocd";
  private static final String ROOT = ARGOCD + "/root.yaml";
  private static final String TRAEFIK = ARGOCD + "/apps/infra/traefik.yaml";
  private static final String LOKI = ARGOCD + "/apps/monitoring/loki.yaml";
  private static final PersonIdent BOT = new PersonIdent("Lab Bot", "bot@homelab.dev");

  @TempDir Path scratch;
  private GitCli cli;
  private Path repo;

  @BeforeEach
  void createRepository() throws IOException {
    cli = GitCli.isolatedIn(scratch);
    repo = cli.newRepository(scratch.resolve("lab"));
  }

  @Test
  void firstRunCommitsExactlyTheGeneratedFiles() {
    try (GitOpsRepository git = GitOpsRepository.open(repo)) {
      WriteResult written =
          git.writeAll(files(ROOT, "root: 1\n", TRAEFIK, "app: traefik\n"), Set.of());
      Optional<ObjectId> commit = git.commit(List.of(ARGOCD), "Generate app-of-apps", BOT);

      assertThat(written.written()).containsExactly(TRAEFIK, ROOT);
      assertThat(commit).isPresent();
      assertThat(cli.run(repo, "rev-parse", "HEAD")).isEqualTo(commit.get().name());
      assertThat(cli.lines(repo, "log", "--format=%s"))
          .containsExactly("Generate app-of-apps", "Initial commit");
      assertThat(cli.lines(repo, "show", "--name-status", "--format=", "HEAD"))
          .containsExactly("A\t" + TRAEFIK, "A\t" + ROOT);
      assertThat(cli.run(repo, "log", "-1", "--format=%an <%ae>"))
          .isEqualTo("Lab Bot <bot@homelab.dev>");
      assertThat(cli.run(repo, "status", "--porcelain")).isEmpty();
    }
  }

  @Test
  void secondIdenticalRunMakesNoCommit() {
    Map<String, byte[]> output = files(ROOT, "root: 1\n", TRAEFIK, "app: traefik\n");
    try (GitOpsRepository git = GitOpsRepository.open(repo)) {
      git.writeAll(output, Set.of());
      git.commit(List.of(ARGOCD), "Generate app-of-apps", BOT).orElseThrow();
    }
    String headBefore = cli.run(repo, "rev-parse", "HEAD");

    try (GitOpsRepository git = GitOpsRepository.open(repo)) {
      WriteResult second = git.writeAll(output, Set.of());
      Optional<ObjectId> commit = git.commit(List.of(ARGOCD), "Generate app-of-apps", BOT);

      assertThat(second.changed()).isEmpty();
      assertThat(second.unchanged()).containsExactly(TRAEFIK, ROOT);
      assertThat(commit).isEmpty();
    }
    assertThat(cli.run(repo, "rev-parse", "HEAD")).isEqualTo(headBefore);
    assertThat(cli.run(repo, "rev-list", "--count", "HEAD")).isEqualTo("2");
  }

  @Test
  void addedChangedAndRemovedFilesShowInTheCommit() {
    try (GitOpsRepository git = GitOpsRepository.open(repo)) {
      git.writeAll(files(ROOT, "root: 1\n", TRAEFIK, "app: traefik\n"), Set.of());
      git.commit(List.of(ARGOCD), "Add traefik", BOT).orElseThrow();

      WriteResult second =
          git.writeAll(files(ROOT, "root: 2\n", LOKI, "app: loki\n"), Set.of(TRAEFIK));
      git.commit(List.of(ARGOCD), "Add loki, remove traefik", BOT).orElseThrow();

      assertThat(second.written()).containsExactly(LOKI, ROOT);
      assertThat(second.deleted()).containsExactly(TRAEFIK);
    }
    assertThat(cli.lines(repo, "show", "--name-status", "--format=", "HEAD"))
        .containsExactly("D\t" + TRAEFIK, "A\t" + LOKI, "M\t" + ROOT);
    assertThat(cli.run(repo, "show", "HEAD:" + ROOT)).isEqualTo("root: 2");
    assertThat(repo.resolve(ARGOCD + "/apps/infra")).as("emptied folder is pruned").doesNotExist();
    assertThat(cli.run(repo, "status", "--porcelain")).isEmpty();
  }

  @Test
  void unrelatedDirtyFilesAreNeitherStagedNorCommitted() throws IOException {
    Files.writeString(repo.resolve("README.md"), "# home lab, edited\n");
    Files.writeString(repo.resolve("notes.txt"), "scratch\n");
    Files.createDirectories(repo.resolve("docs"));
    Files.writeString(repo.resolve("docs/staged.md"), "staged by the user\n");
    cli.run(repo, "add", "docs/staged.md");
    List<String> before = cli.lines(repo, "status", "--porcelain");

    try (GitOpsRepository git = GitOpsRepository.open(repo)) {
      git.writeAll(files(ROOT, "root: 1\n"), Set.of());
      git.commit(List.of(ARGOCD), "Generate app-of-apps", BOT).orElseThrow();
    }

    assertThat(cli.lines(repo, "show", "--name-only", "--format=", "HEAD")).containsExactly(ROOT);
    assertThat(before)
        .containsExactlyInAnyOrder(" M README.md", "A  docs/staged.md", "?? notes.txt");
    assertThat(cli.lines(repo, "status", "--porcelain")).containsExactlyElementsOf(before);
  }

  @Test
  void dirtyFilesUnderGeneratedPathsAreReportedAndOthersAreNot() throws IOException {
    String extra = ARGOCD + "/apps/infra/metallb.yaml";
    try (GitOpsRepository git = GitOpsRepository.open(repo)) {
      git.writeAll(
          files(ROOT, "root: 1\n", TRAEFIK, "app: traefik\n", extra, "app: metallb\n"), Set.of());
      git.commit(List.of(ARGOCD), "Generate app-of-apps", BOT).orElseThrow();
      assertThat(git.dirtyPaths(List.of(ARGOCD))).isEmpty();
    }
    Files.writeString(repo.resolve(ROOT), "root: hand-edited\n");
    Files.delete(repo.resolve(TRAEFIK));
    Files.writeString(repo.resolve(extra), "app: metallb, staged\n");
    cli.run(repo, "add", extra);
    Files.createDirectories(repo.resolve(ARGOCD + "/apps/new"));
    Files.writeString(repo.resolve(ARGOCD + "/apps/new/stray.yaml"), "stray: true\n");
    Files.writeString(repo.resolve("README.md"), "# dirty outside\n");

    try (GitOpsRepository git = GitOpsRepository.open(repo)) {
      assertThat(git.dirtyPaths(List.of(ARGOCD)))
          .containsExactly(extra, TRAEFIK, ARGOCD + "/apps/new/stray.yaml", ROOT);
      assertThat(git.dirtyPaths(List.of("docs"))).isEmpty();
    }
    assertThat(cli.lines(repo, "status", "--porcelain", "-uall", "--", ARGOCD)).hasSize(4);
  }

  @Test
  void theDiscardCommandUndoesStagedUnstagedAndUntrackedEditsFromAnyFolder() throws IOException {
    String staged = ARGOCD + "/apps/infra/metallb.yaml";
    String stagedNew = ARGOCD + "/apps/infra/new.yaml";
    String untracked = ARGOCD + "/apps/new/stray.yaml";
    try (GitOpsRepository git = GitOpsRepository.open(repo)) {
      git.writeAll(
          files(ROOT, "root: 1\n", TRAEFIK, "app: traefik\n", staged, "app: metallb\n"), Set.of());
      git.commit(List.of(ARGOCD), "Generate app-of-apps", BOT).orElseThrow();
    }
    Path subfolder = Files.createDirectories(repo.resolve("gitops"));
    Path outside = Files.createDirectories(scratch.resolve("elsewhere"));
    for (Path workingDir : List.of(repo, subfolder, outside)) {
      Files.writeString(repo.resolve(ROOT), "root: hand-edited\n");
      Files.delete(repo.resolve(TRAEFIK));
      Files.writeString(repo.resolve(staged), "app: metallb, staged\n");
      Files.writeString(repo.resolve(stagedNew), "app: new\n");
      cli.run(repo, "add", staged, stagedNew);
      Files.createDirectories(repo.resolve(untracked).getParent());
      Files.writeString(repo.resolve(untracked), "stray: true\n");

      String command;
      try (GitOpsRepository git = GitOpsRepository.open(repo)) {
        command = git.discardCommand(workingDir, git.dirtyPaths(List.of(ARGOCD)));
      }
      cli.shell(workingDir, command);

      assertThat(cli.run(repo, "status", "--porcelain", "-uall")).as(command).isEmpty();
      assertThat(Files.readString(repo.resolve(ROOT))).isEqualTo("root: 1\n");
      assertThat(Files.readString(repo.resolve(TRAEFIK))).isEqualTo("app: traefik\n");
      assertThat(Files.readString(repo.resolve(staged))).isEqualTo("app: metallb\n");
    }
  }

  @Test
  void authorComesFromTheOptionOrFromGitConfig() {
    cli.run(repo, "config", "user.name", "Repo Owner");
    cli.run(repo, "config", "user.email", "owner@homelab.dev");
    try (GitOpsRepository git = GitOpsRepository.open(repo)) {
      PersonIdent fromOption = git.resolveAuthor("Ops Person <ops@homelab.dev>");
      PersonIdent fromConfig = git.resolveAuthor(null);

      assertThat(fromOption.getName()).isEqualTo("Ops Person");
      assertThat(fromOption.getEmailAddress()).isEqualTo("ops@homelab.dev");
      assertThat(fromConfig.getName()).isEqualTo("Repo Owner");
      assertThat(fromConfig.getEmailAddress()).isEqualTo("owner@homelab.dev");

      git.writeAll(files(ROOT, "root: 1\n"), Set.of());
      git.commit(List.of(ARGOCD), "Generate", fromOption).orElseThrow();
    }
    assertThat(cli.run(repo, "log", "-1", "--format=%an <%ae>|%cn <%ce>"))
        .isEqualTo("Ops Person <ops@homelab.dev>|Repo Owner <owner@homelab.dev>");
  }

  @Test
  void missingOrMalformedAuthorIsAClearError() {
    // Usage errors, so the command exits 2 as for any other bad option or setting.
    assertThatThrownBy(() -> CommitAuthor.resolve(null, new Config()))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("user.name")
        .hasMessageContaining("--author");
    assertThatThrownBy(() -> CommitAuthor.parse("just a name"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("Name <email>");
  }

  @Test
  void openFindsTheRepositoryFromASubfolderAndExplainsWhenThereIsNone() throws IOException {
    Path deep = Files.createDirectories(repo.resolve("gitops/infrastructure/traefik"));
    try (GitOpsRepository git = GitOpsRepository.open(deep)) {
      assertThat(git.workTree()).isEqualTo(repo.toRealPath());
      assertThat(git.currentBranch()).isEqualTo("main");
      assertThat(git.head().orElseThrow().name()).isEqualTo(cli.run(repo, "rev-parse", "HEAD"));
    }
    Path outside = Files.createDirectories(scratch.resolve("not-a-repo/sub"));
    assertThatThrownBy(() -> GitOpsRepository.open(outside))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("no git repository at or above " + outside);
  }

  @Test
  void aLinkedWorktreeIsOpenedCommittedToAndLockedOnItsOwn() throws IOException {
    Path worktree = scratch.resolve("lab-feature");
    cli.run(repo, "worktree", "add", "-q", "-b", "feature", worktree.toString());

    try (GitOpsRepository git = GitOpsRepository.open(worktree.resolve("."))) {
      assertThat(git.currentBranch()).isEqualTo("feature");
      try (RepositoryLock lock = git.lock()) {
        assertThat(lock.file()).startsWith(repo.resolve(".git/worktrees"));
        try (GitOpsRepository main = GitOpsRepository.open(repo)) {
          main.lock().close();
        }
      }
      git.writeAll(files(ROOT, "root: feature\n"), Set.of());
      git.commit(List.of(ARGOCD), "Generate on feature", BOT).orElseThrow();
    }

    assertThat(cli.run(repo, "log", "-1", "--format=%s", "feature"))
        .isEqualTo("Generate on feature");
    assertThat(cli.run(repo, "log", "-1", "--format=%s", "main")).isEqualTo("Initial commit");
    assertThat(cli.run(worktree, "status", "--porcelain")).isEmpty();
  }

  @Test
  void aDotGitFileNamingASeparateGitDirectoryHasItsFolderAsTheWorkTree() throws IOException {
    Path lab = scratch.resolve("separate/lab");
    Files.createDirectories(lab);
    cli.run(lab, "init", "-q", "-b", "main", "--separate-git-dir", "../lab.git");
    Files.writeString(lab.resolve("README.md"), "# home lab\n");
    cli.run(lab, "add", "README.md");
    cli.run(lab, "commit", "-q", "-m", "Initial commit");

    try (GitOpsRepository git = GitOpsRepository.open(lab.resolve("sub/.."))) {
      assertThat(git.workTree()).isEqualTo(lab.toRealPath());
      git.writeAll(files(ROOT, "root: 1\n"), Set.of());
      git.commit(List.of(ARGOCD), "Generate app-of-apps", BOT).orElseThrow();
    }

    assertThat(cli.lines(lab, "show", "--name-status", "--format=", "HEAD"))
        .containsExactly("A\t" + ROOT);
    assertThat(cli.run(lab, "status", "--porcelain")).isEmpty();
  }

  @Test
  void aCommitThatCannotStageForAnotherCommandsIndexLockSaysTheIndexIsUntouched()
      throws IOException {
    try (GitOpsRepository git = GitOpsRepository.open(repo)) {
      git.writeAll(files(ROOT, "root: 1\n"), Set.of());
      Path indexLock = Files.createFile(repo.resolve(".git/index.lock"));

      assertThatThrownBy(() -> git.commit(List.of(ARGOCD), "Generate app-of-apps", BOT))
          .isInstanceOf(GitOpsException.class)
          .hasMessageContaining("could not commit the 1 changed files under " + ARGOCD)
          .hasMessageEndingWith("; the index was left as it was")
          .message()
          .doesNotContain("left staged");

      Files.delete(indexLock);
    }
    assertThat(cli.lines(repo, "status", "--porcelain", "--untracked-files=all"))
        .containsExactly("?? " + ROOT);
  }

  @Test
  void aCommitThatFailsOnTheRefLockPutsTheStagedEntriesBack() throws IOException {
    try (GitOpsRepository git = GitOpsRepository.open(repo)) {
      git.writeAll(files(ROOT, "root: 1\n"), Set.of());
      git.commit(List.of(ARGOCD), "Generate app-of-apps", BOT).orElseThrow();
      git.writeAll(files(ROOT, "root: 2\n", TRAEFIK, "app: traefik\n"), Set.of());
      Path refLock = Files.createFile(repo.resolve(".git/refs/heads/main.lock"));

      assertThatThrownBy(() -> git.commit(List.of(ARGOCD), "Refresh", BOT))
          .isInstanceOf(GitOpsException.class)
          .hasMessageContaining("Could not lock HEAD")
          .hasMessageEndingWith("; the index was left as it was");

      Files.delete(refLock);
    }
    assertThat(cli.lines(repo, "status", "--porcelain", "--untracked-files=all"))
        .containsExactly(" M " + ROOT, "?? " + TRAEFIK);
  }

  @Test
  void cloneFromALocalPathWorksAndIsDeletedOnClose() throws IOException {
    Path remote = scratch.resolve("remote.git");
    cli.newBareRemote(remote, scratch);
    Path cloned;
    try (GitOpsRepository git =
        GitOpsRepository.cloneFrom(remote.toString(), GitCredentials.none(scratch))) {
      cloned = git.workTree();
      assertThat(git.isTemporaryClone()).isTrue();
      assertThat(Files.readString(cloned.resolve("README.md"))).isEqualTo("# home lab\n");
      assertThat(git.currentBranch()).isEqualTo("main");
    }
    assertThat(cloned).doesNotExist();
  }

  @Test
  void cloningABranchTheRemoteLacksNamesIt() throws IOException {
    Path remote = scratch.resolve("remote.git");
    cli.newBareRemote(remote, scratch);

    assertThatThrownBy(
            () ->
                GitOpsRepository.cloneFrom(
                    remote.toString(), "release", GitCredentials.none(scratch)))
        .isInstanceOf(GitOpsException.class)
        .hasMessage(
            "could not clone " + remote + ": Remote branch 'release' not found in upstream origin");
  }

  @Test
  void listFilesReturnsSortedRepositoryPaths() {
    try (GitOpsRepository git = GitOpsRepository.open(repo)) {
      git.writeAll(files(TRAEFIK, "a\n", ROOT, "b\n", LOKI, "c\n"), Set.of());
      assertThat(git.listFiles(ARGOCD)).containsExactly(TRAEFIK, LOKI, ROOT);
      assertThat(git.listFiles("gitops/missing")).isEmpty();
    }
  }

  static Map<String, byte[]> files(String... pathsAndContents) {
    Map<String, byte[]> files = new TreeMap<>();
    for (int i = 0; i < pathsAndContents.length; i += 2) {
      files.put(pathsAndContents[i], pathsAndContents[i + 1].getBytes(UTF_8));
    }
    return files;
  }
}
