/**
 * The timeout of one call: one timer for the whole call, and one AbortController for as long as
 * no attempt times out, instead of an `AbortSignal.timeout` per attempt, which stays armed,
 * holding its timer, until it fires. The transport restarts the timer at every attempt (each
 * attempt gets the full `timeoutMs`) and stops it while it waits to retry; the call stops it once
 * openapi-fetch has read the body, so a body that stalls still times out and nothing stays armed
 * after the call. A caller's signal is joined with `AbortSignal.any`.
 *
 * Internal: the calls' fast path creates one per call and hands openapi-fetch its `key` as the
 * request's signal (see raw-client.ts); the transport finds the Deadline from that signal.
 */
export class Deadline {
  /** The signal openapi-fetch carries: the first attempt's signal, and the key of this Deadline. */
  readonly key: AbortSignal;
  /** The caller's own signal, if any. */
  readonly caller: AbortSignal | null;
  /** True when the current attempt's timer fired. */
  timedOut = false;
  #controller: AbortController;
  #signal: AbortSignal;
  readonly #ms: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #fire = () => {
    if (this.#signal.aborted) return;
    this.timedOut = true;
    this.#controller.abort(new DOMException(`No response within ${this.#ms} ms.`, "TimeoutError"));
  };

  constructor(ms: number, caller?: AbortSignal | null) {
    this.#ms = ms;
    this.caller = caller ?? null;
    this.#controller = new AbortController();
    this.#signal = this.#attemptSignal();
    this.key = this.#signal;
    DEADLINES.set(this.key, this);
  }

  /**
   * The caller's signal joins each attempt's through `AbortSignal.any`, which (unlike a listener
   * on the caller's signal) never trips Node's MaxListeners warning when one signal is shared by
   * many calls in flight.
   */
  #attemptSignal(): AbortSignal {
    return this.caller ? AbortSignal.any([this.caller, this.#controller.signal]) : this.#controller.signal;
  }

  /** True when the caller's own signal aborted (not the timer). */
  get callerAborted(): boolean {
    return this.caller?.aborted === true;
  }

  /**
   * Starts an attempt: (re)starts the timer and returns the attempt's signal (a fresh one after an
   * attempt timed out; the caller's abort always reaches it).
   */
  start(): AbortSignal {
    clearTimeout(this.#timer);
    this.timedOut = false;
    if (this.#controller.signal.aborted) {
      this.#controller = new AbortController();
      this.#signal = this.#attemptSignal();
    }
    if (!this.#signal.aborted) this.#timer = setTimeout(this.#fire, this.#ms);
    return this.#signal;
  }

  /** Stops the timer (while the transport waits before a retry, and once the call is over). */
  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

const DEADLINES = new WeakMap<AbortSignal, Deadline>();

/** The Deadline whose key this signal is, if the request came through the calls' fast path. */
export function deadlineOf(signal: AbortSignal | null): Deadline | undefined {
  return signal === null ? undefined : DEADLINES.get(signal);
}

/** The signal the caller gave, seen through a Deadline's key. */
export function callerSignalOf(signal: AbortSignal | null): AbortSignal | null {
  const deadline = deadlineOf(signal);
  return deadline ? deadline.caller : signal;
}
