/**
 * Timeouts of the calls' fast path without an AbortController per call (Node 20 takes ~5 µs to
 * build one, and undici then registers it for clean-up).
 *
 * Attempts that start within one short window (1/20 of the timeout, at most 250 ms) share a
 * "bucket": one AbortController, and a timer in two steps. The first ends the window; if attempts
 * are still in the bucket then, the second fires `timeoutMs` later, on the same clock. Every
 * attempt in the bucket joined before the first step ran, so each has run for at least `timeoutMs`
 * when the second fires, and at most `timeoutMs` plus the window (plus however late the first step
 * ran): those still in it time out, the others have left. A bucket takes at most 16 attempts, and
 * a closed or fired one is never joined again.
 *
 * No timer is set or cleared per call: while no attempt is in the open bucket, its window timer
 * stays armed but released (`unref`: it never keeps a process alive) and the next attempt holds it
 * again; a setTimeout and a clearTimeout per call cost a GET a few percent of its time. A client's
 * last timer thus ends at most one window after its last call; a bucket that closes or empties
 * otherwise clears its timer. Where timers cannot be released (browsers, Deno: numeric ids), the
 * window timer is cleared whenever the bucket empties, and set again by the next attempt.
 *
 * An attempt stays in its bucket until the call has read its body (so a body that stalls still
 * times out); the transport moves it to a new bucket for each retry and takes it out while it waits
 * before one. Only the resource methods use buckets, and they always read the whole body before a
 * call ends: a later abort of a shared signal can only reach requests that are over.
 *
 * An attempt that comes with a caller's own signal gets its own controller, aborted by that signal
 * or by the bucket's, and unlinked from both when the attempt stops. The links go through
 * on-abort.ts (one listener per signal, however many calls share it), not `AbortSignal.any`:
 * on Node 20 each `any` leaves a weak reference on the caller's signal for as long as that signal
 * lives (100,000 calls, 100,000 entries), and a job that passes one signal to every call would grow
 * without end.
 *
 * Internal: the calls' fast path gives each call a {@link Deadline} (see api-calls.ts), which the
 * LightRequest carries to the transport.
 */

import { MAX_TIMER_MS } from "./client-options.js";
import { onAbort } from "./on-abort.js";

/** Attempts that started within one window: one controller, one timer (see above). */
interface Bucket {
  /** The shared controller (made when an attempt first needs it). */
  c?: AbortController | undefined;
  /** When the window closes (monotonic ms). */
  end: number;
  /** When it closes by the wall clock (Date.now ms): see join(). */
  endWall: number;
  /** Attempts that joined. */
  joined: number;
  /** Attempts still in it. */
  live: number;
  /** The window timer ran: no attempt joins any more (whatever the clocks say). */
  closed?: boolean;
  /** The timeout fired: the attempts in it were aborted. */
  fired?: boolean;
  /** The window timer, then the timeout's. */
  timer?: Timer | undefined;
  /**
   * The `setTimeout` and `clearTimeout` of the clock that armed the timer: fake timers swap them,
   * and a timer is only ever reused, followed and cleared on its own clock.
   */
  set?: typeof setTimeout;
  clear?: typeof clearTimeout;
}

/** Clears a bucket's timer, on the clock that armed it. */
function drop(b: Bucket): void {
  const clear = b.clear;
  if (clear && b.timer !== undefined) clear(b.timer);
  b.timer = undefined;
}

/** A timer as `setTimeout` returns it: an object with `ref`/`unref` in Node and Bun, a number elsewhere. */
type Timer = ReturnType<typeof setTimeout> & { ref?: () => unknown; unref?: () => unknown };

/**
 * undici adds an abort listener per fetch to the signal it is given (removed only at garbage
 * collection), and before adding one it copies the signal's listener list (`getEventListeners`):
 * the more attempts share a signal, the more each fetch costs (with 200, ~7 µs of a GET's ~200 µs
 * of CPU in a profile). 16 keeps that copy short while one controller and one timer still serve
 * 16 attempts; an attempt makes one fetch (no redirect is followed), so a signal never
 * nears the 1500 listeners at which Node warns.
 */
export const MAX_JOINS = 16;

/** The timeouts of one client's calls (per-attempt `ms`; 0: none, only the callers' signals are joined). */
export class Deadlines {
  declare readonly ms: number;
  readonly #window: number;
  #open: Bucket | undefined;

  constructor(ms: number) {
    this.ms = ms;
    // 1/20 of the timeout, at most 250 ms, and never past what a timer can hold.
    this.#window = Math.min(250, Math.floor(ms / 20), MAX_TIMER_MS - ms);
  }

  /** Puts an attempt in the open bucket (a new one when it closed, filled up or fired). */
  join(): Bucket {
    // The window closes when its timer runs, or when either clock says so. The monotonic one, like
    // the timers: a wall clock that steps back (or a test that freezes Date) must not put a late
    // attempt in an early bucket. The wall clock too: fake timers set up to move Date but not
    // performance.now must not either. Another `setTimeout` than the one that armed its timer (fake
    // timers installed or removed since) closes it too.
    const now = performance.now();
    const wall = Date.now();
    let b = this.#open;
    if (
      !b ||
      b.closed ||
      b.fired ||
      now > b.end ||
      wall > b.endWall ||
      b.joined >= MAX_JOINS ||
      (b.timer !== undefined && b.set !== setTimeout)
    ) {
      // The open bucket closes: with no attempt in it, its window timer goes now.
      if (b && !b.live) drop(b);
      this.#open = b = {
        end: now + this.#window,
        endWall: wall + this.#window,
        joined: 0,
        live: 0,
      };
    }
    b.joined++;
    // Held while attempts are in it.
    if (!b.live++) b.timer?.ref?.();
    const bucket = b;
    // ms 0 (no timeout): no timer is armed; only the callers' signals are linked.
    if (this.ms > 0 && !b.timer) {
      const set = setTimeout;
      b.set = set;
      b.clear = clearTimeout;
      b.timer = set(() => {
        bucket.closed = true;
        bucket.timer = undefined;
        if (!bucket.live) return;
        // The timeout proper, `ms` after the window ended, on the same clock: every attempt in the
        // bucket joined before this, so each gets at least `ms`, whatever the other clocks do.
        bucket.timer = set(() => {
          bucket.timer = undefined;
          if (!bucket.live) return;
          bucket.fired = true;
          bucket.c?.abort(new DOMException("", "TimeoutError"));
        }, this.ms);
      }, bucket.end - now);
    }
    return b;
  }

  /**
   * Takes an attempt out of its bucket. The last one out releases the open bucket's window timer
   * (it ends the window soon, and the next attempt holds it again), or clears the timer of a
   * bucket nobody joins any more; where a timer cannot be released, it is cleared.
   */
  leave(b: Bucket): void {
    if (--b.live) return;
    if (b === this.#open && !b.closed && b.timer?.unref) b.timer.unref();
    else drop(b);
  }
}

/**
 * What the calls and the transport use of a call's timeout: all of it, typed so, so that the
 * browser build's deadline.browser.ts (which `implements` it) cannot fall behind deadline.ts.
 */
export interface CallDeadline {
  /** The caller's own signal, if any. */
  readonly caller: AbortSignal | null;
  /** True when the current (or, once stopped, the last) attempt timed out. */
  readonly timedOut: boolean;
  /** Starts an attempt: returns the signal it is sent with (aborted by the timer or the caller's signal). */
  start(): AbortSignal;
  /** Stops the attempt's timeout (while the transport waits before a retry, and once the call is over). */
  stop(): void;
}

/**
 * The timeout of one call. The transport starts it for each attempt (each attempt gets the full
 * `timeoutMs`) and stops it while it waits to retry; the call stops it once its body is read.
 */
export class Deadline implements CallDeadline {
  /** The caller's own signal, if any. */
  declare readonly caller: AbortSignal | null;
  readonly #deadlines: Deadlines;
  #bucket: Bucket | undefined;
  #timedOut = false;
  /** Unlinks the attempt's own controller from the caller's signal and the bucket's. */
  #unlink: (() => void) | undefined;

  constructor(deadlines: Deadlines, caller: AbortSignal | null) {
    this.#deadlines = deadlines;
    this.caller = caller;
  }

  /** True when the current (or, once stopped, the last) attempt timed out. */
  get timedOut(): boolean {
    return this.#bucket ? this.#bucket.fired === true : this.#timedOut;
  }

  /** Starts an attempt: returns the signal it is sent with (aborted by the timer or the caller's signal). */
  start(): AbortSignal {
    this.stop();
    this.#timedOut = false;
    const bucket = this.#deadlines.join();
    this.#bucket = bucket;
    bucket.c ??= new AbortController();
    const shared = bucket.c.signal;
    const caller = this.caller;
    if (!caller) return shared;
    const own = new AbortController();
    const unlinkCaller = onAbort(caller, () => own.abort(caller.reason));
    const unlinkShared = onAbort(shared, () => own.abort(shared.reason));
    this.#unlink = () => {
      unlinkCaller();
      unlinkShared();
    };
    return own.signal;
  }

  /** Stops the attempt's timeout (while the transport waits before a retry, and once the call is over). */
  stop(): void {
    this.#unlink?.();
    this.#unlink = undefined;
    const b = this.#bucket;
    if (b) {
      this.#timedOut = b.fired === true;
      this.#bucket = undefined;
      this.#deadlines.leave(b);
    }
  }
}
