package dev.homelab.generator.model;

import dev.homelab.core.config.HomeLab;
import dev.homelab.core.config.HomeLabConfig;
import dev.homelab.core.discovery.FileDiscovery;
import dev.homelab.core.source.SourceFile;
import dev.homelab.core.workspace.FileKind;
import dev.homelab.core.workspace.WorkspaceLoader;
import java.io.IOException;
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
  public static ComponentFiles scan(HomeLabConfig config) throws IOException {
    Path root = config.root();
    String generated = stripSlash(config.lab().generatedPath()) + "/";
    Map<String, SortedSet<String>> manifests = new HashMap<>();
    for (SourceFile file : FileDiscovery.discover(List.of(root), root).files()) {
      String treePath =
          root.relativize(file.path().toAbsolutePath().normalize())
              .toString()
              .replace(file.path().getFileSystem().getSeparator(), "/");
      if (treePath.startsWith(generated)) {
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

  /** For tests and benchmarks that know the files without a tree on disk. */
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
