#!/usr/bin/env bash
# Validator benchmark: documents per second and peak memory on 1k, 10k and 50k documents, side by
# side with kubeconform (strict, same schemas) when it is on PATH. Prints a Markdown table.
#
# Usage: bench/validator/run.sh [SIZES...]   (default: 1000 10000 50000)
# Needs: validator/target/validator.jar (mvn -DskipTests package), python3, GNU time.
set -euo pipefail
cd "$(dirname "$0")/../.."

jar=validator/target/validator.jar
[[ -f "${jar}" ]] || { echo "build first: mvn -B -ntp -DskipTests package" >&2; exit 1; }
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(1000 10000 50000)
work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT
java -jar "${jar}" schemas export "${work}/k8s" >/dev/null
cores="$(nproc)"

measure() { # label, command...: prints "seconds peak_kib exit"
  local out="${work}/time.txt"
  set +e
  /usr/bin/time -f "%e %M" -o "${out}" "${@:2}" >"${work}/$1.out" 2>&1
  local code=$?
  set -e
  echo "$(tail -n 1 "${out}") ${code}"
}

echo "| documents | tool | wall s | docs/s | peak MiB | problems found |"
echo "|---:|---|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
  corpus="${work}/corpus-${n}"
  broken="$(python3 bench/validator/make-corpus.py "${n}" "${corpus}")"
  read -r secs kib _ < <(measure validator java -jar "${jar}" --checks schema --offline --no-catalog \
    --format json --schema-location "${corpus}/schemas/{group}/{kind}_{version}.json" "${corpus}/manifests")
  found="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"]["errors"])' "${work}/validator.out")"
  printf '| %d | java -jar validator.jar | %.2f | %.0f | %.0f | %s of %s |\n' "${n}" "${secs}" "$(echo "${n} / ${secs}" | bc -l)" "$(echo "${kib} / 1024" | bc -l)" "${found}" "${broken}"
  # The launcher as shipped: its JIT and GC settings, and its JVM archive, made by an untimed run of
  # the same command (a --version run makes none).
  HOMELAB_CACHE="${work}/jvm" bin/homelab validate --checks schema --offline --no-catalog \
    --format json --schema-location "${corpus}/schemas/{group}/{kind}_{version}.json" "${corpus}/manifests" >/dev/null 2>&1 || true
  read -r secs kib _ < <(measure launcher env HOMELAB_CACHE="${work}/jvm" bin/homelab validate --checks schema --offline --no-catalog \
    --format json --schema-location "${corpus}/schemas/{group}/{kind}_{version}.json" "${corpus}/manifests")
  found="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"]["errors"])' "${work}/launcher.out")"
  printf '| %d | bin/homelab validate | %.2f | %.0f | %.0f | %s of %s |\n' "${n}" "${secs}" "$(echo "${n} / ${secs}" | bc -l)" "$(echo "${kib} / 1024" | bc -l)" "${found}" "${broken}"
  if command -v kubeconform >/dev/null 2>&1; then
    read -r secs kib _ < <(measure kubeconform kubeconform -strict -summary -n "${cores}" \
      -schema-location "${work}/k8s/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json" \
      -schema-location "${corpus}/schemas/{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json" \
      -kubernetes-version 1.34.0 "${corpus}/manifests")
    found="$(grep -o 'Invalid: [0-9]*' "${work}/kubeconform.out" | grep -o '[0-9]*' || echo '?')"
    printf '| %d | kubeconform %s | %.2f | %.0f | %.0f | %s of %s |\n' "${n}" "$(kubeconform -v)" "${secs}" "$(echo "${n} / ${secs}" | bc -l)" "$(echo "${kib} / 1024" | bc -l)" "${found}" "${broken}"
  fi
  rm -rf "${corpus}"
done
