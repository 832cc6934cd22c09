package dev.homelab.validator.schema;

import dev.homelab.core.cli.CheckSuite;
import dev.homelab.core.config.HomeLabConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The schemas of local --schema-locations that lie inside the checked paths: they are the
 * validator's input, not manifests, so checking them only reports that they have no apiVersion.
 * Those in a component's folder stay, since the generated Application syncs every YAML and JSON
 * file there and Argo CD would fail to apply them.
 */
final class SchemaLocationFiles {

  private SchemaLocationFiles() {}

  static List<CheckSuite.OwnFiles> under(
      List<String> locations, List<Path> paths, HomeLabConfig config) {
    List<CheckSuite.OwnFiles> found = new ArrayList<>();
    for (String location : locations) {
      SchemaLocationTemplate template =
          new SchemaLocationTemplate(location, EmbeddedKubernetesSchemas.VERSION);
      if (template.isRemote()) {
        continue;
      }
      Path folder = template.folder();
      Set<Path> files = new TreeSet<>();
      for (Path checked : paths) {
        Path path = checked.toAbsolutePath().normalize();
        if (folder.startsWith(path) || path.startsWith(folder)) {
          files.addAll(schemasIn(template, path.startsWith(folder) ? path : folder, config));
        }
      }
      if (!files.isEmpty()) {
        found.add(new CheckSuite.OwnFiles("schemas of --schema-location " + location, files));
      }
    }
    return found;
  }

  private static List<Path> schemasIn(
      SchemaLocationTemplate template, Path start, HomeLabConfig config) {
    if (Files.isRegularFile(start)) {
      return template.mayRead(start) && !synced(start, config) ? List.of(start) : List.of();
    }
    if (!Files.isDirectory(start)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(template.folder(), template.depth())) {
      return walk.filter(file -> file.startsWith(start))
          .filter(Files::isRegularFile)
          .filter(template::mayRead)
          .filter(file -> !synced(file, config))
          .toList();
    } catch (IOException | UncheckedIOException e) {
      // A folder that cannot be walked is only checked as manifests, as before.
      return List.of();
    }
  }

  /** Whether the file lies in a component's folder, all of which its Application syncs. */
  private static boolean synced(Path file, HomeLabConfig config) {
    if (config == null) {
      return false;
    }
    Path relative = config.root().toAbsolutePath().normalize().relativize(file);
    return !relative.startsWith("..")
        && config.componentAt(relative.toString().replace('\\', '/')).isPresent();
  }
}
