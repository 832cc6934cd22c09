package dev.homelab.validator.cli;

import dev.homelab.validator.schema.SchemaCheck;
import picocli.CommandLine.Option;

/** How strict the schema check is: shared by validate and the generator's check. */
public final class StrictnessOptions {

  @Option(names = "--no-strict", description = "Allow unknown fields; duplicate keys stay errors.")
  boolean noStrict;

  @Option(
      names = "--require-schemas",
      description = "A kind without a schema is an error instead of a warning.")
  boolean requireSchemas;

  /** The schema check's options from {@code schemas}, as strict as these options say. */
  public SchemaCheck.Options applyTo(SchemaOptions schemas) {
    return schemas.toOptions(!noStrict, requireSchemas);
  }
}
