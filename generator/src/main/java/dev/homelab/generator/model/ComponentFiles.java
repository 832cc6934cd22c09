package dev.homelab.generator.model;

import dev.homelab.core.config.HomeLab;
import dev.homelab.core.config.HomeLabConfig;
import dev.homelab.core.discovery.FileDiscovery;
import dev.homelab.core.source.SourceFile;
import dev.homelab.core.workspace.FileKind;
import dev.homelab.core.workspace.WorkspaceLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The manifests in each component's folder, by the same discovery and classification the validator
 * uses, so that an Application syncs exactly the files the checks looked at: never scripts,
 * READMEs, Dockerfiles or Helm values files.
 */
public final class ComponentFiles {
  private final Map<String, SortedSet<String>> manifests;

  private ComponentFiles(Map<String, SortedSet<String>> manifests) {
    this.manifests = manifests;
  }

  /** Scans the tree of {@code config}, leaving out the generated folder. */
  public static ComponentFiles scan(HomeLabConfig config) {
    return classify(config, discover(config.root()));
  }

  /**
   * Every YAML and JSON file under {@code root}, as the validator's discovery finds them: from the
   * repository's top, so that the ignore files of the folders above the lab apply as git reads
   * them.
   */
  public static List<SourceFile> discover(Path root) {
    try {
      return FileDiscovery.discover(List.of(root), FileDiscovery.workTreeOf(root).orElse(root))
          .files();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The manifests among {@code files}, by component; files of the generated folder are left out.
   */
  public static ComponentFiles classify(HomeLabConfig config, List<SourceFile> files) {
    Path root = config.root();
    String generated = stripSlash(config.lab().generatedPath()) + "/";
    Map<String, SortedSet<String>> manifests = new HashMap<>();
    for (SourceFile file : files) {
      String treePath =
          root.relativize(file.path().toAbsolutePath().normalize())
              .toString()
              .replace(file.path().getFileSystem().getSeparator(), "/");
      if (treePath.startsWith(generated) || treePath.startsWith("..")) {
        continue;
      }
      config
          .componentAt(treePath)
          .filter(c -> WorkspaceLoader.classify(file, config) == FileKind.MANIFEST)
          .ifPresent(
              component -> {
                String folder = stripSlash(component.path());
                manifests
                    .computeIfAbsent(component.name(), k -> new TreeSet<>())
                    .add(treePath.substring(folder.length() + 1));
              });
    }
    return new ComponentFiles(manifests);
  }

  /** For tests that know the files without a tree on disk. */
  public static ComponentFiles of(Map<String, ? extends SortedSet<String>> manifests) {
    Map<String, SortedSet<String>> copy = new HashMap<>();
    manifests.forEach((name, files) -> copy.put(name, new TreeSet<>(files)));
    return new ComponentFiles(copy);
  }

  /** The component's manifests, relative to its folder, sorted. */
  public SortedSet<String> manifests(HomeLab.Component component) {
    return manifests.getOrDefault(component.name(), new TreeSet<>());
  }

  static String stripSlash(String path) {
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
