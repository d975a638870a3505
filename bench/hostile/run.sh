#!/usr/bin/env bash
# Benchmark (d): hostile inputs. For each public POST endpoint (npm quick audit, npm v6 audit, npm bulk, OSV
# querybatch, anonymous report intake) the worst input shape found so far is doubled STEPS times (bodies.py),
# and the server's CPU time per request (user + system, from /proc/PID/stat) is measured REPEAT times per size;
# each sample sends the body several times in a row (PER_SAMPLE below), so that even the cheap endpoints take
# many clock ticks (10 ms each) per sample. The server runs without tiered compilation and with non-concurrent
# GC, so no background JIT or GC thread adds to one size's CPU time what the previous size caused.
# Prints, per endpoint and size, the median CPU milliseconds and its ratio to the previous size's (cpu×), beside
# the ratio of the decompressed inputs (input×): the two stay close when the cost grows linearly with the input;
# a cost growing with the input's square shows cpu× near the square of input× (4 for 2).
# Sends traffic to 127.0.0.1 only, and stops the server it started when done (or interrupted).
# Usage: bench/hostile/run.sh [steps=5] [repeat=5]
#   VIGIL_BIN=DIR uses an already published vigil instead of publishing one.
#   BENCH_ONLY=ENDPOINT measures that endpoint only (quick, v6audit, bulk, querybatch or intake).
# Needs: curl, python3. Not run by CI.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
STEPS="${1:-5}"
REPEAT="${2:-5}"
WORK="${BENCH_DIR:-/tmp/vigil-bench-hostile}"
PORT="${BENCH_PORT:-18490}"
mkdir -p "$WORK"

if [[ -n "${VIGIL_BIN:-}" ]]; then
  VIGIL="$VIGIL_BIN/vigil"
else
  echo "== building vigil (Release)"
  dotnet publish src/Vigil.Cli -c Release -o "$WORK/bin" >/dev/null
  VIGIL="$WORK/bin/vigil"
fi

# One advisory for minimist, so the npm bodies' nodes match and every path is reported, and a program for intake.
DB="$WORK/hostile.db"
rm -f "$DB" "$DB-wal" "$DB-shm"
cat >"$WORK/minimist.json" <<'JSON'
{"schema_version":"1.4.0","id":"BENCH-HOSTILE-1","modified":"2026-01-01T00:00:00Z","summary":"Prototype pollution in minimist",
 "affected":[{"package":{"ecosystem":"npm","name":"minimist"},"ranges":[{"type":"SEMVER","events":[{"introduced":"0"},{"fixed":"0.2.1"}]}]}]}
JSON
"$VIGIL" import "$WORK/minimist.json" --database "$DB" >/dev/null
"$VIGIL" admin program create bench --name Bench --prefix BENCH --ecosystem npm --database "$DB" >/dev/null

echo "== bodies"
python3 "$ROOT/bench/hostile/bodies.py" "$WORK" "$STEPS" | awk -v only="${BENCH_ONLY:-}" 'only == "" || $1 == only' >"$WORK/bodies.txt"

SERVER_PID=""
cleanup() { [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null; true; }
trap cleanup EXIT
# One client sends everything: the rate limits (server-wide and intake) are lifted for the measurement, and the
# match caches are off, so a repeated body costs what a new one would (an attacker varies its bodies).
DOTNET_TieredCompilation=0 DOTNET_gcConcurrent=0 Vigil__MatchCacheEntries=0 Vigil__RateLimit__Enabled=false Logging__LogLevel__Default=Warning \
  "$VIGIL" serve --database "$DB" --urls "http://127.0.0.1:$PORT" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.5; done
curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null || { echo "server did not start; see $WORK/server.log"; exit 1; }
BASE="http://127.0.0.1:$PORT"

declare -A PATHS=(
  [quick]=/-/npm/v1/security/audits/quick [v6audit]=/-/npm/v1/security/audits [bulk]=/-/npm/v1/security/advisories/bulk
  [querybatch]=/v1/querybatch [intake]=/api/programs/bench/reports
)
declare -A PER_SAMPLE=([quick]=10 [v6audit]=1 [bulk]=20 [querybatch]=20 [intake]=10)
TICK_MS=$((1000 / $(getconf CLK_TCK)))
cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }
post() { # file encoding path → status
  curl -s -o /dev/null -w '%{http_code}' --max-time 600 -H 'Content-Type: application/json' \
    -H "Content-Encoding: $2" --data-binary @"$1" "$BASE$3"
}

# Warm-up: every body twice, so first-use costs (JIT, pools, the matching index) are not measured.
while read -r endpoint step size file encoding wire raw; do
  for _ in 1 2; do post "$file" "$encoding" "${PATHS[$endpoint]}" >/dev/null; done
done <"$WORK/bodies.txt"

echo "== $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, CPU ms per request: median of $REPEAT samples per size"
printf '%-11s %8s %11s %13s %7s %14s %7s %7s\n' endpoint size wire-bytes decompressed status cpu-ms-median input× cpu×
previous=""
previous_raw=""
while read -r endpoint step size file encoding wire raw; do
  samples=()
  status=""
  count=${PER_SAMPLE[$endpoint]}
  for _ in $(seq 1 "$REPEAT"); do
    before=$(cpu_ticks)
    for _ in $(seq 1 "$count"); do status=$(post "$file" "$encoding" "${PATHS[$endpoint]}"); done
    samples+=($(awk -v t="$(( ($(cpu_ticks) - before) * TICK_MS ))" -v n="$count" 'BEGIN {printf "%.1f", t / n}'))
  done
  median=$(printf '%s\n' "${samples[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}')
  ratio="-"
  input="-"
  if [[ "$step" != 0 ]]; then
    input=$(awk -v a="$raw" -v b="$previous_raw" 'BEGIN {printf "%.2f", a / b}')
    [[ "$previous" != 0.0 ]] && ratio=$(awk -v a="$median" -v b="$previous" 'BEGIN {printf "%.2f", a / b}')
  fi
  printf '%-11s %8s %11s %13s %7s %14s %7s %7s\n' "$endpoint" "$size" "$wire" "$raw" "$status" "$median" "$input" "$ratio"
  previous="$median"
  previous_raw="$raw"
done <"$WORK/bodies.txt"
