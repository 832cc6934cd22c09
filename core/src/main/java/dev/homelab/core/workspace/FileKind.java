package dev.homelab.core.workspace;

/** What a YAML file in the tree is; only manifests are Kubernetes objects. */
public enum FileKind {
  MANIFEST,
  HELM_VALUES,
  HELM_CHART,
  KUSTOMIZATION,
  LAB_CONFIG
}
