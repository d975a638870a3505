#!/usr/bin/env bash
# Crash consistency (docs/reliability.md): drives the published `vigil serve` with concurrent writers, kills it with
# SIGKILL at random moments, restarts it and checks every acknowledged write and the database's invariants.
# Usage: bench/crash/run.sh [harness options]     e.g. --cycles 3 (smoke), --db sqlite, --seed N, --control early-ack
# Prints, per database: cycles, acknowledged writes, lost writes, integrity violations. Exit 1 on a loss or a violation
# (with --control early-ack: exit 1 when the harness saw no loss).
# VIGIL_PUBLISHED=DIR uses a build published before (dotnet publish src/Vigil.Cli -c Release -o DIR); otherwise the
# managed build is published to $BENCH_DIR/bin (Native AOT changes nothing for `serve`, which the managed host runs).
# PostgreSQL: the shared test server, a fresh database per run (dropped at the end); without VIGIL_TEST_POSTGRES the
# script starts it with scripts/start-postgres.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
WORK="${BENCH_DIR:-/tmp/vigil-bench-crash}"
mkdir -p "$WORK"
if [[ -z "${VIGIL_PUBLISHED:-}" ]]; then
  echo "== publishing vigil (Release, managed build) to $WORK/bin"
  dotnet publish src/Vigil.Cli -c Release -p:VigilNative=false -o "$WORK/bin" >/dev/null
  VIGIL_PUBLISHED="$WORK/bin"
fi
if [[ -z "${VIGIL_TEST_POSTGRES:-}" && " $* " != *" --db sqlite "* ]]; then
  eval "$(scripts/start-postgres.sh)"
fi
dotnet build -c Release bench/crash/Vigil.Bench.Crash >/dev/null
exec dotnet bench/crash/Vigil.Bench.Crash/bin/Release/net10.0/Vigil.Bench.Crash.dll --vigil "$VIGIL_PUBLISHED/vigil" "$@"
