// Keeps lines of C# and Razor at or under 120 characters. Code older than the rule is listed, file by
// file, with the number of longer lines it may still have (scripts/line-length-baseline.txt); a file may
// only lower its number, and a file not listed may have none. EF's generated migrations are exempt.
// Usage: node scripts/line-length.mjs [--write-baseline]
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, existsSync } from "node:fs";

const limit = 120;
const baselinePath = "scripts/line-length-baseline.txt";
const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "*.cs", "*.cshtml"], { encoding: "utf8" })
  .split("\n")
  .filter((f) => f && existsSync(f) && !/\/Migrations\//.test(f));

const counts = new Map();
for (const file of files) {
  const long = readFileSync(file, "utf8").split("\n").filter((line) => [...line].length > limit).length;
  if (long > 0) counts.set(file, long);
}

if (process.argv.includes("--write-baseline")) {
  const lines = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([f, n]) => `${n} ${f}`);
  writeFileSync(baselinePath, lines.join("\n") + "\n");
  console.log(`line-length: baseline written, ${lines.length} files, ${[...counts.values()].reduce((a, b) => a + b, 0)} lines`);
  process.exit(0);
}

const baseline = new Map();
for (const line of readFileSync(baselinePath, "utf8").split("\n")) {
  const match = /^(\d+) (.+)$/.exec(line);
  if (match) baseline.set(match[2], Number(match[1]));
}
let failed = 0;
let total = 0;
for (const [file, n] of counts) {
  total += n;
  const allowed = baseline.get(file) ?? 0;
  if (n > allowed) {
    failed++;
    console.error(`${file}: ${n} lines over ${limit} characters (allowed ${allowed}); wrap the new ones`);
  }
}
const allowedTotal = [...baseline.values()].reduce((a, b) => a + b, 0);
console.log(`line-length: ${total} lines over ${limit} characters (baseline ${allowedTotal}), ${failed} files over their allowance`);
if (total < allowedTotal) console.log("line-length: fewer than the baseline: lower it with node scripts/line-length.mjs --write-baseline");
process.exit(failed > 0 ? 1 : 0);
