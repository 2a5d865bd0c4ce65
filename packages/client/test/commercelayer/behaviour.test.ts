import { runInNewContext } from "node:vm";
import { describe, expect, it, vi } from "vitest";
import { serializeQuery, toSpecQuery } from "../../src/commercelayer/query.js";
import { CommerceLayerError } from "../../src/index.js";
import { setup } from "./helpers.js";

describe("Commerce Layer auth", () => {
  it("fetches the token lazily and reuses it", async () => {
    const { fake, cl } = await setup();
    expect(fake.tokenRequests).toBe(0);
    fake.seedOrders(2);
    await cl.orders.list();
    await cl.orders.list();
    await cl.orders.retrieve([...fake.orders.keys()][0] as string);
    expect(fake.tokenRequests).toBe(1);
    expect(fake.requests.filter((r) => r.path === "/orders").every((r) => r.auth === "Bearer tok-1")).toBe(
      true,
    );
  });

  it("shares one token request between concurrent callers", async () => {
    const { fake, cl } = await setup({ tokenDelayMs: 50 });
    fake.seedOrders(1);
    await Promise.all(Array.from({ length: 10 }, () => cl.orders.list()));
    expect(fake.tokenRequests).toBe(1);
  });

  it("renews the token once and replays the request after 401 INVALID_TOKEN", async () => {
    const { fake, cl } = await setup();
    fake.seedOrders(1);
    await cl.orders.list();
    fake.revokeTokens();
    const list = await cl.orders.list();
    expect(list).toHaveLength(1);
    expect(fake.tokenRequests).toBe(2);
    expect(fake.requests.filter((r) => r.path === "/orders").map((r) => r.status)).toEqual([200, 401, 200]);
  });

  it("renews a token before it expires: a minute before, or halfway through a shorter life", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      for (const [expiresIn, reusedFor, renewedAfter] of [
        [30, 14_000, 15_500],
        [7200, 7_130_000, 7_141_000],
        // A lifetime that is no positive number counts as the default two hours (it cost one token
        // request a call).
        [0, 7_130_000, 7_141_000],
        ["abc", 7_130_000, 7_141_000],
      ]) {
        const { fake, cl } = await setup({ expiresIn: expiresIn as number });
        fake.seedOrders(1);
        await cl.orders.list();
        await cl.orders.list();
        // A short life is not one token request a call (it was, with a fixed one-minute margin).
        expect(fake.tokenRequests).toBe(1);
        vi.setSystemTime(Date.now() + (reusedFor as number));
        await cl.orders.list();
        expect(fake.tokenRequests).toBe(1);
        vi.setSystemTime(Date.now() + (renewedAfter as number) - (reusedFor as number));
        await cl.orders.list();
        expect(fake.tokenRequests).toBe(2);
      }
    } finally {
      vi.useRealTimers();
    }
  });

  it("reports bad credentials as an authentication error without the secret", async () => {
    const { cl, lines } = await setup({}, { clientId: "" as string, accessToken: "stale-token-value-0042" });
    const error = await cl.orders.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommerceLayerError);
    expect((error as CommerceLayerError).kind).toBe("authentication");
    expect((error as CommerceLayerError).code).toBe("INVALID_TOKEN");
    expect(JSON.stringify(error) + String(error) + lines.join("\n")).not.toContain("stale-token-value-0042");
  });

  it("never logs the client secret or tokens", async () => {
    const { fake, cl, lines } = await setup();
    fake.seedOrders(1);
    fake.inject("GET", /^\/orders$/, { status: 503 });
    await cl.orders.list();
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join("\n")).not.toMatch(/secret-XYZ-123|tok-1/);
  });
});

describe("Commerce Layer requests", () => {
  it("retries 429 and paces by the X-Ratelimit headers", async () => {
    const { fake, cl } = await setup({ rateLimit: { limit: 20, interval: 1 } });
    fake.seedOrders(1);
    fake.inject("GET", /^\/orders$/, {
      status: 429,
      headers: { "x-ratelimit-limit": "20", "x-ratelimit-interval": "1", "x-ratelimit-remaining": "0" },
    });
    await cl.orders.list();
    expect(fake.requests.filter((r) => r.path === "/orders").map((r) => r.status)).toEqual([429, 200]);
    expect(cl.rateLimit).toEqual({ limit: 20, interval: 1, remaining: 19 });
    for (let i = 0; i < 19; i++) await cl.orders.list();
    expect(cl.rateLimit.remaining).toBe(0);
    const started = performance.now();
    await cl.orders.list();
    // At the end of the window each request waits interval/limit = 50 ms before it is sent.
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
  });

  it("a rate-limit window of one request a day paces for at most maxRetryAfterMs, and says so", async () => {
    const { fake, cl, lines } = await setup(
      { rateLimit: { limit: 1, interval: 86_400 } },
      { maxRetryAfterMs: 1000 },
    );
    fake.seedOrders(1);
    await cl.orders.list();
    expect(cl.rateLimit).toEqual({ limit: 1, interval: 86_400, remaining: 0 });
    // Without the bound this waits a day (the test times out).
    await cl.orders.list();
    expect(lines).toContain("rate limit nearly used up: waiting 1000 ms");
  });

  it("a keyset listing that does not advance stops with a CommerceLayerError (invalid_response)", async () => {
    const { fake, cl } = await setup();
    fake.seedOrders(30, { status: "placed" });
    // A server that ignores id_gt: the same first 25 orders on every read.
    const first = await cl.orders.list({ sort: ["id"], page: { size: 25 } });
    const doc = first.$document;
    fake.inject("GET", /^\/orders$/, { status: 200, body: doc }, 2);
    const seen: string[] = [];
    const error = await (async () => {
      for await (const o of cl.orders.iterate()) seen.push(o.id);
    })().catch((e: unknown) => e);
    expect(seen).toHaveLength(25);
    expect(error).toBeInstanceOf(CommerceLayerError);
    expect((error as CommerceLayerError).kind).toBe("invalid_response");
  });

  it("review 115: keyset pages that cycle or overlap stop with invalid_response, each order yielded once; a short page that counts more is read on", async () => {
    const { fake, cl } = await setup();
    fake.seedOrders(50, { status: "placed" });
    const a = (await cl.orders.list({ sort: ["id"], page: { size: 25 } })).$document as {
      data: { id: string }[];
    };
    const b = (
      await cl.orders.list({ sort: ["id"], page: { size: 25 }, filter: { id_gt: a.data[24]?.id } as never })
    ).$document as { data: { id: string }[] };
    const iterate = async () => {
      const seen: string[] = [];
      const error = await (async () => {
        for await (const o of cl.orders.iterate()) seen.push(o.id);
      })().catch((e: unknown) => e);
      return { seen, error: error as CommerceLayerError | undefined };
    };
    // A, B, A, B…: stops at the second A, having yielded the 50 once each.
    for (const page of [a, b, a]) fake.inject("GET", /^\/orders$/, { status: 200, body: page });
    const cycling = await iterate();
    expect(cycling.seen).toHaveLength(50);
    expect(new Set(cycling.seen).size).toBe(50);
    expect(cycling.error?.kind).toBe("invalid_response");
    // A second page holding ten orders of the first (not its last one).
    const overlap = { ...b, data: [...a.data.slice(5, 15), ...b.data.slice(10)] };
    fake.inject("GET", /^\/orders$/, { status: 200, body: a });
    fake.inject("GET", /^\/orders$/, { status: 200, body: overlap });
    const overlapping = await iterate();
    expect(overlapping.seen).toHaveLength(25);
    expect(overlapping.error?.kind).toBe("invalid_response");
    // A server that pages by 10 whatever is asked, and says 50 match: all 50, once each.
    fake.inject("GET", /^\/orders$/, {
      status: 200,
      body: { ...a, data: a.data.slice(0, 10), meta: { record_count: 50, page_count: 5 } },
    });
    const short = await iterate();
    expect(short.error).toBeUndefined();
    expect(short.seen).toHaveLength(50);
    expect(new Set(short.seen).size).toBe(50);
    // Session 39: the same short page with no count at all is read on too (the next page tells),
    // never taken for the end: all 50, once each, one request more than the pages that hold them.
    fake.inject("GET", /^\/orders$/, {
      status: 200,
      body: { ...a, data: a.data.slice(0, 10), meta: { page_count: 5 } },
    });
    const before = fake.requests.filter((r) => r.path === "/orders").length;
    const noCount = await iterate();
    expect(noCount.error).toBeUndefined();
    expect(noCount.seen).toHaveLength(50);
    expect(new Set(noCount.seen).size).toBe(50);
    // 10, then 25, then 15 (short, counted 15 by the fake: the end).
    expect(fake.requests.filter((r) => r.path === "/orders").length - before).toBe(3);
  });

  it("iterates more than 100 orders by keyset, never past page 1", async () => {
    const { fake, cl } = await setup();
    fake.seedOrders(130, { status: "placed" });
    fake.seedOrders(5, { status: "draft" });
    const ids: string[] = [];
    for await (const order of cl.orders.iterate({ filter: { status_eq: "placed" } })) ids.push(order.id);
    expect(ids).toHaveLength(130);
    expect(new Set(ids).size).toBe(130);
    const calls = fake.requests.filter((r) => r.path === "/orders");
    expect(calls).toHaveLength(6);
    for (const c of calls) {
      expect(decodeURIComponent(c.query)).toContain("sort=id");
      expect(decodeURIComponent(c.query)).toContain("page[size]=25");
      expect(decodeURIComponent(c.query)).not.toContain("page[number]");
    }
    expect(decodeURIComponent(calls[1]?.query ?? "")).toContain(`filter[q][id_gt]=${ids[24]}`);
  });

  it("refuses a filter list with a comma inside a value (the API splits lists at commas), sending nothing, on every list call", async () => {
    const { fake, cl } = await setup();
    const [acme] = fake.seedOrders(1, { reference: "ACME, Inc." });
    const [other] = fake.seedOrders(1, { reference: "ACME" });
    fake.seedOrders(1, { reference: " Inc." });
    const listings = () =>
      fake.requests.filter((r) => r.method === "GET" && r.path.startsWith("/orders")).length;
    // What the hazard is, on the fake's orders: sent as it is, the one value names two other orders.
    const sent = await cl.raw.GET("/orders", {
      params: { query: toSpecQuery({ filter: { reference_in: ["ACME, Inc."] } }) as never },
    });
    expect(((sent.data as { data: { id: string }[] }).data ?? []).map((o) => o.id)).not.toContain(acme?.id);
    const before = listings();
    const refused = [
      cl.orders.list({ filter: { reference_in: ["ACME", "ACME, Inc."] } }),
      (async () => {
        for await (const _ of cl.orders.iterate({ filter: { reference_in: ["ACME, Inc."] } })) break;
      })(),
      cl.orders.lineItems(acme?.id as string, { filter: { sku_code_in: ["A,B"] } }),
      cl.markets.list({ filter: { name_in: ["North, East"] } }),
      cl.customers.list({ filter: { email_in: ["a@b.c,d@e.f"] } }),
    ];
    for (const call of refused) {
      const error = await call.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(CommerceLayerError);
      expect((error as CommerceLayerError).kind).toBe("invalid_argument");
      expect((error as Error).message).toMatch(/comma/);
    }
    expect(listings()).toBe(before);
    expect(fake.requests.filter((r) => /^\/(markets|customers)/.test(r.path))).toHaveLength(0);
    // Review 121: every other filter that would list other orders than asked is refused too,
    // nothing sent: an empty list (left out of the query), a blank in a list (sent as text), a
    // filter that is not a plain object (garbled or left out), one that cannot be read.
    const { proxy: revoked, revoke } = Proxy.revocable({}, {});
    revoke();
    const inherited = Object.create({ reference_in: ["ACME"] }) as object;
    for (const [n, filter] of [
      { reference_in: [] },
      { reference_in: ["ACME", ""] },
      { reference_in: [undefined, "ACME"] },
      { reference_in: [null] },
      "reference_in=ACME",
      ["ACME"],
      inherited,
      new Map([["reference_in", ["ACME"]]]),
      revoked,
      // Review 122: blanks outside lists, which the API ignores (so does the fake); values that are
      // not text, a finite number or a boolean, in a list or not; a symbol-keyed predicate.
      { reference_eq: null },
      { reference_eq: "" },
      { reference_eq: "   " },
      { reference_in: ["  "] },
      { reference_in: [[]] },
      { reference_in: [{ a: 1 }] },
      { reference_in: [Number.NaN] },
      { reference_eq: new Date(0) },
      { [Symbol("reference_eq")]: "Z" },
      // Review 124: predicates inherited from an object without a prototype; a blank of U+0085.
      Object.create(Object.assign(Object.create(null) as object, { reference_eq: "ACME" })) as object,
      { reference_eq: "\u0085" },
    ].entries()) {
      const error = await cl.orders.list({ filter: filter as never }).catch((e: unknown) => e);
      expect((error as CommerceLayerError).kind, `bad filter ${n}`).toBe("invalid_argument");
    }
    // The keyset walk too (it adds its own id_gt to the caller's filter): nothing listed.
    for (const filter of ["reference_in=ACME", new Map([["reference_in", ["ACME"]]]), { reference_in: [] }]) {
      const walk = (async () => {
        for await (const _ of cl.orders.iterate({ filter: filter as never })) break;
      })();
      expect(((await walk.catch((e: unknown) => e)) as CommerceLayerError).kind).toBe("invalid_argument");
    }
    // What the API ignores lists every order (the fake too), which is why a blank is refused.
    const blank = await cl.raw.GET("/orders", {
      params: { query: toSpecQuery({ filter: { reference_eq: " " } }) as never },
    });
    expect((blank.data as { data: unknown[] }).data).toHaveLength(3);
    // An item turned into text once for the check and again for the query (a toString that changes
    // its answer) is not text: refused, never sent.
    let turns = 0;
    const shiftyItem = {
      toString: () => (turns++ ? "ACME, Inc." : "Z"),
    };
    const error = await cl.orders
      .list({ filter: { reference_in: [shiftyItem as never] } })
      .catch((e: unknown) => e);
    expect((error as CommerceLayerError).kind).toBe("invalid_argument");
    // A filter without a prototype, a predicate left undefined, a JSON predicate: sent.
    const bare = Object.assign(Object.create(null) as object, { reference_eq: "Z", status_eq: undefined });
    await cl.orders.list({ filter: bare as never });
    await cl.orders.list({ filter: { metadata_jcont: { a: "x,y" } } as never });
    const lastTwo = fake.requests
      .filter((r) => r.path === "/orders")
      .slice(-2)
      .map((r) => decodeURIComponent(r.query));
    expect(lastTwo[0]).toContain("filter[q][reference_eq]=Z");
    expect(lastTwo[0]).not.toContain("status_eq");
    expect(lastTwo[1]).toContain('filter[q][metadata_jcont]={"a":"x,y"}');
    // A list read again by a getter is checked and sent from one reading: the comma it returns
    // the second time never reaches the server.
    let reads = 0;
    const shifty = {
      get reference_in() {
        return reads++ ? ["ACME, Inc."] : ["Z"];
      },
    };
    await cl.orders.list({ filter: shifty });
    const sentQuery = decodeURIComponent(
      fake.requests.filter((r) => r.path === "/orders").at(-1)?.query ?? "",
    );
    expect(sentQuery).toContain("filter[q][reference_in]=Z");
    expect(sentQuery).not.toContain("ACME");
    expect(listings()).toBe(before + 4);
    // Review 123: a query's options inherited (a class's getters, a prototype of defaults) are
    // sent, as before; a filter made in another realm (a vm context, an iframe) is a plain object.
    const withDefaults = Object.assign(
      Object.create({ page: { number: 1, size: 1 }, sort: ["-id"] }) as object,
      {
        filter: runInNewContext('({ reference_in: ["ACME", "Z"], status_eq: "draft" })') as object,
      },
    );
    await cl.orders.list(withDefaults as never);
    const inheritedQuery = decodeURIComponent(
      fake.requests.filter((r) => r.path === "/orders").at(-1)?.query ?? "",
    );
    expect(inheritedQuery).toContain("page[size]=1");
    expect(inheritedQuery).toContain("sort=-id");
    expect(inheritedQuery).toContain("filter[q][reference_in]=ACME,Z");
    expect(listings()).toBe(before + 5);
    // One value per predicate is not a list: it is found; the API's own comma form, one string, is sent.
    const found = await cl.orders.list({ filter: { reference_eq: "ACME, Inc." } });
    expect([...found].map((o) => o.id)).toEqual([acme?.id]);
    const both = await cl.orders.list({ filter: { reference_in: "ACME, Inc." as never } });
    expect([...both].map((o) => o.id)).toContain(other?.id);
    expect(listings()).toBe(before + 7);
    // Every list call keeps the page it asked for in its meta (the order's lines too).
    const lines = await cl.orders.lineItems(acme?.id as string, { page: { number: 1, size: 5 } });
    expect([lines.meta.pageNumber, lines.meta.pageSize]).toEqual([1, 5]);
    const page = await cl.orders.list({ page: { number: 2, size: 1 } });
    expect([page.meta.pageNumber, page.meta.pageSize, page.length]).toEqual([2, 1, 1]);
  });

  it("review 121: a refused filter's message never shows a secret, even one longer than the quote's 40 characters", async () => {
    const secret = `sk_live_${"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".repeat(2)}`;
    const { fake, cl } = await setup({}, { clientSecret: secret });
    const unreadable = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error(`cannot list ${secret}\nsecond line`);
        },
      },
    );
    const throwing = {
      get reference_eq(): string {
        throw new Error(`cannot read ${secret}`);
      },
    };
    // The keyset walk checks the filter before it adds its id_gt to it (review 123).
    const walk = (async () => {
      for await (const _ of cl.orders.iterate({ filter: throwing })) break;
    })();
    const walkError = (await walk.catch((e: unknown) => e)) as Error;
    expect((walkError as CommerceLayerError).kind).toBe("invalid_argument");
    expect(walkError.message).toContain("***");
    expect(walkError.message).not.toContain(secret.slice(8, 20));
    for (const filter of [
      { reference_in: [`x,${secret}`] },
      { [`${secret}_in`]: [] },
      unreadable,
      throwing,
    ]) {
      const error = (await cl.orders.list({ filter: filter as never }).catch((e: unknown) => e)) as Error;
      expect((error as CommerceLayerError).kind).toBe("invalid_argument");
      expect(error.message).toContain("***");
      expect(error.message).not.toContain(secret.slice(8, 20));
    }
    expect(fake.requests).toHaveLength(0);
  });

  it("resolves included relationships and keeps the raw document", async () => {
    const { fake, cl } = await setup();
    const order = await cl.orders.create({
      attributes: { customer_email: "a@b.test" },
      relationships: { market: { type: "markets", id: "mkt1" } },
    });
    await cl.lineItems.create({ sku_code: "TSHIRT", quantity: 2, order: order.id });
    const full = await cl.orders.retrieve(order.id, { include: ["line_items", "market"] });
    expect(full.customer_email).toBe("a@b.test");
    expect(full.market).toEqual({ id: "mkt1", type: "markets", name: "USA", code: "usa" });
    expect(full.line_items).toEqual([
      expect.objectContaining({ type: "line_items", sku_code: "TSHIRT", quantity: 2 }),
    ]);
    expect(full.$document.included).toHaveLength(2);
    expect(JSON.parse(JSON.stringify(full)).$document).toBeUndefined();
    const plain = await cl.orders.retrieve(order.id);
    expect(plain.line_items).toEqual([{ type: "line_items", id: expect.any(String) }]);
    expect(fake.orders.get(order.id)?.lineItems).toHaveLength(1);
  });

  it("finds an order by reference after an ambiguous create instead of creating twice", async () => {
    const { fake, cl } = await setup();
    fake.inject("POST", /^\/orders$/, "drop-after-apply");
    const order = await cl.orders.create({ attributes: { reference: "WEB-77" } });
    expect(order.reference).toBe("WEB-77");
    expect(fake.orders.size).toBe(1);
    expect(fake.requests.filter((r) => r.method === "POST" && r.path === "/orders")).toHaveLength(1);
  });

  it("refuses to guess an ambiguous create without a reference", async () => {
    const { fake, cl } = await setup();
    fake.inject("POST", /^\/orders$/, "drop-after-apply");
    const error = await cl.orders.create({}).catch((e: unknown) => e);
    expect((error as CommerceLayerError).kind).toBe("ambiguous_write");
    expect(fake.orders.size).toBe(1);
    expect(fake.requests.filter((r) => r.method === "POST" && r.path === "/orders")).toHaveLength(1);
  });

  it("places once: a dropped _place is confirmed by reading the order back", async () => {
    const { fake, cl } = await setup();
    const [order] = fake.seedOrders(1);
    fake.inject("PATCH", /^\/orders\//, "drop-after-apply");
    const placed = await cl.orders.place(order?.id as string);
    expect(placed.status).toBe("placed");
    expect(fake.requests.filter((r) => r.method === "PATCH")).toHaveLength(1);
  });

  it("maps a 422 to a CommerceLayerError with code and pointer", async () => {
    const { fake, cl } = await setup();
    const [order] = fake.seedOrders(1, { status: "placed" });
    const error = (await cl.orders.place(order?.id as string).catch((e: unknown) => e)) as CommerceLayerError;
    expect(error).toBeInstanceOf(CommerceLayerError);
    expect(error).toMatchObject({
      kind: "validation",
      status: 422,
      code: "VALIDATION_ERROR",
      pointer: "/data/attributes/_place",
    });
    expect(error.errors).toHaveLength(1);
  });

  it("rejects path ids that would escape the path", async () => {
    const { fake, cl } = await setup();
    for (const bad of ["", "..", "a/b", "."]) {
      await expect(cl.orders.retrieve(bad)).rejects.toMatchObject({ kind: "invalid_argument" });
    }
    // Through the public openapi-fetch client too (it takes whatever a JavaScript caller passes):
    // `.` and `..`, an array or an object are argument errors, with middleware registered or not.
    for (const withMiddleware of [false, true]) {
      if (withMiddleware) cl.raw.use({ onRequest: ({ request }) => request });
      for (const bad of ["", "..", ".", ["a", "b/c"], { a: "1" }, true]) {
        const call = cl.raw.GET("/orders/{orderId}", { params: { path: { orderId: bad as string } } });
        await expect(call).rejects.toThrow(/path parameter orderId cannot be/);
      }
    }
    expect(fake.requests).toHaveLength(0);
  });

  it("retrieve's bad arguments reject (never throw) as argument errors, nothing sent: a bad id, a null query or options", async () => {
    const { fake, cl } = await setup();
    const calls: (() => Promise<unknown>)[] = [
      () => cl.orders.retrieve(".."),
      () => cl.orders.retrieve(7 as unknown as string),
      () => cl.orders.retrieve("ordA", null as never),
      () => cl.orders.retrieve("ordA", {}, null as never),
    ];
    for (const call of calls) {
      let promise: Promise<unknown> | undefined;
      expect(() => {
        promise = call();
      }).not.toThrow();
      const error = await promise?.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CommerceLayerError);
      expect(error).toMatchObject({ kind: "invalid_argument" });
    }
    expect(fake.requests).toHaveLength(0);
  });

  it("review 213: writes and the keyset iteration given null (or a string) for an object reject as argument errors, nothing sent", async () => {
    const { fake, cl } = await setup();
    const [order] = fake.seedOrders(1);
    const id = order?.id as string;
    const loose = (v: unknown) => v as never;
    const calls: [string, () => Promise<unknown>][] = [
      ["createOrder: `input`", () => cl.orders.create(loose(null))],
      [
        "createOrder: `options`",
        () => cl.orders.create({ attributes: { reference: "N-1" } }, {}, loose(null)),
      ],
      ["createOrder: `options`", () => cl.orders.create({ attributes: {} }, {}, loose("resume"))],
      ["updateOrder: `input`", () => cl.orders.update(id, loose(null))],
      ["updateOrder(_place): `options`", () => cl.orders.place(id, loose(null))],
      [
        "setLineItemQuantity: `options`",
        () => cl.lineItems.set({ order: id, sku_code: "S", quantity: 1 }, loose(null)),
      ],
      ["setLineItemQuantity: `input`", () => cl.lineItems.set(loose(null))],
      ["createLineItem: `input`", () => cl.lineItems.create(loose(null))],
      [
        "listOrders: `query`",
        async () => {
          for await (const _ of cl.orders.iterate(loose(null))) break;
        },
      ],
    ];
    for (const [message, call] of calls) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CommerceLayerError);
      expect(error).toMatchObject({ kind: "invalid_argument" });
      expect((error as Error).message).toContain(message);
    }
    expect(fake.requests.filter((r) => r.path !== "/oauth/token")).toHaveLength(0);
  });

  it("serialises JSON:API queries with encoded brackets", () => {
    const q = serializeQuery(
      toSpecQuery({
        filter: {
          status_in: ["placed", "approved"],
          created_at_gt: "2026-01-01T00:00:00Z",
          metadata_jcont: { a: 1 },
        },
        sort: ["-created_at", "number"],
        include: ["line_items", "market"],
        fields: { orders: ["number", "status"] },
        page: { number: 2, size: 25 },
      }),
    );
    expect(decodeURIComponent(q)).toBe(
      'include=line_items,market&fields[orders]=number,status&filter[q][status_in]=placed,approved&filter[q][created_at_gt]=2026-01-01T00:00:00Z&filter[q][metadata_jcont]={"a":1}&sort=-created_at,number&page[number]=2&page[size]=25',
    );
    expect(q).toContain("filter%5Bq%5D%5Bstatus_in%5D=placed,approved");
  });
});
