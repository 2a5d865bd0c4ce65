import {
  createFinalURL,
  defaultBodySerializer,
  type HeadersOptions,
  mergeHeaders,
  type PathSerializer,
  type QuerySerializer,
  removeTrailingSlash,
} from "openapi-fetch";
import type { RawResult } from "./call.js";
import type { CallDeadline } from "./deadline.js";
import { OrderkitError } from "./errors.js";
import { LightRequest } from "./light-request.js";
import type { Transport } from "./transport.js";

/** The options an API's calls are made with: the same ones its openapi-fetch client gets. */
export interface CallOptions {
  baseUrl: string;
  headers: HeadersOptions;
  /** The API's query serializer (LettrLabs: openapi-fetch's `createQuerySerializer()`, its default). */
  querySerializer: QuerySerializer<unknown>;
  /**
   * The API's path serializer (LettrLabs: openapi-fetch's `defaultPathSerializer`; Commerce Layer,
   * whose path parameters are all plain ids: `serializeSimplePath`).
   */
  pathSerializer: PathSerializer;
  /** The API's transport, with auth (raw-client.ts turns a real `Request` into a LightRequest for it). */
  fetch: Transport;
}

/** What the resource methods pass with a call (the subset of openapi-fetch's options they use). */
export interface LightInit {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown>; header?: HeadersOptions };
  headers?: HeadersOptions;
  body?: unknown;
  /** The body's serializer, as openapi-fetch's per-request option (default: openapi-fetch's). */
  bodySerializer?: (body: never, headers: Headers) => BodyInit;
  parseAs?: "json" | "text" | "blob" | "arrayBuffer" | "stream";
  signal?: AbortSignal | null;
}

/** One call: method, schema path (`/orders/{orderId}`), its init and its Deadline. */
export type LightCaller = (
  method: string,
  path: string,
  init: LightInit | undefined,
  deadline: CallDeadline | undefined,
) => Promise<RawResult<unknown>>;

/**
 * The calls' fast path while no middleware is registered: does what openapi-fetch's `createClient`
 * does for a call, with openapi-fetch's own exported pieces (URL, path and query serialisation,
 * header merging, body serialisation), minus what only middleware could observe: no `Request` is
 * built (a LightRequest goes to the transport), no middleware loop. A bundle that never registers
 * middleware thus leaves `createClient` out (about 1.5 kB gzip), and each call skips its
 * bookkeeping. The response is read exactly as openapi-fetch 0.17 reads it; a property test
 * (`test/core/light-call.test.ts`) holds the requests and results of both paths equal.
 * Internal: never exposed to users.
 */
export function createLightCaller(options: CallOptions): LightCaller {
  const baseUrl = removeTrailingSlash(options.baseUrl);
  const baseHeaders = options.headers;
  const { querySerializer, pathSerializer } = options;
  const send = options.fetch;
  const build = (method: string, path: string, init: LightInit, deadline: CallDeadline | undefined) => {
    const { params = {}, headers, body } = init;
    // As openapi-fetch: the body sees every header but the default Content-Type, which goes under them all.
    const serialized =
      body === undefined
        ? undefined
        : (init.bodySerializer ?? serializeBody)(
            body as never,
            mergeHeaders(baseHeaders, headers, params.header),
          );
    const finalHeaders = mergeHeaders(
      serialized === undefined || serialized instanceof FormData
        ? {}
        : { "Content-Type": "application/json" },
      baseHeaders,
      headers,
      params.header,
    );
    const url = createFinalURL(path, {
      baseUrl,
      params,
      querySerializer,
      pathSerializer,
    });
    return new LightRequest(
      url,
      { method, headers: finalHeaders, body: serialized ?? null, signal: init.signal ?? null },
      deadline,
    );
  };
  // Promise chains rather than async functions: this runs for every call, and each async layer
  // costs ~0.5 kB of garbage per call.
  return (method, path, init = {}, deadline) => {
    let request: LightRequest;
    try {
      request = build(method, path, init, deadline);
    } catch (error) {
      return Promise.reject(unsendable(error));
    }
    return send(request).then((response) => readResult(response, method, init.parseAs ?? "json"));
  };
}

/**
 * A request that could not be built (a body JSON cannot hold, a path value no URL can carry): an
 * argument error, since nothing was sent, never "may have gone through". Its message keeps the
 * first line of the cause's.
 */
export function unsendable(error: unknown): OrderkitError {
  return new OrderkitError("invalid_argument", {
    message: `the request cannot be sent: ${String((error as Error)?.message ?? error).split("\n")[0]}`,
    cause: error,
  });
}

/** openapi-fetch's default body serializer, as 0.17 runs it (its declaration names neither the headers it reads nor the FormData it returns). */
export const serializeBody = defaultBodySerializer as (body: unknown, headers: Headers) => string | FormData;

/** Reads a response into openapi-fetch's `{ data } | { error }`, exactly as openapi-fetch 0.17 does. */
function readResult(
  response: Response,
  method: string,
  parseAs: NonNullable<LightInit["parseAs"]>,
): RawResult<unknown> | Promise<RawResult<unknown>> {
  const contentLength = response.headers.get("Content-Length");
  if (
    response.status === 204 ||
    method === "HEAD" ||
    (contentLength === "0" && !response.headers.get("Transfer-Encoding")?.includes("chunked"))
  ) {
    return response.ok ? { data: undefined, response } : { error: undefined, response };
  }
  if (response.ok) {
    if (parseAs === "stream") return { data: response.body, response };
    if (parseAs === "json" && !contentLength)
      return response.text().then((text) => ({ data: text ? JSON.parse(text) : undefined, response }));
    return (response[parseAs]() as Promise<unknown>).then((data) => ({ data, response }));
  }
  return response.text().then((text) => {
    let error: unknown = text;
    try {
      error = JSON.parse(text);
    } catch {}
    return { error, response };
  });
}
