#!/usr/bin/env bash
# Regenerates docs/rules.md from the rule catalogue (each family's rules, defined beside its check
# in validator/src/lint/rules/), docs/spec-versions.md from the version table
# (validator/src/lint/rules/version_table.cc) and docs/spec-coverage.md from
# validator/data/spec-coverage.json. RulesCatalogueTest.CommittedDocsMatchTheCatalogue,
# VersionTable.CommittedDocMatchesTheTable and SpecCoverageTest.CommittedDocMatchesTheData fail
# when they differ.
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${OCI_LINT:-./build/oci-lint}
[[ -x "$binary" ]] || { echo "gen-docs: build first ($binary is missing)" >&2; exit 1; }
"$binary" rules --format markdown > docs/rules.md.tmp
mv docs/rules.md.tmp docs/rules.md
"$binary" rules --spec-versions --format markdown > docs/spec-versions.md.tmp
mv docs/spec-versions.md.tmp docs/spec-versions.md
"$binary" coverage --format markdown > docs/spec-coverage.md.tmp
mv docs/spec-coverage.md.tmp docs/spec-coverage.md
echo "gen-docs: wrote docs/rules.md, docs/spec-versions.md and docs/spec-coverage.md"
