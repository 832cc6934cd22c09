package dev.homelab.validator.apiserver;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.model.PodTemplate;
import dev.homelab.core.model.Resource;
import dev.homelab.core.yaml.Pointer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Label keys and values the API server refuses: on the object, on its pod template, and in the
 * label selectors that must match them.
 */
final class InvalidLabel implements ApiServerRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "invalid-label",
          "schema",
          "A label key or value, or a selector's, is one the API server refuses.",
          "Label values have at most 63 characters of letters, digits, '-', '_' and '.', and start"
              + " and end with a letter or digit; keys are such a name with an optional DNS"
              + " prefix and '/'. A version such as 1.2.3+build or a value with a space is a"
              + " common slip that only fails when the object is applied.",
          Severity.ERROR,
          "0.1.0",
          "Change the label to fit the syntax, such as 1.2.3-build for 1.2.3+build; keep longer"
              + " or free-form text in an annotation.");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(Resource resource) {
    List<Finding> findings = new ArrayList<>();
    checkLabels(resource, "/metadata/labels", "label", findings);
    PodTemplate.of(resource)
        .filter(template -> !template.pointer().isEmpty())
        .ifPresent(
            template ->
                checkLabels(
                    resource,
                    template.pointer() + "/metadata/labels",
                    "pod template label",
                    findings));
    if (resource.kind().equals("CronJob")) {
      checkLabels(resource, "/spec/jobTemplate/metadata/labels", "job template label", findings);
    }
    if (resource.kind().equals("Service") && resource.group().isEmpty()) {
      checkLabels(resource, "/spec/selector", "selector label", findings);
    } else {
      checkLabels(resource, "/spec/selector/matchLabels", "selector label", findings);
      checkExpressions(resource, findings);
    }
    return findings;
  }

  private static void checkLabels(
      Resource resource, String pointer, String what, List<Finding> findings) {
    JsonNode labels = resource.object().at(pointer);
    if (!labels.isObject()) {
      return;
    }
    for (Map.Entry<String, JsonNode> label : labels.properties()) {
      String at = Pointer.append(pointer, label.getKey());
      ApiNames.qualifiedName(label.getKey())
          .ifPresent(
              reason ->
                  findings.add(
                      Finding.of(
                          INFO,
                          resource.locateKey(at),
                          resource.ref(),
                          what + " key \"" + label.getKey() + "\" " + reason)));
      JsonNode value = label.getValue();
      if (value.isString()) {
        ApiNames.labelValue(value.asString())
            .ifPresent(
                reason ->
                    findings.add(
                        Finding.of(
                            INFO,
                            resource.locate(at),
                            resource.ref(),
                            what
                                + " "
                                + label.getKey()
                                + " value \""
                                + value.asString()
                                + "\" "
                                + reason)));
      }
    }
  }

  private static void checkExpressions(Resource resource, List<Finding> findings) {
    JsonNode expressions = resource.object().at("/spec/selector/matchExpressions");
    if (!expressions.isArray()) {
      return;
    }
    for (int i = 0; i < expressions.size(); i++) {
      JsonNode expression = expressions.get(i);
      String base = "/spec/selector/matchExpressions/" + i;
      JsonNode key = expression.path("key");
      if (key.isString()) {
        ApiNames.qualifiedName(key.asString())
            .ifPresent(
                reason ->
                    findings.add(
                        Finding.of(
                            INFO,
                            resource.locate(base + "/key"),
                            resource.ref(),
                            "selector key \"" + key.asString() + "\" " + reason)));
      }
      JsonNode values = expression.path("values");
      for (int j = 0; values.isArray() && j < values.size(); j++) {
        JsonNode value = values.get(j);
        if (value.isString()) {
          int index = j;
          ApiNames.labelValue(value.asString())
              .ifPresent(
                  reason ->
                      findings.add(
                          Finding.of(
                              INFO,
                              resource.locate(base + "/values/" + index),
                              resource.ref(),
                              "selector value \"" + value.asString() + "\" " + reason)));
        }
      }
    }
  }
}
