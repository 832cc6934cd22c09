package dev.homelab.validator.schema;

import dev.homelab.core.model.GroupVersionKind;
import dev.homelab.core.model.Resource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Schemas converted from the CustomResourceDefinitions found in the scanned tree. */
public final class TreeCrdSchemas implements SchemaSource {

  private final Map<GroupVersionKind, JsonNode> schemas = new HashMap<>();
  private final Map<GroupVersionKind, JsonNode> crdSchemas = new HashMap<>();

  public TreeCrdSchemas(List<Resource> resources, CrdSchemaConverter converter) {
    for (Resource resource : resources) {
      if (resource.kind().equals("CustomResourceDefinition")
          && resource.apiVersion().equals("apiextensions.k8s.io/v1")) {
        schemas.putAll(converter.convert(resource.object()));
        crdSchemas.putAll(CrdSchemaConverter.openApiSchemas(resource.object()));
      }
    }
  }

  @Override
  public Optional<Found> find(GroupVersionKind type) {
    return Optional.ofNullable(schemas.get(type)).map(Found::standalone);
  }

  @Override
  public Optional<JsonNode> crdSchema(GroupVersionKind type) {
    return Optional.ofNullable(crdSchemas.get(type));
  }

  @Override
  public String describe() {
    return "CRDs in the scanned tree";
  }
}
