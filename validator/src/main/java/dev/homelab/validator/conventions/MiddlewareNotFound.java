package dev.homelab.validator.conventions;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.model.Resource;
import dev.homelab.core.yaml.Nodes;
import dev.homelab.core.yaml.Pointer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A route names a Traefik Middleware that does not exist. Traefik then drops the whole router, so
 * every path of the route answers 404, not just the part the middleware was for.
 */
final class MiddlewareNotFound implements ConventionRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "middleware-not-found",
          Labels.FAMILY,
          "A route or chain names a Traefik Middleware that does not exist.",
          "Traefik builds a router only when every middleware it names exists. An Ingress whose"
              + " `traefik.ingress.kubernetes.io/router.middlewares` annotation names a missing"
              + " `<namespace>-<name>@kubernetescrd`, or an IngressRoute whose route names a"
              + " missing Middleware, is synced without complaint and then answers 404 on every"
              + " path, with the reason only in Traefik's log; a chain Middleware with a missing"
              + " member takes down every route that uses it. Middlewares of other providers"
              + " (`@file`, `@internal`) are not checked, nor those in a namespace where a chart or"
              + " a HelmChartConfig whose values mention Middleware may make them.",
          Severity.ERROR,
          Labels.SINCE,
          "Fix the reference (for an Ingress: the Middleware's namespace, a hyphen, its name and"
              + " `@kubernetescrd`), or add the Middleware.");

  /** The Ingress annotation that lists a route's middlewares. */
  static final String ANNOTATION = "traefik.ingress.kubernetes.io/router.middlewares";

  private static final String PROVIDER = "@kubernetescrd";

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
      return List.of(); // the Middleware may be in a file the run did not load
    }
    Set<String> middlewares = new HashSet<>();
    Set<String> annotationNames = new HashSet<>();
    for (Resource resource : tree.resources()) {
      if (resource.kind().equals("Middleware") && resource.group().startsWith("traefik.")) {
        middlewares.add(resource.namespace() + "/" + resource.name());
        annotationNames.add(annotationName(resource.namespace(), resource.name()));
      }
    }
    Set<String> unseen = tree.namespacesWithUnseen("Middleware");
    List<Finding> findings = new ArrayList<>();
    for (Resource resource : tree.resources()) {
      if (resource.kind().equals("Ingress") && resource.group().equals("networking.k8s.io")) {
        String listed = resource.annotations().getOrDefault(ANNOTATION, "");
        for (String entry : listed.split(",")) {
          String name = entry.strip();
          if (name.endsWith(PROVIDER)
              && !annotationNames.contains(name)
              && unseen.stream().noneMatch(namespace -> name.startsWith(namespace + "-"))) {
            findings.add(
                LabTree.at(
                    INFO,
                    resource,
                    Pointer.of("metadata", "annotations", ANNOTATION),
                    "Ingress `"
                        + resource.name()
                        + "` names middleware `"
                        + name
                        + "`, which no Middleware in the tree provides, so Traefik drops the"
                        + " route"));
          }
        }
      } else if (resource.kind().equals("IngressRoute")
          && resource.group().startsWith("traefik.")) {
        List<JsonNode> routes = Nodes.elements(resource.object().at("/spec/routes"));
        for (int i = 0; i < routes.size(); i++) {
          checkReferences(
              resource,
              Pointer.of("spec", "routes", i, "middlewares"),
              "the route",
              middlewares,
              unseen,
              findings);
        }
      } else if (resource.kind().equals("Middleware") && resource.group().startsWith("traefik.")) {
        checkReferences(
            resource,
            "/spec/chain/middlewares",
            "every route that uses this chain",
            middlewares,
            unseen,
            findings);
      }
    }
    return findings;
  }

  /** Each {@code {name, namespace}} entry of the list at {@code pointer} must name a Middleware. */
  private static void checkReferences(
      Resource resource,
      String pointer,
      String dropped,
      Set<String> middlewares,
      Set<String> unseen,
      List<Finding> findings) {
    List<JsonNode> named = Nodes.elements(resource.object().at(pointer));
    for (int j = 0; j < named.size(); j++) {
      String name = Nodes.text(named.get(j), "name", "");
      String namespace = Nodes.text(named.get(j), "namespace", resource.namespace());
      if (!name.isEmpty()
          && !name.contains("@")
          && !middlewares.contains(namespace + "/" + name)
          && !unseen.contains(namespace)) {
        findings.add(
            LabTree.at(
                INFO,
                resource,
                pointer + "/" + j + "/name",
                LabTree.subject(resource)
                    + " names Middleware `"
                    + name
                    + "` in namespace `"
                    + namespace
                    + "`, which does not exist, so Traefik drops "
                    + dropped));
      }
    }
  }

  /** How an Ingress annotation names a Middleware: namespace, hyphen, name, provider. */
  static String annotationName(String namespace, String name) {
    return namespace + "-" + name + PROVIDER;
  }
}
