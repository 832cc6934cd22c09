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
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Two Ingresses that cert-manager serves name the same TLS secret for different hosts. cert-manager
 * makes one Certificate per secret, owned by the first Ingress, and refuses to change it for the
 * second, whose hosts then get a certificate that does not name them.
 */
final class SharedTlsSecret implements ConventionRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "shared-tls-secret",
          Labels.FAMILY,
          "Two Ingresses name the same cert-manager TLS secret for different hosts.",
          "For an Ingress with a cert-manager issuer annotation, cert-manager creates a"
              + " Certificate named after each TLS secret and owned by that Ingress. A second"
              + " Ingress in the namespace that names the same secret for other hosts cannot take"
              + " the Certificate over, so its hosts are served a certificate issued for the first"
              + " Ingress's hosts, and browsers refuse it. This usually comes from copying an"
              + " Ingress and keeping its secretName.",
          Severity.ERROR,
          Labels.SINCE,
          "Give each Ingress its own secretName (such as <host>-tls), or list all hosts in one"
              + " Ingress.");

  private static final List<String> ISSUER_ANNOTATIONS =
      List.of("cert-manager.io/cluster-issuer", "cert-manager.io/issuer");

  /**
   * An Ingress's TLS entry for a secret, where its secretName is written, and the hosts it asks the
   * secret's certificate for.
   */
  private record Claim(Resource ingress, String pointer, Set<String> hosts) {}

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
    List<Finding> findings = new ArrayList<>();
    Map<String, Claim> claims = new HashMap<>();
    for (Resource resource : tree.resources()) {
      if (!resource.kind().equals("Ingress")
          || !resource.group().equals("networking.k8s.io")
          || ISSUER_ANNOTATIONS.stream().noneMatch(resource.annotations()::containsKey)) {
        continue;
      }
      List<JsonNode> entries = Nodes.elements(resource.object().at("/spec/tls"));
      for (int i = 0; i < entries.size(); i++) {
        String secret = Nodes.text(entries.get(i), "secretName", "");
        if (secret.isEmpty()) {
          continue;
        }
        Set<String> hosts = new TreeSet<>();
        for (JsonNode host : Nodes.elements(entries.get(i).path("hosts"))) {
          hosts.add(Nodes.text(host, ""));
        }
        Claim claim = new Claim(resource, Pointer.of("spec", "tls", i, "secretName"), hosts);
        Claim first = claims.putIfAbsent(resource.namespace() + "/" + secret, claim);
        if (first != null && first.ingress() != resource && !first.hosts().equals(hosts)) {
          boolean swap = tree.reportsOnFirst(first.ingress(), resource);
          Claim reported = swap ? first : claim;
          Claim other = swap ? claim : first;
          findings.add(
              LabTree.at(
                  INFO,
                  reported.ingress(),
                  reported.pointer(),
                  "Ingress `"
                      + reported.ingress().name()
                      + "` asks for TLS secret `"
                      + secret
                      + "` for "
                      + String.join(", ", reported.hosts())
                      + ", but Ingress `"
                      + other.ingress().name()
                      + "` at "
                      + other.ingress().locate("/metadata/name")
                      + " names it for "
                      + String.join(", ", other.hosts())
                      + "; cert-manager issues it for only one of them"));
        }
      }
    }
    return findings;
  }
}
