#!/usr/bin/env bash
# Benchmark (c): the server under load on loopback. With the Node.js WG data plus N generated advisories
# loaded, wrk drives (1) the npm bulk endpoint with a 1,000-package gzip body, (2) OSV querybatch with
# 1,000 queries and (3) the advisory page; then the real `npm audit` is timed against Vigil and against
# a stub registry that answers `{}` (side by side, hyperfine), and the server's peak memory is read.
# Two request scenarios, both reported: "dense" (the generated lockfile's versions: ~2,500 advisories in a
# 1,000-package answer) and "realistic" (same packages, a real project's vulnerable share; bodies.py).
# Usage: bench/server/run.sh [advisories=100000] [seconds=20]
#   VIGIL_BIN=DIR uses an already published vigil (e.g. to compare two builds side by side) instead of publishing.
# Needs: wrk, hyperfine (apt-get install wrk hyperfine), python3, node/npm. Not run by CI.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
ADVISORIES="${1:-100000}"
SECONDS_PER_RUN="${2:-20}"
WORK="${BENCH_DIR:-/tmp/vigil-bench-server}"
WG="${VIGIL_WG_DATA:-$ROOT/../shared/data/nodejs-security-wg/vuln}"
PORT="${BENCH_PORT:-18480}"
STUB_PORT=$((PORT + 1))
mkdir -p "$WORK"

if [[ -n "${VIGIL_BIN:-}" ]]; then
  VIGIL="$VIGIL_BIN/vigil"
else
  echo "== building vigil (Release, ReadyToRun)"
  dotnet publish src/Vigil.Cli -c Release -o "$WORK/bin" >/dev/null
  VIGIL="$WORK/bin/vigil"
fi

DATA="$WORK/data-$ADVISORIES"
if [[ ! -f "$DATA/all.zip" ]]; then
  echo "== generating $ADVISORIES advisories and a 2,000-package lockfile"
  dotnet run -c Release --project bench/audit/Vigil.Bench.AuditData -- "$DATA" "$ADVISORIES" 2000 >/dev/null
fi
DB="$WORK/server-$ADVISORIES.db"
if [[ ! -f "$DB" ]]; then
  echo "== importing the WG data and the generated advisories"
  [[ -d "$WG" ]] && "$VIGIL" import "$WG" --database "$DB" >/dev/null
  "$VIGIL" import "$DATA/all.zip" --database "$DB" >/dev/null
fi

echo "== request bodies"
python3 "$ROOT/bench/server/bodies.py" "$DATA/project/package-lock.json" "$WORK" "$DB"

SERVER_PID=""
STUB_PID=""
cleanup() { [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null; [[ -n "$STUB_PID" ]] && kill "$STUB_PID" 2>/dev/null; true; }
trap cleanup EXIT

# Rate limiting is for the public internet; the load generator is one client, so lift it here.
Vigil__RateLimit__Enabled=false Logging__LogLevel__Default=Warning \
  "$VIGIL" serve --database "$DB" --urls "http://127.0.0.1:$PORT" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.5; done
curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null || { echo "server did not start; see $WORK/server.log"; exit 1; }

BASE="http://127.0.0.1:$PORT"
ADVISORY_ID="$(cat "$WORK/advisory-id.txt")"
for probe in "POST bulk:$(curl -s -o /dev/null -w '%{http_code} %{size_download}' -H 'Content-Type: application/json' -H 'Content-Encoding: gzip' --data-binary @"$WORK/bulk-1000.json.gz" "$BASE/-/npm/v1/security/advisories/bulk")" \
             "POST bulk, realistic:$(curl -s -o /dev/null -w '%{http_code} %{size_download}' -H 'Content-Type: application/json' -H 'Content-Encoding: gzip' --data-binary @"$WORK/bulk-1000-realistic.json.gz" "$BASE/-/npm/v1/security/advisories/bulk")" \
             "POST querybatch:$(curl -s -o /dev/null -w '%{http_code} %{size_download}' -H 'Content-Type: application/json' --data-binary @"$WORK/querybatch-1000.json" "$BASE/v1/querybatch")" \
             "GET advisory page:$(curl -s -o /dev/null -w '%{http_code} %{size_download}' "$BASE/advisories/$ADVISORY_ID")"; do
  echo "   $probe (status, bytes)"
done

# Warm up the JIT and caches before measuring: tiered compilation under this load goes on for 20-40 s on
# 2 cores, so a short warm-up measures the JIT rather than the steady state (WARMUP seconds per endpoint).
WARMUP="${WARMUP:-15}"
wrk -t2 -c8 -d"${WARMUP}s" -s bench/server/post.lua "$BASE/-/npm/v1/security/advisories/bulk" -- "$WORK/bulk-1000.json.gz" gzip >/dev/null
wrk -t2 -c8 -d"${WARMUP}s" -s bench/server/post.lua "$BASE/v1/querybatch" -- "$WORK/querybatch-1000.json" >/dev/null
wrk -t2 -c8 -d"${WARMUP}s" "$BASE/advisories/$ADVISORY_ID" >/dev/null

# Server CPU time (user + system, in clock ticks) so far: on a shared machine, CPU per request is the
# figure that does not depend on what else runs; wall-clock latency does.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }
run_wrk() { # label, connections, wrk args...
  local label="$1" conns="$2"; shift 2
  local before; before=$(cpu_ticks)
  wrk -t2 -c"$conns" -d"${SECONDS_PER_RUN}s" --latency "$@" >"$WORK/wrk-$label.txt"
  python3 "$ROOT/bench/server/wrk_summary.py" "$label" "$WORK/wrk-$label.txt" "$(( $(cpu_ticks) - before ))" "$(getconf CLK_TCK)"
}
echo "== load (wrk, 2 threads, ${SECONDS_PER_RUN}s each)"
run_wrk bulk-1000-dense 8 -s bench/server/post.lua "$BASE/-/npm/v1/security/advisories/bulk" -- "$WORK/bulk-1000.json.gz" gzip
run_wrk bulk-1000-realistic 8 -s bench/server/post.lua "$BASE/-/npm/v1/security/advisories/bulk" -- "$WORK/bulk-1000-realistic.json.gz" gzip
run_wrk querybatch-1000-dense 8 -s bench/server/post.lua "$BASE/v1/querybatch" -- "$WORK/querybatch-1000.json"
run_wrk querybatch-1000-realistic 8 -s bench/server/post.lua "$BASE/v1/querybatch" -- "$WORK/querybatch-1000-realistic.json"
run_wrk advisory-page 16 -H "Accept-Encoding: gzip" "$BASE/advisories/$ADVISORY_ID"

echo "== server memory"
grep -E 'VmHWM|VmRSS' "/proc/$SERVER_PID/status" | sed 's/^/   /'

[[ "${BENCH_SKIP_NPM:-}" == 1 ]] && exit 0
echo "== npm audit end to end: Vigil vs a stub answering {} and vs an instant replay of Vigil's answers"
node "$ROOT/bench/server/stub-registry.js" "$STUB_PORT" &
STUB_PID=$!
REPLAY_PORT=$((PORT + 2))
node "$ROOT/bench/server/stub-registry.js" "$REPLAY_PORT" "$BASE" &
REPLAY_PID=$!
trap 'cleanup; kill "$REPLAY_PID" 2>/dev/null || true' EXIT
sleep 0.5
for project in generated real; do
  if [[ "$project" == generated ]]; then dir="$WORK/npm-project"; else dir="$ROOT/../shared/specs/npm-audit/audit-nyc-mkdirp"; fi
  [[ -f "$dir/package-lock.json" ]] || continue
  hyperfine --warmup 1 --runs "${NPM_RUNS:-10}" -i -N --export-json "$WORK/npm-$project.json" \
    -n stub "npm audit --json --prefix $dir --registry http://127.0.0.1:$STUB_PORT/ --cache $WORK/npm-cache --prefer-online" \
    -n replay "npm audit --json --prefix $dir --registry http://127.0.0.1:$REPLAY_PORT/ --cache $WORK/npm-cache --prefer-online" \
    -n vigil "npm audit --json --prefix $dir --registry $BASE/ --cache $WORK/npm-cache --prefer-online" >/dev/null
  python3 - "$project" "$WORK/npm-$project.json" <<'PY'
import json, statistics, sys
results = json.load(open(sys.argv[2]))["results"]
r = {x["command"]: statistics.median(x["times"]) for x in results}
cpu = {x["command"]: x["user"] + x["system"] for x in results}  # hyperfine: mean user + system of the npm process
n = len(results[0]["times"])
print(f"   npm audit ({sys.argv[1]} project), median of {n}: stub {{}} {r['stub']*1000:.0f} ms, replay {r['replay']*1000:.0f} ms,"
      f" vigil {r['vigil']*1000:.0f} ms; vigil/stub {r['vigil']/r['stub']:.2f}x, vigil/replay {r['vigil']/r['replay']:.2f}x;"
      f" npm CPU (mean): stub {cpu['stub']*1000:.0f} ms, replay {cpu['replay']*1000:.0f} ms, vigil {cpu['vigil']*1000:.0f} ms")
PY
done
