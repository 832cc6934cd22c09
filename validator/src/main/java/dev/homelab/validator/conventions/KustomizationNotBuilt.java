package dev.homelab.validator.conventions;

import dev.homelab.core.config.HomeLab;
import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.yaml.Document;
import dev.homelab.core.yaml.Nodes;
import dev.homelab.core.yaml.Pointer;
import dev.homelab.core.yaml.YamlFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
              + " `kind`, `metadata`, `resources` and `bases`), and at each entry of `resources`"
              + " (or `bases`) that the directory source does not sync: a remote resource, which"
              + " Argo CD never fetches, or a local path outside the component's folder. A list"
              + " that leaves out a manifest below the kustomization's folder is reported at its"
              + " key, since the directory source syncs that manifest all the same. A"
              + " kustomization that lists exactly the files of its folder loses nothing and is"
              + " not reported.",
          Severity.WARNING,
          Labels.SINCE,
          "Apply the kustomization's effect in the manifests themselves (a file it lists from"
              + " elsewhere belongs in the component's folder), commit its rendered output"
              + " (`kustomize build`, which fetches remote resources too) as the component's"
              + " manifests, or move it out of the component's folder.");

  /** Keys that only describe the kustomization or list its resources, checked one by one. */
  private static final Set<String> INERT =
      Set.of("apiVersion", "kind", "metadata", "resources", "bases");

  /** The lists of resources, {@code bases} being the older spelling. */
  private static final List<String> RESOURCE_LISTS = List.of("resources", "bases");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(LabTree tree) {
    List<Finding> findings = new ArrayList<>();
    Path treeRoot = tree.config().root().toAbsolutePath().normalize();
    Map<String, List<Path>> manifests = null;
    for (YamlFile file : tree.kustomizations()) {
      Optional<HomeLab.Component> component =
          tree.treePath(file.source()).flatMap(tree.config()::componentAt);
      if (component.isEmpty()) {
        continue;
      }
      String name = component.get().name();
      String synced =
          "which Argo CD syncs as a plain directory of its manifests without running kustomize";
      Path componentFolder = treeRoot.resolve(component.get().path()).normalize();
      Path folder = file.source().path().toAbsolutePath().normalize().getParent();
      for (Document document : file.documents()) {
        JsonNode root = document.root();
        if (!root.isObject()) {
          continue;
        }
        firstEffect(root)
            .ifPresent(
                key ->
                    findings.add(
                        Finding.of(
                            INFO,
                            document.locateKey(Pointer.of(key)),
                            "the kustomization's `"
                                + key
                                + "` has no effect: it lies in the folder of component `"
                                + name
                                + "`, "
                                + synced)));
        List<Path> listed = new ArrayList<>();
        for (String list : RESOURCE_LISTS) {
          List<JsonNode> entries = Nodes.elements(root.path(list));
          for (int i = 0; i < entries.size(); i++) {
            if (!entries.get(i).isString() || entries.get(i).asString().isBlank()) {
              continue;
            }
            String entry = entries.get(i).asString().strip();
            Optional<Path> local = KustomizationPathMissing.resolve(folder, entry);
            String message;
            if (KustomizationPathMissing.isRemote(entry)) {
              message =
                  "the kustomization's remote resource `"
                      + entry
                      + "` never reaches the cluster: the kustomization lies in the folder of"
                      + " component `"
                      + name
                      + "`, "
                      + synced;
            } else if (local.isPresent() && !local.get().startsWith(componentFolder)) {
              message =
                  "the kustomization's resource `"
                      + entry
                      + "` never reaches the cluster with component `"
                      + name
                      + "`: it lies outside the component's folder, "
                      + synced;
            } else {
              local.ifPresent(listed::add);
              continue;
            }
            findings.add(Finding.of(INFO, document.locate(Pointer.of(list, i)), message));
          }
        }
        Optional<String> list = RESOURCE_LISTS.stream().filter(root::has).findFirst();
        if (list.isEmpty()) {
          continue;
        }
        // A kustomize component's folder is built in too; its own key is reported above.
        for (JsonNode part : Nodes.elements(root.path("components"))) {
          if (part.isString() && !KustomizationPathMissing.isRemote(part.asString().strip())) {
            KustomizationPathMissing.resolve(folder, part.asString().strip())
                .ifPresent(listed::add);
          }
        }
        if (manifests == null) {
          manifests = tree.manifestsByComponent();
        }
        // kustomize builds only what the list names; the directory source syncs the rest too.
        List<String> leftOut =
            manifests.getOrDefault(name, List.of()).stream()
                .filter(manifest -> manifest.startsWith(folder))
                .filter(manifest -> listed.stream().noneMatch(manifest::startsWith))
                .map(manifest -> folder.relativize(manifest).toString().replace('\\', '/'))
                .sorted()
                .toList();
        if (!leftOut.isEmpty()) {
          findings.add(
              Finding.of(
                  INFO,
                  document.locateKey(Pointer.of(list.get())),
                  "the kustomization's `"
                      + list.get()
                      + "` leave out `"
                      + String.join("`, `", leftOut)
                      + "`, which Argo CD syncs all the same: the kustomization lies in the"
                      + " folder of component `"
                      + name
                      + "`, "
                      + synced));
        }
      }
    }
    return findings;
  }

  /** The kustomization's first key that would change what reaches the cluster. */
  private static Optional<String> firstEffect(JsonNode root) {
    for (String key : root.propertyNames()) {
      if (!INERT.contains(key)) {
        return Optional.of(key);
      }
    }
    return Optional.empty();
  }
}
