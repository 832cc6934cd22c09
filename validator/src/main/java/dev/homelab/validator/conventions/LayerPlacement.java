package dev.homelab.validator.conventions;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.model.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A manifest sits in the layer folder of its namespace. */
final class LayerPlacement implements ConventionRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "layer-placement",
          Labels.FAMILY,
          "A manifest sits outside the layer folder of its namespace.",
          "Each namespace belongs to one layer (infrastructure, monitoring, applications), and"
              + " its manifests live in that layer's folder, so that the tree reads in deployment"
              + " order. Cluster-scoped objects and the generated Argo CD folder are not checked.",
          Severity.ERROR,
          Labels.SINCE,
          "Move the file into the folder of the namespace's layer, or change the namespace.");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(LabTree tree) {
    List<Finding> findings = new ArrayList<>();
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
}
