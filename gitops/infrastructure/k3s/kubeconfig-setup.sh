#!/usr/bin/env bash
# Copies the cluster's admin kubeconfig from k3s-master to this workstation (over SSH, via Tailscale
# or the LAN) and points it at the master's address instead of 127.0.0.1.
#
# Usage: ./kubeconfig-setup.sh [ssh-target]   (default: k3s-master)
# Overrides (environment): MASTER_IP, KUBECONFIG_PATH, CONTEXT_NAME
set -euo pipefail

SSH_TARGET="${1:-k3s-master}"
MASTER_IP="${MASTER_IP:-192.168.2.20}"
KUBECONFIG_PATH="${KUBECONFIG_PATH:-${HOME}/.kube/config}"
CONTEXT_NAME="${CONTEXT_NAME:-home-lab}"

if [[ -e "${KUBECONFIG_PATH}" ]]; then
  backup="${KUBECONFIG_PATH}.$(date +%Y%m%d%H%M%S).bak"
  cp "${KUBECONFIG_PATH}" "${backup}"
  echo "existing kubeconfig saved to ${backup}"
fi

mkdir -p "$(dirname "${KUBECONFIG_PATH}")"
tmp="$(mktemp)"
trap 'rm -f "${tmp}"' EXIT

# The file is root-only on the master (write-kubeconfig-mode 0600).
ssh "${SSH_TARGET}" sudo cat /etc/rancher/k3s/k3s.yaml >"${tmp}"
sed -e "s#https://127.0.0.1:6443#https://${MASTER_IP}:6443#" \
    -e "s#: default\$#: ${CONTEXT_NAME}#" "${tmp}" >"${KUBECONFIG_PATH}"
chmod 0600 "${KUBECONFIG_PATH}"

kubectl --kubeconfig "${KUBECONFIG_PATH}" config use-context "${CONTEXT_NAME}" >/dev/null
kubectl --kubeconfig "${KUBECONFIG_PATH}" get nodes -o wide
