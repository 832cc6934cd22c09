package dev.homelab.generator.git;

import static dev.homelab.generator.git.GitOpsRepositoryCommitTest.files;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dry-run diff: accurate enough for {@code git apply}, and it writes nothing. */
class DiffTest {
  private static final PersonIdent BOT = new PersonIdent("Lab Bot", "bot@homelab.dev");

  @TempDir Path scratch;
  private GitCli cli;
  private Path repo;

  @BeforeEach
  void createRepositoryWithGeneratedFiles() throws IOException {
    cli = GitCli.isolatedIn(scratch);
    repo = cli.newRepository(scratch.resolve("lab"));
    try (GitOpsRepository git = GitOpsRepository.open(repo)) {
      git.writeAll(
          files("gen/keep.yaml", "a: 1\nb: 2\nc: 3\n", "gen/old.yaml", "old: true\n"), Set.of());
      git.commit(List.of("gen"), "Generate", BOT).orElseThrow();
    }
  }

  @Test
  void diffDescribesAddChangeAndDeleteWithoutWritingAndGitApplyAcceptsIt() throws IOException {
    Map<String, byte[]> proposed =
        files("gen/keep.yaml", "a: 1\nb: 20\nc: 3\n", "gen/new.yaml", "new: true\n");
    Set<String> deletions = Set.of("gen/old.yaml");
    String diff;
    try (GitOpsRepository git = GitOpsRepository.open(repo)) {
      diff = git.diff(proposed, deletions, DiffBase.WORKING_TREE);
      assertThat(git.pendingChanges(proposed, deletions, DiffBase.WORKING_TREE))
          .containsExactly("gen/keep.yaml", "gen/new.yaml", "gen/old.yaml");
    }

    assertThat(diff)
        .contains(
            "diff --git a/gen/keep.yaml b/gen/keep.yaml\n--- a/gen/keep.yaml\n+++ b/gen/keep.yaml\n")
        .contains("-b: 2\n+b: 20\n")
        .contains(
            "new file mode 100644\n--- /dev/null\n+++ b/gen/new.yaml\n@@ -0,0 +1 @@\n+new: true\n")
        .contains("deleted file mode 100644\n--- a/gen/old.yaml\n+++ /dev/null\n");
    assertThat(cli.run(repo, "status", "--porcelain")).as("dry run wrote nothing").isEmpty();

    GitCli.Result apply = cli.tryRun(repo, diff, "apply", "--index", "-");
    assertThat(apply.exitCode()).as(apply.stderr()).isZero();
    assertThat(Files.readString(repo.resolve("gen/keep.yaml"))).isEqualTo("a: 1\nb: 20\nc: 3\n");
    assertThat(Files.readString(repo.resolve("gen/new.yaml"))).isEqualTo("new: true\n");
    assertThat(repo.resolve("gen/old.yaml")).doesNotExist();
  }

  @Test
  void indexBaseSeesStagedContentWhileWorkingTreeBaseSeesTheDisk() throws IOException {
    Files.writeString(repo.resolve("gen/keep.yaml"), "edited on disk\n");
    Map<String, byte[]> committed =
        files("gen/keep.yaml", "a: 1\nb: 2\nc: 3\n", "gen/old.yaml", "old: true\n");

    try (GitOpsRepository git = GitOpsRepository.open(repo)) {
      assertThat(git.pendingChanges(committed, Set.of(), DiffBase.INDEX)).isEmpty();
      assertThat(git.diff(committed, Set.of(), DiffBase.INDEX)).isEmpty();
      assertThat(git.pendingChanges(committed, Set.of(), DiffBase.WORKING_TREE))
          .containsExactly("gen/keep.yaml");
    }

    // Staged but not committed, as in a pre-commit hook: the index is what the commit records.
    cli.run(repo, "add", "gen/keep.yaml");
    try (GitOpsRepository git = GitOpsRepository.open(repo)) {
      assertThat(git.pendingChanges(committed, Set.of(), DiffBase.INDEX))
          .containsExactly("gen/keep.yaml");
      assertThat(
              git.pendingChanges(
                  files("gen/keep.yaml", "edited on disk\n", "gen/old.yaml", "old: true\n"),
                  Set.of(),
                  DiffBase.INDEX))
          .isEmpty();
    }
  }

  @Test
  void missingTrailingNewlineIsMarkedLikeGitDoes() {
    try (GitOpsRepository git = GitOpsRepository.open(repo)) {
      String diff = git.diff(files("gen/old.yaml", "old: false"), Set.of(), DiffBase.WORKING_TREE);
      assertThat(diff).contains("+old: false\n\\ No newline at end of file\n");
    }
  }
}
