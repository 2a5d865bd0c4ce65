// A slow server: it applies a write only after the client's timeout, while the client is already
// recovering. The safe-write protocol waits `settleMs` before it reads the state back, so a write
// applied within that wait is found (and never sent a second time). Randomized over the write and
// the server's delay; every assertion is on the fakes' state (orders, rows, checkouts, triggers).
import {
  assertSchedules,
  FakeCommerceLayer,
  FakeLettrLabs,
  faultTimeout,
  type StoredOrder,
} from "@orderkit/test-utils";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createCommerceLayerClient,
  createLettrLabsClient,
  type LettrLabsError,
  OrderkitError,
  settle,
} from "../../src/index.js";

const KEY = "LL-API-late-apply-7c1e";
const TIMEOUT_MS = 100;
/** The client's settle wait in these tests: the server's delay stays below it, with a margin. */
const SETTLE_MS = 450;
const WRITES = ["ll-create", "ll-append", "ll-checkout", "cl-create", "cl-place"] as const;
type Write = (typeof WRITES)[number];

const quiet = { debug: () => {}, info: () => {}, warn: () => {} };
/** A LettrLabs client on `fake` with this file's timeout and quiet logs, and `settleMs` as given. */
const lettrLabsOn = (fake: FakeLettrLabs, settleMs: number, timeoutMs = TIMEOUT_MS) =>
  createLettrLabsClient({ apiKey: KEY, baseUrl: fake.url, timeoutMs, settleMs, logger: quiet });
const address = (i: number) => ({
  address: { address1: `${100 + i} Main St`, city: "Austin", state: "TX", zipCode: "78704" },
});

/**
 * Runs one write whose request the server applies `lateMs` after it arrived; returns whether the
 * call reported it done, and how many times the server holds it once every late request has landed.
 */
async function lateWrite(write: Write, lateMs: number, settleMs: number) {
  /**
   * Until the server has applied the late request: it logs it then, with status 0 (the client
   * had given up and closed the connection). Not a clock: a wait measured from before the request
   * left ended before it landed on a loaded machine.
   */
  const landed = async (fake: { requests: readonly { status: number }[] }) => {
    const until = performance.now() + lateMs + 10_000;
    while (!fake.requests.some((r) => r.status === 0) && performance.now() < until)
      await new Promise((r) => setTimeout(r, 10));
  };
  const options = { timeoutMs: TIMEOUT_MS, settleMs, backoff: { baseMs: 1, capMs: 2 }, logger: quiet };
  if (write.startsWith("ll-")) {
    const fake = await new FakeLettrLabs({ apiKey: KEY, pollsUntilSettled: 0 }).start();
    try {
      const ll = createLettrLabsClient({ apiKey: KEY, baseUrl: fake.url, ...options });
      const live = () => [...fake.orders.values()].filter((o: StoredOrder) => o.status !== "Deleted");
      const late = { kind: "apply-late", ms: lateMs } as const;
      if (write === "ll-create") {
        fake.inject("POST", /^\/v1\/order$/, late);
        // The one new empty Draft is this call's (the caller confirms it, as the CLI's journal does).
        const made = await ll.orders.create({ templateId: 12345 }, { confirmCandidate: () => true });
        await landed(fake);
        return { outcome: made.recovered, units: live().length };
      }
      const order = fake.seedOrder();
      if (write === "ll-append") {
        fake.inject("PUT", /\/recipients$/, late);
        const summary = await ll.orders.recipients.append(order.id, [0, 1, 2, 3].map(address));
        await landed(fake);
        return { outcome: summary.accepted === 4, units: order.recipients.length / 4 };
      }
      await ll.orders.recipients.append(order.id, [address(0)]);
      fake.inject("POST", /\/checkout$/, late);
      const done = await ll.orders.checkout.submit(order.id, {
        postageType: "Standard",
        productionSpeed: "Normal",
      });
      await landed(fake);
      return { outcome: done.orderId === order.id, units: order.checkouts };
    } finally {
      await fake.stop();
    }
  }
  const fake = await new FakeCommerceLayer().start();
  try {
    const cl = createCommerceLayerClient({
      baseUrl: fake.url,
      authUrl: fake.url,
      clientId: "client-late",
      clientSecret: "secret-late-42",
      ...options,
    });
    if (write === "cl-create") {
      fake.inject("POST", /^\/orders$/, { lateMs });
      const made = await cl.orders.create({ attributes: { reference: "WEB-LATE" } });
      await landed(fake);
      const mine = [...fake.orders.values()].filter((o) => o.attributes.reference === "WEB-LATE");
      return { outcome: made.id === mine[0]?.id, units: mine.length };
    }
    const made = await cl.orders.create({ attributes: { reference: "WEB-PLACE" } });
    fake.inject("PATCH", /^\/orders\//, { lateMs });
    await cl.orders.place(made.id);
    await landed(fake);
    return {
      outcome: fake.orders.get(made.id)?.attributes.status === "placed",
      units: fake.applied._place ?? 0,
    };
  } finally {
    await fake.stop();
  }
}

describe("a write the server applies after the client's timeout", () => {
  it(
    "is found by the read-back after the settle wait: applied once, and the call succeeds",
    async () => {
      await assertSchedules(
        "late apply within settleMs",
        fc.tuple(fc.constantFrom(...WRITES), fc.integer({ min: TIMEOUT_MS + 20, max: SETTLE_MS - 50 })),
        async ([write, lateMs]) => {
          const { outcome, units } = await lateWrite(write, lateMs, SETTLE_MS);
          expect(units, `${write} applied ${lateMs} ms late`).toBe(1);
          expect(outcome, `${write} applied ${lateMs} ms late`).toBe(true);
        },
        20,
      );
    },
    faultTimeout(20, "FAULT_RUNS", 3000),
  );

  it("without the wait (settleMs: 0) the read-back comes too early and a create is sent twice: what the wait prevents", async () => {
    // The limit the wait narrows, shown on the fakes: a write applied after the read-back is not
    // seen. (This is also why `settleMs` must stay above what a server may take after a timeout.)
    // Applied 1 s late: the read-back, due right after the 100 ms timeout, comes first even on a
    // loaded machine.
    expect((await lateWrite("ll-create", 1000, 0)).units).toBe(2);
    expect((await lateWrite("cl-create", 1000, 0)).units).toBe(2);
  });

  it("a bulk append whose other chunk is refused reads the late chunk back after the wait: never called safe to send again", async () => {
    const fake = await new FakeLettrLabs({ apiKey: KEY }).start();
    try {
      const ll = lettrLabsOn(fake, SETTLE_MS);
      const order = fake.seedOrder();
      const rows = [0, 1, 2, 3].map(address);
      // One chunk is applied late (the client times out on it), the other is refused for sure.
      fake
        .inject("PUT", /\/recipients$/, { kind: "apply-late", ms: TIMEOUT_MS + 150 })
        .inject("PUT", /\/recipients$/, { kind: "status", status: 400, body: "refused" });
      const error = (await ll.orders.recipients
        .append(order.id, rows, { chunkSize: 2, concurrency: 2 })
        .catch((e: unknown) => e)) as LettrLabsError;
      expect(error.kind).toBe("validation");
      // The late chunk was read back after it landed: its 2 rows count as added, and nothing
      // invites a re-send of them.
      expect(error.partial?.accepted).toBe(2);
      expect(error.message).not.toMatch(/safe to send them again/);
      await new Promise((r) => setTimeout(r, 200));
      expect(order.recipients).toHaveLength(2);
    } finally {
      await fake.stop();
    }
  });

  it("each write, applied just before the wait ends, is found: the whole settleMs, with no random delay to help", async () => {
    // The read-back comes at least timeout + settleMs after the request left; the server applies it
    // 80 ms before that. A wait 20% short (or one that only a random backoff stretched) misses it.
    for (const write of WRITES) {
      const { outcome, units } = await lateWrite(write, TIMEOUT_MS + SETTLE_MS - 80, SETTLE_MS);
      expect(units, write).toBe(1);
      expect(outcome, write).toBe(true);
    }
  });

  // A wait that ignored the abort would outlast the test's time limit (the settle wait here is a minute).
  it("an abort during the wait ends the write at once, as an abort that says the write may have gone through", async () => {
    const fake = await new FakeLettrLabs({ apiKey: KEY }).start();
    try {
      const ll = lettrLabsOn(fake, 60_000);
      const late = { kind: "apply-late", ms: TIMEOUT_MS + 50 } as const;
      const abortSoon = () => {
        const controller = new AbortController();
        setTimeout(() => controller.abort(), TIMEOUT_MS * 3);
        return controller.signal;
      };
      fake.inject("POST", /^\/v1\/order$/, late);
      const error = (await ll.orders
        .create({ templateId: 1 }, { signal: abortSoon() })
        .catch((e: unknown) => e)) as LettrLabsError;
      expect(error.kind).toBe("aborted");
      // A create given no `draftsBefore` cannot be resumed: the advice says what to check instead.
      expect(error.message).toMatch(/may have gone through; check the Draft orders \(pass `draftsBefore`/);
      // Nothing was sent again: one create request, whatever the server did with it.
      expect(fake.count("POST", /^\/v1\/order$/)).toBe(1);

      // An append: chunks 1 and 3 confirmed, chunk 2 late; the abort keeps the partial summary.
      const order = fake.seedOrder();
      fake.inject("PUT", /\/recipients$/, late, 1, 1);
      const appendError = (await ll.orders.recipients
        .append(order.id, [0, 1, 2, 3, 4, 5].map(address), {
          chunkSize: 2,
          concurrency: 1,
          signal: abortSoon(),
        })
        .catch((e: unknown) => e)) as LettrLabsError;
      expect(appendError.kind).toBe("aborted");
      expect(appendError.message).toMatch(/may have gone through/);
      expect(appendError.partial?.accepted).toBe(4);
      await new Promise((r) => setTimeout(r, 100));
      expect(order.recipients).toHaveLength(6);
    } finally {
      await fake.stop();
    }
  });

  it("an abort during the read-back itself is an abort that says the write may have gone through", async () => {
    const fake = await new FakeLettrLabs({ apiKey: KEY }).start();
    try {
      const ll = lettrLabsOn(fake, 10);
      const order = fake.seedOrder();
      fake.inject("PUT", /\/recipients$/, { kind: "apply-late", ms: TIMEOUT_MS + 50 });
      // The read-back (the order's recipients) never answers in time, retries included; the
      // caller aborts meanwhile.
      fake.inject("GET", /\/recipients/, { kind: "delay", ms: 60_000 }, 10);
      const controller = new AbortController();
      setTimeout(() => controller.abort(), TIMEOUT_MS * 3);
      const error = (await ll.orders.recipients
        .append(order.id, [0, 1].map(address), { signal: controller.signal })
        .catch((e: unknown) => e)) as LettrLabsError;
      expect(error.kind).toBe("aborted");
      expect(error.message).toMatch(/may have gone through/);
      expect(error.partial).toBeDefined();
      // The one append that was sent, never a second.
      expect(fake.count("PUT", /\/recipients$/)).toBe(1);
    } finally {
      await fake.stop();
    }
  });

  it("a signal that is not an AbortSignal, with resume: an argument error at once, nothing sent, no timer left", async () => {
    const fake = await new FakeLettrLabs({ apiKey: KEY }).start();
    try {
      const ll = lettrLabsOn(fake, 60_000, 30_000);
      const order = fake.seedOrder();
      const timers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
      const before = timers();
      for (const signal of [{}, { aborted: true }, new AbortController()]) {
        const error = (await ll.orders.recipients
          .append(order.id, [address(0)], { resume: true, signal: signal as unknown as AbortSignal })
          .catch((e: unknown) => e)) as LettrLabsError;
        expect(error.kind).toBe("invalid_argument");
      }
      expect(timers()).toBe(before);
      expect(fake.requests.filter((r) => r.path.includes("/recipients"))).toHaveLength(0);
    } finally {
      await fake.stop();
    }
  });

  it("resuming at once after an abort, while the first request is still being applied, waits for it: one order, each row once", async () => {
    const options = {
      timeoutMs: 5_000,
      settleMs: SETTLE_MS,
      backoff: { baseMs: 1, capMs: 2 },
      logger: quiet,
    };
    const abortAfter = (ms: number) => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), ms);
      return controller.signal;
    };
    const ll = await new FakeLettrLabs({ apiKey: KEY }).start();
    const cl = await new FakeCommerceLayer().start();
    try {
      const client = createLettrLabsClient({ apiKey: KEY, baseUrl: ll.url, ...options });
      const order = ll.seedOrder();
      const rows = [0, 1, 2, 3].map(address);
      // The caller gives up (Ctrl-C) while the server is still applying the append.
      ll.inject("PUT", /\/recipients$/, { kind: "apply-late", ms: 250 });
      await client.orders.recipients
        .append(order.id, rows, { signal: abortAfter(50) })
        .catch(() => undefined);
      await client.orders.recipients.append(order.id, rows, { resume: true });
      await new Promise((r) => setTimeout(r, 300));
      expect(order.recipients).toHaveLength(4);

      const clClient = createCommerceLayerClient({
        baseUrl: cl.url,
        authUrl: cl.url,
        clientId: "client-late",
        clientSecret: "secret-late-42",
        ...options,
      });
      cl.inject("POST", /^\/orders$/, { lateMs: 250 });
      const attributes = { reference: "WEB-RESUME" };
      await clClient.orders.create({ attributes }, {}, { signal: abortAfter(50) }).catch(() => undefined);
      await clClient.orders.create({ attributes }, {}, { resume: true });
      await new Promise((r) => setTimeout(r, 300));
      expect([...cl.orders.values()].filter((o) => o.attributes.reference === "WEB-RESUME")).toHaveLength(1);
    } finally {
      await ll.stop();
      await cl.stop();
    }
  });

  it("the abort's warning survives a long, multi-line earlier failure (a middleware's own message)", async () => {
    const fake = await new FakeLettrLabs({ apiKey: KEY }).start();
    try {
      const ll = lettrLabsOn(fake, 60_000, 30_000);
      ll.raw.use({
        onResponse({ request }) {
          if (request.method === "POST")
            throw new Error(`${"audit log unavailable ".repeat(12)}\nsecond line`);
        },
      });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 300);
      const error = (await ll.orders
        .create({ templateId: 1 }, { signal: controller.signal })
        .catch((e: unknown) => e)) as LettrLabsError;
      expect(error.kind).toBe("aborted");
      expect(error.message).toMatch(
        /^createOrderFromTemplate: aborted before reading back: it may have gone through/,
      );
      expect(error.message).not.toContain("\n");
      expect(fake.count("POST", /^\/v1\/order$/)).toBe(1);
    } finally {
      await fake.stop();
    }
  });

  it("settle(): an abort is an OrderkitError of kind aborted; a bad ms or signal an argument error at once", async () => {
    const controller = new AbortController();
    const waiting = settle(60_000, controller.signal).catch((e: unknown) => e);
    controller.abort();
    const aborted = (await waiting) as OrderkitError;
    expect(aborted).toBeInstanceOf(OrderkitError);
    expect(aborted.kind).toBe("aborted");
    for (const [ms, signal] of [
      [Number.NaN, undefined],
      [-1, undefined],
      [Number.POSITIVE_INFINITY, undefined],
      ["abc", undefined],
      ["5", undefined],
      [null, undefined],
      [true, undefined],
      [10, {}],
    ] as const) {
      const error = (await settle(ms as number, signal as AbortSignal | undefined).catch(
        (e: unknown) => e,
      )) as OrderkitError;
      expect(error).toBeInstanceOf(OrderkitError);
      expect(error.kind).toBe("invalid_argument");
    }
  });

  it("refuses a settleMs that is not a number of ms", () => {
    for (const settleMs of [-1, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() => createLettrLabsClient({ apiKey: KEY, settleMs })).toThrow(/settleMs must be a number/);
  });
});
