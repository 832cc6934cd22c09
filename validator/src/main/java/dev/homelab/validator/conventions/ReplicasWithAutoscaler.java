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
import tools.jackson.databind.JsonNode;

/**
 * A workload that writes {@code spec.replicas} while an autoscaler sets it: each Argo CD sync puts
 * the written count back, undoing the autoscaler.
 */
final class ReplicasWithAutoscaler implements ConventionRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "replicas-with-autoscaler",
          Labels.FAMILY,
          "A workload sets replicas while an autoscaler scales it.",
          "A HorizontalPodAutoscaler (or a KEDA ScaledObject, which makes one) changes the"
              + " workload's `spec.replicas` in the cluster. When the manifest in git sets it too,"
              + " Argo CD sees the live count differ from git after every scaling, marks the"
              + " application OutOfSync, and with self-heal writes the git value back; the"
              + " autoscaler then scales again. The workload flaps between the two counts and"
              + " the application never stays in sync.",
          Severity.WARNING,
          Labels.SINCE,
          "Leave `spec.replicas` out of the workload and let the autoscaler's minReplicas decide"
              + " the starting count.");

  @Override
  public RuleInfo info() {
    return INFO;
  }

  @Override
  public List<Finding> check(LabTree tree) {
    Map<String, Resource> autoscalers = new HashMap<>();
    for (Resource resource : tree.resources()) {
      boolean hpa =
          resource.kind().equals("HorizontalPodAutoscaler")
              && resource.group().equals("autoscaling");
      boolean keda = resource.kind().equals("ScaledObject") && resource.group().equals("keda.sh");
      if (hpa || keda) {
        JsonNode target = resource.object().at("/spec/scaleTargetRef");
        String kind = Nodes.text(target, "kind", keda ? "Deployment" : "");
        autoscalers.putIfAbsent(
            kind + "/" + resource.namespace() + "/" + Nodes.text(target, "name", ""), resource);
      }
    }
    List<Finding> findings = new ArrayList<>();
    if (autoscalers.isEmpty()) {
      return findings;
    }
    for (Resource workload : tree.resources()) {
      Resource autoscaler =
          autoscalers.get(workload.kind() + "/" + workload.namespace() + "/" + workload.name());
      JsonNode replicas = workload.object().at("/spec/replicas");
      // A replicas that is not a number is the schema's finding.
      if (autoscaler == null || !workload.group().equals("apps") || !replicas.isIntegralNumber()) {
        continue;
      }
      findings.add(
          LabTree.at(
              INFO,
              workload,
              "/spec/replicas",
              LabTree.subject(workload)
                  + " sets replicas: "
                  + replicas.asString()
                  + " while "
                  + LabTree.subject(autoscaler)
                  + " ("
                  + autoscaler.file()
                  + ") scales it, so every Argo CD sync puts the count back to "
                  + replicas.asString()));
    }
    return findings;
  }
}
