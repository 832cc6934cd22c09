package dev.homelab.core.model;

import java.util.Set;

/**
 * Which kinds are cluster-scoped. Built-in Kubernetes 1.34 kinds and common add-ons are listed
 * here; CustomResourceDefinitions found in the tree add their own.
 */
public final class Scopes {

  private static final Set<String> CLUSTER_SCOPED =
      Set.of(
          "/Namespace",
          "/Node",
          "/PersistentVolume",
          "/ComponentStatus",
          "rbac.authorization.k8s.io/ClusterRole",
          "rbac.authorization.k8s.io/ClusterRoleBinding",
          "storage.k8s.io/StorageClass",
          "storage.k8s.io/CSIDriver",
          "storage.k8s.io/CSINode",
          "storage.k8s.io/VolumeAttachment",
          "storage.k8s.io/VolumeAttributesClass",
          "apiextensions.k8s.io/CustomResourceDefinition",
          "apiregistration.k8s.io/APIService",
          "admissionregistration.k8s.io/MutatingWebhookConfiguration",
          "admissionregistration.k8s.io/ValidatingWebhookConfiguration",
          "admissionregistration.k8s.io/ValidatingAdmissionPolicy",
          "admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding",
          "admissionregistration.k8s.io/MutatingAdmissionPolicy",
          "admissionregistration.k8s.io/MutatingAdmissionPolicyBinding",
          "scheduling.k8s.io/PriorityClass",
          "node.k8s.io/RuntimeClass",
          "networking.k8s.io/IngressClass",
          "networking.k8s.io/IPAddress",
          "networking.k8s.io/ServiceCIDR",
          "flowcontrol.apiserver.k8s.io/FlowSchema",
          "flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration",
          "certificates.k8s.io/CertificateSigningRequest",
          "certificates.k8s.io/ClusterTrustBundle",
          "resource.k8s.io/DeviceClass",
          "resource.k8s.io/ResourceSlice",
          "resource.k8s.io/DeviceTaintRule",
          "storagemigration.k8s.io/StorageVersionMigration",
          "internal.apiserver.k8s.io/StorageVersion",
          "authentication.k8s.io/TokenReview",
          "authentication.k8s.io/SelfSubjectReview",
          "authorization.k8s.io/SubjectAccessReview",
          "authorization.k8s.io/SelfSubjectAccessReview",
          "authorization.k8s.io/SelfSubjectRulesReview",
          "cert-manager.io/ClusterIssuer",
          "gateway.networking.k8s.io/GatewayClass");

  private Scopes() {}

  public static boolean isClusterScoped(String group, String kind) {
    return CLUSTER_SCOPED.contains((group == null ? "" : group) + "/" + kind);
  }
}
