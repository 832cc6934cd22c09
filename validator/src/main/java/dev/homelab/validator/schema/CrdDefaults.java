package dev.homelab.validator.schema;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies a CRD's {@code default} values as the API server does before it validates: a missing
 * field, or a null one that may not be null, takes its default, and defaults inside a defaulted
 * value apply too. Rules such as "a Service reference needs a port" read fields left to defaults.
 */
final class CrdDefaults {

  private CrdDefaults() {}

  /** The object with every default applied: itself when none applies, else a changed copy. */
  static JsonNode apply(CrdSchemaNode crd, JsonNode object) {
    if (crd == null || !changes(crd, object)) {
      return object;
    }
    JsonNode copy = object.deepCopy();
    fill(crd, copy);
    return copy;
  }

  private static boolean changes(CrdSchemaNode node, JsonNode value) {
    if (CrdSchemaNode.absent(value)) {
      return false;
    }
    if (value.isObject()) {
      for (Map.Entry<String, CrdSchemaNode> property : node.properties().entrySet()) {
        if (takesDefault(property.getValue(), value.get(property.getKey()))) {
          return true;
        }
      }
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        CrdSchemaNode child = node.child(field.getKey());
        if (child != null && changes(child, field.getValue())) {
          return true;
        }
      }
    } else if (value.isArray() && node.items() != null) {
      for (JsonNode element : value) {
        if (changes(node.items(), element)) {
          return true;
        }
      }
    }
    return false;
  }

  private static void fill(CrdSchemaNode node, JsonNode value) {
    if (value instanceof ObjectNode object) {
      for (Map.Entry<String, CrdSchemaNode> property : node.properties().entrySet()) {
        if (takesDefault(property.getValue(), object.get(property.getKey()))) {
          object.set(property.getKey(), property.getValue().schema().get("default").deepCopy());
        }
      }
      for (Map.Entry<String, JsonNode> field : object.properties()) {
        CrdSchemaNode child = node.child(field.getKey());
        if (child != null) {
          fill(child, field.getValue());
        }
      }
    } else if (value != null && value.isArray() && node.items() != null) {
      for (JsonNode element : value) {
        fill(node.items(), element);
      }
    }
  }

  private static boolean takesDefault(CrdSchemaNode node, JsonNode field) {
    if (!node.schema().has("default")) {
      return false;
    }
    return field == null
        || field.isMissingNode()
        || (field.isNull() && !node.schema().path("nullable").asBoolean(false));
  }
}
