#!/usr/bin/env bash
# Search latency on the Node.js WG data, and with N generated advisories added (bench/audit's generator).
# Usage: bench/search/run.sh [generated=0] [runs=21]
# VIGIL_BENCH_POSTGRES='Host=…;Username=…;Database=NAME' also runs it on PostgreSQL: an empty database
# (filled on the first run, reused after).
set -euo pipefail
cd "$(dirname "$0")/../.."
GENERATED="${1:-0}"
RUNS="${2:-21}"
WORK="${BENCH_DIR:-/tmp/vigil-bench-search}"
WG="../shared/data/nodejs-security-wg/vuln"
mkdir -p "$WORK"
dotnet build -c Release bench/search/Vigil.Bench.Search >/dev/null
SOURCES=("$WG")
if [[ "$GENERATED" != 0 ]]; then
  [[ -f "$WORK/gen-$GENERATED/all.zip" ]] || \
    dotnet run -c Release --project bench/audit/Vigil.Bench.AuditData -- "$WORK/gen-$GENERATED" "$GENERATED" 10 >/dev/null
  SOURCES+=("$WORK/gen-$GENERATED/all.zip")
fi
BIN=bench/search/Vigil.Bench.Search/bin/Release/net10.0/Vigil.Bench.Search.dll
rm -f "$WORK/search-$GENERATED.db"*
dotnet "$BIN" "$WORK/search-$GENERATED.db" "$RUNS" "${SOURCES[@]}"
if [[ -n "${VIGIL_BENCH_POSTGRES:-}" ]]; then
  dotnet "$BIN" "$VIGIL_BENCH_POSTGRES" "$RUNS" "${SOURCES[@]}"
fi
