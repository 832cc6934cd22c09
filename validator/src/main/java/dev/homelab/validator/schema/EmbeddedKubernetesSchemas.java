package dev.homelab.validator.schema;

import dev.homelab.core.model.GroupVersionKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/** The Kubernetes 1.34 schemas generated at build time and carried in the jar. */
public final class EmbeddedKubernetesSchemas implements SchemaSource {

  /** The Kubernetes version the schemas are generated from. */
  public static final String VERSION = "1.34";

  public static final String FOLDER = "/dev/homelab/validator/schemas/kubernetes/v" + VERSION + "/";

  /** One kind of the index. */
  public record Entry(GroupVersionKind type, boolean namespaced, String file) {}

  private final Map<GroupVersionKind, Entry> index;

  private EmbeddedKubernetesSchemas(Map<GroupVersionKind, Entry> index) {
    this.index = index;
  }

  public static EmbeddedKubernetesSchemas load() {
    JsonNode root = read("index.json");
    Map<GroupVersionKind, Entry> index = new HashMap<>();
    for (JsonNode kind : root.get("kinds")) {
      GroupVersionKind type = EmbeddedResources.type(kind);
      index.put(
          type, new Entry(type, kind.get("namespaced").asBoolean(), kind.get("file").asString()));
    }
    return new EmbeddedKubernetesSchemas(index);
  }

  @Override
  public Optional<Found> find(GroupVersionKind type) {
    Entry entry = index.get(type);
    return entry == null ? Optional.empty() : Optional.of(Found.standalone(read(entry.file())));
  }

  public Optional<Entry> entry(GroupVersionKind type) {
    return Optional.ofNullable(index.get(type));
  }

  /** The types Kubernetes serves in {@code group}, every version; empty for a group it lacks. */
  public List<GroupVersionKind> servedIn(String group) {
    return index.keySet().stream().filter(type -> type.group().equals(group)).toList();
  }

  /** Every kind, sorted by file name. */
  public Map<String, Entry> byFile() {
    Map<String, Entry> sorted = new TreeMap<>();
    index.values().forEach(entry -> sorted.put(entry.file(), entry));
    return sorted;
  }

  /** The raw bytes of one embedded file. */
  public static byte[] bytes(String file) {
    return EmbeddedResources.bytes(FOLDER + file);
  }

  static JsonNode read(String file) {
    return EmbeddedResources.json(FOLDER + file);
  }

  @Override
  public String describe() {
    return "embedded Kubernetes " + VERSION + " schemas";
  }
}
