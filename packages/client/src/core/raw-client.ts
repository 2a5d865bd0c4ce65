import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { ApiHub, Verb } from "./api-calls.js";
import type { RawResult } from "./call.js";
import { OrderkitError, TransportError } from "./errors.js";
import { type LightInit, serializeBody, unsendable } from "./light-call.js";
import { toOutgoing } from "./light-request.js";
import { redactCause } from "./redact.js";

/**
 * The public openapi-fetch client of an API (`raw`): made on first request, the same one after.
 * Its `use()` and `eject()` are openapi-fetch's, and also tell the API's calls whether any
 * middleware is registered (then every call goes through this client, as real `Request`s).
 * Kept apart from api-calls.ts so that a bundle that never asks for it leaves `createClient` out.
 * `secrets`: what the API's errors redact.
 */
export function rawClientOf<Paths extends {}>(
  hub: ApiHub<Paths>,
  secrets: () => readonly (string | undefined)[],
): Client<Paths> {
  if (hub.raw) return hub.raw;
  // openapi-fetch hands over real Requests (from middleware, or built for any call): read once
  // into a LightRequest, which the transport can send again on a retry. What fails comes back to
  // the caller of `raw` as it is, but for its causes, which are redacted (a custom fetch's error may
  // quote the request it was given).
  const fetch = (request: Request) =>
    toOutgoing(request)
      .then(hub.options.fetch)
      .catch((error: unknown) => {
        throw redactCause(error, secrets());
      });
  const raw = createClient<Paths>({ ...hub.options, fetch });
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
  // The resource methods' calls while middleware is registered. Each call gets its own fetch and
  // serializers (openapi-fetch takes them per request), which note what they threw: that is the
  // client's own failure and keeps its kind (a serializer's is an argument error: nothing was
  // sent). Only the serializers before the first fetch, and that first fetch, count: a middleware
  // may call `options.fetch` again (to re-send, to audit) after the request was answered, and
  // what that throws says nothing about whether this call's request was sent. Any other orderkit
  // or transport error (a middleware that calls a client, which failed or could not connect) is a
  // middleware failure, whatever its kind says: this call's request may have been sent.
  const { querySerializer, pathSerializer } = hub.options;
  hub.viaRaw = (method: Verb, path: string, init: LightInit | undefined) => {
    let own: unknown;
    let fetches = 0;
    const refusing =
      <A extends unknown[], R>(step: (...args: A) => R) =>
      (...args: A): R => {
        try {
          return step(...args);
        } catch (error) {
          const refused = unsendable(error);
          if (fetches === 0) own = refused;
          throw refused;
        }
      };
    return (raw[method] as (path: string, init: object) => Promise<RawResult<unknown>>)(path, {
      ...init,
      fetch: (request: Request) => {
        const first = ++fetches === 1;
        return fetch(request).catch((error: unknown) => {
          if (first) own = error;
          throw error;
        });
      },
      bodySerializer: refusing(init?.bodySerializer ?? serializeBody),
      querySerializer: refusing(querySerializer),
      pathSerializer: refusing(pathSerializer),
    }).catch((error: unknown) => {
      throw error !== own && (error instanceof OrderkitError || error instanceof TransportError)
        ? new Error(error.message, { cause: error })
        : error;
    });
  };
  hub.raw = raw;
  return raw;
}
