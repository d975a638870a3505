#!/usr/bin/env bash
# Benchmark (a): Vigil's npm `satisfies` vs node-semver 7.8.5's, in one run, on the same pairs
# (the 386 GENERATED npm-audit pairs from shared/specs + an advisory-style set), both with ranges
# pre-parsed and from plain strings. Prints ns/op for both and node/Vigil (median of 7 rounds).
# Usage: bench/semver/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

if [[ ! -d tests/Vigil.Versioning.Tests/oracle/node_modules/semver ]]; then
  npm ci --prefix tests/Vigil.Versioning.Tests/oracle --no-audit --no-fund --loglevel=error >/dev/null
fi

dotnet build -c Release bench/semver/Vigil.Bench.Semver -o "$WORK/bin" -v quiet -nologo >/dev/null
BENCH="$WORK/bin/Vigil.Bench.Semver"

GENERATED=""
for candidate in ../shared/specs/semver/GENERATED-npm-audit-satisfies.json ../../shared/specs/semver/GENERATED-npm-audit-satisfies.json; do
  [[ -f "$candidate" ]] && GENERATED="$candidate" && break
done
[[ -z "$GENERATED" ]] && echo "note: shared/specs not found; measuring the advisory-style pairs only"

"$BENCH" write-pairs "$WORK/pairs.json" $GENERATED
echo "node $(node --version), node-semver $(node -p "require('./tests/Vigil.Versioning.Tests/oracle/node_modules/semver/package.json').version"); $(dotnet --version | sed 's/^/.NET SDK /'); $(nproc) cores"
node bench/semver/node-bench.js "$WORK/pairs.json" "$WORK/node.json"
"$BENCH" bench "$WORK/pairs.json" "$WORK/node.json"
