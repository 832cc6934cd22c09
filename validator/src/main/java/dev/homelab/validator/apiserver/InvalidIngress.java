package dev.homelab.validator.apiserver;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.model.Entries;
import dev.homelab.core.model.Resource;
import dev.homelab.core.yaml.Pointer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * An Ingress the API server refuses though its schema passes: hosts, paths, backends, TLS entries
 * and the class name, as the networking API's validation checks them on create.
 */
final class InvalidIngress extends ObjectRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "invalid-ingress",
          "schema",
          "An Ingress has a host, path, backend or TLS entry that the API server refuses.",
          "The Ingress schema types hosts, paths and backends as plain strings and optional"
              + " objects, so an IP address as host, a path without its leading '/', a backend"
              + " port given both by name and by number, an empty backend, or the old"
              + " kubernetes.io/ingress.class annotation beside ingressClassName all pass it; the API"
              + " server refuses the whole Ingress, and the service behind it stays unreachable.",
          Severity.ERROR,
          "0.1.0",
          "Follow the message: hosts are DNS names such as grafana.home.example.com, Prefix and"
              + " Exact paths start with '/', and a backend names one service with one port.");

  private static final List<String> SEQUENCES_REFUSED = List.of("//", "/./", "/../", "%2f", "%2F");
  private static final List<String> SUFFIXES_REFUSED = List.of("/..", "/.");
  private static final int PORT_MAX = 65535;
  private static final String CLASS_ANNOTATION = "kubernetes.io/ingress.class";

  InvalidIngress() {
    super(INFO);
  }

  @Override
  public List<Finding> check(Resource resource) {
    List<Finding> findings = new ArrayList<>();
    if (!resource.kind().equals("Ingress") || !resource.group().equals("networking.k8s.io")) {
      return findings;
    }
    JsonNode spec = resource.object().path("spec");
    JsonNode rules = spec.path("rules");
    boolean noRules = rules.isMissingNode() || rules.isNull() || rules.isArray() && rules.isEmpty();
    if (spec.isObject() && !spec.has("defaultBackend") && noRules) {
      add(resource, "/spec", "Ingress has neither rules nor a defaultBackend", findings);
    }
    checkBackend(resource, "/spec/defaultBackend", findings);
    Entries.each(
        resource,
        "/spec/rules",
        rule -> {
          checkValue(resource, rule + "/host", "host", ApiNames::ingressHost, findings);
          JsonNode paths = resource.object().at(rule + "/http/paths");
          if (paths.isArray() && paths.isEmpty()) {
            add(resource, rule + "/http/paths", "http has no paths", findings);
          }
          Entries.each(
              resource,
              rule + "/http/paths",
              path -> {
                checkPath(resource, path, findings);
                checkBackend(resource, path + "/backend", findings);
              });
        });
    Entries.each(
        resource,
        "/spec/tls",
        tls -> {
          Entries.each(
              resource,
              tls + "/hosts",
              host -> checkValue(resource, host, "TLS host", ApiNames::hostName, findings));
          checkValue(
              resource, tls + "/secretName", "secretName", ApiNames::dns1123Subdomain, findings);
        });
    checkValue(
        resource,
        "/spec/ingressClassName",
        "ingressClassName",
        ApiNames::dns1123Subdomain,
        findings);
    if (resource.annotations().containsKey(CLASS_ANNOTATION)
        && !resource.object().at("/spec/ingressClassName").isMissingNode()) {
      add(
          resource,
          Pointer.of("metadata", "annotations", CLASS_ANNOTATION),
          CLASS_ANNOTATION + " may not be set beside spec.ingressClassName; keep only the field",
          findings);
    }
    return findings;
  }

  private void checkPath(Resource resource, String entry, List<Finding> findings) {
    JsonNode path = resource.object().at(entry + "/path");
    if (!path.isMissingNode() && !path.isString()) {
      return; // a path of the wrong type is the schema's finding
    }
    String type = resource.object().at(entry + "/pathType").asString("");
    String text = path.isString() ? path.asString() : "";
    String pointer = path.isString() ? entry + "/path" : entry;
    switch (type) {
      case "Exact", "Prefix" ->
          absolutePath(text)
              .ifPresent(
                  reason ->
                      add(resource, pointer, type + " path \"" + text + "\" " + reason, findings));
      case "ImplementationSpecific" -> {
        if (!text.isEmpty() && !text.startsWith("/")) {
          add(resource, pointer, "path \"" + text + "\" must start with '/'", findings);
        }
      }
      default -> {} // a missing or unknown pathType is the schema's finding
    }
  }

  /** A Prefix or Exact path: absolute, without empty, '.' or '..' segments or an encoded '/'. */
  private static Optional<String> absolutePath(String path) {
    if (!path.startsWith("/")) {
      return Optional.of("must start with '/'");
    }
    for (String sequence : SEQUENCES_REFUSED) {
      if (path.contains(sequence)) {
        return Optional.of("may not contain '" + sequence + "'");
      }
    }
    for (String suffix : SUFFIXES_REFUSED) {
      if (path.endsWith(suffix)) {
        return Optional.of("may not end with '" + suffix + "'");
      }
    }
    return Optional.empty();
  }

  private void checkBackend(Resource resource, String backend, List<Finding> findings) {
    JsonNode node = resource.object().at(backend);
    if (!node.isObject()) {
      return;
    }
    boolean service = node.has("service");
    boolean other = node.has("resource");
    if (service == other) {
      add(
          resource,
          backend,
          service
              ? "backend names both a service and a resource; keep one"
              : "backend names neither a service nor a resource",
          findings);
      return;
    }
    if (!service) {
      return;
    }
    checkValue(
        resource, backend + "/service/name", "service name", ApiNames::dns1035Label, findings);
    JsonNode port = node.path("service").path("port");
    JsonNode number = port.path("number");
    JsonNode name = port.path("name");
    boolean typed =
        (number.isMissingNode() || number.isIntegralNumber() && number.canConvertToInt())
            && (name.isMissingNode() || name.isString());
    if (!typed) {
      return; // a port of the wrong type is the schema's finding
    }
    String portName = name.asString("");
    int portNumber = number.asInt(0);
    if (!portName.isEmpty() && portNumber != 0) {
      add(
          resource,
          backend + "/service/port",
          "backend port gives both a name and a number; keep one",
          findings);
    } else if (!portName.isEmpty()) {
      checkValue(
          resource, backend + "/service/port/name", "port name", ApiNames::portName, findings);
    } else if (portNumber != 0) {
      if (portNumber < 1 || portNumber > PORT_MAX) {
        add(
            resource,
            backend + "/service/port/number",
            "port number " + portNumber + " is outside 1-" + PORT_MAX,
            findings);
      }
    } else if (node.path("service").isObject()) {
      add(resource, backend + "/service", "service backend needs a port name or number", findings);
    }
  }
}
