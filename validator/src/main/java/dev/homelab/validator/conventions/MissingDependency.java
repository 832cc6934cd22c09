package dev.homelab.validator.conventions;

import dev.homelab.core.config.HomeLab;
import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.model.Resource;
import dev.homelab.core.yaml.Nodes;
import dev.homelab.core.yaml.Pointer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A component uses an object another component defines (a StorageClass, a cert-manager issuer, a
 * Traefik middleware, the CRD of a custom resource) without depending on it, so its sync wave may
 * come first.
 */
final class MissingDependency implements ConventionRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "missing-dependency",
          Labels.FAMILY,
          "A component uses another component's object without listing it in dependsOn.",
          "The generator orders Argo CD's sync waves by dependsOn. A component whose claims use"
              + " another component's StorageClass, whose routes name another component's issuer"
              + " or middleware, may otherwise be synced before them on a fresh cluster, and its"
              + " volumes, certificates or routes stay pending until a later retry. A component"
              + " with a custom resource whose CRD another component installs (a CRD in the tree,"
              + " or one that the cert-manager, MetalLB, Argo CD or Prometheus operator chart"
              + " brings) fails its first sync outright, because the API server does not know the"
              + " kind yet.",
          Severity.WARNING,
          Labels.SINCE,
          "Add the component that defines the object to dependsOn in homelab.yaml (directly or"
              + " through a component it already depends on).");

  private static final String MIDDLEWARES = MiddlewareNotFound.ANNOTATION;

  /** The API groups whose CRDs a chart installs, by chart name. */
  private static final Map<String, List<String>> CHART_CRD_GROUPS =
      Map.of(
          "cert-manager", List.of("cert-manager.io", "acme.cert-manager.io"),
          "metallb", List.of("metallb.io"),
          "argo-cd", List.of("argoproj.io"),
          "kube-prometheus-stack", List.of("monitoring.coreos.com"),
          "prometheus-operator-crds", List.of("monitoring.coreos.com"));

  /** An object a component defines, as kind, namespace ("" when cluster-scoped) and name. */
  private record Key(String kind, String namespace, String name) {}

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(LabTree tree) {
    Map<Key, String> providers = new HashMap<>();
    for (Resource resource : tree.resources()) {
      String kind = resource.kind();
      if (Set.of("StorageClass", "ClusterIssuer", "Issuer", "Middleware").contains(kind)) {
        tree.componentOf(resource)
            .filter(c -> c.deployedByArgoCd())
            .ifPresent(
                c ->
                    providers.put(
                        new Key(
                            kind,
                            resource.clusterScoped() ? "" : resource.namespace(),
                            resource.name()),
                        c.name()));
      }
    }
    Map<String, String> crdProviders = crdProviders(tree);
    Map<String, List<String>> edges = new HashMap<>();
    tree.lab().components().forEach(c -> edges.put(c.name(), c.dependsOn()));
    Map<String, Set<String>> reachableFrom = new HashMap<>();
    List<Finding> findings = new ArrayList<>();
    for (Resource resource : tree.resources()) {
      Optional<HomeLab.Component> consumer =
          tree.componentOf(resource).filter(c -> c.deployedByArgoCd());
      if (consumer.isEmpty() || tree.isGenerated(resource)) {
        continue;
      }
      Set<String> reachable =
          reachableFrom.computeIfAbsent(consumer.get().name(), c -> dependencies(edges, c));
      String crdProvider = crdProviders.get(resource.group() + "/" + resource.kind());
      if (crdProvider == null) {
        crdProvider = crdProviders.get(resource.group() + "/*");
      }
      if (crdProvider != null && !reachable.contains(crdProvider)) {
        findings.add(
            LabTree.at(
                INFO,
                resource,
                "/kind",
                "component `"
                    + consumer.get().name()
                    + "` has a "
                    + resource.kind()
                    + " ("
                    + resource.group()
                    + "), whose CRD component `"
                    + crdProvider
                    + "` installs, but does not depend on it"));
      }
      for (Reference reference : references(tree, resource, providers)) {
        String provider = providers.get(reference.key());
        if (provider != null && !reachable.contains(provider)) {
          findings.add(
              LabTree.at(
                  INFO,
                  resource,
                  reference.pointer(),
                  "component `"
                      + consumer.get().name()
                      + "` uses "
                      + reference.key().kind()
                      + " `"
                      + reference.key().name()
                      + "` of component `"
                      + provider
                      + "` but does not depend on it"));
        }
      }
    }
    return findings;
  }

  private record Reference(Key key, String pointer) {}

  /**
   * The component that installs each custom kind's CRD: keyed by group and kind for a CRD in the
   * tree, by group and {@code *} for the groups of a chart.
   */
  private static Map<String, String> crdProviders(LabTree tree) {
    Map<String, String> providers = new HashMap<>();
    for (HomeLab.Component component : tree.lab().components()) {
      if (component.isHelm() && component.deployedByArgoCd()) {
        for (String group : CHART_CRD_GROUPS.getOrDefault(component.chart().name(), List.of())) {
          providers.putIfAbsent(group + "/*", component.name());
        }
      }
    }
    for (Resource resource : tree.resources()) {
      if (resource.kind().equals("CustomResourceDefinition")
          && resource.group().equals("apiextensions.k8s.io")) {
        String group = Nodes.text(resource.object().at("/spec"), "group", "");
        String kind = Nodes.text(resource.object().at("/spec/names"), "kind", "");
        tree.componentOf(resource)
            .filter(c -> c.deployedByArgoCd())
            .ifPresent(c -> providers.put(group + "/" + kind, c.name()));
      }
    }
    return providers;
  }

  private static List<Reference> references(
      LabTree tree, Resource resource, Map<Key, String> providers) {
    List<Reference> references = new ArrayList<>();
    JsonNode object = resource.object();
    String namespace = resource.namespace();
    switch (resource.group() + "/" + resource.kind()) {
      case "/PersistentVolumeClaim" -> storageClass(tree, object, "/spec", references);
      case "apps/StatefulSet" -> {
        List<JsonNode> claims = Nodes.elements(object.at("/spec/volumeClaimTemplates"));
        for (int i = 0; i < claims.size(); i++) {
          storageClass(tree, object, "/spec/volumeClaimTemplates/" + i + "/spec", references);
        }
      }
      case "networking.k8s.io/Ingress" -> {
        String annotations = "/metadata/annotations";
        issuer(
            object,
            Pointer.append(annotations, "cert-manager.io/cluster-issuer"),
            "ClusterIssuer",
            "",
            references);
        issuer(
            object,
            Pointer.append(annotations, "cert-manager.io/issuer"),
            "Issuer",
            namespace,
            references);
        String listed = Nodes.text(object.at("/metadata/annotations"), MIDDLEWARES, "");
        for (String entry : listed.split(",")) {
          for (Key key : providers.keySet()) {
            boolean named =
                key.kind().equals("Middleware")
                    && entry
                        .trim()
                        .equals(MiddlewareNotFound.annotationName(key.namespace(), key.name()));
            if (named) {
              references.add(new Reference(key, Pointer.append(annotations, MIDDLEWARES)));
            }
          }
        }
      }
      case "cert-manager.io/Certificate" -> {
        String kind = Nodes.text(object.at("/spec/issuerRef"), "kind", "Issuer");
        issuer(
            object,
            "/spec/issuerRef/name",
            kind,
            kind.equals("Issuer") ? namespace : "",
            references);
      }
      case "traefik.io/IngressRoute", "traefik.containo.us/IngressRoute" -> {
        List<JsonNode> routes = Nodes.elements(object.at("/spec/routes"));
        for (int i = 0; i < routes.size(); i++) {
          List<JsonNode> middlewares = Nodes.elements(routes.get(i).path("middlewares"));
          for (int j = 0; j < middlewares.size(); j++) {
            JsonNode middleware = middlewares.get(j);
            String name = Nodes.text(middleware, "name", "");
            references.add(
                new Reference(
                    new Key("Middleware", Nodes.text(middleware, "namespace", namespace), name),
                    "/spec/routes/" + i + "/middlewares/" + j + "/name"));
          }
        }
      }
      default -> {}
    }
    return references;
  }

  /** A claim's class, or the lab's default class when it names none. */
  private static void storageClass(
      LabTree tree, JsonNode object, String spec, List<Reference> references) {
    JsonNode named = object.at(spec + "/storageClassName");
    String name = named.isString() ? named.asString() : tree.lab().storage().defaultClass();
    String pointer = named.isString() ? spec + "/storageClassName" : spec;
    if (!name.isEmpty()) {
      references.add(new Reference(new Key("StorageClass", "", name), pointer));
    }
  }

  private static void issuer(
      JsonNode object, String pointer, String kind, String namespace, List<Reference> references) {
    JsonNode name = object.at(pointer);
    if (name.isString() && !name.asString().isEmpty()) {
      references.add(new Reference(new Key(kind, namespace, name.asString()), pointer));
    }
  }

  /** The component itself and everything it depends on, directly or not. */
  private static Set<String> dependencies(Map<String, List<String>> edges, String component) {
    Set<String> seen = new HashSet<>();
    Deque<String> queue = new ArrayDeque<>(List.of(component));
    while (!queue.isEmpty()) {
      String next = queue.pop();
      if (seen.add(next)) {
        queue.addAll(edges.getOrDefault(next, List.of()));
      }
    }
    return seen;
  }
}
