#!/usr/bin/env bash
# Installs Argo CD once, on the chart's defaults, so that it can take over from Git.
set -euo pipefail

helm repo add argo https://argoproj.github.io/argo-helm --force-update
helm upgrade --install argocd argo/argo-cd --version 9.3.4 \
  --namespace argocd --create-namespace --wait
# A hotfix for the first sync; remove once values-homelab.yaml carries it.
helm upgrade --install argocd argo/argo-cd --version 9.3.4 --namespace argocd --reuse-values --set configs.params."server\.insecure"=true  # expect: helm-values-file
