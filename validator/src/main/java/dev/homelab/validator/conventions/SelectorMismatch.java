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
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * Selectors and backends point at something that exists: a workload's selector matches its own pod
 * template, a Service selects some pod template, a route's backend names an existing Service and
 * port, and a ServiceMonitor or PodMonitor selects a Service or pod with the port it scrapes.
 * Objects that a Helm chart of the same namespace may create are given the benefit of the doubt,
 * since charts are not rendered.
 */
final class SelectorMismatch implements ConventionRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "selector-mismatch",
          Labels.FAMILY,
          "A selector or backend points at nothing.",
          "A workload whose selector misses its own pod template is refused by the API server; a"
              + " Service that selects no pods, or a route whose backend Service or port does not"
              + " exist, serves nothing; a ServiceMonitor or PodMonitor that selects nothing, or"
              + " names a port its targets lack, is never scraped, and no alert says so. Namespaces"
              + " with a Helm chart are only checked against what the tree defines when the tree"
              + " defines it, because chart objects are not rendered. A"
              + " Service's pods may also come from a kind the rule does not know, such as an Argo"
              + " Rollout, whose spec.template carries the labels; those count as selected.",
          Severity.ERROR,
          Labels.SINCE,
          "Make the selector's labels equal the pod template's, and point backends and monitors"
              + " at an existing Service (or pod) and the name of one of its ports.");

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
    List<Finding> findings = new ArrayList<>();
    PodIndex pods = tree.pods();
    Map<String, Resource> services = new HashMap<>();
    for (Resource resource : tree.resources()) {
      if (resource.kind().equals("Service") && resource.group().isEmpty()) {
        services.put(resource.namespace() + "/" + resource.name(), resource);
      }
    }
    for (Resource resource : tree.resources()) {
      PodTemplate.of(resource)
          .filter(t -> !t.pointer().isEmpty())
          .ifPresent(t -> checkOwnSelector(resource, t, findings));
      boolean mayBeUnseen = tree.mayHoldUnseen(resource.namespace());
      switch (resource.kind()) {
        case "Service" -> checkService(resource, pods, mayBeUnseen, findings);
        case "Ingress" -> checkIngress(resource, services, mayBeUnseen, findings);
        case "IngressRoute" -> checkIngressRoute(resource, services, tree::mayHoldUnseen, findings);
        case "ServiceMonitor", "PodMonitor" -> {
          if (resource.group().equals("monitoring.coreos.com")) {
            checkMonitor(resource, services, pods, tree::mayHoldUnseen, findings);
          }
        }
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
                LabTree.subject(resource)
                    + " selects "
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
      Resource service, PodIndex pods, boolean mayBeUnseen, List<Finding> findings) {
    JsonNode selector = service.object().at("/spec/selector");
    Map<String, String> wanted = Nodes.stringMap(selector);
    if (wanted.isEmpty()
        || "ExternalName".equals(Nodes.text(service.object().path("spec"), "type", ""))) {
      return;
    }
    if (pods.selected(service.namespace(), wanted).isEmpty()
        && !mayBeUnseen
        && !pods.otherKindMaySelect(service.namespace(), wanted)) {
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

  /**
   * A ServiceMonitor selects Services and names their ports; a PodMonitor selects pod templates and
   * names their containers' ports. Checked only when every namespace it looks in shows all its
   * objects.
   */
  private static void checkMonitor(
      Resource monitor,
      Map<String, Resource> services,
      PodIndex pods,
      Predicate<String> mayHoldUnseen,
      List<Finding> findings) {
    JsonNode spec = monitor.object().path("spec");
    JsonNode namespaceSelector = spec.path("namespaceSelector");
    List<String> namespaces =
        namespaceSelector.has("matchNames")
            ? Nodes.elements(namespaceSelector.path("matchNames")).stream()
                .filter(JsonNode::isString)
                .map(JsonNode::asString)
                .toList()
            : List.of(monitor.namespace());
    Map<String, String> wanted = Nodes.stringMap(spec.path("selector").path("matchLabels"));
    Optional<LabelSelector> selector = LabelSelector.of(spec.path("selector"));
    boolean expressions = !Nodes.elements(spec.path("selector").path("matchExpressions")).isEmpty();
    if (namespaceSelector.path("any").asBoolean(false)
        || namespaces.isEmpty()
        || namespaces.stream().anyMatch(mayHoldUnseen)
        || selector.isEmpty()
        || (wanted.isEmpty() && !expressions)) {
      return;
    }
    boolean serviceMonitor = monitor.kind().equals("ServiceMonitor");
    Set<String> portNames = new TreeSet<>();
    boolean selectsAny = false;
    if (serviceMonitor) {
      for (Resource service : services.values()) {
        Map<String, String> labels = Nodes.stringMap(service.object().at("/metadata/labels"));
        if (namespaces.contains(service.namespace()) && selector.get().test(labels)) {
          selectsAny = true;
          for (JsonNode port : Nodes.elements(service.object().at("/spec/ports"))) {
            String name = Nodes.text(port, "name", "");
            if (!name.isEmpty()) {
              portNames.add(name);
            }
          }
        }
      }
    } else {
      if (namespaces.stream().anyMatch(n -> pods.otherKindMaySelect(n, selector.get()))) {
        return; // a pod template of a kind the index does not know: its ports are unknown
      }
      for (String namespace : namespaces) {
        for (PodIndex.Pod pod : pods.selected(namespace, selector.get())) {
          selectsAny = true;
          portNames.addAll(pod.portNames());
        }
      }
    }
    String targets = serviceMonitor ? "Service" : "pod template";
    if (!selectsAny) {
      findings.add(
          LabTree.atKey(
              INFO,
              monitor,
              "/spec/selector",
              LabTree.subject(monitor)
                  + " selects "
                  + (expressions ? "labels by matchExpressions" : wanted)
                  + " but no "
                  + targets
                  + " in namespace "
                  + String.join(", ", namespaces)
                  + " has "
                  + (expressions ? "matching" : "those")
                  + " labels"));
      return;
    }
    String endpoints = serviceMonitor ? "endpoints" : "podMetricsEndpoints";
    List<JsonNode> entries = Nodes.elements(spec.path(endpoints));
    for (int i = 0; i < entries.size(); i++) {
      JsonNode port = entries.get(i).path("port");
      if (port.isString() && !portNames.contains(port.asString())) {
        findings.add(
            LabTree.at(
                INFO,
                monitor,
                Pointer.of("spec", endpoints, i, "port"),
                LabTree.subject(monitor)
                    + " scrapes port `"
                    + port.asString()
                    + "`, which no selected "
                    + targets
                    + " names"
                    + (portNames.isEmpty()
                        ? ""
                        : " (they name " + String.join(", ", portNames) + ")")));
      }
    }
  }

  private static void checkIngress(
      Resource ingress,
      Map<String, Resource> services,
      boolean mayBeUnseen,
      List<Finding> findings) {
    JsonNode spec = ingress.object().path("spec");
    if (spec.path("defaultBackend").path("service").isObject()) {
      checkBackend(ingress, "/spec/defaultBackend/service", services, mayBeUnseen, findings);
    }
    List<JsonNode> rules = Nodes.elements(spec.path("rules"));
    for (int i = 0; i < rules.size(); i++) {
      List<JsonNode> paths = Nodes.elements(rules.get(i).path("http").path("paths"));
      for (int j = 0; j < paths.size(); j++) {
        String pointer = Pointer.of("spec", "rules", i, "http", "paths", j, "backend", "service");
        if (ingress.object().at(pointer).isObject()) {
          checkBackend(ingress, pointer, services, mayBeUnseen, findings);
        }
      }
    }
  }

  private static void checkBackend(
      Resource ingress,
      String pointer,
      Map<String, Resource> services,
      boolean mayBeUnseen,
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
        mayBeUnseen,
        findings);
  }

  private static void checkIngressRoute(
      Resource route,
      Map<String, Resource> services,
      Predicate<String> mayHoldUnseen,
      List<Finding> findings) {
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
            mayHoldUnseen.test(namespace),
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
      boolean mayBeUnseen,
      List<Finding> findings) {
    Resource service = services.get(namespace + "/" + name);
    if (service == null) {
      if (!mayBeUnseen) {
        findings.add(
            LabTree.at(
                INFO,
                route,
                pointer + "/name",
                LabTree.subject(route)
                    + " routes to Service `"
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
            LabTree.subject(route)
                + " routes to port "
                + wantedPort
                + " of Service `"
                + name
                + "`, which has no such port"));
  }
}
