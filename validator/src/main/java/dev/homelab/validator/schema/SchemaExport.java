package dev.homelab.validator.schema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes the embedded schemas for kubeconform: Kubernetes' in its standalone-strict layout, the
 * operators' CRDs in the CRDs catalog's {@code {group}/{kind}_{version}.json} layout.
 */
public final class SchemaExport {

  public static final String FOLDER = "v1.34.0-standalone-strict";

  private SchemaExport() {}

  /** Writes every kind's schema; returns how many files were written. */
  public static int write(Path directory) throws IOException {
    Path target = directory.resolve(FOLDER);
    Files.createDirectories(target);
    int written = 0;
    for (Map.Entry<String, EmbeddedKubernetesSchemas.Entry> entry :
        EmbeddedKubernetesSchemas.load().byFile().entrySet()) {
      Files.write(target.resolve(entry.getKey()), EmbeddedKubernetesSchemas.bytes(entry.getKey()));
      written++;
    }
    EmbeddedCrdSchemas crds = EmbeddedCrdSchemas.load(CrdSchemaConverter.withEmbeddedObjectMeta());
    for (EmbeddedCrdSchemas.Entry entry : crds.entries()) {
      Path file = directory.resolve(SchemaLocationTemplate.catalogFile(entry.type()));
      Files.createDirectories(file.getParent());
      Files.writeString(
          file, crds.find(entry.type()).orElseThrow().toString() + "\n", StandardCharsets.UTF_8);
      written++;
    }
    return written;
  }
}
