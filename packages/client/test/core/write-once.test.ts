// On Node's own fetch a write goes through a dispatcher that sends it at most once per attempt
// (core/undici-timeout.ts, OneWrite), and, once that fetch is known to take dispatchers, with
// `redirect: "error"`: undici then rejects a redirect, where "manual" resolved it. A global fetch
// wrapper that retries whatever rejects (the shape of `fetch-retry`'s default), installed before
// the client is made, must still never send a write twice: not after a redirect (review 204's
// HIGH: 4 Drafts, 40 rows, an automation's card queued 4 times), nor after a dropped connection
// (which it re-sent before the dispatcher). Asserted on the fake's state, over seeded faults.
// Node only: the browser build sends as it is (no dispatcher in a browser's fetch).
import { connect, createServer, type Server, type Socket } from "node:net";
import { FakeLettrLabs, freePort } from "@orderkit/test-utils";
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createLettrLabsClient } from "../../src/index.js";

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

/**
 * Installs a global fetch that retries a rejected call `retries` times with the same init (after
 * `onReject`); counts the calls. `cached`: it answers a GET of that path itself after the first
 * (past the client's dispatcher, as a caching wrapper does).
 */
function retryingGlobalFetch(
  retries = 3,
  { onReject, cached }: { onReject?: () => Promise<void>; cached?: string } = {},
) {
  const calls = { n: 0 };
  let kept: { body: string; status: number; headers: Headers } | undefined;
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const isCached =
      cached !== undefined && (init?.method ?? "GET") === "GET" && String(input).endsWith(cached);
    if (isCached && kept) return new Response(kept.body, kept);
    for (let n = 0; ; n++) {
      calls.n++;
      try {
        const response = await realFetch(input, init);
        if (isCached) {
          kept = { body: await response.clone().text(), status: response.status, headers: response.headers };
        }
        return response;
      } catch (error) {
        await onReject?.();
        if (n >= retries) throw error;
      }
    }
  }) as typeof fetch;
  return calls;
}

/** A port that refuses connections until the first is refused, then forwards each to `target`. */
async function refusingOnce(target: string) {
  const port = await freePort();
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  const { port: to } = new URL(target);
  return {
    url: `http://127.0.0.1:${port}`,
    open: () =>
      new Promise<void>((resolve) => {
        if (server) return resolve();
        server = createServer((socket) => {
          sockets.add(socket);
          const upstream = connect(Number(to), "127.0.0.1");
          socket.pipe(upstream).pipe(socket);
          socket.on("close", () => sockets.delete(socket));
          socket.on("error", () => upstream.destroy());
          upstream.on("error", () => socket.destroy());
        });
        server.listen(port, "127.0.0.1", () => resolve());
      }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        if (server) server.close(() => resolve());
        else resolve();
      }),
  };
}

const redirect = fc.record({
  kind: fc.constant("apply-then" as const),
  status: fc.constantFrom(301, 302, 303, 307, 308),
});
const fault = fc.oneof(
  redirect,
  fc.constantFrom({ kind: "drop-after-apply" as const }, { kind: "drop-before-apply" as const }),
);
const rows = (n: number, tag: string) =>
  Array.from({ length: n }, (_, i) => ({
    address: { address1: `${i} ${tag} St`, city: "Austin", state: "TX", zipCode: "78704" },
    personal: { firstName: `R${i}`, lastName: "Doe" },
  }));
const SEED = 20261206;
/** The clients' timeout, and quick backoff and settle waits. */
const QUICK = { timeoutMs: 2000, backoff: { baseMs: 1, capMs: 5 }, settleMs: 2 };
/** An automation's recipient. */
const CARD = { firstName: "Ana", address1: "1 Main St", city: "Austin", state: "TX", zipCode: "78704" };

describe("a global fetch that retries rejected calls never sends a write twice", () => {
  let fake: FakeLettrLabs;
  beforeAll(async () => {
    fake = await new FakeLettrLabs().start();
  });
  afterAll(async () => {
    await fake.stop();
  });
  /** A client made on the retrying fetch, which has made one read (so writes go with "error"). */
  async function client(options: { recoveryRounds?: number } = {}) {
    const ll = createLettrLabsClient({
      apiKey: fake.options.apiKey,
      baseUrl: fake.url,
      ...QUICK,
      ...options,
    });
    await ll.me();
    return ll;
  }

  it("seeded: an order's create, each chunk of an append, a checkout: applied once each", async () => {
    await fc.assert(
      fc.asyncProperty(
        fault,
        fault,
        fault,
        fc.integer({ min: 0, max: 2 }),
        async (onCreate, onChunk, onCheckout, chunk) => {
          retryingGlobalFetch();
          const ll = await client();
          const before = fake.orders.size;
          fake.inject("POST", /^\/v1\/order$/, onCreate);
          const created = await ll.orders
            .create({ templateId: 7 }, { confirmCandidate: () => true })
            .catch((e: unknown) => e as Error);
          expect(fake.orders.size - before).toBeLessThanOrEqual(1);
          if (created instanceof Error) return;
          const order = fake.orders.get(created.orderId);
          if (!order) throw new Error("the create's order is not on the server");
          fake.inject("PUT", new RegExp(`/${order.id}/recipients$`), onChunk, 1, chunk);
          const list = rows(2500, `T${order.id}`);
          await ll.orders.recipients.append(order.id, list, { concurrency: 1 }).catch((e: unknown) => e);
          const held = order.recipients.map((r) => r.address?.address1);
          expect(new Set(held).size).toBe(held.length);
          fake.inject("POST", new RegExp(`/${order.id}/checkout$`), onCheckout);
          await ll.orders.checkout
            .submit(order.id, { postageType: "Standard", productionSpeed: "Normal" })
            .catch((e: unknown) => e);
          expect(order.checkouts).toBeLessThanOrEqual(1);
          // One POST where the first was applied (the wrapper's re-sends failed unsent); a second
          // only where a read-back found the first not applied (dropped before it was).
          const posts = fake.count("POST", new RegExp(`/${order.id}/checkout$`));
          if (onCheckout.kind === "drop-before-apply") expect(posts).toBeLessThanOrEqual(2);
          else expect(posts).toBe(1);
        },
      ),
      { seed: SEED, numRuns: 25 },
    );
  });

  it("seeded: an automation's recipient (which nothing can read back) is queued at most once, and never sent twice", async () => {
    let id = 100;
    await fc.assert(
      fc.asyncProperty(fault, async (onAdd) => {
        const calls = retryingGlobalFetch();
        const ll = await client();
        const automation = id++;
        const path = new RegExp(`^/v1/integration-orders/${automation}/recipients$`);
        fake.inject("POST", path, onAdd);
        const outcome = await ll.integrationOrders.addRecipient(automation, CARD).catch((e: unknown) => e);
        expect(fake.count("POST", path)).toBe(1);
        expect(fake.integrationRecipients.get(automation)?.length ?? 0).toBe(
          onAdd.kind === "drop-before-apply" ? 0 : 1,
        );
        // The wrapper did retry (its re-sends were failed unsent), and the outcome says what may have happened.
        if (onAdd.kind !== "drop-before-apply") {
          expect(calls.n).toBeGreaterThan(2);
          expect(outcome).toMatchObject({ kind: "ambiguous_write" });
        }
      }),
      { seed: SEED, numRuns: 12 },
    );
  });

  it("review 205: after the wrapper answered a read itself (past the client's dispatcher), a write is still never sent twice", async () => {
    retryingGlobalFetch(3, { cached: "/v1/me" });
    const ll = await client();
    await ll.me();
    await ll.me();
    const path = /^\/v1\/integration-orders\/701\/recipients$/;
    fake.inject("POST", path, { kind: "drop-after-apply" });
    const outcome = await ll.integrationOrders.addRecipient(701, CARD).catch((e: unknown) => e);
    expect(fake.count("POST", path)).toBe(1);
    expect(fake.integrationRecipients.get(701)).toHaveLength(1);
    expect(outcome).toMatchObject({ kind: "ambiguous_write" });
  });

  it("review 205: a write whose connection was refused, then sent by the wrapper's retry, is sent once and reported done (never 'may have been applied')", async () => {
    for (const step of ["automation", "checkout", "create"] as const) {
      const proxy = await refusingOnce(fake.url);
      try {
        retryingGlobalFetch(3, { onReject: proxy.open });
        const ll = createLettrLabsClient({
          apiKey: fake.options.apiKey,
          baseUrl: proxy.url,
          ...QUICK,
        });
        const order = fake.seedOrder();
        order.recipients.push({
          id: 1,
          address: { address1: "1 Main St", city: "Austin", state: "TX", zipCode: "78704" },
        });
        const before = fake.orders.size;
        const outcome =
          step === "automation"
            ? await ll.integrationOrders.addRecipient(702, CARD)
            : step === "checkout"
              ? await ll.orders.checkout.submit(order.id, {
                  postageType: "Standard",
                  productionSpeed: "Normal",
                })
              : await ll.orders.create({ templateId: 9 }, { confirmCandidate: () => true });
        expect(outcome, step).toBeTruthy();
        if (step === "automation") expect(fake.integrationRecipients.get(702)).toHaveLength(1);
        if (step === "checkout") expect(order.checkouts).toBe(1);
        if (step === "create") expect(fake.orders.size - before).toBe(1);
      } finally {
        await proxy.close();
        globalThis.fetch = realFetch;
      }
    }
  });

  it("a write's redirect through it is told as with manual: its status and the other origin", async () => {
    retryingGlobalFetch();
    const ll = await client({ recoveryRounds: 0 });
    const order = fake.seedOrder();
    fake.inject("PUT", /recipients$/, {
      kind: "status",
      status: 307,
      headers: { location: "http://127.0.0.1:9/elsewhere" },
    });
    const error = await ll.orders.recipients
      .append(order.id, rows(10, "Redirect"), {})
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "redirect" });
    expect((error as Error).message).toContain(
      "PUT was redirected (HTTP 307) to another origin (http://127.0.0.1:9)",
    );
    expect(fake.count("PUT", new RegExp(`/${order.id}/recipients$`))).toBe(1);
  });
});

describe("a mocking library's redirect, refused with the text as its cause (msw's interceptors)", () => {
  let fake: FakeLettrLabs;
  beforeAll(async () => {
    fake = await new FakeLettrLabs().start();
  });
  afterAll(async () => {
    await fake.stop();
  });

  /**
   * The shape of msw's fetch interceptor: requests it has no handler for go on to Node's fetch (so
   * the client sees its dispatchers taken). While `mode` is "redirect" it mocks every request with
   * a 302 to another origin: "manual" gets the 3xx, "error" a TypeError whose cause is the text
   * "unexpected redirect"; while "reset", a dropped connection. Records what each call was given.
   */
  function mockingFetch() {
    const state = {
      mode: "pass" as "pass" | "redirect" | "reset",
      given: [] as { mocked: boolean; method: string; redirect?: string; dispatcher: boolean }[],
    };
    globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit & { dispatcher?: unknown }) => {
      const mocked = state.mode !== "pass";
      state.given.push({
        mocked,
        method: init?.method ?? "GET",
        redirect: init?.redirect,
        dispatcher: init?.dispatcher !== undefined,
      });
      if (state.mode === "pass") return realFetch(input, init);
      if (state.mode === "reset")
        throw Object.assign(new TypeError("fetch failed"), {
          cause: Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }),
        });
      if (init?.redirect === "error")
        throw Object.assign(new TypeError("Failed to fetch"), { cause: "unexpected redirect" });
      return new Response(null, { status: 302, headers: { location: "http://127.0.0.1:9/moved" } });
    }) as typeof fetch;
    /** A client whose first read passed on to Node's fetch (its dispatchers seen taken); `given` emptied. */
    const fresh = async () => {
      state.mode = "pass";
      const ll = createLettrLabsClient({
        apiKey: fake.options.apiKey,
        baseUrl: fake.url,
        ...QUICK,
        maxRetries: 2,
        recoveryRounds: 0,
      });
      await ll.me();
      state.given.length = 0;
      return ll;
    };
    return { state, fresh };
  }

  it("is told as a redirect, sent once: a GET is not retried as a failed connection, a write not reported as one", async () => {
    const { state, fresh } = mockingFetch();
    const reader = await fresh();
    state.mode = "redirect";
    const read = await reader.me().catch((e: unknown) => e);
    expect(read).toMatchObject({
      kind: "redirect",
      message: "getMe: GET was redirected: no redirect is followed. Check the base URL.",
    });
    expect(state.given).toEqual([{ mocked: true, method: "GET", redirect: "error", dispatcher: true }]);

    const writer = await fresh();
    state.mode = "redirect";
    const write = await writer.integrationOrders.addRecipient(703, CARD).catch((e: unknown) => e);
    expect((write as Error).message).toContain("POST was redirected: no redirect is followed.");
    expect((write as Error).message).not.toContain("Connection failed");
    // That fetch answered past the client's dispatcher: the next write goes with "manual" (still
    // through a dispatcher of the client's), and its refusal names the status and where it pointed.
    const again = await writer.integrationOrders.addRecipient(703, CARD).catch((e: unknown) => e);
    expect((again as Error).message).toContain(
      "POST was redirected (HTTP 302) to another origin (http://127.0.0.1:9)",
    );
    expect(state.given).toEqual([
      { mocked: true, method: "POST", redirect: "error", dispatcher: true },
      { mocked: true, method: "POST", redirect: "manual", dispatcher: true },
    ]);
  });

  it("a write that fails otherwise (a dropped connection) leaves its client on redirect: error, and the next is sent once", async () => {
    const { state, fresh } = mockingFetch();
    const writer = await fresh();
    state.mode = "reset";
    const dropped = await writer.integrationOrders.addRecipient(704, CARD).catch((e: unknown) => e);
    expect((dropped as Error).message).toContain("may have been applied");
    state.mode = "pass";
    await writer.integrationOrders.addRecipient(705, CARD);
    expect(state.given).toEqual([
      { mocked: true, method: "POST", redirect: "error", dispatcher: true },
      { mocked: false, method: "POST", redirect: "error", dispatcher: true },
    ]);
    expect(fake.count("POST", /^\/v1\/integration-orders\/705\/recipients$/)).toBe(1);
    expect(fake.integrationRecipients.get(705)).toHaveLength(1);
    expect(fake.integrationRecipients.get(704)).toBeUndefined();
  });
});
