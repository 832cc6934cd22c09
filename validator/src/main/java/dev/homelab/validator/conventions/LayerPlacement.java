package dev.homelab.validator.conventions;

import dev.homelab.core.config.HomeLab;
import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.model.Resource;
import dev.homelab.core.yaml.Pointer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A manifest, and a component's folder, sit in the layer folder of their namespace. */
final class LayerPlacement implements ConventionRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "layer-placement",
          Labels.FAMILY,
          "A manifest or a component's folder sits outside the layer folder of its namespace.",
          "Each namespace belongs to one layer (infrastructure, monitoring, applications), and"
              + " its manifests live in that layer's folder, so that the tree reads in deployment"
              + " order. A component's path in homelab.yaml is held to its namespace's layer too,"
              + " so a Helm component whose folder holds only values is checked as well."
              + " Cluster-scoped objects and the generated Argo CD folder are not checked.",
          Severity.ERROR,
          Labels.SINCE,
          "Move the file (or the component's folder, and its path in homelab.yaml) into the folder"
              + " of the namespace's layer, or change the namespace.");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(LabTree tree) {
    List<Finding> findings = new ArrayList<>();
    List<HomeLab.Component> components = tree.lab().components();
    for (int i = 0; i < components.size(); i++) {
      HomeLab.Component component = components.get(i);
      Optional<String> layer = tree.layerOf(component.namespace());
      String folder = firstFolder(component.path());
      if (layer.isPresent() && !folder.equals(layer.get())) {
        findings.add(
            tree.inConfig(
                INFO,
                Pointer.of("components", i, "path"),
                "component `"
                    + component.name()
                    + "` belongs to layer `"
                    + layer.get()
                    + "` (namespace `"
                    + component.namespace()
                    + "`) but its folder "
                    + component.path()
                    + " sits in "
                    + (folder.isEmpty() ? "the tree's root" : "`" + folder + "/`")));
      }
    }
    for (Resource resource : tree.resources()) {
      Optional<String> path = tree.treePath(resource);
      if (resource.clusterScoped() || path.isEmpty() || tree.isGenerated(resource)) {
        continue;
      }
      Optional<String> layer = tree.layerOf(resource.namespace());
      if (layer.isEmpty()) {
        continue; // namespace-declared reports unknown namespaces
      }
      String folder =
          path.get().contains("/") ? path.get().substring(0, path.get().indexOf('/')) : "";
      if (!folder.equals(layer.get())) {
        findings.add(
            LabTree.atNamespace(
                INFO,
                resource,
                resource.ref().display()
                    + " belongs to layer `"
                    + layer.get()
                    + "` (namespace `"
                    + resource.namespace()
                    + "`) but sits in "
                    + (folder.isEmpty() ? "the tree's root" : "`" + folder + "/`")));
      }
    }
    return findings;
  }

  /** The first folder of a component's path, past any {@code ./}. */
  private static String firstFolder(String path) {
    for (String segment : path.split("/")) {
      if (!segment.isEmpty() && !segment.equals(".")) {
        return segment;
      }
    }
    return "";
  }
}
