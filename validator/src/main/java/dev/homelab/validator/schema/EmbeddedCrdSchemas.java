package dev.homelab.validator.schema;

import dev.homelab.core.model.GroupVersionKind;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The CustomResourceDefinitions of the operators the lab runs (Argo CD, cert-manager, MetalLB, the
 * Prometheus operator, Traefik, K3s' Helm controller and Gateway API, which Traefik implements),
 * reduced and carried in the jar so their objects are validated offline; {@code
 * scripts/refresh-crd-schemas.sh} refreshes them.
 */
public final class EmbeddedCrdSchemas implements SchemaSource {

  public static final String FOLDER = "/dev/homelab/validator/schemas/crds/";

  /** One kind of the index, with the upstream module version its CRD came from. */
  public record Entry(GroupVersionKind type, boolean namespaced, String file, String source) {}

  private final Map<GroupVersionKind, Entry> index;
  private final CrdSchemaConverter converter;

  private EmbeddedCrdSchemas(Map<GroupVersionKind, Entry> index, CrdSchemaConverter converter) {
    this.index = index;
    this.converter = converter;
  }

  public static EmbeddedCrdSchemas load(CrdSchemaConverter converter) {
    Map<GroupVersionKind, Entry> index = new LinkedHashMap<>();
    for (JsonNode kind : read("index.json").get("kinds")) {
      GroupVersionKind type = EmbeddedResources.type(kind);
      index.put(
          type,
          new Entry(
              type,
              kind.get("namespaced").asBoolean(),
              kind.get("file").asString(),
              kind.get("source").asString()));
    }
    return new EmbeddedCrdSchemas(index, converter);
  }

  @Override
  public Optional<Found> find(GroupVersionKind type) {
    Entry entry = index.get(type);
    return entry == null
        ? Optional.empty()
        : Optional.ofNullable(converter.convert(read(entry.file())).get(type))
            .map(Found::standalone);
  }

  @Override
  public Optional<JsonNode> crdSchema(GroupVersionKind type) {
    Entry entry = index.get(type);
    return entry == null
        ? Optional.empty()
        : Optional.ofNullable(CrdSchemaConverter.openApiSchemas(read(entry.file())).get(type));
  }

  /** Every kind, in the index's order: group, kind, version. */
  public Collection<Entry> entries() {
    return index.values();
  }

  private static JsonNode read(String file) {
    return EmbeddedResources.json(FOLDER + file);
  }

  @Override
  public String describe() {
    return "embedded CRD schemas";
  }
}
