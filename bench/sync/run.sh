#!/usr/bin/env bash
# Sync benchmark: `vigil sync` of a generated 220,000-record npm bucket served from loopback, on SQLite and
# PostgreSQL. Prints, per database, the first sync (all.zip) and an incremental sync of 1,000 changed
# records: wall time and peak memory of each run, then the medians of RUNS fresh databases.
# Usage: bench/sync/run.sh [advisories=220000] [changed=1000]
#   DATABASES="sqlite postgres" (default both)   RUNS=3   PORT=18765 (the bucket server)
#   VIGIL_BIN=DIR  an already built vigil (a `dotnet build`/`publish` output with vigil.dll) instead of building
#   BENCH_PG="Host=127.0.0.1;Port=54329;Username=vigil"  the PostgreSQL server (a database per run is created
#                  and dropped there; scripts/start-postgres.sh starts one)
# Needs /usr/bin/time (apt-get install time), bc, python3, and psql for PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/../.."
ADVISORIES="${1:-220000}"
CHANGED="${2:-1000}"
RUNS="${RUNS:-3}"
DATABASES="${DATABASES:-sqlite postgres}"
WORK="${BENCH_DIR:-/tmp/vigil-bench-sync}"
PORT="${PORT:-18765}"
BENCH_PG="${BENCH_PG:-Host=127.0.0.1;Port=54329;Username=vigil}"
mkdir -p "$WORK"

if [[ -n "${VIGIL_BIN:-}" ]]; then
  BIN="$VIGIL_BIN"
else
  echo "== building vigil (Release, managed)"
  dotnet build src/Vigil.Cli -c Release -o "$WORK/bin" >/dev/null
  BIN="$WORK/bin"
fi
VIGIL=(dotnet "$BIN/vigil.dll")

DATA="${BENCH_BUCKET:-$WORK/bucket-$ADVISORIES-$CHANGED}"
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

# psql takes the same key=value pairs, space-separated, with dbname instead of Database.
pg_admin() { psql "$(echo "$BENCH_PG" | tr ';' ' ' | sed 's/Host=/host=/;s/Port=/port=/;s/Username=/user=/;s/Password=/password=/') dbname=postgres" -qtAc "$1"; }

# Wall time, and CPU time (user + system): on a shared machine the CPU time is the figure that does not
# depend on what else runs.
measure() { # label, command... ; prints "label: S s wall, C s CPU, M MB peak"
  local label="$1"; shift
  /usr/bin/time -f '%e %M %U %S' -o "$WORK/time.txt" "$@" >"$WORK/out.txt" 2>&1 || { cat "$WORK/out.txt"; exit 1; }
  read -r secs kb user sys <"$WORK/time.txt"
  local cpu; cpu=$(echo "$user + $sys" | bc)
  printf '   %s: %s s wall, %s s CPU, %d MB peak\n' "$label" "$secs" "$cpu" $((kb / 1024))
  echo "$secs" >>"$WORK/$label.times"
  echo "$cpu" >>"$WORK/$label.cpu"
}

median() { sort -n "$1" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

rm -f "$WORK"/*.times "$WORK"/*.cpu
for database in $DATABASES; do
  echo "== $database ($RUNS runs, each on a new database)"
  for run in $(seq "$RUNS"); do
    if [[ "$database" == sqlite ]]; then
      rm -f "$WORK/sync.db"*
      DB="$WORK/sync.db"
    else
      pg_admin "DROP DATABASE IF EXISTS vigil_bench_sync" >/dev/null
      pg_admin "CREATE DATABASE vigil_bench_sync" >/dev/null
      DB="$BENCH_PG;Database=vigil_bench_sync"
    fi
    # The schema is created before the clock starts: a new instance is migrated once, not per sync.
    "${VIGIL[@]}" admin user list --database "$DB" >/dev/null
    echo v1 > "$DATA/current"
    measure "$database-first" "${VIGIL[@]}" sync "$URL" --ecosystem npm --name bench --database "$DB"
    echo v2 > "$DATA/current"
    measure "$database-incremental" "${VIGIL[@]}" sync "$URL" --ecosystem npm --name bench --database "$DB"
    measure "$database-unchanged" "${VIGIL[@]}" sync "$URL" --ecosystem npm --name bench --database "$DB"
  done
  tail -4 "$WORK/out.txt" | sed 's/^/   /'
  [[ "$database" == postgres ]] && pg_admin "DROP DATABASE IF EXISTS vigil_bench_sync" >/dev/null
done
echo "== medians ($ADVISORIES records, $CHANGED changed; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg))"
for database in $DATABASES; do
  for label in first incremental unchanged; do
    printf '%-9s %-12s %8s s wall %8s s CPU\n' "$database" "$label" \
      "$(median "$WORK/$database-$label.times")" "$(median "$WORK/$database-$label.cpu")"
  done
done
