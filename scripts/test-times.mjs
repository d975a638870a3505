// Where the time of one test run went, from the xUnit XML reports (dotnet test --report-xunit-xml):
// each assembly's wall time, then the test classes that took longest (a class is one collection; classes
// run two at a time on two cores, so their times add up to more than the wall time).
// Usage: node scripts/test-times.mjs RESULTS_DIR [TOP]
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, basename } from "node:path";

const root = process.argv[2];
const top = Number(process.argv[3] ?? 15);
const reports = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith(".xml")) reports.push(path);
  }
};
walk(root);

const attr = (text, name) => new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(text)?.[1];
const assemblies = [];
const classes = [];
for (const report of reports) {
  const xml = readFileSync(report, "utf8");
  for (const a of xml.matchAll(/<assembly\s([^>]*)>/g)) {
    assemblies.push({ name: basename(attr(a[1], "name") ?? "?"), time: Number(attr(a[1], "time") ?? 0), total: Number(attr(a[1], "total") ?? 0) });
  }
  for (const c of xml.matchAll(/<collection\s([^>]*)>/g)) {
    const name = /Test collection for ([^\s(]+)/.exec(attr(c[1], "name") ?? "")?.[1] ?? attr(c[1], "name") ?? "?";
    classes.push({ name, time: Number(attr(c[1], "time") ?? 0), total: Number(attr(c[1], "total") ?? 0) });
  }
}
const minutes = (s) => `${Math.floor(s / 60)}m ${String(Math.round(s % 60)).padStart(2, "0")}s`;
console.log("Time per test assembly (wall):");
for (const a of assemblies.sort((x, y) => y.time - x.time)) console.log(`  ${minutes(a.time).padStart(8)}  ${String(a.total).padStart(5)} tests  ${a.name}`);
console.log(`Slowest ${top} test classes (sum of their tests):`);
for (const c of classes.sort((x, y) => y.time - x.time).slice(0, top)) console.log(`  ${minutes(c.time).padStart(8)}  ${String(c.total).padStart(5)} tests  ${c.name}`);
