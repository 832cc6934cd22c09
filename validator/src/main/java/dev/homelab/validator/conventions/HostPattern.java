package dev.homelab.validator.conventions;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.model.Resource;
import dev.homelab.core.yaml.Nodes;
import dev.homelab.core.yaml.Pointer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Routes serve {@code {service}.<domain>}: Ingress hosts, IngressRoute Host() matchers and the
 * hostnames of Gateway API routes.
 */
final class HostPattern implements ConventionRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "host-pattern",
          Labels.FAMILY,
          "A route serves a host that is not {service}.<domain>.",
          "Every service gets one subdomain of the lab's domain, such as"
              + " grafana.home.example.com, which DNS rewrites and the wildcard certificate cover."
              + " Ingress rules and TLS hosts are checked, every Host() in an IngressRoute match,"
              + " including those joined with ||, and the hostnames of Gateway API routes (HTTPRoute,"
              + " GRPCRoute, TLSRoute). A TLS entry may also name the wildcard *.<domain>, which"
              + " covers every such host.",
          Severity.ERROR,
          Labels.SINCE,
          "Serve the route on <service>.<domain>, one DNS label before the lab's domain.");

  /** Host(`a`) or Host("a", "b"); Traefik v2 allowed several hosts in one matcher. */
  private static final Pattern HOST_MATCHER = Pattern.compile("\\bHost\\(([^)]*)\\)");

  private static final Pattern HOST_ARGUMENT = Pattern.compile("[`\"']([^`\"']*)[`\"']");

  /** HostRegexp() limits a route to the hosts its pattern matches, so it is not every host. */
  private static final Pattern HOST_REGEXP = Pattern.compile("\\bHostRegexp\\(");

  /** Gateway API's route kinds that name the hosts they serve in spec.hostnames. */
  private static final Set<String> HOSTNAMED_ROUTES = Set.of("HTTPRoute", "GRPCRoute", "TLSRoute");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(LabTree tree) {
    String domain = tree.lab().domain();
    Pattern allowed = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?\\." + Pattern.quote(domain));
    List<Finding> findings = new ArrayList<>();
    for (Resource resource : tree.resources()) {
      if (resource.kind().equals("Ingress") && resource.group().equals("networking.k8s.io")) {
        checkIngress(resource, allowed, domain, findings);
      } else if (resource.kind().equals("IngressRoute")
          && resource.group().startsWith("traefik.")) {
        checkIngressRoute(resource, allowed, domain, findings);
      } else if (isHostnamedRoute(resource)) {
        checkGatewayRoute(resource, allowed, domain, findings);
      }
    }
    return findings;
  }

  private static void checkIngress(
      Resource resource, Pattern allowed, String domain, List<Finding> findings) {
    JsonNode spec = resource.object().path("spec");
    List<JsonNode> rules = Nodes.elements(spec.path("rules"));
    for (int i = 0; i < rules.size(); i++) {
      String host = Nodes.text(rules.get(i), "host", null);
      String pointer = Pointer.of("spec", "rules", i, "host");
      if (host == null) {
        findings.add(
            LabTree.at(
                INFO,
                resource,
                Pointer.of("spec", "rules", i),
                "Ingress `"
                    + resource.name()
                    + "` has a rule without a host; it would serve every host"));
      } else if (!allowed.matcher(host).matches()) {
        findings.add(outside(resource, pointer, host, domain));
      }
    }
    List<JsonNode> tls = Nodes.elements(spec.path("tls"));
    for (int i = 0; i < tls.size(); i++) {
      List<JsonNode> hosts = Nodes.elements(tls.get(i).path("hosts"));
      for (int j = 0; j < hosts.size(); j++) {
        String host = Nodes.text(hosts.get(j), "");
        if (!allowed.matcher(host).matches() && !host.equals("*." + domain)) {
          findings.add(outside(resource, Pointer.of("spec", "tls", i, "hosts", j), host, domain));
        }
      }
    }
  }

  private static void checkIngressRoute(
      Resource resource, Pattern allowed, String domain, List<Finding> findings) {
    List<JsonNode> routes = Nodes.elements(resource.object().path("spec").path("routes"));
    for (int i = 0; i < routes.size(); i++) {
      String match = Nodes.text(routes.get(i), "match", "");
      String pointer = Pointer.of("spec", "routes", i, "match");
      List<String> hosts = hosts(match);
      if (hosts.isEmpty()) {
        findings.add(
            LabTree.at(
                INFO,
                resource,
                pointer,
                "IngressRoute `"
                    + resource.name()
                    + "` route "
                    + i
                    + (HOST_REGEXP.matcher(match).find()
                        ? " matches its hosts by HostRegexp(), not by Host() on {service}." + domain
                        : " matches no Host(); it would serve every host")));
      }
      for (String host : hosts) {
        if (!allowed.matcher(host).matches()) {
          findings.add(outside(resource, pointer, host, domain));
        }
      }
    }
  }

  /**
   * A Gateway API route's hostnames; a route that names none takes its listener's, so only the
   * named ones are checked.
   */
  private static void checkGatewayRoute(
      Resource resource, Pattern allowed, String domain, List<Finding> findings) {
    List<JsonNode> hostnames = Nodes.elements(resource.object().path("spec").path("hostnames"));
    for (int i = 0; i < hostnames.size(); i++) {
      String host = Nodes.text(hostnames.get(i), "");
      if (!allowed.matcher(host).matches()) {
        findings.add(outside(resource, Pointer.of("spec", "hostnames", i), host, domain));
      }
    }
  }

  /** Whether an object is a Gateway API route that names its hosts in spec.hostnames. */
  static boolean isHostnamedRoute(Resource resource) {
    return resource.group().equals(LabTree.GATEWAY_API)
        && HOSTNAMED_ROUTES.contains(resource.kind());
  }

  /** Every host named by Host() matchers in a Traefik rule. */
  static List<String> hosts(String match) {
    List<String> hosts = new ArrayList<>();
    Matcher matcher = HOST_MATCHER.matcher(match);
    while (matcher.find()) {
      Matcher argument = HOST_ARGUMENT.matcher(matcher.group(1));
      while (argument.find()) {
        hosts.add(argument.group(1));
      }
    }
    return hosts;
  }

  private static Finding outside(Resource resource, String pointer, String host, String domain) {
    return LabTree.at(
        INFO,
        resource,
        pointer,
        LabTree.subject(resource)
            + " serves host `"
            + host
            + "`, which is not {service}."
            + domain);
  }
}
