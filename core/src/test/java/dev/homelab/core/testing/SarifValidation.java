package dev.homelab.core.testing;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/** Validates SARIF text against the official SARIF 2.1.0 schema kept in ../shared. */
public final class SarifValidation {

  private SarifValidation() {}

  /** The schema errors of {@code sarif}; skips the calling test when the schema is absent. */
  public static List<Error> errors(String sarif) throws Exception {
    Path schemaFile = RepoPaths.shared("schemas/sarif-schema-2.1.0.json");
    Schema schema;
    try (InputStream in = Files.newInputStream(schemaFile)) {
      schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
    }
    return schema.validate(JsonMapper.builder().build().readTree(sarif));
  }
}
