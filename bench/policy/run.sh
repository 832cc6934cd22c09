#!/usr/bin/env bash
# Policy benchmark: policy load time and evaluations per second on 1k and 10k documents, with 1 and
# 2 threads, read from policy.jar --timings. Prints a Markdown table.
#
# Usage: bench/policy/run.sh [SIZES...]   (default: 1000 10000)
# Needs: policy/target/policy.jar (mvn -DskipTests package), python3, GNU time.
set -euo pipefail
cd "$(dirname "$0")/../.."

jar=policy/target/policy.jar
[[ -f "${jar}" ]] || { echo "build first: mvn -B -ntp -DskipTests package" >&2; exit 1; }
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(1000 10000)
work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT

timing() { # file, phase: milliseconds
  sed -n "s/^timing: $2 *\([0-9.]*\) ms.*/\1/p" "$1" | head -n 1
}

echo "| documents | threads | policy load ms | evaluation ms | evaluations/s | wall s | peak MiB | findings |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
  corpus="${work}/corpus-${n}"
  python3 bench/validator/make-corpus.py "${n}" "${corpus}" --lab >/dev/null
  for threads in 1 2; do
    /usr/bin/time -f "%e %M" -o "${work}/time" java -jar "${jar}" --timings --threads "${threads}" \
      --fail-on never --format json "${corpus}" >"${work}/out.json" 2>"${work}/err" || true
    grep -v '^timing:' "${work}/err" >&2 || true
    read -r wall kib <"${work}/time"
    load="$(timing "${work}/err" "policy load")"
    evaluation="$(timing "${work}/err" "policy evaluation")"
    findings="$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["summary"]; print(s["errors"]+s["warnings"])' "${work}/out.json")"
    printf '| %d | %d | %.0f | %.0f | %.0f | %.2f | %.0f | %s |\n' "${n}" "${threads}" "${load}" "${evaluation}" \
      "$(echo "${n} * 1000 / ${evaluation}" | bc -l)" "${wall}" "$(echo "${kib} / 1024" | bc -l)" "${findings}"
  done
  rm -rf "${corpus}"
done
