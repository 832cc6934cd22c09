package dev.homelab.core.change;

import dev.homelab.core.config.HomeLabConfig;
import dev.homelab.core.model.Resource;
import dev.homelab.core.workspace.Workspace;
import dev.homelab.core.workspace.WorkspaceLoader;
import dev.homelab.core.yaml.YamlFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * How far a change to some files reaches beyond them, for runs over named files such as a
 * pre-commit hook's: a CRD validates objects everywhere, and a renamed ConfigMap or relabelled pod
 * template breaks files nobody touched.
 */
public final class ChangeReach {

  private ChangeReach() {}

  /**
   * A CRD among {@code files}, which objects of its kinds in other files depend on.
   *
   * @param how how the files relate to the run, for the reason: "is among the files"
   */
  public static Optional<String> definitionAmong(
      Workspace workspace, Predicate<String> files, String how) {
    return workspace.resources().stream()
        .filter(r -> r.group().equals("apiextensions.k8s.io"))
        .filter(r -> r.kind().equals("CustomResourceDefinition"))
        .filter(r -> files.test(r.file()))
        .findFirst()
        .map(
            definition ->
                definition.ref().display()
                    + " "
                    + how
                    + ", and objects of its kinds elsewhere are validated against it");
  }

  /** The lab config when it changed since the base revision: every file depends on it. */
  public static Optional<String> configChanged(Workspace workspace, BaseRevision base) {
    return workspace
        .config()
        .flatMap(config -> workspace.treePath(config.file()))
        .filter(path -> base.changedFiles().containsKey(path))
        .map(path -> path + " changed since " + base.revision() + ", and every file depends on it");
  }

  /**
   * Objects of the base revision that the tree no longer has, which other files may name; those of
   * a file that is there but does not load are not gone.
   */
  public static Optional<String> removedObjects(Workspace workspace, BaseRevision base) {
    // A file that does not load still holds its objects, and its own error says what is wrong.
    Set<String> unread = new HashSet<>();
    for (String file : workspace.filesNotFullyLoaded()) {
      workspace.treePath(workspace.displayRoot().resolve(file)).ifPresent(unread::add);
    }
    Set<Path> leftOut = leftOutByIgnoreFiles(workspace, base);
    Path root = workspace.config().orElseThrow().root();
    List<Resource> removed =
        base.removedFrom(workspace).stream()
            .filter(
                earlier ->
                    base.workspace()
                        .treePath(earlier.document().file())
                        .filter(
                            path ->
                                unread.contains(path)
                                    || leftOut.contains(
                                        root.resolve(path).toAbsolutePath().normalize()))
                        .isEmpty())
            .toList();
    if (removed.isEmpty()) {
      return Optional.empty();
    }
    String named =
        removed.stream()
            .limit(3)
            .map(earlier -> earlier.ref().display())
            .collect(Collectors.joining(", "));
    String more = removed.size() > 3 ? " and " + (removed.size() - 3) + " more" : "";
    return Optional.of(
        "the tree no longer has "
            + named
            + more
            + " from "
            + base.revision()
            + ", and files the change does not touch may refer to "
            + (removed.size() == 1 ? "it" : "them"));
  }

  /**
   * The tree as the base revision has it: the files loaded already, with those that changed since
   * put back as they were and those added since left out, so that only the changed ones are read.
   */
  public static Workspace earlierTree(Workspace workspace, BaseRevision base) throws IOException {
    HomeLabConfig config = workspace.config().orElseThrow();
    Path root = config.root();
    Set<Path> leftOut = leftOutByIgnoreFiles(workspace, base);
    Map<Path, byte[]> earlierFiles = new HashMap<>();
    base.changedFiles()
        .forEach(
            (file, bytes) -> {
              Path path = root.resolve(file).toAbsolutePath().normalize();
              if (!leftOut.contains(path)) {
                earlierFiles.put(root.resolve(file), bytes);
              }
            });
    Set<Path> added = new HashSet<>();
    for (YamlFile file : workspace.files()) {
      workspace
          .treePath(file)
          .filter(path -> !base.files().contains(path))
          .ifPresent(path -> added.add(root.resolve(path)));
    }
    WorkspaceLoader.Request request =
        new WorkspaceLoader.Request(List.of(root), config.file(), workspace.displayRoot())
            .withOverlay(earlierFiles, added)
            .reusing(workspace.files());
    return WorkspaceLoader.load(request, config);
  }

  /**
   * Files of the base revision that are on disk now but that the tree does not load, as the ignore
   * files (one above the lab, which the revision's copy lacks) leave them out: both trees leave
   * them out alike, so their objects are not gone.
   */
  private static Set<Path> leftOutByIgnoreFiles(Workspace workspace, BaseRevision base) {
    Path root = workspace.config().orElseThrow().root();
    Set<Path> loaded = workspace.foundPaths();
    Set<Path> leftOut = new HashSet<>();
    for (String file : base.files()) {
      Path path = root.resolve(file).toAbsolutePath().normalize();
      if (!loaded.contains(path) && Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
        leftOut.add(path);
      }
    }
    return leftOut;
  }

  /** Files of the tree, by display path, that the base revision lacks or has with other bytes. */
  public static Predicate<String> changedSince(Workspace workspace, BaseRevision base) {
    return file ->
        workspace
            .treePath(workspace.displayRoot().resolve(file))
            .filter(path -> !base.files().contains(path) || base.changedFiles().containsKey(path))
            .isPresent();
  }

  /**
   * Files of the tree outside the focus, by display path, that the base revision has as they are.
   */
  public static Predicate<String> untouched(
      Workspace workspace, BaseRevision base, Predicate<String> inFocus) {
    Predicate<String> changed = changedSince(workspace, base);
    return file ->
        !inFocus.test(file)
            && workspace.treePath(workspace.displayRoot().resolve(file)).isPresent()
            && !changed.test(file);
  }
}
