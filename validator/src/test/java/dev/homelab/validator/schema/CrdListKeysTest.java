package dev.homelab.validator.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Repeated entries of a CRD's set and map lists, which the API server refuses. */
class CrdListKeysTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final CrdSchemaNode CRD =
      CrdSchemaNode.of(
          JSON.readTree(
              """
              {"type": "object", "properties": {"spec": {"type": "object", "properties": {
                "ports": {"type": "array", "x-kubernetes-list-type": "map",
                  "x-kubernetes-list-map-keys": ["port", "protocol"],
                  "items": {"type": "object"}},
                "hosts": {"type": "array", "x-kubernetes-list-type": "set",
                  "items": {"type": "string"}},
                "plain": {"type": "array", "items": {"type": "string"}},
                "rules": {"type": "array", "items": {"type": "object", "properties": {
                  "names": {"type": "array", "x-kubernetes-list-type": "set",
                    "items": {"type": "string"}}}}}}}}}
              """));

  @Test
  void aRepeatedKeyOrSetItemIsReportedAtTheRepeat() {
    var duplicates =
        CrdListKeys.check(
            CRD,
            JSON.readTree(
                """
                {"spec": {
                  "ports": [{"port": 80, "protocol": "TCP"}, {"port": 80, "protocol": "UDP"},
                    {"protocol": "TCP", "port": 80, "name": "again"}],
                  "hosts": ["a", "b", "a"],
                  "plain": ["x", "x"],
                  "rules": [{"names": ["n"]}, {"names": ["m", "m"]}]}}
                """));

    assertThat(duplicates)
        .containsExactly(
            new CrdListKeys.Duplicate(
                "/spec/ports/2", "/spec/ports/0", "port: 80, protocol: \"TCP\""),
            new CrdListKeys.Duplicate("/spec/hosts/2", "/spec/hosts/0", "\"a\""),
            new CrdListKeys.Duplicate("/spec/rules/1/names/1", "/spec/rules/1/names/0", "\"m\""));
  }
}
