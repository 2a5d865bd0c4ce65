import fc from "fast-check";
import createClient, { createQuerySerializer, defaultPathSerializer } from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { serializeQuery } from "../../src/commercelayer/query.js";
import { OrderkitError } from "../../src/core/errors.js";
import { jsonListBody } from "../../src/core/json-list-body.js";
import { type CallOptions, createLightCaller, type LightInit } from "../../src/core/light-call.js";
import { LightRequest, toOutgoing } from "../../src/core/light-request.js";
import { serializeSimplePath } from "../../src/core/path.js";

// The calls' fast path (light-call.ts) must do exactly what openapi-fetch's createClient does for
// a call without middleware: same URL, method, headers and body sent, same `{ data }`/`{ error }`
// read back (or the same error thrown), whatever the params, headers, body, parseAs and response.
// openapi-fetch runs here with `Request: LightRequest`, so both sides hand the transport the same
// kind of object and every field can be compared.

const text = fc.string({ unit: "grapheme", maxLength: 12 });
const scalar = fc.oneof(text, fc.integer(), fc.boolean());
const query = fc.dictionary(
  fc.constantFrom("a", "b", "filter", "page", "include", "sort", "x y"),
  fc.oneof(
    scalar,
    fc.constant(undefined),
    fc.constant(null),
    fc.array(fc.oneof(text, fc.integer()), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom("q", "eq", "size"), scalar, { maxKeys: 2 }),
  ),
  { maxKeys: 4 },
);
const headerValue = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9 ,;=/.+-]{0,12}$/).map((s) => s.trim()),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.stringMatching(/^[a-z0-9]{1,6}$/), { minLength: 1, maxLength: 2 }),
);
const headers = fc.dictionary(
  fc.constantFrom("X-Trace", "Accept", "Content-Type", "content-type", "X-API-KEY", "If-Match"),
  headerValue,
  { maxKeys: 3 },
);
const body = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue({ maxDepth: 2 }),
  fc.constant({ data: { type: "orders", attributes: { customer_email: "a@example.com" } } }),
  fc.constant("plain"),
  fc.constant(new FormData()),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 150 }).map((recipients) => ({ recipients })),
);
const call = fc.record(
  {
    method: fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"),
    path: fc.constantFrom("/plain", "/orders/{orderId}", "/v1/order/{id}/recipients/{recipient}"),
    pathParams: fc.record({ orderId: scalar, id: fc.oneof(fc.integer(), text), recipient: text }),
    query,
    header: headers,
    headers,
    body,
    parseAs: fc.constantFrom(undefined, "json", "text", "arrayBuffer", "blob", "stream"),
    cl: fc.boolean(),
    // A bulk append's own serializer (UTF-8 bytes, see jsonListBody) for a `{ recipients }` body.
    listBody: fc.boolean(),
    formEncoded: fc.boolean(),
  },
  { requiredKeys: ["method", "path", "pathParams", "cl"] },
);
const response = fc.record({
  status: fc.constantFrom(200, 201, 204, 400, 401, 404, 422, 500),
  body: fc.oneof(
    fc.constant(""),
    fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
    fc.constant("not json"),
    fc.constant('{"errors":[{"code":"INVALID_TOKEN"}]}'),
  ),
  contentLength: fc.constantFrom("exact", "none", "zero"),
  chunked: fc.boolean(),
});

type Call = typeof call extends fc.Arbitrary<infer T> ? T : never;
type Reply = typeof response extends fc.Arbitrary<infer T> ? T : never;

function replyOf(r: Reply): Response {
  const h = new Headers({ "content-type": "application/json" });
  if (r.contentLength === "exact") h.set("content-length", String(new TextEncoder().encode(r.body).length));
  if (r.contentLength === "zero") h.set("content-length", "0");
  if (r.chunked) h.set("transfer-encoding", "chunked");
  return new Response(r.status === 204 ? null : r.body, { status: r.status, headers: h });
}

/** A result with its body read (streams, blobs and buffers as text), or what was thrown. */
async function settled(run: () => Promise<{ data?: unknown; error?: unknown; response: Response }>) {
  try {
    const result = await run();
    const read = async (v: unknown) =>
      v instanceof ReadableStream
        ? `stream:${await new Response(v).text()}`
        : v instanceof Blob
          ? `blob:${await v.text()}`
          : v instanceof ArrayBuffer
            ? `buffer:${new TextDecoder().decode(v)}`
            : v;
    return {
      keys: Object.keys(result).sort(),
      data: await read(result.data),
      error: result.error,
      status: result.response.status,
    };
  } catch (error) {
    // The fast path names a failure to build the request an argument error (nothing was sent);
    // openapi-fetch throws the serializer's own error. Compared by that cause.
    const cause =
      error instanceof OrderkitError && error.kind === "invalid_argument" ? (error.cause as Error) : error;
    return { threw: `${(cause as Error).name}: ${(cause as Error).message}` };
  }
}

function sent(req: LightRequest) {
  return {
    url: req.url,
    method: req.method,
    headers: [...req.headers],
    body: req.body instanceof FormData ? "FormData" : req.body,
  };
}

/** The client options and the call's init both paths get for a generated call. */
function optionsOf(c: Call, baseUrl: string, fetch: (req: Request) => Promise<Response>) {
  const headers: Record<string, string> = c.cl
    ? { Accept: "application/vnd.api+json", "Content-Type": "application/vnd.api+json" }
    : { "X-API-KEY": "LL-API-k", Accept: "application/json" };
  if (c.formEncoded) headers["Content-Type"] = "application/x-www-form-urlencoded";
  const querySerializer = c.cl ? serializeQuery : createQuerySerializer();
  const pathSerializer = c.cl ? serializeSimplePath : defaultPathSerializer;
  const init: LightInit = {
    params: { path: c.pathParams, ...(c.query && { query: c.query }), ...(c.header && { header: c.header }) },
    ...(c.headers && { headers: c.headers }),
    ...(c.body !== undefined && { body: c.body }),
    ...(c.listBody &&
      Array.isArray((c.body as { recipients?: unknown } | undefined)?.recipients) && {
        bodySerializer: (b: { recipients: unknown[] }) => jsonListBody("recipients", b.recipients),
      }),
    ...(c.parseAs && { parseAs: c.parseAs }),
  };
  // One fetch for both: openapi-fetch gives it a Request (a LightRequest for the reference client),
  // the fast path a LightRequest.
  return {
    options: {
      baseUrl,
      headers,
      querySerializer,
      pathSerializer,
      fetch: fetch as unknown as CallOptions["fetch"],
    },
    fetch,
    init,
  };
}

describe("the calls' fast path (light-call.ts) against openapi-fetch's createClient", () => {
  it("sends the same request and reads back the same result, for any call and response", async () => {
    await fc.assert(
      fc.asyncProperty(call, response, async (c: Call, r: Reply) => {
        let seen: ReturnType<typeof sent>[] = [];
        const fetch = async (req: Request) => {
          seen.push(sent(req as unknown as LightRequest));
          return replyOf(r);
        };
        const { options, init } = optionsOf(c, "https://api.example.com/api/", fetch);
        const reference = createClient<Record<string, never>>({
          ...options,
          fetch,
          Request: LightRequest as unknown as typeof Request,
        });
        const method = c.method as "GET";
        const viaOpenapiFetch = await settled(() =>
          (reference[method] as (p: string, i: unknown) => Promise<never>)(c.path, { ...init }),
        );
        const sentByOpenapiFetch = seen;
        seen = [];
        const light = createLightCaller(options);
        const viaLight = await settled(() => light(c.method, c.path, { ...init }, undefined));
        expect(viaLight).toEqual(viaOpenapiFetch);
        expect(seen).toEqual(sentByOpenapiFetch);
      }),
      { numRuns: 400, seed: 20261129 },
    );
  });

  it("sends what openapi-fetch's real Request (the middleware path) sends, once the URL is normalised and the body read", async () => {
    // The middleware path builds a real Request, which the transport reads into a LightRequest
    // (toOutgoing); on the wire the two must be the same. GET and HEAD take no body (a real
    // Request refuses one, and the resource methods never send one), nor does FormData here (its
    // multipart boundary is random).
    const bodyless = fc.constantFrom("GET", "HEAD", "DELETE");
    const withBody = fc.constantFrom("POST", "PUT", "PATCH");
    const realCall = fc.oneof(
      call.filter((c) => c.body === undefined).chain((c) => bodyless.map((method) => ({ ...c, method }))),
      call
        .filter((c) => !(c.body instanceof FormData))
        .chain((c) => withBody.map((method) => ({ ...c, method }))),
    );
    await fc.assert(
      fc.asyncProperty(realCall, async (c) => {
        const wire: { url: string; method: string; headers: [string, string][]; body: string | null }[] = [];
        const fetch = async (input: Request) => {
          const out = await toOutgoing(input as unknown as LightRequest);
          // fetch gives a string body without a Content-Type the one a real Request gets at once.
          if (typeof out.body === "string" && !out.headers.has("content-type"))
            out.headers.set("content-type", "text/plain;charset=UTF-8");
          const body =
            out.body === null ? null : new TextDecoder().decode(await new Response(out.body).arrayBuffer());
          wire.push({ url: new URL(out.url).href, method: out.method, headers: [...out.headers], body });
          return new Response(null, { status: 204 });
        };
        const { options, init } = optionsOf(c, "https://api.example.com/api", fetch);
        const real = createClient<Record<string, never>>({ ...options, fetch });
        const viaRequest = await settled(() =>
          (real[c.method as "GET"] as (p: string, i: unknown) => Promise<never>)(c.path, { ...init }),
        );
        const light = createLightCaller(options);
        const viaLight = await settled(() => light(c.method, c.path, { ...init }, undefined));
        expect(viaLight).toEqual(viaRequest);
        if (wire.length === 2) {
          expect(wire[1]).toEqual(wire[0]);
        } else {
          expect(wire).toHaveLength(0);
        }
      }),
      { numRuns: 300, seed: 20261130 },
    );
  });

  it("hands the call's Deadline and the caller's signal to the transport", async () => {
    const seen: LightRequest[] = [];
    const light = createLightCaller({
      baseUrl: "https://api.example.com",
      headers: {},
      querySerializer: createQuerySerializer(),
      pathSerializer: defaultPathSerializer,
      fetch: async (req) => {
        seen.push(req as unknown as LightRequest);
        return new Response("{}", { status: 200 });
      },
    });
    const signal = new AbortController().signal;
    const deadline = { marker: true } as never;
    await light("GET", "/x", { signal }, deadline);
    expect(seen[0]?.signal).toBe(signal);
    expect(seen[0]?.deadline).toBe(deadline);
  });
});
