#!/usr/bin/env bash
# Brings the lab up from nothing with helm and kubectl, in dependency order.
set -euo pipefail
GITOPS="$(cd "$(dirname "$0")/.." && pwd)"
HELM_TIMEOUT=10m

# K3s on Debian 12 needs the legacy iptables backend; update-alternatives --set is not helm.
sudo update-alternatives --set iptables /usr/sbin/iptables-legacy
sudo update-alternatives --set ip6tables /usr/sbin/ip6tables-legacy

# Values from git only: clean.
helm upgrade --install cert-manager jetstack/cert-manager --version v1.19.1 \
  -f "${GITOPS}/infrastructure/cert-manager/values-homelab.yaml" -n infra --wait --timeout "${HELM_TIMEOUT}"
# The line after a finished helm command is a new command, whatever flags it carries.
sudo update-alternatives --set arptables /usr/sbin/arptables-legacy

# An inline value on the same line.
helm upgrade --install metallb metallb/metallb --version 0.15.2 -n infra --set speaker.frr.enabled=false  # expect: helm-values-file

# --set-string and --set-file are inline values too, and each one is reported.
helm upgrade --install postgres bitnami/postgresql --version 16.7.27 -n data --set-string primary.podAnnotations.backup=nightly --set-file primary.initdb.scripts.init\\.sql=./init.sql  # expect: helm-values-file helm-values-file

# Continuation lines belong to the helm command they continue.
helm upgrade --install prometheus prometheus-community/kube-prometheus-stack --version 79.4.1 \
  -n monitoring \
  -f "${GITOPS}/monitoring/prometheus/values.yaml" \
  --set grafana.adminPassword="${GRAFANA_ADMIN_PASSWORD}"  # expect: helm-values-file

# Also when the continuation is not indented.
helm upgrade --install loki grafana/loki --version 6.49.0 -n monitoring \
--set loki.auth_enabled=false  # expect: helm-values-file

# A value that was moved into git, with the old flag left as a note: clean.
helm upgrade --install promtail grafana/promtail --version 6.17.0 -n monitoring \
  -f "${GITOPS}/monitoring/promtail/values-homelab.yaml"  # was: --set config.clients[0].url=http://loki:3100
# helm upgrade --install n8n community-charts/n8n --set image.tag=latest

# Rendering is helm too: a template with an inline value is the same drift.
helm template n8n community-charts/n8n --version 1.24.0 --set=image.tag=1.117.3 | kubectl apply -n apps -f -  # expect: helm-values-file
