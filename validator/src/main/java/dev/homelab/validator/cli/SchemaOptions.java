package dev.homelab.validator.cli;

import dev.homelab.core.cli.UsageException;
import dev.homelab.core.source.Folders;
import dev.homelab.validator.schema.RemoteSchemaFetcher;
import dev.homelab.validator.schema.SchemaCheck;
import dev.homelab.validator.schema.SchemaLocationTemplate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Where schemas come from: shared by the validator and the generator's gate. */
public final class SchemaOptions {

  /**
   * kubeconform's word for its built-in location; here that is the embedded schemas, which every
   * run asks anyway, so a kubeconform command line that names it works unchanged.
   */
  static final String DEFAULT_LOCATION = "default";

  @Option(
      names = "--schema-location",
      paramLabel = "LOCATION",
      description =
          "Extra schemas: a folder, or a path or URL template with {group}, {kind}, {version} or"
              + " kubeconform's {{ .ResourceKind }}-style variables; repeatable. `default`, as in"
              + " kubeconform, names the embedded schemas, which are always used (./default for a"
              + " folder of that name).")
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
              + " $XDG_CACHE_HOME/homelab/schemas, or ~/.cache/homelab/schemas when XDG_CACHE_HOME is"
              + " unset or relative).")
  Path cacheDir;

  /** The schema check's options, strict or not and with or without --require-schemas. */
  public SchemaCheck.Options toOptions(boolean strict, boolean requireSchemas) {
    List<String> extra =
        locations.stream().filter(location -> !location.equals(DEFAULT_LOCATION)).toList();
    extra.forEach(SchemaOptions::requireUsable);
    if (cacheDir != null) {
      requireNoFileInTheWay(cacheDir);
    }
    return new SchemaCheck.Options(
        strict,
        requireSchemas,
        extra,
        offline,
        cacheDir != null ? cacheDir : RemoteSchemaFetcher.defaultCacheDir(),
        noCatalog ? null : SchemaCheck.DEFAULT_CATALOG);
  }

  /**
   * A file where the cache folder or one of its parents goes would quietly turn the cache off, so
   * every run would download again.
   */
  private static void requireNoFileInTheWay(Path cacheDir) {
    Folders.fileInTheWay(cacheDir)
        .ifPresent(
            blocker -> {
              throw new UsageException(
                  "--cache-dir " + cacheDir + ": " + blocker + " is a file, not a folder");
            });
  }

  /**
   * A location that can find no schema is refused: otherwise every lookup would quietly miss and
   * the kinds would only get schema-missing warnings.
   */
  private static void requireUsable(String location) {
    SchemaLocationTemplate.problem(location)
        .ifPresent(
            problem -> {
              throw new UsageException("--schema-location " + location + ": " + problem);
            });
  }
}
