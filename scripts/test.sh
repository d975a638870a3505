#!/usr/bin/env bash
# Runs every test of the solution on SQLite and on a real PostgreSQL server.
# It starts what the tests need by itself: a PostgreSQL 15 on loopback (scripts/start-postgres.sh)
# and the pinned npm oracles (node-semver etc.) under tests/*/oracle.
set -euo pipefail
cd "$(dirname "$0")/.."

eval "$(scripts/start-postgres.sh)"

for oracle in tests/*/oracle; do
  if [[ -f "$oracle/package-lock.json" ]]; then
    npm ci --prefix "$oracle" --no-audit --no-fund --loglevel=error >/dev/null
  fi
done

log="$(mktemp)"
set +e
# Arguments go to `dotnet test`; naming a --project replaces the solution.
target=(--solution Vigil.slnx)
for arg in "$@"; do
  if [[ "$arg" == "--project" ]]; then target=(); fi
done
dotnet test "${target[@]}" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One plain closing line over all test assemblies: "N passed, N failed, N skipped".
awk '
  /^[[:space:]]*failed:/    { failed += $2 }
  /^[[:space:]]*succeeded:/ { passed += $2 }
  /^[[:space:]]*skipped:/   { skipped += $2 }
  END { printf "%d passed, %d failed, %d skipped\n", passed, failed, skipped }
' "$log"
rm -f "$log"
exit "$status"
