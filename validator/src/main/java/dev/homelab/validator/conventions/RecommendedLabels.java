package dev.homelab.validator.conventions;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.model.PodTemplate;
import dev.homelab.core.model.Resource;
import dev.homelab.core.yaml.Nodes;
import dev.homelab.core.yaml.Pointer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Every object carries the five app.kubernetes.io labels, part-of names the lab, and a workload's
 * templates (its pod template, and a CronJob's job template) carry the same labels as the workload.
 */
final class RecommendedLabels implements ConventionRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "recommended-labels",
          Labels.FAMILY,
          "The app.kubernetes.io labels are missing or inconsistent.",
          "Every object carries app.kubernetes.io/name, instance, component, part-of and"
              + " managed-by; part-of is the lab's name; a pod template repeats its workload's"
              + " labels so that pods can be found by the same selectors, and a CronJob's job"
              + " template (spec.jobTemplate.metadata.labels) repeats them too, since the Jobs it"
              + " creates take their labels from there, not from the CronJob.",
          Severity.ERROR,
          Labels.SINCE,
          "Add the missing labels, set part-of to the lab's name, and copy the workload's labels"
              + " to its pod template (and a CronJob's to its job template).");

  /** Where a CronJob keeps the template of the Jobs it creates. */
  private static final String JOB_TEMPLATE = "/spec/jobTemplate";

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(LabTree tree) {
    List<Finding> findings = new ArrayList<>();
    String lab = tree.lab().name();
    for (Resource resource : tree.resources()) {
      if (tree.isGenerated(resource)) {
        continue;
      }
      Map<String, String> labels = resource.labels();
      String labelsAt =
          resource.object().path("metadata").has("labels") ? "/metadata/labels" : "/metadata";
      List<String> missing =
          Labels.RECOMMENDED.stream().filter(l -> !labels.containsKey(l)).toList();
      if (!missing.isEmpty()) {
        findings.add(
            LabTree.atKey(
                INFO,
                resource,
                labelsAt,
                resource.ref().display()
                    + " lacks the label"
                    + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing)));
      }
      String partOf = labels.get(Labels.PART_OF);
      if (partOf != null && !partOf.equals(lab)) {
        findings.add(
            LabTree.at(
                INFO,
                resource,
                Pointer.of("metadata", "labels", Labels.PART_OF),
                "app.kubernetes.io/part-of is `" + partOf + "`, not the lab's name `" + lab + "`"));
      }
      if (resource.kind().equals("CronJob") && resource.object().at(JOB_TEMPLATE).isObject()) {
        checkTemplate(
            resource,
            labels,
            JOB_TEMPLATE,
            resource.object().at(JOB_TEMPLATE),
            "job template",
            findings);
      }
      PodTemplate.of(resource)
          .filter(template -> !template.pointer().isEmpty())
          .ifPresent(
              template ->
                  checkTemplate(
                      resource,
                      labels,
                      template.pointer(),
                      template.template(),
                      "pod template",
                      findings));
    }
    return findings;
  }

  /**
   * The labels of the template at {@code pointer} (a pod template, or a CronJob's job template)
   * must repeat the workload's.
   */
  private static void checkTemplate(
      Resource resource,
      Map<String, String> labels,
      String pointer,
      JsonNode template,
      String what,
      List<Finding> findings) {
    JsonNode templateLabels = template.path("metadata").path("labels");
    List<String> missing = new ArrayList<>();
    for (String label : Labels.RECOMMENDED) {
      String expected = labels.get(label);
      if (expected == null) {
        continue;
      }
      String actual = Nodes.text(templateLabels, label, null);
      if (actual == null) {
        missing.add(label);
      } else if (!actual.equals(expected)) {
        findings.add(
            LabTree.at(
                INFO,
                resource,
                pointer + Pointer.of("metadata", "labels", label),
                what
                    + " label "
                    + label
                    + " is `"
                    + actual
                    + "` but the "
                    + resource.kind()
                    + "'s is `"
                    + expected
                    + "`"));
      }
    }
    if (!missing.isEmpty()) {
      String at =
          templateLabels.isObject()
              ? pointer + "/metadata/labels"
              : pointer + (template.has("metadata") ? "/metadata" : "");
      findings.add(
          LabTree.atKey(
              INFO,
              resource,
              at,
              what
                  + " of "
                  + resource.ref().display()
                  + " lacks the label"
                  + (missing.size() > 1 ? "s " : " ")
                  + String.join(", ", missing)));
    }
  }
}
