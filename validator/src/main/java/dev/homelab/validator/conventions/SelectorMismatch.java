package dev.homelab.validator.conventions;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.model.PodTemplate;
import dev.homelab.core.model.Resource;
import dev.homelab.core.yaml.Nodes;
import dev.homelab.core.yaml.Pointer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Selectors and backends point at something that exists: a workload's selector matches its own pod
 * template, a Service selects some pod template, and a route's backend names an existing Service
 * and port. Objects that a Helm chart or kustomization of the same namespace may create are given
 * the benefit of the doubt, since neither is rendered.
 */
final class SelectorMismatch implements ConventionRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "selector-mismatch",
          Labels.FAMILY,
          "A selector or backend points at nothing.",
          "A workload whose selector misses its own pod template is refused by the API server; a"
              + " Service that selects no pods, or a route whose backend Service or port does not"
              + " exist, serves nothing. Namespaces with a Helm chart are only checked against what"
              + " the tree defines when the tree defines it, because chart objects are not rendered.",
          Severity.ERROR,
          Labels.SINCE,
          "Make the selector's labels equal the pod template's, and point backends at an existing"
              + " Service name and port.");

  private record PodLabels(String namespace, Map<String, String> labels) {}

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(LabTree tree) {
    List<Finding> findings = new ArrayList<>();
    List<PodLabels> pods = new ArrayList<>();
    Map<String, Resource> services = new HashMap<>();
    Set<String> unseen = tree.namespacesWithUnseenObjects();
    for (Resource resource : tree.resources()) {
      PodTemplate.of(resource)
          .ifPresent(
              t -> pods.add(new PodLabels(resource.namespace(), Nodes.stringMap(t.labels()))));
      if (resource.kind().equals("Service") && resource.group().isEmpty()) {
        services.put(resource.namespace() + "/" + resource.name(), resource);
      }
    }
    for (Resource resource : tree.resources()) {
      PodTemplate.of(resource)
          .filter(t -> !t.pointer().isEmpty())
          .ifPresent(t -> checkOwnSelector(resource, t, findings));
      boolean chartMayProvide = unseen.contains(resource.namespace());
      switch (resource.kind()) {
        case "Service" -> checkService(resource, pods, chartMayProvide, findings);
        case "Ingress" -> checkIngress(resource, services, chartMayProvide, findings);
        case "IngressRoute" -> checkIngressRoute(resource, services, unseen, findings);
        default -> {}
      }
    }
    return findings;
  }

  private static void checkOwnSelector(
      Resource resource, PodTemplate template, List<Finding> findings) {
    JsonNode matchLabels = resource.object().at("/spec/selector/matchLabels");
    Map<String, String> labels = Nodes.stringMap(template.labels());
    for (Map.Entry<String, String> wanted : Nodes.stringMap(matchLabels).entrySet()) {
      if (!wanted.getValue().equals(labels.get(wanted.getKey()))) {
        findings.add(
            LabTree.at(
                INFO,
                resource,
                Pointer.of("spec", "selector", "matchLabels", wanted.getKey()),
                resource.kind()
                    + " `"
                    + resource.name()
                    + "` selects "
                    + wanted.getKey()
                    + "="
                    + wanted.getValue()
                    + " but its pod template has "
                    + (labels.containsKey(wanted.getKey())
                        ? wanted.getKey() + "=" + labels.get(wanted.getKey())
                        : "no such label")));
      }
    }
  }

  private static void checkService(
      Resource service, List<PodLabels> pods, boolean chartMayProvide, List<Finding> findings) {
    JsonNode selector = service.object().at("/spec/selector");
    Map<String, String> wanted = Nodes.stringMap(selector);
    if (wanted.isEmpty()
        || "ExternalName".equals(Nodes.text(service.object().path("spec"), "type", ""))) {
      return;
    }
    for (PodLabels pod : pods) {
      if (pod.namespace().equals(service.namespace())
          && pod.labels().entrySet().containsAll(wanted.entrySet())) {
        return;
      }
    }
    if (!chartMayProvide) {
      findings.add(
          LabTree.atKey(
              INFO,
              service,
              "/spec/selector",
              "Service `"
                  + service.name()
                  + "` selects "
                  + wanted
                  + " but no pod template in namespace `"
                  + service.namespace()
                  + "` has those labels"));
    }
  }

  private static void checkIngress(
      Resource ingress,
      Map<String, Resource> services,
      boolean chartMayProvide,
      List<Finding> findings) {
    JsonNode spec = ingress.object().path("spec");
    if (spec.path("defaultBackend").path("service").isObject()) {
      checkBackend(ingress, "/spec/defaultBackend/service", services, chartMayProvide, findings);
    }
    List<JsonNode> rules = Nodes.elements(spec.path("rules"));
    for (int i = 0; i < rules.size(); i++) {
      List<JsonNode> paths = Nodes.elements(rules.get(i).path("http").path("paths"));
      for (int j = 0; j < paths.size(); j++) {
        String pointer = Pointer.of("spec", "rules", i, "http", "paths", j, "backend", "service");
        if (ingress.object().at(pointer).isObject()) {
          checkBackend(ingress, pointer, services, chartMayProvide, findings);
        }
      }
    }
  }

  private static void checkBackend(
      Resource ingress,
      String pointer,
      Map<String, Resource> services,
      boolean chartMayProvide,
      List<Finding> findings) {
    JsonNode backend = ingress.object().at(pointer);
    String name = Nodes.text(backend, "name", "");
    JsonNode port = backend.path("port");
    // A number of the wrong type or beyond int is the schema check's finding; no port is compared.
    Object wantedPort =
        port.has("number") ? Nodes.integer(port.get("number")) : Nodes.text(port, "name", null);
    checkServiceReference(
        ingress,
        pointer,
        ingress.namespace(),
        name,
        wantedPort,
        false,
        services,
        chartMayProvide,
        findings);
  }

  private static void checkIngressRoute(
      Resource route, Map<String, Resource> services, Set<String> unseen, List<Finding> findings) {
    List<JsonNode> routes = Nodes.elements(route.object().path("spec").path("routes"));
    for (int i = 0; i < routes.size(); i++) {
      List<JsonNode> backends = Nodes.elements(routes.get(i).path("services"));
      for (int j = 0; j < backends.size(); j++) {
        JsonNode backend = backends.get(j);
        if (!"Service".equals(Nodes.text(backend, "kind", "Service"))) {
          continue;
        }
        String namespace = Nodes.text(backend, "namespace", route.namespace());
        JsonNode port = backend.path("port");
        Object wantedPort = port.isNumber() ? Nodes.integer(port) : Nodes.text(port, null);
        checkServiceReference(
            route,
            Pointer.of("spec", "routes", i, "services", j),
            namespace,
            Nodes.text(backend, "name", ""),
            wantedPort,
            true,
            services,
            unseen.contains(namespace),
            findings);
      }
    }
  }

  private static void checkServiceReference(
      Resource route,
      String pointer,
      String namespace,
      String name,
      Object wantedPort,
      boolean externalNameTakesAnyNumber,
      Map<String, Resource> services,
      boolean chartMayProvide,
      List<Finding> findings) {
    Resource service = services.get(namespace + "/" + name);
    if (service == null) {
      if (!chartMayProvide) {
        findings.add(
            LabTree.at(
                INFO,
                route,
                pointer + "/name",
                route.kind()
                    + " `"
                    + route.name()
                    + "` routes to Service `"
                    + name
                    + "`, which is not defined in namespace `"
                    + namespace
                    + "`"));
      }
      return;
    }
    if (wantedPort == null) {
      return;
    }
    if (externalNameTakesAnyNumber
        && wantedPort instanceof Integer
        && "ExternalName".equals(Nodes.text(service.object().path("spec"), "type", ""))) {
      return; // Traefik's IngressRoute provider dials an unlisted port of an ExternalName as given
    }
    JsonNode ports = service.object().at("/spec/ports");
    for (JsonNode port : ports) {
      boolean matches =
          wantedPort instanceof Integer number
              ? number.equals(Nodes.integer(port.path("port")))
              : wantedPort.equals(Nodes.text(port, "name", null));
      if (matches) {
        return;
      }
    }
    findings.add(
        LabTree.at(
            INFO,
            route,
            pointer + "/port",
            route.kind()
                + " `"
                + route.name()
                + "` routes to port "
                + wantedPort
                + " of Service `"
                + name
                + "`, which has no such port"));
  }
}
