package dev.homelab.validator.apiserver;

import dev.homelab.core.finding.Finding;
import dev.homelab.core.finding.RuleInfo;
import dev.homelab.core.finding.Severity;
import dev.homelab.core.model.Entries;
import dev.homelab.core.model.Resource;
import dev.homelab.core.yaml.Nodes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/** A container mounts a volume that its pod does not declare. */
final class UnknownVolume extends ObjectRule {

  private static final RuleInfo INFO =
      new RuleInfo(
          "unknown-volume",
          "schema",
          "A container mounts a volume its pod does not declare.",
          "Every volumeMounts and volumeDevices entry names one of the pod's volumes; the API"
              + " server refuses the pod otherwise, so a misspelt or forgotten volume stops the"
              + " sync.",
          Severity.ERROR,
          "0.1.0",
          "Fix the mount's name, or add the volume under the pod's spec.volumes (in a"
              + " StatefulSet, a volumeClaimTemplates entry declares one too).");

  UnknownVolume() {
    super(INFO);
  }

  @Override
  public List<Finding> check(Resource resource) {
    List<Finding> findings = new ArrayList<>();
    Entries.podSpec(resource).ifPresent(spec -> checkPod(resource, spec, findings));
    return findings;
  }

  private void checkPod(Resource resource, String spec, List<Finding> findings) {
    Set<String> volumes = new HashSet<>();
    Entries.each(
        resource,
        spec + "/volumes",
        volume -> volumes.add(Nodes.text(resource.object().at(volume), "name", "")));
    if (resource.kind().equals("StatefulSet") && resource.group().equals("apps")) {
      // Each claim template becomes a volume of every pod, under the template's name.
      Entries.each(
          resource,
          "/spec/volumeClaimTemplates",
          claim -> volumes.add(Nodes.text(resource.object().at(claim + "/metadata"), "name", "")));
    }
    Entries.eachContainer(
        resource,
        spec,
        container -> {
          for (String mounts : List.of("volumeMounts", "volumeDevices")) {
            Entries.each(
                resource,
                container + "/" + mounts,
                mount -> {
                  JsonNode name = resource.object().at(mount + "/name");
                  if (name.isString() && !volumes.contains(name.asString())) {
                    add(
                        resource,
                        mount + "/name",
                        "volume \""
                            + name.asString()
                            + "\" is not one of the pod's volumes "
                            + new TreeSet<>(volumes),
                        findings);
                  }
                });
          }
        });
  }
}
