import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Deadline, Deadlines, MAX_JOINS } from "../../src/core/deadline.js";
import { watchTimerRefs } from "./timer-refs.js";

// The shared-bucket timeouts of the calls' fast path, on fake timers: whatever the schedule of
// attempts, none is aborted before it has run `ms`, every attempt still running `ms` + the window
// after it started is aborted as a timeout, and once every attempt is over no timer holds the
// process open (at most the open bucket's stays armed, released, for the next attempt).
let timers: ReturnType<typeof watchTimerRefs>;
/** The fake setTimeout, unwatched: for the schedule's own timers. */
let stopAt: typeof setTimeout;
beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000, toFake: ["setTimeout", "clearTimeout", "Date", "performance"] });
  stopAt = globalThis.setTimeout;
  timers = watchTimerRefs();
});
afterEach(() => {
  timers.restore();
  vi.useRealTimers();
});

/** Real time from `started` until `signal` aborts (rejects after 3 s). */
function abortedAfter(signal: AbortSignal, started: number): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const guard = setTimeout(() => reject(new Error("not aborted within 3 s")), 3_000);
    signal.addEventListener("abort", () => {
      clearTimeout(guard);
      resolve(performance.now() - started);
    });
  });
}

describe("Deadlines (attempts sharing one controller per window)", () => {
  it("never aborts an attempt early, always aborts one that overstays, holds nothing open when idle", () => {
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
          let live = 0;
          let idle = 0;
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
            live++;
            // Attempts end (their body read) at their own time, unless aborted first. Each time the
            // last one ends, no timer of the Deadlines holds the process open, and at most the open
            // bucket's stays armed (the schedule's own timers are not watched).
            stopAt(() => {
              deadline.stop();
              if (--live > 0) return;
              idle++;
              expect(timers.held()).toBe(0);
              expect(timers.armed()).toBeLessThanOrEqual(1);
            }, runs);
          }
          vi.advanceTimersByTime(30_000);
          expect(idle).toBeGreaterThan(0);
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
          // The open bucket's timer, released, has fired (doing nothing) within ms + the window.
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
    // The open bucket keeps its timer for the next attempt, released: nothing holds the process.
    expect(timers.held()).toBe(0);
    expect(timers.armed()).toBe(1);
    // An attempt in the same window holds it again, and is still timed out.
    const next = new Deadline(deadlines, null);
    const signal = next.start();
    expect(timers.held()).toBe(1);
    vi.advanceTimersByTime(1_000 + 50);
    expect(signal.aborted).toBe(true);
    expect(next.timedOut).toBe(true);
    next.stop();
    expect(timers.armed()).toBe(0);
  });

  it("ends a window's timer with the window: an idle client holds nothing, for at most one window", () => {
    // A client per request (serverless style): each makes a call, then is dropped. Each one's
    // window timer stays armed, released, until its window ends (250 ms here): none is left after.
    for (let i = 0; i < 1000; i++) {
      const d = new Deadline(new Deadlines(30_000), null);
      d.start();
      d.stop();
    }
    expect(timers.armed()).toBe(1000);
    expect(timers.held()).toBe(0);
    vi.advanceTimersByTime(250);
    expect(timers.armed()).toBe(0);
    // One client, calls 300 ms apart: each window's timer ends with it.
    const deadlines = new Deadlines(30_000);
    for (let i = 0; i < 100; i++) {
      const d = new Deadline(deadlines, null);
      d.start();
      d.stop();
      vi.advanceTimersByTime(300);
      expect(timers.armed()).toBe(0);
    }
    // Sixteen attempts fill a bucket: the next one opens another, and the full one's timer goes.
    for (let i = 0; i < MAX_JOINS * 3; i++) {
      const d = new Deadline(deadlines, null);
      d.start();
      d.stop();
    }
    expect(timers.armed()).toBe(1);
    expect(timers.held()).toBe(0);
  });

  it("fake timers that move neither clock: a call made after the window still gets its full timeout", () => {
    timers.restore();
    vi.useRealTimers();
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const deadlines = new Deadlines(30_000);
    const first = new Deadline(deadlines, null);
    first.start();
    first.stop();
    vi.advanceTimersByTime(29_000);
    const second = new Deadline(deadlines, null);
    const signal = second.start();
    vi.advanceTimersByTime(29_999);
    expect(signal.aborted).toBe(false);
    // Without moving clocks the bound is the timeout plus up to two windows.
    vi.advanceTimersByTime(501);
    expect(signal.aborted).toBe(true);
    second.stop();
  });

  it("never reuses a timer of another clock: fake timers installed or removed between calls", async () => {
    timers.restore();
    vi.useRealTimers();
    // Real, then fake: the attempt under fake timers is timed out by fake time.
    const deadlines = new Deadlines(2_000);
    const real = new Deadline(deadlines, null);
    real.start();
    real.stop();
    vi.useFakeTimers();
    const fake = new Deadline(deadlines, null);
    const fakeSignal = fake.start();
    vi.advanceTimersByTime(2_000 + 100 + 1);
    expect(fakeSignal.aborted).toBe(true);
    fake.stop();
    // Fake, then real (fake performance.now starts over): a real attempt times out in real time.
    const other = new Deadlines(200);
    const before = new Deadline(other, null);
    before.start();
    vi.advanceTimersByTime(50);
    before.stop();
    vi.useRealTimers();
    const after = new Deadline(other, null);
    const started = performance.now();
    const signal = after.start();
    const waited = await abortedAfter(signal, started);
    after.stop();
    expect(waited).toBeGreaterThanOrEqual(199);
    expect(waited).toBeLessThan(1_000);
  });

  it("times the second step on the first step's clock: a performance.now that runs ahead takes nothing off", () => {
    timers.restore();
    vi.useRealTimers();
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const real = performance.now();
    const now = vi.spyOn(performance, "now").mockReturnValue(real);
    try {
      const deadline = new Deadline(new Deadlines(2_000), null);
      const signal = deadline.start();
      // 700 ms pass on performance.now but not on the (fake) timers' clock.
      now.mockReturnValue(real + 700);
      vi.advanceTimersByTime(1_999);
      expect(signal.aborted).toBe(false);
      vi.advanceTimersByTime(100 + 1);
      expect(signal.aborted).toBe(true);
      deadline.stop();
    } finally {
      now.mockRestore();
    }
  });

  it("follows and clears a timer on the clock that armed it, when fake timers come and go mid-attempt", async () => {
    timers.restore();
    vi.useRealTimers();
    const active = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
    const realTime = async (ms: number) => {
      const until = performance.now() + ms;
      while (performance.now() < until) await new Promise((r) => setImmediate(r));
    };
    // Fake timers installed while an attempt runs, then removed: it still times out in real time.
    const first = new Deadline(new Deadlines(200), null);
    const started = performance.now();
    const signal = first.start();
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    await realTime(40);
    vi.useRealTimers();
    const waited = await abortedAfter(signal, started);
    first.stop();
    expect(waited).toBeGreaterThanOrEqual(199);
    expect(waited).toBeLessThan(1_000);
    // An attempt that ends under fake timers clears its real timer (it would hold the process 5 s).
    const before = active();
    const second = new Deadline(new Deadlines(5_000), null);
    second.start();
    await realTime(300);
    expect(active()).toBe(before + 1);
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"], shouldClearNativeTimers: false });
    second.stop();
    vi.useRealTimers();
    expect(active()).toBe(before);
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
    timers.restore();
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
