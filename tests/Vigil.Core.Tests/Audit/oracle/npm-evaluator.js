// What npm's own evaluator says: loads a project's lockfile with npm's Arborist (loadVirtual, as
// `npm audit` does) and tests every advisory range against every installed node with npm's bundled
// semver and npm audit's options ({loose: true, includePrerelease: true}).
// Usage: node npm-evaluator.js NPM_ROOT PROJECT_DIR ADVISORIES_JSON [omit...]
//   ADVISORIES_JSON: [{"id": "...", "name": "...", "range": "..."}]
// Prints a JSON array of {"id","name","version"} sorted, one per (advisory, name, version).
'use strict'
const path = require('path')
const fs = require('fs')
const [npmRoot, projectDir, advisoriesFile, ...omit] = process.argv.slice(2)
const Arborist = require(path.join(npmRoot, 'node_modules/@npmcli/arborist'))
const semver = require(path.join(npmRoot, 'node_modules/semver'))

async function main () {
  const advisories = JSON.parse(fs.readFileSync(advisoriesFile, 'utf8'))
  const byName = new Map()
  for (const a of advisories) {
    if (!byName.has(a.name)) byName.set(a.name, [])
    byName.get(a.name).push(a)
  }
  const tree = await new Arborist({ path: projectDir }).loadVirtual()
  const omitSet = new Set(omit)
  const found = new Set()
  // Same filter as arborist's AuditReport: skip the root, links, link targets and omitted nodes.
  for (const node of tree.inventory.values()) {
    if (node.isProjectRoot || node.isLink || node.linksIn.size > 0 || !node.version) continue
    if (omitSet.size > 0 && node.shouldOmit && node.shouldOmit(omitSet)) continue
    for (const a of byName.get(node.packageName) || []) {
      if (semver.satisfies(node.version, a.range, { loose: true, includePrerelease: true })) {
        found.add(JSON.stringify({ id: a.id, name: node.packageName, version: node.version }))
      }
    }
  }
  process.stdout.write(JSON.stringify([...found].sort().map(s => JSON.parse(s))))
}
main().catch(e => { console.error(e); process.exit(1) })
