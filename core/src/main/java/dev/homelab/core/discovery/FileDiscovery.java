package dev.homelab.core.discovery;

import dev.homelab.core.finding.CoreRules;
import dev.homelab.core.finding.Finding;
import dev.homelab.core.source.IoReasons;
import dev.homelab.core.source.Location;
import dev.homelab.core.source.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the files to check under the given paths. Folders are walked for YAML and JSON files; files
 * named explicitly are taken whatever their extension. A symbolic link to a file is taken under its
 * own path, as Argo CD reads it, while it stays inside the repository (outside one, inside the
 * scanned folder); a link out of it is reported and never followed.
 */
public final class FileDiscovery {

  private static final Set<String> SKIPPED_FOLDERS = Set.of(".git", "target", "node_modules");

  /**
   * The files found, sorted by display path, and the problems met on the way.
   *
   * @param files YAML and JSON files (and files named explicitly), to be loaded
   * @param otherFiles every other file under the scanned folders (scripts, docs), not loaded
   */
  public record Result(
      List<SourceFile> files, List<SourceFile> otherFiles, List<Finding> findings) {}

  private final Path displayRoot;
  private final Map<String, String> environment;
  private final List<SourceFile> files = new ArrayList<>();
  private final List<SourceFile> otherFiles = new ArrayList<>();
  private final List<Finding> findings = new ArrayList<>();
  private final Set<Path> seen = new HashSet<>();

  private FileDiscovery(Path displayRoot, Map<String, String> environment) {
    this.displayRoot = displayRoot.toAbsolutePath().normalize();
    this.environment = environment;
  }

  /**
   * @param displayRoot paths are shown relative to this folder (the repository root, usually)
   * @throws NoSuchPathException when an input does not exist
   */
  public static Result discover(List<Path> inputs, Path displayRoot) throws IOException {
    return discover(inputs, displayRoot, System.getenv());
  }

  /**
   * The top of the git work tree that holds {@code path}: the one GIT_WORK_TREE names when it holds
   * the path (a pre-commit hook's copy of the index), else the nearest folder above with a {@code
   * .git}; empty outside a repository.
   */
  public static Optional<Path> workTreeOf(Path path) {
    return TrackedFiles.workTreeOf(path, System.getenv());
  }

  /** With {@code environment} in place of the process's, for GIT_DIR and GIT_WORK_TREE. */
  static Result discover(List<Path> inputs, Path displayRoot, Map<String, String> environment)
      throws IOException {
    FileDiscovery discovery = new FileDiscovery(displayRoot, environment);
    for (Path input : inputs) {
      Path absolute = input.toAbsolutePath().normalize();
      if (!Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
        throw new NoSuchPathException(input);
      }
      if (Files.isDirectory(absolute)) {
        discovery.walk(absolute);
      } else if (discovery.ignoredByAncestors(absolute)) {
        continue;
      } else if (Files.isSymbolicLink(absolute)) {
        // Outside a repository a named link is the user's to follow.
        Optional<Path> repository = discovery.repositoryOf(absolute);
        if (repository.isPresent()) {
          discovery.visitLink(absolute, repository.get(), "the repository", true);
        } else {
          discovery.add(absolute);
        }
      } else {
        discovery.add(absolute);
      }
    }
    discovery.files.sort(null);
    discovery.otherFiles.sort(null);
    discovery.findings.sort(null);
    return new Result(
        List.copyOf(discovery.files),
        List.copyOf(discovery.otherFiles),
        List.copyOf(discovery.findings));
  }

  public static boolean isManifestCandidate(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    return lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json");
  }

  private void walk(Path root) throws IOException {
    Optional<Path> repository = repositoryOf(root);
    Path boundary = repository.orElse(root.toRealPath());
    String boundaryName = repository.isPresent() ? "the repository" : "the scanned folder";
    // The ignore files of the folders above, up to the repository, apply here as in git.
    Deque<Scope> scopes = new ArrayDeque<>();
    for (Path dir : foldersAbove(root)) {
      scopes.push(new Scope(dir, IgnoreRules.in(dir, environment), false));
    }
    Tracked tracked = new Tracked(root);
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            boolean ignoredByGit = false;
            if (!dir.equals(root)) {
              if (SKIPPED_FOLDERS.contains(dir.getFileName().toString())) {
                return FileVisitResult.SKIP_SUBTREE;
              }
              IgnoreRules.Verdict verdict = verdict(scopes, dir, true);
              ignoredByGit = verdict == IgnoreRules.Verdict.IGNORED_BY_GIT;
              if (verdict == IgnoreRules.Verdict.IGNORED
                  || (ignoredByGit && !tracked.get().hasFilesIn(dir))) {
                return FileVisitResult.SKIP_SUBTREE;
              }
            }
            // A folder git ignores is walked only for the files git tracks in it.
            scopes.push(new Scope(dir, IgnoreRules.in(dir, environment), ignoredByGit));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException error) {
            scopes.pop();
            if (error != null) {
              findings.add(unreadable(dir, error));
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (skipped(verdict(scopes, file, false), file, tracked)) {
              return FileVisitResult.CONTINUE;
            }
            if (attrs.isSymbolicLink()) {
              visitLink(file, boundary, boundaryName, false);
            } else if (attrs.isRegularFile()) {
              if (isManifestCandidate(file.getFileName().toString())) {
                add(file);
              } else {
                addOther(file);
              }
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException error) {
            findings.add(unreadable(file, error));
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /**
   * A link to a file inside {@code boundary} (a real path) is taken as that file under the link's
   * own path, as Argo CD follows it; a link to a folder is not walked; a link out of the boundary,
   * which Argo CD refuses, is reported.
   *
   * @param named whether the link was named rather than found by a walk
   */
  private void visitLink(Path link, Path boundary, String boundaryName, boolean named) {
    Path target;
    try {
      target = link.toRealPath();
    } catch (IOException e) {
      if (named || isManifestCandidate(link.getFileName().toString())) {
        Optional<List<Path>> loop = loopFrom(link);
        findings.add(
            Finding.of(
                CoreRules.UNREADABLE_FILE,
                Location.fileStart(display(link)),
                loop.isPresent()
                    ? "symbolic link loop: "
                        + String.join(" -> ", loop.get().stream().map(this::display).toList())
                        + "; not followed"
                    : "broken symbolic link"));
      }
      return;
    }
    if (!target.startsWith(boundary)) {
      findings.add(
          Finding.of(
              CoreRules.SYMLINK_OUTSIDE_ROOT,
              Location.fileStart(display(link)),
              "symbolic link points outside "
                  + boundaryName
                  + ", to "
                  + target
                  + "; not followed"));
    } else if (Files.isRegularFile(target)) {
      if (named || isManifestCandidate(link.getFileName().toString())) {
        add(link);
      } else {
        addOther(link);
      }
    } else if (Files.isDirectory(target)) {
      long manifests = manifestsUnder(target);
      if (manifests > 0) {
        findings.add(
            Finding.of(
                CoreRules.SYMLINK_TO_FOLDER,
                Location.fileStart(display(link)),
                "symbolic link to the folder "
                    + display(target)
                    + ", whose "
                    + manifests
                    + " YAML or JSON file(s) Argo CD does not read, as it does not walk into"
                    + " linked folders; not followed"));
      }
    }
  }

  /**
   * The links from {@code link} until one repeats, when following its chain of links comes back to
   * one of them; a loop has a target, so calling it broken would send the user after a missing
   * file.
   */
  private static Optional<List<Path>> loopFrom(Path link) {
    List<Path> chain = new ArrayList<>();
    Path current = link.toAbsolutePath().normalize();
    // Linux gives up after 40 links too; a longer chain through linked folders is not followed.
    while (Files.isSymbolicLink(current) && chain.size() <= 40) {
      boolean repeated = chain.contains(current);
      chain.add(current);
      if (repeated) {
        return Optional.of(chain);
      }
      try {
        current = current.resolveSibling(Files.readSymbolicLink(current)).normalize();
      } catch (IOException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** How many YAML or JSON files lie under {@code folder}, outside the folders never walked. */
  private static long manifestsUnder(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      return paths
          .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .filter(p -> isManifestCandidate(p.getFileName().toString()))
          .filter(p -> !inSkippedFolder(folder.relativize(p)))
          .count();
    } catch (IOException | UncheckedIOException e) {
      return 0;
    }
  }

  private static boolean inSkippedFolder(Path relative) {
    for (Path part : relative) {
      if (SKIPPED_FOLDERS.contains(part.toString())) {
        return true;
      }
    }
    return false;
  }

  /** The real path of the work tree around {@code path}, if it lies in a git repository. */
  private Optional<Path> repositoryOf(Path path) {
    try {
      Optional<Path> workTree = TrackedFiles.workTreeOf(path, environment);
      return workTree.isPresent() ? Optional.of(workTree.get().toRealPath()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * @param ignoredByGit whether git's ignore files leave out this folder as a whole, so that only
   *     the files git tracks in it count
   */
  private record Scope(Path directory, IgnoreRules rules, boolean ignoredByGit) {}

  /** The files git tracks around a walk, read only once an ignore rule matches something. */
  private final class Tracked {
    private final Path start;
    private TrackedFiles files;

    Tracked(Path start) {
      this.start = start;
    }

    TrackedFiles get() {
      if (files == null) {
        files = TrackedFiles.around(start, environment);
      }
      return files;
    }
  }

  /** Whether a file with this verdict is left out: by the toolkit always, by git unless tracked. */
  private static boolean skipped(IgnoreRules.Verdict verdict, Path file, Tracked tracked) {
    return verdict == IgnoreRules.Verdict.IGNORED
        || (verdict == IgnoreRules.Verdict.IGNORED_BY_GIT && !tracked.get().contains(file));
  }

  private static IgnoreRules.Verdict verdict(Deque<Scope> scopes, Path path, boolean directory) {
    IgnoreRules.Verdict verdict = IgnoreRules.Verdict.NO_MATCH;
    // Deeper ignore files override shallower ones, as in git.
    for (Scope scope : scopes) {
      if (scope.rules.isEmpty()) {
        continue;
      }
      String relative = scope.directory.relativize(path).toString().replace('\\', '/');
      verdict = scope.rules.match(relative, directory);
      if (verdict != IgnoreRules.Verdict.NO_MATCH) {
        break;
      }
    }
    // Below a folder git ignores, nothing is taken back; .homelabignore may still leave files out.
    boolean belowIgnoredFolder = scopes.stream().anyMatch(Scope::ignoredByGit);
    if (belowIgnoredFolder && verdict != IgnoreRules.Verdict.IGNORED) {
      return IgnoreRules.Verdict.IGNORED_BY_GIT;
    }
    return verdict;
  }

  /** The folders from the display root down to {@code path}'s own folder; none outside it. */
  private List<Path> foldersAbove(Path path) {
    List<Path> folders = new ArrayList<>();
    for (Path dir = path.getParent();
        dir != null && dir.startsWith(displayRoot);
        dir = dir.getParent()) {
      folders.add(0, dir);
    }
    return folders;
  }

  /**
   * For an explicitly named file: the ignore files of its folders up to the display root, unless
   * git tracks it.
   */
  private boolean ignoredByAncestors(Path file) throws IOException {
    if (!file.startsWith(displayRoot)) {
      return false;
    }
    Tracked tracked = new Tracked(file);
    Deque<Scope> scopes = new ArrayDeque<>();
    List<Path> folders = foldersAbove(file);
    for (Path dir : folders) {
      boolean ignoredByGit = false;
      if (dir != folders.get(0)) {
        IgnoreRules.Verdict verdict = verdict(scopes, dir, true);
        if (verdict == IgnoreRules.Verdict.IGNORED) {
          return true;
        }
        ignoredByGit = verdict == IgnoreRules.Verdict.IGNORED_BY_GIT;
      }
      if (SKIPPED_FOLDERS.contains(String.valueOf(dir.getFileName())) && !dir.equals(displayRoot)) {
        return true;
      }
      scopes.push(new Scope(dir, IgnoreRules.in(dir, environment), ignoredByGit));
    }
    return skipped(verdict(scopes, file, false), file, tracked);
  }

  private void add(Path file) {
    if (seen.add(identity(file))) {
      files.add(new SourceFile(file, display(file)));
    }
  }

  private void addOther(Path file) {
    if (seen.add(identity(file))) {
      otherFiles.add(new SourceFile(file, display(file)));
    }
  }

  /**
   * The file's path with the links among its folders resolved, so that a file named and walked
   * counts once, while a link counts apart from the file it points at, as Argo CD reads both.
   */
  private static Path identity(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    try {
      return absolute.getParent().toRealPath().resolve(absolute.getFileName());
    } catch (IOException | RuntimeException e) {
      return absolute;
    }
  }

  private String display(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    Path shown = absolute.startsWith(displayRoot) ? displayRoot.relativize(absolute) : absolute;
    return shown.toString().replace('\\', '/');
  }

  private Finding unreadable(Path path, IOException error) {
    return Finding.of(
        CoreRules.UNREADABLE_FILE,
        Location.fileStart(display(path)),
        "cannot read: " + IoReasons.of(error));
  }

  /** An input path that does not exist: a usage error, not a finding. */
  public static final class NoSuchPathException extends IOException {
    private static final long serialVersionUID = 1L;

    public NoSuchPathException(Path path) {
      super("no such file or folder: " + path);
    }
  }
}
