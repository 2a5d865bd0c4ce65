import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { ApiHub, Verb } from "./api-calls.js";
import type { RawResult } from "./call.js";
import { OrderkitError } from "./errors.js";
import { type LightInit, serializeBody, unsendable } from "./light-call.js";

/**
 * Errors the client itself throws inside openapi-fetch's pipeline (its transport, its body
 * serializer): on this path, every other error came from a middleware.
 */
const OURS = new WeakSet<object>();

/** Marks `error` as the client's own (see {@link OURS}) and returns it. */
function ours<E>(error: E): E {
  if (typeof error === "object" && error !== null) OURS.add(error);
  return error;
}

/** The calls' body serializer on this path: openapi-fetch's, with a body it cannot send refused as an argument error. */
function serializeOrRefuse(body: unknown, headers: Headers): string | FormData {
  try {
    return serializeBody(body, headers);
  } catch (error) {
    throw ours(unsendable(error));
  }
}

/**
 * The public openapi-fetch client of an API (`raw`): made on first request, the same one after.
 * Its `use()` and `eject()` are openapi-fetch's, and also tell the API's calls whether any
 * middleware is registered (then every call goes through this client, as real `Request`s).
 * Kept apart from api-calls.ts so that a bundle that never asks for it leaves `createClient` out.
 */
export function rawClientOf<Paths extends {}>(hub: ApiHub<Paths>): Client<Paths> {
  if (hub.raw) return hub.raw;
  const { fetch } = hub.options;
  // What the client's own transport throws is marked as such: on this path, the calls tell it
  // apart from what a middleware throws (viaRaw, below).
  const raw = createClient<Paths>({
    ...hub.options,
    fetch: (request) => fetch(request).catch((error: unknown) => Promise.reject(ours(error))),
  });
  const { registered } = hub;
  const use = raw.use.bind(raw);
  const eject = raw.eject.bind(raw);
  raw.use = (...middleware: Middleware[]) => {
    // One at a time, as openapi-fetch adds them: when an invalid one makes it throw, those before
    // it are registered, and the calls must know (they then go through this client).
    for (const m of middleware) {
      use(m);
      if (m) registered.push(m);
    }
  };
  raw.eject = (...middleware: Middleware[]) => {
    for (const m of middleware) {
      const at = registered.indexOf(m);
      if (at !== -1) registered.splice(at, 1);
    }
    eject(...middleware);
  };
  // The resource methods' calls while middleware is registered. An orderkit error the client did
  // not throw itself (a middleware that calls another client, say) is a middleware failure, not
  // what its kind says: the request may have been sent, whatever that kind.
  hub.viaRaw = (method: Verb, path: string, init: LightInit | undefined) =>
    (raw[method] as (path: string, init: object) => Promise<RawResult<unknown>>)(path, {
      ...init,
      bodySerializer: serializeOrRefuse,
    }).catch((error: unknown) => {
      throw error instanceof OrderkitError && !OURS.has(error)
        ? new Error(error.message, { cause: error })
        : error;
    });
  hub.raw = raw;
  return raw;
}
