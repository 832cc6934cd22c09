package dev.homelab.validator.schema;

import dev.cel.common.values.NullValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Turns an object's YAML into the values a CRD's CEL rules see, typed by its schema as the API
 * server types them: {@code number} is always a double, and declared properties are named by
 * Kubernetes' escaping ({@code x-y} becomes {@code x__dash__y}).
 */
final class CelValues {

  private static final Set<String> RESERVED =
      Set.of(
          "true",
          "false",
          "null",
          "in",
          "as",
          "break",
          "const",
          "continue",
          "else",
          "for",
          "function",
          "if",
          "import",
          "let",
          "loop",
          "package",
          "namespace",
          "return",
          "var",
          "void",
          "while");
  private static final Pattern ESCAPABLE = Pattern.compile("[a-zA-Z_.\\-/][a-zA-Z0-9_.\\-/]*");

  private CelValues() {}

  /** The value of {@code node} under {@code schema}; a missing schema converts by JSON type. */
  static Object of(JsonNode node, JsonNode schema) {
    return of(node, schema, false);
  }

  /**
   * As {@link #of(JsonNode, JsonNode)}, with lists of {@code x-kubernetes-list-type} set or map in
   * one canonical order, so that comparing an object with its earlier version ignores their order
   * as the API server does.
   */
  static Object unordered(JsonNode node, JsonNode schema) {
    return of(node, schema, true);
  }

  private static Object of(JsonNode node, JsonNode schema, boolean unordered) {
    if (node == null || node.isNull()) {
      return NullValue.NULL_VALUE;
    }
    String type = schema == null ? "" : schema.path("type").asString("");
    if (node.isObject()) {
      return object(node, schema, unordered);
    }
    if (node.isArray()) {
      JsonNode items = schema == null ? null : schema.get("items");
      List<JsonNode> elements = new ArrayList<>(node.size());
      node.forEach(elements::add);
      String listType = schema == null ? "" : schema.path("x-kubernetes-list-type").asString("");
      if (unordered && (listType.equals("set") || listType.equals("map"))) {
        elements.sort(Comparator.comparing(CelValues::canonical));
      }
      List<Object> list = new ArrayList<>(elements.size());
      for (JsonNode element : elements) {
        list.add(of(element, items, unordered));
      }
      return list;
    }
    if (node.isNumber()) {
      // An integer beyond 64 bits is no int to the API server either; as a double it compares.
      return type.equals("number") || !node.canConvertToExactIntegral() || !node.canConvertToLong()
          ? (Object) node.asDouble()
          : (Object) node.asLong();
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    return node.asString();
  }

  private static Map<String, Object> object(JsonNode node, JsonNode schema, boolean unordered) {
    JsonNode properties = schema == null ? null : schema.get("properties");
    JsonNode additional = schema == null ? null : schema.get("additionalProperties");
    Map<String, Object> map = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      JsonNode declared = properties == null ? null : properties.get(field.getKey());
      if (declared != null) {
        String name = escape(field.getKey());
        if (name != null) {
          map.put(name, of(field.getValue(), declared, unordered));
        }
      } else {
        JsonNode child = additional != null && additional.isObject() ? additional : null;
        map.put(field.getKey(), of(field.getValue(), child, unordered));
      }
    }
    return map;
  }

  /** The node as text with every object's keys sorted, the same for equal values. */
  private static String canonical(JsonNode node) {
    if (node.isObject()) {
      Map<String, String> sorted = new TreeMap<>();
      node.properties().forEach(field -> sorted.put(field.getKey(), canonical(field.getValue())));
      return sorted.toString();
    }
    if (node.isArray()) {
      List<String> elements = new ArrayList<>();
      node.forEach(element -> elements.add(canonical(element)));
      return elements.toString();
    }
    return node.toString();
  }

  /** A declared property's name as CEL rules write it, or null when they cannot name it. */
  static String escape(String property) {
    if (RESERVED.contains(property)) {
      return "__" + property + "__";
    }
    if (!ESCAPABLE.matcher(property).matches()) {
      return null;
    }
    return property
        .replace("__", "__underscores__")
        .replace(".", "__dot__")
        .replace("-", "__dash__")
        .replace("/", "__slash__");
  }
}
