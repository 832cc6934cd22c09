package dev.homelab.validator.apiserver;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.model.Entries;
import dev.homelab.core.model.Resource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Names the API server requires to be unique within one object: a pod's containers (init and
 * ephemeral ones included) and volumes, one container's ports, and a Service's ports.
 */
final class DuplicateEntryName extends ObjectRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "duplicate-entry-name",
          "schema",
          "Two containers, volumes or ports of one object share a name.",
          "The API server refuses a pod whose containers or volumes repeat a name, a container"
              + " that names two ports alike, and a Service whose ports do. A copied block that"
              + " kept its name is the usual cause.",
          Severity.ERROR,
          "0.1.0",
          "Rename one of the two entries; the message gives the line of the first.");

  DuplicateEntryName() {
    super(INFO);
  }

  @Override
  public List<Finding> check(Resource resource) {
    List<Finding> findings = new ArrayList<>();
    Entries.podSpec(resource)
        .ifPresent(
            spec -> {
              Map<String, String> containers = new HashMap<>();
              Entries.eachContainer(
                  resource,
                  spec,
                  container -> {
                    unique(resource, container + "/name", "container", containers, findings);
                    Map<String, String> ports = new HashMap<>();
                    Entries.each(
                        resource,
                        container + "/ports",
                        port -> unique(resource, port + "/name", "port", ports, findings));
                  });
              Map<String, String> volumes = new HashMap<>();
              Entries.each(
                  resource,
                  spec + "/volumes",
                  volume -> unique(resource, volume + "/name", "volume", volumes, findings));
            });
    if (resource.kind().equals("Service") && resource.group().isEmpty()) {
      Map<String, String> ports = new HashMap<>();
      Entries.each(
          resource,
          "/spec/ports",
          port -> unique(resource, port + "/name", "Service port", ports, findings));
    }
    return findings;
  }

  private void unique(
      Resource resource,
      String pointer,
      String what,
      Map<String, String> seen,
      List<Finding> findings) {
    JsonNode name = resource.object().at(pointer);
    if (!name.isString() || name.asString().isEmpty()) {
      return;
    }
    String first = seen.putIfAbsent(name.asString(), pointer);
    if (first != null) {
      add(
          resource,
          pointer,
          what
              + " name \""
              + name.asString()
              + "\" is already used on line "
              + resource.locate(first).line(),
          findings);
    }
  }
}
