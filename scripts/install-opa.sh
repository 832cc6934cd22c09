#!/usr/bin/env bash
# Installs the pinned opa CLI from the Go module proxy and prints the path of the binary.
#
# Usage: scripts/install-opa.sh
#   OPA_VERSION      version to install (default: the pinned one below)
#   OPA_INSTALL_DIR  folder that receives the binary (default: ~/.local/share/homelab/opa/<version>)
# Prints the absolute path of the opa binary on stdout; progress goes to stderr.
set -euo pipefail

readonly OPA_MODULE="github.com/open-policy-agent/opa"
# The compiled Wasm and its manifest record this version; bump both together.
OPA_VERSION="${OPA_VERSION:-v1.22.3}"
install_dir="${OPA_INSTALL_DIR:-${HOME}/.local/share/homelab/opa/${OPA_VERSION}}"
opa_bin="${install_dir}/opa"

log() { printf 'install-opa: %s\n' "$*" >&2; }

installed_version() {
  # `opa version` prints "Version: 1.22.3" on its first line.
  "$1" version 2>/dev/null | sed -n 's/^Version: *//p' | head -n 1
}

if [[ -x "${opa_bin}" && "$(installed_version "${opa_bin}")" == "${OPA_VERSION#v}" ]]; then
  printf '%s\n' "${opa_bin}"
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  log "go is not on PATH; install Go 1.24 or newer (apt-get install golang-go or https://go.dev/dl) and re-run."
  exit 1
fi

mkdir -p "${install_dir}"
# A reproducible binary: no VCS stamping, no local paths, no cgo.
export CGO_ENABLED=0
export GOFLAGS="${GOFLAGS:-} -buildvcs=false -trimpath"

log "installing ${OPA_MODULE}@${OPA_VERSION} into ${install_dir}"
if GOBIN="${install_dir}" go install "${OPA_MODULE}@${OPA_VERSION}"; then
  :
else
  log "go install was refused; building from the module cache instead"
  module_dir="$(go mod download -json "${OPA_MODULE}@${OPA_VERSION}" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  if [[ -z "${module_dir}" || ! -d "${module_dir}" ]]; then
    log "go mod download ${OPA_MODULE}@${OPA_VERSION} gave no module directory"
    exit 1
  fi
  # The module cache is read-only, so the build runs there but writes its output elsewhere.
  (cd "${module_dir}" && go build -mod=mod -o "${opa_bin}" .)
fi

actual="$(installed_version "${opa_bin}")"
if [[ "${actual}" != "${OPA_VERSION#v}" ]]; then
  log "expected opa ${OPA_VERSION#v} at ${opa_bin} but found '${actual}'"
  exit 1
fi
log "opa ${actual} ready"
printf '%s\n' "${opa_bin}"
