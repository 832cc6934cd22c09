#!/usr/bin/env bash
# Policy benchmark: policy load time and evaluations per second on 1k and 10k documents, with 1 and
# 2 threads, read from --timings of `java -jar policy.jar` and of `bin/homelab policy` (which adds a
# class-data archive and C1-only JIT flags). Prints a Markdown table, then the rounds of Warm.java:
# the same check repeated in one JVM (with C2, which pays off once warm), which shows the rate once
# the JIT has compiled the Wasm.
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

echo "| runner | documents | threads | policy load ms | evaluation ms | evaluations/s | wall s | peak MiB | findings |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
export HOMELAB_CACHE="${work}/jvm-cache"
for n in "${sizes[@]}"; do
  corpus="${work}/corpus-${n}"
  python3 bench/validator/make-corpus.py "${n}" "${corpus}" --lab >/dev/null
  # The launcher's first run only records its class-data archive; measure the runs that use it.
  bin/homelab policy --fail-on never --quiet "${corpus}" >/dev/null 2>&1 || true
  sleep 2
  for runner in "java -jar" "bin/homelab"; do
    for threads in 1 2; do
      if [[ "${runner}" == "java -jar" ]]; then command=(java -jar "${jar}"); else command=(bin/homelab policy); fi
      /usr/bin/time -f "%e %M" -o "${work}/time" "${command[@]}" --timings --threads "${threads}" \
        --fail-on never --format json "${corpus}" >"${work}/out.json" 2>"${work}/err" || true
      grep -v '^timing:' "${work}/err" >&2 || true
      read -r wall kib <"${work}/time"
      load="$(timing "${work}/err" "policy load")"
      evaluation="$(timing "${work}/err" "policy evaluation")"
      findings="$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["summary"]; print(s["errors"]+s["warnings"])' "${work}/out.json")"
      printf '| %s | %d | %d | %.0f | %.0f | %.0f | %.2f | %.0f | %s |\n' "${runner}" "${n}" "${threads}" "${load}" "${evaluation}" \
        "$(echo "${n} * 1000 / ${evaluation}" | bc -l)" "${wall}" "$(echo "${kib} / 1024" | bc -l)" "${findings}"
    done
  done
  if [[ "${n}" == "${sizes[-1]}" ]]; then
    for threads in 1 2; do
      echo
      echo "Warm.java, ${n} documents, ${threads} thread(s), C2 and the parallel collector:"
      java -XX:+UseParallelGC -cp "${jar}" bench/policy/Warm.java "${corpus}" 10 "${threads}"
    done
  fi
  rm -rf "${corpus}"
done
