package dev.homelab.validator.apiserver;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.model.PodTemplate;
import dev.homelab.core.model.Resource;
import dev.homelab.core.yaml.Pointer;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Label keys and values the API server refuses: on the object, on its pod template, and in the
 * label selectors that must match them.
 */
final class InvalidLabel extends ObjectRule {

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

  InvalidLabel() {
    super(INFO);
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

  private void checkLabels(Resource resource, String pointer, String what, List<Finding> findings) {
    JsonNode labels = resource.object().at(pointer);
    if (!labels.isObject()) {
      return;
    }
    for (String key : labels.propertyNames()) {
      String at = Pointer.append(pointer, key);
      checkKey(resource, at, key, what + " key", ApiNames::qualifiedName, findings);
      checkValue(resource, at, what + " " + key + " value", ApiNames::labelValue, findings);
    }
  }

  private void checkExpressions(Resource resource, List<Finding> findings) {
    JsonNode expressions = resource.object().at("/spec/selector/matchExpressions");
    for (int i = 0; expressions.isArray() && i < expressions.size(); i++) {
      String base = "/spec/selector/matchExpressions/" + i;
      checkValue(resource, base + "/key", "selector key", ApiNames::qualifiedName, findings);
      JsonNode values = expressions.get(i).path("values");
      for (int j = 0; values.isArray() && j < values.size(); j++) {
        checkValue(
            resource, base + "/values/" + j, "selector value", ApiNames::labelValue, findings);
      }
    }
  }
}
