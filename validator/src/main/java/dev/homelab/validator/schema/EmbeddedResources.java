package dev.homelab.validator.schema;

import dev.homelab.core.model.GroupVersionKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the schema files and indexes that the jar carries. */
final class EmbeddedResources {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private EmbeddedResources() {}

  static byte[] bytes(String path) {
    try (InputStream in = EmbeddedResources.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("embedded schema missing from the jar: " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String path) {
    return JSON.readTree(bytes(path));
  }

  /** The kind an index entry names in its group, version and kind fields. */
  static GroupVersionKind type(JsonNode entry) {
    return new GroupVersionKind(
        entry.get("group").asString(),
        entry.get("version").asString(),
        entry.get("kind").asString());
  }
}
