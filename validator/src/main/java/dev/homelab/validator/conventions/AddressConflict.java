package dev.homelab.validator.conventions;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.model.Resource;
import dev.homelab.core.yaml.Nodes;
import dev.homelab.core.yaml.Pointer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Two Services that ask for the same node port, or for the same MetalLB address without sharing it:
 * the cluster gives it to one, and the other fails or waits.
 */
final class AddressConflict implements ConventionRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "address-conflict",
          Labels.FAMILY,
          "Two Services ask for the same node port, or for the same load balancer address.",
          "A node port belongs to one Service in the whole cluster: the API server refuses a"
              + " second Service that asks for a port already taken (\"provided port is already"
              + " allocated\"), so whichever syncs second fails. MetalLB gives an address to one"
              + " Service only, unless every Service asking for it carries the same"
              + " `metallb.universe.tf/allow-shared-ip` key and they use different ports; the"
              + " other Service stays pending with no external IP. Addresses are read from"
              + " `spec.loadBalancerIP` and MetalLB's `loadBalancerIPs` annotation.",
          Severity.ERROR,
          Labels.SINCE,
          "Give each Service its own node port or address, or let the cluster pick one. To share"
              + " an address on purpose, give every Service the same"
              + " `metallb.universe.tf/allow-shared-ip` value and different ports.");

  private static final List<String> ADDRESS_ANNOTATIONS =
      List.of("metallb.universe.tf/loadBalancerIPs", "metallb.io/loadBalancerIPs");

  private static final List<String> SHARING_ANNOTATIONS =
      List.of("metallb.universe.tf/allow-shared-ip", "metallb.io/allow-shared-ip");

  /** One Service's claim on a port or an address, and where it is written. */
  private record Claim(Resource service, String pointer) {}

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
    Map<Integer, List<Claim>> nodePorts = new LinkedHashMap<>();
    Map<String, List<Claim>> addresses = new LinkedHashMap<>();
    for (Resource service : tree.resources()) {
      if (!service.kind().equals("Service") || !service.group().isEmpty()) {
        continue;
      }
      JsonNode spec = service.object().path("spec");
      String type = Nodes.text(spec, "type", "ClusterIP");
      if (!type.equals("NodePort") && !type.equals("LoadBalancer")) {
        continue;
      }
      List<JsonNode> ports = Nodes.elements(spec.path("ports"));
      Set<Integer> own = new HashSet<>();
      for (int i = 0; i < ports.size(); i++) {
        Integer nodePort = Nodes.integer(ports.get(i).get("nodePort"));
        // The same Service may use one node port for TCP and UDP; the API server checks that.
        if (nodePort != null && nodePort != 0 && own.add(nodePort)) {
          nodePorts
              .computeIfAbsent(nodePort, p -> new ArrayList<>())
              .add(new Claim(service, Pointer.of("spec", "ports", i, "nodePort")));
        }
      }
      if (!type.equals("LoadBalancer")) {
        continue;
      }
      Map<String, String> requested = new LinkedHashMap<>();
      String ip = Nodes.text(spec, "loadBalancerIP", "");
      if (!ip.isEmpty()) {
        requested.put(ip, "/spec/loadBalancerIP");
      }
      for (String annotation : ADDRESS_ANNOTATIONS) {
        for (String each :
            LabTree.commaSeparated(service.annotations().getOrDefault(annotation, ""))) {
          requested.putIfAbsent(each, Pointer.of("metadata", "annotations", annotation));
        }
      }
      requested.forEach(
          (address, pointer) ->
              addresses
                  .computeIfAbsent(address, a -> new ArrayList<>())
                  .add(new Claim(service, pointer)));
    }
    List<Finding> findings = new ArrayList<>();
    nodePorts.forEach(
        (port, claims) -> {
          for (Claim claim : claims.subList(1, claims.size())) {
            findings.add(
                tree.reportsOnFirst(claims.get(0).service(), claim.service())
                    ? conflict(
                        claims.get(0),
                        "asks for node port "
                            + port
                            + ", which "
                            + describe(claim)
                            + " asks for too")
                    : conflict(
                        claim,
                        "asks for node port "
                            + port
                            + ", which "
                            + describe(claims.get(0))
                            + " has already"));
          }
        });
    addresses.forEach(
        (address, claims) -> {
          if (claims.size() > 1 && !shared(claims)) {
            for (Claim claim : claims.subList(1, claims.size())) {
              boolean swap = tree.reportsOnFirst(claims.get(0).service(), claim.service());
              findings.add(
                  conflict(
                      swap ? claims.get(0) : claim,
                      "asks MetalLB for "
                          + address
                          + ", which "
                          + describe(swap ? claim : claims.get(0))
                          + " asks for too (sharing needs the same allow-shared-ip key on both and"
                          + " no port used twice)"));
            }
          }
        });
    return findings;
  }

  /** Sharing works when every Service names the same key and no port is used twice. */
  private static boolean shared(List<Claim> claims) {
    Set<String> keys = new HashSet<>();
    Set<String> ports = new HashSet<>();
    for (Claim claim : claims) {
      String key = "";
      for (String annotation : SHARING_ANNOTATIONS) {
        key = claim.service().annotations().getOrDefault(annotation, key);
      }
      keys.add(key);
      for (JsonNode port : Nodes.elements(claim.service().object().at("/spec/ports"))) {
        String used = Nodes.text(port, "protocol", "TCP") + "/" + port.path("port");
        if (!ports.add(used)) {
          return false;
        }
      }
    }
    return keys.size() == 1 && !keys.contains("");
  }

  private static String describe(Claim claim) {
    Resource service = claim.service();
    return LabTree.subject(service)
        + " in namespace `"
        + service.namespace()
        + "` ("
        + service.file()
        + ":"
        + service.locate(claim.pointer()).line()
        + ")";
  }

  private static Finding conflict(Claim claim, String what) {
    return LabTree.at(
        INFO,
        claim.service(),
        claim.pointer(),
        LabTree.subject(claim.service())
            + " "
            + what
            + "; the cluster gives it to one of them, and the other "
            + (claim.pointer().contains("nodePort") ? "fails to sync" : "stays pending"));
  }
}
