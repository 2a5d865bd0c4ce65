import createClient, { type Client, type ClientOptions, type Middleware } from "openapi-fetch";
import { DEADLINE, Deadline, Deadlines } from "./deadline.js";
import { abortedError, TransportError } from "./errors.js";
import { LightRequest } from "./light-request.js";

/** The two faces of an API's openapi-fetch client. */
export interface ApiClients<Paths extends {}> {
  /** The public client: real `Request`s, `use()`/`eject()` as openapi-fetch documents. */
  raw: Client<Paths>;
  /**
   * What the resource methods call: the same client, except that while no middleware is
   * registered it builds LightRequests instead of real `Request`s and gives each call one
   * {@link Deadline} (the fast path; invisible, since only middleware could tell). With middleware
   * registered, it is `raw` itself.
   */
  calls: Client<Paths>;
}

const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE", "request"] as const;

type Call = (...args: unknown[]) => Promise<unknown>;

/**
 * Creates the public openapi-fetch client of an API and the resource methods' view of it.
 * `timeoutMs` (0: none) is the per-attempt timeout the fast path's Deadlines carry.
 */
export function createApiClients<Paths extends {}>(
  options: ClientOptions,
  timeoutMs: number,
): ApiClients<Paths> {
  const raw = createClient<Paths>(options);
  const fast = createClient<Paths>({ ...options, Request: LightRequest as unknown as typeof Request });
  const registered: Middleware[] = [];
  const use = raw.use.bind(raw);
  const eject = raw.eject.bind(raw);
  raw.use = (...middleware: Middleware[]) => {
    registered.push(...middleware);
    use(...middleware);
  };
  raw.eject = (...middleware: Middleware[]) => {
    for (const m of middleware) {
      const at = registered.indexOf(m);
      if (at !== -1) registered.splice(at, 1);
    }
    eject(...middleware);
  };
  const calls: Record<string, unknown> = { use: raw.use, eject: raw.eject };
  // Also without a timeout (0): a caller's signal is then joined through the buckets too (one
  // listener on it, however many calls share it; see deadline.ts).
  const deadlines = new Deadlines(timeoutMs);
  for (const method of METHODS) {
    const slow = raw[method] as Call;
    const quick = fast[method] as Call;
    // `request(method, url, init)` takes its init third; the verbs take it second.
    const at = method === "request" ? 2 : 1;
    calls[method] = (...args: unknown[]) => {
      const init = args[at] as { signal?: AbortSignal | null } | undefined;
      const caller = init?.signal ?? null;
      if (registered.length > 0) return settle(slow(...args), caller, undefined, timeoutMs);
      if (timeoutMs === 0 && caller === null) return settle(quick(...args), caller, undefined, timeoutMs);
      const deadline = new Deadline(deadlines, caller);
      args[at] = { ...init, [DEADLINE]: deadline };
      return settle(quick(...args), caller, deadline, timeoutMs);
    };
  }
  return { raw, calls: calls as unknown as Client<Paths> };
}

/**
 * Ends a call: stops its Deadline, and names whose abort it was when the call failed because of
 * one after the transport returned (while openapi-fetch read the body, only the signal's reason
 * is rethrown): the caller's signal makes it an abort, the Deadline's timer a timeout. Any other
 * rejection (a middleware's own error, say) is left as it is.
 */
function settle(
  call: Promise<unknown>,
  caller: AbortSignal | null,
  deadline: Deadline | undefined,
  timeoutMs: number,
): Promise<unknown> {
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
      if (deadline?.timedOut && name === "TimeoutError")
        throw new TransportError("timeout", `No response within ${timeoutMs} ms.`, false, { cause: error });
      throw error;
    },
  );
}
