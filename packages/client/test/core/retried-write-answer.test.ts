import { describe, expect, it } from "vitest";
import {
  createCommerceLayerClient,
  createLettrLabsClient,
  mayHaveApplied,
  OrderkitError,
} from "../../src/index.js";

/**
 * A server holding records by path, as a `fetch`: DELETE removes one (404 when absent), GET reads
 * one, and hands out tokens. `faults` says, per request in turn, what goes wrong: "refused" (the
 * connection refused, nothing sent), "invalid-token" (a 401 INVALID_TOKEN, nothing applied), or,
 * after the server applied it, "drop" (no answer: the connection fails) or a status sent instead
 * of the real answer.
 */
function server(paths: string[], faults: (string | number | undefined)[], renewals = true) {
  const held = new Set(paths);
  const seen: string[] = [];
  let tokens = 0;
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname.replace(/^\/api/, "");
    if (path === "/oauth/token" && tokens++ > 0 && !renewals)
      return new Response(JSON.stringify({ errors: [{ code: "INVALID_CLIENT", title: "refused" }] }), {
        status: 400,
        headers: { "content-type": "application/json" },
      });
    if (path === "/oauth/token")
      return new Response(
        JSON.stringify({ access_token: `tok-${seen.length}`, token_type: "bearer", expires_in: 7200 }),
        {
          headers: { "content-type": "application/json" },
        },
      );
    // Refused before anything was sent: the server sees nothing.
    if (faults[0] === "refused") {
      faults.shift();
      throw Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } });
    }
    seen.push(`${request.method} ${path}`);
    // The token refused: nothing applied.
    if (faults[0] === "invalid-token") {
      faults.shift();
      return new Response(JSON.stringify({ errors: [{ code: "INVALID_TOKEN", title: "invalid token" }] }), {
        status: 401,
        headers: { "content-type": "application/json" },
      });
    }
    const found = held.has(path);
    if (request.method === "DELETE" && found) held.delete(path);
    const fault = faults.shift();
    if (fault === "drop") throw new TypeError("fetch failed");
    const status =
      typeof fault === "number" ? fault : found ? (request.method === "DELETE" ? 204 : 200) : 404;
    const body =
      status === 204
        ? null
        : JSON.stringify(
            status === 200 ? { data: { id: "x", type: "line_items", attributes: {} } } : { errors: [] },
          );
    return new Response(body, { status, headers: body ? { "content-type": "application/json" } : {} });
  };
  return { held, seen, fetch };
}

const options = { maxRetries: 2, backoff: { baseMs: 0, capMs: 0 }, settleMs: 0 };
const commerceLayer = (fetch: typeof globalThis.fetch) =>
  createCommerceLayerClient({ baseUrl: "http://127.0.0.1:9/api", accessToken: "tok-1", fetch, ...options });
/** A Commerce Layer client on client credentials: it renews a token the API refuses. */
const renewing = (fetch: typeof globalThis.fetch) =>
  createCommerceLayerClient({
    baseUrl: "http://127.0.0.1:9/api",
    authUrl: "http://127.0.0.1:9",
    clientId: "cid",
    fetch,
    ...options,
  });
const lettrLabs = (fetch: typeof globalThis.fetch) =>
  createLettrLabsClient({ baseUrl: "http://127.0.0.1:9/api", apiKey: "LL-key-retried", fetch, ...options });

const failure = (call: Promise<unknown>) =>
  call.then(
    () => undefined,
    (e: unknown) => e as OrderkitError,
  );

describe("a write the transport sends again after an attempt that may have applied it (review 213)", () => {
  it.each([
    ["its connection dropped", "drop"],
    ["answered 503", 503],
  ] as const)(
    "a DELETE applied, %s, then answered 404: not found, and may have been applied by the first attempt",
    async (_, fault) => {
      const cl = server(["/line_items/li1"], [fault]);
      const error = await failure(commerceLayer(cl.fetch).lineItems.delete("li1"));
      expect(cl.held.has("/line_items/li1")).toBe(false);
      expect(cl.seen.filter((r) => r.startsWith("DELETE"))).toHaveLength(2);
      expect(error).toBeInstanceOf(OrderkitError);
      expect(error?.kind).toBe("not_found");
      expect(mayHaveApplied(error)).toBe(true);
      expect(error?.message).toContain("(an earlier attempt may have applied it).");

      const ll = server(["/v1/order/48213"], [fault]);
      const llError = await failure(lettrLabs(ll.fetch).orders.delete(48213));
      expect(ll.held.has("/v1/order/48213")).toBe(false);
      expect(llError?.kind).toBe("not_found");
      expect(mayHaveApplied(llError)).toBe(true);
    },
  );

  it.each([
    ["a DELETE refused 429 (not applied)", "delete"],
    ["a read answered 503 (a read applies nothing)", "retrieve"],
  ] as const)("%s, then answered 404: a plain not found", async (_, method) => {
    const cl = server([], [method === "delete" ? 429 : 503]);
    const error = await failure(commerceLayer(cl.fetch).lineItems[method]("li1"));
    expect(cl.seen).toHaveLength(2);
    expect(error?.kind).toBe("not_found");
    expect(mayHaveApplied(error)).toBe(false);
    expect(error?.message).not.toContain("earlier attempt");
  });

  it("a DELETE applied and its connection dropped, then refused before sending on every retry: may have been applied (both APIs)", async () => {
    const cl = server(["/line_items/li1"], ["drop", "refused", "refused"]);
    const error = await failure(commerceLayer(cl.fetch).lineItems.delete("li1"));
    expect(cl.held.has("/line_items/li1")).toBe(false);
    expect(error?.kind).toBe("connection");
    expect(mayHaveApplied(error)).toBe(true);
    expect(error?.message).toContain("(an earlier attempt may have applied it).");
    const ll = server(["/v1/order/48213"], ["drop", "refused", "refused"]);
    const llError = await failure(lettrLabs(ll.fetch).orders.delete(48213));
    expect(ll.held.has("/v1/order/48213")).toBe(false);
    expect(mayHaveApplied(llError)).toBe(true);
  });

  it("a DELETE applied and its connection dropped, then aborted while it waits to send again: may have been applied", async () => {
    const cl = server(["/line_items/li1"], ["drop"]);
    const client = createCommerceLayerClient({
      baseUrl: "http://127.0.0.1:9/api",
      accessToken: "tok-1",
      fetch: cl.fetch,
      maxRetries: 2,
      backoff: { baseMs: 5000, capMs: 5000, random: () => 0.99 },
    });
    const controller = new AbortController();
    const call = failure(client.lineItems.delete("li1", { signal: controller.signal }));
    setTimeout(() => controller.abort(), 50);
    const error = await call;
    expect(cl.held.has("/line_items/li1")).toBe(false);
    expect(error?.kind).toBe("aborted");
    expect(mayHaveApplied(error)).toBe(true);
  });

  it("a DELETE applied and its connection dropped, sent again with a token the API refuses, then renewed and answered 404: may have been applied", async () => {
    const cl = server(["/line_items/li1"], ["drop", "invalid-token"]);
    const error = await failure(renewing(cl.fetch).lineItems.delete("li1"));
    expect(cl.held.has("/line_items/li1")).toBe(false);
    expect(cl.seen.filter((r) => r.startsWith("DELETE"))).toHaveLength(3);
    expect(error?.kind).toBe("not_found");
    expect(mayHaveApplied(error)).toBe(true);
  });

  it("a DELETE applied and answered 503, sent again with a token the API refuses, whose renewal fails: may have been applied, and says so", async () => {
    const cl = server(["/line_items/li1"], [503, "invalid-token"], false);
    const error = await failure(renewing(cl.fetch).lineItems.delete("li1"));
    expect(cl.held.has("/line_items/li1")).toBe(false);
    expect(error?.kind).toBe("authentication");
    expect(mayHaveApplied(error)).toBe(true);
    expect(error?.message).toMatch(/\(an earlier attempt may have applied it\)\.$/);
    expect(error?.message.match(/earlier attempt/g)).toHaveLength(1);
  });
});
