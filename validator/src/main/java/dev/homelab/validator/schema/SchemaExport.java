package dev.homelab.validator.schema;

import dev.homelab.core.cli.UsageException;
import dev.homelab.core.source.Folders;
import dev.homelab.core.source.IoReasons;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the embedded schemas for kubeconform: Kubernetes' in its standalone-strict layout, the
 * operators' CRDs in the CRDs catalog's {@code {group}/{kind}_{version}.json} layout.
 */
public final class SchemaExport {

  public static final String FOLDER = "v1.34.0-standalone-strict";

  private SchemaExport() {}

  /**
   * Writes every kind's schema; returns how many files were written.
   *
   * @throws UsageException before writing anything, when a file stands where a folder must go or a
   *     folder where a file must go; or when a write fails, saying how many files were written
   */
  public static int write(Path directory) throws IOException {
    Map<Path, byte[]> files = new LinkedHashMap<>();
    Path target = directory.resolve(FOLDER);
    for (String name : EmbeddedKubernetesSchemas.load().byFile().keySet()) {
      files.put(target.resolve(name), EmbeddedKubernetesSchemas.bytes(name));
    }
    EmbeddedCrdSchemas crds = EmbeddedCrdSchemas.load(CrdSchemaConverter.withEmbeddedObjectMeta());
    for (EmbeddedCrdSchemas.Entry entry : crds.entries()) {
      files.put(
          directory.resolve(SchemaLocationTemplate.catalogFile(entry.type())),
          (crds.find(entry.type()).orElseThrow().schema().toString() + "\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    for (Path file : files.keySet()) {
      requireRoom(directory, file);
    }
    int written = 0;
    for (Map.Entry<Path, byte[]> file : files.entrySet()) {
      try {
        Files.createDirectories(file.getKey().getParent());
        Files.write(file.getKey(), file.getValue());
      } catch (IOException e) {
        // A folder the user may not write, or a full disk, is theirs to fix: no internal error.
        throw new UsageException(
            "schemas export "
                + directory
                + ": cannot write "
                + file.getKey()
                + " ("
                + IoReasons.of(e)
                + "); "
                + written
                + " of "
                + files.size()
                + " files were written");
      }
      written++;
    }
    return written;
  }

  /** Refuses a folder where {@code file} goes, or a file where one of its folders goes. */
  private static void requireRoom(Path directory, Path file) {
    if (Files.isDirectory(file)) {
      throw new UsageException(
          "schemas export " + directory + ": " + file + " is a folder; nothing was written");
    }
    Folders.fileInTheWay(file.getParent())
        .ifPresent(
            blocker -> {
              throw new UsageException(
                  "schemas export "
                      + directory
                      + ": "
                      + blocker
                      + " is a file, not a folder; nothing was written");
            });
  }
}
