/**
 * Timeouts of the calls' fast path without an AbortController per call (Node 20 takes ~5 µs to
 * build one, and undici then registers it for clean-up).
 *
 * Attempts that start within one short window share a "bucket": one AbortController and one timer,
 * set for the window's end plus `timeoutMs`. When it fires, every attempt still in the bucket has
 * run for at least `timeoutMs` (each joined before the window closed), and at most `timeoutMs` plus
 * the window (1/20 of the timeout, at most 250 ms): those attempts time out, the others have left.
 * A bucket takes at most 16 attempts, its timer is cleared whenever no attempt is in it, and a
 * fired bucket is never joined again, so nothing stays armed after the calls are over.
 *
 * An attempt stays in its bucket until the call has read its body (so a body that stalls still
 * times out); the transport moves it to a new bucket for each retry and takes it out while it waits
 * before one. Only the resource methods use buckets, and they always read the whole body before a
 * call ends: a later abort of a shared signal can only reach requests that are over. A caller's
 * signal is joined with `AbortSignal.any`.
 *
 * Internal: the calls' fast path gives each call a {@link Deadline} (see raw-client.ts), which the
 * LightRequest carries to the transport.
 */

/** The RequestInit key under which the calls' fast path hands a call's Deadline to its LightRequest. */
export const DEADLINE: unique symbol = Symbol();

/** Attempts that started within one window: one controller, one timer. */
interface Bucket {
  /** The shared controller. */
  c: AbortController;
  /** When the window closes (monotonic ms). */
  end: number;
  /** Attempts that joined. */
  joined: number;
  /** Attempts still in it. */
  live: number;
  fired: boolean;
  timer?: ReturnType<typeof setTimeout> | undefined;
}

/**
 * undici adds an abort listener per fetch to the signal it is given (removed only at garbage
 * collection), and before adding one it copies the signal's listener list (`getEventListeners`):
 * the more attempts share a signal, the more each fetch costs (with 200, ~7 µs of a GET's ~200 µs
 * of CPU in a profile). 16 keeps that copy short while one controller and one timer still serve
 * 16 attempts; an attempt makes at most 6 fetches (5 same-origin redirects), so a signal never
 * nears the 1500 listeners at which Node warns.
 */
export const MAX_JOINS = 16;

/** The timeouts of one client's calls (per-attempt `ms`, > 0). */
export class Deadlines {
  readonly ms: number;
  readonly #window: number;
  #open: Bucket | undefined;

  constructor(ms: number) {
    this.ms = ms;
    // 1/20 of the timeout, at most 250 ms, and never past what a timer can hold.
    this.#window = Math.max(0, Math.min(250, Math.floor(ms / 20), 2 ** 31 - 1 - ms));
  }

  /** Puts an attempt in the open bucket (a new one when it closed, filled up or fired). */
  join(): Bucket {
    // The monotonic clock, like the timers: a wall clock that steps (or a test that freezes Date)
    // must not put a late attempt in an early bucket.
    const now = performance.now();
    let b = this.#open;
    if (!b || b.fired || now > b.end || b.joined >= MAX_JOINS)
      this.#open = b = {
        c: new AbortController(),
        end: now + this.#window,
        joined: 0,
        live: 0,
        fired: false,
      };
    b.joined++;
    b.live++;
    const bucket = b;
    b.timer ??= setTimeout(
      () => {
        bucket.timer = undefined;
        if (bucket.live === 0) return;
        bucket.fired = true;
        bucket.c.abort(new DOMException("", "TimeoutError"));
      },
      Math.max(0, b.end + this.ms - now),
    );
    return b;
  }

  /** Takes an attempt out of its bucket; the timer stops when none is left in it. */
  leave(b: Bucket): void {
    if (--b.live === 0) {
      clearTimeout(b.timer);
      b.timer = undefined;
    }
  }
}

/**
 * The timeout of one call. The transport starts it for each attempt (each attempt gets the full
 * `timeoutMs`) and stops it while it waits to retry; the call stops it once its body is read.
 */
export class Deadline {
  /** The caller's own signal, if any. */
  readonly caller: AbortSignal | null;
  readonly #deadlines: Deadlines;
  #bucket: Bucket | undefined;
  #timedOut = false;

  constructor(deadlines: Deadlines, caller: AbortSignal | null) {
    this.#deadlines = deadlines;
    this.caller = caller;
  }

  /** True when the current (or, once stopped, the last) attempt timed out. */
  get timedOut(): boolean {
    return this.#bucket ? this.#bucket.fired : this.#timedOut;
  }

  /** Starts an attempt: returns the signal it is sent with (the caller's joined by AbortSignal.any). */
  start(): AbortSignal {
    this.stop();
    this.#timedOut = false;
    const bucket = this.#deadlines.join();
    this.#bucket = bucket;
    return this.caller ? AbortSignal.any([this.caller, bucket.c.signal]) : bucket.c.signal;
  }

  /** Stops the attempt's timeout (while the transport waits before a retry, and once the call is over). */
  stop(): void {
    const b = this.#bucket;
    if (b) {
      this.#timedOut = b.fired;
      this.#bucket = undefined;
      this.#deadlines.leave(b);
    }
  }
}
