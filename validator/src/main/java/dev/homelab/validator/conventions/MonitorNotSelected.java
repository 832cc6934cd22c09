package dev.homelab.validator.conventions;

import dev.homelab.core.config.HomeLab;
import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.model.Resource;
import dev.homelab.core.yaml.Nodes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * A ServiceMonitor, PodMonitor, PrometheusRule, Probe or ScrapeConfig lacks the labels the lab's
 * kube-prometheus-stack Prometheus selects by, so Prometheus never loads it. The chart's default
 * selects only objects labelled {@code release: <release name>}.
 */
final class MonitorNotSelected implements ConventionRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "monitor-not-selected",
          Labels.FAMILY,
          "A monitor or rule lacks the labels the lab's Prometheus selects by.",
          "The kube-prometheus-stack chart configures Prometheus to load only the"
              + " ServiceMonitors, PodMonitors, PrometheusRules, Probes and ScrapeConfigs its"
              + " selectors match. Unless the values set `prometheus.prometheusSpec.<kind>Selector`"
              + " or turn `<kind>SelectorNilUsesHelmValues` off, that is the label `release` with"
              + " the Helm release's name. An object without it is accepted by the API server and"
              + " synced by Argo CD, and then ignored: its targets are not scraped and its alerts"
              + " never fire. Match expressions in a selector are evaluated as the operator does.",
          Severity.ERROR,
          Labels.SINCE,
          "Add the labels the message names to the object, or set the selector (or"
              + " `<kind>SelectorNilUsesHelmValues: false`) in the chart's values-homelab.yaml.");

  private static final String CHART = "kube-prometheus-stack";

  /** Each kind, by the prefix its selector settings carry in the chart's values. */
  private static final Map<String, String> SETTINGS =
      Map.of(
          "ServiceMonitor", "serviceMonitor",
          "PodMonitor", "podMonitor",
          "PrometheusRule", "rule",
          "Probe", "probe",
          "ScrapeConfig", "scrapeConfig");

  /**
   * What one Prometheus requires of one kind, and the setting that says so; labels are null when it
   * takes every object, and the selector is set when it has match expressions.
   */
  private record Requirement(
      String component, String setting, Map<String, String> labels, LabelSelector selector) {

    Requirement(String component, String setting, Map<String, String> labels) {
      this(component, setting, labels, null);
    }

    boolean selects(Map<String, String> objectLabels) {
      return selector != null
          ? selector.test(objectLabels)
          : labels == null || objectLabels.entrySet().containsAll(labels.entrySet());
    }
  }

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public boolean concludesFromAbsence() {
    return true;
  }

  @Override
  public List<Finding> check(LabTree tree) {
    if (!tree.loadedWhole()) {
      return List.of(); // the values that set the selectors may be in a file not loaded
    }
    List<HomeLab.Component> stacks =
        tree.lab().components().stream()
            .filter(c -> c.isHelm() && c.chart().name().equals(CHART))
            .toList();
    List<Finding> findings = new ArrayList<>();
    if (stacks.isEmpty()) {
      return findings;
    }
    Map<String, List<Requirement>> byPrefix = new HashMap<>();
    for (Resource resource : tree.resources()) {
      String prefix = SETTINGS.get(resource.kind());
      if (prefix == null || !resource.group().equals("monitoring.coreos.com")) {
        continue;
      }
      List<Requirement> requirements =
          byPrefix.computeIfAbsent(
              prefix,
              p -> stacks.stream().flatMap(stack -> requirement(tree, stack, p).stream()).toList());
      Map<String, String> labels = Nodes.stringMap(resource.object().at("/metadata/labels"));
      boolean selected =
          requirements.isEmpty() || requirements.stream().anyMatch(r -> r.selects(labels));
      if (!selected) {
        Requirement first = requirements.get(0);
        findings.add(
            LabTree.atKey(
                INFO,
                resource,
                resource.object().at("/metadata/labels").isObject()
                    ? "/metadata/labels"
                    : "/metadata",
                LabTree.subject(resource)
                    + (first.selector() != null
                        ? " lacks labels that the match expressions of the Prometheus of component"
                            + " `"
                        : " lacks the labels "
                            + first.labels()
                            + " that the Prometheus of component `")
                    + first.component()
                    + "` selects "
                    + resource.kind()
                    + "s by ("
                    + first.setting()
                    + "), so it is never loaded"));
      }
    }
    return findings;
  }

  /**
   * What the Prometheus of one kube-prometheus-stack component asks of one kind, read from its
   * values files in order; empty when that Prometheus is disabled or its selector is not plain
   * labels.
   */
  private static Optional<Requirement> requirement(
      LabTree tree, HomeLab.Component stack, String prefix) {
    JsonNode enabled = tree.chartValue(stack, "/prometheus/enabled");
    if (enabled.isBoolean() && !enabled.asBoolean()) {
      return Optional.empty();
    }
    String spec = "/prometheus/prometheusSpec/";
    JsonNode selector = tree.chartValue(stack, spec + prefix + "Selector");
    if (selector.isObject() && !selector.isEmpty()) {
      Map<String, String> labels = new TreeMap<>(Nodes.stringMap(selector.path("matchLabels")));
      if (selector.has("matchExpressions")) {
        return LabelSelector.of(selector)
            .map(parsed -> new Requirement(stack.name(), prefix + "Selector", labels, parsed));
      }
      return Optional.of(
          new Requirement(stack.name(), prefix + "Selector", labels.isEmpty() ? null : labels));
    }
    JsonNode nilUsesHelmValues =
        tree.chartValue(stack, spec + prefix + "SelectorNilUsesHelmValues");
    if (nilUsesHelmValues.isBoolean() && !nilUsesHelmValues.asBoolean()) {
      return Optional.of(new Requirement(stack.name(), null, null));
    }
    String release = stack.releaseName();
    return Optional.of(
        new Requirement(
            stack.name(),
            prefix + "SelectorNilUsesHelmValues is true",
            Map.of("release", release)));
  }
}
