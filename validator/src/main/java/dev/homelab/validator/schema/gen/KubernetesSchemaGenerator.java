package dev.homelab.validator.schema.gen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/**
 * Build-time generator of the embedded Kubernetes JSON Schemas: one standalone, strict schema per
 * kind that the API can store, plus {@code index.json}, all derived from the models of
 * client-java-api.
 *
 * <p>Run by {@code exec-maven-plugin} in {@code process-classes} with the output folder as its only
 * argument. It is left out of the runnable jar, which carries the generated JSON instead.
 */
public final class KubernetesSchemaGenerator {

  /**
   * The version the toolkit's contract names; client-java-api 26.0.0 itself was generated from the
   * 1.35 API, which docs/schemas.md explains.
   */
  public static final String KUBERNETES_VERSION = "1.34";

  public static final String INDEX_FILE = "index.json";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private KubernetesSchemaGenerator() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: KubernetesSchemaGenerator OUTPUT_DIR");
    }
    long started = System.nanoTime();
    Path outputDir = Path.of(args[0]);
    SortedMap<String, byte[]> files = generate();
    write(files, outputDir);
    System.out.printf(
        "Generated %d Kubernetes %s schemas (%d KiB) into %s in %d ms%n",
        files.size() - 1,
        KUBERNETES_VERSION,
        files.values().stream().mapToLong(content -> content.length).sum() / 1024,
        outputDir,
        (System.nanoTime() - started) / 1_000_000);
  }

  /** Every output file by name, {@code index.json} included; the same bytes on every run. */
  static SortedMap<String, byte[]> generate() {
    List<ApiKind> kinds =
        ApiKindScanner.scan().stream().filter(Kubernetes134::servedBy134).toList();
    Map<ApiKind, String> fileNames = SchemaFileNames.assign(kinds);
    ModelSchemas schemas = new ModelSchemas();
    SortedMap<String, byte[]> files = new TreeMap<>();
    List<SortedMap<String, Object>> indexEntries = new ArrayList<>();
    for (ApiKind kind : kinds) {
      String fileName = fileNames.get(kind);
      files.put(fileName, JSON.writeValueAsBytes(schemas.documentSchema(kind)));
      SortedMap<String, Object> entry = new TreeMap<>();
      entry.put("group", kind.group());
      entry.put("version", kind.version());
      entry.put("kind", kind.kind());
      entry.put("namespaced", kind.namespaced());
      entry.put("file", fileName);
      indexEntries.add(entry);
    }
    ModelProperty.requireFieldsExist(
        "KubernetesEnums", ApiKindScanner.MODELS_PACKAGE, KubernetesEnums.VALUES);
    ModelProperty.requireFieldsExist(
        "KubernetesRanges", ApiKindScanner.MODELS_PACKAGE, KubernetesRanges.RANGES);
    SortedMap<String, Object> index = new TreeMap<>();
    index.put("kubernetesVersion", KUBERNETES_VERSION);
    index.put("kinds", indexEntries);
    files.put(INDEX_FILE, JSON.writeValueAsBytes(index));
    return files;
  }

  /** Replaces the folder's JSON files, so a kind that disappears does not leave a stale schema. */
  static void write(SortedMap<String, byte[]> files, Path outputDir) {
    try {
      Files.createDirectories(outputDir);
      try (Stream<Path> existing = Files.list(outputDir)) {
        for (Path stale : existing.filter(p -> p.toString().endsWith(".json")).toList()) {
          Files.delete(stale);
        }
      }
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        Files.write(outputDir.resolve(file.getKey()), file.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the schemas to " + outputDir, e);
    }
  }
}
