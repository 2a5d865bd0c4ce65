import { describe, expect, it } from "vitest";
import {
  createCommerceLayerClient,
  createLettrLabsClient,
  mayHaveApplied,
  OrderkitError,
} from "../../src/index.js";

/**
 * A server holding records by path, as a `fetch`: DELETE removes one (404 when absent), GET reads
 * one. `faults` says, per request in turn, what goes wrong after the server applied it: "drop" (no
 * answer: the connection fails), or a status sent instead of the real answer.
 */
function server(paths: string[], faults: (string | number | undefined)[]) {
  const held = new Set(paths);
  const seen: string[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname.replace(/^\/api/, "");
    seen.push(`${request.method} ${path}`);
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
      expect(error?.message).toContain("An earlier attempt may have applied it.");

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
});
