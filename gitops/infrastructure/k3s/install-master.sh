#!/usr/bin/env bash
# Installs the K3s server on k3s-master: embedded etcd, snapshots every 12 h on the NFS mount,
# servicelb off (MetalLB hands out LoadBalancer addresses instead), secrets encrypted at rest.
#
# Run as root on the master VM:  sudo ./install-master.sh
# Overrides (environment): K3S_VERSION, NODE_IP, NFS_SERVER, SNAPSHOT_EXPORT
set -euo pipefail

K3S_VERSION="${K3S_VERSION:-v1.34.1+k3s1}"
NODE_IP="${NODE_IP:-192.168.2.20}"
NFS_SERVER="${NFS_SERVER:-192.168.2.10}"
SNAPSHOT_EXPORT="${SNAPSHOT_EXPORT:-/volume1/k3s-snapshots}"
SNAPSHOT_DIR=/mnt/k3s-snapshots
CONFIG_DIR=/etc/rancher/k3s

log() { printf '[install-master] %s\n' "$*"; }

if [[ "${EUID}" -ne 0 ]]; then
  echo "install-master.sh must run as root (sudo)." >&2
  exit 1
fi

log "installing the NFS client (needed for the snapshot mount and for nfs-client volumes)"
apt-get update -qq
apt-get install -y -qq nfs-common curl

log "mounting ${NFS_SERVER}:${SNAPSHOT_EXPORT} on ${SNAPSHOT_DIR}"
mkdir -p "${SNAPSHOT_DIR}"
fstab_line="${NFS_SERVER}:${SNAPSHOT_EXPORT} ${SNAPSHOT_DIR} nfs4 rw,hard,noatime,_netdev 0 0"
if ! grep -qF "${SNAPSHOT_DIR}" /etc/fstab; then
  echo "${fstab_line}" >>/etc/fstab
fi
if ! mountpoint -q "${SNAPSHOT_DIR}"; then
  mount "${SNAPSHOT_DIR}"
fi

log "writing ${CONFIG_DIR}/config.yaml"
mkdir -p "${CONFIG_DIR}"
cat >"${CONFIG_DIR}/config.yaml" <<CONFIG
# Written by gitops/infrastructure/k3s/install-master.sh; edit the script, not this file.
cluster-init: true
node-ip: ${NODE_IP}
tls-san:
  - ${NODE_IP}
  - k3s-master
write-kubeconfig-mode: "0600"
secrets-encryption: true
disable:
  - servicelb
etcd-snapshot-schedule-cron: "0 */12 * * *"
etcd-snapshot-retention: 14
etcd-snapshot-dir: ${SNAPSHOT_DIR}
etcd-snapshot-compress: true
CONFIG
chmod 0600 "${CONFIG_DIR}/config.yaml"

log "installing K3s ${K3S_VERSION}"
curl -sfL https://get.k3s.io | INSTALL_K3S_VERSION="${K3S_VERSION}" sh -s - server

log "waiting for the node to become Ready"
for _ in $(seq 1 60); do
  if k3s kubectl get nodes --no-headers 2>/dev/null | grep -q ' Ready '; then
    break
  fi
  sleep 5
done
k3s kubectl get nodes -o wide

log "done. Join workers with install-worker.sh; their token is in /var/lib/rancher/k3s/server/node-token."
