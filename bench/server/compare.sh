#!/usr/bin/env bash
# Two vigil builds side by side on copies of one database (benchmark c's data; run run.sh once first),
# driven alternately with run.sh's wrk commands. Checks that both give byte-identical answers, then
# prints per round and scenario: requests/s, p50/p99 and the server's CPU time per request (from /proc).
# Usage: bench/server/compare.sh BEFORE_DIR AFTER_DIR [rounds=2] [seconds=10]
#   BENCH_DIR (default /tmp/vigil-bench-server) holds server-100000.db and the request bodies.
#   Extra environment for the second server only: AFTER_ENV="Vigil__MatchCacheEntries=0" (e.g.).
#   WARMUP (default 15) seconds per scenario and server before measuring: tiered compilation of a 2-core
#   server under this load goes on for 20-40 s; shorter warm-ups measure the JIT, not the steady state.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
BEFORE="$1"; AFTER="$2"; ROUNDS="${3:-2}"; SECONDS_PER_RUN="${4:-10}"
WORK="${BENCH_DIR:-/tmp/vigil-bench-server}"
PORT="${BENCH_PORT:-18490}"
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

start() { # name, dir, port, extra env...
  local name="$1" dir="$2" port="$3"; shift 3
  cp "$WORK/server-100000.db" "$WORK/compare-$name.db"
  env Vigil__RateLimit__Enabled=false Logging__LogLevel__Default=Warning "$@" \
    "$dir/vigil" serve --database "$WORK/compare-$name.db" --urls "http://127.0.0.1:$port" >"$WORK/compare-$name.log" 2>&1 &
  PIDS+=("$!")
  for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && return; sleep 0.5; done
  echo "$name did not start; see $WORK/compare-$name.log"; exit 1
}
start before "$BEFORE" "$PORT"
# shellcheck disable=SC2086
start after "$AFTER" $((PORT + 1)) ${AFTER_ENV:-}

BULK=/-/npm/v1/security/advisories/bulk
SCENARIOS=(
  "bulk-dense|$BULK|$WORK/bulk-1000.json.gz|gzip"
  "bulk-realistic|$BULK|$WORK/bulk-1000-realistic.json.gz|gzip"
  "querybatch-dense|/v1/querybatch|$WORK/querybatch-1000.json|"
  "querybatch-realistic|/v1/querybatch|$WORK/querybatch-1000-realistic.json|"
)
answer() { # port, path, file, encoding: the decompressed answer
  local headers=(-H 'Content-Type: application/json' -H 'Accept-Encoding: gzip')
  [[ -n "$4" ]] && headers+=(-H "Content-Encoding: $4")
  # The bulk answer's urls name the server's port: masked so two servers can be compared.
  curl -fs "${headers[@]}" --data-binary @"$3" "http://127.0.0.1:$1$2" | gunzip | sed "s/127.0.0.1:$1/HOST/g"
}
echo "== answers"
for s in "${SCENARIOS[@]}"; do
  IFS='|' read -r label path file enc <<<"$s"
  a=$(answer "$PORT" "$path" "$file" "$enc" | sha256sum); b=$(answer $((PORT + 1)) "$path" "$file" "$enc" | sha256sum)
  [[ "$a" == "$b" ]] && echo "   $label: identical (${a:0:12})" || { echo "   $label: DIFFERENT"; exit 1; }
done

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
run() { # name, pid, port, label, path, file, encoding, seconds
  local before; before=$(cpu_ticks "$2")
  wrk -t2 -c8 -d"$8s" --latency -s bench/server/post.lua "http://127.0.0.1:$3$5" -- "$6" $7 >"$WORK/compare-wrk.txt"
  python3 "$ROOT/bench/server/wrk_summary.py" "$1 $4" "$WORK/compare-wrk.txt" "$(( $(cpu_ticks "$2") - before ))" "$(getconf CLK_TCK)"
}
echo "== warm-up"
for s in "${SCENARIOS[@]}"; do
  IFS='|' read -r label path file enc <<<"$s"
  run before "${PIDS[0]}" "$PORT" "$label" "$path" "$file" "$enc" "${WARMUP:-15}" >/dev/null
  run after "${PIDS[1]}" $((PORT + 1)) "$label" "$path" "$file" "$enc" "${WARMUP:-15}" >/dev/null
done
for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round ($(uptime | sed 's/.*load/load/'))"
  for s in "${SCENARIOS[@]}"; do
    IFS='|' read -r label path file enc <<<"$s"
    run before "${PIDS[0]}" "$PORT" "$label" "$path" "$file" "$enc" "$SECONDS_PER_RUN"
    run after "${PIDS[1]}" $((PORT + 1)) "$label" "$path" "$file" "$enc" "$SECONDS_PER_RUN"
  done
done
for i in 0 1; do echo "   peak RSS $([[ $i == 0 ]] && echo before || echo after): $(awk '/VmHWM/ {print $2, $3}' "/proc/${PIDS[$i]}/status")"; done
