#!/usr/bin/env bash
# Starts a throw-away PostgreSQL 15 server on loopback for the tests and prints its connection string.
# Usage: eval "$(scripts/start-postgres.sh)"   → exports VIGIL_TEST_POSTGRES
# Data lives in ${VIGIL_PG_DIR:-/tmp/vigil-pg}; a server already running there is reused. When this call
# starts the server it also exports VIGIL_TEST_POSTGRES_STARTED (its data directory), for stopping it.
set -euo pipefail
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_DIR="${VIGIL_PG_DIR:-/tmp/vigil-pg}"
PG_PORT="${VIGIL_PG_PORT:-54329}"

if [[ ! -x "$PG_BIN/initdb" ]]; then
  echo "PostgreSQL binaries not found in $PG_BIN (apt-get install postgresql-15)" >&2
  exit 1
fi

# PostgreSQL refuses to run as root: run it as the 'postgres' account when we are root.
run_pg() {
  if [[ "$(id -u)" == "0" ]]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    su postgres -s /bin/bash -c "$*"
  else
    bash -c "$*"
  fi
}

if [[ ! -f "$PG_DIR/data/PG_VERSION" ]]; then
  mkdir -p "$PG_DIR"
  [[ "$(id -u)" == "0" ]] && chown postgres "$PG_DIR"
  run_pg "'$PG_BIN/initdb' -D '$PG_DIR/data' -U vigil --auth=trust --encoding=UTF8 --locale=C.UTF-8 >'$PG_DIR/initdb.log' 2>&1"
fi

started=""
if ! run_pg "'$PG_BIN/pg_ctl' -D '$PG_DIR/data' status" >/dev/null 2>&1; then
  started="$PG_DIR/data"
  run_pg "'$PG_BIN/pg_ctl' -D '$PG_DIR/data' -l '$PG_DIR/server.log' -w -t 60 \
    -o \"-h 127.0.0.1 -p $PG_PORT -k '$PG_DIR' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200\" start" >&2
fi

for _ in $(seq 1 60); do
  "$PG_BIN/pg_isready" -h 127.0.0.1 -p "$PG_PORT" >/dev/null 2>&1 && break
  sleep 0.5
done
"$PG_BIN/pg_isready" -h 127.0.0.1 -p "$PG_PORT" >&2

echo "export VIGIL_TEST_POSTGRES='Host=127.0.0.1;Port=$PG_PORT;Username=vigil;Database=postgres'"
# Only when this call started the server: scripts/test.sh stops it again (a reused server keeps running).
if [[ -n "$started" ]]; then echo "export VIGIL_TEST_POSTGRES_STARTED='$started'"; fi
