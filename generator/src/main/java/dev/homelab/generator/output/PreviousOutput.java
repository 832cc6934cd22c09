package dev.homelab.generator.output;

import dev.homelab.generator.git.GitOpsRepository;
import dev.homelab.generator.model.ArgoObject;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * What the generator wrote last time, as found in the working tree: the files that carry its
 * header, and the Argo CD objects in them. Files without the header are someone else's and are
 * never touched.
 */
public final class PreviousOutput {
  private final SortedMap<String, byte[]> files;
  private final SortedSet<String> foreign;

  private PreviousOutput(SortedMap<String, byte[]> files, SortedSet<String> foreign) {
    this.files = files;
    this.foreign = foreign;
  }

  public static PreviousOutput read(GitOpsRepository repository, GeneratedOutput layout) {
    SortedMap<String, byte[]> files = new TreeMap<>();
    SortedSet<String> foreign = new TreeSet<>();
    SortedSet<String> paths = repository.listFiles(layout.generatedFolder());
    paths.add(layout.diagram());
    for (String path : paths) {
      repository
          .readWorkingTree(path)
          .ifPresent(
              bytes -> {
                if (GeneratedOutput.carriesHeader(bytes)) {
                  files.put(path, bytes);
                } else {
                  foreign.add(path);
                }
              });
    }
    return new PreviousOutput(files, foreign);
  }

  /** Generated files that {@code next} no longer has: these are deleted. */
  public SortedSet<String> staleFiles(Set<String> next) {
    SortedSet<String> stale = new TreeSet<>(files.keySet());
    stale.removeAll(next);
    return Collections.unmodifiableSortedSet(stale);
  }

  /** Files in the generated places that lack the header; the generator leaves them alone. */
  public SortedSet<String> foreignFiles() {
    return Collections.unmodifiableSortedSet(foreign);
  }

  /** The objects in the previous generated YAML files, by {@link ArgoObject#label()}. */
  public Map<String, ArgoObject> objects() {
    Map<String, ArgoObject> objects = new LinkedHashMap<>();
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    files.forEach(
        (path, bytes) -> {
          if (!path.endsWith(".yaml")) {
            return;
          }
          try {
            for (Object document : yaml.loadAll(new String(bytes, StandardCharsets.UTF_8))) {
              ArgoObject.parse(document).ifPresent(o -> objects.put(o.label(), o));
            }
          } catch (YAMLException e) {
            // A generated file that no longer parses is replaced like any other stale one.
          }
        });
    return objects;
  }
}
