package dev.homelab.validator.conventions;

import dev.homelab.core.config.HomeLab;
import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.yaml.Document;
import dev.homelab.core.yaml.Pointer;
import dev.homelab.core.yaml.YamlFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A kustomization in a component's folder is never built: the generator syncs the folder as an Argo
 * CD directory source of its manifests, so kustomize never runs on it.
 */
final class KustomizationNotBuilt implements ConventionRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "kustomization-not-built",
          Labels.FAMILY,
          "A kustomization lies in a component's folder, where kustomize never runs.",
          "The generator writes each component's manifests as an Argo CD directory source that"
              + " includes exactly the component's manifest files, so Argo CD applies them as"
              + " they are and never runs `kustomize build` on the folder. A kustomization.yaml"
              + " there is silently ignored: its patches, ConfigMap and Secret generators,"
              + " namePrefix, namespace, labels, images and remote resources never reach the"
              + " cluster, though the folder looks like a kustomize base. The finding is at the"
              + " kustomization's first key that would have an effect (any but `apiVersion`,"
              + " `kind`, `metadata` and `resources`), or at its first line when it has none.",
          Severity.WARNING,
          Labels.SINCE,
          "Apply the kustomization's effect in the manifests themselves, commit its rendered"
              + " output (`kustomize build`) as the component's manifests, or move it out of the"
              + " component's folder.");

  /** Keys that only describe or list files, which a directory source syncs anyway. */
  private static final Set<String> INERT = Set.of("apiVersion", "kind", "metadata", "resources");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(LabTree tree) {
    List<Finding> findings = new ArrayList<>();
    for (YamlFile file : tree.kustomizations()) {
      Optional<HomeLab.Component> component =
          tree.treePath(file.source()).flatMap(tree.config()::componentAt);
      if (component.isEmpty()) {
        continue;
      }
      String synced =
          " lies in the folder of component `"
              + component.get().name()
              + "`, which Argo CD syncs as a plain directory of its manifests without running"
              + " kustomize";
      Optional<Finding> atKey = atFirstEffect(file, synced);
      findings.add(
          atKey.orElseGet(
              () ->
                  tree.atFile(
                      INFO,
                      file.source().path(),
                      1,
                      1,
                      "the kustomization is ignored: it" + synced)));
    }
    return findings;
  }

  private static Optional<Finding> atFirstEffect(YamlFile file, String synced) {
    for (Document document : file.documents()) {
      JsonNode root = document.root();
      if (!root.isObject()) {
        continue;
      }
      for (String key : root.propertyNames()) {
        if (!INERT.contains(key)) {
          return Optional.of(
              Finding.of(
                  INFO,
                  document.locateKey(Pointer.of(key)),
                  "the kustomization's `" + key + "` has no effect: it" + synced));
        }
      }
    }
    return Optional.empty();
  }
}
