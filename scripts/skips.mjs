// Counts the skipped tests in the xUnit XML reports of one run (dotnet test --report-xunit) and, under
// CI=true, fails when a skipped test is not on tests/allowed-skips.txt: a green CI run means every test ran.
// Usage: node scripts/skips.mjs RESULTS_DIR
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const root = process.argv[2];
const reports = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith(".xml")) reports.push(path);
  }
};
walk(root);

const unescape = (text) => text.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
const skipped = [];
for (const report of reports) {
  const xml = readFileSync(report, "utf8");
  for (const match of xml.matchAll(/<test\s([^>]*?)(?:\/>|>([\s\S]*?)<\/test>)/g)) {
    const attribute = (name) => new RegExp(`\\b${name}="([^"]*)"`).exec(match[1])?.[1];
    if (attribute("result") !== "Skip") continue;
    const reason = /<reason>(?:<!\[CDATA\[)?([\s\S]*?)(?:\]\]>)?<\/reason>/.exec(match[2] ?? "");
    skipped.push({ name: unescape(attribute("name") ?? ""), reason: reason ? reason[1].trim() : "" });
  }
}

// tests/allowed-skips.txt: one test name prefix per line, then " # " and why it may skip in CI.
const allowed = readFileSync(new URL("../tests/allowed-skips.txt", import.meta.url), "utf8")
  .split("\n").map((line) => line.trim()).filter((line) => line && !line.startsWith("#"))
  .map((line) => line.split(" # ")[0].trim());
const refused = skipped.filter((test) => !allowed.some((prefix) => test.name.startsWith(prefix)));

console.log(`${skipped.length} skipped (${skipped.length - refused.length} on tests/allowed-skips.txt) in ${reports.length} reports`);
if (process.env.CI?.toLowerCase() === "true" && refused.length > 0) {
  console.log(`CI=true: ${refused.length} skipped tests are not on tests/allowed-skips.txt, so this run fails:`);
  for (const test of refused.slice(0, 50)) console.log(`  ${test.name}: ${test.reason}`);
  if (refused.length > 50) console.log(`  ... and ${refused.length - 50} more`);
  process.exit(1);
}
