#!/usr/bin/env bash
# Checks, tests and compiles the Rego policies into the Wasm module the policy jar embeds.
#
# Usage: scripts/build-policy-wasm.sh [--check]
#   (no option)  rebuild policy.wasm, manifest.json and rules.json in place
#   --check      rebuild into a temporary folder and fail when the committed files differ
#   OPA          opa binary to use (default: the pinned one, installed by scripts/install-opa.sh)
#   OPA_COVERAGE_MIN  minimum `opa test` coverage in percent (default 95)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${repo_root}"

readonly rego_dir="policy/src/main/rego"
readonly out_rel="policy/src/main/resources/dev/homelab/policy/wasm"
readonly entrypoint="homelab/main/violations"
readonly refresh_command="scripts/build-policy-wasm.sh"
readonly generated=(policy.wasm manifest.json rules.json)

mode="build"
case "${1:-}" in
  "") ;;
  --check) mode="check" ;;
  -h | --help)
    sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
  *)
    printf 'build-policy-wasm: unknown option %s (use --check or nothing)\n' "$1" >&2
    exit 2
    ;;
esac

log() { printf 'build-policy-wasm: %s\n' "$*" >&2; }

# The pin lives in install-opa.sh; the ${...} in the pattern is literal text to match there.
# shellcheck disable=SC2016
pinned_version="$(sed -n 's/^OPA_VERSION="\${OPA_VERSION:-v\([^}]*\)}"$/\1/p' scripts/install-opa.sh)"
opa="${OPA:-$(scripts/install-opa.sh)}"
opa_version="$("${opa}" version | sed -n 's/^Version: *//p')"
if [[ "${opa_version}" != "${pinned_version}" ]]; then
  log "opa at ${opa} is ${opa_version}, but the policies are built with ${pinned_version}; run scripts/install-opa.sh and unset OPA"
  exit 1
fi

# A temporary folder for everything the build writes before it is compared or moved into place.
work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT

log "opa check --strict ${rego_dir}"
"${opa}" check --strict "${rego_dir}"

# opa stops a test after 5 s by default; a loaded CI machine is not a wrong policy, so allow more.
log "opa test ${rego_dir}"
"${opa}" test --timeout 120s "${rego_dir}"
"${opa}" test --timeout 120s --coverage --format json "${rego_dir}" >"${work}/coverage.json"
coverage="$("${opa}" eval --format raw --input "${work}/coverage.json" 'sprintf("%v", [round(input.coverage * 100) / 100])')"
log "coverage ${coverage}%"
if ! "${opa}" eval --fail --format raw --input "${work}/coverage.json" \
  "input.coverage >= ${OPA_COVERAGE_MIN:-95}" >/dev/null; then
  log "coverage ${coverage}% is below ${OPA_COVERAGE_MIN:-95}%; add tests for the lines opa test --coverage lists as not_covered"
  exit 1
fi

# The policy sources in C-locale order: the Wasm depends on these and on nothing else.
mapfile -t sources < <(find "${rego_dir}/homelab" -name '*.rego' ! -name '*_test.rego' | LC_ALL=C sort)

out="${work}/out"
mkdir -p "${out}"
log "opa build -t wasm -e ${entrypoint}"
"${opa}" build --target wasm --entrypoint "${entrypoint}" --output "${work}/bundle.tar.gz" "${sources[@]}"
tar -xzf "${work}/bundle.tar.gz" -C "${work}" /policy.wasm 2>/dev/null || tar -xzf "${work}/bundle.tar.gz" -C "${work}" policy.wasm
install -m 0644 "${work}/policy.wasm" "${out}/policy.wasm"

"${opa}" inspect --annotations --format json "${rego_dir}" >"${work}/inspect.json"
problems="$("${opa}" eval --format raw --data "${rego_dir}/build" --input "${work}/inspect.json" \
  'concat("\n", sort(data.homelab.build.catalog.problems))')"
if [[ -n "${problems}" ]]; then
  log "METADATA problems:"
  printf '%s\n' "${problems}" >&2
  exit 1
fi
"${opa}" eval --format raw --data "${rego_dir}/build" --input "${work}/inspect.json" \
  'json.marshal_with_options(data.homelab.build.catalog.rules, {"pretty": true, "indent": "  "})' >"${out}/rules.json"

source_lines="$(sha256sum "${sources[@]}")"
rego_sha="$(printf '%s\n' "${source_lines}" | sha256sum | cut -d' ' -f1)"
wasm_sha="$(sha256sum "${out}/policy.wasm" | cut -d' ' -f1)"
source_data=()
for source in "${sources[@]}"; do source_data+=(--data "${source}"); done
index_kinds="$("${opa}" eval --format raw "${source_data[@]}" 'json.marshal(sort(data.homelab.main.index_kinds))')"
{
  printf '{\n'
  printf '  "opaVersion": "%s",\n' "${opa_version}"
  printf '  "entrypoint": "%s",\n' "${entrypoint}"
  printf '  "indexKinds": %s,\n' "${index_kinds}"
  printf '  "wasmSha256": "%s",\n' "${wasm_sha}"
  printf '  "regoSha256": "%s",\n' "${rego_sha}"
  printf '  "regoSha256Input": "sha256sum output of the sources below, one line each, in this order",\n'
  printf '  "sources": [\n'
  last=$((${#sources[@]} - 1))
  for i in "${!sources[@]}"; do
    sep=","
    [[ ${i} -eq ${last} ]] && sep=""
    printf '    {"path": "%s", "sha256": "%s"}%s\n' "${sources[${i}]}" "$(sha256sum "${sources[${i}]}" | cut -d' ' -f1)" "${sep}"
  done
  printf '  ]\n'
  printf '}\n'
} >"${out}/manifest.json"

if [[ "${mode}" == "check" ]]; then
  stale=0
  for f in "${generated[@]}"; do
    if ! cmp -s "${out}/${f}" "${out_rel}/${f}"; then
      printf 'build-policy-wasm: stale: %s/%s does not match the Rego sources\n' "${out_rel}" "${f}" >&2
      stale=1
    fi
  done
  if [[ ${stale} -ne 0 ]]; then
    printf 'build-policy-wasm: refresh it with: %s (then commit %s)\n' "${refresh_command}" "${out_rel}" >&2
    exit 1
  fi
  log "up to date: ${out_rel}/{$(IFS=,; printf '%s' "${generated[*]}")}"
  exit 0
fi

mkdir -p "${out_rel}"
for f in "${generated[@]}"; do
  cp "${out}/${f}" "${out_rel}/${f}"
done
log "wrote ${out_rel}/{$(IFS=,; printf '%s' "${generated[*]}")} (wasm sha256 ${wasm_sha})"
