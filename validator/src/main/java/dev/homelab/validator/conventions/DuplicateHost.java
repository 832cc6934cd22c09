package dev.homelab.validator.conventions;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.model.Resource;
import dev.homelab.core.yaml.Nodes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Each host belongs to one component: the lab gives every service its own subdomain. A component
 * may split its host's paths over several objects; another component claiming the host is a
 * mistake.
 */
final class DuplicateHost implements ConventionRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "duplicate-host",
          Labels.FAMILY,
          "Routes of two components serve the same host.",
          "Every service has its own subdomain, so each host is routed by one component's"
              + " Ingresses, IngressRoutes or Gateway API routes (the hostnames of HTTPRoute,"
              + " GRPCRoute and TLSRoute). When another component claims the same host, Traefik"
              + " ranks the routers by the length of their rules and one service quietly loses part"
              + " or all of its traffic; a copied route whose host was not changed is the usual"
              + " cause.",
          Severity.WARNING,
          Labels.SINCE,
          "Serve the host from one object (one Ingress can route several paths), or give the"
              + " second service its own {service} subdomain.");

  /** Where a host was first seen, and the component (or file) that owns it. */
  private record Route(Resource resource, String pointer, String owner) {}

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public boolean dependsOnFocus() {
    return true;
  }

  @Override
  public List<Finding> check(LabTree tree) {
    Map<String, Route> first = new HashMap<>();
    List<Finding> findings = new ArrayList<>();
    for (Resource resource : tree.resources()) {
      if (tree.isGenerated(resource)) {
        continue;
      }
      String owner =
          tree.componentOf(resource)
              .map(c -> "component " + c.name())
              .orElse("file " + resource.location().file());
      for (Map.Entry<String, String> served : hosts(resource).entrySet()) {
        String host = served.getKey();
        Route route = new Route(resource, served.getValue(), owner);
        Route earlier = first.putIfAbsent(host, route);
        if (earlier != null && !earlier.owner().equals(owner)) {
          boolean swap = tree.reportsOnFirst(earlier.resource(), resource);
          Route reported = swap ? earlier : route;
          Route other = swap ? route : earlier;
          findings.add(
              LabTree.at(
                  INFO,
                  reported.resource(),
                  reported.pointer(),
                  "host `"
                      + host
                      + "` is also served by "
                      + other.resource().ref().display()
                      + " of "
                      + other.owner()
                      + " ("
                      + other.resource().locate(other.pointer())
                      + ")"));
        }
      }
    }
    return findings;
  }

  /** The hosts an object routes, each with the pointer of its first mention. */
  private static Map<String, String> hosts(Resource resource) {
    Map<String, String> hosts = new LinkedHashMap<>();
    JsonNode spec = resource.object().path("spec");
    if (resource.kind().equals("Ingress") && resource.group().equals("networking.k8s.io")) {
      List<JsonNode> rules = Nodes.elements(spec.path("rules"));
      for (int i = 0; i < rules.size(); i++) {
        String host = Nodes.text(rules.get(i), "host", "");
        if (!host.isEmpty()) {
          hosts.putIfAbsent(host, "/spec/rules/" + i + "/host");
        }
      }
    } else if (resource.kind().equals("IngressRoute") && resource.group().startsWith("traefik.")) {
      List<JsonNode> routes = Nodes.elements(spec.path("routes"));
      for (int i = 0; i < routes.size(); i++) {
        for (String host : HostPattern.hosts(Nodes.text(routes.get(i), "match", ""))) {
          hosts.putIfAbsent(host, "/spec/routes/" + i + "/match");
        }
      }
    } else if (HostPattern.isHostnamedRoute(resource)) {
      List<JsonNode> hostnames = Nodes.elements(spec.path("hostnames"));
      for (int i = 0; i < hostnames.size(); i++) {
        String host = Nodes.text(hostnames.get(i), "");
        if (!host.isEmpty()) {
          hosts.putIfAbsent(host, "/spec/hostnames/" + i);
        }
      }
    }
    return hosts;
  }
}
