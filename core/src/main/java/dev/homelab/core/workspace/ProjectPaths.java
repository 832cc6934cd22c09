package dev.homelab.core.workspace;

import dev.homelab.core.cli.UsageException;
import dev.homelab.core.config.HomeLabConfig;
import dev.homelab.core.discovery.FileDiscovery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Finds the GitOps tree, its homelab.yaml and the repository root from where a command runs. */
public final class ProjectPaths {

  public static final String DEFAULT_TREE = "gitops";

  private ProjectPaths() {}

  /**
   * The tree to check when no path is given: the current folder if it holds homelab.yaml, else a
   * {@code gitops/} folder with one, in the current folder or any folder above it; at the top of a
   * git repository, also the one folder right under it that holds one (a lab kept in {@code k8s/}).
   *
   * @throws UsageException when several folders at the top of the repository hold one
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
      if (Files.exists(dir.resolve(".git"))) {
        List<Path> labs = foldersWithConfig(dir);
        if (labs.size() > 1) {
          throw new UsageException(
              "no path given, and "
                  + labs.size()
                  + " folders of "
                  + dir
                  + " hold a homelab.yaml ("
                  + String.join(", ", labs.stream().map(l -> l.getFileName() + "/").toList())
                  + "); name the lab to check");
        }
        if (labs.size() == 1) {
          return Optional.of(labs.get(0));
        }
      }
    }
    return Optional.empty();
  }

  /** Why {@link #defaultTree} found nothing from {@code where}, for the usage error. */
  public static String noDefaultTree(String where) {
    return "no homelab.yaml found here, in a gitops/ folder or in a folder at the top of the"
        + " repository, from "
        + where;
  }

  /** The folders right under {@code dir}, hidden ones left out, that hold homelab.yaml; sorted. */
  private static List<Path> foldersWithConfig(Path dir) {
    try (Stream<Path> children = Files.list(dir)) {
      return children
          .filter(child -> !child.getFileName().toString().startsWith("."))
          .filter(child -> Files.isRegularFile(child.resolve(HomeLabConfig.FILE_NAME)))
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of();
    }
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
   * A hook's named paths with each ignore file ({@code .gitignore}, {@code .homelabignore}) in
   * place of the labs whose files it decides, so that those are checked whole: the lab it lies in,
   * else the labs below its folder that the plain git hook looks at too (at the repository's top,
   * in a folder right under it, or holding another named path). An ignore file that reaches no lab
   * stays, to be left out as a file in no lab.
   */
  public static List<Path> withIgnoreFilesAsLabs(List<Path> paths) {
    if (paths.stream().noneMatch(ProjectPaths::isIgnoreFile)) {
      return paths;
    }
    Set<Path> result = new LinkedHashSet<>();
    for (Path path : paths) {
      if (!isIgnoreFile(path)) {
        result.add(path);
        continue;
      }
      Optional<Path> config = findConfig(List.of(path));
      if (config.isPresent()) {
        result.add(config.get().toAbsolutePath().normalize().getParent());
        continue;
      }
      List<Path> below = labsBelow(path.toAbsolutePath().normalize().getParent(), paths);
      if (below.isEmpty()) {
        result.add(path);
      } else {
        result.addAll(below);
      }
    }
    return List.copyOf(result);
  }

  private static boolean isIgnoreFile(Path path) {
    Path name = path.getFileName();
    return name != null
        && (name.toString().equals(".gitignore") || name.toString().equals(".homelabignore"))
        && !Files.isDirectory(path);
  }

  /**
   * The labs in or below {@code folder}: at its repository's top or a folder under it, or of {@code
   * named}.
   */
  private static List<Path> labsBelow(Path folder, List<Path> named) {
    Set<Path> labs = new TreeSet<>();
    FileDiscovery.workTreeOf(folder)
        .ifPresent(
            top -> {
              if (Files.isRegularFile(top.resolve(HomeLabConfig.FILE_NAME))) {
                labs.add(top);
              }
              labs.addAll(foldersWithConfig(top));
            });
    for (Path path : named) {
      if (!isIgnoreFile(path)) {
        findConfig(List.of(path))
            .ifPresent(config -> labs.add(config.toAbsolutePath().normalize().getParent()));
      }
    }
    return labs.stream().filter(lab -> lab.startsWith(folder)).toList();
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

  /**
   * Joins parts into a path inside the repository as Argo CD reads it: slash-separated, without
   * empty or {@code .} segments, and empty for the repository's top.
   */
  public static String repoPath(String... parts) {
    List<String> segments = new ArrayList<>();
    for (String part : parts) {
      for (String segment : part.split("/")) {
        if (!segment.isEmpty() && !segment.equals(".")) {
          segments.add(segment);
        }
      }
    }
    return String.join("/", segments);
  }
}
