"""Writes the server benchmark's request bodies from the generated lockfile.

bulk-1000.json.gz   npm's bulk audit body for 1,000 packages ({name: [versions]}), gzip as npm sends it
querybatch-1000.json OSV querybatch with 1,000 (package, version) queries
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
