"""Writes the request bodies and the list of requests that bench/answers/compare.sh sends to both builds.

From the Node.js Security WG database (npm advisories): an npm bulk body naming every advised module with
the versions its ranges mention and a few around them, an OSV querybatch with one query per module and
version, and a list of GET paths (OSV records, advisory pages, searches, feeds, the npm, NuGet and Node.js
core resources). Usage: requests.py WG_DIR OUT_DIR
"""
import json, os, re, sys

wg, out = sys.argv[1:3]
npm_dir = os.path.join(wg, "npm")
core_dir = os.path.join(wg, "core")
versions = {}
ids = []
for name in sorted(os.listdir(npm_dir)):
    if not name.endswith(".json"):
        continue
    try:
        entry = json.load(open(os.path.join(npm_dir, name), encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        continue
    module = entry.get("module_name")
    if not isinstance(module, str) or not module:
        continue
    ids.append("NSWG-ECO-" + name[:-5])
    found = set(re.findall(r"\d+\.\d+\.\d+", " ".join(str(entry.get(k) or "") for k in ("vulnerable_versions", "patched_versions"))))
    found |= {"0.0.1", "1.0.0", "99.0.0"}
    versions.setdefault(module, set()).update(found)

bulk = {m: sorted(v) for m, v in sorted(versions.items())}
json.dump(bulk, open(os.path.join(out, "bulk.json"), "w"))
queries = [{"package": {"name": m, "ecosystem": "npm"}, "version": v} for m, vs in bulk.items() for v in vs]
json.dump({"queries": queries[:1000]}, open(os.path.join(out, "querybatch.json"), "w"))
one = next(iter(bulk))
json.dump({"package": {"name": one, "ecosystem": "npm"}}, open(os.path.join(out, "query.json"), "w"))

gets = ["/healthz", "/vuln/core/index.json", "/nuget/v3/index.json", "/nuget/v3/vulnerabilities/index.json",
        "/nuget/v3/vulnerabilities/all.json", "/", "/?q=prototype+pollution", "/?ecosystem=npm&page=2",
        "/?q=minimist&sort=relevance", "/packages/npm/minimist", "/tools/cvss", "/programs", "/reputation", "/feeds/atom.xml", "/feeds/ecosystems/npm/atom.xml",
        "/download/npm/modified_id.csv", "/.well-known/security.txt"]
for advisory in ids[::25]:
    gets += [f"/v1/vulns/{advisory}", f"/advisories/{advisory}"]
if os.path.isdir(core_dir):
    for name in sorted(os.listdir(core_dir))[::30]:
        if name.endswith(".json"):
            gets.append(f"/v1/vulns/NSWG-COR-{name[:-5]}")
open(os.path.join(out, "gets.txt"), "w").write("\n".join(gets) + "\n")
print(f"{len(bulk)} modules, {len(queries)} (module, version) pairs, {len(gets)} GET paths")
