package dev.homelab.generator.git;

import dev.homelab.core.source.FileModes;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Writes a batch of files so that each one is replaced atomically and the batch as a whole either
 * lands or leaves the old content in place.
 *
 * <p>Every new content first goes to a temporary file in its target's directory; only when all of
 * them are on disk are they renamed over their targets, in path order. A failure at any point
 * undoes the renames and deletions already made and removes the temporary files.
 */
final class AtomicFileWriter {
  private final Path workTree;

  AtomicFileWriter(Path workTree) {
    this.workTree = workTree;
  }

  WriteResult writeAll(Map<String, byte[]> files, Set<String> deletions) {
    TreeSet<String> unchanged = new TreeSet<>();
    TreeMap<String, Step> steps = plan(files, deletions, unchanged);
    Deque<Path> createdDirectories = new ArrayDeque<>();
    List<Step> applied = new ArrayList<>();
    Step current = null;
    try {
      for (Step step : steps.values()) {
        current = step;
        step.prepare(createdDirectories);
      }
      for (Step step : steps.values()) {
        current = step;
        step.apply();
        applied.add(step);
      }
    } catch (IOException | RuntimeException e) {
      GitOpsException failure =
          new GitOpsException(
              "could not write "
                  + (current == null ? "the generated files" : current.path)
                  + " ("
                  + e
                  + "); every file was restored to its previous content",
              e);
      rollBack(steps.values(), applied, createdDirectories, failure);
      throw failure;
    }
    TreeSet<String> written = new TreeSet<>();
    TreeSet<String> deleted = new TreeSet<>();
    TreeMap<String, byte[]> previous = new TreeMap<>();
    for (Step step : steps.values()) {
      if (step.previous != null) {
        previous.put(step.path, step.previous);
      }
      if (step.content == null) {
        deleted.add(step.path);
        pruneEmptyParents(step.target);
      } else {
        written.add(step.path);
      }
    }
    return new WriteResult(written, deleted, unchanged, previous);
  }

  private TreeMap<String, Step> plan(
      Map<String, byte[]> files, Set<String> deletions, Set<String> unchanged) {
    TreeMap<String, Step> steps = new TreeMap<>();
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      String path = RepoPaths.check(file.getKey());
      Path target = workTree.resolve(path);
      Optional<byte[]> old = readRegularFile(target);
      if (old.isPresent() && Arrays.equals(old.get(), file.getValue())) {
        unchanged.add(path);
      } else {
        steps.put(path, new Step(path, target, file.getValue().clone(), old.orElse(null)));
      }
    }
    for (String raw : deletions) {
      String path = RepoPaths.check(raw);
      if (steps.containsKey(path) || unchanged.contains(path)) {
        throw new IllegalArgumentException(path + " is both written and deleted");
      }
      Path target = workTree.resolve(path);
      Optional<byte[]> old = readRegularFile(target);
      if (old.isPresent()) {
        steps.put(path, new Step(path, target, null, old.get()));
      }
    }
    return steps;
  }

  private static Optional<byte[]> readRegularFile(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new GitOpsException("could not read " + file + ": " + e, e);
    }
  }

  private static void rollBack(
      Iterable<Step> all, List<Step> applied, Deque<Path> createdDirectories, Exception failure) {
    for (int i = applied.size() - 1; i >= 0; i--) {
      try {
        applied.get(i).undo();
      } catch (IOException | RuntimeException e) {
        failure.addSuppressed(e);
      }
    }
    for (Step step : all) {
      try {
        step.discardTemporary();
      } catch (IOException e) {
        failure.addSuppressed(e);
      }
    }
    while (!createdDirectories.isEmpty()) {
      try {
        Files.deleteIfExists(createdDirectories.pop());
      } catch (DirectoryNotEmptyException e) {
        // Something else lives there now; leaving the directory is the safe choice.
      } catch (IOException e) {
        failure.addSuppressed(e);
      }
    }
  }

  private void pruneEmptyParents(Path file) {
    Path dir = file.getParent();
    while (dir != null && !dir.equals(workTree) && dir.startsWith(workTree)) {
      try {
        Files.delete(dir);
      } catch (IOException e) {
        // A folder that still holds something (or is gone already) ends the walk upwards.
        return;
      }
      dir = dir.getParent();
    }
  }

  /**
   * Writes {@code bytes} to a fresh sibling of {@code target} and returns it. There is no fsync:
   * generated files can be generated again, and an fsync per file would dominate a large run.
   */
  static Path writeTemporarySibling(Path target, byte[] bytes) throws IOException {
    Path temp =
        target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try (OutputStream out =
        Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      out.write(bytes);
    }
    return temp;
  }

  private static void restore(Path target, byte[] bytes) throws IOException {
    Files.createDirectories(target.getParent());
    Path temp = writeTemporarySibling(target, bytes);
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** One file to write ({@code content} set) or delete ({@code content} null). */
  private final class Step {
    final String path;
    final Path target;
    final byte[] content;
    final byte[] previous;
    Path temporary;

    Step(String path, Path target, byte[] content, byte[] previous) {
      this.path = path;
      this.target = target;
      this.content = content;
      this.previous = previous;
    }

    void prepare(Deque<Path> createdDirectories) throws IOException {
      if (content == null) {
        return;
      }
      createParents(target.getParent(), createdDirectories);
      temporary = writeTemporarySibling(target, content);
      if (previous != null) {
        FileModes.copy(target, temporary);
      }
    }

    void apply() throws IOException {
      if (content == null) {
        Files.delete(target);
      } else {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        temporary = null;
      }
    }

    void undo() throws IOException {
      if (previous == null) {
        Files.deleteIfExists(target);
      } else {
        restore(target, previous);
      }
    }

    void discardTemporary() throws IOException {
      if (temporary != null) {
        Files.deleteIfExists(temporary);
        temporary = null;
      }
    }

    private void createParents(Path dir, Deque<Path> createdDirectories) throws IOException {
      List<Path> missing = new ArrayList<>();
      for (Path d = dir; d != null && !Files.isDirectory(d); d = d.getParent()) {
        if (!d.startsWith(workTree)) {
          break;
        }
        missing.add(d);
      }
      for (int i = missing.size() - 1; i >= 0; i--) {
        Files.createDirectory(missing.get(i));
        createdDirectories.push(missing.get(i));
      }
    }
  }
}
