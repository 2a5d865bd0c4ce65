import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Deadline, Deadlines, MAX_JOINS } from "../../src/core/deadline.js";

// The shared-bucket timeouts of the calls' fast path, on fake timers: whatever the schedule of
// attempts, none is aborted before it has run `ms`, every attempt still running `ms` + the window
// after it started is aborted as a timeout, and nothing stays armed once every attempt is over.
beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000, toFake: ["setTimeout", "clearTimeout", "Date", "performance"] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("Deadlines (attempts sharing one controller per window)", () => {
  it("never aborts an attempt early, always aborts one that overstays, leaves nothing armed", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.array(
          fc.record({ wait: fc.integer({ min: 0, max: 400 }), runs: fc.integer({ min: 0, max: 12_000 }) }),
          {
            minLength: 1,
            maxLength: 60,
          },
        ),
        (ms, schedule) => {
          vi.clearAllTimers();
          const deadlines = new Deadlines(ms);
          const window = Math.min(250, Math.floor(ms / 20));
          const attempts: { start: number; end: number; abortedAt?: number; signal: AbortSignal }[] = [];
          for (const { wait, runs } of schedule) {
            vi.advanceTimersByTime(wait);
            const deadline = new Deadline(deadlines, null);
            const signal = deadline.start();
            const attempt: { start: number; end: number; signal: AbortSignal; abortedAt?: number } = {
              start: Date.now(),
              end: Date.now() + runs,
              signal,
            };
            signal.addEventListener("abort", () => {
              attempt.abortedAt ??= Date.now();
            });
            attempts.push(attempt);
            // Attempts end (their body read) at their own time, unless aborted first.
            setTimeout(() => deadline.stop(), runs);
          }
          vi.advanceTimersByTime(30_000);
          for (const a of attempts) {
            if (a.abortedAt !== undefined) {
              expect(a.abortedAt - a.start).toBeGreaterThanOrEqual(ms);
              expect(a.abortedAt - a.start).toBeLessThanOrEqual(ms + window);
              expect((a.signal.reason as DOMException).name).toBe("TimeoutError");
            }
            // An attempt that outlived ms + window was aborted; one that ended before ms was not.
            if (a.end - a.start > ms + window) expect(a.abortedAt).toBeDefined();
            if (a.end - a.start < ms && a.abortedAt !== undefined)
              expect(a.abortedAt).toBeGreaterThanOrEqual(a.end);
          }
          expect(vi.getTimerCount()).toBe(0);
        },
      ),
      { numRuns: 300, seed: 20261129 },
    );
  });

  it("shares one signal within a window, at most MAX_JOINS (16) attempts, and starts another after it", () => {
    expect(MAX_JOINS).toBe(16);
    const deadlines = new Deadlines(30_000);
    const first = new Deadline(deadlines, null).start();
    const others = Array.from({ length: MAX_JOINS - 1 }, () => new Deadline(deadlines, null).start());
    expect(others.every((s) => s === first)).toBe(true);
    expect(new Deadline(deadlines, null).start()).not.toBe(first);
    vi.advanceTimersByTime(251);
    const later = new Deadline(deadlines, null).start();
    expect(later).not.toBe(first);
  });

  it("keeps a stopped attempt's verdict, and reports a timeout only for the attempt that overstayed", () => {
    const deadlines = new Deadlines(1_000);
    const done = new Deadline(deadlines, null);
    const slow = new Deadline(deadlines, null);
    done.start();
    slow.start();
    vi.advanceTimersByTime(10);
    done.stop();
    vi.advanceTimersByTime(1_100);
    expect(slow.timedOut).toBe(true);
    expect(done.timedOut).toBe(false);
    slow.stop();
    expect(slow.timedOut).toBe(true);
    slow.start();
    expect(slow.timedOut).toBe(false);
    slow.stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("joins the caller's signal: the caller aborts its own attempt only", () => {
    const deadlines = new Deadlines(30_000);
    const caller = new AbortController();
    const mine = new Deadline(deadlines, caller.signal).start();
    const theirs = new Deadline(deadlines, null).start();
    caller.abort();
    expect(mine.aborted).toBe(true);
    expect(theirs.aborted).toBe(false);
  });

  it("keeps time on the monotonic clock: a frozen or stepped wall clock never shortens a timeout", async () => {
    vi.useRealTimers();
    const now = vi.spyOn(Date, "now").mockReturnValue(1_000_000);
    try {
      const deadlines = new Deadlines(60);
      const first = new Deadline(deadlines, null);
      first.start();
      await new Promise((resolve) => setTimeout(resolve, 40));
      now.mockReturnValue(1_000_000 - 3_600_000);
      const later = new Deadline(deadlines, null);
      const started = performance.now();
      const signal = later.start();
      const abortedAfter = await new Promise<number>((resolve) => {
        signal.addEventListener("abort", () => resolve(performance.now() - started));
      });
      first.stop();
      later.stop();
      expect(abortedAfter).toBeGreaterThanOrEqual(59);
    } finally {
      now.mockRestore();
    }
  });
});
