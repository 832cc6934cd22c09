package dev.homelab.validator.apiserver;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.model.Resource;
import dev.homelab.core.yaml.Nodes;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A rollout strategy the API server refuses: rolling-update settings beside a Deployment's Recreate
 * or a StatefulSet's OnDelete, and a rolling update that may neither add nor remove a pod.
 */
final class InvalidUpdateStrategy extends ObjectRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "invalid-update-strategy",
          "schema",
          "A Deployment's or StatefulSet's update strategy is one the API server refuses.",
          "Single-replica apps on a ReadWriteOnce volume switch their Deployment to Recreate, and a"
              + " rollingUpdate block left beside it makes the API server refuse the Deployment;"
              + " the same goes for a StatefulSet's OnDelete with rollingUpdate settings, and for a"
              + " rolling update whose maxSurge and maxUnavailable are both 0, which could never"
              + " make progress.",
          Severity.ERROR,
          "0.1.0",
          "Remove rollingUpdate when the type is Recreate or OnDelete (for a Deployment that ran"
              + " with RollingUpdate before, write rollingUpdate: null so the sync also clears the"
              + " value the API server filled in), and let maxSurge or maxUnavailable be above 0.");

  private static final Pattern PERCENT = Pattern.compile("(\\d+)%");

  InvalidUpdateStrategy() {
    super(INFO);
  }

  @Override
  public List<Finding> check(Resource resource) {
    List<Finding> findings = new ArrayList<>();
    switch (resource.group() + "/" + resource.kind()) {
      case "apps/Deployment" -> checkDeployment(resource, findings);
      case "apps/StatefulSet" -> {
        JsonNode strategy = resource.object().at("/spec/updateStrategy");
        if ("OnDelete".equals(Nodes.text(strategy, "type", ""))
            && strategy.path("rollingUpdate").isObject()) {
          addAtKey(
              resource,
              "/spec/updateStrategy/rollingUpdate",
              "rollingUpdate may be set only when updateStrategy type is RollingUpdate, not"
                  + " OnDelete",
              findings);
        }
      }
      default -> {}
    }
    return findings;
  }

  private void checkDeployment(Resource resource, List<Finding> findings) {
    JsonNode strategy = resource.object().at("/spec/strategy");
    JsonNode rollingUpdate = strategy.path("rollingUpdate");
    if (!rollingUpdate.isObject()) {
      return; // absent, null (which clears it) or of the wrong type, the schema's finding
    }
    String type = Nodes.text(strategy, "type", "RollingUpdate");
    if (type.equals("Recreate")) {
      addAtKey(
          resource,
          "/spec/strategy/rollingUpdate",
          "rollingUpdate may not be set when strategy type is Recreate",
          findings);
      return;
    }
    OptionalInt surge = amount(rollingUpdate.get("maxSurge"));
    OptionalInt unavailable = amount(rollingUpdate.get("maxUnavailable"));
    if (surge.isPresent()
        && unavailable.isPresent()
        && surge.getAsInt() == 0
        && unavailable.getAsInt() == 0) {
      add(
          resource,
          "/spec/strategy/rollingUpdate/maxUnavailable",
          "maxUnavailable and maxSurge may not both be 0; the rollout could never replace a pod",
          findings);
    }
    JsonNode percent = rollingUpdate.path("maxUnavailable");
    Matcher m = percent.isString() ? PERCENT.matcher(percent.asString()) : null;
    if (m != null
        && m.matches()
        && (m.group(1).length() > 3 || Integer.parseInt(m.group(1)) > 100)) {
      add(
          resource,
          "/spec/strategy/rollingUpdate/maxUnavailable",
          "maxUnavailable " + percent.asString() + " may not be more than 100%",
          findings);
    }
  }

  /** An int-or-string amount as written (3 or "25%"); empty when absent, so the default applies. */
  private static OptionalInt amount(JsonNode value) {
    if (value == null || value.isNull()) {
      return OptionalInt.empty();
    }
    if (value.isIntegralNumber() && value.canConvertToInt()) {
      return OptionalInt.of(value.asInt());
    }
    Matcher m = value.isString() ? PERCENT.matcher(value.asString()) : null;
    if (m != null && m.matches() && m.group(1).length() < 10) {
      return OptionalInt.of(Integer.parseInt(m.group(1)));
    }
    return OptionalInt.empty();
  }
}
