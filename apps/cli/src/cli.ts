// The orderkit CLI's entry. Two command lines are answered here, before commander and the command
// definitions load (main.ts): `orderkit --version` (or `-V`) alone, which scripts and installers run
// to check the CLI, and `orderkit --help` (or `-h`) alone into a pipe or an 80-column terminal, which
// prints `help.txt`: the text commander prints there, written from the built program by every build
// (scripts/write-help-text.mjs). Anything else goes to main.ts: other words, a terminal of another
// width (commander wraps to it), or a build without the file.
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
  let help: string | undefined;
  try {
    help = readFileSync(new URL("./help.txt", import.meta.url), "utf8");
  } catch {
    // No help.txt (a build that did not write it): commander prints the help.
  }
  if (help) {
    process.stdout.write(help);
    process.exit(0);
  }
}
await import("./main.js");
