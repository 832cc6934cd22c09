package dev.homelab.core.model;

import dev.homelab.core.finding.ResourceRef;
import dev.homelab.core.source.Location;
import dev.homelab.core.yaml.Document;
import dev.homelab.core.yaml.Nodes;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One Kubernetes object from the tree: its type and identity, its JSON tree, and how to find any of
 * its nodes in the source. Items of a {@code kind: List} are resources of their own.
 */
public final class Resource {

  private final Document document;
  private final String pointer;
  private final JsonNode object;
  private final GroupVersionKind type;
  private final String name;
  private final String declaredNamespace;
  private final String namespace;
  private final boolean clusterScoped;
  private final Map<String, String> labels;
  private final Map<String, String> annotations;

  /**
   * @param pointer where the object sits in its document: empty, or {@code /items/N} for List items
   * @param defaultNamespace the namespace the object lands in when it names none (its component's)
   */
  public Resource(
      Document document,
      String pointer,
      JsonNode object,
      String defaultNamespace,
      boolean clusterScoped) {
    this.document = document;
    this.pointer = pointer;
    this.object = object;
    this.type =
        GroupVersionKind.of(Nodes.text(object, "apiVersion", ""), Nodes.text(object, "kind", ""));
    JsonNode metadata = object.path("metadata");
    this.name = Nodes.text(metadata, "name", Nodes.text(metadata, "generateName", ""));
    this.declaredNamespace = Nodes.text(metadata, "namespace", "");
    this.clusterScoped = clusterScoped;
    this.namespace =
        clusterScoped
            ? ""
            : declaredNamespace.isEmpty() && defaultNamespace != null
                ? defaultNamespace
                : declaredNamespace;
    this.labels = Nodes.stringMap(metadata.path("labels"));
    this.annotations = Nodes.stringMap(metadata.path("annotations"));
  }

  public Document document() {
    return document;
  }

  public JsonNode object() {
    return object;
  }

  public GroupVersionKind type() {
    return type;
  }

  public String apiVersion() {
    return type.apiVersion();
  }

  public String group() {
    return type.group();
  }

  public String kind() {
    return type.kind();
  }

  public String name() {
    return name;
  }

  /**
   * The namespace the object lands in: its own, else its component's; empty when cluster-scoped.
   */
  public String namespace() {
    return namespace;
  }

  /** The namespace written in the manifest, empty when none is written. */
  public String declaredNamespace() {
    return declaredNamespace;
  }

  public boolean clusterScoped() {
    return clusterScoped;
  }

  public Map<String, String> labels() {
    return labels;
  }

  public Map<String, String> annotations() {
    return annotations;
  }

  /** The pointer of this object inside its document. */
  public String pointer() {
    return pointer;
  }

  public String file() {
    return document.file().source().displayPath();
  }

  public ResourceRef ref() {
    return new ResourceRef(apiVersion(), kind(), namespace, name);
  }

  /** The value at {@code pointer} inside this object (e.g. {@code /spec/replicas}). */
  public Location locate(String relativePointer) {
    return document.locate(pointer + relativePointer);
  }

  /** The key of the property at {@code pointer} inside this object. */
  public Location locateKey(String relativePointer) {
    return document.locateKey(pointer + relativePointer);
  }

  /** Where the object starts: its document, or its item in a List. */
  public Location location() {
    return pointer.isEmpty() ? document.location() : document.locate(pointer);
  }

  @Override
  public String toString() {
    return ref().display() + " (" + file() + ")";
  }
}
