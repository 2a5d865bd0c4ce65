import fc from "fast-check";
import type { Fault } from "./fake-lettrlabs.js";

/**
 * Randomized, seeded fault schedules for the safety tests (fast-check). A run prints its schedule
 * count and seed; FAULT_SEED replays it, FAULT_RUNS sets the count (the long run: `npm run faults`).
 */

/** How many schedules a property runs: `$<variable>` (the long run), else the default for `npm test`. */
export function faultRuns(fallback: number, variable = "FAULT_RUNS"): number {
  const n = Number(process.env[variable]);
  return Number.isSafeInteger(n) && n > 0 ? n : fallback;
}

/** The seed: FAULT_SEED to replay a run, else a fresh one (printed, so a failure can be replayed). */
export function faultSeed(): number {
  const n = Number(process.env.FAULT_SEED);
  return Number.isSafeInteger(n) ? n : Math.floor(Math.random() * 2 ** 31);
}

/** A test timeout that grows with the number of schedules (about 2 s a schedule at most). */
export function faultTimeout(runs: number, variable = "FAULT_RUNS", perRunMs = 2000): number {
  return faultRuns(runs, variable) * perRunMs + 60_000;
}

/** Fault kinds shared by both APIs' schedules. */
export type FaultKind =
  | "none"
  | "drop-before-apply"
  | "drop-after-apply"
  | "server-error"
  | "rate-limit"
  | "timeout"
  | "malformed-2xx"
  | "foreign-draft";

/** A schedule: the fault of each request by its position (requests past the end see none). */
export const scheduleArb = (kinds: readonly FaultKind[], length = 40) =>
  fc.array(
    fc.oneof(
      { weight: 6, arbitrary: fc.constant<FaultKind>("none") },
      { weight: 4, arbitrary: fc.constantFrom(...kinds) },
    ),
    { minLength: 1, maxLength: length },
  );

/** Runs a property with a printed, replayable seed. */
export async function assertSchedules<T>(
  name: string,
  arbitrary: fc.Arbitrary<T>,
  property: (value: T) => Promise<void>,
  runs: number,
  variable = "FAULT_RUNS",
): Promise<void> {
  const seed = faultSeed();
  const numRuns = faultRuns(runs, variable);
  process.stdout.write(`[faults] ${name}: ${numRuns} schedules, seed ${seed} (replay: FAULT_SEED=${seed})\n`);
  await fc.assert(fc.asyncProperty(arbitrary, property), { seed, numRuns, endOnFailure: true });
}

/** The template id the foreign Drafts of `foreign-draft` faults are created from. */
export const FOREIGN_TEMPLATE = 777;

/**
 * The fake LettrLabs fault for a scheduled fault kind: a dropped connection before or after the
 * write, a 503, a 429 with Retry-After 0, a response slower than `timeoutMs` (the client's
 * timeout), a 2xx without the promised payload (applied), or another writer's Draft appearing.
 */
export function lettrLabsFault(kind: FaultKind, timeoutMs = 100): Fault | undefined {
  switch (kind) {
    case "drop-before-apply":
    case "drop-after-apply":
      return { kind };
    case "server-error":
      return { kind: "status", status: 503 };
    case "rate-limit":
      return { kind: "status", status: 429, headers: { "retry-after": "0" } };
    case "timeout":
      return { kind: "delay", ms: timeoutMs + 50 };
    case "malformed-2xx":
      return { kind: "apply-then", status: 200, body: { payload: {}, hasErrors: false } };
    case "foreign-draft":
      return { kind: "side-effect", effect: (f) => void f.seedOrder("Draft", FOREIGN_TEMPLATE) };
    default:
      return undefined;
  }
}
