/**
 * The browser build's deadline.ts (tsup.browser.ts swaps it in): the same timeouts, one timer and
 * one AbortController per attempt. The shared buckets of deadline.ts spare Node's undici a
 * controller per call; a browser's `fetch` takes a signal either way, and the buckets' code would
 * only weigh on the bundle.
 */

import type { CallDeadline } from "./deadline.js";
import { stay } from "./noop.js";
import { onAbort } from "./on-abort.js";

/** The timeouts of one client's calls (per-attempt `ms`; 0: none, only the callers' signals are joined). */
export class Deadlines {
  constructor(readonly ms: number) {}
}

/**
 * The timeout of one call, as in deadline.ts: the transport starts it for each attempt (each
 * attempt gets the full `timeoutMs`) and stops it while it waits to retry; the call stops it once
 * its body is read.
 */
export class Deadline implements CallDeadline {
  /** True when the current (or, once stopped, the last) attempt timed out. */
  timedOut = false;
  #stop: () => void = stay;

  constructor(
    readonly deadlines: Deadlines,
    /** The caller's own signal, if any. */
    readonly caller: AbortSignal | null,
  ) {}

  /** Starts an attempt: returns the signal it is sent with (aborted by the timer or the caller's signal). */
  start(): AbortSignal {
    this.stop();
    this.timedOut = false;
    const own = new AbortController();
    const { caller } = this;
    const { ms } = this.deadlines;
    const timer =
      ms > 0
        ? setTimeout(() => {
            this.timedOut = true;
            own.abort(new DOMException("", "TimeoutError"));
          }, ms)
        : undefined;
    const unlink = caller ? onAbort(caller, () => own.abort(caller.reason)) : stay;
    this.#stop = () => {
      clearTimeout(timer);
      unlink();
    };
    return own.signal;
  }

  /** Stops the attempt's timeout (while the transport waits before a retry, and once the call is over). */
  stop(): void {
    this.#stop();
    this.#stop = stay;
  }
}
