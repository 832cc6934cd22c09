package dev.homelab.validator.conventions;

import dev.homelab.core.config.HomeLab;
import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.model.Resource;
import dev.homelab.core.yaml.Nodes;
import dev.homelab.core.yaml.Pointer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * An Ingress asks for an IngressClass that no controller of the lab provides, so nothing serves it.
 */
final class UnknownIngressClass implements ConventionRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "unknown-ingress-class",
          Labels.FAMILY,
          "An Ingress or an ACME HTTP-01 solver names an IngressClass the lab does not have.",
          "An ingress controller serves only the Ingresses of its own class. An Ingress whose"
              + " `spec.ingressClassName` (or older `kubernetes.io/ingress.class` annotation) names"
              + " a class no controller in the lab provides, often `nginx` copied from a chart's"
              + " README, is accepted and synced, and then never routed. The lab's classes are the"
              + " IngressClass objects in the tree, `traefik` on K3s (its bundled controller), and"
              + " the class of an ingress-nginx or Traefik chart among the components. The same"
              + " holds for a cert-manager Issuer's or ClusterIssuer's HTTP-01 solver: the"
              + " Ingress it makes to answer the challenge is never routed, and the certificate"
              + " is never issued.",
          Severity.ERROR,
          Labels.SINCE,
          "Name one of the classes the message lists, or leave the class out to use the default"
              + " class (Traefik's on K3s).");

  private static final String ANNOTATION = "kubernetes.io/ingress.class";

  /** The class each ingress controller chart creates unless its values rename it. */
  private static final Map<String, String> CHART_CLASSES =
      Map.of("ingress-nginx", "nginx", "traefik", "traefik");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(LabTree tree) {
    Set<String> classes = new TreeSet<>();
    if ("k3s".equals(tree.lab().kubernetes().distribution())) {
      classes.add("traefik");
    }
    for (HomeLab.Component component : tree.lab().components()) {
      if (component.isHelm() && CHART_CLASSES.containsKey(component.chart().name())) {
        classes.add(CHART_CLASSES.get(component.chart().name()));
      }
    }
    for (Resource resource : tree.resources()) {
      if (resource.kind().equals("IngressClass") && resource.group().equals("networking.k8s.io")) {
        classes.add(resource.name());
      }
    }
    List<Finding> findings = new ArrayList<>();
    for (Resource resource : tree.resources()) {
      if (resource.group().equals("cert-manager.io")
          && (resource.kind().equals("Issuer") || resource.kind().equals("ClusterIssuer"))) {
        solvers(resource, classes, findings);
        continue;
      }
      if (!resource.kind().equals("Ingress") || !resource.group().equals("networking.k8s.io")) {
        continue;
      }
      JsonNode named = resource.object().at("/spec/ingressClassName");
      String pointer = "/spec/ingressClassName";
      if (!named.isString()) {
        named = resource.object().path("metadata").path("annotations").path(ANNOTATION);
        pointer = Pointer.of("metadata", "annotations", ANNOTATION);
      }
      String wanted = Nodes.text(named, "");
      if (named.isString() && !classes.contains(wanted)) {
        findings.add(
            LabTree.at(
                INFO,
                resource,
                pointer,
                "Ingress `"
                    + resource.name()
                    + "` asks for IngressClass `"
                    + wanted
                    + "`, which no controller of the lab provides"
                    + (classes.isEmpty() ? "" : " (it has " + String.join(", ", classes) + ")")));
      }
    }
    return findings;
  }

  /** The classes an issuer's HTTP-01 solvers make their challenge Ingresses with. */
  private static void solvers(Resource issuer, Set<String> classes, List<Finding> findings) {
    List<JsonNode> solvers = Nodes.elements(issuer.object().at("/spec/acme/solvers"));
    for (int i = 0; i < solvers.size(); i++) {
      JsonNode ingress = solvers.get(i).at("/http01/ingress");
      for (String field : List.of("ingressClassName", "class")) {
        JsonNode named = ingress.path(field);
        if (named.isString() && !classes.contains(named.asString())) {
          findings.add(
              LabTree.at(
                  INFO,
                  issuer,
                  Pointer.of("spec", "acme", "solvers", i, "http01", "ingress", field),
                  LabTree.subject(issuer)
                      + " answers HTTP-01 challenges through IngressClass `"
                      + named.asString()
                      + "`, which no controller of the lab provides, so no certificate it signs"
                      + " is ever issued"
                      + (classes.isEmpty()
                          ? ""
                          : " (the lab has " + String.join(", ", classes) + ")")));
        }
      }
    }
  }
}
