#!/usr/bin/env bash
# Times the generator on a synthetic lab of 50 namespaces and 1,000 components in a temporary git
# repository: a full refresh that writes and commits everything, then a no-op run.
#
#   bash bench/generator/run.sh            # after: mvn -B -pl generator -am package -DskipTests
#   RUNS=5 bash bench/generator/run.sh     # more samples
#   JAVA_OPTS="-XX:TieredStopAtLevel=1" bash bench/generator/run.sh   # JVM flags to compare
#   LAUNCHER=1 bash bench/generator/run.sh  # through bin/homelab (class-data sharing, C1 only)
#
# Prints one line per sample and the median of each. Uses hyperfine when it is installed.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
JAR="$ROOT/generator/target/generator.jar"
RUNS="${RUNS:-3}"
NAMESPACES="${NAMESPACES:-50}"
PER_NAMESPACE="${PER_NAMESPACE:-20}"
[[ -f "$JAR" ]] || { echo "missing $JAR; run: mvn -B -pl generator -am package -DskipTests" >&2; exit 2; }

WORK="$(mktemp -d)"
# KEEP=1 leaves the lab in place for profiling.
if [[ -n "${KEEP:-}" ]]; then
  echo "work folder: $WORK"
else
  trap 'rm -rf "$WORK"' EXIT
fi
LAB="$WORK/lab"
TREE="$LAB/gitops"
mkdir -p "$TREE"

# The gate checks the 1,000 generated Applications against Argo CD's schema when the shared test
# schemas are beside the repository; without them it still runs, with schema-missing warnings.
GATE=(--offline --no-catalog)
if [[ -d "$ROOT/../shared/schemas/crds" ]]; then
  GATE+=(--schema-location "$ROOT/../shared/schemas/crds")
  echo "gate: validator with Argo CD schemas from ../shared/schemas/crds"
else
  echo "gate: validator without Argo CD schemas (../shared/schemas/crds is absent)"
fi

labels() { # name instance component
  cat <<EOF
  labels:
    app.kubernetes.io/name: $1
    app.kubernetes.io/instance: $2
    app.kubernetes.io/component: $3
    app.kubernetes.io/part-of: bench-lab
    app.kubernetes.io/managed-by: argocd
EOF
}

{
  cat <<EOF
name: bench-lab
domain: home.example.com
kubernetes:
  version: "1.34"
git:
  repoURL: https://example.com/bench-lab.git
  revision: main
  path: gitops
network:
  lan: 192.168.2.0/24
  tailscale: 100.64.0.0/10
  metallbPools:
    - 192.168.2.240-192.168.2.250
layers: [infrastructure, applications]
profiles:
  small:
    quota:
      requests.cpu: "2"
    limitRange:
      defaultRequest: {cpu: 100m, memory: 128Mi}
      default: {cpu: 500m, memory: 512Mi}
      max: {cpu: "1", memory: 2Gi}
namespaces:
  - {name: argocd, layer: infrastructure, profile: small, clusterResources: true}
EOF
  for ((n = 0; n < NAMESPACES; n++)); do
    echo "  - {name: ns$n, layer: applications, profile: small}"
  done
  echo "components:"
  for ((n = 0; n < NAMESPACES; n++)); do
    for ((c = 0; c < PER_NAMESPACE; c++)); do
      name="app$n-$c"
      deps=()
      ((c > 0)) && deps+=("app$n-$((c - 1))")
      ((n > 0 && c == 0)) && deps+=("app$((n - 1))-$((PER_NAMESPACE - 1))")
      echo "  - name: $name"
      echo "    namespace: ns$n"
      echo "    path: applications/$name"
      if ((${#deps[@]})); then
        joined="$(IFS=,; echo "${deps[*]}")"
        echo "    dependsOn: [${joined//,/, }]"
      fi
      if ((c % 4 == 0)); then
        cat <<EOF
    chart:
      repoURL: https://charts.example.com/ns$n
      name: chart-$c
      version: 1.$c.0
EOF
      fi
      folder="$TREE/applications/$name"
      mkdir -p "$folder"
      {
        echo "apiVersion: v1"
        echo "kind: ConfigMap"
        echo "metadata:"
        echo "  name: $name-config"
        echo "  namespace: ns$n"
        labels "$name" "$name" config
        echo "data:"
        echo "  greeting: hello"
      } >"$folder/configmap.yaml"
      if ((c % 4 == 0)); then
        printf 'replicaCount: 1\n' >"$folder/values-homelab.yaml"
      fi
      printf '#!/bin/sh\necho %s\n' "$name" >"$folder/build.sh"
    done
  done
} >"$TREE/homelab.yaml"

cd "$LAB"
git init -q -b main
git -c user.name=bench -c user.email=bench@homelab.dev add -A
git -c user.name=bench -c user.email=bench@homelab.dev commit -q -m "Synthetic lab"
BASE="$(git rev-parse HEAD)"
echo "lab: $NAMESPACES namespaces, $((NAMESPACES * PER_NAMESPACE)) components, $(git ls-files | wc -l) files"

# shellcheck disable=SC2206
if [[ -n "${LAUNCHER:-}" ]]; then
  export HOMELAB_CACHE="$WORK/jvm-cache"
  GENERATE=("$ROOT/bin/homelab" generate "$TREE" --author "Bench <bench@homelab.dev>" "${GATE[@]}")
else
  GENERATE=(java ${JAVA_OPTS:-} -jar "$JAR" "$TREE" --author "Bench <bench@homelab.dev>" "${GATE[@]}")
fi
echo "command: ${GENERATE[*]}"

# The reset deletes a thousand files; sync lets the disk finish that before the timed run starts.
reset_lab() {
  git reset -q --hard "$BASE"
  git clean -q -fdx
  sync
}

millis() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : int((v[NR/2]+v[NR/2+1])/2)}'; }

if command -v hyperfine >/dev/null; then
  hyperfine --runs "$RUNS" --prepare "cd '$LAB' && git reset -q --hard $BASE && git clean -q -fdx" \
    --export-markdown "$WORK/full.md" "${GENERATE[*]} >/dev/null"
  "${GENERATE[@]}" >/dev/null 2>&1
  hyperfine --runs "$((RUNS * 2))" "${GENERATE[*]}"
  exit 0
fi

# One timed run: prints "WALL_MS CPU_MS" and stops the script if the run fails (CPU = user + system of the JVM, less sensitive than
# wall time to other load on the machine; from GNU time when it is installed).
timed() {
  local start ms cpu=-
  start=$(date +%s%N)
  if [[ -x /usr/bin/time ]]; then
    /usr/bin/time -f '%U %S' -o "$WORK/cpu.txt" "${GENERATE[@]}" >"$WORK/out.txt" 2>"$WORK/err.txt" ||
      { cat "$WORK/out.txt" "$WORK/err.txt" >&2; exit 1; }
    cpu=$(awk '{printf "%d", ($1 + $2) * 1000}' "$WORK/cpu.txt")
  else
    "${GENERATE[@]}" >"$WORK/out.txt" 2>"$WORK/err.txt" || { cat "$WORK/out.txt" "$WORK/err.txt" >&2; exit 1; }
  fi
  ms=$(millis "$start")
  echo "$ms $cpu"
}

# One untimed refresh first: it fills the disk cache and, through the launcher, its JVM archive.
"${GENERATE[@]}" >"$WORK/out.txt" 2>&1 || { cat "$WORK/out.txt" >&2; exit 1; }

full=() full_cpu=()
for ((i = 1; i <= RUNS; i++)); do
  reset_lab
  timed >"$WORK/timed.txt"
  read -r ms cpu <"$WORK/timed.txt"
  full+=("$ms") full_cpu+=("$cpu")
  git log -1 --format=%s | grep -q "1101 added" || { echo "unexpected commit: $(git log -1 --format=%s)" >&2; exit 1; }
  files=$(git show --name-only --format= HEAD | wc -l)
  echo "full refresh with commit #$i: ${ms} ms wall, ${cpu} ms CPU ($files files in commit $(git rev-parse --short HEAD))"
done

noop=() noop_cpu=()
for ((i = 1; i <= RUNS * 2; i++)); do
  head_before="$(git rev-parse HEAD)"
  timed >"$WORK/timed.txt"
  read -r ms cpu <"$WORK/timed.txt"
  noop+=("$ms") noop_cpu+=("$cpu")
  [[ "$(git rev-parse HEAD)" == "$head_before" ]] || { echo "the no-op run committed" >&2; exit 1; }
  echo "no-op run #$i: ${ms} ms wall, ${cpu} ms CPU ($(head -1 "$WORK/out.txt"))"
done

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
echo "median full refresh with commit: $(printf '%s\n' "${full[@]}" | median) ms wall," \
  "$(printf '%s\n' "${full_cpu[@]}" | median) ms CPU (target < 3000 ms)"
echo "median no-op run:                $(printf '%s\n' "${noop[@]}" | median) ms wall," \
  "$(printf '%s\n' "${noop_cpu[@]}" | median) ms CPU (target < 1000 ms)"
