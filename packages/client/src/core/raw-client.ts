import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { ApiHub } from "./api-calls.js";

/**
 * The public openapi-fetch client of an API (`raw`): made on first request, the same one after.
 * Its `use()` and `eject()` are openapi-fetch's, and also tell the API's calls whether any
 * middleware is registered (then every call goes through this client, as real `Request`s).
 * Kept apart from api-calls.ts so that a bundle that never asks for it leaves `createClient` out.
 */
export function rawClientOf<Paths extends {}>(hub: ApiHub<Paths>): Client<Paths> {
  if (hub.raw) return hub.raw;
  const raw = createClient<Paths>({ ...hub.options });
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
  hub.raw = raw;
  return raw;
}
