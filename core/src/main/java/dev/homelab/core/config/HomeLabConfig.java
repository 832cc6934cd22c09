package dev.homelab.core.config;

import dev.homelab.core.source.Location;
import dev.homelab.core.yaml.Document;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/** A loaded and checked homelab.yaml: the lab's model plus where each of its entries is written. */
public final class HomeLabConfig {

  public static final String FILE_NAME = "homelab.yaml";
  public static final String VALUES_FILE = "values-homelab.yaml";

  private final Path file;
  private final Document document;
  private final HomeLab lab;
  private final Supplier<JsonNode> resolver;
  private volatile JsonNode resolved;
  private final Map<String, HomeLab.Namespace> namespaces = new LinkedHashMap<>();
  private final Map<String, HomeLab.Component> components = new LinkedHashMap<>();
  // Folder (without a trailing slash) -> the first component declared there.
  private final Map<String, HomeLab.Component> componentsByFolder = new HashMap<>();

  HomeLabConfig(Path file, Document document, HomeLab lab, Supplier<JsonNode> resolver) {
    this.file = file;
    this.document = document;
    this.lab = lab;
    this.resolver = resolver;
    lab.namespaces().forEach(ns -> namespaces.put(ns.name(), ns));
    lab.components().forEach(c -> components.put(c.name(), c));
    lab.components().forEach(c -> componentsByFolder.putIfAbsent(stripSlash(c.path()), c));
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
    // Built on first use: only the policies need it, and binding costs start-up time.
    JsonNode json = resolved;
    if (json == null) {
      json = resolver.get();
      resolved = json;
    }
    return json;
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
    // Walking up the path's folders finds the deepest one in a few map lookups per file, where
    // comparing against every component made large trees quadratic.
    for (String folder = treePath; !folder.isEmpty(); ) {
      HomeLab.Component component = componentsByFolder.get(folder);
      if (component != null) {
        return Optional.of(component);
      }
      int slash = folder.lastIndexOf('/');
      folder = slash < 0 ? "" : folder.substring(0, slash);
    }
    return Optional.empty();
  }

  /** Index of a component in the components list, for pointers into homelab.yaml. */
  public int indexOf(HomeLab.Component component) {
    return lab.components().indexOf(component);
  }

  private static String stripSlash(String path) {
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
