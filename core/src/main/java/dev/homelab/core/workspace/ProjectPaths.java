package dev.homelab.core.workspace;

import dev.homelab.core.config.HomeLabConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Finds the GitOps tree, its homelab.yaml and the repository root from where a command runs. */
public final class ProjectPaths {

  public static final String DEFAULT_TREE = "gitops";

  private ProjectPaths() {}

  /**
   * The tree to check when no path is given: the current folder if it holds homelab.yaml, else a
   * {@code gitops/} folder with one, in the current folder or any folder above it.
   */
  public static Optional<Path> defaultTree(Path workingDir) {
    for (Path dir = workingDir.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(HomeLabConfig.FILE_NAME))) {
        return Optional.of(dir);
      }
      Path tree = dir.resolve(DEFAULT_TREE);
      if (Files.isRegularFile(tree.resolve(HomeLabConfig.FILE_NAME))) {
        return Optional.of(tree);
      }
    }
    return Optional.empty();
  }

  /** The nearest homelab.yaml in the first input's folder or the folders above it. */
  public static Optional<Path> findConfig(List<Path> inputs) {
    for (Path input : inputs) {
      Path start = input.toAbsolutePath().normalize();
      if (!Files.isDirectory(start)) {
        start = start.getParent();
      }
      for (Path dir = start; dir != null; dir = dir.getParent()) {
        Path candidate = dir.resolve(HomeLabConfig.FILE_NAME);
        if (Files.isRegularFile(candidate)) {
          return Optional.of(candidate);
        }
        if (Files.exists(dir.resolve(".git"))) {
          break;
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The repository that contains {@code path}, else {@code fallback}: paths are shown relative to
   * it.
   */
  public static Path displayRoot(Path path, Path fallback) {
    for (Path dir = path.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve(".git"))) {
        return dir;
      }
    }
    return fallback.toAbsolutePath().normalize();
  }
}
