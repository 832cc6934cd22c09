#!/usr/bin/env bash
# scripts/ is not a layer, so its files need no component: clean.
set -euo pipefail
kubectl apply -f "$(dirname "$0")/../infrastructure/namespaces.yaml"
