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
 * and never sees a `dispatcher`), for attempts without a caller's signal, and once that `fetch` is
 * known to take dispatchers: until then each attempt is sent with its signal and a TimedAttempt as
 * a probe, and a probe whose request connected through it marks that `fetch` as taking them. A
 * `fetch` that ignores the option (a browser's, Deno's, Bun's, one a mocking library replaced)
 * never calls a probe, and keeps the signals. The browser build swaps this file for
 * undici-timeout.browser.ts, which sends every attempt as it is.
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

/** The fetches seen to take a dispatcher. */
const taking = new WeakSet<object>();

/**
 * One attempt's dispatcher, and the handler it gives undici in place of `fetch`'s (see above).
 * `timed` false: a probe (the attempt also has its signal); it only notes that it was used.
 */
export class TimedAttempt {
  declare readonly timed: boolean;
  /** `fetch`'s handler, once dispatched. */
  #h: Handler | undefined;
  /** The request connected through this dispatcher. */
  connected = false;
  /** undici's abort for the request, once it has a connection. */
  #abort: ((reason?: Error) => void) | undefined;
  /** Why the attempt was ended (its timeout); set once. */
  #reason: Error | undefined;
  /** The request failed here, before undici ended it: what undici says of it later is dropped. */
  #failed = false;
  /** Stops following the attempt's signal. */
  #unlink: () => void = stay;

  constructor(timed: boolean) {
    this.timed = timed;
  }

  /** Follows the attempt's signal: its abort (the timeout) ends the request. */
  follow(signal: AbortSignal): void {
    this.#unlink = onAbort(signal, () => this.#end(signal.reason));
  }

  /** As the global dispatcher says (`fetch` hands a mocking dispatcher the body as it was given). */
  get isMockActive(): boolean | undefined {
    return globalDispatcher().isMockActive;
  }

  /** undici's `Dispatcher.dispatch`: the request goes to the global dispatcher, with this as its handler. */
  dispatch(options: object, handler: Handler): boolean {
    // A handler of another shape (another undici's): passed on untouched, and never taken as working.
    if (typeof handler?.onConnect !== "function" || typeof handler.onError !== "function")
      return globalDispatcher().dispatch(options, handler);
    this.#h = handler;
    // Ended before `fetch` got here: the request fails, and is not sent.
    if (this.#reason) {
      this.#failHere();
      return true;
    }
    return globalDispatcher().dispatch(options, this as unknown as Handler);
  }

  #end(reason: Error): void {
    if (this.#reason) return;
    this.#reason = reason;
    if (this.#abort) this.#abort(reason);
    else if (this.#h) this.#failHere();
  }

  #failHere(): void {
    this.#failed = true;
    this.#unlink();
    this.#h?.onError(this.#reason as Error);
  }

  onConnect(abort: (reason?: Error) => void, context?: unknown): void {
    this.connected = true;
    if (this.#failed) abort(this.#reason);
    else {
      this.#abort = abort;
      this.#h?.onConnect(abort, context);
    }
  }

  onError(error: Error): void {
    this.#unlink();
    if (!this.#failed) this.#h?.onError(error);
  }

  onComplete(trailers: unknown): void {
    this.#unlink();
    this.#h?.onComplete(trailers);
  }

  onHeaders(...args: unknown[]): boolean {
    return (this.#h as Handler).onHeaders(...args);
  }

  onData(chunk: unknown): boolean {
    return (this.#h as Handler).onData(chunk);
  }

  onUpgrade(...args: unknown[]): void {
    this.#h?.onUpgrade?.(...args);
  }

  onResponseStarted(): void {
    this.#h?.onResponseStarted?.();
  }

  onBodySent(chunk: unknown): void {
    this.#h?.onBodySent?.(chunk);
  }

  onRequestSent(): void {
    this.#h?.onRequestSent?.();
  }
}

/**
 * Sends one attempt: with `own` (the global `fetch`, else undefined), without a caller's signal, and
 * with a timeout `signal`, through a TimedAttempt (see above); anything else as it is.
 */
export function sendAttempt(
  network: (url: string, init: RequestInit) => Promise<Response>,
  own: object | undefined,
  url: string,
  init: RequestInit,
  caller: AbortSignal | null,
): Promise<Response> {
  const signal = init.signal;
  if (!own || caller || !signal) return network(url, init);
  const attempt = new TimedAttempt(taking.has(own));
  (init as { dispatcher?: TimedAttempt }).dispatcher = attempt;
  if (!attempt.timed)
    return network(url, init).then((response) => {
      if (attempt.connected) taking.add(own);
      return response;
    });
  init.signal = undefined;
  attempt.follow(signal);
  return network(url, init);
}
