'use strict'
// node-semver 7.8.5 side of benchmark (a); mirrors Vigil.Bench.Semver (same pairs, scenarios, rounds).
// Usage: node node-bench.js <pairs.json> <results.json>   (run by bench/semver/run.sh)
const fs = require('fs')
const path = require('path')
const oracle = path.join(__dirname, '..', '..', 'tests', 'Vigil.Versioning.Tests', 'oracle', 'node_modules', 'semver')
const semver = require(oracle)
if (semver.SEMVER_SPEC_VERSION === undefined || require(path.join(oracle, 'package.json')).version !== '7.8.5') {
  throw new Error('node-semver 7.8.5 expected: run npm ci --prefix tests/Vigil.Versioning.Tests/oracle')
}

const ROUNDS = 7
// Process CPU time (user + system) in ns, like Vigil.Bench.Semver: robust on a busy shared machine.
const cpuNs = () => {
  const { user, system } = process.cpuUsage()
  return (user + system) * 1000
}
const medianNsPerOp = (ops, pass) => {
  let sink = 0
  let passes = 1
  const start = cpuNs()
  while (cpuNs() - start < 200e6) {
    sink += pass()
    passes++
  }
  const results = []
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = cpuNs()
    for (let i = 0; i < passes; i++) {
      sink += pass()
    }
    results.push((cpuNs() - t0) / (passes * ops))
  }
  if (sink === -1) {
    console.log(sink)
  }
  results.sort((a, b) => a - b)
  return results[Math.floor(ROUNDS / 2)]
}

const pairs = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'))
const out = {}
for (const [label, options] of [['default', {}], ['audit', { loose: true, includePrerelease: true }]]) {
  const valid = []
  for (const [r, v] of pairs) {
    try {
      valid.push([new semver.Range(r, options), v])
    } catch {}
  }
  const both = valid.filter(([, v]) => semver.parse(v, options)).map(([r, v]) => [r, new semver.SemVer(v, options)])

  out[`Range pre-parsed, version string: range.test(v)|${label}`] = medianNsPerOp(valid.length, () => {
    let hits = 0
    for (const [range, version] of valid) {
      hits += range.test(version) ? 1 : 0
    }
    return hits
  })
  out[`Range and version pre-parsed: range.test(semver)|${label}`] = medianNsPerOp(both.length, () => {
    let hits = 0
    for (const [range, version] of both) {
      hits += range.test(version) ? 1 : 0
    }
    return hits
  })
  out[`satisfies(v, r, opts) from strings (range cache)|${label}`] = medianNsPerOp(pairs.length, () => {
    let hits = 0
    for (const [range, version] of pairs) {
      hits += semver.satisfies(version, range, options) ? 1 : 0
    }
    return hits
  })
}
fs.writeFileSync(process.argv[3], JSON.stringify(out))
