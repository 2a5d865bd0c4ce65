import { createInterface } from "node:readline/promises";
import type { Readable, Writable } from "node:stream";
import { RefusedError } from "./errors.js";
import { printableMessage } from "./output.js";

/** True when there is a terminal to ask on. */
export function isInteractive(): boolean {
  return Boolean(process.stdin.isTTY);
}

/** Where a question is asked: the terminal (stdin, stderr) unless a test gives its own. */
export interface PromptIo {
  input: Readable & { isTTY?: boolean };
  output: Writable & { isTTY?: boolean };
}

/**
 * Asks a yes/no question on the terminal. Without a TTY it refuses (exit code 3) rather than
 * charge anyone without an explicit `--yes`. With `{ refuse: false }` a "no" resolves `false`
 * instead of throwing. Ctrl-D (the input ends with no answer) is a "no". Ctrl-C at the question
 * is a stop like any other (the process's one handler: ledger/stop.ts, exit 130), never taken
 * for a "no" or an error.
 */
export async function confirm(
  question: string,
  assumeYes: boolean,
  options: { refuse?: boolean; io?: PromptIo } = {},
): Promise<boolean> {
  if (assumeYes) return true;
  const { input, output } = options.io ?? { input: process.stdin, output: process.stderr };
  refuseWithoutTerminal(input);
  // On a terminal, readline reads Ctrl-C as a key: it is sent on as the signal it stands for.
  const rl = createInterface({ input, output, terminal: Boolean(output.isTTY) });
  rl.on("SIGINT", () => process.kill(process.pid, "SIGINT"));
  // Input that ends with no answer: readline rejects the question only for a terminal's Ctrl-D;
  // otherwise (output not a terminal, say piped to a log) it would never settle, and the run end
  // with nothing said. Either way it is no answer.
  // A line read as the input ended is the answer all the same (readline leaves the question
  // unsettled for a last line without its line break), and the end is taken a turn later, after
  // the question's own promise: a "y" and the end of input read at once are the answer "y".
  let lastLine: string | null = null;
  rl.once("line", (line) => {
    lastLine = line;
  });
  const ended = new Promise<string | null>((resolve) =>
    rl.once("close", () => setImmediate(() => resolve(lastLine))),
  );
  try {
    const got = await Promise.race([
      rl.question(`${printableMessage(question)} [y/N] `).catch(noAnswer),
      ended,
    ]);
    if (got === null) output.write("\n"); // ends the question's line before whatever is said next
    const answer = (got ?? "").trim().toLowerCase();
    const yes = answer === "y" || answer === "yes";
    if (!yes && options.refuse !== false) throw new RefusedError("Not confirmed: nothing was charged.");
    return yes;
  } finally {
    rl.close();
  }
}

/**
 * Refuses (exit code 3) when there is no terminal to ask on: called by {@link confirm}, and before
 * a command spends requests on what it would ask (a price preview).
 */
export function refuseWithoutTerminal(input: { isTTY?: boolean } = process.stdin): void {
  if (!input.isTTY)
    throw new RefusedError(
      "Refusing to check out without confirmation: stdin is not a terminal. Pass --yes to confirm.",
    );
}

/** The input ended at the question (a terminal's Ctrl-D): no answer (null), so a "no". */
function noAnswer(error: unknown): null {
  if (!(error instanceof Error && error.name === "AbortError")) throw error;
  return null;
}
