#!/usr/bin/env bash
# The mixed load run (docs/reliability.md, "Load"): the published `vigil serve` on a database holding the Node.js
# Security WG advisories, driven for 10 minutes by concurrent clients mixing the consumers' requests (npm bulk, OSV
# querybatch, advisory, search, package and program pages, the Atom feed) with the program's (report intake,
# comments and internal notes by four participants on one report, triage moves including racing accepts,
# publications). Prints requests, 5xx, p50/p99 per kind and the server's RSS every 10 s; exit 1 on any 5xx, failed
# connection or unexpected 4xx.
# Usage: bench/load/run.sh [driver options]   e.g. --minutes 10 --users 8 --db postgres --port 18210
# VIGIL_PUBLISHED=DIR uses a build published before (dotnet publish src/Vigil.Cli -c Release -o DIR).
set -euo pipefail
cd "$(dirname "$0")/../.."
WORK="${BENCH_DIR:-/tmp/vigil-bench-load}"
mkdir -p "$WORK"
if [[ -z "${VIGIL_PUBLISHED:-}" ]]; then
  echo "== publishing vigil (Release, managed build) to $WORK/bin"
  dotnet publish src/Vigil.Cli -c Release -p:VigilNative=false -o "$WORK/bin" >/dev/null
  VIGIL_PUBLISHED="$WORK/bin"
fi
if [[ -z "${VIGIL_TEST_POSTGRES:-}" && " $* " == *" --db postgres "* ]]; then
  eval "$(scripts/start-postgres.sh)"
fi
dotnet build -c Release bench/load/Vigil.Bench.Load >/dev/null
exec dotnet bench/load/Vigil.Bench.Load/bin/Release/net10.0/Vigil.Bench.Load.dll --vigil "$VIGIL_PUBLISHED/vigil" \
  --work "$WORK/run-$(date -u +%Y%m%d-%H%M%S)" "$@"
