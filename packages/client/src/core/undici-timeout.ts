import { TransportError } from "./errors.js";
import { stay } from "./noop.js";

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
 * So a GET may be sent with a {@link TimedAttempt} as its dispatcher and without its signal: the
 * TimedAttempt passes each request `fetch` dispatches to the dispatcher `fetch` would have used
 * (the global one, looked up per request, as `fetch` does), with a {@link TimedRequest} as its
 * handler (which passes everything on to `fetch`'s, and keeps undici's abort). When the attempt's
 * signal (its Deadline's, shared by the attempts of a window) aborts, the call fails at once with
 * the timeout, whatever its `fetch` is doing (a patched one may be pausing between two sends), and
 * every request in flight is aborted: it fails as an aborted `fetch` does, and undici closes its
 * connection. A request without a connection yet (or behind a dispatcher that aborts later) is
 * failed at once, and the connection it gets is closed as it comes, before anything is written; a
 * request dispatched after the timeout is failed and never sent.
 *
 * Only where it is seen to work, and only for reads: on the global `fetch` (a custom `fetch` always
 * gets the signal, and never sees a `dispatcher`), for GETs without a caller's signal, and once the
 * transport knows its `fetch` takes dispatchers: until then each attempt is sent with its signal
 * and a TimedAttempt as a probe, and a probe whose request connected through it tells the
 * transport so ({@link Timing}). A `fetch` that ignores the option (a browser's, Deno's, Bun's, one
 * a mocking library replaced) never calls a probe, and keeps the signals. One that was taken for
 * working but answers a timed attempt without its dispatcher (patched to route some requests
 * elsewhere) makes the transport keep signals from then on. Writes keep their signal: it also
 * takes a write out of any queue it waits in, so that no write is sent after its call was told it
 * timed out. The browser build swaps this file for undici-timeout.browser.ts, which sends every
 * attempt as it is.
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
 * through it (until a timed attempt times out before its `fetch` dispatched it: probing starts
 * again); `refuses` for good once a timed attempt or a write was answered (or its redirect refused)
 * without coming through its dispatcher (a `fetch` patched, or mocked, to route some requests
 * elsewhere): its attempts then keep their signals, and its writes `redirect: "manual"`. Per
 * transport, so per base URL: a patched `fetch` that routes one host through a dispatcher of its
 * own never has that host's requests taken for another's.
 */
export interface Timing {
  takes?: boolean;
  refuses?: boolean;
}

/**
 * The attempts that follow each signal (a Deadline's bucket's, shared by the attempts of a
 * window). One listener per signal, added by its first attempt and kept until it aborts or is
 * collected, instead of one added and removed per attempt (3–4 µs of a GET's CPU in a profile): a
 * bucket's signal is a plain controller's, which nothing but the bucket keeps alive (unlike
 * `AbortSignal.timeout`'s or `any`'s, on-abort.ts), so the listener holds nothing past it.
 */
const followers = new WeakMap<AbortSignal, Set<TimedAttempt>>();

/**
 * One attempt's dispatcher (see above). Each request `fetch` dispatches through it gets a
 * {@link TimedRequest} as its handler: `fetch` may send more than one (undici re-sends after a
 * 421; a patched `fetch` may retry, or hedge, with the same init), each timed until it ends.
 * Not `timed`: a probe (the attempt also has its signal), which only notes that it was used.
 */
export class TimedAttempt {
  declare readonly timing: Timing;
  declare readonly timed: boolean;
  /** A request connected through this dispatcher. */
  connected = false;
  /**
   * The status and raw headers (undici's flat name, value list) of a redirect a request through it
   * was answered with: a timed attempt is sent with `redirect: "error"`, and undici's refusal names
   * neither (see {@link sendAttempt}).
   */
  redirect: { status: number; headers: unknown[] } | undefined;
  /** A request was dispatched through it. */
  #dispatched = false;
  /** The requests in flight. */
  #live: TimedRequest[] = [];
  /** The timeout, once it fired: the call failed with it, and any later request fails at once. */
  #reason: Error | undefined;
  /** The call's promise is settled (answered, failed, or timed out). */
  #settled = false;
  /** The attempts following its signal, with it (it leaves once settled with no request in flight). */
  #waiting: Set<TimedAttempt> | undefined;
  #reject: ((error: Error) => void) | undefined;

  constructor(timing: Timing) {
    this.timing = timing;
    this.timed = timing.takes === true;
  }

  /**
   * Follows the attempt's signal for its whole life: its abort (the timeout) fails the call at
   * once, whatever its `fetch` is doing, and ends every request in flight.
   */
  follow(signal: AbortSignal, reject: (error: Error) => void): void {
    this.#reject = reject;
    // (A bucket that fired is never joined again: this is only in case.)
    if (signal.aborted) {
      this.timeout(signal.reason);
      return;
    }
    let waiting = followers.get(signal);
    if (!waiting) {
      const attempts = new Set<TimedAttempt>();
      waiting = attempts;
      followers.set(signal, attempts);
      signal.addEventListener("abort", () => {
        for (const attempt of attempts) attempt.timeout(signal.reason);
      });
    }
    waiting.add(this);
    this.#waiting = waiting;
  }

  /** As the global dispatcher says (`fetch` hands a mocking dispatcher the body as it was given). */
  get isMockActive(): boolean | undefined {
    return globalDispatcher().isMockActive;
  }

  /** undici's `Dispatcher.dispatch`: the request goes to the global dispatcher, with a TimedRequest as its handler. */
  dispatch(options: object, handler: Handler): boolean {
    // A handler of another shape (another undici's): passed on untouched, and never taken as
    // working (the transport keeps signals from then on; the call still fails at its timeout).
    if (typeof handler?.onConnect !== "function" || typeof handler.onError !== "function") {
      if (this.timed) this.timing.refuses = true;
      return globalDispatcher().dispatch(options, handler);
    }
    this.#dispatched = true;
    const request = new TimedRequest(this, handler);
    // Timed out before `fetch` sent this one: it fails, and is not sent. So does one a patched
    // `fetch` sends after its call was over (nothing would time it); that `fetch` keeps signals.
    const over = this.#settled && this.#live.length === 0 && !this.#reason;
    if (over) this.timing.refuses = true;
    if (this.#reason || over) {
      request.fail(
        this.#reason ?? new Error("orderkit: the call this request was sent for is over; it is not sent."),
      );
      return true;
    }
    this.#live.push(request);
    return globalDispatcher().dispatch(options, request as unknown as Handler);
  }

  /** Settles the call's promise; false when it already was. */
  settle(): boolean {
    if (this.#settled) return false;
    this.#settled = true;
    this.#idle();
    return true;
  }

  /** A request ended (answered in full, or failed). */
  over(request: TimedRequest): void {
    const at = this.#live.indexOf(request);
    if (at !== -1) this.#live.splice(at, 1);
    this.#idle();
  }

  #idle(): void {
    if (this.#settled && this.#live.length === 0) {
      this.#waiting?.delete(this);
    }
  }

  /**
   * The attempt's timeout (the listener on its signal calls it). It never throws: what undici
   * throws while a request is ended is reported as an uncaught exception, and the other requests,
   * and the other attempts on the signal, still end.
   */
  timeout(reason: Error): void {
    this.#reason = reason;
    // Timed out before its `fetch` dispatched anything (a slow wrapper, or one that sends past the
    // dispatcher): the transport probes again before it sends without a signal.
    if (!this.#dispatched) this.timing.takes = false;
    if (this.settle()) this.#reject?.(reason);
    for (const request of this.#live.slice())
      try {
        request.end(reason);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
  }
}

/** What a TimedRequest tells the dispatcher it came through (a TimedAttempt, or a OneWrite). */
interface Sender {
  connected: boolean;
  redirect: { status: number; headers: unknown[] } | undefined;
  over(request: TimedRequest): void;
}

/**
 * The handler undici gets for one request: it passes everything on to `fetch`'s, tells its
 * dispatcher when it connects, ends and is answered with a redirect, and ends the request on its
 * attempt's timeout.
 */
class TimedRequest {
  readonly #attempt: Sender;
  readonly #h: Handler;
  /** undici's abort for the request, once it has one. */
  #abort: ((reason?: Error) => void) | undefined;
  /** The request failed here, not by undici: what undici says of it later is dropped. */
  #reason: Error | undefined;
  #over = false;

  constructor(attempt: Sender, handler: Handler) {
    this.#attempt = attempt;
    this.#h = handler;
  }

  /** The timeout: undici ends an aborted request at once; one without a connection yet, or behind a dispatcher that aborts later (undici's RetryAgent), is failed here. */
  end(reason: Error): void {
    if (this.#over) return;
    this.#abort?.(reason);
    if (!this.#over) this.fail(reason);
  }

  fail(reason: Error): void {
    this.#reason = reason;
    this.#done();
    this.#h.onError(reason);
  }

  #done(): void {
    if (this.#over) return;
    this.#over = true;
    this.#attempt.over(this);
  }

  onConnect(abort: (reason?: Error) => void, context?: unknown): void {
    this.#attempt.connected = true;
    this.#abort = abort;
    if (this.#reason) abort(this.#reason);
    else this.#h.onConnect(abort, context);
  }

  onError(error: Error): void {
    if (this.#reason) return;
    this.#done();
    this.#h.onError(error);
  }

  onComplete(trailers: unknown): void {
    if (this.#reason) return;
    this.#done();
    this.#h.onComplete(trailers);
  }

  onHeaders(...args: unknown[]): boolean {
    if (this.#reason) return this.#drop();
    const status = args[0] as number;
    if (status >= 300 && status < 400 && REDIRECTS.has(status))
      this.#attempt.redirect = { status, headers: args[1] as unknown[] };
    return this.#h.onHeaders(...args);
  }

  onData(chunk: unknown): boolean {
    if (this.#reason) return this.#drop();
    return this.#h.onData(chunk);
  }

  /** News of a request failed here: it is aborted again (it may have just got its connection). */
  #drop(): false {
    this.#abort?.(this.#reason);
    return false;
  }

  onUpgrade(...args: unknown[]): void {
    if (!this.#reason) this.#h.onUpgrade?.(...args);
  }

  onResponseStarted(): void {
    if (!this.#reason) this.#h.onResponseStarted?.();
  }

  onBodySent(chunk: unknown): void {
    if (!this.#reason) this.#h.onBodySent?.(chunk);
  }

  onRequestSent(): void {
    if (!this.#reason) this.#h.onRequestSent?.();
  }
}

/**
 * This build runs on Node itself, whose `fetch` is undici's (Bun and Deno also load it, with
 * `fetch`es of their own).
 */
const versions = (globalThis as { process?: { versions?: Record<string, string | undefined> } }).process
  ?.versions;
const ON_NODE = Boolean(versions?.node && !versions.bun && !versions.deno && !versions.electron);

/**
 * Sends one attempt. `timing` is its transport's (undefined for a custom `fetch`), `deadline` the
 * call's, if any.
 *
 * A GET on the global `fetch`, with its call's Deadline, without a caller's signal and with a
 * timeout `signal` (the Deadline's), goes through a TimedAttempt (see above). Only GETs: a write
 * keeps its signal, which also takes it out of any queue it waits in (one a patched `fetch` routes
 * it to, say), so that it can never be sent after its call was told it timed out.
 *
 * With `redirect: "error"` instead of "manual", undici refuses a redirect itself and clones no
 * request for one (a CL retrieve took 0.94–0.97× the time so, in paired runs): a timed GET goes so,
 * its redirect answered as "manual" would have answered it (the status and headers its dispatcher
 * saw: {@link redirectAnswer}). A request with a body on Node's own `fetch` goes through a
 * dispatcher that sends it at most once per attempt, and with `redirect: "error"` too once that
 * `fetch` is known to take dispatchers ({@link sendWithBody}). Anything else is sent as it is.
 */
export function sendAttempt(
  network: (url: string, init: RequestInit) => Promise<Response>,
  timing: Timing | undefined,
  url: string,
  init: RequestInit,
  caller: AbortSignal | null,
  deadline?: unknown,
): Promise<Response> {
  if (timing && ON_NODE && init.body != null) return sendWithBody(network, timing, url, init);
  const signal = init.signal;
  if (!deadline || !timing || timing.refuses || caller || !signal || init.method !== "GET")
    return network(url, init);
  const attempt = new TimedAttempt(timing);
  (init as { dispatcher?: TimedAttempt }).dispatcher = attempt;
  if (!attempt.timed)
    return network(url, init).then((response) => {
      if (attempt.connected) timing.takes = true;
      return response;
    });
  init.signal = undefined;
  init.redirect = "error";
  return new Promise((resolve, reject) => {
    attempt.follow(signal, reject);
    let sent: Promise<Response>;
    try {
      sent = network(url, init);
    } catch (error) {
      sent = Promise.reject(error);
    }
    sent.then(
      (response) => {
        // Answered after its call timed out: let go of it.
        if (!attempt.settle()) return void response.body?.cancel().catch(stay);
        // Answered without coming through its dispatcher: this fetch routes requests elsewhere.
        if (!attempt.connected) timing.refuses = true;
        resolve(response);
      },
      (error: unknown) => {
        if (!attempt.settle()) return;
        const { redirect } = attempt;
        if (!refusedRedirect(error)) reject(error);
        else if (redirect) resolve(redirectAnswer(redirect.status, redirect.headers));
        else reject(refusedPastDispatcher(timing, init.method as string));
      },
    );
  });
}

/** The statuses undici refuses with `redirect: "error"` (and would follow with "follow"). */
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * A fetch's failure for a redirect it refused (`redirect: "error"`): a TypeError whose cause says
 * so, as an Error (undici's) or as the text itself (a mocking library's, msw's interceptors: its
 * refusal is then told as a redirect, not taken for a connection that failed and retried).
 */
const refusedRedirect = (error: unknown): boolean => {
  const cause = error instanceof TypeError ? (error.cause as Error | string | undefined) : undefined;
  return (typeof cause === "string" ? cause : cause?.message) === "unexpected redirect";
};

/**
 * A timed GET's redirect, as `redirect: "manual"` would have answered it (without its body): the
 * transport then refuses it naming its status and where it pointed, or returns a 3xx without a
 * `Location` as an answer, as for any attempt. A header undici passed that `Headers` refuses is
 * left out.
 */
function redirectAnswer(status: number, raw: unknown[]): Response {
  const headers = new Headers();
  for (let i = 0; i + 1 < raw.length; i += 2)
    try {
      headers.append(latin1(raw[i]), latin1(raw[i + 1]));
    } catch {}
  return new Response(null, { status, headers });
}

/** A raw header name or value as undici passes it (a Buffer, or a string). */
const latin1 = (value: unknown): string =>
  (value as { toString(encoding?: string): string }).toString("latin1");

/**
 * One write's dispatcher, on Node's own `fetch`: it passes on the first request `fetch` dispatches
 * for the attempt (as a TimedRequest, which keeps a redirect's status and headers) and fails any
 * other, unsent: a write is sent at most once per attempt, even by a `fetch` wrapper that retries
 * with the same init, or by undici's own re-send after a 421.
 */
class OneWrite implements Sender {
  connected = false;
  redirect: { status: number; headers: unknown[] } | undefined;
  #dispatched = false;

  /** As the global dispatcher says (`fetch` hands a mocking dispatcher the body as it was given). */
  get isMockActive(): boolean | undefined {
    return globalDispatcher().isMockActive;
  }

  dispatch(options: object, handler: Handler): boolean {
    // Once its one request connected, or while it may still (another is then refused, not queued).
    if (this.#dispatched) {
      handler?.onError?.(
        new Error("orderkit: this write was already sent once by this attempt; it is not sent again."),
      );
      return true;
    }
    this.#dispatched = true;
    // A handler of another shape (another undici's) is passed on untouched, and tells nothing.
    if (typeof handler?.onConnect !== "function" || typeof handler.onError !== "function")
      return globalDispatcher().dispatch(options, handler);
    return globalDispatcher().dispatch(options, new TimedRequest(this, handler) as unknown as Handler);
  }

  /**
   * Its request ended. One that ended before it connected was never written (undici connects a
   * request just before it writes it): the write may then be sent again, as when a wrapper retries
   * a connection refused, which is then not taken for a write that may have been applied.
   */
  over(): void {
    if (!this.connected) this.#dispatched = false;
  }
}

/**
 * Sends a request with a body on Node's own `fetch`, through a {@link OneWrite}. Once the
 * transport knows its `fetch` takes dispatchers (`timing.takes`: a request connected through one),
 * it goes with `redirect: "error"`: undici then refuses a redirect itself (any 301, 302, 303, 307
 * or 308) and copies no body for one. With any other mode it clones every request, teeing the
 * body's stream and copying each of its chunks (`bench/NOTES.md`, session 61: a 100k bulk append
 * took 0.90–0.99× the time and 0.75–0.93× the CPU). The refusal is answered as "manual" would have
 * answered it, from the status and headers the OneWrite saw ({@link redirectAnswer}), whatever the
 * `fetch` did after it: a wrapper that retries a rejected `fetch` finds its re-send failed, unsent.
 * Until then it goes with "manual", the OneWrite telling the transport whether the `fetch` takes
 * it; and so from then on once that `fetch` answered a request past a dispatcher of the client's
 * (`timing.refuses`: routing some elsewhere). A write keeps its OneWrite either way: one that
 * never reaches it loses nothing by it.
 */
function sendWithBody(
  network: (url: string, init: RequestInit) => Promise<Response>,
  timing: Timing,
  url: string,
  init: RequestInit,
): Promise<Response> {
  const write = new OneWrite();
  (init as { dispatcher?: OneWrite }).dispatcher = write;
  const unfollowed = timing.takes === true && !timing.refuses;
  if (unfollowed) init.redirect = "error";
  return network(url, init).then(
    (response) => {
      if (write.connected) timing.takes = true;
      else if (unfollowed) timing.refuses = true;
      return response;
    },
    (error: unknown) => {
      if (write.connected) timing.takes = true;
      const { redirect } = write;
      if (unfollowed && redirect) return redirectAnswer(redirect.status, redirect.headers);
      if (!unfollowed || !refusedRedirect(error)) throw error;
      throw refusedPastDispatcher(timing, init.method as string);
    },
  );
}

/**
 * The `redirect` TransportError for a redirect refused where the client's dispatcher saw nothing
 * of it, so that nothing is known but that it was one (worded as transport.ts's refuseRedirect
 * words a refusal it can name more of). Such a `fetch` answered past the dispatcher, routing some
 * requests elsewhere (a patched or mocked one): the transport keeps signals and "manual" from then
 * on (`timing.refuses`), for timed GETs and writes alike.
 */
function refusedPastDispatcher(timing: Timing, method: string): TransportError {
  timing.refuses = true;
  return new TransportError(
    "redirect",
    `${method} was redirected: no redirect is followed. Check the base URL.`,
    false,
  );
}
