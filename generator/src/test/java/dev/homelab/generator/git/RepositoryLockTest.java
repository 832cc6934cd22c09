package dev.homelab.generator.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run lock: one generator per repository, with stale locks of dead processes taken over. */
class RepositoryLockTest {
  @TempDir Path scratch;
  private Path repo;
  private Path lockFile;

  @BeforeEach
  void createRepository() throws IOException {
    repo = GitCli.isolatedIn(scratch).newRepository(scratch.resolve("lab"));
    lockFile = repo.resolve(".git").resolve(RepositoryLock.FILE_NAME);
  }

  @Test
  void aSecondRunIsRefusedWithTheLockFileNamedUntilTheFirstCloses() {
    try (GitOpsRepository first = GitOpsRepository.open(repo)) {
      RepositoryLock lock = first.lock();
      assertThat(lock.file()).isEqualTo(lockFile);
      assertThat(lockFile)
          .content()
          .contains("pid=" + ProcessHandle.current().pid(), "host=", "started=");

      try (GitOpsRepository second = GitOpsRepository.open(repo)) {
        assertThatThrownBy(second::lock)
            .isInstanceOf(RepositoryLockedException.class)
            .hasMessageContaining(lockFile.toString())
            .hasMessageContaining("pid " + ProcessHandle.current().pid())
            .satisfies(
                e -> assertThat(((RepositoryLockedException) e).lockFile()).isEqualTo(lockFile));
      }
    }
    assertThat(lockFile).as("released on close").doesNotExist();
    try (GitOpsRepository again = GitOpsRepository.open(repo)) {
      again.lock().close();
      assertThat(lockFile).as("released by the lock itself").doesNotExist();
      assertThat(again.lock().file()).as("and can be taken again").isEqualTo(lockFile);
    }
    try (GitOpsRepository third = GitOpsRepository.open(repo)) {
      assertThat(third.lock().staleLockNotice()).isEmpty();
    }
  }

  @Test
  void concurrentRunsGetExactlyOneLock() throws Exception {
    int runs = 8;
    ExecutorService pool = Executors.newFixedThreadPool(runs);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<RepositoryLock>> attempts = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      attempts.add(
          pool.submit(
              () -> {
                start.await();
                try {
                  return RepositoryLock.acquire(repo.resolve(".git"));
                } catch (RepositoryLockedException e) {
                  return null;
                }
              }));
    }
    start.countDown();
    List<RepositoryLock> winners = new ArrayList<>();
    for (Future<RepositoryLock> attempt : attempts) {
      RepositoryLock lock = attempt.get(30, TimeUnit.SECONDS);
      if (lock != null) {
        winners.add(lock);
      }
    }
    pool.shutdown();

    assertThat(winners).hasSize(1);
    winners.get(0).close();
    assertThat(lockFile).doesNotExist();
  }

  @Test
  void aStaleLockOfADeadProcessOnThisHostIsTakenOverWithANotice() throws Exception {
    Process finished = new ProcessBuilder("true").start();
    finished.waitFor();
    String host = RepositoryLock.Owner.current().host();
    Files.writeString(
        lockFile,
        new RepositoryLock.Owner(finished.pid(), host, Instant.parse("2026-01-02T03:04:05Z"))
            .serialize());

    try (GitOpsRepository git = GitOpsRepository.open(repo)) {
      RepositoryLock lock = git.lock();

      assertThat(lock.staleLockNotice())
          .hasValueSatisfying(
              notice ->
                  assertThat(notice)
                      .contains(
                          "stale lock",
                          lockFile.toString(),
                          "pid " + finished.pid(),
                          "no longer running"));
      assertThat(lockFile).content().contains("pid=" + ProcessHandle.current().pid());
    }
    assertThat(lockFile).doesNotExist();
    try (var leftovers = Files.list(lockFile.getParent())) {
      assertThat(leftovers.map(p -> p.getFileName().toString()))
          .noneMatch(name -> name.startsWith(RepositoryLock.FILE_NAME));
    }
  }

  @Test
  void aLockHeldFromAnotherHostIsNeverTakenOver() throws Exception {
    // The pid is dead here, which says nothing about a process on another machine.
    Process finished = new ProcessBuilder("true").start();
    finished.waitFor();
    String foreign =
        new RepositoryLock.Owner(
                finished.pid(), "other-host.lan", Instant.parse("2026-01-02T03:04:05Z"))
            .serialize();
    Files.writeString(lockFile, foreign);

    try (GitOpsRepository git = GitOpsRepository.open(repo)) {
      assertThatThrownBy(git::lock)
          .isInstanceOf(RepositoryLockedException.class)
          .hasMessageContaining("pid " + finished.pid() + " on other-host.lan");
    }
    assertThat(lockFile).content().isEqualTo(foreign);
  }

  @Test
  void anUnreadableLockIsRefusedRatherThanGuessedStale() throws IOException {
    Files.writeString(lockFile, "");

    try (GitOpsRepository git = GitOpsRepository.open(repo)) {
      assertThatThrownBy(git::lock)
          .isInstanceOf(RepositoryLockedException.class)
          .hasMessageContaining("owner unknown")
          .hasMessageContaining("delete that file if no run is active");
    }
  }
}
