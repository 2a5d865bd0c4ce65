import { createRequire } from "node:module";
import {
  assertSchedules,
  connectionRefused,
  type FakeClOrder,
  FakeCommerceLayer,
  type FakeCommerceLayerOptions,
  faultTimeout,
} from "@orderkit/test-utils";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { answeredOtherwise, createCommerceLayerClient, OrderkitError } from "../../src/index.js";
import { WRITE_FAULTS as FAULTS } from "../commercelayer/helpers.js";

const SECRET = "cl-secret-line-set-41f9";
const SKU = "TSHIRTMM000000FFFFFFXLXX";
const fakes: FakeCommerceLayer[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.stop()));
});

async function setUp(settleMs = 2, timeoutMs = 60, server: FakeCommerceLayerOptions = {}) {
  const fake = await new FakeCommerceLayer(server).start();
  fakes.push(fake);
  const client = createCommerceLayerClient({
    baseUrl: fake.url,
    authUrl: fake.url,
    clientId: "client-line-set",
    clientSecret: SECRET,
    backoff: { baseMs: 1, capMs: 4 },
    settleMs,
    timeoutMs,
  });
  const [order] = fake.seedOrders(1, { reference: "LS-1" }) as [FakeClOrder];
  const lines = () =>
    [...fake.lineItems.values()].filter((l) => l.orderId === order.id && l.sku_code === SKU);
  return { fake, client, order, lines };
}

/**
 * A `set` of `quantity` whose create lands `lateMs` after it arrived and whose caller aborts 30 ms
 * after the call: what it threw.
 */
async function abortedMidCreate(
  fake: FakeCommerceLayer,
  client: ReturnType<typeof createCommerceLayerClient>,
  order: string,
  quantity: number,
  lateMs: number,
): Promise<unknown> {
  // Aborted when the create reaches the server (a fixed delay raced the token and the listing
  // before it on a loaded host, and aborted the listing instead); the create lands lateMs later.
  const controller = new AbortController();
  fake.schedule = ({ method, path }) => {
    if (method !== "POST" || path !== "/line_items") return undefined;
    fake.schedule = undefined;
    controller.abort();
    return { lateMs };
  };
  return client.lineItems
    .set({ order, sku_code: SKU, quantity }, { signal: controller.signal })
    .catch((e: unknown) => e);
}

describe("commerceLayer lineItems.set", () => {
  it(
    "seeded: whatever fails and however often it is repeated, the order holds one line of the quantity asked",
    async () => {
      await assertSchedules(
        "cl lineItems.set under faults",
        fc.tuple(
          fc.array(fc.integer({ min: 0, max: FAULTS.length - 1 }), { minLength: 1, maxLength: 12 }),
          fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }),
        ),
        async ([faults, quantities]) => {
          const { fake, client, order, lines } = await setUp(200);
          try {
            let index = 0;
            // Only writes fail (a failed read-back is ambiguous by design), each write of the schedule in
            // turn, then none: repeated as a user would, every set must converge.
            fake.schedule = ({ method }) => (method === "GET" ? undefined : FAULTS[faults[index++] ?? 0]);
            for (const quantity of quantities) {
              for (let attempt = 0; ; attempt++) {
                try {
                  const line = await client.lineItems.set({ order: order.id, sku_code: SKU, quantity });
                  expect(line.quantity).toBe(quantity);
                  break;
                } catch (error) {
                  // Every failure is typed; a repeat (as a user would) must converge.
                  expect(error).toBeInstanceOf(OrderkitError);
                  expect(attempt).toBeLessThan(12);
                }
                expect(lines().length).toBeLessThanOrEqual(1);
              }
              fake.schedule = undefined;
              await new Promise((r) => setTimeout(r, 150));
              expect(lines()).toHaveLength(1);
              expect(lines()[0]?.quantity).toBe(quantity);
              fake.schedule = ({ method }) => (method === "GET" ? undefined : FAULTS[faults[index++] ?? 0]);
            }
          } finally {
            fake.schedule = undefined;
          }
        },
        10,
      );
    },
    faultTimeout(10, "FAULT_RUNS", 8000),
  );

  it("a lost create answer is read back, not sent again: one line, one POST", async () => {
    const { fake, client, order, lines } = await setUp();
    fake.inject("POST", /^\/line_items$/, "drop-after-apply");
    const line = await client.lineItems.set({ order: order.id, sku_code: SKU, quantity: 3 });
    expect(line.quantity).toBe(3);
    expect(lines()).toHaveLength(1);
    expect(fake.requests.filter((r) => r.method === "POST" && r.path === "/line_items")).toHaveLength(1);
  });

  it("a create that lands late, within the settle wait, is found: one line", async () => {
    const { fake, client, order, lines } = await setUp(300);
    fake.inject("POST", /^\/line_items$/, { lateMs: 150 });
    const line = await client.lineItems.set({ order: order.id, sku_code: SKU, quantity: 2 });
    expect(line.quantity).toBe(2);
    await new Promise((r) => setTimeout(r, 100));
    expect(lines()).toHaveLength(1);
  });

  it("repeated, it sends nothing when the line already matches, and a PATCH when it does not", async () => {
    const { fake, client, order, lines } = await setUp();
    await client.lineItems.set({ order: order.id, sku_code: SKU, quantity: 2 });
    const writes = () => fake.requests.filter((r) => r.method !== "GET" && r.path !== "/oauth/token").length;
    expect(writes()).toBe(1);
    await client.lineItems.set({ order: order.id, sku_code: SKU, quantity: 2 });
    expect(writes()).toBe(1);
    await client.lineItems.set({ order: order.id, sku_code: SKU, quantity: 5 });
    expect(writes()).toBe(2);
    expect(lines()).toHaveLength(1);
    expect(lines()[0]?.quantity).toBe(5);
  });

  it("several lines of the SKU are a conflict: nothing is changed", async () => {
    const { fake, client, order, lines } = await setUp();
    await client.lineItems.create({ order: order.id, sku_code: SKU, quantity: 1 });
    await client.lineItems.create({ order: order.id, sku_code: SKU, quantity: 1 });
    const error = await client.lineItems.set({ order: order.id, sku_code: SKU, quantity: 4 }).catch((e) => e);
    expect(error).toMatchObject({ kind: "conflict" });
    expect(lines().map((l) => l.quantity)).toEqual([1, 1]);
    expect(fake.requests.filter((r) => r.method === "PATCH")).toHaveLength(0);
  });

  it("a line of another quantity appearing while its create failed is ambiguous: never a second line", async () => {
    const { fake, client, order, lines } = await setUp();
    // Another writer's line of the SKU lands while this call's POST gets a 503 (not applied).
    fake.schedule = ({ method, path }) => {
      if (method !== "POST" || path !== "/line_items") return undefined;
      const id = fake.newId();
      fake.lineItems.set(id, { id, orderId: order.id, sku_code: SKU, quantity: 5 });
      order.lineItems.push(id);
      return { status: 503 };
    };
    const error = await client.lineItems.set({ order: order.id, sku_code: SKU, quantity: 3 }).catch((e) => e);
    expect(error).toMatchObject({ kind: "ambiguous_write" });
    expect(lines().map((l) => l.quantity)).toEqual([5]);
    expect(fake.requests.filter((r) => r.method === "POST" && r.path === "/line_items")).toHaveLength(1);
  });

  it("aborted while its create is on the way: the error says it may have been applied, and a resume finds it", async () => {
    const { fake, client, order, lines } = await setUp(300);
    const error = await abortedMidCreate(fake, client, order.id, 2, 150);
    expect(error).toMatchObject({ kind: "aborted" });
    expect(String((error as Error).message)).toContain(
      "aborted while it was being sent: it may have been applied",
    );
    const line = await client.lineItems.set(
      { order: order.id, sku_code: SKU, quantity: 2 },
      { resume: true },
    );
    expect(line.quantity).toBe(2);
    expect(lines()).toHaveLength(1);
  });

  it("a listing that does not fit one page (a server ignoring the SKU filter) is a conflict: nothing is sent", async () => {
    const { fake, client, order } = await setUp();
    fake.inject("GET", /\/line_items$/, {
      status: 200,
      body: { data: [], meta: { record_count: 30, page_count: 2 } },
    });
    const error = await client.lineItems.set({ order: order.id, sku_code: SKU, quantity: 2 }).catch((e) => e);
    expect(error).toMatchObject({ kind: "conflict" });
    expect(fake.requests.filter((r) => r.method !== "GET" && r.path !== "/oauth/token")).toHaveLength(0);
  });

  it("a listing of the SKU's lines without its count is an invalid response: nothing is written", async () => {
    const { fake, client, order, lines } = await setUp();
    await client.lineItems.set({ order: order.id, sku_code: SKU, quantity: 1 });
    fake.inject("GET", /\/line_items$/, { status: 200, body: { data: [] } });
    const error = await client.lineItems.set({ order: order.id, sku_code: SKU, quantity: 3 }).catch((e) => e);
    expect(error).toMatchObject({ kind: "invalid_response" });
    expect(lines().map((l) => l.quantity)).toEqual([1]);
    expect(fake.requests.filter((r) => r.method === "POST" && r.path === "/line_items")).toHaveLength(1);
  });

  it("an update answered with another line (not applied) is read back and sent again (a PATCH sets the quantity whole): one line of the quantity", async () => {
    const { fake, client, order, lines } = await setUp();
    await client.lineItems.set({ order: order.id, sku_code: SKU, quantity: 1 });
    const body = {
      data: { id: "bogus", type: "line_items", attributes: { sku_code: "OTHER", quantity: 99 } },
    };
    fake.inject("PATCH", /^\/line_items\//, { status: 200, body });
    const line = await client.lineItems.set({ order: order.id, sku_code: SKU, quantity: 3 });
    expect(line).toMatchObject({ type: "line_items", sku_code: SKU, quantity: 3 });
    expect(lines().map((l) => [l.id, l.quantity])).toEqual([[line.id, 3]]);
    expect(fake.requests.filter((r) => r.method === "PATCH")).toHaveLength(2);
  });

  it("a create answered 2xx with another resource was taken by the server: read back, never sent again (ambiguous_write, answeredOtherwise)", async () => {
    const { fake, client, order, lines } = await setUp();
    fake.inject("POST", /^\/line_items$/, { status: 200, body: { data: { id: "o1", type: "orders" } } });
    const error = await client.lineItems.set({ order: order.id, sku_code: SKU, quantity: 3 }).catch((e) => e);
    expect(error).toMatchObject({ kind: "ambiguous_write", operation: "setLineItemQuantity" });
    expect(answeredOtherwise(error)).toBe(true);
    expect(error.message).toContain(`answered with "orders" "o1"`);
    expect(error.message).toContain("Not sent again");
    expect(fake.requests.filter((r) => r.method === "POST" && r.path === "/line_items")).toHaveLength(1);
    expect(lines()).toEqual([]);
  });

  it("a server that keeps SKU codes in another form: its line is made once, never again in the same call, and the error says so", async () => {
    const { fake, client, order } = await setUp(2, 60, { storedAs: (v) => v.toUpperCase() });
    const error = await client.lineItems
      .set({ order: order.id, sku_code: "tshirt-m", quantity: 2 })
      .catch((e) => e);
    expect(error).toMatchObject({ kind: "ambiguous_write" });
    expect(answeredOtherwise(error)).toBe(true);
    expect(error.message).toContain(`of "TSHIRT-M", quantity 2, not a new line of "tshirt-m", quantity 2`);
    expect([...fake.lineItems.values()].map((l) => [l.sku_code, l.quantity])).toEqual([["TSHIRT-M", 2]]);
    expect(fake.requests.filter((r) => r.method === "POST" && r.path === "/line_items")).toHaveLength(1);
    // Resumed (an earlier process may have sent it): the message says that attempt may have landed too.
    const resumed = await client.lineItems
      .set({ order: order.id, sku_code: "tshirt-m", quantity: 2 }, { resume: true })
      .catch((e) => e);
    expect(answeredOtherwise(resumed)).toBe(true);
    expect(resumed.message).toContain("An earlier run's attempt may have landed too.");
  });

  it.each([
    ["POST", /^\/line_items$/, false],
    ["PATCH", /^\/line_items\//, true],
  ] as const)(
    "a %s answered 2xx without its resource ({ data: null }) is read back, not taken for a missing line: one line of the quantity",
    async (method, path, existing) => {
      const { fake, client, order, lines } = await setUp();
      if (existing) await client.lineItems.set({ order: order.id, sku_code: SKU, quantity: 1 });
      fake.inject(method, path, { status: 200, body: { data: null } });
      const line = await client.lineItems.set({ order: order.id, sku_code: SKU, quantity: 3 });
      expect(line).toMatchObject({ sku_code: SKU, quantity: 3 });
      expect(lines().map((l) => [l.id, l.quantity])).toEqual([[line.id, 3]]);
    },
  );

  it("a write refused with 401 whose token cannot be renewed is an authentication error, not a maybe-applied write", async () => {
    const { fake, client, order, lines } = await setUp();
    await client.lineItems.set({ order: order.id, sku_code: SKU, quantity: 1 });
    fake.revokeTokens();
    fake.inject("POST", /^\/oauth\/token$/, { status: 503 }, 10);
    const error = await client.lineItems.set({ order: order.id, sku_code: SKU, quantity: 4 }).catch((e) => e);
    expect(error).toMatchObject({ kind: "authentication", status: 401 });
    expect(error.message).toContain("renewing it failed");
    expect(error.message).not.toContain(SECRET);
    expect(lines().map((l) => l.quantity)).toEqual([1]);
  });

  it(
    "seeded: concurrent sets in one process, on one or two SKUs, under faults, never make a second line, and each SKU ends at the quantity of its last call",
    async () => {
      await assertSchedules(
        "cl lineItems.set concurrently",
        fc.tuple(
          fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 1, max: 5 })), {
            minLength: 2,
            maxLength: 8,
          }),
          fc.array(fc.integer({ min: 0, max: FAULTS.length - 1 }), { maxLength: 6 }),
        ),
        async ([calls, faults]) => {
          const { fake, client, order } = await setUp(150);
          const skus = [SKU, "MUG-2"];
          let index = 0;
          fake.schedule = ({ method }) => (method === "GET" ? undefined : FAULTS[faults[index++] ?? 0]);
          try {
            // All at once, as `Promise.all` over a cart would: they must take turns.
            const results = await Promise.allSettled(
              calls.map(([sku, quantity]) =>
                client.lineItems.set({ order: order.id, sku_code: skus[sku] as string, quantity }),
              ),
            );
            fake.schedule = undefined;
            await new Promise((r) => setTimeout(r, 150));
            for (const [i, sku] of skus.entries()) {
              const held = [...fake.lineItems.values()].filter(
                (l) => l.orderId === order.id && l.sku_code === sku,
              );
              expect(held.length).toBeLessThanOrEqual(1);
              const mine = calls.flatMap(([s, q], at) => (s === i ? [{ q, r: results[at] }] : []));
              const last = mine.at(-1);
              // In turn, in call order: the last call of the SKU is the last write, when it succeeded.
              if (last?.r?.status === "fulfilled") expect(held.map((l) => l.quantity)).toEqual([last.q]);
            }
          } finally {
            fake.schedule = undefined;
          }
        },
        10,
      );
    },
    faultTimeout(10, "FAULT_RUNS", 8000),
  );

  it("a set waiting for another of the same SKU, aborted, stops waiting: a plain abort, nothing of it sent", async () => {
    const { fake, client, order, lines } = await setUp(300);
    // The first call's create lands late (after its 60 ms timeout), and is read back after 300 ms.
    fake.inject("POST", /^\/line_items$/, { lateMs: 100 });
    const first = client.lineItems.set({ order: order.id, sku_code: SKU, quantity: 2 });
    const controller = new AbortController();
    const second = client.lineItems
      .set({ order: order.id, sku_code: SKU, quantity: 7 }, { signal: controller.signal })
      .catch((e) => e);
    await new Promise((r) => setTimeout(r, 20));
    controller.abort();
    const error = await second;
    expect(error).toMatchObject({ kind: "aborted" });
    expect(String(error.message)).not.toContain("may have been applied");
    await first;
    // Only the first call's read, create and read-back reached the server.
    expect(lines().map((l) => l.quantity)).toEqual([2]);
    expect(fake.requests.filter((r) => r.path.includes("line_items"))).toHaveLength(3);
  });

  it.each([
    ["a create", undefined],
    ["an update", 1],
  ] as const)(
    "%s aborted while on its way, with the next call of the SKU in line: the next reads only after the settle wait, so one line of its quantity",
    async (_, existing) => {
      const { fake, client, order, lines } = await setUp(300);
      if (existing) await client.lineItems.set({ order: order.id, sku_code: SKU, quantity: existing });
      // The first call's write lands 150 ms after it arrived; its caller aborts at 40 ms.
      fake.inject(existing ? "PATCH" : "POST", /^\/line_items/, { lateMs: 150 });
      const controller = new AbortController();
      const first = client.lineItems
        .set({ order: order.id, sku_code: SKU, quantity: 2 }, { signal: controller.signal })
        .catch((e) => e);
      const second = client.lineItems.set({ order: order.id, sku_code: SKU, quantity: 3 });
      setTimeout(() => controller.abort(), 40);
      expect(await first).toMatchObject({ kind: "aborted" });
      expect(await second).toMatchObject({ quantity: 3 });
      await new Promise((r) => setTimeout(r, 200));
      expect(lines().map((l) => l.quantity)).toEqual([3]);
    },
  );

  it("a call that ends ambiguous because its read-back could not even be sent still holds the next call for the settle wait: one line", async () => {
    const { fake, order, lines } = await setUp();
    fake.validTokens.add("tok-a").add("tok-b");
    const common = { baseUrl: fake.url, authUrl: fake.url, settleMs: 300, timeoutMs: 200, maxRetries: 0 };
    // A's token renewal is refused before anything leaves (its read-back's cause is "not sent").
    const refuseTokens: typeof fetch = (input, init) =>
      String(input instanceof Request ? input.url : input).includes("/oauth/token")
        ? connectionRefused()
        : fetch(input, init);
    const a = createCommerceLayerClient({
      ...common,
      accessToken: "tok-a",
      clientId: "client-a",
      clientSecret: SECRET,
      fetch: refuseTokens,
    });
    const b = createCommerceLayerClient({ ...common, accessToken: "tok-b" });
    // A's create lands at 700 ms, after its 200 ms timeout, its 300 ms wait and its failed read-back.
    fake.inject("POST", /^\/line_items$/, { lateMs: 700 });
    let reads = 0;
    fake.schedule = ({ method, path }) =>
      method === "GET" && path.endsWith("/line_items") && ++reads === 2
        ? {
            status: 401,
            body: { errors: [{ code: "INVALID_TOKEN", title: "invalid token", status: "401" }] },
          }
        : undefined;
    const [first, second] = await Promise.all([
      a.lineItems.set({ order: order.id, sku_code: SKU, quantity: 2 }).catch((e) => e),
      b.lineItems.set({ order: order.id, sku_code: SKU, quantity: 2 }),
    ]);
    fake.schedule = undefined;
    expect(first).toMatchObject({ kind: "ambiguous_write" });
    expect(second.quantity).toBe(2);
    await new Promise((r) => setTimeout(r, 300));
    expect(lines().map((l) => l.quantity)).toEqual([2]);
  });

  it("a call refused outright (4xx) holds nobody, and a retry after an ambiguous failure waits out the hold", async () => {
    const { fake, client, order, lines } = await setUp(400);
    // Refused: the next call starts at once (no hold, no timer).
    fake.inject("POST", /^\/line_items$/, { status: 422 });
    const refused = await client.lineItems
      .set({ order: order.id, sku_code: SKU, quantity: 2 })
      .catch((e) => e);
    expect(refused).toMatchObject({ kind: "validation" });
    const order2 = fake.seedOrders(1)[0] as FakeClOrder;
    // An abort while the create is on its way (landing 200 ms later), then a retry made afterwards,
    // not queued: it still waits the hold, and finds the line.
    const aborted = await abortedMidCreate(fake, client, order2.id, 3, 200);
    expect(aborted).toMatchObject({ kind: "aborted" });
    const retried = await client.lineItems.set({ order: order2.id, sku_code: SKU, quantity: 3 });
    expect(retried.quantity).toBe(3);
    await new Promise((r) => setTimeout(r, 250));
    expect(
      [...fake.lineItems.values()].filter((l) => l.orderId === order2.id).map((l) => l.quantity),
    ).toEqual([3]);
    expect(lines()).toHaveLength(0);
  });

  it.each([
    ["the same API host spelled another way", "spelling"],
    ["another loopback name of the same server (localhost for 127.0.0.1)", "localhost"],
    ["another loopback name of the same server (v4-mapped IPv6)", "mapped"],
    ["the ESM and the CommonJS build loaded in one process", "cjs"],
  ] as const)("%s share the turns: one line", async (_, variant) => {
    // A timeout far above the creates' 50 ms: under a loaded CI host, 60 ms timed the first create
    // out (an ambiguous write, then a second line), which is not what this case is about.
    const { fake, client, order, lines } = await setUp(2, 5000);
    const build =
      variant === "cjs"
        ? (createRequire(import.meta.url)("../../dist/index.cjs") as typeof import("../../src/index.js"))
        : { createCommerceLayerClient };
    const other = build.createCommerceLayerClient({
      baseUrl:
        variant === "cjs"
          ? fake.url
          : variant === "localhost"
            ? fake.url.replace("127.0.0.1", "localhost")
            : variant === "mapped"
              ? fake.url.replace("127.0.0.1", "[::ffff:127.0.0.1]")
              : `${fake.url.replace("http://", "HTTP://")}/`,
      authUrl: fake.url,
      clientId: "client-line-set",
      clientSecret: SECRET,
      settleMs: 2,
    });
    // The creates land 50 ms after they arrive: without shared turns, the second call reads
    // before the first call's line exists, and creates another.
    expect(fake.url).toContain("//127.0.0.1:");
    fake.inject("POST", /^\/line_items$/, { lateMs: 50 }, 2);
    await Promise.all([
      client.lineItems.set({ order: order.id, sku_code: SKU, quantity: 2 }),
      other.lineItems.set({ order: order.id, sku_code: SKU, quantity: 2 }),
    ]);
    expect(lines().map((l) => l.quantity)).toEqual([2]);
  });

  it("turns are an order's and SKU's whatever host names the server (another server's only waits); another SKU or order does not wait", async () => {
    // How late the slow call's read is answered, within a timeout that waits for it: long enough
    // that a call that does not wait for it (a few local requests) ends first on a loaded machine
    // too. (With the 60 ms timeout the slow read was cut and sent again, and the race was tight:
    // CI failed once.)
    const SLOW_MS = 1500;
    const { fake, client, order } = await setUp(2, 5000);
    const elsewhere = await setUp(2, 5000);
    // Same order id and SKU on two hosts (one server may have two names no key of a name tells
    // apart): the second waits for the slow first.
    fake.inject("GET", /\/line_items$/, { lateMs: SLOW_MS });
    const done: string[] = [];
    await Promise.all([
      client.lineItems.set({ order: order.id, sku_code: SKU, quantity: 2 }).then(() => done.push("slow")),
      elsewhere.client.lineItems
        .set({ order: elsewhere.order.id, sku_code: SKU, quantity: 2 })
        .then(() => done.push("other")),
    ]);
    expect(elsewhere.order.id).toBe(order.id);
    expect(done).toEqual(["slow", "other"]);
    // Another order does not wait for a slow call, nor does another SKU of the order.
    const [order2] = fake.seedOrders(1) as [FakeClOrder];
    fake.inject("GET", new RegExp(`^/orders/${order.id}/line_items$`), { lateMs: SLOW_MS });
    const next: string[] = [];
    await Promise.all([
      client.lineItems.set({ order: order.id, sku_code: SKU, quantity: 3 }).then(() => next.push("slow")),
      client.lineItems.set({ order: order2.id, sku_code: SKU, quantity: 1 }).then(() => next.push("order")),
    ]);
    expect(next).toEqual(["order", "slow"]);
    fake.inject("GET", new RegExp(`^/orders/${order.id}/line_items$`), { lateMs: SLOW_MS });
    const sku: string[] = [];
    const slow = client.lineItems
      .set({ order: order.id, sku_code: SKU, quantity: 4 })
      .then(() => sku.push("slow"));
    await new Promise((r) => setTimeout(r, 50));
    await Promise.all([
      slow,
      client.lineItems.set({ order: order.id, sku_code: `${SKU}B`, quantity: 1 }).then(() => sku.push("sku")),
    ]);
    expect(sku).toEqual(["sku", "slow"]);
  });

  it("an abort during a slow beforeWrite ends the call at once: nothing is sent, and the next call goes on", async () => {
    const { fake, client, order, lines } = await setUp();
    const controller = new AbortController();
    let release: () => void = () => undefined;
    const hook = new Promise<void>((r) => {
      release = r;
    });
    const call = client.lineItems
      .set(
        { order: order.id, sku_code: SKU, quantity: 2 },
        { signal: controller.signal, beforeWrite: () => hook },
      )
      .catch((e) => e);
    await new Promise((r) => setTimeout(r, 30));
    controller.abort();
    const error = await call;
    expect(error).toMatchObject({ kind: "aborted" });
    expect(error).toBeInstanceOf(OrderkitError);
    release();
    await client.lineItems.set({ order: order.id, sku_code: SKU, quantity: 4 });
    expect(lines().map((l) => l.quantity)).toEqual([4]);
    expect(fake.requests.filter((r) => r.method === "POST" && r.path === "/line_items")).toHaveLength(1);
  });

  it("refuses a beforeWrite that is not a function before any request (invalid_argument)", async () => {
    const { fake, client, order } = await setUp();
    const error = await client.lineItems
      .set({ order: order.id, sku_code: SKU, quantity: 1 }, { beforeWrite: "yes" as never })
      .catch((e) => e);
    expect(error).toMatchObject({ kind: "invalid_argument" });
    expect(fake.requests.filter((r) => r.path !== "/oauth/token")).toHaveLength(0);
  });

  it("beforeWrite runs once, only when a write is needed, before it is sent; when it throws, nothing is sent", async () => {
    const { fake, client, order, lines } = await setUp();
    const posts = () => fake.requests.filter((r) => r.method !== "GET" && r.path !== "/oauth/token").length;
    const seen: number[] = [];
    const beforeWrite = () => {
      seen.push(posts());
    };
    fake.inject("POST", /^\/line_items$/, { status: 503 });
    await client.lineItems.set({ order: order.id, sku_code: SKU, quantity: 2 }, { beforeWrite });
    // Once, before the first POST, not again before the re-send that followed the 503.
    expect(seen).toEqual([0]);
    expect(posts()).toBe(2);
    await client.lineItems.set({ order: order.id, sku_code: SKU, quantity: 2 }, { beforeWrite });
    expect(seen).toEqual([0]);
    const refused = new Error("cannot record");
    const error = await client.lineItems
      .set({ order: order.id, sku_code: SKU, quantity: 4 }, { beforeWrite: () => Promise.reject(refused) })
      .catch((e) => e);
    expect(error).toBe(refused);
    expect(posts()).toBe(2);
    expect(lines().map((l) => l.quantity)).toEqual([2]);
  });

  it("refuses a signal that is not an AbortSignal before any request (invalid_argument)", async () => {
    const { fake, client, order } = await setUp();
    const error = await client.lineItems
      .set({ order: order.id, sku_code: SKU, quantity: 1 }, { signal: {} as AbortSignal })
      .catch((e) => e);
    expect(error).toMatchObject({ kind: "invalid_argument" });
    expect(fake.requests.filter((r) => r.path !== "/oauth/token")).toHaveLength(0);
  });

  it.each([
    [{ sku_code: "", quantity: 1 }],
    [{ sku_code: "   ", quantity: 1 }],
    [{ sku_code: `${SKU} `, quantity: 1 }],
    [{ sku_code: `\t${SKU}`, quantity: 1 }],
    [{ sku_code: SKU, quantity: 0 }],
    [{ sku_code: SKU, quantity: 1.5 }],
    [{ sku_code: SKU, quantity: Number.NaN }],
    [{ sku_code: 5 as unknown as string, quantity: 1 }],
  ])("refuses %j before any request (invalid_argument)", async (input) => {
    const { fake, client, order } = await setUp();
    const error = await client.lineItems.set({ order: order.id, ...input }).catch((e) => e);
    expect(error).toMatchObject({ kind: "invalid_argument" });
    expect(fake.requests.filter((r) => r.path !== "/oauth/token")).toHaveLength(0);
  });
});
