#!/usr/bin/env bash
# Regenerates the docs that come from code: docs/rules/ (rule metadata) and
# docs/schemas/homelab.schema.json (the config schema), and core's list of every rule id
# (toolkit-rules.txt). CI fails when they are stale.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -pl generator -am test -Ddocs.update=true \
  -Dtest='RuleReferenceTest,PublishedSchemaTest' -Dsurefire.failIfNoSpecifiedTests=false
git status --short docs/rules docs/schemas core/src/main/resources/dev/homelab/core/finding
