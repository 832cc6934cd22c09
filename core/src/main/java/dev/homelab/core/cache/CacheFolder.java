package dev.homelab.core.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A folder of files cached by content hash. Every edit of what they were made from leaves a new
 * file behind, so each use marks its file and files unused for a month are deleted.
 */
public final class CacheFolder {

  /** Files not used for this long are deleted by the next {@link #pruneUnused}. */
  public static final Duration UNUSED_FOR = Duration.ofDays(30);

  private CacheFolder() {}

  /**
   * The user's cache folder: {@code $XDG_CACHE_HOME}, else {@code ~/.cache}. The XDG spec makes a
   * relative value invalid, to be ignored, since it would depend on the folder a run starts in.
   */
  public static Path userCacheHome() {
    return userCacheHome(System.getenv("XDG_CACHE_HOME"), System.getProperty("user.home"));
  }

  static Path userCacheHome(String xdgCacheHome, String userHome) {
    if (xdgCacheHome != null && !xdgCacheHome.isBlank() && Path.of(xdgCacheHome).isAbsolute()) {
      return Path.of(xdgCacheHome);
    }
    return Path.of(userHome, ".cache");
  }

  /** Gives the files the time of this use, which pruning goes by. */
  public static void markUsed(Path... files) {
    FileTime now = FileTime.from(Instant.now());
    for (Path file : files) {
      try {
        Files.setLastModifiedTime(file, now);
      } catch (IOException e) {
        // A read-only cache is still a cache.
      }
    }
  }

  /**
   * Deletes the regular files in {@code folder} whose names {@code owned} accepts and that were not
   * used within {@link #UNUSED_FOR} before {@code now}; other files are left alone.
   */
  public static void pruneUnused(Path folder, Predicate<String> owned, Instant now) {
    Instant before = now.minus(UNUSED_FOR);
    try (Stream<Path> entries = Files.list(folder)) {
      for (Path entry : entries.toList()) {
        if (owned.test(entry.getFileName().toString())
            && Files.isRegularFile(entry)
            && Files.getLastModifiedTime(entry).toInstant().isBefore(before)) {
          Files.deleteIfExists(entry);
        }
      }
    } catch (IOException e) {
      // A cache that cannot be tidied only takes more room; the run goes on.
    }
  }
}
