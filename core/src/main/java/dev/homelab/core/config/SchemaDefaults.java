package dev.homelab.core.config;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fills a document with the {@code default} values its JSON Schema declares, creating absent
 * objects when something inside them has a default: the config as policies see it.
 */
final class SchemaDefaults {

  private final JsonNode schemaRoot;

  private SchemaDefaults(JsonNode schemaRoot) {
    this.schemaRoot = schemaRoot;
  }

  /** A copy of {@code document} with every schema default filled in. */
  static JsonNode apply(JsonNode document, JsonNode schema) {
    JsonNode copy = document.deepCopy();
    new SchemaDefaults(schema).fill(copy, schema);
    return copy;
  }

  private void fill(JsonNode instance, JsonNode schema) {
    JsonNode resolved = resolve(schema);
    if (instance.isObject()) {
      ObjectNode object = (ObjectNode) instance;
      for (Map.Entry<String, JsonNode> property : resolved.path("properties").properties()) {
        JsonNode propertySchema = resolve(property.getValue());
        if (!object.has(property.getKey())) {
          if (propertySchema.has("default")) {
            object.set(property.getKey(), propertySchema.get("default").deepCopy());
          } else if (hasDefaults(propertySchema, 0)) {
            object.putObject(property.getKey());
          }
        }
        if (object.has(property.getKey())) {
          fill(object.get(property.getKey()), propertySchema);
        }
      }
      JsonNode additional = resolved.get("additionalProperties");
      if (additional != null && additional.isObject()) {
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
          if (!resolved.path("properties").has(entry.getKey())) {
            fill(entry.getValue(), additional);
          }
        }
      }
    } else if (instance.isArray() && resolved.has("items")) {
      instance.forEach(item -> fill(item, resolved.get("items")));
    }
  }

  /** Whether an absent object would get defaults inside it, so it is worth creating. */
  private boolean hasDefaults(JsonNode schema, int depth) {
    JsonNode resolved = resolve(schema);
    if (depth > 8 || !resolved.path("properties").isObject()) {
      return false;
    }
    for (Map.Entry<String, JsonNode> property : resolved.get("properties").properties()) {
      JsonNode child = resolve(property.getValue());
      if (child.has("default") || hasDefaults(child, depth + 1)) {
        return true;
      }
    }
    return false;
  }

  private JsonNode resolve(JsonNode schema) {
    JsonNode current = schema;
    for (int hops = 0; hops < 8 && current.has("$ref"); hops++) {
      String ref = current.get("$ref").asString();
      current = ref.startsWith("#") ? schemaRoot.at(ref.substring(1)) : current;
      if (current.isMissingNode()) {
        return schema;
      }
    }
    return current;
  }
}
