#!/usr/bin/env bash
# Sync benchmark: `vigil sync` of a generated 220,000-record npm bucket served from loopback.
# Prints the first sync (all.zip) and an incremental sync of 1,000 changed records: wall time and
# peak memory of each (median of RUNS fresh databases for the first sync).
# Usage: bench/sync/run.sh [advisories=220000] [changed=1000]
# Needs /usr/bin/time (apt-get install time) and python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
ADVISORIES="${1:-220000}"
CHANGED="${2:-1000}"
RUNS="${RUNS:-3}"
WORK="${BENCH_DIR:-/tmp/vigil-bench-sync}"
PORT="${PORT:-18765}"
mkdir -p "$WORK"

echo "== building vigil (Release, managed)"
dotnet build src/Vigil.Cli -c Release -o "$WORK/bin" >/dev/null
VIGIL=(dotnet "$WORK/bin/vigil.dll")

DATA="$WORK/bucket-$ADVISORIES-$CHANGED"
if [[ ! -f "$DATA/v2/npm/modified_id.csv" ]]; then
  echo "== generating the bucket ($ADVISORIES records, $CHANGED changed in v2)"
  dotnet run -c Release --project bench/audit/Vigil.Bench.AuditData -- bucket "$DATA" "$ADVISORIES" "$CHANGED"
fi

echo v1 > "$DATA/current"
python3 bench/sync/serve_bucket.py "$DATA" "$PORT" &
SERVER=$!
trap 'kill $SERVER' EXIT
sleep 1
URL="http://127.0.0.1:$PORT"

measure() { # label, command... ; prints "label: S s, M MB"
  local label="$1"; shift
  /usr/bin/time -f '%e %M' -o "$WORK/time.txt" "$@" >"$WORK/out.txt" 2>&1 || { cat "$WORK/out.txt"; exit 1; }
  read -r secs kb <"$WORK/time.txt"
  printf '%s: %s s, %d MB peak\n' "$label" "$secs" $((kb / 1024))
  echo "$secs" >>"$WORK/$label.times"
}

rm -f "$WORK"/*.times
for run in $(seq "$RUNS"); do
  rm -f "$WORK/sync.db"*
  echo v1 > "$DATA/current"
  measure first "${VIGIL[@]}" sync "$URL" --ecosystem npm --name bench --database "$WORK/sync.db"
  echo v2 > "$DATA/current"
  measure incremental "${VIGIL[@]}" sync "$URL" --ecosystem npm --name bench --database "$WORK/sync.db"
done
tail -3 "$WORK/out.txt"
for label in first incremental; do
  printf 'median %s sync: %s s\n' "$label" "$(sort -n "$WORK/$label.times" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
done
