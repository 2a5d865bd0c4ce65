// Runs after tsup: writes `dist/help.json`, the root help text exactly as commander prints it at 80
// columns, so that `orderkit --help` alone can print it without loading commander and the command
// definitions (`src/cli.ts`). Made from the built program on every build, it cannot go stale; as
// JSON, a file cut short does not parse, and the entry then leaves the help to commander.
import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");
const target = join(dist, "help.json");
// Without the file, the entry hands `--help` to commander, whose output is what is kept.
rmSync(target, { force: true });

/**
 * Commander's `orderkit --help` into a pipe (80 columns), with `env` added; unless `anyText`, it
 * must start with the usage line.
 */
function commandersHelp(env, { anyText = false } = {}) {
  const run = spawnSync(process.execPath, [join(dist, "cli.js"), "--help"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
  const failed =
    run.error?.message ??
    (run.status !== 0 ? `exited ${run.status ?? run.signal}` : undefined) ??
    (!anyText && !run.stdout.startsWith("Usage: orderkit ") ? "printed no usage line" : undefined);
  if (failed) {
    process.stderr.write(`write-help-text: \`orderkit --help\` ${failed}\n${run.stderr}`);
    process.exit(1);
  }
  return run.stdout;
}

const plain = commandersHelp({ NO_COLOR: "1", FORCE_COLOR: "" });
// The text is the same in a terminal that shows colours only while the help has no styles (no
// `configureHelp({ styleTitle … })`): a terminal would get them and the file would not.
if (
  commandersHelp({ FORCE_COLOR: "1", NO_COLOR: "" }, { anyText: true }) !== plain ||
  plain.includes("\u001b")
) {
  process.stderr.write(
    "write-help-text: the help is styled (colours): the built text would differ from commander's in a terminal. Drop the styles, or this step.\n",
  );
  process.exit(1);
}
writeFileSync(target, `${JSON.stringify({ columns: 80, text: plain })}\n`);
