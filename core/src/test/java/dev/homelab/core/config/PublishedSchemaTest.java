package dev.homelab.core.config;

import static dev.homelab.core.testing.Trees.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.homelab.core.source.SourceFile;
import dev.homelab.core.testing.LabFixtures;
import dev.homelab.core.testing.RepoPaths;
import dev.homelab.core.yaml.YamlLoader;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** docs/schemas/homelab.schema.json, which editors use, is the schema the loader enforces. */
class PublishedSchemaTest {

  @TempDir Path root;

  @Test
  void publishedCopyEqualsTheEnforcedSchema() throws Exception {
    Path published = RepoPaths.repoRoot().resolve("docs/schemas/homelab.schema.json");
    if (Boolean.getBoolean("docs.update")) {
      Files.writeString(published, ConfigLoader.schemaText(), StandardCharsets.UTF_8);
    }
    assertThat(published).isRegularFile();
    assertThat(Files.readString(published, StandardCharsets.UTF_8))
        .as("docs/schemas/homelab.schema.json is stale; run scripts/update-docs.sh")
        .isEqualTo(ConfigLoader.schemaText());
  }

  @Test
  void theLabConfigPointsEditorsAtThePublishedSchema() throws Exception {
    String firstLine = Files.readAllLines(RepoPaths.gitopsTree().resolve("homelab.yaml")).get(0);
    assertThat(firstLine)
        .isEqualTo("# yaml-language-server: $schema=../docs/schemas/homelab.schema.json");
  }

  /**
   * An editor judges a path field by the published schema alone, and the tools by the loader: both
   * take a leading ./ and refuse an absolute path, an empty step, a `.` step past the leading ./
   * and a `..` step, in every field that is a relativePath.
   */
  @Test
  void theEditorAndTheLoaderAgreeOnEachPathField() throws Exception {
    Schema published;
    try (InputStream in =
        Files.newInputStream(RepoPaths.repoRoot().resolve("docs/schemas/homelab.schema.json"))) {
      published =
          SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
    }
    Map<String, UnaryOperator<String>> fields = new LinkedHashMap<>();
    fields.put("git.path", v -> LabFixtures.MINIMAL_CONFIG.replace("path: gitops", "path: " + v));
    fields.put(
        "components[0].path",
        v -> LabFixtures.MINIMAL_CONFIG.replace("path: infrastructure/traefik", "path: " + v));
    fields.put("generatedPath", v -> LabFixtures.MINIMAL_CONFIG + "generatedPath: " + v + "\n");
    Map<String, Boolean> values = new LinkedHashMap<>();
    values.put("./gitops", true);
    values.put("gitops/./x", false);
    values.put("a//b", false);
    values.put("/abs", false);
    values.put("..", false);
    List<String> verdicts = new ArrayList<>();
    for (Map.Entry<String, UnaryOperator<String>> field : fields.entrySet()) {
      for (Map.Entry<String, Boolean> value : values.entrySet()) {
        String text = field.getValue().apply("\"" + value.getKey() + "\"");
        Path file = write(root, "homelab.yaml", text);
        JsonNode document =
            new YamlLoader().load(new SourceFile(file, "homelab.yaml")).documents().get(0).root();
        boolean editor = published.validate(document).isEmpty();
        boolean loader;
        try {
          ConfigLoader.load(file, root);
          loader = true;
        } catch (ConfigException e) {
          loader = false;
        }
        verdicts.add(
            field.getKey() + " = " + value.getKey() + ": editor " + editor + ", loader " + loader);
      }
    }
    List<String> expected = new ArrayList<>();
    for (String field : fields.keySet()) {
      values.forEach(
          (value, valid) ->
              expected.add(field + " = " + value + ": editor " + valid + ", loader " + valid));
    }
    assertThat(verdicts).containsExactlyElementsOf(expected);
  }

  /**
   * Editors show a field's own description on hover, and the definition's only where the field has
   * none, so each path field says what a valid path is.
   */
  @Test
  void everyPathFieldSaysWhatAValidPathIs() throws Exception {
    JsonNode schema = JsonMapper.builder().build().readTree(ConfigLoader.schemaText());
    JsonNode definition = schema.at("/$defs/relativePath");
    List<JsonNode> fields = new ArrayList<>();
    refersTo(schema, "#/$defs/relativePath", fields);
    assertThat(fields).hasSizeGreaterThanOrEqualTo(3);
    List<JsonNode> shown = new ArrayList<>(fields);
    shown.add(definition);
    for (JsonNode node : shown) {
      assertThat(node.path("description").asString(""))
          .as(node.toString())
          .contains("./", "//", "`.`", "`..`", "forward slashes");
    }
  }

  private static void refersTo(JsonNode node, String ref, List<JsonNode> found) {
    if (node.path("$ref").asString("").equals(ref)) {
      found.add(node);
    }
    node.values().forEach(child -> refersTo(child, ref, found));
  }
}
