package dev.homelab.validator.apiserver;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.model.PodTemplate;
import dev.homelab.core.model.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A pod template whose restartPolicy its controller refuses: a Job's pods must be allowed to end,
 * and the pods of Deployments and the other long-running workloads must not.
 */
final class InvalidRestartPolicy extends ObjectRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "invalid-restart-policy",
          "schema",
          "A workload's pod template has a restartPolicy its controller refuses.",
          "A Job's pods must be able to finish, so the API server takes only OnFailure or Never"
              + " for them; left out, restartPolicy defaults to Always and the Job or CronJob is"
              + " refused. A Job with a podFailurePolicy takes only Never. Deployments,"
              + " StatefulSets, DaemonSets and ReplicaSets keep their pods running and take only"
              + " Always.",
          Severity.ERROR,
          "0.1.0",
          "Set restartPolicy: OnFailure (or Never) in the pod template of a Job or CronJob; in"
              + " other workloads, remove the field or set it to Always.");

  private static final Set<String> LONG_RUNNING =
      Set.of("apps/Deployment", "apps/StatefulSet", "apps/DaemonSet", "apps/ReplicaSet");

  InvalidRestartPolicy() {
    super(INFO);
  }

  @Override
  public List<Finding> check(Resource resource) {
    List<Finding> findings = new ArrayList<>();
    String type = resource.group() + "/" + resource.kind();
    boolean job = type.equals("batch/Job") || type.equals("batch/CronJob");
    if (!job && !LONG_RUNNING.contains(type)) {
      return findings;
    }
    PodTemplate.of(resource)
        .ifPresent(
            template -> {
              String spec = template.pointer() + "/spec";
              JsonNode value = resource.object().at(spec + "/restartPolicy");
              if (!value.isMissingNode() && !value.isString()) {
                return; // a restartPolicy of the wrong type is the schema's finding
              }
              String policy = value.asString("");
              String where = spec + "/restartPolicy";
              String jobSpec = template.pointer().substring(0, template.pointer().lastIndexOf('/'));
              if (job && policy.isEmpty()) {
                addAtKey(
                    resource,
                    spec,
                    "restartPolicy is not set, so it defaults to Always, which a Job's pods may"
                        + " not have; set OnFailure or Never",
                    findings);
              } else if (job && policy.equals("Always")) {
                add(
                    resource,
                    where,
                    "restartPolicy Always is refused for a Job's pods; set OnFailure or Never",
                    findings);
              } else if (job
                  && policy.equals("OnFailure")
                  && resource.object().at(jobSpec + "/podFailurePolicy").isObject()) {
                add(
                    resource,
                    where,
                    "restartPolicy OnFailure is refused with a podFailurePolicy; set Never",
                    findings);
              } else if (!job && (policy.equals("OnFailure") || policy.equals("Never"))) {
                add(
                    resource,
                    where,
                    "restartPolicy "
                        + policy
                        + " is refused for a "
                        + resource.kind()
                        + "'s pods, which take only Always",
                    findings);
              }
            });
    return findings;
  }
}
