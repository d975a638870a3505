#!/usr/bin/env bash
# Runs every test of the solution on SQLite and on a real PostgreSQL server.
# It sets up what it can by itself: a PostgreSQL 15 on loopback (scripts/start-postgres.sh, stopped again at
# the end unless VIGIL_KEEP_POSTGRES=1 or it was already running), a Dovecot IMAP server on loopback
# (scripts/start-dovecot.sh, stopped likewise unless VIGIL_KEEP_DOVECOT=1) and the pinned npm oracles under
# tests/*/oracle (registry access needed). What it cannot install (the shared/ folder beside the clone,
# Chromium, GnuPG, Dovecot, Node.js) stops it with a message, unless VIGIL_TEST_PARTIAL=1: then those tests skip.
# It ends with the number of skipped tests; under CI=true a skip not on tests/allowed-skips.txt fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
[[ -d ../shared/specs ]] || missing+=("the shared/ folder beside the clone (../shared: third-party test data, never copied into the repository)")
command -v node >/dev/null && command -v npm >/dev/null || missing+=("Node.js and npm (the oracles: apt-get install nodejs npm)")
[[ -x /usr/bin/chromium ]] || missing+=("Chromium at /usr/bin/chromium (browser tests: apt-get install chromium)")
[[ -x /usr/bin/gpg ]] || missing+=("GnuPG at /usr/bin/gpg (security.txt signing tests: apt-get install gnupg)")
[[ -x /usr/sbin/dovecot ]] || missing+=("Dovecot at /usr/sbin/dovecot (IMAP mailbox tests: apt-get install dovecot-imapd)")
if (( ${#missing[@]} > 0 )); then
  printf 'scripts/test.sh: missing %s\n' "${missing[@]}" >&2
  if [[ "${VIGIL_TEST_PARTIAL:-}" != 1 ]]; then
    echo "scripts/test.sh: install them (.ci/run shows how), or set VIGIL_TEST_PARTIAL=1 to run without: their tests then skip" >&2
    exit 1
  fi
fi

eval "$(scripts/start-postgres.sh)"
if [[ -x /usr/sbin/dovecot ]]; then eval "$(scripts/start-dovecot.sh)"; fi
results="$(mktemp -d)"
log="$results/test.log"
cleanup() {
  rm -rf "$results"
  if [[ -n "${VIGIL_TEST_POSTGRES_STARTED:-}" && "${VIGIL_KEEP_POSTGRES:-}" != 1 ]]; then
    if [[ "$(id -u)" == 0 ]]; then
      su postgres -s /bin/bash -c "'${PG_BIN:-/usr/lib/postgresql/15/bin}/pg_ctl' -D '$VIGIL_TEST_POSTGRES_STARTED' -m fast stop" >/dev/null || true
    else
      "${PG_BIN:-/usr/lib/postgresql/15/bin}/pg_ctl" -D "$VIGIL_TEST_POSTGRES_STARTED" -m fast stop >/dev/null || true
    fi
  fi
  if [[ -n "${VIGIL_TEST_IMAP_STARTED:-}" && "${VIGIL_KEEP_DOVECOT:-}" != 1 ]]; then
    doveadm -c "$VIGIL_TEST_IMAP_STARTED" stop >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

if command -v npm >/dev/null; then
  for oracle in tests/*/oracle; do
    if [[ -f "$oracle/package-lock.json" ]]; then
      npm ci --prefix "$oracle" --no-audit --no-fund --loglevel=error >/dev/null \
        || { echo "scripts/test.sh: npm ci in $oracle failed: the pinned oracles need access to the npm registry" >&2; exit 1; }
    fi
  done
fi

set +e
# Arguments go to `dotnet test`; naming a --project replaces the solution.
target=(--solution Vigil.slnx)
for arg in "$@"; do
  if [[ "$arg" == "--project" ]]; then target=(); fi
done
dotnet test "${target[@]}" --report-xunit-xml --results-directory "$results/xml" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One plain closing line over all test assemblies: "N passed, N failed, N skipped".
awk '
  /^[[:space:]]*failed:/    { failed += $2 }
  /^[[:space:]]*succeeded:/ { passed += $2 }
  /^[[:space:]]*skipped:/   { skipped += $2 }
  END { printf "%d passed, %d failed, %d skipped\n", passed, failed, skipped }
' "$log"
# Where the time went: each assembly, then the slowest test classes.
if [[ -d "$results/xml" ]] && command -v node >/dev/null; then
  node scripts/test-times.mjs "$results/xml" || true
fi
# The skips by name; under CI=true one not on tests/allowed-skips.txt fails the run.
if [[ -d "$results/xml" ]] && command -v node >/dev/null; then
  node scripts/skips.mjs "$results/xml" || status=1
fi
exit "$status"
