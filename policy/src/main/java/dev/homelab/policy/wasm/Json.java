package dev.homelab.policy.wasm;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The one Jackson mapper of this package; ObjectMapper is thread-safe once configured. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static JsonNode parse(String json, String what) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new PolicyException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Fails unless json is one well-formed JSON object; OPA's Wasm would otherwise evaluate a
   * malformed input as undefined and report nothing.
   */
  static void requireObject(String json, String what) {
    try (JsonParser parser = MAPPER.getFactory().createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new PolicyException(what + " is not a JSON object");
      }
      parser.skipChildren();
      if (parser.nextToken() != null) {
        throw new PolicyException(what + " has content after its JSON object");
      }
    } catch (JsonProcessingException e) {
      throw new PolicyException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode read(InputStream in, String what) {
    try (in) {
      return MAPPER.readTree(in);
    } catch (IOException e) {
      throw new PolicyException("cannot read " + what + ": " + e.getMessage(), e);
    }
  }

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(JsonNode node, String field, String what) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw new PolicyException(what + " has no " + field);
    }
    return value.asText();
  }
}
