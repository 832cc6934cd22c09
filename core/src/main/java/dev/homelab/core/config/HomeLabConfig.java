package dev.homelab.core.config;

import dev.homelab.core.source.Location;
import dev.homelab.core.yaml.Document;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** A loaded and checked homelab.yaml: the lab's model plus where each of its entries is written. */
public final class HomeLabConfig {

  public static final String FILE_NAME = "homelab.yaml";
  public static final String VALUES_FILE = "values-homelab.yaml";

  private final Path file;
  private final Document document;
  private final HomeLab lab;
  private final JsonNode resolved;
  private final Map<String, HomeLab.Namespace> namespaces = new LinkedHashMap<>();
  private final Map<String, HomeLab.Component> components = new LinkedHashMap<>();
  private final List<HomeLab.Component> componentsByPathLength;

  HomeLabConfig(Path file, Document document, HomeLab lab, JsonNode resolved) {
    this.file = file;
    this.document = document;
    this.lab = lab;
    this.resolved = resolved;
    lab.namespaces().forEach(ns -> namespaces.put(ns.name(), ns));
    lab.components().forEach(c -> components.put(c.name(), c));
    this.componentsByPathLength =
        lab.components().stream()
            .sorted(Comparator.comparingInt((HomeLab.Component c) -> c.path().length()).reversed())
            .toList();
  }

  public Path file() {
    return file;
  }

  /** The folder that holds homelab.yaml: the root of the GitOps tree. */
  public Path root() {
    return file.toAbsolutePath().normalize().getParent();
  }

  public HomeLab lab() {
    return lab;
  }

  /** The config as JSON with defaults applied, as policies receive it. */
  public JsonNode resolvedJson() {
    return resolved;
  }

  public Document document() {
    return document;
  }

  /** Where a node of homelab.yaml is written, for findings about config entries. */
  public Location locate(String pointer) {
    return document.locate(pointer);
  }

  public Optional<HomeLab.Namespace> namespace(String name) {
    return Optional.ofNullable(namespaces.get(name));
  }

  public Optional<HomeLab.Component> component(String name) {
    return Optional.ofNullable(components.get(name));
  }

  public Optional<HomeLab.Profile> profileOf(String namespace) {
    return namespace(namespace).map(ns -> lab.profiles().get(ns.profile()));
  }

  /**
   * The component whose folder contains {@code treePath} (relative to the tree root, forward
   * slashes); the deepest folder wins when components nest.
   */
  public Optional<HomeLab.Component> componentAt(String treePath) {
    for (HomeLab.Component component : componentsByPathLength) {
      String folder = stripSlash(component.path());
      if (treePath.equals(folder) || treePath.startsWith(folder + "/")) {
        return Optional.of(component);
      }
    }
    return Optional.empty();
  }

  /** Index of a component in the components list, for pointers into homelab.yaml. */
  public int indexOf(HomeLab.Component component) {
    return lab.components().indexOf(component);
  }

  public int indexOf(HomeLab.Namespace namespace) {
    return lab.namespaces().indexOf(namespace);
  }

  private static String stripSlash(String path) {
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
