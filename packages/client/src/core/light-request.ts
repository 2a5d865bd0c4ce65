import type { CallDeadline } from "./deadline.js";

/**
 * What the transport sends: url, method, headers, a re-sendable body and the caller's signal.
 *
 * `LightRequest` is also the fast path's stand-in for `Request`: while no middleware is registered
 * with `raw.use()`, the resource methods build this plain object instead of a real `Request`
 * (light-call.ts; no middleware can see it, so the difference is invisible). As soon as a
 * middleware is registered, every call builds real `Request`s, as openapi-fetch documents.
 * Internal: never exposed to users.
 */
export class LightRequest {
  // `declare`: each field is assigned in the constructor, so no field definitions are emitted (smaller bundles, same objects).
  declare readonly url: string;
  /** The call's timeout on the fast path (see deadline.ts); absent for real Requests. */
  declare readonly deadline: CallDeadline | undefined;
  declare readonly method: string;
  declare readonly headers: Headers;
  declare readonly body: BodyInit | null;
  declare readonly signal: AbortSignal | null;

  /** `init` as its makers have it: an upper-case method and a `Headers` (openapi-fetch's `mergeHeaders`, or a copy). */
  constructor(
    url: string,
    init: { method: string; headers: Headers; body?: BodyInit | null; signal?: AbortSignal | null },
    deadline?: CallDeadline,
  ) {
    this.url = url;
    this.deadline = deadline;
    this.method = init.method;
    this.headers = init.headers;
    this.body = init.body ?? null;
    this.signal = init.signal ?? null;
  }
}

/**
 * The transport's view of what openapi-fetch hands it: a LightRequest as is, a real `Request`
 * (built when middleware is registered, or returned by one) read once so that its body can be sent
 * again on a retry.
 */
export async function toOutgoing(input: Request | LightRequest): Promise<LightRequest> {
  if (input instanceof LightRequest) return input;
  const body = input.body === null ? null : await input.arrayBuffer();
  return new LightRequest(input.url, {
    // A Request upper-cases only the standard methods ("patch" stays as it is).
    method: input.method.toUpperCase(),
    // A copy: what the transport adds (Commerce Layer's bearer token) must not show in the
    // Request a middleware's onResponse or onError is given.
    headers: new Headers(input.headers),
    body,
    signal: input.signal,
  });
}
