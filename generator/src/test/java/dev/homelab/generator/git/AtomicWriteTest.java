package dev.homelab.generator.git;

import static dev.homelab.generator.git.GitOpsRepositoryCommitTest.files;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** All-or-nothing writes: a failure in the middle of a batch leaves the previous content. */
class AtomicWriteTest {
  @TempDir Path scratch;
  private GitCli cli;
  private Path repo;
  private GitOpsRepository git;

  @BeforeEach
  void createRepository() throws IOException {
    cli = GitCli.isolatedIn(scratch);
    repo = cli.newRepository(scratch.resolve("lab"));
    Files.createDirectories(repo.resolve("out"));
    Files.writeString(repo.resolve("out/0-gone.yaml"), "to be deleted\n");
    Files.writeString(repo.resolve("out/a.yaml"), "old a\n");
    git = GitOpsRepository.open(repo);
  }

  @Test
  void failureWhileRenamingRestoresEveryFileAndLeavesNoTemporaries() throws IOException {
    // A non-empty folder where a file should go makes the rename of the third step fail.
    Files.createDirectories(repo.resolve("out/b.yaml/occupied"));
    Object inodeBefore = Files.getAttribute(repo.resolve("out/a.yaml"), "unix:ino");
    Object changedBefore = Files.getAttribute(repo.resolve("out/a.yaml"), "unix:ctime");
    sleepPastTimestampGranularity();

    assertThatThrownBy(
            () ->
                git.writeAll(
                    files(
                        "out/a.yaml", "new a\n", "out/b.yaml", "new b\n", "out/new/c.yaml", "c\n"),
                    Set.of("out/0-gone.yaml")))
        .isInstanceOf(GitOpsException.class)
        .hasMessageContaining("could not write out/b.yaml")
        .hasMessageContaining("restored");

    assertThat(Files.readString(repo.resolve("out/a.yaml"))).isEqualTo("old a\n");
    // A replaced-then-restored file is a new inode, or (when the file system reuses the number) at
    // least one whose status changed.
    Object inodeAfter = Files.getAttribute(repo.resolve("out/a.yaml"), "unix:ino");
    Object changedAfter = Files.getAttribute(repo.resolve("out/a.yaml"), "unix:ctime");
    assertThat(!inodeAfter.equals(inodeBefore) || !changedAfter.equals(changedBefore))
        .as("a.yaml was replaced before the failure, then restored")
        .isTrue();
    assertThat(Files.readString(repo.resolve("out/0-gone.yaml"))).isEqualTo("to be deleted\n");
    assertThat(repo.resolve("out/b.yaml/occupied")).isDirectory();
    assertThat(repo.resolve("out/new")).as("folder created for the batch").doesNotExist();
    assertThat(temporaryFiles()).isEmpty();
  }

  private static void sleepPastTimestampGranularity() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void failureWhilePreparingChangesNothing() throws IOException {
    // A regular file where a parent folder should be stops the batch before any rename.
    Files.writeString(repo.resolve("out/blocker"), "a file, not a folder\n");
    Object inodeBefore = Files.getAttribute(repo.resolve("out/a.yaml"), "unix:ino");

    assertThatThrownBy(
            () ->
                git.writeAll(files("out/a.yaml", "new a\n", "out/blocker/x.yaml", "x\n"), Set.of()))
        .isInstanceOf(GitOpsException.class)
        .hasMessageContaining("out/blocker/x.yaml");

    assertThat(Files.readString(repo.resolve("out/a.yaml"))).isEqualTo("old a\n");
    assertThat(Files.getAttribute(repo.resolve("out/a.yaml"), "unix:ino")).isEqualTo(inodeBefore);
    assertThat(temporaryFiles()).isEmpty();
  }

  @Test
  void writtenFilesGetTheSamePermissionsAsOrdinaryNewFiles() throws IOException {
    Path reference = Files.writeString(repo.resolve("out/reference.txt"), "x");

    git.writeAll(files("out/fresh.yaml", "fresh\n"), Set.of());

    assertThat(Files.getPosixFilePermissions(repo.resolve("out/fresh.yaml")))
        .isEqualTo(Files.getPosixFilePermissions(reference));
  }

  @Test
  void pathsOutsideTheWorkTreeOrInsideGitAreRefused() {
    for (String bad :
        List.of("../escape.yaml", "/etc/passwd", ".git/config", "out/./a.yaml", "a\\b")) {
      assertThatThrownBy(() -> git.writeAll(files(bad, "x"), Set.of()))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(scratch.resolve("escape.yaml")).doesNotExist();
  }

  @AfterEach
  void closeRepository() {
    git.close();
  }

  private List<Path> temporaryFiles() throws IOException {
    try (Stream<Path> walk = Files.walk(repo)) {
      return walk.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
    }
  }
}
