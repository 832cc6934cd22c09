#!/usr/bin/env bash
# Joins a worker VM to the K3s cluster as an agent.
#
# Run as root on the worker:  sudo K3S_TOKEN="$(ssh k3s-master sudo cat /var/lib/rancher/k3s/server/node-token)" ./install-worker.sh
# Overrides (environment): K3S_VERSION, K3S_URL, NODE_IP
set -euo pipefail

K3S_VERSION="${K3S_VERSION:-v1.34.1+k3s1}"
K3S_URL="${K3S_URL:-https://192.168.2.20:6443}"
NODE_IP="${NODE_IP:-}"

log() { printf '[install-worker] %s\n' "$*"; }

if [[ "${EUID}" -ne 0 ]]; then
  echo "install-worker.sh must run as root (sudo)." >&2
  exit 1
fi
if [[ -z "${K3S_TOKEN:-}" ]]; then
  echo "K3S_TOKEN is not set: read it from /var/lib/rancher/k3s/server/node-token on k3s-master." >&2
  exit 1
fi

log "installing the NFS client (kubelet mounts nfs-client volumes on every node)"
apt-get update -qq
apt-get install -y -qq nfs-common curl

agent_args=(agent)
if [[ -n "${NODE_IP}" ]]; then
  agent_args+=(--node-ip "${NODE_IP}")
fi

log "joining ${K3S_URL} with K3s ${K3S_VERSION}"
curl -sfL https://get.k3s.io |
  INSTALL_K3S_VERSION="${K3S_VERSION}" K3S_URL="${K3S_URL}" K3S_TOKEN="${K3S_TOKEN}" sh -s - "${agent_args[@]}"

log "done. Check from your workstation with: kubectl get nodes"
