#!/usr/bin/env bash
# Start-up benchmark: cold wall time on gitops/ of `java -jar` and of bin/homelab (with its CDS or AOT
# archive, made by one untimed run first), on Java 17 and on Java 25, next to `java -version` as the
# floor. Prints a Markdown table of medians over RUNS runs (default 7).
#
# Usage: bench/startup/run.sh   (JAVA17=... JAVA25=... to point at other JDKs)
set -euo pipefail
cd "$(dirname "$0")/../.."

runs="${RUNS:-7}"
java17="${JAVA17:-/usr/lib/jvm/java-17-openjdk-amd64}"
java25="${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cache="$(mktemp -d)"
trap 'rm -rf "${cache}"' EXIT
export HOMELAB_CACHE="${cache}"

median() { # command...: median wall seconds of $runs runs
  local times=()
  for _ in $(seq "${runs}"); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    times+=("$(( (end - start) / 1000000 ))")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

echo "| Java | command | median ms | × floor |"
echo "|---|---|---:|---:|"
for home in "${java17}" "${java25}"; do
  [[ -x "${home}/bin/java" ]] || { echo "skipping ${home}: no java there" >&2; continue; }
  version="$(sed -n 's/^JAVA_VERSION="\(.*\)"$/\1/p' "${home}/release")"
  floor="$(median "${home}/bin/java" -version)"
  printf "| %s | \`java -version\` (floor) | %d | 1.0 |\n" "${version}" "${floor}"
  row() { # label, command...
    local ms
    ms="$(median "${@:2}")"
    printf "| %s | \`%s\` | %d | %.1f |\n" "${version}" "$1" "${ms}" "$(echo "${ms} / ${floor}" | bc -l)"
  }
  row "java -jar validator.jar" "${home}/bin/java" -jar validator/target/validator.jar --offline --no-catalog
  row "java -jar policy.jar" "${home}/bin/java" -jar policy/target/policy.jar
  JAVA_HOME="${home}" bin/homelab validate --offline --no-catalog >/dev/null 2>&1 || true
  JAVA_HOME="${home}" bin/homelab policy >/dev/null 2>&1 || true
  sleep 15 # the Java 25 AOT cache is built in the background after the first run
  row "bin/homelab validate" env JAVA_HOME="${home}" bin/homelab validate --offline --no-catalog
  row "bin/homelab policy" env JAVA_HOME="${home}" bin/homelab policy
  both() { JAVA_HOME="${home}" bin/homelab validate --offline --no-catalog && JAVA_HOME="${home}" bin/homelab policy; }
  ms="$(median both)"
  printf "| %s | \`bin/homelab validate && bin/homelab policy\` | %d | %.1f |\n" "${version}" "${ms}" "$(echo "${ms} / ${floor}" | bc -l)"
  # What a pre-commit hook runs for one staged file: the tree is loaded for context, one file is checked.
  staged=gitops/applications/nginx/configmap.yaml
  one() { JAVA_HOME="${home}" bin/homelab validate --offline --no-catalog "${staged}" && JAVA_HOME="${home}" bin/homelab policy "${staged}"; }
  ms="$(median one)"
  printf "| %s | \`bin/homelab validate && bin/homelab policy\`, one staged file | %d | %.1f |\n" "${version}" "${ms}" "$(echo "${ms} / ${floor}" | bc -l)"
  # check runs both in one JVM (generator.jar); its archive is made by an untimed first run too.
  JAVA_HOME="${home}" bin/homelab check --offline --no-catalog >/dev/null 2>&1 || true
  sleep 20
  row "bin/homelab check" env JAVA_HOME="${home}" bin/homelab check --offline --no-catalog
  row "bin/homelab check, one staged file" env JAVA_HOME="${home}" bin/homelab check --offline --no-catalog "${staged}"
done
