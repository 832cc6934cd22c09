package dev.homelab.generator.git;

import java.nio.file.Path;

/**
 * Repository-relative paths as git spells them: forward slashes, no dot segments, no leading slash.
 */
final class RepoPaths {
  private RepoPaths() {}

  /** Checks that {@code path} is a canonical repository-relative path outside {@code .git}. */
  static String check(String path) {
    if (path == null || path.isEmpty()) {
      throw new IllegalArgumentException("empty repository path");
    }
    String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    if (trimmed.isEmpty() || trimmed.startsWith("/") || trimmed.contains("\\")) {
      throw new IllegalArgumentException(
          "not a repository-relative path with forward slashes: " + path);
    }
    for (String segment : trimmed.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException("not a canonical repository path: " + path);
      }
    }
    if (trimmed.equals(".git") || trimmed.startsWith(".git/")) {
      throw new IllegalArgumentException("refusing to touch the git directory: " + path);
    }
    return trimmed;
  }

  /** The file system location of a checked repository path. */
  static Path resolve(Path workTree, String path) {
    return workTree.resolve(check(path));
  }

  /** The repository path of a location inside the work tree. */
  static String of(Path workTree, Path file) {
    Path relative = workTree.relativize(file.toAbsolutePath().normalize());
    if (relative.startsWith("..") || relative.toString().isEmpty()) {
      throw new IllegalArgumentException(file + " is not inside the work tree " + workTree);
    }
    return relative.toString().replace(file.getFileSystem().getSeparator(), "/");
  }

  /** Whether {@code path} equals {@code folder} or lies below it. */
  static boolean isUnder(String path, String folder) {
    return path.equals(folder) || path.startsWith(folder + "/");
  }
}
