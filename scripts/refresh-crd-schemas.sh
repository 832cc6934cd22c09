#!/usr/bin/env bash
# Refreshes the CRD schemas the validator embeds for the operators the lab runs.
#
# Usage: scripts/refresh-crd-schemas.sh [--check]
#   --check  rebuild into a temporary folder and fail when the committed files differ
#   Downloads each pinned upstream Go module from the module proxy (`go mod download`), takes its
#   CustomResourceDefinitions and writes them, reduced to what validation needs (no descriptions,
#   examples; defaults and CEL rules are kept), to validator/src/main/resources/dev/homelab/validator/schemas/crds/,
#   with index.json naming every kind and the module, file, SHA-256 and licence it came from.
#   Needs go and python3 with PyYAML; a plain mvn build needs neither.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly out="${repo_root}/validator/src/main/resources/dev/homelab/validator/schemas/crds"

mode="refresh"
case "${1:-}" in
  "") ;;
  --check) mode="check" ;;
  *)
    printf 'refresh-crd-schemas: unknown option %s (use --check or nothing)\n' "$1" >&2
    exit 2
    ;;
esac

# module version file-glob...: versions follow the charts pinned in gitops/homelab.yaml and K3s 1.34;
# Gateway API is the version Traefik v3.5.3 builds against.
readonly sources=(
  "github.com/argoproj/argo-cd/v3 v3.2.6 manifests/crds/application-crd.yaml manifests/crds/appproject-crd.yaml manifests/crds/applicationset-crd.yaml"
  "github.com/cert-manager/cert-manager v1.19.1 deploy/crds/*.yaml"
  "go.universe.tf/metallb v0.15.2 config/crd/bases/*.yaml"
  "github.com/prometheus-operator/prometheus-operator v0.86.1 example/prometheus-operator-crd/*.yaml"
  "github.com/traefik/traefik/v3 v3.5.3 docs/content/reference/dynamic-configuration/traefik.io_*.yaml"
  "github.com/k3s-io/helm-controller v0.16.13 pkg/crds/yaml/generated/*.yaml"
  "sigs.k8s.io/gateway-api v1.3.0 config/crd/standard/*.yaml"
)

# prometheus-operator v0.86.1 is served by the proxy but missing from the checksum database; the
# SHA-256 of every file taken is recorded in index.json instead, so --check notices other content.
export GONOSUMDB="github.com/prometheus-operator/prometheus-operator"
export GOFLAGS="-mod=mod"

work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT
listing="${work}/files.tsv"
: >"${listing}"
for entry in "${sources[@]}"; do
  read -r module version globs <<<"${entry}"
  dir="$(cd "${work}" && go mod download -json "${module}@${version}" | python3 -c 'import json,sys; d=json.load(sys.stdin); sys.exit(d["Error"]) if "Error" in d else print(d["Dir"])')"
  for glob in ${globs}; do
    matched=0
    for file in "${dir}"/${glob}; do
      [[ -f "${file}" ]] || continue
      matched=1
      printf '%s\t%s\t%s\t%s\n' "${module}" "${version}" "${file#"${dir}"/}" "${file}" >>"${listing}"
    done
    if [[ "${matched}" == 0 ]]; then
      printf 'refresh-crd-schemas: %s@%s has no file %s\n' "${module}" "${version}" "${glob}" >&2
      exit 1
    fi
  done
done

if [[ "${mode}" == "check" ]]; then
  python3 "${repo_root}/scripts/reduce-crds.py" "${listing}" "${work}/crds"
  if ! diff -r -q "${out}" "${work}/crds"; then
    printf 'refresh-crd-schemas: the embedded CRD schemas are stale; run scripts/refresh-crd-schemas.sh\n' >&2
    exit 1
  fi
  printf 'refresh-crd-schemas: the embedded CRD schemas are current\n'
  exit 0
fi
rm -rf "${out}.new"
mkdir -p "${out}.new"
python3 "${repo_root}/scripts/reduce-crds.py" "${listing}" "${out}.new"
rm -rf "${out}"
mv "${out}.new" "${out}"
printf 'refresh-crd-schemas: %s kinds in %s\n' \
  "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["kinds"]))' "${out}/index.json")" \
  "${out#"${repo_root}"/}"
