import { abortable } from "./abort-listeners.js";

/** The tail of each key's line: settles once every call of that key queued so far has settled. */
const lines = new Map<string, Promise<unknown>>();

/**
 * Runs `work` once every earlier call of the same `key` in this process has settled, so that two
 * read-then-write calls on one resource (two `lineItems.set` of one order and SKU) never both read
 * before either writes. A call that waits in line and whose `signal` aborts throws `wrap` of an
 * `aborted` TransportError marked not sent, and leaves the line; `work` is not called. Internal.
 * The signal must already be checked (`signalProblem`).
 */
export function oneAtATime<T>(
  key: string,
  signal: AbortSignal | undefined,
  wrap: (error: unknown) => Error,
  work: () => Promise<T>,
): Promise<T> {
  const before = lines.get(key);
  const run = before
    ? abortable(() => before, signal ?? null).then(work, (error: unknown) => {
        throw wrap(error);
      })
    : work();
  // The next call waits for this one and for everything before it, even if this one left early.
  const tail = (before ? before.then(() => run) : run).catch(() => undefined);
  lines.set(key, tail);
  tail.then(() => lines.get(key) === tail && lines.delete(key));
  return run;
}
