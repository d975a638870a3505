'use strict'
// Oracle for NodeSemverDifferentialTests and bench/semver: answers with the pinned node-semver.
// Usage: node semver-oracle.js <pairs.json> <answers.json>
//   pairs.json:   [[range, version], ...]
//   answers.json: [[satisfiesDefault, satisfiesAudit, validRangeDefault, validRangeAudit,
//                   validDefault, validLoose], ...]   ("throws" where node-semver throws)
const fs = require('fs')
const path = require('path')
const semver = require(path.join(__dirname, 'node_modules', 'semver'))

const pinned = require(path.join(__dirname, 'package.json')).dependencies.semver
const installed = require(path.join(__dirname, 'node_modules', 'semver', 'package.json')).version
if (installed !== pinned) {
  console.error(`node-semver ${installed} installed, ${pinned} pinned: run npm ci`)
  process.exit(2)
}

// npm audit's options (@npmcli/metavuln-calculator lib/advisory.js)
const audit = { loose: true, includePrerelease: true }
const guard = (fn) => {
  try {
    return fn()
  } catch {
    return 'throws'
  }
}

const pairs = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'))
const answers = pairs.map(([range, version]) => [
  guard(() => semver.satisfies(version, range)),
  guard(() => semver.satisfies(version, range, audit)),
  guard(() => semver.validRange(range)),
  guard(() => semver.validRange(range, audit)),
  guard(() => semver.valid(version)),
  guard(() => semver.valid(version, true)),
])
fs.writeFileSync(process.argv[3], JSON.stringify(answers))
