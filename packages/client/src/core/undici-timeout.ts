import { onAbort, stay } from "./abort-listeners.js";

/**
 * Timeouts without a signal on `fetch`, on Node's own `fetch` (undici).
 *
 * Every `fetch` given a signal makes undici build a `WeakRef`, a finalization registry cell and an
 * abort listener for it: its `Request` takes ~20 µs with a signal shared by 16 requests against ~5
 * without one, and the weak references are garbage collector work (a GET over a socket took
 * 1.13–1.14× raw fetch's time with such a signal, 1.03–1.06× through this file; `bench/NOTES.md`,
 * session 52). Node's `fetch` takes a `dispatcher` option (undici's, not the standard's), and a
 * dispatcher sees the request's handler, to which undici hands the function that aborts the
 * request once it has a connection (`onConnect`).
 *
 * So an attempt may be sent with a {@link TimedAttempt} as its dispatcher and without its signal:
 * the TimedAttempt passes the request to the dispatcher `fetch` would have used (the global one,
 * looked up per request, as `fetch` does), handing undici itself as the request's handler (it
 * passes everything on to `fetch`'s), and keeps the abort function. When the attempt's signal (its
 * Deadline's, shared by the attempts of a window) aborts, it aborts the request: the request fails
 * as an aborted `fetch` does, before its headers or while its body is read, and undici closes its
 * connection. Before the request has a connection (while it connects), it fails the request at
 * once; the connection it gets later is closed as it comes, and nothing is written to it.
 *
 * Only where it is seen to work: on the global `fetch` (a custom `fetch` always gets the signal,
 * and never sees a `dispatcher`), for attempts without a caller's signal, and once the transport
 * knows its `fetch` takes dispatchers: until then each attempt is sent with its signal and a
 * TimedAttempt as a probe, and a probe whose request connected through it tells the transport so
 * ({@link Timing}). A `fetch` that ignores the option (a browser's, Deno's, Bun's, one a mocking
 * library replaced) never calls a probe, and keeps the signals. One that was taken for working but
 * answers a timed attempt without its dispatcher (patched to route some requests elsewhere) makes
 * the transport keep signals from then on; if that attempt times out first, the call fails at its
 * timeout all the same. The browser build swaps this file for undici-timeout.browser.ts, which
 * sends every attempt as it is.
 *
 * Internal: the transport calls {@link sendAttempt}; nobody else sees these.
 */

const GLOBAL_DISPATCHER = Symbol.for("undici.globalDispatcher.1");

/** undici's request handler (`Dispatcher.DispatchHandlers`, the interface Node's `fetch` implements), as used here. */
interface Handler {
  onConnect(abort: (reason?: Error) => void, context?: unknown): void;
  onError(error: Error): void;
  onHeaders(...args: unknown[]): boolean;
  onData(chunk: unknown): boolean;
  onComplete(trailers: unknown): void;
  onUpgrade?(...args: unknown[]): void;
  onResponseStarted?(): void;
  onBodySent?(chunk: unknown): void;
  onRequestSent?(): void;
}

/** An undici dispatcher, as far as `fetch` uses one. */
interface Dispatcher {
  dispatch(options: object, handler: Handler): boolean;
  isMockActive?: boolean;
}

const globalDispatcher = (): Dispatcher =>
  (globalThis as { [GLOBAL_DISPATCHER]?: Dispatcher })[GLOBAL_DISPATCHER] as Dispatcher;

/**
 * What one transport knows of its `fetch` (the global one): `takes` once a probe's request connected
 * through it; `refuses` for good once a timed attempt was answered, or timed out, without coming
 * through its dispatcher (a `fetch` patched to route some requests elsewhere): its attempts then
 * keep their signals. Per transport, so per base URL: a patched `fetch` that routes one host
 * through a dispatcher of its own never has that host's requests taken for another's.
 */
export interface Timing {
  takes?: boolean;
  refuses?: boolean;
}

/**
 * One attempt's dispatcher, and the handler it gives undici in place of `fetch`'s (see above).
 * Not `timed`: a probe (the attempt also has its signal), which only notes that it was used.
 */
export class TimedAttempt {
  declare readonly timed: boolean;
  /** A request connected through this dispatcher (for a probe: `fetch` takes dispatchers). */
  connected = false;
  /** `fetch`'s handler of the current request, once dispatched. */
  #h: Handler | undefined;
  /** undici's abort for the current request, once it has one. */
  #abort: ((reason?: Error) => void) | undefined;
  /** Why the attempt was ended (its timeout); set once. */
  #reason: Error | undefined;
  /** The current request failed here, not by undici: what undici says of it later is dropped. */
  #failed = false;
  /** No request is in flight through this dispatcher (none yet, or the last one ended). */
  #over = false;
  #signal: AbortSignal | undefined;
  /** Stops following the signal. */
  #unlink: () => void = stay;
  /** Fails the call at once: its `fetch` never dispatched it (see sendAttempt). */
  #reject: ((error: Error) => void) | undefined;

  constructor(timed: boolean) {
    this.timed = timed;
  }

  /** Follows the attempt's signal: its abort (the timeout) ends the request, or the call. */
  follow(signal: AbortSignal, reject: (error: Error) => void): void {
    this.#signal = signal;
    this.#reject = reject;
    this.#unlink = onAbort(signal, () => this.#end(signal.reason));
  }

  /** The error `fetch` failed with, as a signal's abort gives it: the timeout's own reason. */
  unwrap(error: unknown): unknown {
    const reason = this.#reason;
    return reason && (error as { cause?: unknown } | null)?.cause === reason ? reason : error;
  }

  /** As the global dispatcher says (`fetch` hands a mocking dispatcher the body as it was given). */
  get isMockActive(): boolean | undefined {
    return globalDispatcher().isMockActive;
  }

  /**
   * undici's `Dispatcher.dispatch`: the request goes to the global dispatcher, with this as its
   * handler. `fetch` may dispatch again through the same dispatcher (undici re-sends after a 421;
   * a patched `fetch` may retry with the same init): each request is followed.
   */
  dispatch(options: object, handler: Handler): boolean {
    // A handler of another shape (another undici's): passed on untouched, and never taken as working.
    if (typeof handler?.onConnect !== "function" || typeof handler.onError !== "function")
      return globalDispatcher().dispatch(options, handler);
    this.#h = handler;
    this.#abort = undefined;
    // Ended before `fetch` got here: the request fails, and is not sent.
    if (this.#reason) {
      this.#failHere();
      return true;
    }
    const signal = this.#signal;
    if (this.#over && signal) this.#unlink = onAbort(signal, () => this.#end(signal.reason));
    this.#over = false;
    return globalDispatcher().dispatch(options, this as unknown as Handler);
  }

  #end(reason: Error): void {
    if (this.#reason) return;
    this.#reason = reason;
    // Never dispatched here: the call fails now, whatever its `fetch` does with the request.
    if (!this.#h) this.#reject?.(reason);
    else if (!this.#over) {
      this.#abort?.(reason);
      // undici ends an aborted request at once (its onError has run); a request without a
      // connection yet, or a dispatcher that aborts later (undici's RetryAgent), is failed here.
      if (!this.#over) this.#failHere();
    }
  }

  #failHere(): void {
    this.#failed = true;
    this.#stop();
    this.#h?.onError(this.#reason as Error);
  }

  #stop(): void {
    this.#over = true;
    this.#unlink();
    this.#unlink = stay;
  }

  onConnect(abort: (reason?: Error) => void, context?: unknown): void {
    this.connected = true;
    this.#abort = abort;
    if (this.#failed) abort(this.#reason);
    else this.#h?.onConnect(abort, context);
  }

  onError(error: Error): void {
    if (this.#failed) return;
    this.#stop();
    this.#h?.onError(error);
  }

  onComplete(trailers: unknown): void {
    if (this.#failed) return;
    this.#stop();
    this.#h?.onComplete(trailers);
  }

  onHeaders(...args: unknown[]): boolean {
    if (this.#failed) return this.#drop();
    return (this.#h as Handler).onHeaders(...args);
  }

  onData(chunk: unknown): boolean {
    if (this.#failed) return this.#drop();
    return (this.#h as Handler).onData(chunk);
  }

  /** News of a request failed here: it is aborted again (it may have just got its connection). */
  #drop(): false {
    this.#abort?.(this.#reason);
    return false;
  }

  onUpgrade(...args: unknown[]): void {
    if (!this.#failed) this.#h?.onUpgrade?.(...args);
  }

  onResponseStarted(): void {
    if (!this.#failed) this.#h?.onResponseStarted?.();
  }

  onBodySent(chunk: unknown): void {
    if (!this.#failed) this.#h?.onBodySent?.(chunk);
  }

  onRequestSent(): void {
    if (!this.#failed) this.#h?.onRequestSent?.();
  }
}

/**
 * Sends one attempt: on the global `fetch` (`timing` is its transport's; undefined for a custom
 * `fetch`), without a caller's signal and with a timeout `signal`, through a TimedAttempt (see
 * above); anything else as it is.
 */
export function sendAttempt(
  network: (url: string, init: RequestInit) => Promise<Response>,
  timing: Timing | undefined,
  url: string,
  init: RequestInit,
  caller: AbortSignal | null,
): Promise<Response> {
  const signal = init.signal;
  if (!timing || timing.refuses || caller || !signal) return network(url, init);
  const attempt = new TimedAttempt(timing.takes === true);
  (init as { dispatcher?: TimedAttempt }).dispatcher = attempt;
  if (!attempt.timed)
    return network(url, init).then((response) => {
      if (attempt.connected) timing.takes = true;
      return response;
    });
  init.signal = undefined;
  return new Promise((resolve, reject) => {
    attempt.follow(signal, (reason) => {
      timing.refuses = true;
      reject(reason);
    });
    network(url, init).then(
      (response) => {
        if (!attempt.connected) timing.refuses = true;
        resolve(response);
      },
      (error: unknown) => reject(attempt.unwrap(error)),
    );
  });
}
