'use strict'
// Oracle for the Vigil.Cvss.Tests differential tests: scores vectors with the pinned ae-cvss-calculator.
// Usage: node cvss-oracle.js <vectors.json> <answers.json>
//   vectors.json: ["CVSS:3.1/AV:N/...", "CVSS:4.0/AV:N/...", "AV:N/AC:L/Au:N/...", ...] (valid vectors only)
//   answers.json: v2/v3 → [base, temporal, environmental, overall] (null where the group has no metric)
//                 v4    → [overall, baseMetricsOnly]
const fs = require('fs')
const path = require('path')
const cvss = require(path.join(__dirname, 'node_modules', 'ae-cvss-calculator'))

const pinned = require(path.join(__dirname, 'package.json')).dependencies['ae-cvss-calculator']
const installed = require(path.join(__dirname, 'node_modules', 'ae-cvss-calculator', 'package.json')).version
if (installed !== pinned) {
  console.error(`ae-cvss-calculator ${installed} installed, ${pinned} pinned: run npm ci`)
  process.exit(2)
}

const orNull = (x) => (x === undefined ? null : x)
const answer = (vector) => {
  if (vector.startsWith('CVSS:4.0/')) {
    const s = new cvss.Cvss4P0(vector).calculateScores()
    return [s.overall, s.baseMetricsOnly]
  }
  const type = vector.startsWith('CVSS:3.1/') ? cvss.Cvss3P1 : vector.startsWith('CVSS:3.0/') ? cvss.Cvss3P0 : cvss.Cvss2
  const s = new type(vector).calculateScores()
  return [s.base, orNull(s.temporal), orNull(s.environmental), s.overall]
}

const vectors = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'))
fs.writeFileSync(process.argv[3], JSON.stringify(vectors.map(answer)))
