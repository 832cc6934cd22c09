#!/usr/bin/env bash
# On-demand backup before risky changes: an etcd snapshot through K3s (stored with the scheduled ones on
# the NFS mount /mnt/k3s-snapshots) and a pg_dump of every PostgreSQL database to the postgres-backup
# NFS volume, using the same job template as the nightly CronJob.
#
# Usage: gitops/scripts/backup-cluster.sh [name]
# Overrides (environment): MASTER_SSH (ssh target of the K3s server, default k3s-master)
set -euo pipefail

NAME="${1:-manual-$(date +%Y%m%d-%H%M%S)}"
MASTER_SSH="${MASTER_SSH:-k3s-master}"
JOB="postgres-backup-${NAME}"

step() { printf '\n==> %s\n' "$*"; }

step "etcd snapshot ${NAME}"
if command -v k3s >/dev/null 2>&1 && [[ -f /etc/rancher/k3s/config.yaml ]]; then
  sudo k3s etcd-snapshot save --name "${NAME}"
  sudo k3s etcd-snapshot ls
else
  ssh "${MASTER_SSH}" sudo k3s etcd-snapshot save --name "${NAME}"
  ssh "${MASTER_SSH}" sudo k3s etcd-snapshot ls
fi

step "PostgreSQL dump (job ${JOB} in namespace data)"
# Job names are limited to 63 characters.
JOB="${JOB:0:63}"
kubectl -n data create job "${JOB}" --from=cronjob/postgres-backup
if ! kubectl -n data wait --for=condition=complete "job/${JOB}" --timeout=30m; then
  kubectl -n data logs "job/${JOB}" --all-containers || true
  echo "PostgreSQL backup job ${JOB} did not complete; see docs/runbooks/postgres-backup.md." >&2
  exit 1
fi
kubectl -n data logs "job/${JOB}" --all-containers

step "done: snapshot ${NAME} in /mnt/k3s-snapshots on the master, dump folder listed above"
