import { safeJson } from "../output.js";
import { stopWhenSafe } from "./critical.js";

/** A lock as a stop sees it: its path, and how to release it at once. */
interface Releasable {
  readonly path: string;
  releaseSync(): void;
}

/** The locks this process holds (a send holds several): a SIGINT or SIGTERM releases them all. */
export const HELD = new Set<Releasable>();

/**
 * How to go on, said by a stop: one per run under a lock (`whileLocked`), outermost first; a
 * function is asked at the stop (what a run may advise changes as it goes).
 */
const HINTS: { hint: string | (() => string) }[] = [];
let installed = false;

/**
 * Installs the process's one SIGINT/SIGTERM handler (once: the CLI does at start-up, and every
 * `whileLocked` in any case). A stop releases every lock this process holds, says so (with how to
 * go on, under a lock; a JSON error line under `--json`) and exits 130/143, once any step it must
 * not cut short is done (see critical.ts). The handler stays installed (`process.on`, never
 * `once`): a second signal a millisecond after the first (a wrapper that forwards Ctrl-C to the
 * whole process group, as npm does) finds it there, never Node's default, which would kill the run
 * before it released anything.
 */
export function installStopHandler(): void {
  if (installed) return;
  installed = true;
  const onSignal = (signal: NodeJS.Signals) => stopWhenSafe(() => stop(signal));
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}

/** Says `hint` on a stop until `end()` (unless a run around this one says its own). */
export function saidOnStop(hint: string | (() => string)): { end(): void } {
  const entry = { hint };
  HINTS.push(entry);
  return { end: () => void HINTS.splice(HINTS.indexOf(entry), 1) };
}

function stop(signal: NodeJS.Signals): void {
  const failed: string[] = [];
  for (const each of [...HELD])
    try {
      each.releaseSync();
    } catch (error) {
      failed.push(`${each.path} (${(error as { code?: string }).code ?? String(error)})`);
    }
  const exitCode = signal === "SIGINT" ? 130 : 143;
  const said = HINTS[0]?.hint;
  const hint = said === undefined ? "" : ` ${typeof said === "function" ? said() : said}`;
  const left = failed.length > 0 ? ` These locks could not be released: ${failed.join(", ")}.` : "";
  const message = `Stopped (${signal}).${hint}${left}`;
  process.stderr.write(
    process.argv.includes("--json") ? `${safeJson({ error: { message, exitCode } })}\n` : `\n${message}\n`,
  );
  process.exit(exitCode);
}
