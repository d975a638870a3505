#!/usr/bin/env bash
# Do two builds of vigil give the same answers? Both serve copies of one database (the Node.js WG data and
# the OSV examples, imported by the first build), and every request below goes to both: npm bulk and
# quick audit, OSV query, querybatch and records, advisory and search pages, feeds, the NuGet and Node.js
# core resources, the bucket listing; then `vigil audit --json` over every shared lockfile and
# `vigil export osv` from both. Each answer is compared byte for byte (status, content type and body;
# pages after masking what is random per response: antiforgery fields, CSP nonces, trace ids). Prints one line per
# request and exits 1 when any differs. A refactoring that changes no behaviour leaves every answer
# identical.
# Usage: bench/answers/compare.sh BEFORE_DIR AFTER_DIR   (each holds a published `vigil`, e.g. from
#   `dotnet publish src/Vigil.Cli -c Release -o DIR` at two commits). Needs python3, curl. Not run by CI.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
BEFORE="$1"; AFTER="$2"
WORK="${BENCH_DIR:-/tmp/vigil-bench-answers}"
PORT="${BENCH_PORT:-18560}"
WG="${VIGIL_WG_DATA:-$ROOT/../shared/data/nodejs-security-wg/vuln}"
SPECS="${VIGIL_SPECS:-$ROOT/../shared/specs}"
[[ -d "$WG" && -d "$SPECS" ]] || { echo "needs the Node.js WG data ($WG) and the specs ($SPECS)"; exit 2; }
rm -rf "$WORK"; mkdir -p "$WORK/before" "$WORK/after"
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

python3 bench/answers/requests.py "$WG" "$WORK"
"$BEFORE/vigil" import "$WG" --database "$WORK/before/vigil.db" >/dev/null
"$BEFORE/vigil" import "$SPECS/osv/examples" --database "$WORK/before/vigil.db" >/dev/null
cp "$WORK/before/vigil.db" "$WORK/after/vigil.db"

start() { # side, dir, port
  env Vigil__RateLimit__Enabled=false Logging__LogLevel__Default=Warning \
    "$2/vigil" serve --database "$WORK/$1/vigil.db" --urls "http://127.0.0.1:$3" >"$WORK/$1/server.log" 2>&1 &
  PIDS+=("$!")
  for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$3/healthz" >/dev/null && return; sleep 0.5; done
  echo "$1 did not start; see $WORK/$1/server.log"; exit 1
}
start before "$BEFORE" "$PORT"
start after "$AFTER" $((PORT + 1))

# One answer, normalised only where a response differs by design: the port in absolute URLs, the
# antiforgery token, the CSP nonce and a problem's traceId (random per response).
fetch() { # port, out, curl args...
  local port="$1" out="$2"; shift 2
  curl -s --compressed -o "$out.body" -w '%{http_code} %{content_type}\n' "$@" >"$out.head"
  sed -i -E "s/127\.0\.0\.1:$port/HOST/g; s/(name=\"__RequestVerificationToken\"[^>]*value=\")[^\"]*/\1TOKEN/g; s/nonce=\"[^\"]*\"/nonce=\"N\"/g; s/\"traceId\":\"[^\"]*\"/\"traceId\":\"T\"/g" "$out.body"
  cat "$out.head" "$out.body"
}
differ=0; same=0
check() { # label, curl args after the URL path (path first)
  local label="$1" path="$2"; shift 2
  local a b
  a=$(fetch "$PORT" "$WORK/before/answer" "http://127.0.0.1:$PORT$path" "$@" | sha256sum)
  b=$(fetch $((PORT + 1)) "$WORK/after/answer" "http://127.0.0.1:$((PORT + 1))$path" "$@" | sha256sum)
  if [[ "$a" == "$b" ]]; then
    same=$((same + 1)); echo "   identical  $label ($(cat "$WORK/before/answer.head" | cut -d' ' -f1), $(wc -c <"$WORK/before/answer.body") bytes)"
  else
    differ=$((differ + 1)); echo "   DIFFERENT  $label"
    diff <(cat "$WORK/before/answer.head" "$WORK/before/answer.body" | fold -w 200) \
         <(cat "$WORK/after/answer.head" "$WORK/after/answer.body" | fold -w 200) | head -8 | sed 's/^/      /' || true
  fi
}
JSON=(-H 'Content-Type: application/json')
echo "== server answers"
check "npm bulk" /-/npm/v1/security/advisories/bulk "${JSON[@]}" --data-binary @"$WORK/bulk.json"
gzip -c "$WORK/bulk.json" >"$WORK/bulk.json.gz"
check "npm bulk, gzip" /-/npm/v1/security/advisories/bulk "${JSON[@]}" -H 'Content-Encoding: gzip' \
  --data-binary @"$WORK/bulk.json.gz"
for project in "$SPECS"/npm-audit/*/; do
  [[ -f "$project/quick.json" ]] && check "npm quick $(basename "$project")" /-/npm/v1/security/audits/quick \
    "${JSON[@]}" --data-binary @"$project/quick.json"
done
check "OSV query" /v1/query "${JSON[@]}" --data-binary @"$WORK/query.json"
check "OSV querybatch" /v1/querybatch "${JSON[@]}" --data-binary @"$WORK/querybatch.json"
while read -r path; do check "GET $path" "$path"; done <"$WORK/gets.txt"

echo "== vigil audit --json"
audit() { # dir, side, project directory
  (cd "$3" && "$1/vigil" audit . --json --database "$WORK/$2/vigil.db" 2>&1; echo "exit $?")
}
for project in "$SPECS"/lockfiles/*/ "$SPECS"/npm-audit/*/; do
  a=$(audit "$BEFORE" before "$project" | sha256sum); b=$(audit "$AFTER" after "$project" | sha256sum)
  label="${project#"$SPECS"/}"
  if [[ "$a" == "$b" ]]; then same=$((same + 1)); echo "   identical  $label"; else differ=$((differ + 1)); echo "   DIFFERENT  $label"; fi
done

echo "== vigil export osv"
"$BEFORE/vigil" export osv "$WORK/before/export" --database "$WORK/before/vigil.db" >/dev/null
"$AFTER/vigil" export osv "$WORK/after/export" --database "$WORK/after/vigil.db" >/dev/null
if diff -r "$WORK/before/export" "$WORK/after/export" >/dev/null; then
  same=$((same + 1)); echo "   identical  export ($(find "$WORK/before/export" -type f | wc -l) files)"
else
  differ=$((differ + 1)); echo "   DIFFERENT  export"; diff -rq "$WORK/before/export" "$WORK/after/export" | head -5 || true
fi
echo "$same identical, $differ different"
(( differ == 0 ))
