package dev.homelab.validator.cli;

import dev.homelab.validator.schema.RemoteSchemaFetcher;
import dev.homelab.validator.schema.SchemaCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Where schemas come from: shared by the validator and the generator's gate. */
public final class SchemaOptions {

  @Option(
      names = "--schema-location",
      paramLabel = "LOCATION",
      description =
          "Extra schemas: a folder, or a path or URL template with {group}, {kind}, {version} or"
              + " kubeconform's {{ .ResourceKind }}-style variables; repeatable.")
  List<String> locations = new ArrayList<>();

  @Option(names = "--offline", description = "Never download schemas; use the cache only.")
  boolean offline;

  @Option(names = "--no-catalog", description = "Do not ask the remote CRDs catalog for schemas.")
  boolean noCatalog;

  @Option(
      names = "--cache-dir",
      paramLabel = "DIR",
      description =
          "Where downloaded schemas and type-checked CRD rules are kept (default:"
              + " $XDG_CACHE_HOME/homelab/schemas).")
  Path cacheDir;

  /** The schema check's options, strict or not and with or without --require-schemas. */
  public SchemaCheck.Options toOptions(boolean strict, boolean requireSchemas) {
    return new SchemaCheck.Options(
        strict,
        requireSchemas,
        locations,
        offline,
        cacheDir != null ? cacheDir : RemoteSchemaFetcher.defaultCacheDir(),
        noCatalog ? null : SchemaCheck.DEFAULT_CATALOG);
  }
}
