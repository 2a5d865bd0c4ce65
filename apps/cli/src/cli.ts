// The orderkit CLI's entry. Two command lines are answered here, before commander and the command
// definitions load (main.ts): `orderkit --version` (or `-V`) alone, which scripts and installers run
// to check the CLI, and `orderkit --help` (or `-h`) alone into a pipe or an 80-column terminal, which
// prints the text of `help.json`: the one commander prints there, written from the built program by
// every build (scripts/write-help-text.mjs). Anything else goes to main.ts: other words, a terminal
// of another width (commander wraps to it), or a build without a whole `help.json`.
import { VERSION } from "./version.js";

const words = process.argv.slice(2);
const alone = words.length === 1 ? words[0] : undefined;
if (alone === "--version" || alone === "-V") {
  // As commander does: exit right after the write (a closed stdout's EPIPE would come later).
  process.stdout.write(`${VERSION}\n`);
  process.exit(0);
}
if (
  (alone === "--help" || alone === "-h") &&
  (!process.stdout.isTTY || (process.stdout.columns ?? 80) === 80)
) {
  const { readFileSync } = await import("node:fs");
  let help: { columns?: unknown; text?: unknown } | undefined;
  try {
    help = JSON.parse(readFileSync(new URL("./help.json", import.meta.url), "utf8"));
  } catch {
    // No help.json (a build that did not write it), or one that is not whole: commander answers.
  }
  if (help?.columns === 80 && typeof help.text === "string" && help.text.startsWith("Usage: orderkit ")) {
    process.stdout.write(help.text);
    process.exit(0);
  }
}
await import("./main.js");
