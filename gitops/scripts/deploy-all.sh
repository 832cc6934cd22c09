#!/usr/bin/env bash
# The manual deployment path: installs the whole lab in the architecture's implementation sequence with
# helm and kubectl, from the same folders, values files and chart versions that homelab.yaml declares.
# (The GitOps path is docs/runbooks/argocd-bootstrap.md.) Safe to re-run: every step is an upgrade/apply.
#
# Needs: kubectl pointing at the cluster (infrastructure/k3s/kubeconfig-setup.sh), helm 3.8+.
# Usage: gitops/scripts/deploy-all.sh
set -euo pipefail

GITOPS="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HELM_TIMEOUT="${HELM_TIMEOUT:-10m}"

step() { printf '\n==> %s\n' "$*"; }

# Applies every manifest of a component folder (values files are Helm input, not manifests).
apply_manifests() {
  local dir="${GITOPS}/$1" file
  while IFS= read -r file; do
    kubectl apply -f "${file}"
  done < <(find "${dir}" -maxdepth 1 -name '*.yaml' ! -name '*values*.yaml' | sort)
}

require_secrets() {
  local missing=0 ns name
  while read -r ns name; do
    if ! kubectl get secret "${name}" -n "${ns}" >/dev/null 2>&1; then
      echo "missing Secret ${ns}/${name}" >&2
      missing=1
    fi
  done <<'SECRETS'
infra cert-manager-cloudflare-token
monitoring grafana-admin-credentials
monitoring alertmanager-webhook
data postgres-credentials
apps n8n-postgres-credentials
apps n8n-encryption-key
docs paperless-secrets
docs paperless-redis-credentials
SECRETS
  if [[ "${missing}" -ne 0 ]]; then
    echo "Create them as described in docs/runbooks/secrets-creation.md, then run this script again." >&2
    exit 1
  fi
}

step "0. cluster reachable"
kubectl get nodes -o wide

step "1. namespaces and their quota/limit boundaries"
apply_manifests infrastructure/namespaces
for boundary in infrastructure/kube-system-boundary infrastructure/infra-boundary infrastructure/argocd-boundary \
  monitoring/monitoring-boundary applications/data-boundary applications/apps-boundary \
  applications/ml-boundary applications/docs-boundary applications/dev-boundary; do
  apply_manifests "${boundary}"
done

step "   secrets referenced by the workloads"
require_secrets

step "   chart repositories"
helm repo add nfs-subdir-external-provisioner https://kubernetes-sigs.github.io/nfs-subdir-external-provisioner/ --force-update
helm repo add jetstack https://charts.jetstack.io --force-update
helm repo add metallb https://metallb.github.io/metallb --force-update
helm repo add prometheus-community https://prometheus-community.github.io/helm-charts --force-update
helm repo add grafana https://grafana.github.io/helm-charts --force-update
helm repo add community-charts https://community-charts.github.io/helm-charts --force-update
helm repo add otwld https://otwld.github.io/ollama-helm/ --force-update
helm repo add gabe565 https://charts.gabe565.com --force-update
helm repo add argo https://argoproj.github.io/argo-helm --force-update
helm repo update

step "2. NFS provisioner (enables stateful workloads)"
helm upgrade --install nfs-provisioner nfs-subdir-external-provisioner/nfs-subdir-external-provisioner --version 4.0.18 \
  -f "${GITOPS}/infrastructure/nfs/values-homelab.yaml" -n infra --wait --timeout "${HELM_TIMEOUT}"
apply_manifests infrastructure/nfs
# K3s ships local-path as a default class too; nfs-client is the only default in this lab.
if kubectl get storageclass local-path >/dev/null 2>&1; then
  kubectl patch storageclass local-path \
    -p '{"metadata":{"annotations":{"storageclass.kubernetes.io/is-default-class":"false"}}}'
fi

step "3. cert-manager and the Let's Encrypt issuer (enables HTTPS)"
helm upgrade --install cert-manager jetstack/cert-manager --version v1.19.1 \
  -f "${GITOPS}/infrastructure/cert-manager/values-homelab.yaml" -n infra --wait --timeout "${HELM_TIMEOUT}"
apply_manifests infrastructure/cert-manager

step "4. MetalLB (enables LoadBalancer services), then Traefik's settings"
helm upgrade --install metallb metallb/metallb --version 0.15.2 \
  -f "${GITOPS}/infrastructure/metallb/values-homelab.yaml" -n infra --wait --timeout "${HELM_TIMEOUT}"
apply_manifests infrastructure/metallb
apply_manifests infrastructure/traefik

step "5. kube-prometheus-stack (observability; brings the ServiceMonitor CRDs)"
helm upgrade --install prometheus prometheus-community/kube-prometheus-stack --version 79.2.1 \
  -f "${GITOPS}/monitoring/prometheus/values-homelab.yaml" -n monitoring --wait --timeout "${HELM_TIMEOUT}"
apply_manifests monitoring/prometheus

step "6. Loki and Promtail (log aggregation)"
helm upgrade --install loki grafana/loki --version 6.49.0 \
  -f "${GITOPS}/monitoring/loki/values-homelab.yaml" -n monitoring --wait --timeout "${HELM_TIMEOUT}"
helm upgrade --install promtail grafana/promtail --version 6.17.0 \
  -f "${GITOPS}/monitoring/promtail/values-homelab.yaml" -n monitoring --wait --timeout "${HELM_TIMEOUT}"

step "7. PostgreSQL and its nightly backup (data layer)"
helm upgrade --install postgres oci://registry-1.docker.io/bitnamicharts/postgresql --version 16.7.27 \
  -f "${GITOPS}/applications/postgres/values-homelab.yaml" -n data --wait --timeout "${HELM_TIMEOUT}"
apply_manifests applications/postgres

step "   n8n (on PostgreSQL)"
helm upgrade --install n8n community-charts/n8n --version 1.24.0 \
  -f "${GITOPS}/applications/n8n/values-homelab.yaml" -n apps --wait --timeout "${HELM_TIMEOUT}"
apply_manifests applications/n8n

step "8. Ollama (AI workloads); its model claim first"
apply_manifests applications/ollama
helm upgrade --install ollama otwld/ollama --version 1.50.0 \
  -f "${GITOPS}/applications/ollama/values-homelab.yaml" -n ml --wait --timeout "${HELM_TIMEOUT}"

step "   Paperless-ngx; its document claims first"
apply_manifests applications/paperless
helm upgrade --install paperless gabe565/paperless-ngx --version 0.24.1 \
  -f "${GITOPS}/applications/paperless/values-homelab.yaml" -n docs --wait --timeout "${HELM_TIMEOUT}"

step "9. dev containers and the nginx dev proxy (dev tooling)"
apply_manifests applications/dev-containers
apply_manifests applications/nginx

step "   Argo CD (so the GitOps path can take over later)"
helm upgrade --install argocd argo/argo-cd --version 9.3.4 \
  -f "${GITOPS}/infrastructure/argocd/values-homelab.yaml" -n argocd --wait --timeout "${HELM_TIMEOUT}"
apply_manifests infrastructure/argocd

step "done; checking health"
"${GITOPS}/scripts/health-check.sh"
