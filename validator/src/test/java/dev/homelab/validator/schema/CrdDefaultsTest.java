package dev.homelab.validator.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A CRD's defaults are applied the way the API server applies them before validating. */
class CrdDefaultsTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final CrdSchemaNode CRD =
      CrdSchemaNode.of(
          JSON.readTree(
              """
              {"type": "object", "properties": {"spec": {"type": "object", "properties": {
                "tls": {"type": "object", "default": {},
                  "properties": {"mode": {"type": "string", "default": "strict"}}},
                "replicas": {"type": "integer", "default": 1},
                "note": {"type": "string", "nullable": true, "default": "none"},
                "ports": {"type": "array", "items": {"type": "object", "properties": {
                  "protocol": {"type": "string", "default": "TCP"}}}},
                "labels": {"type": "object", "additionalProperties": {"type": "object",
                  "properties": {"weight": {"type": "integer", "default": 5}}}}}}}}
              """));

  @Test
  void missingAndNonNullableNullFieldsTakeTheirDefaultsAtEveryDepth() {
    JsonNode object =
        JSON.readTree(
            "{\"spec\": {\"replicas\": null, \"note\": null, \"ports\": [{}, {\"protocol\":"
                + " \"UDP\"}], \"labels\": {\"a\": {}}}}");

    JsonNode defaulted = CrdDefaults.apply(CRD, object);

    assertThat(defaulted.toString())
        .isEqualTo(
            "{\"spec\":{\"replicas\":1,\"note\":null,\"ports\":[{\"protocol\":\"TCP\"},"
                + "{\"protocol\":\"UDP\"}],\"labels\":{\"a\":{\"weight\":5}},"
                + "\"tls\":{\"mode\":\"strict\"}}}");
    assertThat(object.at("/spec/replicas").isNull())
        .as("the object itself is not changed")
        .isTrue();
  }

  @Test
  void anObjectWithNothingToDefaultIsReturnedAsItIs() {
    JsonNode object =
        JSON.readTree(
            "{\"spec\": {\"replicas\": 2, \"tls\": {\"mode\": \"lax\"}, \"note\": \"x\"}}");

    assertThat(CrdDefaults.apply(CRD, object)).isSameAs(object);
    assertThat(CrdDefaults.apply(null, object)).isSameAs(object);
  }
}
