package dev.homelab.validator.schema.gen;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The closed sets of values that the API server's validation accepts for common fields, which the
 * client-java models type as plain strings. Without them a typo such as {@code imagePullPolicy:
 * always} would pass here and fail only when Argo CD syncs. Listed only where Kubernetes 1.34
 * rejects everything else; a string in the list's own case is the only accepted spelling.
 */
final class KubernetesEnums {

  private static final List<String> PROTOCOLS = List.of("TCP", "UDP", "SCTP");
  private static final List<String> ACCESS_MODES =
      List.of("ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod");
  private static final List<String> VOLUME_MODES = List.of("Filesystem", "Block");
  private static final List<String> TAINT_EFFECTS =
      List.of("NoSchedule", "PreferNoSchedule", "NoExecute");
  private static final List<String> UPDATE_STRATEGIES = List.of("RollingUpdate", "OnDelete");

  /** Allowed values by model class name and JSON field; for a list field, of its items. */
  static final Map<String, Map<String, List<String>>> VALUES =
      Map.ofEntries(
          Map.entry("V1Container", containerEnums()),
          Map.entry("V1EphemeralContainer", containerEnums()),
          Map.entry(
              "V1PodSpec",
              Map.of(
                  "restartPolicy", List.of("Always", "OnFailure", "Never"),
                  "dnsPolicy",
                      List.of("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"),
                  "preemptionPolicy", List.of("PreemptLowerPriority", "Never"))),
          Map.entry("V1ContainerPort", Map.of("protocol", PROTOCOLS)),
          Map.entry("V1ServicePort", Map.of("protocol", PROTOCOLS)),
          Map.entry("V1NetworkPolicyPort", Map.of("protocol", PROTOCOLS)),
          Map.entry(
              "V1ServiceSpec",
              Map.of(
                  "type", List.of("ClusterIP", "NodePort", "LoadBalancer", "ExternalName"),
                  "sessionAffinity", List.of("None", "ClientIP"),
                  "externalTrafficPolicy", List.of("Cluster", "Local"),
                  "internalTrafficPolicy", List.of("Cluster", "Local"),
                  "ipFamilyPolicy", List.of("SingleStack", "PreferDualStack", "RequireDualStack"),
                  "ipFamilies", List.of("IPv4", "IPv6"))),
          Map.entry(
              "V1HTTPIngressPath",
              Map.of("pathType", List.of("Exact", "Prefix", "ImplementationSpecific"))),
          Map.entry("V1DeploymentStrategy", Map.of("type", List.of("Recreate", "RollingUpdate"))),
          Map.entry(
              "V1StatefulSetSpec",
              Map.of("podManagementPolicy", List.of("OrderedReady", "Parallel"))),
          Map.entry("V1StatefulSetUpdateStrategy", Map.of("type", UPDATE_STRATEGIES)),
          Map.entry("V1DaemonSetUpdateStrategy", Map.of("type", UPDATE_STRATEGIES)),
          Map.entry(
              "V1PersistentVolumeClaimSpec",
              Map.of("accessModes", ACCESS_MODES, "volumeMode", VOLUME_MODES)),
          Map.entry(
              "V1PersistentVolumeSpec",
              Map.of(
                  "accessModes", ACCESS_MODES,
                  "volumeMode", VOLUME_MODES,
                  "persistentVolumeReclaimPolicy", List.of("Retain", "Delete", "Recycle"))),
          Map.entry(
              "V1StorageClass",
              Map.of(
                  "reclaimPolicy", List.of("Retain", "Delete"),
                  "volumeBindingMode", List.of("Immediate", "WaitForFirstConsumer"))),
          Map.entry(
              "V1CronJobSpec", Map.of("concurrencyPolicy", List.of("Allow", "Forbid", "Replace"))),
          // An empty operator means Equal and an empty effect matches every effect.
          Map.entry(
              "V1Toleration",
              Map.of(
                  "operator", List.of("", "Exists", "Equal"),
                  "effect", List.of("", "NoSchedule", "PreferNoSchedule", "NoExecute"))),
          Map.entry("V1Taint", Map.of("effect", TAINT_EFFECTS)),
          Map.entry(
              "V1NodeSelectorRequirement",
              Map.of("operator", List.of("In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"))),
          Map.entry(
              "V1LabelSelectorRequirement",
              Map.of("operator", List.of("In", "NotIn", "Exists", "DoesNotExist"))),
          Map.entry("V1NetworkPolicySpec", Map.of("policyTypes", List.of("Ingress", "Egress"))),
          Map.entry(
              "V1HostPathVolumeSource",
              Map.of(
                  "type",
                  List.of(
                      "",
                      "DirectoryOrCreate",
                      "Directory",
                      "FileOrCreate",
                      "File",
                      "Socket",
                      "CharDevice",
                      "BlockDevice"))),
          Map.entry(
              "V1PodSecurityContext",
              Map.of("fsGroupChangePolicy", List.of("OnRootMismatch", "Always"))),
          Map.entry(
              "V1SeccompProfile",
              Map.of("type", List.of("RuntimeDefault", "Unconfined", "Localhost"))));

  private KubernetesEnums() {}

  private static Map<String, List<String>> containerEnums() {
    return Map.of(
        "imagePullPolicy", List.of("Always", "IfNotPresent", "Never"),
        "terminationMessagePolicy", List.of("File", "FallbackToLogsOnError"));
  }

  static Optional<List<String>> of(Class<?> model, String jsonName) {
    return Optional.ofNullable(VALUES.getOrDefault(model.getSimpleName(), Map.of()).get(jsonName));
  }

  /**
   * Restricts a string property's schema, or its items' for a list, to {@code values}; an explicit
   * null stays allowed where the property's type allows it.
   */
  static void restrict(SortedMap<String, Object> property, List<String> values) {
    @SuppressWarnings("unchecked")
    SortedMap<String, Object> target =
        property.get("items") instanceof SortedMap<?, ?> items
            ? (SortedMap<String, Object>) items
            : property;
    List<Object> allowed = new ArrayList<>(values);
    if (target.get("type") instanceof List<?> types && types.contains("null")) {
      allowed.add(null);
    }
    target.put("enum", allowed);
  }
}
