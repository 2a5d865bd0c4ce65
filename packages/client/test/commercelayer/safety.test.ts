import { connectionRefused, type FakeCommerceLayer } from "@orderkit/test-utils";
import { describe, expect, it } from "vitest";
import {
  answeredOtherwise,
  CommerceLayerError,
  clTriggerDone,
  createCommerceLayerClient,
  mayHaveApplied,
  OrderkitError,
} from "../../src/index.js";
import { setup } from "./helpers.js";

const shown = (id: unknown) => JSON.stringify(id);

/** The fake holds exactly one order, the one returned, and was sent exactly one create. */
function expectOneOrder(fake: FakeCommerceLayer, id: string): void {
  expect(fake.orders.size).toBe(1);
  expect(fake.orders.has(id)).toBe(true);
  expect(fake.requests.filter((r) => r.method === "POST" && r.path === "/orders")).toHaveLength(1);
}

/**
 * `lineItems.set` of `quantity` × S on order `from`, its line read answered with a `status` redirect
 * to order `to`'s lines of S: the error it ends with (none if it succeeded).
 */
async function setWithLinesRedirected(
  fake: FakeCommerceLayer,
  cl: ReturnType<typeof createCommerceLayerClient>,
  from: string | undefined,
  to: string | undefined,
  quantity: number,
  status = 302,
): Promise<CommerceLayerError> {
  fake.inject("GET", new RegExp(`^/orders/${from}/line_items$`), {
    status,
    headers: { location: `/orders/${to}/line_items?filter[q][sku_code_eq]=S` },
  });
  return (await cl.lineItems
    .set({ order: from as string, sku_code: "S", quantity })
    .catch((e: unknown) => e)) as CommerceLayerError;
}

describe("Commerce Layer safe writes on the shared core", () => {
  it("an abort during the create's recovery backoff (before a second read-back) is a typed aborted error, using the caller's backoff", async () => {
    let draws = 0;
    const random = () => {
      draws++;
      return 0.99;
    };
    const { fake, cl } = await setup({}, { backoff: { baseMs: 5000, capMs: 5000, random } });
    // Two 503s: the first read-back waits settleMs only; the one after the re-send adds the backoff.
    fake.inject("POST", /^\/orders$/, { status: 503 }, 2);
    // Aborted 300 ms after the second 503 (well inside the 5 s backoff), however loaded the host.
    const controller = new AbortController();
    const posts = () => fake.requests.filter((r) => r.method === "POST" && r.path === "/orders").length;
    const watch = setInterval(() => {
      if (posts() < 2) return;
      clearInterval(watch);
      setTimeout(() => controller.abort(), 300);
    }, 5);
    const error = await cl.orders
      .create({ attributes: { reference: "WEB-9" } }, {}, { signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommerceLayerError);
    expect((error as CommerceLayerError).kind).toBe("aborted");
    expect((error as CommerceLayerError).message).toMatch(/may have gone through/);
    expect(draws).toBeGreaterThan(0);
    expect(fake.requests.filter((r) => r.method === "POST" && r.path === "/orders")).toHaveLength(2);
    expect(fake.orders.size).toBe(0);
  });

  it.each([
    ["answers 503", { status: 503 }],
    ["answers 200 without a token", { status: 200, body: { token_type: "bearer" } }],
  ] as const)(
    "a write whose token request fails (the token server %s) was never sent: a connection error saying so, never 'may exist'",
    async (_, fault) => {
      const { fake, cl } = await setup();
      // More than the transport's retries of the token request.
      fake.inject("POST", /^\/oauth\/token$/, fault, 10);
      for (const write of [
        () => cl.orders.create({ attributes: { customer_email: "jordan@example.com" } }),
        () => cl.orders.place("ord-1"),
      ]) {
        const error = (await write().catch((e: unknown) => e)) as CommerceLayerError;
        expect(error).toBeInstanceOf(CommerceLayerError);
        expect(error.kind).toBe("connection");
        expect(error.message).toMatch(/No access token: getAccessToken/);
        expect(error.message).not.toContain("secret-XYZ-123");
      }
      expect(fake.requests.filter((r) => r.path !== "/oauth/token")).toHaveLength(0);
    },
  );

  it("a re-send that never leaves (connection refused) after an attempt that may still land: its error stands, and may have applied", async () => {
    let posts = 0;
    const { fake, cl } = await setup(
      {},
      {
        fetch: (input, init) => {
          const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
          if (init?.method === "POST" && new URL(url).pathname === "/orders" && ++posts >= 2)
            return connectionRefused();
          return fetch(input, init);
        },
      },
    );
    fake.inject("POST", /^\/orders$/, { status: 503 }, 1);
    const error = (await cl.orders
      .create({ attributes: { reference: "WEB-503" } })
      .catch((e: unknown) => e)) as CommerceLayerError;
    expect(error.kind).toBe("connection");
    expect(mayHaveApplied(error)).toBe(true);
    // The re-send and the transport's retries of it were all refused: only the first reached the server.
    expect(posts).toBeGreaterThan(1);
    expect(fake.requests.filter((r) => r.method === "POST" && r.path === "/orders")).toHaveLength(1);
  });

  it("a re-send refused (4xx) after an attempt that may still land keeps its details, and may have applied", async () => {
    const { fake, cl } = await setup();
    fake.inject("POST", /^\/orders$/, { status: 503 }, 1);
    fake.inject("POST", /^\/orders$/, { status: 422 }, 1);
    const error = (await cl.orders
      .create({ attributes: { reference: "WEB-422" } })
      .catch((e: unknown) => e)) as CommerceLayerError;
    expect(error.kind).toBe("validation");
    expect(error.status).toBe(422);
    expect(mayHaveApplied(error)).toBe(true);
    expect(fake.requests.filter((r) => r.method === "POST" && r.path === "/orders")).toHaveLength(2);
  });

  it("the same refusal with no uncertain attempt before it stays a plain refusal", async () => {
    const { fake, cl } = await setup();
    fake.inject("POST", /^\/orders$/, { status: 422 }, 1);
    const error = (await cl.orders
      .create({ attributes: { reference: "WEB-4" } })
      .catch((e: unknown) => e)) as CommerceLayerError;
    expect(error.status).toBe(422);
    expect(mayHaveApplied(error)).toBe(false);
  });

  it("a token refused for bad credentials stays an authentication error", async () => {
    const { fake, cl } = await setup();
    fake.inject("POST", /^\/oauth\/token$/, { status: 401 }, 10);
    const error = (await cl.orders.create({}).catch((e: unknown) => e)) as CommerceLayerError;
    expect(error.kind).toBe("authentication");
    expect(fake.requests.filter((r) => r.path !== "/oauth/token")).toHaveLength(0);
  });

  it("a create whose body JSON cannot hold is an argument error: nothing sent, nothing read back, with or without middleware", async () => {
    const { fake, cl, lines } = await setup();
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    for (const middleware of [false, true]) {
      // With a middleware registered, the calls go through openapi-fetch's own client.
      if (middleware) cl.raw.use({ onRequest: () => undefined });
      for (const metadata of [{ n: 10n }, circular]) {
        const error = (await cl.orders
          .create({ attributes: { reference: "WEB-11", metadata } })
          .catch((e: unknown) => e)) as CommerceLayerError;
        expect(error).toBeInstanceOf(CommerceLayerError);
        expect(error.kind).toBe("invalid_argument");
        expect(error.message).toMatch(/cannot be sent/);
        expect(error.message).not.toContain("\n");
      }
    }
    expect(fake.orders.size).toBe(0);
    // The token request only: no POST, and no read-back of the reference.
    expect(fake.requests.filter((r) => r.path !== "/oauth/token")).toHaveLength(0);
    expect(lines.join("\n")).not.toMatch(/ambiguous/);
  });

  it("a query no URL can carry (a lone surrogate) is an argument error on both paths, with nothing sent", async () => {
    const { fake, cl } = await setup();
    for (const middleware of [false, true]) {
      if (middleware) cl.raw.use({ onRequest: () => undefined });
      const error = (await cl.orders
        .create({ attributes: { reference: "WEB-14" } }, { include: ["\uD800" as never] })
        .catch((e: unknown) => e)) as CommerceLayerError;
      expect(error.kind).toBe("invalid_argument");
    }
    expect(fake.requests.filter((r) => r.path !== "/oauth/token")).toHaveLength(0);
  });

  it("an unsendable body whose own error names a secret: no orderkit error in the chain repeats it", async () => {
    const { cl } = await setup();
    const metadata = {
      toJSON() {
        throw new Error("cannot serialise secret-XYZ-123");
      },
    };
    const error = (await cl.orders.create({ attributes: { metadata } }).catch((e: unknown) => e)) as Error;
    expect((error as CommerceLayerError).kind).toBe("invalid_argument");
    for (let e: unknown = error; e instanceof Error; e = e.cause)
      if (e instanceof OrderkitError) expect(e.message).not.toContain("secret-XYZ-123");
  });

  it("a middleware whose own call through the same client fails at its token request: the create is read back", async () => {
    const { fake, cl } = await setup();
    cl.raw.use({
      onResponse: async ({ request, response }) => {
        if (request.method !== "POST" || new URL(request.url).pathname !== "/orders") return;
        const { data } = (await response.clone().json()) as { data: { id: string } };
        // The tokens are revoked and the renewal refused: this nested call fails inside the
        // client's transport, with an authentication error that is not the create's.
        fake.revokeTokens();
        fake.inject("POST", /^\/oauth\/token$/, { status: 401 });
        await cl.orders.retrieve(data.id);
      },
    });
    const created = await cl.orders.create({ attributes: { reference: "WEB-12" } });
    expectOneOrder(fake, created.id);
  });

  it("a transport error thrown by a middleware (its own client was refused a connection): the create is read back, one order", async () => {
    const { fake, cl } = await setup();
    const refused: typeof fetch = () => connectionRefused();
    const elsewhere = createCommerceLayerClient({
      baseUrl: "https://elsewhere.example/api",
      accessToken: "t",
      fetch: refused,
      maxRetries: 0,
    });
    cl.raw.use({
      onResponse: async ({ request }) => {
        if (request.method === "POST" && new URL(request.url).pathname === "/orders")
          await elsewhere.raw.GET("/orders");
      },
    });
    // The middleware's "connection refused: not sent" is about its own request, not the create's:
    // taken at its word, there was no read-back, and a caller who retried made a second order.
    const created = await cl.orders.create({ attributes: { reference: "WEB-13" } });
    expectOneOrder(fake, created.id);
  });

  it("a middleware's own fetch through options.fetch after the create was answered (an audit to a dead collector): the create is read back", async () => {
    const refusingAudit: typeof fetch = (input, init) => {
      const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      if (url.includes("/audit")) return connectionRefused();
      return fetch(input, init);
    };
    const { fake, cl } = await setup({}, { fetch: refusingAudit, maxRetries: 0 });
    cl.raw.use({
      onResponse: async ({ request, options }) => {
        if (request.method === "POST" && new URL(request.url).pathname === "/orders")
          await options.fetch(new Request(new URL("/audit", request.url)));
      },
    });
    const created = await cl.orders.create({ attributes: { reference: "WEB-15" } });
    expectOneOrder(fake, created.id);
  });

  it("review 155: a read that decides a write is never redirected: lineItems.set whose line read is redirected (same origin) to another order's lines adds no second line and changes no other order", async () => {
    const { fake, cl } = await setup();
    const [a, b, d] = fake.seedOrders(3);
    await cl.lineItems.set({ order: a?.id as string, sku_code: "S", quantity: 2 });
    await cl.lineItems.set({ order: d?.id as string, sku_code: "S", quantity: 5 });
    const linesOf = (id: string | undefined) =>
      [...fake.lineItems.values()].filter((l) => l.orderId === id).map((l) => `${l.sku_code}x${l.quantity}`);
    // A's lines read from B (none there): a second line on A would follow.
    const first = await setWithLinesRedirected(fake, cl, a?.id, b?.id, 3);
    expect(first.kind).toBe("redirect");
    expect(first.message).toContain("was redirected (HTTP 302): no redirect is followed");
    // B's lines read from D (one line of S): D's line would be changed.
    const second = await setWithLinesRedirected(fake, cl, b?.id, d?.id, 2, 307);
    expect(second.kind).toBe("redirect");
    expect(linesOf(a?.id)).toEqual(["Sx2"]);
    expect(linesOf(b?.id)).toEqual([]);
    expect(linesOf(d?.id)).toEqual(["Sx5"]);
    // Nothing followed the redirects: no read of the other orders' lines after them.
    expect(fake.requests.filter((r) => r.method === "GET" && r.path.endsWith("/line_items"))).toHaveLength(4);
    expect(fake.requests.filter((r) => r.method !== "GET" && r.path.startsWith("/line_items"))).toHaveLength(
      2,
    );
  });

  it("review 156: a custom fetch that follows the redirect itself (dropping redirect: manual) is refused as well: no second line", async () => {
    const following: typeof fetch = (input, init) =>
      globalThis.fetch(input, {
        method: init?.method,
        headers: init?.headers,
        body: init?.body,
        signal: init?.signal,
      });
    const { fake, cl } = await setup({}, { fetch: following });
    const [a, b] = fake.seedOrders(2);
    await cl.lineItems.set({ order: a?.id as string, sku_code: "S", quantity: 2 });
    const error = await setWithLinesRedirected(fake, cl, a?.id, b?.id, 3);
    expect(error.kind).toBe("redirect");
    expect(error.message).toContain("GET was redirected: no redirect is followed");
    expect([...fake.lineItems.values()].filter((l) => l.orderId === a?.id).map((l) => l.quantity)).toEqual([
      2,
    ]);
    // A Location that is no http(s) URL is not called another origin.
    const plain = await setup();
    const [c] = plain.fake.seedOrders(1);
    for (const location of ["http://[::1", "data:text/plain,x"]) {
      plain.fake.inject("GET", new RegExp(`^/orders/${c?.id}$`), { status: 302, headers: { location } });
      const odd = (await plain.cl.orders
        .retrieve(c?.id as string)
        .catch((e: unknown) => e)) as CommerceLayerError;
      expect(odd.kind).toBe("redirect");
      expect(odd.message).toContain("GET was redirected (HTTP 302): no redirect is followed");
    }
  });

  it("review 115: a look-up that lists an order of another reference, or fewer than it counts, proves nothing: ambiguous_write, nothing sent again", async () => {
    const { fake, cl } = await setup();
    fake.seedOrders(1, { reference: "OTHER", customer_email: "x@example.com" });
    const stray = (await cl.orders.list()).$document;
    // A server that ignores the filter (or a redirect to another listing) lists the other order.
    fake.inject("POST", /^\/orders$/, { status: 503 });
    fake.inject("GET", /^\/orders$/, { status: 200, body: stray });
    const ignored = (await cl.orders
      .create({ attributes: { reference: "WEB-17", customer_email: "me@example.com" } })
      .catch((e: unknown) => e)) as CommerceLayerError;
    expect(ignored.kind).toBe("ambiguous_write");
    expect(ignored.message).toContain("did not keep to its filter");
    // A page that holds one order of the reference but counts two.
    fake.seedOrders(1, { reference: "WEB-18" });
    const one = (await cl.orders.list({ filter: { reference_eq: "WEB-18" } })).$document as {
      meta: Record<string, number>;
    };
    fake.inject("POST", /^\/orders$/, { status: 503 });
    fake.inject("GET", /^\/orders$/, {
      status: 200,
      body: { ...one, meta: { record_count: 2, page_count: 1 } },
    });
    const cut = (await cl.orders
      .create({ attributes: { reference: "WEB-18" } })
      .catch((e: unknown) => e)) as CommerceLayerError;
    expect(cut.kind).toBe("ambiguous_write");
    expect(cut.message).toContain("listed 1 of 2 orders");
    // Neither create landed, nor was sent again: the two seeded orders only.
    expect(fake.orders.size).toBe(2);
    expect(fake.requests.filter((r) => r.method === "POST" && r.path === "/orders")).toHaveLength(2);
  });

  it("review 115: a reference that cannot be looked up as sent (spaces around it, empty, not text) is refused before anything is sent", async () => {
    const { fake, cl } = await setup();
    for (const reference of [" WEB-8 ", "", "WEB-8\n", 42, { toString: () => "WEB-8" }]) {
      const error = (await cl.orders
        .create({ attributes: { reference: reference as string } })
        .catch((e: unknown) => e)) as CommerceLayerError;
      expect(error.kind, String(reference)).toBe("invalid_argument");
      expect(error.message).toContain("reference must be a non-empty string without surrounding spaces");
    }
    expect(fake.requests.filter((r) => r.path === "/orders")).toHaveLength(0);
    expect(fake.orders.size).toBe(0);
  });

  it("review 116: a lost create found by reference is this call's when the server keeps its text in another case (not a foreign one holding null); a count that is not a number, an origin or reference it could not look up as sent, prove or pass nothing", async () => {
    const { fake, cl } = await setup();
    // The server kept the e-mail lower-cased and the create's answer was lost: found, one order.
    const [kept] = fake.seedOrders(1, { reference: "R-N", customer_email: "bob@x.com" });
    const found = await cl.orders.create(
      { attributes: { reference: "R-N", customer_email: "Bob@X.com" } },
      {},
      { resume: true },
    );
    expect(found.id).toBe(kept?.id);
    // An order of the reference holding no e-mail where one was sent is not this call's.
    fake.seedOrders(1, { reference: "R-E", customer_email: null });
    const foreign = (await cl.orders
      .create({ attributes: { reference: "R-E", customer_email: "me@x.com" } }, {}, { resume: true })
      .catch((e: unknown) => e)) as CommerceLayerError;
    expect(foreign.kind).toBe("ambiguous_write");
    // A count that is not a number: the listing proves nothing.
    fake.seedOrders(1, { reference: "R-L" });
    const listed = (await cl.orders.list({ filter: { reference_eq: "R-L" } })).$document;
    fake.inject("GET", /^\/orders$/, { status: 200, body: { ...listed, meta: { record_count: "3" } } });
    const uncounted = (await cl.orders
      .create({ attributes: { reference: "R-L" } }, {}, { resume: true })
      .catch((e: unknown) => e)) as CommerceLayerError;
    expect(uncounted.kind).toBe("ambiguous_write");
    // No count at all (review 213): an empty listing without one proves nothing either.
    fake.inject("GET", /^\/orders$/, { status: 200, body: { data: [] } });
    const bare = (await cl.orders
      .create({ attributes: { reference: "R-N" } }, {}, { resume: true })
      .catch((e: unknown) => e)) as CommerceLayerError;
    expect(bare.kind).toBe("ambiguous_write");
    // Refused before sending: an origin with spaces around it, a reference in decomposed form.
    for (const attributes of [
      { reference: "R-O", reference_origin: " web" },
      { reference: "cafe\u0301-1" },
    ]) {
      const error = (await cl.orders.create({ attributes }).catch((e: unknown) => e)) as CommerceLayerError;
      expect(error.kind).toBe("invalid_argument");
    }
    expect(fake.orders.size).toBe(3);
    expect(fake.requests.filter((r) => r.method === "POST" && r.path === "/orders")).toHaveLength(0);
  });

  it("review 115: an order of the same reference made for another customer is not this call's: never returned (nor placed), with or without resume", async () => {
    const { fake, cl } = await setup();
    const [theirs] = fake.seedOrders(1, { reference: "WEB-1", customer_email: "someone-else@example.com" });
    fake.inject("POST", /^\/orders$/, { status: 503 });
    const input = { attributes: { reference: "WEB-1", customer_email: "me@example.com" } };
    const after503 = (await cl.orders.create(input).catch((e: unknown) => e)) as CommerceLayerError;
    expect(after503.kind).toBe("ambiguous_write");
    expect(after503.candidates).toEqual([theirs?.id]);
    expect(after503.message).toContain(`customer_email "someone-else@example.com", not "me@example.com"`);
    const resumed = (await cl.orders
      .create(input, {}, { resume: true })
      .catch((e: unknown) => e)) as CommerceLayerError;
    expect(resumed.kind).toBe("ambiguous_write");
    expect(fake.orders.size).toBe(1);
    expect(fake.requests.filter((r) => r.method === "POST" && r.path === "/orders")).toHaveLength(1);
    expect(fake.orders.get(theirs?.id as string)?.attributes.customer_email).toBe("someone-else@example.com");
  });

  it("a create proved absent by reference is sent again, once", async () => {
    const { fake, cl } = await setup();
    fake.inject("POST", /^\/orders$/, { status: 503 });
    const order = await cl.orders.create({ attributes: { reference: "WEB-10" } });
    expect(fake.orders.size).toBe(1);
    expect(order.reference).toBe("WEB-10");
    expect(fake.requests.filter((r) => r.method === "POST" && r.path === "/orders")).toHaveLength(2);
  });

  it("a create answered 503 with Retry-After is read back no sooner than the server asked (within maxRetryAfterMs), then sent again once", async () => {
    const { fake, cl, lines } = await setup({}, { maxRetryAfterMs: 1500 });
    fake.inject("POST", /^\/orders$/, { status: 503, headers: { "retry-after": "1" } });
    const order = await cl.orders.create({ attributes: { reference: "WEB-RA" } });
    expect(lines).toContain("createOrder: reading the state back in 1000 ms");
    expect(order.reference).toBe("WEB-RA");
    expect(fake.orders.size).toBe(1);
    fake.inject("POST", /^\/orders$/, { status: 503, headers: { "retry-after": "3600" } });
    await cl.orders.create({ attributes: { reference: "WEB-RB" } });
    expect(lines).toContain("createOrder: reading the state back in 1500 ms");
  });

  it("a create answered with its reference in another form (a server that keeps it so) is made once, never again: ambiguous_write, answeredOtherwise", async () => {
    const { fake, cl } = await setup({ storedAs: (v) => v.toUpperCase() });
    const error = await cl.orders.create({ attributes: { reference: "web-1001" } }).catch((e) => e);
    expect(error).toMatchObject({ kind: "ambiguous_write", operation: "createOrder" });
    expect(answeredOtherwise(error)).toBe(true);
    expect(mayHaveApplied(error)).toBe(false);
    expect(error.message).toContain(`of reference "WEB-1001", not "web-1001"`);
    expect([...fake.orders.values()].map((o) => o.attributes.reference)).toEqual(["WEB-1001"]);
    expect(fake.requests.filter((r) => r.method === "POST" && r.path === "/orders")).toHaveLength(1);
  });

  it.each([
    [
      "another order",
      { status: 200, body: { data: { id: "OTHER", type: "orders", attributes: { status: "placed" } } } },
    ],
  ])(
    "a place answered 2xx with %s (not applied) is read back, never sent again: ambiguous_write, the order as it was",
    async (_, answer) => {
      const { fake, cl } = await setup();
      const [order] = fake.seedOrders(1, { status: "pending" });
      const id = order?.id as string;
      const body = JSON.parse(JSON.stringify(answer.body).replace('"ID"', JSON.stringify(id)));
      fake.inject("PATCH", /^\/orders\//, { status: 200, body });
      const error = await cl.orders.place(id).catch((e) => e);
      expect(error).toMatchObject({ kind: "ambiguous_write", operation: "updateOrder(_place)" });
      expect(answeredOtherwise(error)).toBe(true);
      expect(fake.requests.filter((r) => r.method === "PATCH")).toHaveLength(1);
      expect(fake.applied._place ?? 0).toBe(0);
      expect(fake.orders.get(id)?.attributes.status).toBe("pending");
    },
  );

  it("a create answered otherwise whose read-back fails is still answeredOtherwise, and onAnswered was told before the read-back", async () => {
    const { fake, cl } = await setup({ storedAs: (v) => v.toUpperCase() });
    const told: string[] = [];
    fake.inject("GET", /^\/orders$/, { status: 503 }, 10);
    const error = await cl.orders
      .create(
        { attributes: { reference: "web-5" } },
        {},
        { onAnswered: (problem) => void told.push(problem) },
      )
      .catch((e) => e);
    expect(error).toMatchObject({ kind: "ambiguous_write" });
    expect(answeredOtherwise(error)).toBe(true);
    expect(told).toEqual([
      `answered with order ${shown([...fake.orders.keys()][0])} of reference "WEB-5", not "web-5"`,
    ]);
    expect(fake.orders.size).toBe(1);
  });

  it("a create sent twice (the first answer lost) and then answered otherwise says it was sent twice, never 'nothing more was sent'", async () => {
    const { fake, cl } = await setup({ storedAs: (v) => v.toUpperCase() });
    fake.inject("POST", /^\/orders$/, "drop-after-apply");
    const error = await cl.orders.create({ attributes: { reference: "web-6" } }).catch((e) => e);
    expect(answeredOtherwise(error)).toBe(true);
    expect(error.message).toContain("It was sent 2 times: each attempt may have landed.");
    expect(fake.orders.size).toBe(2);
  });

  it("a place answered with the order not yet placed returns it as answered (a placement may finish later), sent once", async () => {
    const { fake, cl } = await setup();
    const [order] = fake.seedOrders(1, { status: "pending" });
    const id = order?.id as string;
    const body = { data: { id, type: "orders", attributes: { status: "placing" } } };
    fake.inject("PATCH", /^\/orders\//, { status: 200, body });
    const answered = await cl.orders.place(id);
    expect(answered).toMatchObject({ id, status: "placing" });
    expect(fake.requests.filter((r) => r.method === "PATCH")).toHaveLength(1);
  });

  it("a cancel answered with another order that is done is never taken for this one's", async () => {
    const { fake, cl } = await setup();
    const [order] = fake.seedOrders(1, { status: "pending" });
    const id = order?.id as string;
    const body = { data: { id: "OTHER", type: "orders", attributes: { status: "cancelled" } } };
    fake.inject("PATCH", /^\/orders\//, { status: 200, body });
    const error = await cl.orders.cancel(id).catch((e) => e);
    expect(error).toMatchObject({ kind: "ambiguous_write" });
    expect(error.message).toContain(`answered with order "OTHER"`);
    expect(fake.orders.get(id)?.attributes.status).toBe("pending");
  });

  it("a failed read-back after an ambiguous _capture is ambiguous_write, not a retrieve error", async () => {
    const { fake, cl } = await setup({}, { maxRetries: 0 });
    const [order] = fake.seedOrders(1, { status: "placed", payment_status: "authorized" });
    const id = order?.id as string;
    fake.inject("PATCH", /^\/orders\//, "drop-after-apply");
    fake.inject("GET", /^\/orders\//, { status: 500 });
    const error = (await cl.orders.capture(id).catch((e: unknown) => e)) as CommerceLayerError;
    expect(error.kind).toBe("ambiguous_write");
    expect(error.operation).toBe("updateOrder(_capture)");
    expect(fake.requests.filter((r) => r.method === "PATCH")).toHaveLength(1);
  });

  it("_place on an order found cancelled after an ambiguous failure is order_closed", async () => {
    const { fake, cl } = await setup({}, { maxRetries: 0 });
    const [order] = fake.seedOrders(1, { status: "cancelled" });
    fake.inject("PATCH", /^\/orders\//, { status: 502 });
    const error = (await cl.orders.place(order?.id as string).catch((e: unknown) => e)) as CommerceLayerError;
    expect(error.kind).toBe("order_closed");
    expect(fake.requests.filter((r) => r.method === "PATCH")).toHaveLength(1);
  });

  it.each([
    ["placed by an earlier call", { status: "placed", payment_status: "authorized" }, 0, "placed"],
    ["still a draft", { status: "draft" }, 1, "placed"],
  ] as const)(
    "place with resume on an order %s: read first, sent only when not yet placed",
    async (_, attributes, patches, status) => {
      const { fake, cl } = await setup();
      const [order] = fake.seedOrders(1, attributes);
      const placed = await cl.orders.place(order?.id as string, { resume: true });
      expect(placed.status).toBe(status);
      expect(fake.orders.get(order?.id as string)?.attributes.status).toBe(status);
      expect(fake.requests.filter((r) => r.method === "PATCH")).toHaveLength(patches);
      expect(fake.applied._place ?? 0).toBe(patches);
    },
  );

  it.each([
    ["refund", { status: "approved", payment_status: "partially_refunded" }, 1],
    ["refund", { status: "approved", payment_status: "refunded" }, 0],
    ["capture", { status: "approved", payment_status: "refunded" }, 0],
    ["capture", { status: "approved", payment_status: "authorized" }, 1],
  ] as const)("%s with resume on an order %j sends %i PATCH", async (name, attributes, patches) => {
    const { fake, cl } = await setup();
    const [order] = fake.seedOrders(1, attributes);
    await cl.orders[name](order?.id as string, { resume: true });
    expect(fake.requests.filter((r) => r.method === "PATCH")).toHaveLength(patches);
    expect(fake.applied[`_${name}`] ?? 0).toBe(patches);
  });

  it("place with resume on an order still placing is ambiguous (under way): nothing is sent", async () => {
    const { fake, cl } = await setup();
    const [order] = fake.seedOrders(1, { status: "placing", payment_status: "unpaid" });
    const error = await cl.orders.place(order?.id as string, { resume: true }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "ambiguous_write" });
    expect(String((error as Error).message)).toContain("under way");
    expect(fake.requests.filter((r) => r.method === "PATCH")).toHaveLength(0);
  });

  it.each(["toString", "constructor", "place", ""])(
    "a trigger named %j (not an underscore attribute) is refused before any request",
    async (name) => {
      const { fake, cl } = await setup();
      const [order] = fake.seedOrders(1);
      const error = await cl.orders
        .trigger(order?.id as string, name as never, { resume: true })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: "invalid_argument" });
      expect(fake.requests.filter((r) => r.path !== "/oauth/token")).toHaveLength(0);
      expect(clTriggerDone(order as never, name)).toBe(false);
    },
  );

  it("a trigger with resume on an order that does not exist is not_found (nothing was sent), not ambiguous", async () => {
    const { fake, cl } = await setup();
    const error = await cl.orders.place("nope", { resume: true }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "not_found" });
    expect(fake.requests.filter((r) => r.method === "PATCH")).toHaveLength(0);
  });

  it("place with resume on a cancelled order is order_closed, sending nothing", async () => {
    const { fake, cl } = await setup();
    const [order] = fake.seedOrders(1, { status: "cancelled" });
    const error = await cl.orders.place(order?.id as string, { resume: true }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "order_closed" });
    expect(fake.requests.filter((r) => r.method === "PATCH")).toHaveLength(0);
  });

  it("a 2xx relationship read with no document is invalid_response naming the operation", async () => {
    const { fake, cl } = await setup();
    const [order] = fake.seedOrders(1);
    fake.inject("GET", /\/customer$/, { status: 200, body: {} });
    const error = (await cl.orders
      .customer(order?.id as string)
      .catch((e: unknown) => e)) as CommerceLayerError;
    expect(error.kind).toBe("invalid_response");
    expect(error.operation).toBe("retrieveOrderCustomer");
  });

  it("a list whose data is not an array is invalid_response", async () => {
    const { fake, cl } = await setup({}, { maxRetries: 0 });
    fake.inject("GET", /^\/orders$/, { status: 200, body: { data: { id: "x" } } });
    const error = (await cl.orders.list().catch((e: unknown) => e)) as CommerceLayerError;
    expect(error.kind).toBe("invalid_response");
    expect(error.operation).toBe("listOrders");
  });
});
