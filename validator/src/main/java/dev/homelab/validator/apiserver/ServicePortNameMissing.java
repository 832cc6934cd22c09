package dev.homelab.validator.apiserver;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.model.Resource;
import dev.homelab.core.yaml.Nodes;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** A Service with more than one port leaves a port without a name. */
final class ServicePortNameMissing extends ObjectRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "service-port-name-missing",
          "schema",
          "A Service with several ports has a port without a name.",
          "A Service may leave its only port unnamed, but once it has two or more, the API server"
              + " requires a name on each, since Endpoints and Ingress backends tell them apart"
              + " by name.",
          Severity.ERROR,
          "0.1.0",
          "Give every port of the Service a name, such as http and metrics.");

  ServicePortNameMissing() {
    super(INFO);
  }

  @Override
  public List<Finding> check(Resource resource) {
    List<Finding> findings = new ArrayList<>();
    JsonNode ports = resource.object().at("/spec/ports");
    if (!resource.kind().equals("Service")
        || !resource.group().isEmpty()
        || !ports.isArray()
        || ports.size() < 2) {
      return findings;
    }
    for (int i = 0; i < ports.size(); i++) {
      JsonNode port = ports.get(i);
      JsonNode name = port.path("name");
      boolean unnamed = name.isMissingNode() || name.isNull() || Nodes.text(name, "x").isEmpty();
      if (port.isObject() && unnamed) {
        add(
            resource,
            "/spec/ports/" + i,
            "port "
                + (i + 1)
                + " of "
                + ports.size()
                + " has no name; a Service with several ports names each one",
            findings);
      }
    }
    return findings;
  }
}
