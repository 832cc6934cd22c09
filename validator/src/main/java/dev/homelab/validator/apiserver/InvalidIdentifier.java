package dev.homelab.validator.apiserver;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.model.Entries;
import dev.homelab.core.model.Resource;
import dev.homelab.core.yaml.Pointer;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Names inside an object that the API server refuses: containers, volumes, ports and environment
 * variables of a pod, a Service's ports, and the keys of a ConfigMap's or Secret's data.
 */
final class InvalidIdentifier extends ObjectRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "invalid-identifier",
          "schema",
          "A container, volume, port or environment variable name, or a ConfigMap or Secret key,"
              + " is one the API server refuses.",
          "Container, volume and Service port names are DNS labels; a container port's name (and"
              + " a named targetPort or probe port) has at most 15 characters, as in"
              + " http-metrics; data keys may not hold '/'; an env var name is printable ASCII"
              + " without '='. The schemas type them all as plain"
              + " strings, so only the API server would notice.",
          Severity.ERROR,
          "0.1.0",
          "Shorten or respell the name as the message says; for a data key with a folder in it,"
              + " use a flat key and the volume's items[].path to place the file.");

  private static final List<String> PROBES =
      List.of("livenessProbe", "readinessProbe", "startupProbe");

  InvalidIdentifier() {
    super(INFO);
  }

  @Override
  public List<Finding> check(Resource resource) {
    List<Finding> findings = new ArrayList<>();
    Entries.podSpec(resource).ifPresent(spec -> checkPodSpec(resource, spec, findings));
    boolean core = resource.group().isEmpty();
    switch (core ? resource.kind() : "") {
      case "Service" -> checkServicePorts(resource, findings);
      case "ConfigMap" -> {
        checkKeys(resource, "/data", findings);
        checkKeys(resource, "/binaryData", findings);
      }
      case "Secret" -> {
        checkKeys(resource, "/data", findings);
        checkKeys(resource, "/stringData", findings);
      }
      default -> {}
    }
    return findings;
  }

  private void checkPodSpec(Resource resource, String spec, List<Finding> findings) {
    Entries.eachContainer(
        resource,
        spec,
        container -> {
          checkValue(
              resource, container + "/name", "container name", ApiNames::dns1123Label, findings);
          Entries.each(
              resource,
              container + "/ports",
              port ->
                  checkValue(resource, port + "/name", "port name", ApiNames::portName, findings));
          Entries.each(
              resource,
              container + "/env",
              env ->
                  checkValueOrEmpty(
                      resource, env + "/name", "env var name", ApiNames::envVarName, findings));
          Entries.each(
              resource,
              container + "/envFrom",
              source ->
                  checkValue(
                      resource,
                      source + "/prefix",
                      "envFrom prefix",
                      ApiNames::envVarName,
                      findings));
          for (String probe : PROBES) {
            for (String handler : List.of("httpGet", "tcpSocket")) {
              checkValue(
                  resource,
                  container + "/" + probe + "/" + handler + "/port",
                  probe + " port name",
                  ApiNames::portName,
                  findings);
            }
          }
        });
    Entries.each(
        resource,
        spec + "/volumes",
        volume ->
            checkValue(
                resource, volume + "/name", "volume name", ApiNames::dns1123Label, findings));
  }

  private void checkServicePorts(Resource resource, List<Finding> findings) {
    Entries.each(
        resource,
        "/spec/ports",
        port -> {
          checkValue(
              resource, port + "/name", "Service port name", ApiNames::dns1123Label, findings);
          checkValue(
              resource, port + "/targetPort", "targetPort name", ApiNames::portName, findings);
        });
  }

  private void checkKeys(Resource resource, String pointer, List<Finding> findings) {
    JsonNode data = resource.object().at(pointer);
    if (!data.isObject()) {
      return;
    }
    for (String key : data.propertyNames()) {
      checkKey(
          resource,
          Pointer.append(pointer, key),
          key,
          resource.kind() + " key",
          ApiNames::configKey,
          findings);
    }
  }
}
