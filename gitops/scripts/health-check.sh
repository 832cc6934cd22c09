#!/usr/bin/env bash
# Read-only health report of the lab: nodes, pods that are not running, unbound volume claims,
# certificates that are not ready and Argo CD applications that are not synced and healthy.
# Exit code: 0 when everything is fine, 1 when any check found a problem.
#
# Usage: gitops/scripts/health-check.sh
set -euo pipefail

problems=0

section() { printf '\n== %s\n' "$*"; }
flag() {
  printf '%s\n' "$1"
  problems=$((problems + 1))
}

section "nodes"
kubectl get nodes -o wide
while read -r node ready; do
  [[ "${ready}" == "True" ]] || flag "node ${node} is not Ready"
done < <(kubectl get nodes --no-headers \
  -o custom-columns='NAME:.metadata.name,READY:.status.conditions[?(@.type=="Ready")].status')

section "pods not Running or Succeeded"
not_running="$(kubectl get pods -A --no-headers \
  --field-selector=status.phase!=Running,status.phase!=Succeeded 2>/dev/null || true)"
if [[ -n "${not_running}" ]]; then
  printf '%s\n' "${not_running}"
  flag "$(printf '%s\n' "${not_running}" | wc -l) pod(s) not running"
else
  echo "none"
fi

section "persistent volume claims not Bound"
unbound="$(kubectl get pvc -A --no-headers \
  -o custom-columns='NAMESPACE:.metadata.namespace,NAME:.metadata.name,STATUS:.status.phase,CLASS:.spec.storageClassName' |
  awk '$3 != "Bound"')"
if [[ -n "${unbound}" ]]; then
  printf '%s\n' "${unbound}"
  flag "$(printf '%s\n' "${unbound}" | wc -l) claim(s) not bound"
else
  echo "none"
fi

section "certificates"
if kubectl get crd certificates.cert-manager.io >/dev/null 2>&1; then
  kubectl get certificates -A
  not_ready="$(kubectl get certificates -A --no-headers \
    -o custom-columns='NAMESPACE:.metadata.namespace,NAME:.metadata.name,READY:.status.conditions[?(@.type=="Ready")].status' |
    awk '$3 != "True"')"
  [[ -z "${not_ready}" ]] || flag "certificate(s) not ready: ${not_ready//$'\n'/; }"
else
  flag "cert-manager CRDs are not installed"
fi

section "Argo CD applications"
if kubectl get crd applications.argoproj.io >/dev/null 2>&1; then
  kubectl get applications -n argocd \
    -o custom-columns='NAME:.metadata.name,SYNC:.status.sync.status,HEALTH:.status.health.status'
  unhealthy="$(kubectl get applications -n argocd --no-headers \
    -o custom-columns='NAME:.metadata.name,SYNC:.status.sync.status,HEALTH:.status.health.status' |
    awk '$2 != "Synced" || $3 != "Healthy"')"
  [[ -z "${unhealthy}" ]] || flag "application(s) not synced and healthy: ${unhealthy//$'\n'/; }"
else
  echo "Argo CD is not installed (manual deployment path)"
fi

section "summary"
if [[ "${problems}" -eq 0 ]]; then
  echo "healthy"
else
  echo "${problems} problem(s) found"
  exit 1
fi
