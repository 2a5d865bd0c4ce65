import { AFTER_UNCERTAIN } from "./after-uncertain.js";
import { type BackoffOptions, backoffDelay, retryAfterMs } from "./backoff.js";
import { abortedError, causeCode, TransportError, timeoutError } from "./errors.js";
import type { LightRequest } from "./light-request.js";
import type { Logger } from "./logger.js";
import { sleep } from "./sleep.js";
import { sendAttempt, type Timing } from "./undici-timeout.js";

/** Settings of the shared HTTP transport (the custom `fetch` under openapi-fetch). */
export interface TransportOptions {
  /** The fetch to send with. Default `globalThis.fetch`. */
  fetch?: typeof fetch | undefined;
  /** Per-attempt timeout in ms; 0 disables it. */
  timeoutMs: number;
  /** Retries after the first attempt, for requests that are safe to repeat. */
  maxRetries: number;
  /** Longest Retry-After the transport waits for; a longer one is returned to the caller. Default 60 s. */
  maxRetryAfterMs?: number | undefined;
  backoff?: BackoffOptions | undefined;
  logger: Logger;
  /** Methods that may be repeated after an ambiguous failure. Default GET, HEAD, OPTIONS, DELETE. */
  idempotentMethods?: ReadonlySet<string> | undefined;
  /** Called with every response (e.g. to read rate-limit headers). */
  onResponse?: ((response: Response) => void) | undefined;
}

/**
 * What an API's calls send with: a LightRequest in, the final response out. The public
 * openapi-fetch client hands its real `Request`s over through raw-client.ts, which turns them
 * into LightRequests first (so that a bundle without that client carries no such conversion).
 */
export type Transport = (request: LightRequest) => Promise<Response>;

/** The shared transport. */
export interface HttpTransport {
  /** Sends a LightRequest with timeouts, retries and the redirect rules (re-sendable any number of times). */
  send: Transport;
}

const DEFAULT_IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "DELETE"]);
// "bad port": fetch never connects to some ports (see causeCode).
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ERR_INVALID_URL", "bad port"]);

/** Statuses worth another attempt: request timeout, rate limit, and server errors but 501. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status !== 501);
}

/**
 * Builds the transport both API clients use: a per-attempt timeout (the call's Deadline, or an
 * AbortSignal for requests that come without one), retries with
 * full-jitter exponential backoff that honour Retry-After, and the safety rule that a request
 * which may have changed server state (POST, PUT, PATCH) is only repeated when it surely never
 * ran: the connection was refused, or the server answered 429.
 */
export function createTransport(options: TransportOptions): HttpTransport {
  const network = options.fetch ?? globalThis.fetch.bind(globalThis);
  // What is known of the global fetch, which may time attempts without a signal (undici-timeout.ts); never of a custom one.
  const timing: Timing | undefined = options.fetch ? undefined : {};
  const idempotent = options.idempotentMethods ?? DEFAULT_IDEMPOTENT;
  const maxRetryAfter = options.maxRetryAfterMs ?? 60_000;
  const { logger, timeoutMs, maxRetries } = options;

  /** What an attempt's failure is: a timeout, the caller's abort, or a connection failure (sent or not). */
  function failure(
    error: unknown,
    deadline: LightRequest["deadline"],
    timeoutSignal: AbortSignal | undefined,
    callerSignal: AbortSignal | null,
  ): TransportError {
    if (error instanceof TransportError) return error;
    if ((deadline?.timedOut || timeoutSignal?.aborted) && !callerSignal?.aborted)
      return timeoutError(timeoutMs, error);
    if (callerSignal?.aborted) return abortedError(error);
    const code = causeCode(error);
    const notSent = code !== undefined && NOT_SENT_CODES.has(code);
    return new TransportError("connection", `Connection failed${code ? ` (${code})` : ""}.`, notSent, {
      cause: error,
    });
  }

  // One async function per request, attempts included: each async layer costs a call ~0.5 kB of
  // garbage, and this runs for every request of both APIs.
  async function send(req: LightRequest): Promise<Response> {
    const repeatable = idempotent.has(req.method);
    const resendable = !(req.body instanceof ReadableStream);
    // The calls' fast path brings one Deadline for the whole call (restarted here, per attempt);
    // anything else (a real Request from middleware, a token request) gets a timeout signal.
    const deadline = req.deadline;
    const callerSignal = req.signal;
    // A write sent again after an attempt that may have applied it (one with no usable answer, or
    // a 5xx): its answer is marked (after-uncertain.ts), since a refusal then (a DELETE's 404) may
    // be of what that attempt did.
    const write = req.method !== "GET" && req.method !== "HEAD";
    let uncertain = false;
    // Whatever ends the call after such an attempt (a refusal before sending, an abort while it
    // waits) is marked too.
    try {
      for (let n = 0; ; n++) {
        const canRetry = n < maxRetries && resendable;
        // Aborted before this attempt: nothing leaves, and the error says so (a write is not "maybe applied").
        if (callerSignal?.aborted) throw abortedError(callerSignal.reason, true);
        let timeoutSignal: AbortSignal | undefined;
        let signal: AbortSignal | null | undefined = callerSignal;
        if (deadline) signal = deadline.start();
        else if (timeoutMs > 0) {
          timeoutSignal = AbortSignal.timeout(timeoutMs);
          signal = callerSignal ? AbortSignal.any([callerSignal, timeoutSignal]) : timeoutSignal;
        }
        // Redirects are never followed (refuseRedirect): credentials must not reach another origin,
        // a write must not be replayed elsewhere, and a read must answer for what it asked. (On
        // Node's own fetch, timed GETs and writes may go with `redirect: "error"`, their refusals
        // answered as "manual" would: undici-timeout.ts.)
        const init: RequestInit = {
          method: req.method,
          headers: req.headers,
          body: req.body,
          redirect: "manual",
        };
        if (signal) init.signal = signal;
        let response: Response;
        try {
          response = await sendAttempt(network, timing, req.url, init, callerSignal, deadline);
          if (response.redirected || response.type === "opaqueredirect" || REDIRECTS.has(response.status))
            response = await refuseRedirect(req, response);
        } catch (thrown) {
          const error = failure(thrown, deadline, timeoutSignal, callerSignal);
          if (error.kind === "aborted" || error.kind === "redirect") throw error;
          if (!canRetry || !(repeatable || error.notSent)) throw error;
          uncertain ||= write && !error.notSent;
          const delay = backoffDelay(n, options.backoff);
          logRetry(logger, req, error.kind, n, maxRetries, delay);
          await pause(delay, req);
          continue;
        }
        options.onResponse?.(response);
        if (uncertain) AFTER_UNCERTAIN.add(response);
        if (canRetry && isRetryableStatus(response.status) && (repeatable || response.status === 429)) {
          const asked = retryAfterMs(response.headers);
          if (asked !== undefined && asked > maxRetryAfter) return response;
          uncertain ||= write && response.status !== 429;
          const delay = asked ?? backoffDelay(n, options.backoff);
          await response.body?.cancel().catch(() => undefined);
          logRetry(logger, req, `HTTP ${response.status}`, n, maxRetries, delay);
          await pause(delay, req);
          continue;
        }
        return response;
      }
    } catch (error) {
      if (uncertain) AFTER_UNCERTAIN.add(error as object);
      throw error;
    }
  }

  return { send };
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Logs a retry (the label is built only then, not on every request). */
function logRetry(logger: Logger, req: LightRequest, after: string, n: number, max: number, delay: number) {
  logger.debug(
    `retrying ${req.method} ${new URL(req.url).pathname} after ${after} (retry ${n + 1}/${max}, in ${delay} ms)`,
  );
}

/**
 * Given the first response of an attempt sent with `redirect: "manual"` that is a redirect,
 * refuses it with a `redirect` TransportError. No redirect is followed: to another origin it would
 * carry the credentials there; for a write it would replay it; and a read that answers from another
 * address cannot be taken for what was asked (a read-back that decides whether to write again, say,
 * given another order's lines). A 3xx without a `Location` is returned as an answer; a write's
 * caller takes it as one that may have been applied (`mayHaveApplied`). A response that a custom
 * `fetch` reached by following a redirect itself (`redirected`) is refused too.
 */
async function refuseRedirect(req: LightRequest, response: Response): Promise<Response> {
  // A redirect the fetch followed itself, or an opaque one (a browser's), has no Location to read.
  const location =
    response.redirected || response.type === "opaqueredirect" ? "" : response.headers.get("location");
  if (location === null) return response;
  await response.body?.cancel().catch(() => undefined);
  let target = "";
  try {
    target = new URL(location, req.url).origin;
  } catch {}
  const { status } = response;
  // (undici-timeout.ts words alike a refusal by Node's own fetch of which it saw nothing.)
  throw new TransportError(
    "redirect",
    `${req.method} was redirected${REDIRECTS.has(status) ? ` (HTTP ${status})` : ""}${target && target !== "null" && target !== new URL(req.url).origin ? ` to another origin (${target})` : ""}: no redirect is followed. Check the base URL.`,
    false,
  );
}

async function pause(ms: number, req: LightRequest): Promise<void> {
  // A call's Deadline does not run while the transport waits to retry; only the caller's signal
  // interrupts the wait (an `aborted` TransportError).
  req.deadline?.stop();
  await sleep(ms, req.signal);
}
