import { createInterface } from "node:readline/promises";
import { RefusedError } from "./errors.js";

/** True when there is a terminal to ask on. */
export function isInteractive(): boolean {
  return Boolean(process.stdin.isTTY);
}

/**
 * Asks a yes/no question on the terminal. Without a TTY it refuses (exit code 3) rather than
 * charge anyone without an explicit `--yes`. With `{ refuse: false }` a "no" resolves `false`
 * instead of throwing.
 */
export async function confirm(
  question: string,
  assumeYes: boolean,
  options: { refuse?: boolean } = {},
): Promise<boolean> {
  if (assumeYes) return true;
  if (!isInteractive()) {
    throw new RefusedError(
      "Refusing to check out without confirmation: stdin is not a terminal. Pass --yes to confirm.",
    );
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = (await rl.question(`${question} [y/N] `)).trim().toLowerCase();
    const yes = answer === "y" || answer === "yes";
    if (!yes && options.refuse !== false) throw new RefusedError("Not confirmed: nothing was charged.");
    return yes;
  } finally {
    rl.close();
  }
}
