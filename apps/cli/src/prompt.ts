import { createInterface } from "node:readline/promises";
import { RefusedError } from "./errors.js";

/**
 * Asks a yes/no question on the terminal. Without a TTY it refuses (exit code 3) rather than
 * charge anyone without an explicit `--yes`.
 */
export async function confirm(question: string, assumeYes: boolean): Promise<void> {
  if (assumeYes) return;
  if (!process.stdin.isTTY) {
    throw new RefusedError(
      "Refusing to check out without confirmation: stdin is not a terminal. Pass --yes to confirm.",
    );
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = (await rl.question(`${question} [y/N] `)).trim().toLowerCase();
    if (answer !== "y" && answer !== "yes") throw new RefusedError("Not confirmed: nothing was charged.");
  } finally {
    rl.close();
  }
}
