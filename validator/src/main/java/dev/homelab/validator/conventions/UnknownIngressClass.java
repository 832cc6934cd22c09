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
import java.util.Optional;
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
              + " the class an ingress-nginx or Traefik chart among the components creates, as its"
              + " values name it (Traefik's chart names it after the release). The same"
              + " holds for a cert-manager Issuer's or ClusterIssuer's HTTP-01 solver: the"
              + " Ingress it makes to answer the challenge is never routed, and the certificate"
              + " is never issued.",
          Severity.ERROR,
          Labels.SINCE,
          "Name one of the classes the message lists, or leave the class out to use the default"
              + " class (Traefik's on K3s).");

  private static final String ANNOTATION = "kubernetes.io/ingress.class";

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public boolean concludesFromAbsence() {
    return true;
  }

  @Override
  public List<Finding> check(LabTree tree) {
    if (!tree.loadedWhole()) {
      return List.of(); // the class, or the values naming it, may be in a file not loaded
    }
    Set<String> classes = new TreeSet<>();
    if ("k3s".equals(tree.lab().kubernetes().distribution())) {
      classes.add("traefik");
    }
    for (HomeLab.Component component : tree.lab().components()) {
      if (component.isHelm()) {
        chartClass(tree, component).ifPresent(classes::add);
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

  /**
   * The IngressClass an ingress controller chart creates, as its templates name it from the values:
   * ingress-nginx's {@code controller.ingressClassResource.name} ({@code nginx}), Traefik's {@code
   * ingressClass.name}, else its full name (the release name, with {@code -traefik} appended unless
   * it contains it).
   */
  private static Optional<String> chartClass(LabTree tree, HomeLab.Component component) {
    switch (component.chart().name()) {
      case "ingress-nginx" -> {
        String base = "/controller/ingressClassResource/";
        if (tree.chartValue(component, base + "enabled").asBoolean(true)) {
          return Optional.of(Nodes.text(tree.chartValue(component, base + "name"), "nginx"));
        }
        return Optional.empty();
      }
      case "traefik" -> {
        if (!tree.chartValue(component, "/ingressClass/enabled").asBoolean(true)) {
          return Optional.empty();
        }
        String named = Nodes.text(tree.chartValue(component, "/ingressClass/name"), "");
        return Optional.of(named.isEmpty() ? fullName(tree, component, "traefik") : named);
      }
      default -> {
        return Optional.empty();
      }
    }
  }

  /** Helm's usual {@code <chart>.fullname} template, as the Traefik chart defines it. */
  private static String fullName(LabTree tree, HomeLab.Component component, String chart) {
    String override = Nodes.text(tree.chartValue(component, "/fullnameOverride"), "");
    String name = Nodes.text(tree.chartValue(component, "/nameOverride"), "");
    name = name.isEmpty() ? chart : name;
    String release = component.releaseName();
    String full =
        !override.isEmpty() ? override : release.contains(name) ? release : release + "-" + name;
    full = full.length() > 63 ? full.substring(0, 63) : full;
    return full.endsWith("-") ? full.substring(0, full.length() - 1) : full;
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
