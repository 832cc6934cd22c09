package dev.homelab.validator.conventions;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A PodDisruptionBudget that allows no eviction at all for the pods the tree gives it, so a node
 * drain never finishes.
 */
final class PdbBlocksDrain implements ConventionRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "pdb-blocks-drain",
          Labels.FAMILY,
          "A PodDisruptionBudget lets none of the pods it covers be evicted.",
          "Draining a node evicts its pods one by one, and an eviction that would break a"
              + " PodDisruptionBudget is refused and retried. When the budget asks to keep every"
              + " pod it covers (minAvailable equal to the replicas, 100 %, or maxUnavailable 0),"
              + " no eviction ever succeeds: `kubectl drain`, K3s's system-upgrade-controller and a"
              + " node reboot plan wait forever. On a home lab's one or two nodes this is the usual"
              + " way an upgrade hangs. The rule counts the replicas of the Deployments,"
              + " StatefulSets and ReplicaSets in the tree whose pods the budget selects (an"
              + " autoscaler's minReplicas where one targets them); DaemonSet pods are skipped by"
              + " drains and not counted.",
          Severity.WARNING,
          Labels.SINCE,
          "Run more replicas than minAvailable, or use maxUnavailable: 1 instead; drop the budget"
              + " for a workload that runs one pod, since it cannot stay available through a drain"
              + " anyway.");

  private static final Pattern PERCENT = Pattern.compile("(\\d+)%");

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
      return List.of(); // more of the pods, or an autoscaler, may be in a file the run did not load
    }
    List<Finding> findings = new ArrayList<>();
    Map<String, Integer> autoscaled = autoscaledMinimums(tree);
    for (Resource budget : tree.resources()) {
      if (!budget.kind().equals("PodDisruptionBudget") || !budget.group().equals("policy")) {
        continue;
      }
      JsonNode spec = budget.object().path("spec");
      Optional<LabelSelector> selector = LabelSelector.of(spec.path("selector"));
      if (selector.isEmpty()) {
        continue;
      }
      int pods = 0;
      List<String> workloads = new ArrayList<>();
      boolean uncounted = false;
      for (PodIndex.Pod pod : tree.pods().selected(budget.namespace(), selector.get())) {
        Resource workload = pod.resource();
        if (workload.kind().equals("DaemonSet")) {
          continue;
        }
        if (!LabTree.REPLICATED_KINDS.contains(workload.kind())) {
          uncounted = true;
          continue;
        }
        Integer minimum =
            autoscaled.get(workload.kind() + "/" + workload.namespace() + "/" + workload.name());
        pods += minimum != null ? minimum : LabTree.replicas(workload);
        workloads.add(LabTree.subject(workload));
      }
      if (workloads.isEmpty() || uncounted || pods == 0) {
        continue;
      }
      Optional<String> field = blocking(spec, pods);
      if (field.isPresent()) {
        findings.add(
            LabTree.at(
                INFO,
                budget,
                "/spec/" + field.get(),
                LabTree.subject(budget)
                    + " sets "
                    + field.get()
                    + ": "
                    + spec.path(field.get()).asString()
                    + " for "
                    + pods
                    + (pods == 1 ? " pod" : " pods")
                    + " ("
                    + String.join(", ", workloads)
                    + "), so none may ever be evicted and a node drain (a K3s upgrade, a"
                    + " reboot) waits for it forever"));
      }
    }
    return findings;
  }

  /** The field that forbids every eviction of {@code pods} pods, if one does. */
  private static Optional<String> blocking(JsonNode spec, int pods) {
    if (spec.has("minAvailable")) {
      Optional<Integer> keep = scaled(spec.path("minAvailable"), pods);
      return keep.isPresent() && keep.get() >= pods
          ? Optional.of("minAvailable")
          : Optional.empty();
    }
    if (spec.has("maxUnavailable")) {
      Optional<Integer> allowed = scaled(spec.path("maxUnavailable"), pods);
      return allowed.isPresent() && allowed.get() == 0
          ? Optional.of("maxUnavailable")
          : Optional.empty();
    }
    return Optional.empty();
  }

  /** A count or a percentage of {@code pods}, rounded up as the disruption controller does. */
  private static Optional<Integer> scaled(JsonNode value, int pods) {
    if (value.isInt()) {
      return Optional.of(value.asInt());
    }
    Matcher percent = PERCENT.matcher(value.isString() ? value.asString() : "");
    if (!percent.matches()) {
      return Optional.empty();
    }
    long share = Long.parseLong(percent.group(1)) * pods;
    return Optional.of((int) ((share + 99) / 100));
  }

  /** The minReplicas of each workload that a HorizontalPodAutoscaler scales, by kind/ns/name. */
  private static Map<String, Integer> autoscaledMinimums(LabTree tree) {
    Map<String, Integer> minimums = new HashMap<>();
    for (Resource autoscaler : tree.resources()) {
      if (autoscaler.kind().equals("HorizontalPodAutoscaler")) {
        JsonNode spec = autoscaler.object().path("spec");
        JsonNode target = spec.path("scaleTargetRef");
        minimums.put(
            Nodes.text(target, "kind", "")
                + "/"
                + autoscaler.namespace()
                + "/"
                + Nodes.text(target, "name", ""),
            spec.path("minReplicas").asInt(1));
      }
    }
    return minimums;
  }
}
