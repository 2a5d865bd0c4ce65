import { signalProblem } from "./abort-listeners.js";
import { AFTER_UNCERTAIN } from "./after-uncertain.js";
import { type BackoffOptions, backoffDelay } from "./backoff.js";
import { MAX_TIMER_MS } from "./client-options.js";
import { OrderkitError, TransportError } from "./errors.js";
import type { Logger } from "./logger.js";
import { sleep } from "./sleep.js";

/**
 * What reading state back after an uncertain write found:
 * - `applied`: the write took effect (and this is its result);
 * - `absent`: it provably did not (it may be sent again);
 * - `ambiguous`: it cannot be told, or the only evidence is not proof of ownership;
 * - `failed`: the state shows the write can never succeed (e.g. the order was cancelled).
 */
export type Recovery<T> =
  | { state: "applied"; value: T }
  | { state: "absent" }
  | { state: "failed"; error: Error }
  | { state: "ambiguous"; message: string; candidates?: readonly (number | string)[] };

/** How an API turns the protocol's outcomes into its own typed errors. */
export interface SafeWriteErrors {
  /** The write may or may not have happened, and reading back could not decide. */
  ambiguous(init: {
    message: string;
    operation: string;
    candidates: readonly (number | string)[];
    cause: unknown;
  }): Error;
  /** Anything thrown outside a call (an abort during the backoff pause): the API's error class. */
  wrap(error: unknown, operation: string): Error;
}

/** What every safe write of one client shares (both clients' contexts have these fields). */
export interface SafeWriteContext {
  /** Times a write proved absent by read-back may be sent again (not the transport's retries). */
  readonly recoveryRounds: number;
  /** The caller's backoff tuning, used between recovery rounds. */
  readonly backoff: BackoffOptions | undefined;
  /**
   * The wait, in ms, before every read-back: after a failure that may have been applied, and
   * before a `resume` probe (the earlier call's request may still be on its way). See {@link waitToReadBack}.
   */
  readonly settleMs: number;
  /**
   * The client's transport settings: `maxRetryAfterMs` is the longest `Retry-After` of a failure's
   * answer (a 503 or 429 that may have been applied) waited for before its read-back, and so
   * before any re-send (none without it).
   */
  readonly transport?: { readonly maxRetryAfterMs?: number | undefined } | undefined;
  readonly logger: Logger;
}

/** One write under the safe-write protocol. Each API supplies only the attempt and the probe. */
export interface SafeWriteSpec<T> {
  /** Operation name, for messages and logs. */
  operation: string;
  /** Sends the write once (the transport may retry it only where that is provably safe). */
  attempt(): Promise<T>;
  /**
   * Whether a 2xx answer is this write's: what differs (say, another id, or a field the server
   * keeps otherwise than sent), or undefined when it is the write asked for. An answer that is not
   * proves the server took the request: it is read back, like a failure that may have been
   * applied, but never sent again (see {@link answeredOtherwise}).
   */
  check?: ((answer: T) => string | undefined) | undefined;
  /**
   * Called (and awaited) once a 2xx answer fails `check`, before the read-back: a caller that
   * records its writes (the CLI) records that the server took this one, so that no later run
   * sends it again, even one after a stop during the read-back.
   */
  onAnswered?: ((problem: string) => Promise<void> | void) | undefined;
  /**
   * Reads state back to decide what an uncertain attempt did. It must return `applied` only with
   * proof that the state it found is this write's (ownership), never by coincidence.
   */
  probe(): Promise<Recovery<T>>;
  /**
   * How many times the write may be sent again after a probe proved it absent (recovery rounds).
   * Independent of the transport's retries. 0: probe once, never re-send. Default: the client's
   * `recoveryRounds`.
   */
  rounds?: number | undefined;
  /** Probe before the first attempt: a previous process may have sent this write already. */
  resume?: boolean | undefined;
  /**
   * An earlier call (another process's) may have sent this write, and the caller read state back
   * itself before calling (as `lineItems.set` does): said when the write is answered otherwise.
   */
  afterEarlierCall?: boolean | undefined;
  signal?: AbortSignal | undefined;
  /** The message when reading back fails (default: a generic one naming the operation). */
  unreadable?: string | undefined;
  /** Turns the error of an attempt proved absent into the error to throw (default: unchanged). */
  notApplied?: ((error: unknown) => Error) | undefined;
  /**
   * How the caller can read this write back, in the abort error's advice (default: "read it back
   * (`resume: true`)"): for a write that cannot be resumed as called, what to check instead.
   */
  readBack?: string | undefined;
  /**
   * Adds to the abort error thrown when the caller aborts while the outcome is unknown (while the
   * write is on its way, during the wait or the read-back), which already says the write may have
   * gone through (default: unchanged). A bulk append adds what it confirmed.
   */
  abortedUnsure?: ((error: Error) => Error) | undefined;
}

/** Errors that ended writes the server answered, but not as asked (safeWrite). */
const ANSWERED = new WeakSet<object>();

/**
 * True for an error that ended a write the server answered as done, but not as asked (another id,
 * a field kept otherwise than sent): the `ambiguous_write` of a read-back that did not find it as
 * sent, or whatever else ended it after that answer (a failed read-back, an abort). It was taken,
 * and it must not be sent again as if it had not been (reading back by what was sent cannot see
 * it). A caller that resumes writes (the CLI) stops there instead of sending it again.
 */
export function answeredOtherwise(error: unknown): boolean {
  return ANSWERED.has(error as object);
}

/**
 * Marks `error` as {@link answeredOtherwise}: for a write whose own code found an answer that is not
 * the write asked for (internal: an append's chunk answered for another order).
 */
export function markAnsweredOtherwise(error: unknown): void {
  if (typeof error === "object" && error !== null) ANSWERED.add(error);
}

/**
 * True when a failed write may nevertheless have been applied by the server: no answer (timeout,
 * dropped connection after sending), a 5xx, a refused redirect or any other 3xx, a middleware failure (it may have
 * run after the request was sent), or an unreadable 2xx (one without its resource too). Such writes are
 * verified by reading back, never blindly re-sent. A connection refused before sending is not.
 * An `ambiguous_write` error is false here: it is the protocol's final answer (the read-back could
 * not settle it), and its kind already says the write may have gone through. Any error of a
 * re-send that followed such a failure is true too (the attempt before it may still land).
 */
export function mayHaveApplied(error: unknown): boolean {
  if (AFTER_UNCERTAIN.has(error as object)) return true;
  if (!(error instanceof OrderkitError)) return false;
  if (error.kind === "connection") return !notSent(error);
  // A `not_found` without a status came with a 2xx (a write answered with no resource), not a 404.
  if (error.kind === "not_found") return error.status === undefined;
  return (
    // A 3xx the transport let through (no `Location` to refuse) is no refusal: a proxy or a server
    // may answer so after applying the write. (`undefined >= 300` is false.)
    ((error.status as number) >= 300 && (error.status as number) < 400) ||
    error.kind === "timeout" ||
    error.kind === "server" ||
    error.kind === "invalid_response" ||
    error.kind === "redirect" ||
    error.kind === "middleware"
  );
}

/** True when the transport's own error, under any orderkit errors that wrap it (a bulk append's partial summary, say), says nothing left. */
export function notSent(error: unknown): boolean {
  let cause = error;
  while (cause instanceof OrderkitError) cause = cause.cause;
  return cause instanceof TransportError && cause.notSent;
}

const RESUMED = /* @__PURE__ */ Symbol("resumed");

/** The first line of an error's message, without its final period (to quote inside a sentence). */
const firstLine = (error: unknown): string | undefined =>
  String((error as Error)?.message ?? error)
    .split("\n")[0]
    ?.replace(/\.$/, "");

/**
 * Waits `ms` before state is read back, after a failure that may have been applied or when
 * resuming: a server still working on the request when the client gave up (its timeout, a
 * gateway's 504, a process killed mid-request) has that long to finish, so that the read-back sees
 * the write instead of calling it absent and having it sent again. It narrows that window, and
 * cannot close it: a write the server applies later still than that is not seen
 * (`recoveryRounds: 0` rules out the re-send). The protocol's own wait (internal): rejects with an
 * `aborted` TransportError when the signal aborts, and at once with an `invalid_argument`
 * OrderkitError (no timer left) when `signal` is not an AbortSignal.
 */
export function waitToReadBack(ms: number, signal?: AbortSignal | null): Promise<void> {
  const bad = signalProblem(signal);
  return bad ? Promise.reject(bad) : sleep(ms, signal);
}

/**
 * The same wait for callers that read state back themselves (the CLI, after a run that stopped
 * mid-write): pass the client's `settleMs` (default `CLIENT_DEFAULTS.settleMs`). Rejects with an
 * `aborted` {@link OrderkitError} when the signal aborts, and at once with an `invalid_argument` one
 * (no timer left) when `signal` is not an AbortSignal or `ms` is not from 0 to 2^31 - 1.
 */
export function settle(ms: number, signal?: AbortSignal | null): Promise<void> {
  if (!(typeof ms === "number" && ms >= 0 && ms <= MAX_TIMER_MS))
    return Promise.reject(
      new OrderkitError("invalid_argument", { message: `ms must be from 0 to ${MAX_TIMER_MS}, got ${ms}.` }),
    );
  return waitToReadBack(ms, signal).catch((error: unknown) => {
    throw error instanceof OrderkitError
      ? error
      : new OrderkitError("aborted", { message: "The wait was aborted.", cause: error });
  });
}

/**
 * The one safe-write protocol of both clients and the CLI: attempt → on a failure that may have
 * been applied, wait (`settleMs`, plus the backoff between rounds), then read state back → applied
 * (return it), absent (send again at once, within `rounds`), or ambiguous (throw the API's
 * ambiguous-write error, never guess). The wait comes before the read-back, never between it and
 * the re-send, so that what the read-back saw is as fresh as it can be. A failed read-back is
 * itself ambiguous; an abort at any point is the API's abort error.
 */
export async function safeWrite<T>(
  ctx: SafeWriteContext,
  errors: SafeWriteErrors,
  spec: SafeWriteSpec<T>,
): Promise<T> {
  const { operation } = spec;
  const { logger } = ctx;
  const rounds = spec.rounds ?? ctx.recoveryRounds;
  let uncertain: unknown = spec.resume ? RESUMED : undefined;
  let resends = 0;
  // What differed in a 2xx answer (spec.check): the write was taken, so it is never sent again.
  let answered: string | undefined;
  // The caller's abort while the outcome is unknown (the write on its way, waiting, or reading
  // back): an abort error that says the write may have gone through, never a bare "aborted".
  const readBack = spec.readBack ?? "read it back (`resume: true`)";
  const abortedUnsure = (abort: unknown, sending = false) => {
    const error = errors.wrap(
      new TransportError(
        "aborted",
        sending
          ? `aborted while it was being sent: it may have been applied; ${readBack} before sending it again.`
          : `aborted before reading back: it may have gone through; ${readBack} before sending it again (after: ${uncertain === RESUMED ? "resume" : (uncertain as Error).message.split("\n")[0]}).`,
        false,
        { cause: abort },
      ),
      operation,
    );
    return spec.abortedUnsure?.(error) ?? error;
  };
  try {
    return await sendSafely();
  } catch (error) {
    // Whatever ends a write the server answered otherwise (a failed read-back, an abort, a stop),
    // it says so: a caller must never send it again as one that may not have landed.
    if (answered !== undefined) markAnsweredOtherwise(error);
    throw error;
  }

  async function sendSafely(): Promise<T> {
    for (;;) {
      if (uncertain !== undefined) {
        // Before every read-back, a resumed one too: the earlier call's request may still be on
        // its way (a process killed a moment ago). The backoff spaces the rounds after the first.
        // A server that said when to come back (Retry-After) is not asked sooner, within the bound.
        const asked = Math.min(
          (uncertain as OrderkitError).retryAfterMs ?? 0,
          ctx.transport?.maxRetryAfterMs ?? 0,
        );
        const delay = Math.min(
          MAX_TIMER_MS,
          Math.max(asked, ctx.settleMs + (resends > 0 ? backoffDelay(resends - 1, ctx.backoff) : 0)),
        );
        logger.debug(`${operation}: reading the state back in ${delay} ms`);
        try {
          await waitToReadBack(delay, spec.signal);
        } catch (error) {
          // A `signal` that is not one (only a resumed call can bring one this far: an attempt
          // refuses it) is the argument error; otherwise the caller aborted.
          if (error instanceof OrderkitError && error.kind === "invalid_argument")
            throw errors.wrap(error, operation);
          throw abortedUnsure(error);
        }
        let outcome: Recovery<T>;
        try {
          outcome = await spec.probe();
        } catch (readError) {
          if (spec.signal?.aborted) throw abortedUnsure(readError);
          // Resuming, nothing sent yet by this call, and the read-back was refused outright (a bad
          // argument such as a signal that is not one, bad credentials, an HTTP 404): that error,
          // not "may have been applied" (which the caller asked about, and is no better known). A
          // not_found without a 404 (an order missing from one listing) proves nothing: ambiguous.
          if (
            uncertain === RESUMED &&
            readError instanceof OrderkitError &&
            (readError.kind === "invalid_argument" ||
              readError.kind === "authentication" ||
              readError.kind === "permission" ||
              readError.status === 404)
          )
            throw errors.wrap(readError, operation);
          throw errors.ambiguous({
            message:
              spec.unreadable ??
              `${operation} may have been applied, and reading the state back failed: ${firstLine(readError)}. Do not repeat it before checking.`,
            operation,
            candidates: [],
            cause: readError,
          });
        }
        if (outcome.state === "applied") {
          if (uncertain !== RESUMED) logger.info(`${operation}: the write was applied despite the failure`);
          return outcome.value;
        }
        if (outcome.state === "failed") throw outcome.error;
        if (outcome.state === "absent" && answered !== undefined) {
          // Sent more than once (an earlier attempt, this call's or a resumed run's, may have landed
          // too, where reading back cannot see it either): said, never "nothing more was sent".
          const earlier =
            resends > 0
              ? ` It was sent ${resends + 1} times: each attempt may have landed.`
              : spec.resume || spec.afterEarlierCall
                ? " An earlier run's attempt may have landed too."
                : "";
          throw errors.ambiguous({
            message: `${operation} was answered, but not as asked (${answered}), and is not found as sent: the server may keep it in another form.${earlier} Not sent again: check before sending it again.`,
            operation,
            candidates: [],
            cause: uncertain,
          });
        }
        if (outcome.state === "ambiguous") {
          throw errors.ambiguous({
            message: outcome.message,
            operation,
            candidates: outcome.candidates ?? [],
            cause: uncertain === RESUMED ? undefined : uncertain,
          });
        }
        if (uncertain !== RESUMED) {
          if (resends >= rounds) throw spec.notApplied ? spec.notApplied(uncertain) : uncertain;
          resends++;
          logger.debug(`${operation} was not applied; sending it again`);
        }
      }
      // Aborted before the attempt: nothing leaves.
      const abortedBefore = spec.signal?.aborted;
      let answer: T;
      try {
        answer = await spec.attempt();
      } catch (error) {
        // Aborted while the request was on its way (not in a wait, nor before it left): it may have
        // been applied.
        if (
          !abortedBefore &&
          (error instanceof OrderkitError || error instanceof TransportError) &&
          error.kind === "aborted" &&
          !notSent(error)
        )
          throw abortedUnsure(error, true);
        if (!mayHaveApplied(error)) {
          // A re-send refused (4xx) or never sent (connection refused, no access token) says nothing
          // of the attempt before it, which may still land: its error stands as it is (status,
          // errors, an append's partial), and counts as one that may have been applied, so that
          // nobody concludes it was not. An abort there says the write may have gone through.
          if (uncertain instanceof Error) {
            if ((error as OrderkitError)?.kind === "aborted") throw abortedUnsure(error);
            logger.warn(
              `${operation}: sending it again failed (${firstLine(error)}); the attempt before may still land`,
            );
            if (error instanceof Error) AFTER_UNCERTAIN.add(error);
          }
          throw error;
        }
        logger.warn(`${operation} failed ambiguously; reading the state back`);
        uncertain = error;
        continue;
      }
      answered = spec.check?.(answer);
      if (answered === undefined) return answer;
      logger.warn(`${operation} was answered, but not as asked (${answered}); reading the state back`);
      uncertain = errors.wrap(new OrderkitError("invalid_response", { message: `${answered}.` }), operation);
      await spec.onAnswered?.(answered);
    }
  }
}
