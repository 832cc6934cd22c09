#!/usr/bin/env bash
# Installs the first K3s server with embedded etcd and without the bundled servicelb.
set -euo pipefail
curl -sfL https://get.k3s.io | INSTALL_K3S_VERSION=v1.34.1+k3s1 sh -s - server --cluster-init --disable servicelb
