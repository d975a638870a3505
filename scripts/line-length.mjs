// Keeps lines of C# and Razor at or under 120 characters, in every file under git (tracked or new).
// Exempt: EF's generated migrations (any path containing /Migrations/), and the lines inside C# raw string
// literals that span lines: after the line that opens one (it ends with the opening """), up to and
// including the line that closes it (it starts with the closing """). Their content is data (JSON, SQL,
// script, lockfile text) whose exact text a test or query may depend on. A raw literal opened and closed on
// one line is checked like any other code: to keep a long one, open it on its own line instead.
// Usage: node scripts/line-length.mjs
import { execFileSync } from "node:child_process";
import { readFileSync, existsSync } from "node:fs";

const limit = 120;
const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "*.cs", "*.cshtml"], { encoding: "utf8" })
  .split("\n")
  .filter((f) => f && existsSync(f) && !/\/Migrations\//.test(f));

// The lines of a C# file that are inside a multi-line raw string literal (after its opening line, up to
// its closing line). C# puts nothing after the opening quotes of such a literal on their line, and nothing
// but indentation before the closing quotes (as many as opened it) on theirs. A line ending in quotes opens
// a literal only when its runs of three or more quotes are odd in number (else a one-line literal ends it).
function rawStringLines(lines) {
  const inside = new Set();
  let closing = null;
  lines.forEach((line, i) => {
    if (closing !== null) {
      inside.add(i);
      if (line.trimStart().startsWith(closing)) closing = null;
      return;
    }
    const runs = line.trimEnd().match(/"{3,}/g) ?? [];
    const last = /"{3,}$/.exec(line.trimEnd());
    if (last && runs.length % 2 === 1) closing = last[0];
  });
  return inside;
}

let total = 0;
for (const file of files) {
  const lines = readFileSync(file, "utf8").split("\n");
  const exempt = file.endsWith(".cs") ? rawStringLines(lines) : new Set();
  lines.forEach((line, i) => {
    if ([...line].length > limit && !exempt.has(i)) {
      total++;
      console.error(`${file}:${i + 1}: ${[...line].length} characters; wrap it at ${limit}`);
    }
  });
}
console.log(`line-length: ${total} lines over ${limit} characters`);
process.exit(total > 0 ? 1 : 0);
