// Runs after tsup: writes `dist/help.txt`, the root help text exactly as commander prints it into a
// pipe (80 columns), so that `orderkit --help` alone can print it without loading commander and the
// command definitions (`src/cli.ts`). Made from the built program on every build: it cannot go stale.
import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");
const target = join(dist, "help.txt");
// Without the file, the entry hands `--help` to commander, whose output is what is kept.
rmSync(target, { force: true });
const run = spawnSync(process.execPath, [join(dist, "cli.js"), "--help"], {
  encoding: "utf8",
  stdio: ["ignore", "pipe", "pipe"],
});
if (run.status !== 0 || !run.stdout.startsWith("Usage: orderkit ") || run.stderr !== "") {
  process.stderr.write(`write-help-text: \`orderkit --help\` exited ${run.status}\n${run.stderr}`);
  process.exit(1);
}
writeFileSync(target, run.stdout);
