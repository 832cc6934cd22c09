package dev.homelab.core.render;

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

  public static String pretty(JsonNode node) {
    return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
  }
}
