package dev.homelab.validator.schema.gen;

import java.util.Map;
import java.util.Set;

/**
 * What client-java-api 26.0.0, generated from the Kubernetes 1.35 API, has that 1.34 does not: the
 * schemas are for the lab's 1.34 cluster, whose API server refuses these fields and kinds. Found by
 * comparing the generated schemas with the 1.34 definitions; the differential test keeps it honest.
 */
final class Kubernetes134 {

  /** Fields added in 1.35, by model class name. */
  static final Map<String, Set<String>> FIELDS_ADDED_LATER =
      Map.of(
          "V1PodSpec", Set.of("workloadRef"),
          "V1PodStatus", Set.of("allocatedResources", "resources"),
          "V1NodeStatus", Set.of("declaredFeatures"),
          "V1CSIDriverSpec", Set.of("serviceAccountTokenInSecrets"),
          "V1PodCertificateProjection", Set.of("userAnnotations"),
          "V1CustomResourceDefinitionCondition", Set.of("observedGeneration"),
          "V1CustomResourceDefinitionStatus", Set.of("observedGeneration"),
          "V1alpha3DeviceTaintRule", Set.of("status"));

  /** API versions that 1.35 introduced (1.34 served other versions of these kinds, or none). */
  static final Set<String> KINDS_ADDED_LATER =
      Set.of(
          "certificates.k8s.io/v1beta1 PodCertificateRequest",
          "scheduling.k8s.io/v1alpha1 Workload",
          "storagemigration.k8s.io/v1beta1 StorageVersionMigration");

  private Kubernetes134() {}

  static boolean servedBy134(ApiKind kind) {
    String apiVersion =
        kind.group().isEmpty() ? kind.version() : kind.group() + "/" + kind.version();
    return !KINDS_ADDED_LATER.contains(apiVersion + " " + kind.kind());
  }

  static boolean fieldIn134(Class<?> model, String jsonName) {
    return !FIELDS_ADDED_LATER.getOrDefault(model.getSimpleName(), Set.of()).contains(jsonName);
  }
}
