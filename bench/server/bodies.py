"""Writes the server benchmark's request bodies from the generated lockfile.

bulk-1000.json.gz   npm's bulk audit body for 1,000 packages ({name: [versions]}), gzip as npm sends it: the
                    dense scenario (every version as generated: ~2,500 advisories in the answer)
querybatch-1000.json OSV querybatch with 1,000 (package, version) queries, same packages and versions
bulk-1000-realistic.json.gz, querybatch-1000-realistic.json
                    the same 1,000 names (so the server looks up and tests the same ~3,700 affected
                    rows), but with a real project's vulnerable share: one package in 16 (6.25 %) keeps its
                    generated version, the others are at a version after every generated range (9.x,
                    current releases); the real tree in specs/npm-audit/audit-omit has 27 vulnerable
                    packages out of 403 (6.7 %) in the registry's answer
advisory-id.txt     an advisory id for the page benchmark
npm-project/        package.json + package-lock.json for the end-to-end npm audit run
"""
import gzip, json, os, shutil, sqlite3, sys

lockfile, work, db = sys.argv[1:4]
lock = json.load(open(lockfile))
pairs = {}
for key, entry in lock["packages"].items():
    if not key:
        continue
    name = key.rsplit("node_modules/", 1)[-1]
    pairs.setdefault(name, set()).add(entry["version"])
names = sorted(pairs)[:1000]

bulk = {n: sorted(pairs[n]) for n in names}
with gzip.open(os.path.join(work, "bulk-1000.json.gz"), "wt") as f:
    json.dump(bulk, f)
queries = [{"package": {"name": n, "ecosystem": "npm"}, "version": sorted(pairs[n])[0]} for n in names]
with open(os.path.join(work, "querybatch-1000.json"), "w") as f:
    json.dump({"queries": queries}, f)

# Realistic: 1 package in 16 vulnerable as generated; the rest current (generated ranges end below 7.0.0).
def current(i, versions):
    return versions if i % 16 == 0 else [f"9.{i % 7}.{i % 11}"]
realistic = {n: current(i, bulk[n]) for i, n in enumerate(names)}
with gzip.open(os.path.join(work, "bulk-1000-realistic.json.gz"), "wt") as f:
    json.dump(realistic, f)
with open(os.path.join(work, "querybatch-1000-realistic.json"), "w") as f:
    json.dump({"queries": [{"package": {"name": n, "ecosystem": "npm"}, "version": realistic[n][0]} for n in names]}, f)

con = sqlite3.connect(db)
row = con.execute("select id from advisories where id = 'NSWG-ECO-100'").fetchone() \
    or con.execute("select id from advisories order by number limit 1").fetchone()
open(os.path.join(work, "advisory-id.txt"), "w").write(row[0])

project = os.path.join(work, "npm-project")
os.makedirs(project, exist_ok=True)
shutil.copy(lockfile, os.path.join(project, "package-lock.json"))
top = {k[len("node_modules/"):]: v["version"] for k, v in lock["packages"].items()
       if k.startswith("node_modules/") and "/node_modules/" not in k[len("node_modules/"):]}
json.dump({"name": "bench-project", "version": "1.0.0", "dependencies": top},
          open(os.path.join(project, "package.json"), "w"), indent=2)
print(f"   {len(names)} packages in the bulk body, {len(queries)} queries, advisory {row[0]}")
