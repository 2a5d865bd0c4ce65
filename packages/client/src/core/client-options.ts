import type { BackoffOptions } from "./backoff.js";
import type { Logger } from "./logger.js";
import type { TransportOptions } from "./transport.js";

/** Options both clients accept, with the same names, defaults and meaning. */
export interface CommonClientOptions {
  /** The API's base URL (each client has its default and an environment variable). */
  baseUrl?: string | undefined;
  /** Timeout of each attempt, in ms. Default 30 000. */
  timeoutMs?: number | undefined;
  /** Transport retries of requests that are safe to repeat (a write only when surely unsent). Default 2. */
  maxRetries?: number | undefined;
  /** Longest Retry-After honoured, in ms; a longer one surfaces as a rate-limit error. Default 60 000. */
  maxRetryAfterMs?: number | undefined;
  /**
   * Recovery rounds of the safe writes: how many times a write that reading back proved
   * unapplied is sent again. Independent of `maxRetries`. Default 2. (Checkouts and order
   * triggers are never re-sent.)
   */
  recoveryRounds?: number | undefined;
  /**
   * How long a safe write waits before it reads the state back, in ms: after a failure that may
   * have been applied (a timeout, a dropped connection, a 5xx), and before the read-back of a call
   * made with `resume: true`. A server that is still working on the request when the client gave
   * up (or its process was killed) has that long to finish, so that the read-back sees the write
   * and it is not sent a second time. Paid only then: never by a write that simply succeeds without
   * `resume`. Raise it for a server known to apply slowly. Default 1000.
   */
  settleMs?: number | undefined;
  /** Backoff tuning, used by transport retries and recovery rounds. */
  backoff?: BackoffOptions | undefined;
  /**
   * A fetch to use instead of `globalThis.fetch`: a proxy agent, logging, a test double. It must
   * send each request it is given at most once (no retries or failover of its own: the client
   * decides what may be sent again), follow no redirect (the client asks for `redirect: "manual"`;
   * a response it reached by following one is refused), and throw what the network threw. An error whose cause chain
   * holds a code saying the connection was never made (`ECONNREFUSED`, `ENOTFOUND`, `EAI_AGAIN`)
   * is taken to mean the request never left, and a write is then sent again: a fetch that sent the
   * request once before failing so must not throw that.
   */
  fetch?: typeof fetch | undefined;
  /** Receives debug/info/warn lines; secrets are always redacted. */
  logger?: Logger | undefined;
}

/** The defaults of {@link CommonClientOptions}. */
export const CLIENT_DEFAULTS = {
  timeoutMs: 30_000,
  maxRetries: 2,
  maxRetryAfterMs: 60_000,
  recoveryRounds: 2,
  settleMs: 1000,
} as const;

/** The longest delay a timer can hold (2^31 - 1 ms, about 24.8 days); a longer one fires at once. */
export const MAX_TIMER_MS = 2_147_483_647;

/** Makes an API's argument error from a message: each client passes its own error class. */
export type ArgumentFailure = (message: string) => Error;

/** The option `name` (its default when absent), checked to be a number from 0 to `max`. */
function bounded(
  options: CommonClientOptions,
  name: keyof typeof CLIENT_DEFAULTS,
  fail: ArgumentFailure,
  max = Infinity,
): number {
  const value = options[name];
  if (value === undefined) return CLIENT_DEFAULTS[name];
  if (!inRange(value, max))
    throw fail(
      `${name} must be a number from 0${max < Infinity ? ` to ${max}` : " up"}, got ${typeof value === "number" ? value : typeof value}.`,
    );
  return value;
}

const inRange = (value: unknown, max = Infinity): value is number =>
  Number.isFinite(value) && (value as number) >= 0 && (value as number) <= max;

const EXPECTED: Record<string, string> = {
  options: "an object",
  fetch: "a function",
  logger: "{ debug, info, warn } functions",
  backoff: "{ baseMs, capMs } from 0 up and a random function",
};

/** The common options {@link checkedOptions} copies (each API adds its string options). */
const COMMON_OPTIONS = [
  "timeoutMs",
  "maxRetries",
  "maxRetryAfterMs",
  "recoveryRounds",
  "settleMs",
  "backoff",
  "fetch",
  "logger",
] as const;

/**
 * What a client factory was given, checked and copied before anything reads it, so that a
 * JavaScript caller's mistake fails when the client is made, in the API's own error class
 * (`fail`), and not at the first call as a connection or pipeline error. Each known option is read
 * once (own or inherited, through a Proxy too) into a plain object (`others`: options of other
 * types, copied unchecked for their API to check; `common`: false for options that are not a
 * client's, which take none of the common ones); `null`, as in a JSON config,
 * is "not set", like `undefined`. Refused: options that are not an object, a string option
 * (`strings`) that is not a string, a `fetch` that is not a function, a `logger` without `debug`,
 * `info` and `warn` functions, a bad `backoff`. The message names the option, never its value
 * (it may be a secret). Numbers are checked by {@link resolveCommonOptions}.
 */
export function checkedOptions<T extends CommonClientOptions>(
  given: T | null | undefined,
  strings: readonly (keyof T & string)[],
  fail: ArgumentFailure,
  others: readonly (keyof T & string)[] = [],
  common = true,
): T {
  if (given != null && typeof given !== "object") fail0(fail, "options");
  const out = {} as Record<string, unknown>;
  for (const name of [...strings, ...others, ...(common ? COMMON_OPTIONS : [])]) {
    const value = (given as Record<string, unknown> | null | undefined)?.[name];
    if (value != null) out[name] = value;
  }
  const { logger: l, backoff: b } = out as CommonClientOptions;
  const wrong = (value: unknown, type: string) => value != null && typeof value !== type;
  const bad =
    strings.find((name) => wrong(out[name], "string")) ??
    (wrong(out.fetch, "function")
      ? "fetch"
      : l && ![l.debug, l.info, l.warn].every((f) => typeof f === "function")
        ? "logger"
        : b &&
            (typeof b !== "object" ||
              wrong(b.random, "function") ||
              ![b.baseMs ?? 0, b.capMs ?? 0].every((n) => inRange(n)))
          ? "backoff"
          : "");
  if (bad) fail0(fail, bad);
  return out as T;
}

function fail0(fail: ArgumentFailure, name: string): never {
  throw fail(`The client option \`${name}\` must be ${EXPECTED[name] ?? "a string"}.`);
}

/**
 * True when `value` travels in an HTTP header unchanged: no control character but tab, nothing
 * beyond Latin-1, and no white space at either end (it would be stripped on the wire). A
 * credential that does not is refused up front: the platform would refuse it on every request
 * (quoting it in its error), or send another value.
 */
export function isHeaderSafe(value: string): boolean {
  return /^[\t -~\x80-\xff]*$/.test(value) && !/^[ \t]|[ \t]$/.test(value);
}

/**
 * `url` if it can be an API's base URL: absolute http(s) without user or password in it, or a path
 * on the page's own origin (`/api`, in a browser). Checked when the client is made, so that a
 * mistyped one fails at once and never reaches `fetch`, whose error would quote it (with whatever
 * was pasted into it). The message names the option, not the value.
 */
export function checkedBaseUrl(url: string, name: string, fail: ArgumentFailure): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {}
  if (
    url[0] === "/"
      ? url[1] === "/"
      : !/^https?:$/.test(parsed?.protocol as string) || parsed?.username || parsed?.password
  )
    throw fail(`${name} must be an http(s) URL with no user or password.`);
  return url;
}

/** Resolves the common options to transport settings and the write-safety settings, checking each. */
export function resolveCommonOptions(options: CommonClientOptions, logger: Logger, fail: ArgumentFailure) {
  const transport: TransportOptions = {
    fetch: options.fetch,
    timeoutMs: bounded(options, "timeoutMs", fail, MAX_TIMER_MS),
    maxRetries: Math.floor(bounded(options, "maxRetries", fail)),
    maxRetryAfterMs: bounded(options, "maxRetryAfterMs", fail),
    backoff: options.backoff,
    logger,
  };
  return {
    transport,
    recoveryRounds: Math.floor(bounded(options, "recoveryRounds", fail)),
    backoff: options.backoff,
    settleMs: bounded(options, "settleMs", fail, MAX_TIMER_MS),
  };
}
