package dev.homelab.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.core.testing.RepoPaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/schemas/homelab.schema.json, which editors use, is the schema the loader enforces. */
class PublishedSchemaTest {

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
}
