package dev.homelab.validator.conventions;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.model.Resource;
import java.util.ArrayList;
import java.util.List;

/** Objects live in a namespace that homelab.yaml declares; cluster-scoped objects name none. */
final class NamespaceDeclared implements ConventionRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "namespace-declared",
          Labels.FAMILY,
          "A resource's namespace, or a Namespace object, is not one of the lab's namespaces.",
          "The lab has a fixed set of namespaces, each with its layer and resource profile."
              + " A namespaced object lands in its own metadata.namespace, or in its component's"
              + " namespace; a cluster-scoped object must not name a namespace, and a Namespace"
              + " object creates one of the declared namespaces.",
          Severity.ERROR,
          Labels.SINCE,
          "Use one of the namespaces declared in homelab.yaml, or declare the new namespace there;"
              + " remove metadata.namespace from cluster-scoped objects.");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(LabTree tree) {
    List<Finding> findings = new ArrayList<>();
    for (Resource resource : tree.resources()) {
      boolean namespaceObject = resource.kind().equals("Namespace") && resource.group().isEmpty();
      if (namespaceObject && tree.config().namespace(resource.name()).isEmpty()) {
        findings.add(
            LabTree.at(
                INFO,
                resource,
                "/metadata/name",
                "Namespace `" + resource.name() + "` is not declared in homelab.yaml"));
      }
      if (resource.clusterScoped()) {
        if (!resource.declaredNamespace().isEmpty()) {
          findings.add(
              LabTree.at(
                  INFO,
                  resource,
                  "/metadata/namespace",
                  resource.kind()
                      + " is cluster-scoped and takes no namespace, but names `"
                      + resource.declaredNamespace()
                      + "`"));
        }
        continue;
      }
      String namespace = resource.namespace();
      if (namespace.isEmpty()) {
        findings.add(
            LabTree.atKey(
                INFO,
                resource,
                "/metadata",
                resource.ref().display()
                    + " has no namespace and lies outside every component folder"));
      } else if (tree.config().namespace(namespace).isEmpty()) {
        findings.add(
            LabTree.atNamespace(
                INFO, resource, "namespace `" + namespace + "` is not declared in homelab.yaml"));
      }
    }
    return findings;
  }
}
