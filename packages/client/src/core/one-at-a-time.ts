import { abortable } from "./abort-listeners.js";

/**
 * The tail of each key's line: settles once every call of that key queued so far has settled
 * (and held its turn as long as it asked). One registry per process, on `globalThis`: an app that
 * loads both the ESM and the CommonJS build of the client still has one line per key.
 */
const registry = (): Map<string, Promise<unknown>> =>
  ((globalThis as { [k: symbol]: Map<string, Promise<unknown>> | undefined })[
    Symbol.for("@orderkit/client:one-at-a-time")
  ] ??= new Map());

/**
 * Runs `work` once every earlier call of the same `key` in this process has settled, so that two
 * read-then-write calls on one resource (two `lineItems.set` of one order and SKU) never both read
 * before either writes. A call that waits in line and whose `signal` aborts throws `wrap` of an
 * `aborted` TransportError marked not sent, and leaves the line; `work` is not called. When `work`
 * fails, `holdAfter(error)` may return a promise the next call also waits for (a write that may
 * still land: the next call must not read before it has). Internal. The signal must already be
 * checked (`signalProblem`). `work` must not queue on its own key (it would wait for itself).
 */
export function oneAtATime<T>(
  key: string,
  signal: AbortSignal | undefined,
  wrap: (error: unknown) => Error,
  work: () => Promise<T>,
  holdAfter: (error: unknown) => Promise<void> | undefined,
): Promise<T> {
  const lines = registry();
  const before = lines.get(key);
  const run = before
    ? abortable(() => before, signal ?? null).then(work, (error: unknown) => {
        throw wrap(error);
      })
    : work();
  // The next call waits for this one and for everything before it, even if this one left early.
  const tail = (before ? before.then(() => run) : run).catch(holdAfter).catch(() => undefined);
  lines.set(key, tail);
  tail.then(() => lines.get(key) === tail && lines.delete(key));
  return run;
}
