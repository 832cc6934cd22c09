#!/usr/bin/env bash
# What one document of each kind costs the policy: splits the benchmark corpus by kind, repeats each
# kind to 10,000 documents and runs Warm.java on it, once with C1 only (the launcher's JIT) and once
# with full tiered compilation. Prints the first and last round of each, in µs per document.
#
# Usage: bench/policy/by-kind.sh [ROUNDS]   (default: 6)
# Needs: policy/target/policy.jar (mvn -DskipTests package), python3.
set -euo pipefail
cd "$(dirname "$0")/../.."

jar=policy/target/policy.jar
[[ -f "${jar}" ]] || { echo "build first: mvn -B -ntp -DskipTests package" >&2; exit 1; }
rounds="${1:-6}"
work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT

python3 bench/validator/make-corpus.py 10000 "${work}/corpus" --lab >/dev/null
python3 - "${work}" <<'EOF'
import collections, pathlib, shutil, sys
work = pathlib.Path(sys.argv[1])
by_kind = collections.defaultdict(list)
for part in sorted((work / "corpus" / "manifests").glob("*.yaml")):
    for doc in part.read_text().split("\n---\n"):
        kind = next((l.split()[1] for l in doc.splitlines() if l.startswith("kind:")), None)
        if kind:
            by_kind[kind].append(doc)
for kind, docs in by_kind.items():
    target = work / f"kind-{kind}"
    (target / "manifests").mkdir(parents=True)
    shutil.copy(work / "corpus" / "homelab.yaml", target)
    docs = (docs * (10000 // len(docs) + 1))[:10000]
    for i in range(0, len(docs), 10):
        (target / "manifests" / f"part-{i:05d}.yaml").write_text("\n---\n".join(docs[i:i + 10]))
EOF

us() { # Warm.java output line: µs per document
  sed -n 's/.* \([0-9]*\) ms, .*/\1/p' <<<"$1" | awk '{printf "%.0f", $1 * 1000 / 10000}'
}

echo "| kind | C1 round 1 µs | C1 round ${rounds} µs | tiered round 1 µs | tiered round ${rounds} µs |"
echo "|---|---:|---:|---:|---:|"
for corpus in "${work}"/kind-*; do
  c1="$(java -XX:+UseParallelGC -XX:TieredStopAtLevel=1 -cp "${jar}" bench/policy/Warm.java "${corpus}" "${rounds}" 1)"
  c2="$(java -XX:+UseParallelGC -cp "${jar}" bench/policy/Warm.java "${corpus}" "${rounds}" 1)"
  printf '| %s | %s | %s | %s | %s |\n' "${corpus##*/kind-}" \
    "$(us "$(head -n 1 <<<"${c1}")")" "$(us "$(tail -n 1 <<<"${c1}")")" \
    "$(us "$(head -n 1 <<<"${c2}")")" "$(us "$(tail -n 1 <<<"${c2}")")"
done
