package dev.homelab.validator.apiserver;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.model.Resource;
import dev.homelab.core.yaml.Nodes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A Service whose fields do not fit its type: settings for outside traffic on an internal Service,
 * a headless load balancer, no ports, or the same port twice, as the API server checks on create.
 */
final class InvalidService extends ObjectRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "invalid-service",
          "schema",
          "A Service has fields its type does not allow, or lacks ports.",
          "Every field of a Service is optional in the schema, but the API server ties them to the"
              + " type: a nodePort, externalTrafficPolicy or loadBalancerSourceRanges on a"
              + " ClusterIP Service, clusterIP None on a NodePort or LoadBalancer, an ExternalName"
              + " without a name to point to, a Service without ports, one port number listed"
              + " twice for the same protocol, or a nodePort outside the cluster's node port range"
              + " (30000 to 32767 unless K3s runs with another --service-node-port-range). Switching a Service from LoadBalancer to ClusterIP"
              + " and leaving its outside settings behind is the usual way to get there.",
          Severity.ERROR,
          "0.1.0",
          "Remove the fields the type does not take, or set the type that needs them; give the"
              + " Service its ports.");

  /** The API server's default --service-node-port-range, which K3s keeps. */
  private static final int NODE_PORT_MIN = 30000;

  private static final int NODE_PORT_MAX = 32767;

  private static final Set<String> TYPES =
      Set.of("ClusterIP", "NodePort", "LoadBalancer", "ExternalName");

  InvalidService() {
    super(INFO);
  }

  @Override
  public List<Finding> check(Resource resource) {
    List<Finding> findings = new ArrayList<>();
    JsonNode spec = resource.object().path("spec");
    if (!resource.kind().equals("Service") || !resource.group().isEmpty() || !spec.isObject()) {
      return findings;
    }
    String type = Nodes.text(spec, "type", "ClusterIP");
    if (!TYPES.contains(type)) {
      return findings; // an unknown type is the schema's finding
    }
    boolean headless = "None".equals(Nodes.text(spec, "clusterIP", ""));
    boolean external = type.equals("NodePort") || type.equals("LoadBalancer");
    boolean externalIps = !Nodes.elements(spec.path("externalIPs")).isEmpty();

    if (headless && external) {
      add(
          resource,
          "/spec/clusterIP",
          "clusterIP None makes a headless Service, which type " + type + " cannot be",
          findings);
    }
    if (type.equals("ExternalName")) {
      JsonNode name = spec.path("externalName");
      if (name.isMissingNode() || name.isNull() || name.isString() && name.asString().isEmpty()) {
        addAtKey(resource, "/spec", "type ExternalName needs spec.externalName", findings);
      }
      checkValue(resource, "/spec/externalName", "externalName", InvalidService::dnsName, findings);
    }
    if (spec.has("externalTrafficPolicy") && !external && !externalIps) {
      addAtKey(
          resource,
          "/spec/externalTrafficPolicy",
          "externalTrafficPolicy may be set only on a NodePort or LoadBalancer Service (or one"
              + " with externalIPs), not on type "
              + type,
          findings);
    }
    if (!Nodes.elements(spec.path("loadBalancerSourceRanges")).isEmpty()
        && !type.equals("LoadBalancer")) {
      addAtKey(
          resource,
          "/spec/loadBalancerSourceRanges",
          "loadBalancerSourceRanges may be set only on a LoadBalancer Service, not on type " + type,
          findings);
    }
    checkPorts(resource, spec, type, external, headless, findings);
    return findings;
  }

  private void checkPorts(
      Resource resource,
      JsonNode spec,
      String type,
      boolean external,
      boolean headless,
      List<Finding> findings) {
    JsonNode declared = spec.path("ports");
    boolean none =
        declared.isMissingNode() || declared.isNull() || declared.isArray() && declared.isEmpty();
    if (none && !headless && !type.equals("ExternalName")) {
      addAtKey(
          resource,
          declared.isMissingNode() ? "/spec" : "/spec/ports",
          "a " + type + " Service needs at least one port",
          findings);
    }
    List<JsonNode> ports = Nodes.elements(declared);
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < ports.size(); i++) {
      String pointer = "/spec/ports/" + i;
      JsonNode port = ports.get(i);
      if (port.has("nodePort") && !external) {
        add(
            resource,
            pointer + "/nodePort",
            "nodePort may be set only on a NodePort or LoadBalancer Service, not on type " + type,
            findings);
      }
      Integer nodePort = Nodes.integer(port.get("nodePort"));
      if (nodePort != null
          && external
          && (nodePort < NODE_PORT_MIN || nodePort > NODE_PORT_MAX)
          && nodePort != 0) {
        add(
            resource,
            pointer + "/nodePort",
            "nodePort "
                + nodePort
                + " lies outside the node port range "
                + NODE_PORT_MIN
                + "-"
                + NODE_PORT_MAX
                + " that the API server allocates from",
            findings);
      }
      Integer number = Nodes.integer(port.get("port"));
      if (number == null) {
        continue; // a missing or mistyped port is the schema's finding
      }
      String key = number + "/" + Nodes.text(port, "protocol", "TCP");
      String first = seen.putIfAbsent(key, pointer);
      if (first != null) {
        add(
            resource,
            pointer + "/port",
            "port " + key + " is already declared on line " + resource.locate(first).line(),
            findings);
      }
    }
  }

  /** An ExternalName target: a DNS name, with or without the final dot. */
  private static Optional<String> dnsName(String name) {
    return ApiNames.dns1123Subdomain(
        name.endsWith(".") ? name.substring(0, name.length() - 1) : name);
  }
}
