import type { StoredOrder } from "@orderkit/test-utils";
import { describe, expect, it } from "vitest";
import {
  LettrLabsAmbiguousWriteError,
  type LettrLabsError,
  LettrLabsValidationError,
} from "../../src/index.js";
import { recipients, setup } from "./helpers.js";

const liveOrders = (fake: { orders: Map<number, StoredOrder> }) =>
  [...fake.orders.values()].filter((o) => o.status !== "Deleted");

describe("safe create: never a second order", () => {
  it("reports the one new empty Draft as a candidate, never adopting it unconfirmed", async () => {
    const { fake, ll } = await setup();
    fake.inject("POST", /^\/v1\/order$/, { kind: "drop-after-apply" });
    const error = await ll.orders.create({ templateId: 12345 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LettrLabsAmbiguousWriteError);
    expect((error as LettrLabsAmbiguousWriteError).candidates).toEqual([liveOrders(fake)[0]?.id]);
    expect((error as Error).message).toMatch(/no proof of who created/);
    expect(liveOrders(fake)).toHaveLength(1);
    expect(fake.count("POST", /^\/v1\/order$/)).toBe(1);
  });

  it("adopts the one new empty Draft when the caller confirms it", async () => {
    const { fake, ll } = await setup();
    fake.inject("POST", /^\/v1\/order$/, { kind: "drop-after-apply" });
    const seen: number[] = [];
    const created = await ll.orders.create(
      { templateId: 12345 },
      {
        confirmCandidate: (o) => {
          seen.push(o.id);
          return true;
        },
      },
    );
    expect(created.recovered).toBe(true);
    expect(liveOrders(fake)).toHaveLength(1);
    expect(created.orderId).toBe(liveOrders(fake)[0]?.id);
    expect(seen).toEqual([created.orderId]);
    expect(fake.count("POST", /^\/v1\/order$/)).toBe(1);
  });

  it("after a timeout whose request the server applied, finds the order (confirmed)", async () => {
    const { fake, ll } = await setup({}, { timeoutMs: 150 });
    fake.inject("POST", /^\/v1\/order$/, { kind: "delay", ms: 500 });
    const created = await ll.orders.create({ templateId: 12345 }, { confirmCandidate: () => true });
    expect(created.recovered).toBe(true);
    expect(liveOrders(fake)).toHaveLength(1);
  });

  it("never fills another writer's Draft: a lost create while a foreign Draft appears is ambiguous", async () => {
    const { fake, ll } = await setup();
    let foreign = 0;
    fake.inject("POST", /^\/v1\/order$/, {
      kind: "side-effect",
      effect: (f) => {
        foreign = f.seedOrder("Draft", 777).id;
      },
      next: { kind: "drop-before-apply" },
    });
    const error = await ll.orders.create({ templateId: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LettrLabsAmbiguousWriteError);
    expect((error as LettrLabsAmbiguousWriteError).candidates).toEqual([foreign]);
    // Nothing was created by us, and the foreign order is untouched.
    expect(liveOrders(fake).map((o) => o.id)).toEqual([foreign]);
    expect(fake.orders.get(foreign)?.recipients).toHaveLength(0);
  });

  it("rules out a new Draft that already holds recipients, and creates again", async () => {
    const { fake, ll } = await setup();
    let foreign = 0;
    fake.inject("POST", /^\/v1\/order$/, {
      kind: "side-effect",
      effect: (f) => {
        const o = f.seedOrder("Draft", 777);
        o.recipients.push({ id: 1, address: { address1: "1 Elm St" } });
        foreign = o.id;
      },
      next: { kind: "drop-before-apply" },
    });
    const created = await ll.orders.create({ templateId: 1 });
    expect(created.recovered).toBe(false);
    expect(created.orderId).not.toBe(foreign);
    expect(fake.orders.get(created.orderId)?.templateId).toBe(1);
    expect(fake.count("POST", /^\/v1\/order$/)).toBe(2);
  });

  it("resumes a create another process sent: finds nothing new, creates once", async () => {
    const { fake, ll } = await setup();
    fake.seedOrder("Draft");
    const before = [...fake.orders.keys()];
    const created = await ll.orders.create({ templateId: 3 }, { resume: true, draftsBefore: before });
    expect(created.recovered).toBe(false);
    expect(liveOrders(fake)).toHaveLength(2);
    expect(fake.count("POST", /^\/v1\/order$/)).toBe(1);
  });

  it("checks the shape of a 2xx: a payload without orderId is invalid_response, then read back", async () => {
    const { fake, ll } = await setup();
    fake.inject("POST", /^\/v1\/order$/, {
      kind: "apply-then",
      status: 200,
      body: { payload: {}, errors: [], hasErrors: false },
    });
    const created = await ll.orders.create({ templateId: 5 }, { confirmCandidate: () => true });
    expect(created.orderId).toBe(liveOrders(fake)[0]?.id);
    expect(Number.isInteger(created.orderId)).toBe(true);
    expect(liveOrders(fake)).toHaveLength(1);
  });

  it("creates again, once, when the failed request never created the order", async () => {
    const { fake, ll } = await setup();
    fake.inject("POST", /^\/v1\/order$/, { kind: "drop-before-apply" });
    const created = await ll.orders.create({ templateId: 12345 });
    expect(created.recovered).toBe(false);
    expect(liveOrders(fake)).toHaveLength(1);
    expect(fake.count("POST", /^\/v1\/order$/)).toBe(2);
  });

  it("ignores Draft orders that existed before", async () => {
    const { fake, ll } = await setup();
    fake.seedOrder("Draft");
    fake.seedOrder("Draft");
    fake.inject("POST", /^\/v1\/order$/, { kind: "status", status: 503 });
    const created = await ll.orders.create({ templateId: 9 });
    expect(liveOrders(fake)).toHaveLength(3);
    expect(fake.orders.get(created.orderId)?.templateId).toBe(9);
  });

  it("refuses to guess when two new Draft orders appeared", async () => {
    const { fake, ll } = await setup();
    fake.inject("POST", /^\/v1\/order$/, { kind: "drop-after-apply" });
    // The before-list misses an order that another process creates at the same moment.
    fake.inject("GET", /^\/v1\/order$/, {
      kind: "status",
      status: 200,
      body: { payload: { orders: [] }, errors: [], hasErrors: false },
    });
    fake.seedOrder("Draft");
    const error = await ll.orders.create({ templateId: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LettrLabsAmbiguousWriteError);
    expect([...(error as LettrLabsAmbiguousWriteError).candidates].sort()).toEqual(
      [...fake.orders.keys()].sort(),
    );
    expect(fake.orders.size).toBe(2);
    expect(fake.count("POST", /^\/v1\/order$/)).toBe(1);
  });

  it("refuses to guess when the Draft orders cannot be read back", async () => {
    const { fake, ll } = await setup({}, { maxRetries: 0 });
    fake.inject("POST", /^\/v1\/order$/, { kind: "drop-after-apply" });
    fake.inject("GET", /^\/v1\/order$/, { kind: "status", status: 500 }, 1, 1);
    const error = await ll.orders.create({ templateId: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LettrLabsAmbiguousWriteError);
    expect((error as Error).message).toMatch(/reading the state back failed/);
    expect(fake.orders.size).toBe(1);
    expect(fake.count("POST", /^\/v1\/order$/)).toBe(1);
  });
});

describe("safe bulk append: every recipient exactly once", () => {
  it("sends 3,500 recipients in ceil(N/1000) requests and merges the results", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    const progress: number[] = [];
    const summary = await ll.orders.recipients.append(order.id, recipients(3500), {
      onProgress: (p) => progress.push(p.done),
    });
    expect(summary).toMatchObject({ submitted: 3500, sent: 3500, accepted: 3500, requests: 4, resent: 0 });
    expect(fake.count("PUT", /recipients$/)).toBe(4);
    expect(order.recipients).toHaveLength(3500);
    expect(progress.at(-1)).toBe(3500);
  });

  it("re-sends only what is missing after a chunk's connection drops after it was applied", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    fake.inject("PUT", /recipients$/, { kind: "drop-after-apply" });
    const summary = await ll.orders.recipients.append(order.id, recipients(3500), { concurrency: 2 });
    expect(order.recipients).toHaveLength(3500);
    expect(new Set(order.recipients.map((r) => r.address.address1)).size).toBe(3500);
    expect(summary.recovered).toBeGreaterThan(0);
    expect(summary.resent).toBe(0);
    expect(summary.accepted).toBe(3500);
  });

  it("re-sends a chunk the server never applied", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    fake.inject("PUT", /recipients$/, { kind: "drop-before-apply" });
    const summary = await ll.orders.recipients.append(order.id, recipients(2500));
    expect(order.recipients).toHaveLength(2500);
    expect(new Set(order.recipients.map((r) => r.address.address1)).size).toBe(2500);
    expect(summary.resent).toBe(1000);
  });

  it("verifies a timed-out chunk by read-back instead of re-sending it", async () => {
    const { fake, ll } = await setup({}, { timeoutMs: 200 });
    const order = fake.seedOrder();
    fake.inject("PUT", /recipients$/, { kind: "delay", ms: 500 });
    await ll.orders.recipients.append(order.id, recipients(1200), { concurrency: 1 });
    await new Promise((r) => setTimeout(r, 400));
    expect(order.recipients).toHaveLength(1200);
  });

  it("reports duplicate and invalid rows without sending them", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    const list = recipients(3);
    const bad = { address: { address1: "9 Elm St", city: "Austin", state: "Texas", zipCode: "78704" } };
    const summary = await ll.orders.recipients.append(order.id, [...list, { ...list[0]! }, bad]);
    expect(summary.duplicates).toEqual([{ index: 3, duplicateOf: 0 }]);
    expect(summary.rejected).toEqual([{ index: 4, reason: "INVALID_STATE", field: "state" }]);
    expect(order.recipients).toHaveLength(3);
  });

  it("one person spelled in the two Unicode forms of an accented name is mailed once: within an append, and on a resume", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    const list = recipients(3);
    const nfc = { ...list[0]!, personal: { ...list[0]!.personal, firstName: "Jos\u00e9" } };
    // The same name as a macOS export writes it (NFD), and upper-cased.
    const nfd = { ...nfc, personal: { ...nfc.personal, firstName: "Jose\u0301" } };
    const upper = { ...nfc, personal: { ...nfc.personal, firstName: "JOSE\u0301" } };
    const summary = await ll.orders.recipients.append(order.id, [nfc, list[1]!, nfd, upper]);
    expect(summary.duplicates).toEqual([
      { index: 2, duplicateOf: 0 },
      { index: 3, duplicateOf: 0 },
    ]);
    expect(order.recipients).toHaveLength(2);
    // A resumed append finds the other spelling already on the order and adds nobody twice.
    await ll.orders.recipients.append(order.id, [nfd, list[1]!, list[2]!], { resume: true });
    expect(order.recipients).toHaveLength(3);
    expect(
      order.recipients.filter((r) => String(r.personal?.firstName).normalize("NFC") === "Jos\u00e9"),
    ).toHaveLength(1);
  });

  it("mail-merge text in the other Unicode form of the same letters is the same text: a resume goes on", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    const list = recipients(2).map((r) => ({
      ...r,
      personal: { ...r.personal, salutation: "Querido Jos\u00e9" },
    }));
    await ll.orders.recipients.append(order.id, [list[0]!]);
    const nfd = { ...list[0]!, personal: { ...list[0]!.personal, salutation: "Querido Jose\u0301" } };
    await ll.orders.recipients.append(order.id, [nfd, list[1]!], { resume: true });
    expect(order.recipients).toHaveLength(2);
  });

  it("an order that already holds a person twice (two spellings 0.1.0 took for two people) is not completed by a resume", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    const list = recipients(3);
    const nfc = { ...list[0]!, personal: { ...list[0]!.personal, firstName: "Jos\u00e9" } };
    const nfd = { ...nfc, personal: { ...nfc.personal, firstName: "Jose\u0301" } };
    // Filled by 0.1.0: both spellings, the same text.
    await ll.orders.recipients.append(order.id, [nfc]);
    await ll.orders.recipients.append(order.id, [nfd]);
    expect(order.recipients).toHaveLength(2);
    const held = await ll.orders.recipients.present(order.id);
    expect(held.size).toBe(1);
    expect(held.differs(nfc)).toEqual([]);
    const error = await ll.orders.recipients
      .append(order.id, [nfc, list[1]!, list[2]!], { resume: true })
      .catch((e: unknown) => e);
    expect((error as LettrLabsError).kind).toBe("conflict");
    expect((error as Error).message).toContain("on the order twice");
    expect(order.recipients).toHaveLength(2);
  });

  it("checks rows while it sends: repeats across chunks and bad rows at the end are still caught, and the progress total only goes down to the exact count", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    const list = recipients(2500);
    // Repeats of rows from the first chunk, differing in case and spaces, and bad rows, all after
    // the first chunk has been sent.
    const repeats = [0, 1, 2].map((i) => ({
      ...list[i]!,
      address: { ...list[i]!.address, address1: ` ${list[i]!.address.address1.toUpperCase()}` },
    }));
    const bad = Array.from({ length: 4 }, (_, i) => ({
      address: { address1: `${i} Oak St`, city: "Austin", state: "TX", zipCode: "7870" },
    }));
    const all = [...list, ...repeats, ...bad];
    const totals: number[] = [];
    const summary = await ll.orders.recipients.append(order.id, all, {
      concurrency: 1,
      onProgress: (p) => totals.push(p.total),
    });
    expect(summary.duplicates).toEqual([
      { index: 2500, duplicateOf: 0 },
      { index: 2501, duplicateOf: 1 },
      { index: 2502, duplicateOf: 2 },
    ]);
    expect(summary.rejected.map((r) => r.index)).toEqual([2503, 2504, 2505, 2506]);
    expect(summary).toMatchObject({ submitted: 2507, sent: 2500, accepted: 2500, requests: 3 });
    expect(order.recipients).toHaveLength(2500);
    expect(totals[0]).toBe(2507);
    expect(totals.at(-1)).toBe(2500);
    for (let i = 1; i < totals.length; i++) expect(totals[i]).toBeLessThanOrEqual(totals[i - 1]!);
  });

  it("stops on a definitive refusal (order not editable)", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder("Paid");
    const error = await ll.orders.recipients.append(order.id, recipients(10)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LettrLabsValidationError);
    expect(order.recipients).toHaveLength(0);
  });
});

describe("checkout: never charged twice", () => {
  const body = { postageType: "Standard", productionSpeed: "Normal" } as const;

  it("reads the status after a dropped response and reports the checkout as done", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    fake.inject("POST", /checkout$/, { kind: "drop-after-apply" });
    const outcome = await ll.orders.checkout.submit(order.id, body);
    expect(outcome).toMatchObject({ recovered: true, status: "Payment Needed" });
    expect(order.checkouts).toBe(1);
  });

  it("says it is safe to retry when the order is still Draft", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    fake.inject("POST", /checkout$/, { kind: "drop-before-apply" });
    const error = await ll.orders.checkout.submit(order.id, body).catch((e: unknown) => e);
    expect((error as Error).message).toContain("check it out again only while it stays open");
    expect(order.checkouts).toBe(0);
    expect(fake.count("POST", /checkout$/)).toBe(1);
  });

  it("never trusts an answer naming another order: applied, the order's status confirms it", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    const other = fake.seedOrder();
    fake.inject("POST", /checkout$/, {
      kind: "apply-then",
      status: 200,
      body: { hasErrors: false, payload: { orderId: other.id, status: "Payment Needed" } },
    });
    const outcome = await ll.orders.checkout.submit(order.id, body);
    expect(outcome).toMatchObject({ orderId: order.id, recovered: true, status: "Payment Needed" });
    expect(order.checkouts).toBe(1);
    expect(other.checkouts).toBe(0);
    expect(fake.count("POST", /checkout$/)).toBe(1);
  });

  it("never trusts an answer naming another order: not applied, it is ambiguous and names both", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    const other = fake.seedOrder();
    fake.inject("POST", /checkout$/, {
      kind: "status",
      status: 200,
      body: { hasErrors: false, payload: { orderId: other.id, status: "Payment Needed" } },
    });
    const error = await ll.orders.checkout.submit(order.id, body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LettrLabsAmbiguousWriteError);
    expect((error as LettrLabsAmbiguousWriteError).candidates).toEqual([order.id, other.id]);
    expect((error as Error).message).not.toContain("check it out again only while it stays open");
    expect(order.checkouts).toBe(0);
    expect(order.status).toBe("Draft");
    // The same, with the id sent as a string; this order's own id as a string is this order.
    fake.inject("POST", /checkout$/, {
      kind: "status",
      status: 200,
      body: { hasErrors: false, payload: { orderId: String(other.id), status: "Payment Needed" } },
    });
    const asText = await ll.orders.checkout.submit(order.id, body).catch((e: unknown) => e);
    expect(asText).toBeInstanceOf(LettrLabsAmbiguousWriteError);
    fake.inject("POST", /checkout$/, {
      kind: "apply-then",
      status: 200,
      body: { hasErrors: false, payload: { orderId: String(order.id), status: "Payment Needed" } },
    });
    expect(await ll.orders.checkout.submit(order.id, body)).toMatchObject({ recovered: false });
    expect(order.checkouts).toBe(1);
    expect(other.checkouts).toBe(0);
    expect(fake.count("POST", /checkout$/)).toBe(3);
  });

  it("waits for settlement with the server's poll interval", async () => {
    const { fake, ll } = await setup({ pollsUntilSettled: 2 });
    const order = fake.seedOrder();
    await ll.orders.recipients.append(order.id, recipients(5));
    const outcome = await ll.orders.checkout.submit(order.id, body);
    const polls: string[] = [];
    const settled = await ll.orders.waitForSettlement(order.id, {
      pollAfterSeconds: outcome.pollAfterSeconds,
      onPoll: (s) => polls.push(s),
    });
    expect(settled.status).toBe("Paid");
    expect(polls).toEqual(["Payment Needed", "Payment Needed", "Paid"]);
    expect(order.checkouts).toBe(1);
  });

  it("reports a rollback to Draft as a payment failure", async () => {
    const { fake, ll } = await setup({ paymentFails: true, pollsUntilSettled: 0 });
    const order = fake.seedOrder();
    await ll.orders.checkout.submit(order.id, body);
    const error = await ll.orders
      .waitForSettlement(order.id, { pollAfterSeconds: 0 })
      .catch((e: unknown) => e);
    expect((error as LettrLabsError).kind).toBe("payment_failed");
  });

  it("a status read slower than the time left ends the wait at its timeout, not at the read's", async () => {
    const { fake, ll } = await setup({ pollsUntilSettled: 1000 }, { timeoutMs: 10_000 });
    const order = fake.seedOrder();
    await ll.orders.checkout.submit(order.id, body);
    fake.inject("GET", /^\/v1\/order$/, { kind: "delay", ms: 8000 });
    const started = performance.now();
    const error = await ll.orders
      .waitForSettlement(order.id, { pollAfterSeconds: 0.01, timeoutMs: 300 })
      .catch((e: unknown) => e);
    const took = performance.now() - started;
    expect((error as LettrLabsError).kind).toBe("timeout");
    expect((error as Error).message).toContain("do not check out again");
    // Far from the 8 s the read would take (the bound is the 300 ms asked, plus load).
    expect(took).toBeLessThan(5000);
    expect(order.checkouts).toBe(1);
    // The caller's own abort is still an abort, not a timeout.
    fake.inject("GET", /^\/v1\/order$/, { kind: "delay", ms: 4000 });
    const caller = new AbortController();
    setTimeout(() => caller.abort(), 50);
    const aborted = await ll.orders
      .waitForSettlement(order.id, { pollAfterSeconds: 0.01, timeoutMs: 60_000, signal: caller.signal })
      .catch((e: unknown) => e);
    expect((aborted as LettrLabsError).kind).toBe("aborted");
  });

  it("times out while payment is still pending", async () => {
    const { fake, ll } = await setup({ pollsUntilSettled: 1000 });
    const order = fake.seedOrder();
    await ll.orders.checkout.submit(order.id, body);
    const error = await ll.orders
      .waitForSettlement(order.id, { pollAfterSeconds: 0.01, timeoutMs: 100 })
      .catch((e: unknown) => e);
    expect((error as LettrLabsError).kind).toBe("timeout");
    expect(order.checkouts).toBe(1);
  });
});
