#!/usr/bin/env bash
# Coverage-guided fuzzing of every parser of untrusted input with AFL++ and SharpFuzz (docs/reliability.md).
#   bench/fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]
# Needs afl++ (apt-get install afl++) and the SharpFuzz command-line tool (installed into a temp folder).
# Seeds: the real files under ../shared (lockfiles, OSV entries, WG records, semver tables, npm audit
# bodies) plus bench/fuzz/seeds. Prints executions, crashes and hangs per target; each crash input is
# replayed in process to show what escaped, and kept under $VIGIL_FUZZ_OUT (default /tmp/vigil-fuzz).
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-60}"; shift || true
shared=../shared
out="${VIGIL_FUZZ_OUT:-/tmp/vigil-fuzz}"
command -v afl-fuzz >/dev/null || { echo "bench/fuzz/run.sh: afl-fuzz not found (apt-get install afl++)" >&2; exit 1; }
[[ -d "$shared/specs" ]] || { echo "bench/fuzz/run.sh: ../shared is needed for the seed corpus" >&2; exit 1; }

rm -rf "$out"; mkdir -p "$out/findings"
dotnet tool install --tool-path "$out/tools" SharpFuzz.CommandLine --version 2.3.0 >/dev/null
dotnet publish bench/fuzz/Vigil.Fuzz -c Release -o "$out/bin" >"$out/publish.log" 2>&1 || { cat "$out/publish.log"; exit 1; }
# A plain copy replays the crashes (instrumented code runs only inside the fuzzer's loop).
cp -r "$out/bin" "$out/replay"
for assembly in Vigil.Lockfiles Vigil.Versioning Vigil.Cvss Vigil.Core Vigil.Web; do
  "$out/tools/sharpfuzz" "$out/bin/$assembly.dll" >/dev/null
done

python3 - "$shared" "$out/seeds" bench/fuzz/seeds <<'PY'
import glob, json, os, shutil, sys
shared, dest, own = sys.argv[1:4]
def put(target, name, data):
    os.makedirs(os.path.join(dest, target), exist_ok=True)
    if isinstance(data, str): data = data.encode()
    if len(data) <= 64 * 1024:
        open(os.path.join(dest, target, name), "wb").write(data)
def files(target, pattern, limit=40):
    for i, path in enumerate(sorted(glob.glob(os.path.join(shared, pattern)))[:limit]):
        put(target, f"{i}-{os.path.basename(path)}", open(path, "rb").read())
files("package-lock", "specs/lockfiles/npm-*/package-lock.json")
files("package-lock", "specs/npm-audit/*/package-lock.json")
files("yarn-lock", "specs/lockfiles/yarn-*/yarn.lock")
files("pnpm-lock", "specs/lockfiles/pnpm-*/pnpm-lock.yaml")
files("osv", "specs/osv/examples/*.json")
files("osv", "specs/osv/observed/*.json")
files("nswg", "data/nodejs-security-wg/vuln/npm/*.json")
files("nswg", "data/nodejs-security-wg/vuln/core/*.json", 10)
files("npm-bulk", "specs/npm-audit/audit-omit/bulk*.json")
files("npm-quick", "specs/npm-audit/*/audit.json")
files("npm-quick", "specs/npm-audit/audit-omit/quick.json")
ranges, vectors = set(), set()
for path in glob.glob(os.path.join(shared, "specs/semver/range-*.json")):
    for row in json.load(open(path)):
        if isinstance(row, dict) and isinstance(row.get("range"), str): ranges.add(row["range"])
for path in glob.glob(os.path.join(shared, "data/nodejs-security-wg/vuln/npm/*.json")):
    entry = json.load(open(path))
    for key in ("vulnerable_versions", "patched_versions"):
        if isinstance(entry.get(key), str): ranges.add(entry[key])
    if isinstance(entry.get("cvss_vector"), str): vectors.add(entry["cvss_vector"])
    if isinstance(entry.get("overview"), str): put("markdown", f"wg-{os.path.basename(path)}.md", entry["overview"])
for i, r in enumerate(sorted(ranges)[:200]): put("npm-range", f"{i}.txt", r)
for i, v in enumerate(sorted(vectors)[:100]): put("cvss", f"{i}.txt", v)
put("cvss", "v4.txt", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")
put("cvss", "v2.txt", "AV:N/AC:L/Au:N/C:P/I:P/A:P")
for target in os.listdir(own):
    for name in os.listdir(os.path.join(own, target)):
        put(target, "own-" + name, open(os.path.join(own, target, name), "rb").read())
PY

targets=("$@")
if (( ${#targets[@]} == 0 )); then
  targets=(package-lock yarn-lock pnpm-lock packages-lock npm-range cvss osv nswg npm-bulk npm-quick osv-querybatch markdown)
fi
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
printf '%-16s %12s %10s %8s %6s\n' target executions exec/s crashes hangs
for target in "${targets[@]}"; do
  afl-fuzz -i "$out/seeds/$target" -o "$out/findings/$target" -t 10000 -m none -V "$seconds" \
    -- dotnet "$out/bin/Vigil.Fuzz.dll" "$target" >"$out/$target.log" 2>&1 || true
  stats="$out/findings/$target/default/fuzzer_stats"
  if [[ ! -f "$stats" ]]; then echo "$target: afl-fuzz did not start, see $out/$target.log"; tail -5 "$out/$target.log"; continue; fi
  value() { awk -F' *: *' -v k="$1" '$1==k {print $2}' "$stats"; }
  printf '%-16s %12s %10s %8s %6s\n' "$target" "$(value execs_done)" "$(value execs_per_sec)" "$(value saved_crashes)" "$(value saved_hangs)"
  crashes=("$out/findings/$target/default/crashes/"id*)
  if [[ -e "${crashes[0]}" ]]; then
    dotnet "$out/replay/Vigil.Fuzz.dll" "$target" "${crashes[@]}" | tail -20 || true
  fi
done
