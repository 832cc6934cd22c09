package dev.homelab.core.change;

import dev.homelab.core.cli.UsageException;
import dev.homelab.core.config.ConfigException;
import dev.homelab.core.config.HomeLabConfig;
import dev.homelab.core.git.GitDiscovery;
import dev.homelab.core.model.Resource;
import dev.homelab.core.workspace.Workspace;
import dev.homelab.core.workspace.WorkspaceLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * The lab tree as a git revision has it (what Argo CD last synced, for a pull request's base branch
 * or a commit's HEAD), loaded the same way as the tree on disk, so rules can compare an object with
 * its earlier version.
 */
public final class BaseRevision {

  private final String revision;
  private final Workspace workspace;
  private final Map<String, Resource> objects = new HashMap<>();
  private final Map<String, byte[]> changedFiles;
  private final Set<String> files;

  private BaseRevision(
      String revision, Workspace workspace, Map<String, byte[]> changedFiles, Set<String> files) {
    this.revision = revision;
    this.workspace = workspace;
    this.changedFiles = Map.copyOf(changedFiles);
    this.files = Set.copyOf(files);
    for (Resource earlier : workspace.resources()) {
      objects.putIfAbsent(identity(earlier), earlier);
    }
  }

  /** The revision as the user named it, such as {@code origin/main}. */
  public String revision() {
    return revision;
  }

  /**
   * The tree at that revision, with the files the working tree still has byte for byte left out
   * (only the config and the files that changed); without objects when the revision had no lab at
   * that place.
   */
  public Workspace workspace() {
    return workspace;
  }

  /**
   * The YAML and JSON files of the revision whose bytes the working tree does not have (changed or
   * removed since), by path in the lab's tree, with the revision's bytes.
   */
  public Map<String, byte[]> changedFiles() {
    return changedFiles;
  }

  /** Every YAML and JSON file the revision has in the lab's tree, by path in it. */
  public Set<String> files() {
    return files;
  }

  /**
   * The object as this revision has it: the same group, kind, namespace and name, whatever its
   * version or file; empty when the object is new.
   */
  public Optional<Resource> earlierVersion(Resource resource) {
    return Optional.ofNullable(objects.get(identity(resource)));
  }

  /**
   * The objects this revision has and {@code current} does not: deleted, renamed or moved to
   * another namespace. Files that refer to them can break although the change does not touch them.
   */
  public List<Resource> removedFrom(Workspace current) {
    Set<String> present = new HashSet<>();
    current.resources().forEach(resource -> present.add(identity(resource)));
    return workspace.resources().stream()
        .filter(earlier -> earlier.name() != null && !earlier.name().isEmpty())
        .filter(earlier -> !present.contains(identity(earlier)))
        .toList();
  }

  /** An object's identity across revisions: group, kind, namespace and name. */
  public static String identity(Resource resource) {
    return resource.group()
        + "/"
        + resource.kind()
        + "/"
        + (resource.clusterScoped() ? "" : resource.namespace())
        + "/"
        + resource.name();
  }

  /**
   * Reads the files under the lab's root folder at {@code revision} from the repository that holds
   * the tree. A revision that does not resolve, or a tree outside any repository, is a usage error.
   *
   * @return empty when the revision has no homelab.yaml at the lab's place (every object is new)
   */
  public static Optional<BaseRevision> load(HomeLabConfig config, String revision) {
    return load(config.file(), revision);
  }

  /** Like {@link #load(HomeLabConfig, String)}, before the config itself is read. */
  public static Optional<BaseRevision> load(Path configFile, String revision) {
    Path root = configFile.toAbsolutePath().normalize().getParent();
    GitDiscovery found =
        GitDiscovery.find(root)
            .orElseThrow(
                () ->
                    new UsageException(
                        "--base " + revision + ": " + root + " is not inside a git repository"));
    Path temporary = null;
    try (Repository repository = found.open()) {
      if (repository.isBare()) {
        throw new UsageException("--base needs a working tree; " + found.gitDir() + " is bare");
      }
      String prefix = pathInRepository(repository, root);
      if (revision.equals(Constants.HEAD) && unborn(repository)) {
        return Optional.empty(); // before the first commit everything is new
      }
      RevCommit commit = commit(repository, revision);
      String configName = configFile.getFileName().toString();
      temporary = Files.createTempDirectory("homelab-base-");
      Map<String, byte[]> changed = new HashMap<>();
      Set<String> files = new HashSet<>();
      if (!copyTree(repository, commit, prefix, temporary, configName, changed, files)) {
        return Optional.empty();
      }
      Workspace workspace =
          WorkspaceLoader.load(
              new WorkspaceLoader.Request(
                  List.of(temporary), temporary.resolve(configName), temporary));
      return Optional.of(new BaseRevision(revision, workspace, changed, files));
    } catch (ConfigException e) {
      throw new UsageException(
          "--base "
              + revision
              + ": the homelab.yaml of that revision does not load ("
              + e.getMessage()
              + "); compare with a revision whose config loads, or leave out --base");
    } catch (MissingObjectException e) {
      throw new UsageException(
          "--base "
              + revision
              + ": "
              + found.gitDir()
              + " does not hold "
              + (e.getObjectId() == null ? "an object" : "the object " + e.getObjectId().name())
              + " of that revision, as in a shallow or partial clone; fetch the revision with its"
              + " files first (in GitHub Actions, actions/checkout with fetch-depth: 0)");
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not read revision " + revision + " of " + found.gitDir(), e);
    } finally {
      deleteQuietly(temporary);
    }
  }

  private static String pathInRepository(Repository repository, Path root) throws IOException {
    Path workTree = repository.getWorkTree().toPath().toRealPath();
    Path real = root.toRealPath();
    if (!real.startsWith(workTree)) {
      throw new UsageException(root + " lies outside the working tree " + workTree);
    }
    return workTree.relativize(real).toString().replace('\\', '/');
  }

  /** Whether HEAD names a branch that has no commit yet. */
  private static boolean unborn(Repository repository) throws IOException {
    Ref head = repository.exactRef(Constants.HEAD);
    return head == null || head.getObjectId() == null;
  }

  private static RevCommit commit(Repository repository, String revision) throws IOException {
    ObjectId id;
    try {
      id = repository.resolve(revision + "^{commit}");
    } catch (RevisionSyntaxException | AmbiguousObjectException | IncorrectObjectTypeException e) {
      id = null;
    }
    if (id == null) {
      throw new UsageException(
          "--base "
              + revision
              + ": no such revision in "
              + repository.getWorkTree()
              + " (a branch, tag or commit; in a pull request's checkout, fetch the base branch"
              + " first)");
    }
    try (RevWalk walk = new RevWalk(repository)) {
      return walk.parseCommit(id);
    }
  }

  /**
   * Writes the revision's YAML and JSON files under {@code prefix} into {@code target}, except
   * manifests whose bytes the working tree still has at the same path: their objects cannot have
   * changed, and a pre-commit run then reads only the few files a commit touches.
   *
   * @return whether the revision had the lab config there
   */
  private static boolean copyTree(
      Repository repository,
      RevCommit commit,
      String prefix,
      Path target,
      String configName,
      Map<String, byte[]> changed,
      Set<String> files)
      throws IOException {
    Path workTree = repository.getWorkTree().toPath();
    boolean hasConfig = false;
    try (TreeWalk walk = new TreeWalk(repository)) {
      walk.addTree(commit.getTree());
      walk.setRecursive(true);
      if (!prefix.isEmpty()) {
        walk.setFilter(PathFilter.create(prefix));
      }
      while (walk.next()) {
        String path = walk.getPathString();
        String relative = prefix.isEmpty() ? path : path.substring(prefix.length() + 1);
        if ((walk.getRawMode(0) & FileMode.TYPE_MASK) != FileMode.TYPE_FILE
            || !isStructured(relative)) {
          continue;
        }
        Path file = target.resolve(relative).normalize();
        if (!file.startsWith(target)) {
          continue;
        }
        byte[] bytes = walk.getObjectReader().open(walk.getObjectId(0)).getBytes();
        files.add(relative);
        boolean unchanged = unchanged(workTree.resolve(path), bytes);
        if (!unchanged) {
          changed.put(relative, bytes);
        }
        boolean config = relative.equals(configName);
        if (!config && !classifiesOthers(relative) && unchanged) {
          continue;
        }
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        hasConfig |= config;
      }
    }
    return hasConfig;
  }

  /** Files by whose presence the loader tells Helm values from manifests. */
  private static boolean classifiesOthers(String path) {
    return path.endsWith("/Chart.yaml") || path.equals("Chart.yaml");
  }

  private static boolean unchanged(Path file, byte[] bytes) throws IOException {
    return Files.isRegularFile(file)
        && Files.size(file) == bytes.length
        && Arrays.equals(Files.readAllBytes(file), bytes);
  }

  private static boolean isStructured(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    return lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json");
  }

  private static void deleteQuietly(Path folder) {
    if (folder == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException ignored) {
      // A leftover temporary folder is harmless; the run's result does not depend on it.
    }
  }
}
