package dev.homelab.core.cache;

import static dev.homelab.core.testing.Trees.writeAged;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheFolderTest {

  @TempDir Path cache;

  @Test
  void onlyOwnedFilesUnusedForAMonthAreDeleted() throws Exception {
    Instant now = Instant.parse("2026-11-28T00:00:00Z");
    Path stale = writeAged(cache, "0a.pb", now.minus(Duration.ofDays(31)));
    Path recent = writeAged(cache, "1b.pb", now.minus(Duration.ofDays(29)));
    Path foreign = writeAged(cache, "notes.txt", now.minus(Duration.ofDays(400)));
    Files.createDirectory(cache.resolve("old.pb"));
    Files.setLastModifiedTime(
        cache.resolve("old.pb"), FileTime.from(now.minus(Duration.ofDays(99))));

    CacheFolder.pruneUnused(cache, name -> name.endsWith(".pb"), now);

    assertThat(stale).doesNotExist();
    assertThat(recent).exists();
    assertThat(foreign).exists();
    assertThat(cache.resolve("old.pb")).isDirectory();
  }

  @Test
  void aUseMovesAFileOutOfReach() throws Exception {
    Path used = writeAged(cache, "0a.pb", Instant.now().minus(Duration.ofDays(45)));

    CacheFolder.markUsed(used);
    CacheFolder.pruneUnused(cache, name -> true, Instant.now());

    assertThat(used).exists();
  }

  @Test
  void aMissingFolderOrFileIsNoError() {
    CacheFolder.pruneUnused(cache.resolve("absent"), name -> true, Instant.now());
    CacheFolder.markUsed(cache.resolve("absent.pb"));
    assertThat(cache.resolve("absent")).doesNotExist();
    assertThat(cache.resolve("absent.pb")).doesNotExist();
  }

  @Test
  void anAbsoluteXdgCacheHomeIsTheCacheAndAnyOtherValueMeansTheHomeCache() {
    assertThat(CacheFolder.userCacheHome("/var/cache/me", "/home/me"))
        .isEqualTo(Path.of("/var/cache/me"));
    for (String ignored : new String[] {null, "", " ", "cache", "./cache", "~/cache"}) {
      assertThat(CacheFolder.userCacheHome(ignored, "/home/me"))
          .as("XDG_CACHE_HOME=%s", ignored)
          .isEqualTo(Path.of("/home/me/.cache"));
    }
  }
}
