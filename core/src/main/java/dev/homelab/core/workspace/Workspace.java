package dev.homelab.core.workspace;

import dev.homelab.core.config.HomeLabConfig;
import dev.homelab.core.finding.CoreRules;
import dev.homelab.core.finding.Finding;
import dev.homelab.core.model.Resource;
import dev.homelab.core.source.SourceFile;
import dev.homelab.core.yaml.YamlFile;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Everything one run looks at: the lab config (absent in schema-only runs), every file found, the
 * Kubernetes objects in them, Helm values files, and what went wrong while reading.
 */
public final class Workspace {

  private final Path displayRoot;
  private final List<Path> paths;
  private final Set<Path> unplaced;
  private final HomeLabConfig config;
  private final List<YamlFile> files;
  private final List<SourceFile> otherFiles;
  private final List<Resource> resources;
  private final List<ValuesFile> valuesFiles;
  private final List<Finding> loadFindings;

  Workspace(
      Path displayRoot,
      List<Path> paths,
      Set<Path> unplaced,
      HomeLabConfig config,
      List<YamlFile> files,
      List<SourceFile> otherFiles,
      List<Resource> resources,
      List<ValuesFile> valuesFiles,
      List<Finding> loadFindings) {
    this.displayRoot = displayRoot;
    this.paths = paths.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    this.unplaced = Set.copyOf(unplaced);
    this.config = config;
    this.files = List.copyOf(files);
    this.otherFiles = List.copyOf(otherFiles);
    this.resources = List.copyOf(resources);
    this.valuesFiles = List.copyOf(valuesFiles);
    this.loadFindings = List.copyOf(loadFindings);
  }

  /** Paths in findings are relative to this folder. */
  public Path displayRoot() {
    return displayRoot;
  }

  /**
   * Whether the run loaded everything under {@code folder}: one of the paths it was given is the
   * folder or above it. A run over single files with a config from elsewhere (or over standard
   * input) loads only those files, so it cannot tell what the rest of the tree lacks; one that also
   * names a path inside the tree loads the tree beside them.
   */
  public boolean loadedWhole(Path folder) {
    Path absolute = folder.toAbsolutePath().normalize();
    return paths.stream().anyMatch(absolute::startsWith);
  }

  public Optional<HomeLabConfig> config() {
    return Optional.ofNullable(config);
  }

  /** Every file read, manifests and others, sorted by path. */
  public List<YamlFile> files() {
    return files;
  }

  /** Files that are not YAML or JSON (scripts, Dockerfiles, docs), found but not loaded. */
  public List<SourceFile> otherFiles() {
    return otherFiles;
  }

  /** The absolute paths of every file found, loaded or not: what the ignore files let through. */
  public Set<Path> foundPaths() {
    Set<Path> found = new HashSet<>();
    files.forEach(f -> found.add(f.source().path().toAbsolutePath().normalize()));
    otherFiles.forEach(f -> found.add(f.path().toAbsolutePath().normalize()));
    return found;
  }

  /** Every Kubernetes object, in file order then document order. */
  public List<Resource> resources() {
    return resources;
  }

  public List<ValuesFile> valuesFiles() {
    return valuesFiles;
  }

  /** Problems found while discovering and reading files. */
  public List<Finding> loadFindings() {
    return loadFindings;
  }

  /**
   * Files that did not load whole (a syntax error, bad bytes, a document without a kind), by
   * display path: objects they were meant to hold are missing from {@link #resources()}.
   */
  public Set<String> filesNotFullyLoaded() {
    return loadFindings.stream()
        .filter(finding -> CoreRules.OBJECTS_MAY_BE_MISSING.contains(finding.ruleId()))
        .map(finding -> finding.location().file())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** A file's path relative to the tree root (the folder of homelab.yaml), or empty. */
  public Optional<String> treePath(YamlFile file) {
    return treePath(file.source());
  }

  public Optional<String> treePath(SourceFile file) {
    return treePath(file.path());
  }

  /**
   * A path relative to the tree root, or empty outside the tree, without a config, or for standard
   * input without a name, which lies in no folder.
   */
  public Optional<String> treePath(Path path) {
    if (config == null) {
      return Optional.empty();
    }
    Path absolute = path.toAbsolutePath().normalize();
    Path root = config.root();
    if (!absolute.startsWith(root) || unplaced.contains(absolute)) {
      return Optional.empty();
    }
    return Optional.of(root.relativize(absolute).toString().replace('\\', '/'));
  }
}
