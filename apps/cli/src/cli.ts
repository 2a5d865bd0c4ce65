// The orderkit CLI's entry. `orderkit --version` (or `-V`) alone is answered here, before commander
// and the command definitions load (main.ts): it is what scripts and installers run to check the
// CLI, and it needs nothing else. Anything else, `--version` among other words too, goes to main.ts.
import { VERSION } from "./version.js";

const words = process.argv.slice(2);
if (words.length === 1 && (words[0] === "--version" || words[0] === "-V")) {
  // As commander does: exit right after the write (a closed stdout's EPIPE would come later).
  process.stdout.write(`${VERSION}\n`);
  process.exit(0);
} else await import("./main.js");
