import type { Client, Middleware } from "openapi-fetch";
import { signalProblem } from "./abort-listeners.js";
import type { RawResult } from "./call.js";
import { type CallDeadline, Deadline, Deadlines } from "./deadline.js";
import { abortedError, TransportError, timeoutError } from "./errors.js";
import { type CallOptions, createLightCaller, type LightInit } from "./light-call.js";

/** The HTTP verbs the resource methods call. */
export type Verb = "GET" | "PUT" | "POST" | "DELETE" | "PATCH";

/** The resource methods' view of an API: openapi-fetch's typed verbs. */
export type Calls<Paths extends {}> = Pick<Client<Paths>, Verb>;

/**
 * An API's shared call state: the options its calls and its public openapi-fetch client are made
 * with, the middleware registered on that client, and the client itself once someone asked for it
 * (raw-client.ts makes it on demand, so a bundle that never asks carries no `createClient`).
 */
export interface ApiHub<Paths extends {}> {
  readonly options: CallOptions;
  /** Middleware registered through the public client's `use()`: while there is any, calls go through it. */
  readonly registered: Middleware[];
  /** The public client (`raw`), once made. */
  raw?: Client<Paths> | undefined;
  /** A call through the public client (raw-client.ts installs it with the client). */
  viaRaw?:
    | ((method: Verb, path: string, init: LightInit | undefined) => Promise<RawResult<unknown>>)
    | undefined;
}

/**
 * Creates an API's calls. While no middleware is registered on its public client, a call takes
 * the fast path (light-call.ts: a LightRequest, no `Request`, no middleware loop) with one
 * {@link Deadline}; with middleware registered, it goes through the public client itself and its
 * middleware sees real `Request`s, as openapi-fetch documents. Only middleware could tell the two
 * paths apart. `timeoutMs` (0: none) is the per-attempt timeout the Deadlines carry.
 */
export function createApiCalls<Paths extends {}>(
  options: CallOptions,
  timeoutMs: number,
): { calls: Calls<Paths>; hub: ApiHub<Paths> } {
  const hub: ApiHub<Paths> = { options, registered: [] };
  const light = createLightCaller(options);
  // Also without a timeout (0): a caller's signal is then joined through the buckets too (one
  // listener on it, however many calls share it; see deadline.ts).
  const deadlines = new Deadlines(timeoutMs);
  const verb =
    (method: Verb) =>
    (path: string, init?: LightInit): Promise<RawResult<unknown>> => {
      const caller = init?.signal ?? null;
      // Checked before either path (fetch refuses anything else only when sending, which would look
      // like a connection failure): an AbortController passed instead of its signal, say.
      const bad = signalProblem(caller);
      if (bad) return Promise.reject(bad);
      if (hub.registered.length > 0 && hub.viaRaw)
        return settle(hub.viaRaw(method, path, init), caller, undefined, timeoutMs);
      const deadline = timeoutMs === 0 && caller === null ? undefined : new Deadline(deadlines, caller);
      return settle(light(method, path, init, deadline), caller, deadline, timeoutMs);
    };
  const calls = {
    GET: verb("GET"),
    PUT: verb("PUT"),
    POST: verb("POST"),
    DELETE: verb("DELETE"),
    PATCH: verb("PATCH"),
  };
  return { calls: calls as unknown as Calls<Paths>, hub };
}

/**
 * Ends a call: stops its Deadline, and names whose abort it was when the call failed because of
 * one after the transport returned (while the body is read, only the abort's reason is rethrown,
 * or undici's "terminated" with it as cause): the caller's signal makes it an abort, the
 * Deadline's timer a timeout. Any other rejection (a middleware's own error, say) is left as it is.
 */
function settle<T>(
  call: Promise<T>,
  caller: AbortSignal | null,
  deadline: CallDeadline | undefined,
  timeoutMs: number,
): Promise<T> {
  // Nothing to stop and no abort to name (no timeout, no caller's signal): the call as it is.
  if (!deadline && !caller) return call;
  return call.then(
    (result) => {
      deadline?.stop();
      return result;
    },
    (error: unknown) => {
      deadline?.stop();
      if (error instanceof TransportError) throw error;
      const name = (error as { name?: unknown } | null)?.name;
      if (caller?.aborted && (error === caller.reason || name === "AbortError")) throw abortedError(error);
      // The timeout's reason as it is (a signal's), or as the cause of undici's "terminated" (an
      // attempt aborted through its dispatcher, undici-timeout.ts).
      const cause = (error as { cause?: { name?: unknown } } | null)?.cause;
      if (deadline?.timedOut && (name === "TimeoutError" || cause?.name === "TimeoutError"))
        throw timeoutError(timeoutMs, name === "TimeoutError" ? error : cause);
      throw error;
    },
  );
}
