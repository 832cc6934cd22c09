package dev.homelab.core.render;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Pretty, stable JSON text for the machine-readable formats. */
final class JsonText {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private JsonText() {}

  static String pretty(JsonNode node) {
    return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
  }
}
