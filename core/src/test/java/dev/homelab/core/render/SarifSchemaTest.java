package dev.homelab.core.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.homelab.core.testing.RepoPaths;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The SARIF output validates against the official SARIF 2.1.0 schema from ../shared. */
class SarifSchemaTest {

  /** Validates SARIF text against the shared schema; skips the caller when it is absent. */
  public static List<Error> validate(String sarif) throws Exception {
    Path schemaFile = RepoPaths.shared("schemas/sarif-schema-2.1.0.json");
    Schema schema;
    try (InputStream in = Files.newInputStream(schemaFile)) {
      schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
    }
    JsonNode document = JsonMapper.builder().build().readTree(sarif);
    return schema.validate(document);
  }

  @Test
  void sampleReportIsValidSarif() throws Exception {
    StringBuilder out = new StringBuilder();
    Renderers.forFormat("sarif", false).orElseThrow().render(SampleReport.build(), out);
    assertThat(validate(out.toString())).isEmpty();
  }

  @Test
  void theSchemaCheckCanFail() throws Exception {
    assertThat(validate("{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {}}]}")).isNotEmpty();
  }
}
