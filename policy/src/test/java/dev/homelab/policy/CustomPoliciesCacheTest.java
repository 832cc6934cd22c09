package dev.homelab.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The folder of compiled custom policies does not grow with every edit of a policy. */
class CustomPoliciesCacheTest {

  @TempDir Path cache;

  @Test
  void compiledPoliciesNotUsedForAMonthAreDeletedAndNothingElse() throws Exception {
    Instant now = Instant.parse("2026-11-28T00:00:00Z");
    Path stale = aged("0a.tar.gz", now.minus(Duration.ofDays(31)));
    Path staleRules = aged("0a.rules.json", now.minus(Duration.ofDays(31)));
    Path recent = aged("1b.tar.gz", now.minus(Duration.ofDays(29)));
    Path recentRules = aged("1b.rules.json", now.minus(Duration.ofDays(29)));
    Path foreign = aged("notes.txt", now.minus(Duration.ofDays(400)));

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
  void aMissingCacheFolderIsNoError() {
    CustomPolicies.pruneUnused(cache.resolve("absent"), Instant.now());
    assertThat(cache.resolve("absent")).doesNotExist();
  }

  private Path aged(String name, Instant modified) throws Exception {
    Path file = Files.writeString(cache.resolve(name), name);
    Files.setLastModifiedTime(file, FileTime.from(modified));
    return file;
  }
}
