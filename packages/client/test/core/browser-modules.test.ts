import { getEventListeners } from "node:events";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as browserDeadline from "../../src/core/deadline.browser.js";
import type { CallDeadline } from "../../src/core/deadline.js";
import * as nodeDeadline from "../../src/core/deadline.js";
import { onAbort as browserOnAbort } from "../../src/core/on-abort.browser.js";
import { onAbort as nodeOnAbort } from "../../src/core/on-abort.js";

// The browser build swaps deadline.ts and on-abort.ts for their `.browser.ts` (tsup.browser.ts):
// simpler code for the same contract. Both are held to it here, on Node's own AbortController and
// fake timers; a real browser runs the swapped build in the release tests (consumer.test.ts).

const listeners = (signal: AbortSignal) => getEventListeners(signal, "abort").length;

describe.each([
  ["Node's", nodeOnAbort],
  ["the browser build's", browserOnAbort],
])("%s onAbort", (_, onAbort) => {
  it("wakes each waiter once on abort, never one that stopped waiting, and an aborted signal at once", () => {
    const controller = new AbortController();
    const woken: string[] = [];
    const stopA = onAbort(controller.signal, () => woken.push("a"));
    onAbort(controller.signal, () => woken.push("a"));
    onAbort(controller.signal, () => woken.push("b"));
    const stopC = onAbort(controller.signal, () => woken.push("c"));
    stopC();
    stopA();
    controller.abort();
    controller.abort();
    expect(woken.sort()).toEqual(["a", "b"]);
    expect(listeners(controller.signal)).toBe(0);
    // Stopping after the abort changes nothing.
    stopA();
    onAbort(controller.signal, () => woken.push("late"));
    expect(woken).toContain("late");
    expect(listeners(controller.signal)).toBe(0);
  });

  it("leaves no listener once every waiter stopped, whatever the order (seeded)", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 20 }), (order) => {
        const controller = new AbortController();
        let woken = 0;
        const stops = order.map(() => onAbort(controller.signal, () => woken++));
        for (const i of order) stops[i % stops.length]?.();
        for (const stop of stops) stop();
        expect(listeners(controller.signal)).toBe(0);
        controller.abort();
        expect(woken).toBe(0);
      }),
      { numRuns: 100, seed: 20261206 },
    );
  });
});

/** A client's timeouts of `ms`: makes each call's, given the caller's signal. */
type Timing = (ms: number) => (caller: AbortSignal | null) => CallDeadline;

const nodeTiming: Timing = (ms) => {
  const deadlines = new nodeDeadline.Deadlines(ms);
  return (caller) => new nodeDeadline.Deadline(deadlines, caller);
};
const browserTiming: Timing = (ms) => {
  const deadlines = new browserDeadline.Deadlines(ms);
  return (caller) => new browserDeadline.Deadline(deadlines, caller);
};

describe.each([
  ["Node's", nodeTiming, (ms: number) => Math.min(250, Math.floor(ms / 20))],
  ["the browser build's", browserTiming, () => 0],
])("%s Deadline", (_, timing, windowOf) => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000, toFake: ["setTimeout", "clearTimeout", "Date", "performance"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("never aborts an attempt early, aborts one that overstays as a timeout, and leaves no timer held (seeded)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5_000 }),
        fc.array(
          fc.record({ wait: fc.integer({ min: 0, max: 300 }), runs: fc.integer({ min: 0, max: 6_000 }) }),
          {
            minLength: 1,
            maxLength: 30,
          },
        ),
        (ms, schedule) => {
          vi.clearAllTimers();
          const timeouts = timing(ms);
          const attempts: { start: number; runs: number; abortedAt?: number; timedOut?: boolean }[] = [];
          for (const { wait, runs } of schedule) {
            vi.advanceTimersByTime(wait);
            const deadline = timeouts(null);
            const signal = deadline.start();
            const attempt: (typeof attempts)[number] = { start: Date.now(), runs };
            // A signal Node's buckets share may abort after the attempt stopped: its request is over.
            signal.addEventListener("abort", () => {
              if (attempt.timedOut === undefined) attempt.abortedAt = Date.now();
              expect((signal.reason as DOMException).name).toBe("TimeoutError");
            });
            attempts.push(attempt);
            // The attempt ends (its body read) at its own time, unless aborted first.
            setTimeout(() => {
              deadline.stop();
              attempt.timedOut = deadline.timedOut;
            }, runs);
          }
          vi.advanceTimersByTime(20_000);
          for (const a of attempts) {
            if (a.abortedAt !== undefined) {
              expect(a.abortedAt - a.start).toBeGreaterThanOrEqual(ms);
              expect(a.abortedAt - a.start).toBeLessThanOrEqual(ms + windowOf(ms));
            }
            if (a.runs > ms + windowOf(ms)) expect(a.abortedAt).toBeDefined();
            if (a.runs < ms) expect(a.abortedAt).toBeUndefined();
            // The verdict is the timer's: a timeout exactly when it aborted the attempt.
            expect(a.timedOut).toBe(a.abortedAt !== undefined);
          }
          // Every attempt stopped: no timer is left (Node's released window timer has run out).
          expect(vi.getTimerCount()).toBe(0);
        },
      ),
      { numRuns: 200, seed: 20261206 },
    );
  });

  it("joins the caller's signal: the caller aborts its own attempt only, which is no timeout", () => {
    const timeouts = timing(30_000);
    const caller = new AbortController();
    const mineDeadline = timeouts(caller.signal);
    const mine = mineDeadline.start();
    const theirs = timeouts(null).start();
    caller.abort(new Error("the caller's"));
    expect(mine.aborted).toBe(true);
    expect((mine.reason as Error).message).toBe("the caller's");
    expect(theirs.aborted).toBe(false);
    expect(mineDeadline.timedOut).toBe(false);
  });

  it("restarts an attempt with a fresh verdict and a full timeout, and a stopped one holds nothing on the caller's signal", () => {
    const timeouts = timing(1_000);
    const caller = new AbortController();
    const deadline = timeouts(caller.signal);
    const first = deadline.start();
    vi.advanceTimersByTime(1_000 + windowOf(1_000) + 1);
    expect(first.aborted).toBe(true);
    expect(deadline.timedOut).toBe(true);
    deadline.stop();
    expect(deadline.timedOut).toBe(true);
    const second = deadline.start();
    expect(deadline.timedOut).toBe(false);
    vi.advanceTimersByTime(999);
    expect(second.aborted).toBe(false);
    deadline.stop();
    deadline.stop();
    expect(listeners(caller.signal)).toBe(0);
    vi.advanceTimersByTime(5_000);
    expect(second.aborted).toBe(false);
    expect(deadline.timedOut).toBe(false);
  });

  it("with no timeout (ms 0) sets no timer, and only the caller's signal aborts", () => {
    const timeouts = timing(0);
    const caller = new AbortController();
    const deadline = timeouts(caller.signal);
    const signal = deadline.start();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(3_600_000);
    expect(signal.aborted).toBe(false);
    caller.abort();
    expect(signal.aborted).toBe(true);
    expect(deadline.timedOut).toBe(false);
    deadline.stop();
  });
});
