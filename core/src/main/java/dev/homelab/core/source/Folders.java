package dev.homelab.core.source;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Checks made before writing under a folder, so that a refusal comes before any file is written.
 */
public final class Folders {

  private Folders() {}

  /**
   * The file that stands where {@code folder} or one of its parents must be, if any: the nearest of
   * them that exists decides, since nothing can exist below a file.
   */
  public static Optional<Path> fileInTheWay(Path folder) {
    for (Path at = folder.toAbsolutePath(); at != null; at = at.getParent()) {
      if (Files.exists(at)) {
        return Files.isDirectory(at) ? Optional.empty() : Optional.of(at);
      }
    }
    return Optional.empty();
  }
}
