#!/usr/bin/env bash
# Benchmark (b): `vigil audit` of a 2,000-package lockfile against 100,000 generated advisories.
# Prints import time, cold and warm wall time of the audit (median of repeated runs), CPU time,
# the in-process phase timings (VIGIL_TIMINGS=1) and peak memory.
# Usage: bench/audit/run.sh [advisories=100000] [packages=2000]
# Needs hyperfine (apt-get install hyperfine); /usr/bin/time for peak memory (apt-get install time);
# Native AOT's toolchain to publish vigil (apt-get install clang zlib1g-dev; gcc also links).
# BEFORE=path/to/another/vigil adds that build to the warm run, side by side (same data; its own
# database, imported by that build, so that a schema difference between the builds does not matter).
set -euo pipefail
cd "$(dirname "$0")/../.."
ADVISORIES="${1:-100000}"
PACKAGES="${2:-2000}"
WORK="${BENCH_DIR:-/tmp/vigil-bench-audit}"
mkdir -p "$WORK"

echo "== building vigil (Release: Native AOT for audit, managed host/ for the rest)"
dotnet publish src/Vigil.Cli -c Release -o "$WORK/bin" >/dev/null
VIGIL="$WORK/bin/vigil"

if [[ ! -f "$WORK/data-$ADVISORIES-$PACKAGES/all.zip" ]]; then
  echo "== generating $ADVISORIES advisories and a $PACKAGES-package lockfile"
  dotnet run -c Release --project bench/audit/Vigil.Bench.AuditData -- "$WORK/data-$ADVISORIES-$PACKAGES" "$ADVISORIES" "$PACKAGES"
fi
DATA="$WORK/data-$ADVISORIES-$PACKAGES"
DB="$WORK/audit-$ADVISORIES.db"

if [[ ! -f "$DB" ]]; then
  echo "== importing (vigil import all.zip)"
  start=$(date +%s.%N)
  "$VIGIL" import "$DATA/all.zip" --database "$DB" >/dev/null || true
  end=$(date +%s.%N)
  printf 'import of %s advisories: %.1f s\n' "$ADVISORIES" "$(echo "$end - $start" | bc)"
fi

findings=$("$VIGIL" audit "$DATA/project" --database "$DB" --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["findings"]))' || true)
echo "findings: $findings"

echo "== cold: each run after dropping the page cache (when permitted; else the first-run JIT and file opening are all that is cold)"
hyperfine --runs 5 --prepare "sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true" \
  -i --export-json "$WORK/cold.json" "$VIGIL audit $DATA/project --database $DB --json" >/dev/null
echo "== warm"
if [[ -n "${BEFORE:-}" ]]; then
  echo "== warm, side by side with $BEFORE"
  BEFORE_DB="$WORK/audit-$ADVISORIES-before.db"
  [[ -f "$BEFORE_DB" ]] || "$BEFORE" import "$DATA/all.zip" --database "$BEFORE_DB" >/dev/null || true
  hyperfine -N --warmup 3 --runs 20 -i -n before "$BEFORE audit $DATA/project --database $BEFORE_DB --json" \
    -n after "$VIGIL audit $DATA/project --database $DB --json" --export-json "$WORK/side-by-side.json" >/dev/null
  python3 - "$WORK/side-by-side.json" <<'PY'
import json, sys, statistics
for r in json.load(open(sys.argv[1]))["results"]:
    t = r["times"]
    print(f"median {statistics.median(t)*1000:.0f} ms (min {min(t)*1000:.0f}), mean CPU user {r['user']*1000:.0f} + system {r['system']*1000:.0f} ms: {r['command']}")
PY
fi
hyperfine -N --warmup 3 --runs 20 -i --export-json "$WORK/warm.json" "$VIGIL audit $DATA/project --database $DB --json" >/dev/null
python3 - "$WORK/cold.json" "$WORK/warm.json" <<'PY'
import json, sys, statistics
for label, f in zip(["cold", "warm"], sys.argv[1:]):
    r = json.load(open(f))["results"][0]
    print(f"{label}: median {statistics.median(r['times'])*1000:.0f} ms (min {min(r['times'])*1000:.0f}, max {max(r['times'])*1000:.0f}, runs {len(r['times'])}; "
          f"mean CPU user {r['user']*1000:.0f} ms + system {r['system']*1000:.0f} ms)")
PY
echo "== in-process phases (VIGIL_TIMINGS=1; CPU is the process's, all threads, and holds on a loaded machine)"
VIGIL_TIMINGS=1 "$VIGIL" audit "$DATA/project" --database "$DB" --json 2>&1 >/dev/null | grep 'timing:' || true
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== peak memory"
/usr/bin/time -f "peak RSS: %M KiB" "$VIGIL" audit "$DATA/project" --database "$DB" --json >/dev/null || true
