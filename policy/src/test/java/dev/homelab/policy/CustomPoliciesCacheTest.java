package dev.homelab.policy;

import static dev.homelab.core.testing.Trees.writeAged;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The folder of compiled custom policies does not grow with every edit of a policy; what pruning
 * does in general is CacheFolderTest's, this is which files the policies own.
 */
class CustomPoliciesCacheTest {

  @TempDir Path cache;

  @Test
  void compiledPoliciesNotUsedForAMonthAreDeletedAndNothingElse() throws Exception {
    Instant now = Instant.parse("2026-11-28T00:00:00Z");
    Path stale = writeAged(cache, "0a.tar.gz", now.minus(Duration.ofDays(31)));
    Path staleRules = writeAged(cache, "0a.rules.json", now.minus(Duration.ofDays(31)));
    Path recent = writeAged(cache, "1b.tar.gz", now.minus(Duration.ofDays(29)));
    Path recentRules = writeAged(cache, "1b.rules.json", now.minus(Duration.ofDays(29)));
    Path foreign = writeAged(cache, "notes.txt", now.minus(Duration.ofDays(400)));

    CustomPolicies.pruneUnused(cache, now);

    try (Stream<Path> left = Files.list(cache)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("1b.tar.gz", "1b.rules.json", "notes.txt");
    }
    assertThat(stale).doesNotExist();
    assertThat(staleRules).doesNotExist();
    assertThat(recent).exists();
    assertThat(recentRules).exists();
    assertThat(foreign).exists();
  }

  @Test
  void theBuildFolderOfACompileThatCrashedIsDeletedADayLaterButOneStillRunningIsNot()
      throws Exception {
    Instant now = Instant.parse("2026-11-28T00:00:00Z");
    writeAged(cache, "build123/bundle.tar.gz", now.minus(Duration.ofDays(2)));
    Files.setLastModifiedTime(
        cache.resolve("build123"), FileTime.from(now.minus(Duration.ofDays(2))));
    writeAged(cache, "build456/bundle.tar.gz", now.minus(Duration.ofHours(1)));
    Files.setLastModifiedTime(
        cache.resolve("build456"), FileTime.from(now.minus(Duration.ofHours(1))));
    Path stranger = Files.createDirectory(cache.resolve("builds-of-mine"));
    Files.setLastModifiedTime(stranger, FileTime.from(now.minus(Duration.ofDays(400))));

    CustomPolicies.pruneUnused(cache, now);

    try (Stream<Path> left = Files.list(cache)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("build456", "builds-of-mine");
    }
  }
}
