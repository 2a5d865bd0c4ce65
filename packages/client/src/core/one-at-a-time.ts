import { abortable } from "./abort-listeners.js";
import { mayHaveApplied } from "./safe-write.js";
import { sleep } from "./sleep.js";

/**
 * The tail of each key's line: resolves once every call of that key queued so far has settled, to
 * the time (`performance.now()`) before which the next call must not start (0: none). One registry
 * per process, on `globalThis`: an app that loads both the ESM and the CommonJS build of the client
 * still has one line per key.
 */
const registry = (): Map<string, Promise<number>> =>
  ((globalThis as { [k: symbol]: Map<string, Promise<number>> | undefined })[
    Symbol.for("@orderkit/client:one-at-a-time")
  ] ??= new Map());

/** What a call in line tells its line: whether its write left (set by `work` before it sends). */
export type WriteTurn = { wrote: boolean };

/**
 * Runs `work` once every earlier call of the same `key` in this process has settled, so that two
 * read-then-write calls on one resource (two `lineItems.set` of one order and SKU, two resumable
 * creates of one reference) never both read before either writes. When a call fails after its
 * write left (`work` sets `turn.wrote` before sending) and was not refused outright (an HTTP 4xx
 * that follows no attempt that may have landed),
 * the next one also waits `settleMs` from then, as a read-back would (that write may still land),
 * also when it comes after the failure; the wait is the next call's, so nothing waits when nobody
 * is in line. A call whose `signal` aborts while it waits throws `wrap` of an `aborted`
 * TransportError marked not sent, and leaves the line (the calls after it still wait as long as
 * they would have); `work` is not called. Internal. The signal must already be checked
 * (`signalProblem`). `work` must not queue on its own key (it would wait for itself).
 */
export function oneAtATime<T>(
  key: string,
  signal: AbortSignal | undefined,
  wrap: (error: unknown) => Error,
  settleMs: number,
  work: (turn: WriteTurn) => Promise<T>,
): Promise<T> {
  const turn: WriteTurn = { wrote: false };
  const holdAfter = (error: unknown) => {
    const status = (error as { status?: number } | null)?.status ?? 0;
    return turn.wrote && (mayHaveApplied(error) || !(status >= 400 && status < 500)) ? settleMs : 0;
  };
  const lines = registry();
  const before = lines.get(key);
  const run = before
    ? abortable(() => before, signal ?? null)
        .then((notBefore) => {
          const ms = notBefore - performance.now();
          return ms > 0 ? sleep(ms, signal) : undefined;
        })
        .then(
          () => work(turn),
          (error: unknown) => {
            throw wrap(error);
          },
        )
    : work(turn);
  const settled = run.then(
    () => 0,
    (error: unknown) => {
      const ms = holdAfter(error);
      return ms > 0 ? performance.now() + ms : 0;
    },
  );
  const tail = before ? Promise.all([before, settled]).then(([a, b]) => Math.max(a, b)) : settled;
  lines.set(key, tail);
  // Kept until its hold is over, so that a call made later (a retry after this call's error) waits
  // too; the timer that drops it keeps no process alive.
  tail.then((notBefore) => {
    const drop = () => lines.get(key) === tail && lines.delete(key);
    const ms = notBefore - performance.now();
    if (ms > 0) (setTimeout(drop, ms) as { unref?: () => void }).unref?.();
    else drop();
  });
  return run;
}
