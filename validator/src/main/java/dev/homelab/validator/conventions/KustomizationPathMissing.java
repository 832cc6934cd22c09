package dev.homelab.validator.conventions;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.yaml.Document;
import dev.homelab.core.yaml.Nodes;
import dev.homelab.core.yaml.Pointer;
import dev.homelab.core.yaml.YamlFile;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A kustomization names a local file or folder that is not there. kustomize stops at the first one,
 * so nothing of the kustomization can be built.
 */
final class KustomizationPathMissing implements ConventionRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "kustomization-path-missing",
          Labels.FAMILY,
          "A kustomization names a local file or folder that does not exist.",
          "`kustomize build` and `kubectl apply -k` stop at a `resources`, `components` or"
              + " `crds` entry, a patch's `path`, or a ConfigMap or Secret generator's `files` or"
              + " `envs` entry that names a missing local path, so nothing of the kustomization"
              + " is applied, usually after a file was renamed or moved. This matters for"
              + " kustomizations applied by hand or by scripts; one in a component's folder is"
              + " never built by its generated Application (see kustomization-not-built), but is"
              + " checked as well, since it breaks as soon as someone builds it. Remote entries"
              + " (URLs, git references) are not checked.",
          Severity.ERROR,
          Labels.SINCE,
          "Fix the path, relative to the folder of the kustomization.yaml, or restore the file.");

  /** Lists of paths, by their key in the kustomization. */
  private static final List<String> PATH_LISTS =
      List.of("resources", "components", "crds", "patchesStrategicMerge");

  private static final List<String> GENERATORS = List.of("configMapGenerator", "secretGenerator");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(LabTree tree) {
    List<Finding> findings = new ArrayList<>();
    for (YamlFile file : tree.kustomizations()) {
      Path folder = file.source().path().toAbsolutePath().getParent();
      for (Document document : file.documents()) {
        JsonNode root = document.root();
        for (String list : PATH_LISTS) {
          List<JsonNode> entries = Nodes.elements(root.path(list));
          for (int i = 0; i < entries.size(); i++) {
            check(document, folder, Pointer.of(list, i), entries.get(i), findings);
          }
        }
        List<JsonNode> patches = Nodes.elements(root.path("patches"));
        for (int i = 0; i < patches.size(); i++) {
          check(
              document,
              folder,
              Pointer.of("patches", i, "path"),
              patches.get(i).path("path"),
              findings);
        }
        for (String generator : GENERATORS) {
          List<JsonNode> generated = Nodes.elements(root.path(generator));
          for (int i = 0; i < generated.size(); i++) {
            for (String source : List.of("files", "envs")) {
              List<JsonNode> paths = Nodes.elements(generated.get(i).path(source));
              for (int j = 0; j < paths.size(); j++) {
                check(
                    document, folder, Pointer.of(generator, i, source, j), paths.get(j), findings);
              }
            }
          }
        }
      }
    }
    return findings;
  }

  private static void check(
      Document document, Path folder, String pointer, JsonNode entry, List<Finding> findings) {
    if (!entry.isString()) {
      return;
    }
    String value = entry.asString().strip();
    if (value.isEmpty() || isRemote(value)) {
      return;
    }
    // A generator's file may be given as key=path.
    String path =
        pointer.contains("Generator/") && value.contains("=")
            ? value.substring(value.indexOf('=') + 1)
            : value;
    Optional<Path> local = resolve(folder, path);
    if (local.isEmpty() || !Files.exists(local.get())) {
      findings.add(
          Finding.of(
              INFO,
              document.locate(pointer),
              "kustomization names `"
                  + path
                  + "`, which does not exist next to it, so kustomize cannot build"
                  + " it"));
    }
  }

  /** A local entry resolved against the kustomization's folder; empty when no file can have it. */
  static Optional<Path> resolve(Path folder, String path) {
    try {
      return Optional.of(folder.resolve(path).normalize());
    } catch (InvalidPathException notAPath) {
      return Optional.empty(); // a NUL character, say, which kustomize cannot open either
    }
  }

  /** Whether a kustomization entry names a remote resource (a URL or git reference). */
  static boolean isRemote(String path) {
    return path.contains("://")
        || path.startsWith("git@")
        || path.startsWith("github.com/")
        || path.contains("?ref=")
        || path.contains("//");
  }
}
