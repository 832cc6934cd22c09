package dev.homelab.validator.conventions;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.model.Resource;
import dev.homelab.core.source.Location;
import dev.homelab.core.source.Region;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A manifest outside every component's folder belongs to no Application, so Argo CD never deploys
 * it: a file directly in a layer folder, at the tree's root, or in a folder beside the layers.
 */
final class ManifestOutsideComponent implements ConventionRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "manifest-outside-component",
          Labels.FAMILY,
          "A manifest lies outside every component's folder, so no Application deploys it.",
          "The generator writes one Application per component of homelab.yaml, each syncing its"
              + " component's folder, and the root Application syncs only the generated folder."
              + " Kubernetes objects in a file directly in a layer folder, at the tree's root, or"
              + " in a folder beside the layers (such as scripts/) therefore never reach the"
              + " cluster, though they look deployed. homelab.yaml, the generated folder, Helm"
              + " values, kustomization files and files that are not YAML are not manifests and"
              + " are not reported; files in a folder of a layer that is no component's folder"
              + " are left to component-folder. The rule judges only runs over the tree, where"
              + " every file has its place.",
          Severity.WARNING,
          Labels.SINCE,
          "Move the file into the folder of the component that should deploy it, declare a"
              + " component for its folder in homelab.yaml, or move it out of the tree if it is"
              + " applied by hand.");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(LabTree tree) {
    List<Finding> findings = new ArrayList<>();
    if (!tree.loadedWhole()) {
      return findings; // standard input checked on its own has no place in the tree
    }
    // The first object of each file, in file order: one finding per file, not per object.
    Map<String, Resource> firstObjects = new LinkedHashMap<>();
    Map<String, Integer> counts = new HashMap<>();
    for (Resource resource : tree.resources()) {
      firstObjects.putIfAbsent(resource.file(), resource);
      counts.merge(resource.file(), 1, Integer::sum);
    }
    for (Resource first : firstObjects.values()) {
      Optional<String> path = tree.treePath(first);
      if (path.isEmpty()
          || tree.isGenerated(first)
          || tree.componentOf(first).isPresent()
          || inLayerSubfolder(tree, path.get())) {
        continue;
      }
      int others = counts.get(first.file()) - 1;
      findings.add(
          Finding.of(
              INFO,
              new Location(first.file(), Region.point(1, 1)),
              first.ref(),
              "the file lies outside every component's folder in homelab.yaml, so no Application"
                  + " deploys "
                  + LabTree.subject(first)
                  + (others == 0
                      ? ""
                      : " and " + others + " more object" + (others > 1 ? "s" : ""))));
    }
    return findings;
  }

  /** Files in a layer's subfolder that is no component's are component-folder's to report. */
  private static boolean inLayerSubfolder(LabTree tree, String path) {
    String[] parts = path.split("/");
    return parts.length >= 3 && tree.lab().layers().contains(parts[0]);
  }
}
