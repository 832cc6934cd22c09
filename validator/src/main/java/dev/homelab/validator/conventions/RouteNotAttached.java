package dev.homelab.validator.conventions;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
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
import tools.jackson.databind.JsonNode;

/**
 * A Gateway API route whose parent Gateway in the tree has no listener that admits it: the route is
 * accepted by the API server and then never serves traffic.
 */
final class RouteNotAttached implements ConventionRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "route-not-attached",
          Labels.FAMILY,
          "A Gateway API route names a Gateway none of whose listeners admits it.",
          "A route attaches to a Gateway listener only when the listener allows the route's"
              + " namespace (allowedRoutes.namespaces: Same, the default, All, or a Selector on"
              + " the namespace's labels), its kind (allowedRoutes.kinds, else the kinds of the"
              + " listener's protocol), and at least one of its hostnames, and when the"
              + " parentRef's sectionName and port name an existing listener. Otherwise the"
              + " route is stored but its status says it was not accepted, and no request"
              + " reaches it; Argo CD still shows it synced. Gateways that a chart makes are not"
              + " seen, and their routes are not checked.",
          Severity.ERROR,
          Labels.SINCE,
          "Set the listener's allowedRoutes (for routes in other namespaces, namespaces.from: All"
              + " or a Selector), fix the parentRef's sectionName or port, or give the route a"
              + " hostname the listener serves.");

  private static final String GROUP = LabTree.GATEWAY_API;

  /** The route kinds a listener admits by default, by its protocol. */
  private static final Map<String, Set<String>> KINDS_BY_PROTOCOL =
      Map.of(
          "HTTP", Set.of("HTTPRoute", "GRPCRoute"),
          "HTTPS", Set.of("HTTPRoute", "GRPCRoute"),
          "TLS", Set.of("TLSRoute", "TCPRoute"),
          "TCP", Set.of("TCPRoute"),
          "UDP", Set.of("UDPRoute"));

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
    Map<String, Resource> gateways = new HashMap<>();
    Map<String, Map<String, String>> namespaceLabels = new HashMap<>();
    for (Resource resource : tree.resources()) {
      if (resource.group().equals(GROUP) && resource.kind().equals("Gateway")) {
        gateways.putIfAbsent(resource.namespace() + "/" + resource.name(), resource);
      } else if (resource.group().isEmpty() && resource.kind().equals("Namespace")) {
        namespaceLabels.putIfAbsent(resource.name(), resource.labels());
      }
    }
    List<Finding> findings = new ArrayList<>();
    if (gateways.isEmpty()) {
      return findings;
    }
    for (Resource route : tree.resources()) {
      if (!route.group().equals(GROUP) || !LabTree.GATEWAY_ROUTE_KINDS.contains(route.kind())) {
        continue;
      }
      List<JsonNode> parents = Nodes.elements(route.object().at("/spec/parentRefs"));
      for (int i = 0; i < parents.size(); i++) {
        JsonNode parent = parents.get(i);
        if (!Nodes.text(parent, "group", GROUP).equals(GROUP)
            || !Nodes.text(parent, "kind", "Gateway").equals("Gateway")) {
          continue;
        }
        String namespace = Nodes.text(parent, "namespace", route.namespace());
        Resource gateway = gateways.get(namespace + "/" + Nodes.text(parent, "name", ""));
        String pointer = Pointer.of("spec", "parentRefs", i);
        if (gateway != null) {
          refusal(route, parent, gateway, namespaceLabels)
              .ifPresent(
                  why ->
                      findings.add(
                          LabTree.at(
                              INFO,
                              route,
                              pointer,
                              LabTree.subject(route)
                                  + " is not attached to Gateway "
                                  + gateway.namespace()
                                  + "/"
                                  + gateway.name()
                                  + ": "
                                  + why)));
        }
      }
    }
    return findings;
  }

  /** Why no listener admits the route, or empty when one does or it cannot be told. */
  private static Optional<String> refusal(
      Resource route,
      JsonNode parent,
      Resource gateway,
      Map<String, Map<String, String>> namespaceLabels) {
    String section = Nodes.text(parent, "sectionName", "");
    JsonNode port = parent.path("port");
    List<String> reasons = new ArrayList<>();
    boolean named = false;
    for (JsonNode listener : Nodes.elements(gateway.object().at("/spec/listeners"))) {
      String name = Nodes.text(listener, "name", "");
      if ((!section.isEmpty() && !section.equals(name))
          || (port.isNumber() && !port.equals(listener.path("port")))) {
        continue;
      }
      named = true;
      Optional<String> reason = listenerRefusal(route, listener, gateway, namespaceLabels);
      if (reason.isEmpty()) {
        return Optional.empty();
      }
      reasons.add("listener `" + name + "` " + reason.get());
    }
    if (!named) {
      return Optional.of(
          "it has no listener"
              + (section.isEmpty() ? "" : " named `" + section + "`")
              + (port.isNumber() ? " on port " + port.asLong() : ""));
    }
    return Optional.of(String.join("; ", reasons));
  }

  /** Why this listener does not admit the route, empty when it does or cannot be told. */
  private static Optional<String> listenerRefusal(
      Resource route,
      JsonNode listener,
      Resource gateway,
      Map<String, Map<String, String>> namespaceLabels) {
    JsonNode namespaces = listener.at("/allowedRoutes/namespaces");
    String from = Nodes.text(namespaces, "from", "Same");
    if (from.equals("Same") && !route.namespace().equals(gateway.namespace())) {
      return Optional.of(
          "admits routes from its own namespace `"
              + gateway.namespace()
              + "` only (allowedRoutes.namespaces.from: Same"
              + (namespaces.has("from") ? "" : ", the default")
              + ")");
    }
    if (from.equals("Selector")) {
      Map<String, String> labels = namespaceLabels.get(route.namespace());
      Optional<LabelSelector> selector = LabelSelector.of(namespaces.path("selector"));
      if (labels != null && selector.isPresent()) {
        Map<String, String> withName = new HashMap<>(labels);
        withName.put("kubernetes.io/metadata.name", route.namespace());
        if (!selector.get().test(withName)) {
          return Optional.of(
              "admits namespaces its selector matches, and namespace `"
                  + route.namespace()
                  + "`'s labels do not match it");
        }
      }
    }
    Set<String> kinds = admittedKinds(listener);
    if (!kinds.isEmpty() && !kinds.contains(route.kind())) {
      return Optional.of("admits " + String.join(", ", kinds.stream().sorted().toList()) + " only");
    }
    String listenerHost = Nodes.text(listener, "hostname", "");
    List<String> routeHosts = new ArrayList<>();
    for (JsonNode host : Nodes.elements(route.object().at("/spec/hostnames"))) {
      if (host.isString()) {
        routeHosts.add(host.asString());
      }
    }
    if (!listenerHost.isEmpty()
        && !routeHosts.isEmpty()
        && routeHosts.stream().noneMatch(host -> intersects(listenerHost, host))) {
      return Optional.of(
          "serves `" + listenerHost + "`, none of the route's hostnames " + routeHosts);
    }
    return Optional.empty();
  }

  /** The kinds the listener names, else those of its protocol; empty when not known. */
  private static Set<String> admittedKinds(JsonNode listener) {
    List<JsonNode> named = Nodes.elements(listener.at("/allowedRoutes/kinds"));
    if (named.isEmpty()) {
      return KINDS_BY_PROTOCOL.getOrDefault(Nodes.text(listener, "protocol", ""), Set.of());
    }
    Set<String> kinds = new TreeSet<>();
    for (JsonNode kind : named) {
      if (Nodes.text(kind, "group", GROUP).equals(GROUP)) {
        kinds.add(Nodes.text(kind, "kind", ""));
      }
    }
    return kinds;
  }

  /** Whether two hostnames, either of which may start with a {@code *.} wildcard, can meet. */
  static boolean intersects(String a, String b) {
    return matches(a, b) || matches(b, a);
  }

  private static boolean matches(String pattern, String host) {
    if (pattern.equals(host)) {
      return true;
    }
    return pattern.startsWith("*.")
        && host.endsWith(pattern.substring(1))
        && host.length() > pattern.length() - 1;
  }
}
