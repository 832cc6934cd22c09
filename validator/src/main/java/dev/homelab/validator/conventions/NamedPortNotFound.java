package dev.homelab.validator.conventions;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.model.Entries;
import dev.homelab.core.model.Resource;
import dev.homelab.core.yaml.Nodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * A probe, lifecycle hook or Service targetPort names a container port that does not exist. The API
 * server only checks the name's syntax; the kubelet and the endpoint controller look it up later.
 */
final class NamedPortNotFound implements ConventionRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "named-port-not-found",
          Labels.FAMILY,
          "A probe, hook or Service targetPort names a port no container declares.",
          "A port given by name is looked up when it is used, not when the object is applied. A"
              + " probe or lifecycle hook whose container declares no port of that name fails"
              + " every time, so the pod restarts or never becomes ready; a Service whose named"
              + " targetPort matches no port of the pods it selects gets no endpoints and serves"
              + " nothing. A Service is checked only when it selects a pod template of the tree,"
              + " and not in a namespace where a chart may make pods the tree does not show.",
          Severity.ERROR,
          Labels.SINCE,
          "Name the port under the container's `ports` with that `name`, or refer to it by number.");

  private static final List<String> PROBES =
      List.of("livenessProbe", "readinessProbe", "startupProbe");
  private static final List<String> HOOKS = List.of("postStart", "preStop");
  private static final List<String> HANDLERS = List.of("httpGet", "tcpSocket");

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
    for (Resource resource : tree.resources()) {
      Entries.podSpec(resource)
          .ifPresent(
              spec ->
                  Entries.eachContainer(
                      resource, spec, container -> checkContainer(resource, container, findings)));
    }
    for (Resource resource : tree.resources()) {
      if (resource.kind().equals("Service") && resource.group().isEmpty()) {
        checkService(resource, tree.pods(), tree.mayHoldUnseen(resource.namespace()), findings);
      }
    }
    return findings;
  }

  /** Reports the container's probes and hooks that name a port the container does not declare. */
  private static void checkContainer(Resource resource, String container, List<Finding> findings) {
    Set<String> names = PodIndex.containerPorts(resource, container);
    List<String> handlers = new ArrayList<>();
    PROBES.forEach(probe -> handlers.add(container + "/" + probe));
    HOOKS.forEach(hook -> handlers.add(container + "/lifecycle/" + hook));
    for (String handler : handlers) {
      for (String kind : HANDLERS) {
        String pointer = handler + "/" + kind + "/port";
        JsonNode port = resource.object().at(pointer);
        if (isName(port) && !names.contains(port.asString())) {
          findings.add(
              LabTree.at(
                  INFO,
                  resource,
                  pointer,
                  LabTree.subject(resource)
                      + ": container `"
                      + Nodes.text(resource.object().at(container), "name", "")
                      + "` has no port named `"
                      + port.asString()
                      + "`"
                      + declared(names)));
        }
      }
    }
  }

  private static void checkService(
      Resource service, PodIndex pods, boolean mayBeUnseen, List<Finding> findings) {
    JsonNode spec = service.object().path("spec");
    Map<String, String> selector = Nodes.stringMap(spec.path("selector"));
    if (selector.isEmpty() || mayBeUnseen || "ExternalName".equals(Nodes.text(spec, "type", ""))) {
      return; // an ExternalName Service ignores its selector and has no endpoints to fill
    }
    Set<String> portNames = new TreeSet<>();
    boolean selectsAny = false;
    for (PodIndex.Pod pod : pods.selected(service.namespace(), selector)) {
      selectsAny = true;
      portNames.addAll(pod.portNames());
    }
    if (!selectsAny || pods.otherKindMaySelect(service.namespace(), selector)) {
      return; // selector-mismatch reports nothing selected; other kinds' ports are unknown
    }
    List<JsonNode> ports = Nodes.elements(spec.path("ports"));
    for (int i = 0; i < ports.size(); i++) {
      JsonNode target = ports.get(i).path("targetPort");
      if (isName(target) && !portNames.contains(target.asString())) {
        findings.add(
            LabTree.at(
                INFO,
                service,
                "/spec/ports/" + i + "/targetPort",
                "Service `"
                    + service.name()
                    + "` targets port `"
                    + target.asString()
                    + "`, which no container of the pods it selects declares"
                    + declared(portNames)));
      }
    }
  }

  /** A port given by name; a string of digits is a number to the API server's syntax check. */
  private static boolean isName(JsonNode port) {
    return port.isString() && !port.asString().isEmpty() && !port.asString().matches("\\d+");
  }

  private static String declared(Set<String> names) {
    return names.isEmpty() ? " (none is named)" : " (named: " + String.join(", ", names) + ")";
  }
}
