package dev.homelab.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/** Small file-tree helpers for tests that build folders on disk. */
public final class Trees {

  private Trees() {}

  public static Path write(Path root, String relative, String content) {
    try {
      Path file = root.resolve(relative);
      Files.createDirectories(file.getParent());
      Files.writeString(file, content, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a file whose content is its name, last modified at {@code modified}. */
  public static Path writeAged(Path root, String relative, Instant modified) {
    Path file = write(root, relative, relative);
    try {
      Files.setLastModifiedTime(file, FileTime.from(modified));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** gitops/ copied into {@code folder}, with {@code extra} files (path, content pairs) added. */
  public static Path gitopsCopy(Path folder, String... extra) {
    Path tree = folder.resolve("gitops");
    copy(RepoPaths.gitopsTree(), tree);
    for (int i = 0; i < extra.length; i += 2) {
      write(tree, extra[i], extra[i + 1]);
    }
    return tree;
  }

  /** Copies a folder recursively (symbolic links are copied as links). */
  public static void copy(Path from, Path to) {
    try {
      Files.walkFileTree(
          from,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
                throws IOException {
              if (dir.getFileName() != null && dir.getFileName().toString().equals("target")) {
                return FileVisitResult.SKIP_SUBTREE;
              }
              Files.createDirectories(to.resolve(from.relativize(dir).toString()));
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.copy(
                  file,
                  to.resolve(from.relativize(file).toString()),
                  java.nio.file.LinkOption.NOFOLLOW_LINKS);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes a file or a folder with everything in it; nothing happens when it does not exist. */
  public static void deleteRecursively(Path path) {
    if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (java.util.stream.Stream<Path> paths = Files.walk(path)) {
      for (Path each : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(each);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
