package dev.homelab.core.render;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Pretty, stable JSON text for the machine-readable formats. */
public final class JsonText {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private JsonText() {}

  /** An empty object to fill and then print with {@link #pretty(JsonNode)}. */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /**
   * A parsed JSON value (maps, lists and scalars) as a tree, with map keys sorted so that the text
   * does not depend on the order a server sent them in.
   */
  public static JsonNode tree(Object value) {
    return MAPPER.valueToTree(sorted(value));
  }

  private static Object sorted(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> keys = new TreeMap<>();
      map.forEach((key, item) -> keys.put(String.valueOf(key), sorted(item)));
      return keys;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(JsonText::sorted).toList();
    }
    return value;
  }

  public static String pretty(JsonNode node) {
    return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
  }
}
