package dev.homelab.validator.apiserver;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.model.Entries;
import dev.homelab.core.model.Resource;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A volume claim the API server refuses: without an access mode or a storage size. Checked on
 * PersistentVolumeClaims, a StatefulSet's claim templates and a pod's ephemeral volumes.
 */
final class InvalidVolumeClaim extends ObjectRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "invalid-volume-claim",
          "schema",
          "A volume claim has no access mode or no storage size, or one the API server refuses.",
          "The schema leaves accessModes and resources.requests.storage optional, but the API"
              + " server refuses a claim without either, or with a size of zero, or with"
              + " ReadWriteOncePod beside another mode. In a StatefulSet's volumeClaimTemplates the"
              + " mistake shows later: the claims are refused and the pods wait for volumes that"
              + " never come.",
          Severity.ERROR,
          "0.1.0",
          "Give the claim accessModes (such as [ReadWriteOnce], or ReadWriteMany on nfs-client)"
              + " and resources.requests.storage (such as 10Gi).");

  InvalidVolumeClaim() {
    super(INFO);
  }

  @Override
  public List<Finding> check(Resource resource) {
    List<Finding> findings = new ArrayList<>();
    String type = resource.group() + "/" + resource.kind();
    if (type.equals("/PersistentVolumeClaim")) {
      checkClaim(resource, "/spec", findings);
    } else if (type.equals("apps/StatefulSet")) {
      Entries.each(
          resource,
          "/spec/volumeClaimTemplates",
          claim -> checkClaim(resource, claim + "/spec", findings));
    }
    Entries.podSpec(resource)
        .ifPresent(
            spec ->
                Entries.each(
                    resource,
                    spec + "/volumes",
                    volume ->
                        checkClaim(
                            resource, volume + "/ephemeral/volumeClaimTemplate/spec", findings)));
    return findings;
  }

  private void checkClaim(Resource resource, String spec, List<Finding> findings) {
    JsonNode claim = resource.object().at(spec);
    if (!claim.isObject()) {
      return; // no claim here, or one of the wrong type, which the schema reports
    }
    JsonNode modes = claim.path("accessModes");
    if (modes.isMissingNode() || modes.isNull()) {
      addAtKey(
          resource, spec, "claim has no accessModes; give one, such as ReadWriteOnce", findings);
    } else if (modes.isArray() && modes.isEmpty()) {
      add(resource, spec + "/accessModes", "accessModes is empty; give at least one", findings);
    } else if (modes.isArray() && modes.size() > 1 && contains(modes, "ReadWriteOncePod")) {
      add(
          resource,
          spec + "/accessModes",
          "ReadWriteOncePod may not be combined with other access modes",
          findings);
    }
    JsonNode resources = claim.path("resources");
    JsonNode requests = resources.path("requests");
    boolean typed =
        (resources.isMissingNode() || resources.isObject())
            && (requests.isMissingNode() || requests.isObject());
    if (!typed) {
      return; // resources or requests of the wrong type are the schema's finding
    }
    JsonNode storage = requests.path("storage");
    if (storage.isMissingNode() || storage.isNull()) {
      addAtKey(
          resource,
          spec,
          "claim has no resources.requests.storage; give the size to claim, such as 10Gi",
          findings);
      return;
    }
    String size = Quantities.text(storage);
    Optional<BigDecimal> value = Optional.ofNullable(size).flatMap(Quantities::parse);
    if (value.isPresent() && value.get().signum() <= 0) {
      add(
          resource,
          spec + "/resources/requests/storage",
          "storage request " + size + " must be greater than zero",
          findings);
    }
  }

  private static boolean contains(JsonNode array, String text) {
    for (JsonNode element : array) {
      if (element.isString() && element.asString().equals(text)) {
        return true;
      }
    }
    return false;
  }
}
