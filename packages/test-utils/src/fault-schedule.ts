import fc from "fast-check";

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
