package dev.homelab.validator.schema.gen;

import static dev.homelab.validator.schema.EmbeddedSchemaFixture.index;
import static dev.homelab.validator.schema.EmbeddedSchemaFixture.readBytes;
import static dev.homelab.validator.schema.EmbeddedSchemaFixture.readJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The generated files are self-contained, strict, compact and byte-stable. */
class GeneratedSchemaFilesTest {

  private static SortedMap<String, byte[]> regenerated;

  @BeforeAll
  static void regenerate() {
    regenerated = KubernetesSchemaGenerator.generate();
  }

  @Test
  void theBuildOutputIsWhatTheGeneratorProducesNow() {
    List<String> indexed = new ArrayList<>();
    index().get("kinds").forEach(entry -> indexed.add(entry.get("file").asString()));
    indexed.add(KubernetesSchemaGenerator.INDEX_FILE);

    assertThat(regenerated.keySet()).containsExactlyInAnyOrderElementsOf(indexed);
    for (Map.Entry<String, byte[]> file : regenerated.entrySet()) {
      assertThat(readBytes(file.getKey())).as(file.getKey()).isEqualTo(file.getValue());
    }
  }

  @Test
  void generatingTwiceGivesIdenticalBytes() {
    SortedMap<String, byte[]> again = KubernetesSchemaGenerator.generate();

    assertThat(again.keySet()).containsExactlyElementsOf(regenerated.keySet());
    again.forEach((name, bytes) -> assertThat(bytes).as(name).isEqualTo(regenerated.get(name)));
  }

  @Test
  void filesAreCompactAndHaveSortedKeys() {
    regenerated.forEach(
        (name, bytes) -> {
          assertThat(new String(bytes, StandardCharsets.UTF_8)).as(name).doesNotContain("\n", ": ");
          assertKeysSorted(name, "", readJson(name));
        });
  }

  @Test
  void everySchemaIsStandaloneWithLocalRefsThatResolve() {
    forEachKindSchema(
        (name, schema) -> {
          assertThat(schema.get("$schema").asString())
              .isEqualTo("https://json-schema.org/draft/2020-12/schema");
          List<String> refs = new ArrayList<>();
          collectValues(schema, "$ref", refs);
          assertThat(refs).as(name).isNotEmpty();
          for (String ref : refs) {
            assertThat(ref).as(name).startsWith("#/$defs/");
            assertThat(schema.at(ref.substring(1)).isObject()).as(name + " " + ref).isTrue();
          }
        });
  }

  @Test
  void carriesNoDescriptions() {
    forEachKindSchema(
        (name, schema) -> {
          List<String> descriptions = new ArrayList<>();
          collectValues(schema, "description", descriptions);
          assertThat(descriptions).as(name).isEmpty();
        });
  }

  @Test
  void everyModelWithPropertiesIsClosedExceptCrdSchemaContent() {
    forEachKindSchema(
        (name, schema) ->
            schema
                .get("$defs")
                .properties()
                .forEach(
                    def -> {
                      if (def.getValue().has("properties")) {
                        boolean closed =
                            def.getValue().path("additionalProperties").isBoolean()
                                && !def.getValue().get("additionalProperties").asBoolean();
                        assertThat(closed)
                            .as(name + " " + def.getKey())
                            .isEqualTo(!def.getKey().equals("V1JSONSchemaProps"));
                      }
                    }));
  }

  private static void forEachKindSchema(java.util.function.BiConsumer<String, JsonNode> check) {
    for (JsonNode entry : index().get("kinds")) {
      String file = entry.get("file").asString();
      check.accept(file, readJson(file));
    }
  }

  private static void assertKeysSorted(String file, String pointer, JsonNode node) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>(node.propertyNames());
      assertThat(names).as(file + " " + pointer).isSorted();
      node.properties()
          .forEach(
              child -> assertKeysSorted(file, pointer + "/" + child.getKey(), child.getValue()));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        assertKeysSorted(file, pointer + "/" + i, node.get(i));
      }
    }
  }

  private static void collectValues(JsonNode node, String key, List<String> values) {
    if (node.isObject()) {
      node.properties()
          .forEach(
              child -> {
                if (child.getKey().equals(key) && child.getValue().isString()) {
                  values.add(child.getValue().asString());
                }
                collectValues(child.getValue(), key, values);
              });
    } else if (node.isArray()) {
      node.forEach(element -> collectValues(element, key, values));
    }
  }
}
