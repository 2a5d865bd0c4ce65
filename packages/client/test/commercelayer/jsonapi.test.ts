import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createFlattener, flattenOne, type Raw, TOO_LARGE } from "../../src/commercelayer/jsonapi.js";
import { CommerceLayerError, createCommerceLayerClient } from "../../src/index.js";

/**
 * The flattening as first written (one `type:id` text key per resource, `Object.entries` and a
 * closure per relationship): the oracle the faster one must agree with, wherever no type or id
 * holds a ":" (where the text keys could take one resource for another).
 */
function reference(included: readonly Raw[] | undefined) {
  const index = new Map<string, Raw>();
  for (const r of included ?? []) index.set(`${r.type}:${r.id}`, r);
  const flatten = (resource: Raw, depth: number): Record<string, unknown> => {
    const out: Record<string, unknown> = {
      id: resource.id,
      type: resource.type,
      ...(resource.attributes ?? {}),
    };
    // (Review 213: the resource's own id and type, never an attribute of those names.)
    out.id = resource.id;
    out.type = resource.type;
    for (const [name, rel] of Object.entries(
      (resource.relationships ?? {}) as Record<string, { data?: unknown }>,
    )) {
      if (!rel || !("data" in rel) || rel.data === undefined || name === "id" || name === "type") continue;
      const resolve = (ref: { id: string; type: string }) => {
        const found = index.get(`${ref.type}:${ref.id}`);
        return found && depth < 3 ? flatten(found, depth + 1) : { id: ref.id, type: ref.type };
      };
      if (rel.data === null) out[name] = null;
      else if (Array.isArray(rel.data)) out[name] = rel.data.map(resolve);
      else out[name] = resolve(rel.data as { id: string; type: string });
    }
    return out;
  };
  return (resource: Raw) => flatten(resource, 0);
}

const word = fc.constantFrom("a", "b", "orders", "line_items", "markets", "1", "");
const ref = fc.record({ type: word, id: word });
const relationship = fc.oneof(
  fc.record({ data: ref }),
  fc.record({ data: fc.array(ref, { maxLength: 4 }) }),
  fc.constant({ data: null }),
  fc.constant({ data: undefined }),
  fc.constant({}),
  fc.constant(null),
  fc.record({ links: fc.record({ related: fc.string() }) }),
);
const resource = fc.record(
  {
    id: word,
    type: word,
    attributes: fc.option(
      fc.dictionary(fc.constantFrom("id", "type", "name", "quantity", "status"), fc.jsonValue()),
      {
        nil: undefined,
      },
    ),
    relationships: fc.option(
      fc.dictionary(fc.constantFrom("line_items", "market", "order", "customer"), relationship),
      {
        nil: undefined,
      },
    ),
  },
  { requiredKeys: ["id", "type"] },
) as fc.Arbitrary<Raw>;

/** `n` included resources, each referring to all `n`, and an order referring to them all. */
function fan(n: number) {
  const refs = Array.from({ length: n }, (_, i) => ({ type: "skus", id: `s${i}` }));
  const included: Raw[] = refs.map((r) => ({
    ...r,
    attributes: { code: r.id },
    relationships: { related: { data: refs } },
  }));
  const data: Raw = { id: "o1", type: "orders", attributes: {}, relationships: { skus: { data: refs } } };
  return { data, included };
}

describe("JSON:API flattening", () => {
  it("agrees with the first flattening on any document (types and ids without ':'), cycles included", () => {
    fc.assert(
      fc.property(
        resource,
        fc.option(fc.array(resource, { maxLength: 6 }), { nil: undefined }),
        (data, included) => {
          expect(createFlattener(included)(data)).toStrictEqual(reference(included)(data));
        },
      ),
      { numRuns: 500, seed: 20261205 },
    );
  });

  it("resolves by type and id, never by their joined text", () => {
    // "a:b" + "c" and "a" + "b:c" made the same key before: the line item would resolve to the market.
    const doc = {
      data: { id: "o1", type: "orders", relationships: { item: { data: { type: "a", id: "b:c" } } } },
      included: [{ id: "c", type: "a:b", attributes: { wrong: true } }],
    };
    expect(flattenOne<Record<string, unknown>, typeof doc>(doc).item).toStrictEqual({ id: "b:c", type: "a" });
  });

  it("stops resolving three levels down, on a document that refers to itself", () => {
    const order = {
      id: "o1",
      type: "orders",
      relationships: { self: { data: { type: "orders", id: "o1" } } },
    };
    let level: Record<string, unknown> = flattenOne<Record<string, unknown>, { data: Raw; included: Raw[] }>({
      data: order,
      included: [order],
    });
    for (let depth = 0; depth < 3; depth++) level = level.self as Record<string, unknown>;
    expect(level.self).toStrictEqual({ id: "o1", type: "orders" });
  });

  it("leaves out a relationship named __proto__ and ones that are not objects, and keeps the result's prototype", () => {
    const doc = {
      data: JSON.parse(
        '{"id":"o1","type":"orders","attributes":{"status":"draft"},"relationships":{"__proto__":{"data":{"type":"x","id":"1"}},"market":"oops","customer":7,"line_items":{"data":[]}}}',
      ) as Raw,
      included: [{ id: "1", type: "x", attributes: { status: "PWNED", extra: true } }],
    };
    const flat = flattenOne<Record<string, unknown>, typeof doc>(doc);
    expect(Object.getPrototypeOf(flat)).toBe(Object.prototype);
    expect({ ...flat }).toStrictEqual({ id: "o1", type: "orders", status: "draft", line_items: [] });
    expect(flat.extra).toBeUndefined();
  });

  it("a document whose included or linkage it cannot read is an invalid_response, not a TypeError", async () => {
    const answering = (body: unknown) =>
      createCommerceLayerClient({
        baseUrl: "http://127.0.0.1:9/api",
        accessToken: "t",
        fetch: async () =>
          new Response(JSON.stringify(body), { headers: { "content-type": "application/vnd.api+json" } }),
      });
    const order = { id: "o1", type: "orders", attributes: {} };
    for (const body of [
      { data: order, included: [null] },
      { data: { ...order, relationships: { line_items: { data: [null] } } } },
      { data: [{ ...order, relationships: { market: { data: null } } }], included: [null] },
      // Attributes that are not an object (review 213): not spread into the result.
      { data: { ...order, attributes: ["a", "b"] } },
      { data: { ...order, attributes: "draft" } },
      { data: [{ ...order, attributes: 7 }] },
    ]) {
      const client = answering(body);
      const call = Array.isArray(body.data) ? client.orders.list() : client.orders.retrieve("o1");
      const error = await call.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(CommerceLayerError);
      expect((error as CommerceLayerError).kind).toBe("invalid_response");
      // What the flattening threw, kept as the cause: not the refusal of a document too large.
      expect((error as CommerceLayerError).cause).toBeInstanceOf(TypeError);
    }
  });
  it("flattens a resource referred to from several places once per depth: bounded by the document, not by its fan-out", () => {
    // n resources, each referring to all n: a copy at every place made n^4 objects (160,000 for 20).
    const n = 20;
    const { data, included } = fan(n);
    const flat = createFlattener(included)(data);
    const objects = new Set<object>();
    const walk = (value: unknown): void => {
      if (typeof value !== "object" || value === null || objects.has(value)) return;
      objects.add(value);
      for (const child of Object.values(value)) walk(child);
    };
    walk(flat);
    // The order and its list; each resource flattened at depths 1-3 with its list; the n × n
    // references left unresolved at depth 3.
    expect(objects.size).toBe(2 + 3 * n * 2 + n * n);
    // Still three levels of the same content, and the same object wherever it is referred to at one depth.
    const list = (r: unknown, name: string) =>
      (r as Record<string, unknown>)[name] as Record<string, unknown>[];
    const skus = list(flat, "skus");
    const second = list(skus[0], "related");
    expect(second[3]?.code).toBe("s3");
    expect(list(list(second[3], "related")[5], "related")).toHaveLength(n);
    expect(list(skus[1], "related")[3]).toBe(second[3]);
    expect(second[3]).not.toBe(skus[3]);
  });

  it("gives two line items of one SKU the same SKU object, equal to what a copy at each place would be", () => {
    const sku = { id: "k1", type: "skus", attributes: { code: "TSHIRT" } };
    const line = (id: string) => ({
      id,
      type: "line_items",
      attributes: { quantity: 1 },
      relationships: { item: { data: { type: "skus", id: "k1" } } },
    });
    const data: Raw = {
      id: "o1",
      type: "orders",
      relationships: {
        line_items: {
          data: [
            { type: "line_items", id: "a" },
            { type: "line_items", id: "b" },
          ],
        },
      },
    };
    const included = [line("a"), line("b"), sku];
    const flat = createFlattener(included)(data);
    const lines = flat.line_items as Record<string, unknown>[];
    expect(lines[0]?.item).toBe(lines[1]?.item);
    expect(flat).toStrictEqual(reference(included)(data));
  });
  describe("results too large written out", () => {
    // An order referring `times` times to one included resource holding `text`.
    const repeated = (times: number, text: string) => {
      const shared = { type: "skus", id: "k1" };
      const data: Raw = {
        id: "o1",
        type: "orders",
        relationships: { skus: { data: Array(times).fill(shared) } },
      };
      return { data, included: [{ ...shared, attributes: { description: text } }] as Raw[] };
    };
    const flattens = ({ data, included }: { data: Raw; included: Raw[] }) => createFlattener(included)(data);

    it("refuses what expands far beyond the document: resources that all refer to each other", () => {
      // 50: 6.4M resources and references written out (~170 MB), from 150 resources flattened.
      expect(() => flattens(fan(50))).toThrow(TOO_LARGE);
      // 30: 837,931 (~22 MB): under what any document may come to.
      expect((flattens(fan(30)).skus as unknown[]).length).toBe(30);
    });

    it("weighs the attributes at each place: one large text shared many times", () => {
      const text = "x".repeat(100_000);
      // 1,000 places of 100 kB: 100 MB written out, from 100 kB.
      expect(() => flattens(repeated(1000, text))).toThrow(TOO_LARGE);
      // 500 places: 50 MB.
      expect(flattens(repeated(500, text)).skus).toHaveLength(500);
    });

    it("flattens a large document that does not expand, and counts every resource of a list against one limit", () => {
      // 1,000 line items of 20 kB each, each in one place: 20 MB written out, about the document's size.
      const lines = Array.from({ length: 1000 }, (_, i) => ({ type: "line_items", id: `l${i}` }));
      const included: Raw[] = lines.map((r) => ({ ...r, attributes: { notes: "y".repeat(20_000) } }));
      const data: Raw = { id: "o1", type: "orders", relationships: { line_items: { data: lines } } };
      expect(createFlattener(included)(data).line_items).toHaveLength(1000);
      // One flattener for a list: results that refer to them all again come to 20 MB more each, and
      // to more than any document may (256M characters) by the 14th (the first, sharing nothing yet, is
      // not weighed), though only 13 times their objects' size.
      const flatten = createFlattener(included);
      const pages = Array.from({ length: 14 }, (_, i) => ({ ...data, id: `o${i}` }));
      expect(() => {
        for (const page of pages) flatten(page);
      }).toThrow(TOO_LARGE);
    });

    it("a fan-out document is an invalid_response through the client, a list too, saying what to do", async () => {
      const { data: order, included } = fan(50);
      for (const data of [order, [order]]) {
        const client = createCommerceLayerClient({
          baseUrl: "http://127.0.0.1:9/api",
          accessToken: "t",
          fetch: async () =>
            new Response(JSON.stringify({ data, included }), {
              headers: { "content-type": "application/vnd.api+json" },
            }),
        });
        const call = Array.isArray(data) ? client.orders.list() : client.orders.retrieve("o1");
        const error = await call.then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(CommerceLayerError);
        expect((error as CommerceLayerError).kind).toBe("invalid_response");
        expect((error as CommerceLayerError).message).toContain("ask for fewer includes");
        // The refusal's own RangeError is the cause: what tells it apart from a server's text.
        expect((error as CommerceLayerError).cause).toMatchObject({ name: "RangeError", message: TOO_LARGE });
      }
    });
  });
});

describe("answers of another type than asked (review 213)", () => {
  const order = { id: "o1", type: "orders", attributes: { status: "draft", reference: "R1" } };
  const doc = (data: unknown) =>
    new Response(JSON.stringify({ data }), {
      status: 200,
      headers: { "content-type": "application/vnd.api+json" },
    });

  it("a resource's own id and type are kept over attributes and relationships of those names", () => {
    const flat = flattenOne<Record<string, unknown>, { data: Raw }>({
      data: {
        id: "o1",
        type: "orders",
        attributes: { id: "spoof", type: "x", status: "draft" },
        relationships: { id: { data: { id: "OTHER", type: "orders" } }, type: { data: null } },
      },
    });
    expect(Object.keys(flat).slice(0, 2)).toEqual(["id", "type"]);
    expect({ ...flat }).toStrictEqual({ id: "o1", type: "orders", status: "draft" });
  });

  it("a retrieve answered with another type, or a list holding one, is an invalid_response", async () => {
    for (const [answer, call] of [
      [{ id: "m1", type: "markets", attributes: {} }, "retrieve"],
      [[order, { id: "li1", type: "line_items", attributes: {} }], "list"],
    ] as const) {
      const client = createCommerceLayerClient({
        baseUrl: "http://127.0.0.1:9/api",
        accessToken: "t",
        fetch: async () => doc(answer),
      });
      const error = await (call === "list" ? client.orders.list() : client.orders.retrieve("o1")).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(CommerceLayerError);
      expect((error as CommerceLayerError).kind).toBe("invalid_response");
    }
  });

  it("a create answered 201 with a market is read back by its reference: the order made is returned, made once", async () => {
    const orders: Record<string, unknown>[] = [];
    let posts = 0;
    const client = createCommerceLayerClient({
      baseUrl: "http://127.0.0.1:9/api",
      accessToken: "t",
      maxRetries: 0,
      settleMs: 0,
      fetch: async (input: Request | string | URL, init?: RequestInit) => {
        const request = new Request(input, init);
        const url = new URL(request.url);
        if (request.method === "POST") {
          posts++;
          const sent = (await request.json()) as { data: { attributes: Record<string, unknown> } };
          orders.push({ id: `o${orders.length + 1}`, type: "orders", attributes: sent.data.attributes });
          return new Response(JSON.stringify({ data: { id: "mkt1", type: "markets", attributes: {} } }), {
            status: 201,
            headers: { "content-type": "application/vnd.api+json" },
          });
        }
        if (url.pathname.endsWith("/orders")) {
          const ref = url.searchParams.get("filter[q][reference_eq]");
          const found = orders.filter((o) => (o.attributes as { reference?: string }).reference === ref);
          return new Response(
            JSON.stringify({ data: found, meta: { record_count: found.length, page_count: 1 } }),
            {
              headers: { "content-type": "application/vnd.api+json" },
            },
          );
        }
        const id = url.pathname.split("/").pop();
        return doc(orders.find((o) => o.id === id) ?? null);
      },
    });
    const made = await client.orders.create({ attributes: { reference: "R1" } });
    expect(made.id).toBe("o1");
    expect(made.type).toBe("orders");
    expect(posts).toBe(1);
    expect(orders).toHaveLength(1);
  });
});
