#!/usr/bin/env bash
# npm bulk audit and OSV querybatch latency with and without a sync running, side by side in one run.
# A server (`vigil serve`, SQLite) holds the generated 220,000-record bucket (bench/sync/run.sh's, synced as
# source "bench"); two wrk processes drive, at once, the npm bulk endpoint with a 1,000-package body and OSV
# querybatch with 100 queries of the same packages, first with nothing else
# running ("idle"), then while `vigil sync` brings in a second source of 220,000 records ("during"): the
# same bucket with every id renamed (MIRROR-n for BENCH-n, the same CVE aliases, so the two sources'
# records are one vulnerability each, as a second mirror of the same feed would be). The sync is a separate
# process on the same database and the same 2 cores, as a cron job would be. Each round starts from a
# copy of the same database. The idle phase lasts SECONDS; the 'during' phase lasts the whole sync and AFTER
# seconds more (its commit and the server's switch to the new data included). Prints p50 and p99 of each phase,
# each round's ratios side by side, and the medians over ROUNDS.
# Usage: bench/sync/during.sh [seconds=30]
#   VIGIL_BIN=DIR (a built vigil with vigil.dll; default: build one)  ROUNDS=3  WARMUP=15  AFTER=10  PORT=18766
#   BENCH_BUCKET=DIR (default: run.sh's 220,000-record bucket; generated when missing)
# Needs wrk (apt-get install wrk), python3, /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
SECONDS_PER_PHASE="${1:-30}"
ROUNDS="${ROUNDS:-3}"
WARMUP="${WARMUP:-15}"
AFTER="${AFTER:-10}"
PORT="${PORT:-18766}"
WORK="${BENCH_DIR:-/tmp/vigil-bench-sync}"
DATA="${BENCH_BUCKET:-$WORK/bucket-220000-1000}"
mkdir -p "$WORK"

if [[ -n "${VIGIL_BIN:-}" ]]; then
  BIN="$VIGIL_BIN"
else
  echo "== building vigil (Release, managed)"
  dotnet build src/Vigil.Cli -c Release -o "$WORK/bin" >/dev/null
  BIN="$WORK/bin"
fi
VIGIL=(dotnet "$BIN/vigil.dll")
if [[ ! -f "$DATA/v1/npm/all.zip" ]]; then
  echo "== generating the bucket (220,000 records)"
  dotnet run -c Release --project bench/audit/Vigil.Bench.AuditData -- bucket "$DATA" 220000 1000
fi

BASE="$WORK/during-base.db"
if [[ ! -f "$BASE" ]]; then
  echo "== the served database: $DATA/v1 synced as source 'bench'"
  "${VIGIL[@]}" sync "$DATA/v1" --ecosystem npm --name bench --database "$BASE" >/dev/null
  python3 -c "import sqlite3,sys; sqlite3.connect(sys.argv[1]).execute('PRAGMA wal_checkpoint(TRUNCATE)')" "$BASE"
fi
MIRROR="$WORK/mirror"
if [[ ! -f "$MIRROR/npm/modified_id.csv" ]]; then
  echo "== the second source: the same bucket with its ids renamed"
  python3 - "$DATA/v1/npm" "$MIRROR/npm" <<'PY'
import os, sys, zipfile
src, dst = sys.argv[1:3]
os.makedirs(dst, exist_ok=True)
with zipfile.ZipFile(os.path.join(src, "all.zip")) as zin, \
     zipfile.ZipFile(os.path.join(dst, "all.zip"), "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zout:
    for info in zin.infolist():
        body = zin.read(info).replace(b'"BENCH-', b'"MIRROR-').replace(b'/BENCH-', b'/MIRROR-')
        zout.writestr(info.filename.replace("BENCH-", "MIRROR-"), body)
with open(os.path.join(src, "modified_id.csv")) as fin, open(os.path.join(dst, "modified_id.csv"), "w") as fout:
    fout.write(fin.read().replace(",BENCH-", ",MIRROR-"))
PY
fi

BODY="$WORK/during-bulk.json.gz"
QUERIES="$WORK/during-querybatch.json"
python3 - "$BASE" "$BODY" "$QUERIES" <<'PY'
import gzip, json, sqlite3, sys
db, out, queries = sys.argv[1:4]
names = [r[0] for r in sqlite3.connect(db).execute(
    'SELECT DISTINCT "Name" FROM affected_packages ORDER BY "Name" LIMIT 1000')]
# One package in four at a version inside most generated ranges, the rest after every range.
version = lambda i: "0.1.0" if i % 4 == 0 else "99.0.0"
body = {n: [version(i)] for i, n in enumerate(names)}
with gzip.open(out, "wt") as f:
    json.dump(body, f)
# OSV querybatch: 100 of the same packages and versions.
batch = {"queries": [{"package": {"ecosystem": "npm", "name": n}, "version": version(i)}
                     for i, n in enumerate(names[:100])]}
with open(queries, "w") as f:
    json.dump(batch, f)
PY

SERVER=""
cleanup() { [[ -n "$SERVER" ]] && kill "$SERVER" 2>/dev/null; true; }
trap cleanup EXIT
URL="http://127.0.0.1:$PORT/-/npm/v1/security/advisories/bulk"
OSV_URL="http://127.0.0.1:$PORT/v1/querybatch"
# Both endpoints at once, each by its own wrk (one thread, four connections). start_load FILE-PREFIX DURATION
start_load() {
  wrk -t1 -c4 -d"$2" --latency -s bench/server/post.lua "$URL" -- "$BODY" gzip >"$1-bulk.txt" &
  BULK=$!
  wrk -t1 -c4 -d"$2" --latency -s bench/server/post.lua "$OSV_URL" -- "$QUERIES" >"$1-osv.txt" &
  OSV=$!
}
summary() { # label prefix
  python3 "$ROOT/bench/server/wrk_summary.py" "$1 npm bulk" "$2-bulk.txt"
  python3 "$ROOT/bench/server/wrk_summary.py" "$1 querybatch" "$2-osv.txt"
}
for round in $(seq "$ROUNDS"); do
  echo "== round $round"
  cp "$BASE" "$WORK/during.db"
  rm -f "$WORK/during.db-wal" "$WORK/during.db-shm"
  Vigil__RateLimit__Enabled=false Logging__LogLevel__Default=Warning \
    "${VIGIL[@]}" serve --database "$WORK/during.db" --urls "http://127.0.0.1:$PORT" >"$WORK/during-server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 240); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.5; done
  start_load "$WORK/during-warmup" "${WARMUP}s"; wait "$BULK" "$OSV"
  start_load "$WORK/during-idle-$round" "${SECONDS_PER_PHASE}s"; wait "$BULK" "$OSV"
  summary idle "$WORK/during-idle-$round"
  /usr/bin/time -f '%e' -o "$WORK/during-sync-time.txt" \
    "${VIGIL[@]}" sync "$MIRROR" --ecosystem npm --name mirror --database "$WORK/during.db" >"$WORK/during-sync.log" 2>&1 &
  SYNC=$!
  # The 'during' phase lasts the whole sync and AFTER seconds more, so it takes in the commit and the server's
  # switch to the new data; wrk stops on SIGINT and prints its figures.
  start_load "$WORK/during-during-$round" 3600s
  wait "$SYNC" || { kill -INT "$BULK" "$OSV"; echo "sync failed:"; tail "$WORK/during-sync.log"; exit 1; }
  sleep "$AFTER"
  kill -INT "$BULK" "$OSV"; wait "$BULK" "$OSV" || true
  summary during "$WORK/during-during-$round"
  sync_s=$(cat "$WORK/during-sync-time.txt")
  echo "   sync: $sync_s s ($(grep -Eo '[0-9,]+ added' "$WORK/during-sync.log" | head -1)); the 'during' phase: the sync and ${AFTER} s after it"
  echo "$sync_s" >"$WORK/during-sync-$round.s"
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=""
done

python3 - "$WORK" "$ROUNDS" "$SECONDS_PER_PHASE" <<'PY'
import re, statistics, sys
work, rounds, window = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
def lat(text, p):
    m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
def figures(phase, r, kind):
    t = open(f"{work}/during-{phase}-{r}-{kind}.txt").read()
    return lat(t, 50), lat(t, 99), float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1))
syncs = [float(open(f"{work}/during-sync-{r}.s").read()) for r in range(1, rounds + 1)]
med = statistics.median
print(f"== {rounds} rounds, idle {window:.0f} s, during: the whole sync and after; each endpoint by its own wrk"
      " (1 thread, 4 connections), both at once")
for kind, label in (("bulk", "npm bulk, 1,000 packages"), ("osv", "OSV querybatch, 100 queries")):
    pairs = [(figures("idle", r, kind), figures("during", r, kind)) for r in range(1, rounds + 1)]
    print(f"   {label}:")
    for r, ((i50, i99, irps), (d50, d99, drps)) in enumerate(pairs, 1):
        print(f"     round {r}: p50 {i50:.1f} -> {d50:.1f} ms ({d50 / i50:.2f}x), p99 {i99:.1f} -> {d99:.1f} ms"
              f" ({d99 / i99:.2f}x), throughput {drps / irps:.2f}x; sync {syncs[r - 1]:.1f} s")
    print(f"     median of the rounds' ratios: p50 {med(d[0] / i[0] for i, d in pairs):.2f}x,"
          f" p99 {med(d[1] / i[1] for i, d in pairs):.2f}x, throughput {med(d[2] / i[2] for i, d in pairs):.2f}x")
print(f"   sync wall time median {med(syncs):.1f} s")
PY
