package dev.homelab.core.yaml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/** Null-safe reads from JSON trees, which rules use instead of Jackson's throwing accessors. */
public final class Nodes {

  private Nodes() {}

  /** The string at {@code field}, or {@code fallback} when it is missing or not a string. */
  public static String text(JsonNode node, String field, String fallback) {
    if (node == null || !node.isObject()) {
      return fallback;
    }
    JsonNode value = node.get(field);
    return value != null && value.isString() ? value.stringValue() : fallback;
  }

  public static String text(JsonNode node, String fallback) {
    return node != null && node.isString() ? node.stringValue() : fallback;
  }

  /** The value as an int, or null when it is not an integral number that fits in one. */
  public static Integer integer(JsonNode node) {
    return node != null && node.isIntegralNumber() && node.canConvertToInt() ? node.asInt() : null;
  }

  /** An array's elements, or none when the node is missing or of another type. */
  public static List<JsonNode> elements(JsonNode node) {
    if (node == null || !node.isArray()) {
      return List.of();
    }
    List<JsonNode> elements = new ArrayList<>(node.size());
    node.forEach(elements::add);
    return elements;
  }

  /** A string-to-string map such as labels; non-string values are left out, order is sorted. */
  public static Map<String, String> stringMap(JsonNode node) {
    if (node == null || !node.isObject() || node.isEmpty()) {
      return Collections.emptyMap();
    }
    Map<String, String> map = new TreeMap<>();
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      if (entry.getValue().isString()) {
        map.put(entry.getKey(), entry.getValue().stringValue());
      }
    }
    return Collections.unmodifiableMap(map);
  }
}
