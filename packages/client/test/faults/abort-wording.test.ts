import { FakeCommerceLayer, FakeLettrLabs } from "@orderkit/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  CommerceLayerAbortError,
  type CommerceLayerError,
  createCommerceLayerClient,
  createLettrLabsClient,
  LettrLabsAbortError,
  type LettrLabsError,
} from "../../src/index.js";

// What an abort says depends on whether the write could have left: "may have been applied" only
// when it was on its way, with advice the caller can follow; a plain abort when nothing left (a
// wait, a signal already aborted). Each case from the third review of the abort protocol.

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((s) => s()));
});

const options = { timeoutMs: 5000, backoff: { baseMs: 1, capMs: 5 }, settleMs: 2 };
async function ll(client: Record<string, unknown> = {}) {
  const fake = await new FakeLettrLabs().start();
  stops.push(() => fake.stop());
  return {
    fake,
    c: createLettrLabsClient({ apiKey: fake.options.apiKey, baseUrl: fake.url, ...options, ...client }),
  };
}
async function cl(fakeOptions: ConstructorParameters<typeof FakeCommerceLayer>[0] = {}) {
  const fake = await new FakeCommerceLayer(fakeOptions).start();
  stops.push(() => fake.stop());
  const c = createCommerceLayerClient({
    baseUrl: fake.url,
    authUrl: fake.url,
    clientId: "client-abort",
    clientSecret: "secret-abort-5521",
    ...options,
  });
  return { fake, c };
}
const abortAfter = (ms: number) => {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), ms);
  return controller.signal;
};
/**
 * A signal aborted the moment the fake holds the matching request (so the write is surely on its
 * way, whatever the load: a token fetch first, or a slow machine, cannot make it a plain abort),
 * and the gate that lets the held request go on and apply.
 */
function abortOnArrival(fake: FakeCommerceLayer, method: string, path: RegExp) {
  const controller = new AbortController();
  let release = () => {};
  fake.inject(method, path, {
    heldUntil: new Promise<void>((r) => {
      release = r;
    }),
    onHeld: () => controller.abort(),
  });
  return { signal: controller.signal, release: () => release() };
}
const rows = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    address: { address1: `${100 + i} Main St`, city: "Austin", state: "TX", zipCode: "78704" },
    personal: { firstName: `F${i}`, lastName: "Doe" },
  }));
const IN_FLIGHT = /may have been applied|may already have been sent/;

describe("an abort when nothing left is a plain abort", () => {
  it("checkout.submit with a signal aborted before the call: no POST, no claim it was sent", async () => {
    const { fake, c } = await ll();
    const order = fake.seedOrder();
    order.recipients.push({ id: 1, address: {} });
    const error = (await c.orders.checkout
      .submit(
        order.id,
        { postageType: "Standard", productionSpeed: "Normal" },
        { signal: AbortSignal.abort() },
      )
      .catch((e: unknown) => e)) as LettrLabsError;
    expect(fake.count("POST", /checkout$/)).toBe(0);
    expect(error).toBeInstanceOf(LettrLabsAbortError);
    expect(error.message).not.toMatch(IN_FLIGHT);
  });

  it("a LettrLabs create answered 429 and aborted during the Retry-After pause: nothing applied, a plain abort", async () => {
    // Aborted once the 429 is in and its pause begins (the retry is logged right before it), not
    // after a fixed time: a 429 slower to come than that would make the abort one in flight.
    const controller = new AbortController();
    const debug = (message: string) => {
      if (message.includes("after HTTP 429")) setTimeout(() => controller.abort(), 50);
    };
    const { fake, c } = await ll({ logger: { debug, info: () => {}, warn: () => {} } });
    fake.inject("POST", /^\/v1\/order$/, { kind: "status", status: 429, headers: { "retry-after": "2" } });
    const error = (await c.orders
      .create({ templateId: 1 }, { draftsBefore: [], signal: controller.signal })
      .catch((e: unknown) => e)) as LettrLabsError;
    expect(fake.orders.size).toBe(0);
    expect(error.kind).toBe("aborted");
    expect(error.message).not.toMatch(IN_FLIGHT);
  });

  it("a Commerce Layer place aborted while its token is renewed after a 401: nothing applied, a plain abort", async () => {
    const { fake, c } = await cl();
    const [order] = fake.seedOrders(1);
    await c.orders.retrieve(order?.id as string);
    fake.revokeTokens();
    // Aborted while the renewal is held at the token server (after the 401 came), then let go.
    const controller = new AbortController();
    let release = () => {};
    fake.inject("POST", /^\/oauth\/token$/, {
      heldUntil: new Promise<void>((r) => {
        release = r;
      }),
      onHeld: () => controller.abort(),
    });
    const error = (await c.orders
      .place(order?.id as string, { signal: controller.signal })
      .catch((e: unknown) => e)) as CommerceLayerError;
    release();
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.tokenRequests).toBe(2);
    expect(fake.applied._place ?? 0).toBe(0);
    expect(error).toBeInstanceOf(CommerceLayerAbortError);
    expect(error.message).not.toMatch(IN_FLIGHT);
  });
});

describe("a bulk append's abort always carries what it confirmed", () => {
  it.each([
    ["in a Retry-After pause", { kind: "status", status: 429, headers: { "retry-after": "2" } }, {}],
    [
      "in the wait before its read-back",
      { kind: "status", status: 422, body: { message: "bad" } },
      { settleMs: 600 },
    ],
  ] as const)(
    "aborted %s after an earlier chunk failed ambiguously: it may have been applied, and resume converges",
    async (_, second, client) => {
      const { fake, c } = await ll(client);
      const order = fake.seedOrder();
      fake.inject("PUT", /recipients$/, { kind: "drop-after-apply" });
      fake.inject("PUT", /recipients$/, second as never);
      const error = (await c.orders.recipients
        .append(order.id, rows(6), { chunkSize: 2, concurrency: 1, signal: abortAfter(250) })
        .catch((e: unknown) => e)) as LettrLabsError;
      expect(error.kind).toBe("aborted");
      expect(order.recipients).toHaveLength(2);
      expect(error.message).toMatch(/may have been applied; read it back \(`resume: true`\)/);
      await c.orders.recipients.append(order.id, rows(6), { chunkSize: 2, resume: true });
      expect(order.recipients).toHaveLength(6);
    },
  );

  it("aborted between chunks (nothing in flight): the partial summary matches the server", async () => {
    const { fake, c } = await ll();
    const order = fake.seedOrder();
    const controller = new AbortController();
    const error = (await c.orders.recipients
      .append(order.id, rows(6), {
        chunkSize: 2,
        concurrency: 1,
        signal: controller.signal,
        onProgress: () => controller.abort(),
      })
      .catch((e: unknown) => e)) as LettrLabsError & { partial?: { accepted: number } };
    expect(error.kind).toBe("aborted");
    expect(fake.count("PUT", /recipients$/)).toBe(1);
    expect(order.recipients).toHaveLength(2);
    expect(error.partial?.accepted).toBe(2);
    expect(error.message).not.toMatch(IN_FLIGHT);
  });

  it("aborted after its read-back, before the re-send: the partial summary is kept", async () => {
    const { fake, c } = await ll();
    const order = fake.seedOrder();
    fake.inject("PUT", /recipients$/, { kind: "drop-after-apply" }, 1, 1);
    fake.inject("PUT", /recipients$/, { kind: "drop-before-apply" }, 1, 0);
    const controller = new AbortController();
    let calls = 0;
    const error = (await c.orders.recipients
      .append(order.id, rows(6), {
        chunkSize: 2,
        concurrency: 1,
        signal: controller.signal,
        onProgress: () => {
          if (++calls === 2) controller.abort();
        },
      })
      .catch((e: unknown) => e)) as LettrLabsError & { partial?: { accepted: number } };
    expect(error.kind).toBe("aborted");
    expect(order.recipients).toHaveLength(4);
    expect(error.partial?.accepted).toBe(4);
  });
});

describe("an abort while a write was on its way gives advice the caller can follow", () => {
  it("a LettrLabs create without draftsBefore: check the Draft orders (resume needs the snapshot)", async () => {
    const { fake, c } = await ll({ settleMs: 400 });
    fake.inject("POST", /^\/v1\/order$/, { kind: "apply-late", ms: 150 });
    const error = (await c.orders
      .create({ templateId: 1 }, { signal: abortAfter(50) })
      .catch((e: unknown) => e)) as LettrLabsError;
    expect(error.message).toMatch(/may have been applied; check the Draft orders \(pass `draftsBefore`/);
    expect(error.message).not.toContain("resume: true");
  });

  it("a Commerce Layer place: retrieve the order and check its status (a trigger has no resume)", async () => {
    const { fake, c } = await cl();
    const [order] = fake.seedOrders(1);
    await c.orders.retrieve(order?.id as string);
    const { signal, release } = abortOnArrival(fake, "PATCH", /^\/orders\//);
    const error = (await c.orders
      .place(order?.id as string, { signal })
      .catch((e: unknown) => e)) as CommerceLayerError;
    release();
    expect(error.message).toMatch(/may have been applied; retrieve the order and check its status/);
    expect(error.message).not.toContain("resume: true");
  });

  it("a Commerce Layer create by reference: resume (it looks the reference up)", async () => {
    // The token is slow on purpose: an abort on a clock (the test's old form) came while the token
    // was still being fetched under CI load, and was rightly a plain abort.
    const { fake, c } = await cl({ tokenDelayMs: 120 });
    const { signal, release } = abortOnArrival(fake, "POST", /^\/orders$/);
    const error = (await c.orders
      .create({ attributes: { reference: "AB-1" } }, {}, { signal })
      .catch((e: unknown) => e)) as CommerceLayerError;
    expect(error.message).toMatch(/may have been applied; read it back \(`resume: true`\)/);
    release();
    await vi.waitFor(() => expect(fake.orders.size).toBe(1));
    const again = await c.orders.create({ attributes: { reference: "AB-1" } }, {}, { resume: true });
    expect([...fake.orders.values()].filter((o) => o.attributes.reference === "AB-1")).toHaveLength(1);
    expect(again.reference).toBe("AB-1");
  });
});
