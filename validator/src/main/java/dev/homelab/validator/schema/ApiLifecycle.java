package dev.homelab.validator.schema;

import dev.homelab.core.model.GroupVersionKind;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Built-in apiVersions that Kubernetes deprecated or stopped serving, with their replacement, from
 * the Kubernetes deprecation guide.
 */
public final class ApiLifecycle {

  /**
   * @param deprecatedIn minor version that started warning, such as 33
   * @param removedIn minor version that stopped serving it, or 0 when still served
   */
  public record Status(int deprecatedIn, int removedIn, String replacement) {

    public boolean removedBy(int minor) {
      return removedIn > 0 && minor >= removedIn;
    }

    public boolean deprecatedBy(int minor) {
      return minor >= deprecatedIn;
    }
  }

  private static final Map<String, Status> STATUS = new HashMap<>();

  static {
    for (String kind : new String[] {"Deployment", "DaemonSet", "ReplicaSet"}) {
      removed("extensions/v1beta1", kind, 9, 16, "apps/v1");
      removed("apps/v1beta1", kind, 9, 16, "apps/v1");
      removed("apps/v1beta2", kind, 9, 16, "apps/v1");
    }
    removed("apps/v1beta1", "StatefulSet", 9, 16, "apps/v1");
    removed("apps/v1beta2", "StatefulSet", 9, 16, "apps/v1");
    removed("extensions/v1beta1", "NetworkPolicy", 9, 16, "networking.k8s.io/v1");
    removed(
        "extensions/v1beta1",
        "PodSecurityPolicy",
        11,
        16,
        "policy/v1beta1, itself removed in 1.25");
    removed("extensions/v1beta1", "Ingress", 14, 22, "networking.k8s.io/v1");
    removed("networking.k8s.io/v1beta1", "Ingress", 19, 22, "networking.k8s.io/v1");
    removed("networking.k8s.io/v1beta1", "IngressClass", 19, 22, "networking.k8s.io/v1");
    for (String kind : new String[] {"ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding"}) {
      removed("rbac.authorization.k8s.io/v1beta1", kind, 17, 22, "rbac.authorization.k8s.io/v1");
    }
    removed("scheduling.k8s.io/v1beta1", "PriorityClass", 14, 22, "scheduling.k8s.io/v1");
    for (String kind : new String[] {"CSIDriver", "CSINode", "StorageClass", "VolumeAttachment"}) {
      removed("storage.k8s.io/v1beta1", kind, 19, 22, "storage.k8s.io/v1");
    }
    removed("storage.k8s.io/v1beta1", "CSIStorageCapacity", 24, 27, "storage.k8s.io/v1");
    removed(
        "admissionregistration.k8s.io/v1beta1",
        "MutatingWebhookConfiguration",
        16,
        22,
        "admissionregistration.k8s.io/v1");
    removed(
        "admissionregistration.k8s.io/v1beta1",
        "ValidatingWebhookConfiguration",
        16,
        22,
        "admissionregistration.k8s.io/v1");
    removed(
        "apiextensions.k8s.io/v1beta1",
        "CustomResourceDefinition",
        16,
        22,
        "apiextensions.k8s.io/v1");
    removed("apiregistration.k8s.io/v1beta1", "APIService", 19, 22, "apiregistration.k8s.io/v1");
    removed(
        "certificates.k8s.io/v1beta1",
        "CertificateSigningRequest",
        19,
        22,
        "certificates.k8s.io/v1");
    removed("coordination.k8s.io/v1beta1", "Lease", 19, 22, "coordination.k8s.io/v1");
    removed("batch/v1beta1", "CronJob", 21, 25, "batch/v1");
    removed("discovery.k8s.io/v1beta1", "EndpointSlice", 21, 25, "discovery.k8s.io/v1");
    removed("events.k8s.io/v1beta1", "Event", 21, 25, "events.k8s.io/v1");
    removed("autoscaling/v2beta1", "HorizontalPodAutoscaler", 22, 25, "autoscaling/v2");
    removed("autoscaling/v2beta2", "HorizontalPodAutoscaler", 23, 26, "autoscaling/v2");
    removed("policy/v1beta1", "PodDisruptionBudget", 21, 25, "policy/v1");
    removed(
        "policy/v1beta1", "PodSecurityPolicy", 21, 25, "Pod Security admission (namespace labels)");
    removed("node.k8s.io/v1beta1", "RuntimeClass", 20, 25, "node.k8s.io/v1");
    for (String kind : new String[] {"FlowSchema", "PriorityLevelConfiguration"}) {
      removed(
          "flowcontrol.apiserver.k8s.io/v1beta1", kind, 23, 26, "flowcontrol.apiserver.k8s.io/v1");
      removed(
          "flowcontrol.apiserver.k8s.io/v1beta2", kind, 26, 29, "flowcontrol.apiserver.k8s.io/v1");
      removed(
          "flowcontrol.apiserver.k8s.io/v1beta3", kind, 29, 32, "flowcontrol.apiserver.k8s.io/v1");
    }
    removed(
        "admissionregistration.k8s.io/v1beta1",
        "ValidatingAdmissionPolicy",
        30,
        0,
        "admissionregistration.k8s.io/v1");
    removed(
        "admissionregistration.k8s.io/v1beta1",
        "ValidatingAdmissionPolicyBinding",
        30,
        0,
        "admissionregistration.k8s.io/v1");
    removed("storage.k8s.io/v1beta1", "VolumeAttributesClass", 34, 0, "storage.k8s.io/v1");
    for (String kind :
        new String[] {"DeviceClass", "ResourceClaim", "ResourceClaimTemplate", "ResourceSlice"}) {
      removed("resource.k8s.io/v1beta1", kind, 34, 0, "resource.k8s.io/v1");
      removed("resource.k8s.io/v1beta2", kind, 34, 0, "resource.k8s.io/v1");
      removed("resource.k8s.io/v1alpha2", kind, 31, 31, "resource.k8s.io/v1");
    }
    removed("v1", "Endpoints", 33, 0, "discovery.k8s.io/v1 EndpointSlice");
  }

  private ApiLifecycle() {}

  private static void removed(
      String apiVersion, String kind, int deprecatedIn, int removedIn, String replacement) {
    STATUS.put(apiVersion + " " + kind, new Status(deprecatedIn, removedIn, replacement));
  }

  public static Optional<Status> of(GroupVersionKind type) {
    return Optional.ofNullable(STATUS.get(type.apiVersion() + " " + type.kind()));
  }

  /** The minor number of a version such as "1.34". */
  public static int minor(String kubernetesVersion) {
    String[] parts = kubernetesVersion.split("\\.");
    return parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
  }
}
