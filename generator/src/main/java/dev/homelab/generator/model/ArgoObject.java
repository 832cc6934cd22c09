package dev.homelab.generator.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One generated Argo CD object, as the ordered map it is written from.
 *
 * @param kind {@code Application} or {@code AppProject}
 * @param name its metadata.name
 * @param body the whole object, keys in the order they are written
 */
public record ArgoObject(String kind, String name, Map<String, Object> body) {
  public static final String APPLICATION = "Application";
  public static final String APP_PROJECT = "AppProject";
  public static final String COMPONENT_PATH = "homelab.dev/component-path";

  public ArgoObject {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
  }

  /** The object read back from a generated file, or empty when it lacks a kind or a name. */
  public static Optional<ArgoObject> parse(Object document) {
    if (!(document instanceof Map<?, ?> map)
        || !(map.get("kind") instanceof String kind)
        || !(map.get("metadata") instanceof Map<?, ?> metadata)
        || !(metadata.get("name") instanceof String name)) {
      return Optional.empty();
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> body = (Map<String, Object>) map;
    return Optional.of(new ArgoObject(kind, name, body));
  }

  public boolean isApplication() {
    return APPLICATION.equals(kind);
  }

  /** {@code Application cert-manager}, as commit messages and errors name it. */
  public String label() {
    return kind + " " + name;
  }

  /**
   * The {@code homelab.dev/component-path} annotation, or null: the tree folder the Application
   * deploys (the component's path, or the generated folder a root or namespace Application syncs).
   * Two Applications with one path and different names are a rename.
   */
  public String componentPath() {
    Object value = at("metadata", "annotations", COMPONENT_PATH);
    return value instanceof String path ? path : null;
  }

  /** The value at {@code path} inside the object, or null. */
  public Object at(String... path) {
    Object current = body;
    for (String key : path) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(key);
    }
    return current;
  }

  /** The sources of an Application, single or multi-source. */
  public List<Map<?, ?>> sources() {
    Object many = at("spec", "sources");
    if (many instanceof List<?> list) {
      List<Map<?, ?>> sources = new ArrayList<>();
      for (Object item : list) {
        if (item instanceof Map<?, ?> map) {
          sources.add(map);
        }
      }
      return sources;
    }
    Object one = at("spec", "source");
    return one instanceof Map<?, ?> map ? List.of(map) : List.of();
  }
}
