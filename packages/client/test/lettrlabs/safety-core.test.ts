import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import {
  LettrLabsAmbiguousWriteError,
  type LettrLabsError,
  LettrLabsOrderClosedError,
  LettrLabsPaymentError,
  LettrLabsRedirectError,
} from "../../src/index.js";
import { recipients, setup } from "./helpers.js";

const body = { postageType: "Standard", productionSpeed: "Normal" } as const;

/** A server on another origin that records what reaches it. */
async function otherOrigin() {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ payload: { orderId: 1, status: "Draft", orders: [] }, hasErrors: false }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, stop: () => new Promise<void>((r) => server.close(() => r())) };
}

describe("append: recovery rounds separate from transport retries", () => {
  it("reads back after an ambiguous chunk even with maxRetries 0 and recoveryRounds 0", async () => {
    const { fake, ll } = await setup({}, { maxRetries: 0, recoveryRounds: 0 });
    const order = fake.seedOrder();
    fake.inject("PUT", /recipients$/, { kind: "drop-after-apply" });
    const summary = await ll.orders.recipients.append(order.id, recipients(1500), { concurrency: 1 });
    expect(order.recipients).toHaveLength(1500);
    expect(summary).toMatchObject({ accepted: 1500, recovered: 1000, resent: 0 });
    expect(fake.count("GET", /recipients$/)).toBeGreaterThan(0);
  });

  it("with recoveryRounds 0, an unapplied chunk is reported (not ambiguous) with the partial summary", async () => {
    const { fake, ll } = await setup({}, { maxRetries: 0, recoveryRounds: 0 });
    const order = fake.seedOrder();
    fake.inject("PUT", /recipients$/, { kind: "drop-before-apply" }, 1, 1);
    const error = (await ll.orders.recipients
      .append(order.id, recipients(2500), { concurrency: 1 })
      .catch((e: unknown) => e)) as LettrLabsError;
    expect(error.kind).toBe("connection");
    expect(error.message).toMatch(/1000 recipients were not added/);
    expect(error.partial?.accepted).toBe(1500);
    expect(order.recipients).toHaveLength(1500);
  });

  it("keeps the summary of applied chunks when a later chunk is refused", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    fake.inject("PUT", /recipients$/, { kind: "status", status: 400, body: { errors: ["nope"] } }, 1, 2);
    const error = (await ll.orders.recipients
      .append(order.id, recipients(4000), { concurrency: 1 })
      .catch((e: unknown) => e)) as LettrLabsError;
    expect(error.kind).toBe("validation");
    expect(error.partial?.accepted).toBe(2000);
    expect(order.recipients).toHaveLength(2000);
  });

  it("resume reads back first and sends only the missing recipients", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    const list = recipients(30);
    await ll.orders.recipients.append(order.id, list.slice(0, 12));
    const summary = await ll.orders.recipients.append(order.id, list, { resume: true });
    expect(order.recipients).toHaveLength(30);
    expect(summary).toMatchObject({ recovered: 12, accepted: 30 });
  });
});

describe("checkout and settlement by the status table", () => {
  it("resume does not check out again when the order is already Payment Needed", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    await ll.orders.checkout.submit(order.id, body);
    const again = await ll.orders.checkout.submit(order.id, body, { resume: true });
    expect(again.recovered).toBe(true);
    expect(order.checkouts).toBe(1);
  });

  it("a resumed checkout whose first read misses the order in a listing is ambiguous (not not_found): the checkout may still be landing", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    const empty = {
      kind: "status",
      status: 200,
      body: { payload: { orderId: 0, status: "", orders: [] }, errors: [], hasErrors: false },
    } as const;
    fake.inject("GET", /^\/v1\/order$/, empty, 1);
    const error = await ll.orders.checkout.submit(order.id, body, { resume: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LettrLabsAmbiguousWriteError);
    expect(order.checkouts).toBe(0);
  });

  it("a resumed checkout whose first read is refused for the key (401) throws that error: nothing was sent", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    fake.inject("GET", /^\/v1\/order$/, { kind: "status", status: 401, body: { errors: ["bad key"] } }, 1);
    const error = await ll.orders.checkout.submit(order.id, body, { resume: true }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "authentication" });
    expect(order.checkouts).toBe(0);
  });

  it("a checkout whose read-back shows Cancelled is order_closed, not a success", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    fake.inject("POST", /checkout$/, {
      kind: "side-effect",
      effect: () => {
        order.status = "Cancelled";
      },
      next: { kind: "drop-before-apply" },
    });
    const error = await ll.orders.checkout.submit(order.id, body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LettrLabsOrderClosedError);
    expect(order.checkouts).toBe(0);
  });

  it("a checkout whose status cannot be read back is ambiguous and never re-sent", async () => {
    const { fake, ll } = await setup({}, { maxRetries: 0 });
    const order = fake.seedOrder();
    fake.inject("POST", /checkout$/, { kind: "drop-after-apply" });
    fake.inject("GET", /^\/v1\/order$/, { kind: "status", status: 503 });
    const error = await ll.orders.checkout.submit(order.id, body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LettrLabsAmbiguousWriteError);
    expect(order.checkouts).toBe(1);
    expect(fake.count("POST", /checkout$/)).toBe(1);
  });

  it.each(["Cancelled", "Refunded", "Deleted", "Error"])(
    "waitForSettlement: %s is final (order_closed)",
    async (status) => {
      const { fake, ll } = await setup();
      const order = fake.seedOrder(status === "Deleted" ? "Draft" : status);
      if (status === "Deleted") {
        // A deleted order reads as missing from the list; the fake keeps it readable by id only when not Deleted.
        order.status = "Error";
      }
      const error = await ll.orders.waitForSettlement(order.id).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LettrLabsOrderClosedError);
      expect((error as LettrLabsError).kind).toBe("order_closed");
    },
  );

  it("waitForSettlement: a rollback to Draft is a retryable payment failure", async () => {
    const { fake, ll } = await setup({ paymentFails: true, pollsUntilSettled: 0 });
    const order = fake.seedOrder();
    await ll.orders.checkout.submit(order.id, body);
    const error = await ll.orders.waitForSettlement(order.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LettrLabsPaymentError);
  });

  it.each([
    ["still in Draft", (id: number) => [{ id, status: "Draft", templateId: 1 }]],
    ["not listed yet", () => []],
  ])(
    "waitForSettlement: one listing %s (a replica behind the checkout) is polled again, not a payment failure",
    async (_, stale) => {
      // One poll decided: "back in Draft, it may be checked out again" invited a second checkout
      // of an order that was being paid, and "not listed" called it deleted.
      const { fake, ll } = await setup({ pollsUntilSettled: 1 });
      const order = fake.seedOrder();
      await ll.orders.checkout.submit(order.id, body);
      const listing = {
        payload: { orderId: 0, status: "", orders: stale(order.id) },
        errors: [],
        hasErrors: false,
      };
      fake.inject("GET", /^\/v1\/order$/, { kind: "status", status: 200, body: listing });
      const settled = await ll.orders.waitForSettlement(order.id, { pollAfterSeconds: 1 });
      expect(settled.status).toBe("Paid");
      expect(order.checkouts).toBe(1);
    },
  );

  it("a lost checkout answer read back from one stale listing (still Draft) is read again: recovered, one checkout", async () => {
    // Found by the sixth review: one reading in Draft made the checkout "not applied, safe to
    // check out again" while the order was being paid.
    const { fake, ll } = await setup({ pollsUntilSettled: 5 });
    const order = fake.seedOrder();
    fake.inject("POST", /checkout$/, { kind: "drop-after-apply" });
    fake.inject("GET", /^\/v1\/order$/, {
      kind: "status",
      status: 200,
      body: {
        payload: { orderId: 0, status: "", orders: [{ id: order.id, status: "Draft", templateId: 1 }] },
        errors: [],
        hasErrors: false,
      },
    });
    const outcome = await ll.orders.checkout.submit(order.id, body);
    expect(outcome.recovered).toBe(true);
    expect(outcome.status).toBe("Payment Needed");
    expect(order.checkouts).toBe(1);
    expect(fake.count("POST", /checkout$/)).toBe(1);
  });

  it("never polls in a tight loop, whatever pollAfterSeconds says", async () => {
    const { fake, ll } = await setup({ pollsUntilSettled: 10_000 });
    const order = fake.seedOrder();
    await ll.orders.checkout.submit(order.id, body);
    for (const pollAfterSeconds of [0, -5, Number.NaN]) {
      const before = fake.count("GET", /^\/v1\/order$/);
      await ll.orders
        .waitForSettlement(order.id, { pollAfterSeconds, timeoutMs: 1500 })
        .catch(() => undefined);
      // 1 s floor: a poll at 0 s, 1 s and at the 1.5 s deadline at most.
      expect(fake.count("GET", /^\/v1\/order$/) - before).toBeLessThanOrEqual(3);
    }
  });

  it("polls again at the deadline when the interval equals the timeout", async () => {
    const { fake, ll } = await setup({ pollsUntilSettled: 1 });
    const order = fake.seedOrder();
    await ll.orders.checkout.submit(order.id, body);
    const settled = await ll.orders.waitForSettlement(order.id, { pollAfterSeconds: 1, timeoutMs: 1000 });
    expect(settled).toMatchObject({ status: "Paid", polls: 2 });
  });

  it("rejects a non-positive timeout before any request", async () => {
    const { fake, ll } = await setup();
    const error = await ll.orders.waitForSettlement(5, { timeoutMs: 0 }).catch((e: unknown) => e);
    expect((error as LettrLabsError).kind).toBe("invalid_argument");
    expect(fake.requests).toHaveLength(0);
  });
});

describe("redirects never carry the key to another origin, and never replay a write", () => {
  it("a GET redirected to another origin is refused; the other origin sees nothing", async () => {
    const other = await otherOrigin();
    try {
      const { fake, ll } = await setup();
      fake.inject("GET", /^\/v1\/me$/, {
        kind: "status",
        status: 302,
        headers: { location: `${other.url}/v1/me` },
      });
      const error = await ll.me().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LettrLabsRedirectError);
      expect((error as Error).message).toContain("another origin");
      expect(other.seen).toHaveLength(0);
    } finally {
      await other.stop();
    }
  });

  it("a checkout answered with 307 to another origin is not replayed there, and not charged twice", async () => {
    const other = await otherOrigin();
    try {
      const { fake, ll } = await setup({}, { maxRetries: 0 });
      const order = fake.seedOrder();
      fake.inject("POST", /checkout$/, {
        kind: "status",
        status: 307,
        headers: { location: `${other.url}/v1/order/${order.id}/checkout` },
      });
      const error = await ll.orders.checkout.submit(order.id, body).catch((e: unknown) => e);
      expect((error as LettrLabsError).kind).toBe("redirect");
      expect((error as Error).message).toContain("check it out again only while it stays open");
      expect(other.seen).toHaveLength(0);
      expect(order.checkouts).toBe(0);
    } finally {
      await other.stop();
    }
  });

  it("a bulk append's chunk redirected (308) to another origin: refused naming it, the other origin sees nothing, each row once", async () => {
    const other = await otherOrigin();
    try {
      const { fake, ll } = await setup({}, { maxRetries: 0, recoveryRounds: 0 });
      const order = fake.seedOrder();
      const location = `${other.url}/v1/order/${order.id}/recipients`;
      fake.inject("PUT", /recipients$/, { kind: "status", status: 308, headers: { location } }, 1, 1);
      const error = (await ll.orders.recipients
        .append(order.id, recipients(2500), { concurrency: 1 })
        .catch((e: unknown) => e)) as LettrLabsError;
      expect(error.kind).toBe("redirect");
      // (Node's fetch refuses it itself, `redirect: "error"`; the client tells it from what its
      // dispatcher saw: the same words as the browser build's "manual".)
      expect(error.message).toContain(`PUT was redirected (HTTP 308) to another origin (${other.url})`);
      expect(other.seen).toHaveLength(0);
      expect(order.recipients).toHaveLength(1500);
      expect(new Set(order.recipients.map((r) => r.address?.address1)).size).toBe(1500);
    } finally {
      await other.stop();
    }
  });

  it("a same-origin redirect of a GET is refused too, and not followed: what answers elsewhere is not what was asked", async () => {
    const { fake, ll } = await setup();
    fake.inject("GET", /^\/v1\/me$/, { kind: "status", status: 301, headers: { location: "/v1/me?again" } });
    const error = await ll.me().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LettrLabsRedirectError);
    expect((error as Error).message).toContain("GET was redirected (HTTP 301): no redirect is followed");
    expect(fake.requests.filter((r) => r.path === "/v1/me")).toHaveLength(1);
  });
});

describe("2xx bodies of the wrong shape", () => {
  it("a list payload without orders is invalid_response naming the operation, not a TypeError", async () => {
    const { fake, ll } = await setup({}, { maxRetries: 0 });
    fake.inject("GET", /^\/v1\/order$/, {
      kind: "status",
      status: 200,
      body: { payload: {}, hasErrors: false },
    });
    const error = (await ll.orders.retrieve(5).catch((e: unknown) => e)) as LettrLabsError;
    expect(error.kind).toBe("invalid_response");
    expect(error.operation).toBe("getOrders");
  });
});

describe("the key never leaves in an error", () => {
  it("is redacted from reasonCode and every recipientErrors field the server echoes", async () => {
    const { fake, ll } = await setup();
    const key = fake.options.apiKey;
    fake.inject("GET", /^\/v1\/me$/, {
      kind: "status",
      status: 422,
      body: {
        reasonCode: key,
        errors: [`bad ${key}`],
        rejected: [{ reasonCode: "X", field: key, value: `v-${key}`, message: key }],
      },
    });
    const error = (await ll.me().catch((e: unknown) => e)) as LettrLabsError;
    expect(error.kind).toBe("validation");
    const text = `${error.message} ${JSON.stringify(error)} ${JSON.stringify(error.recipientErrors)} ${error.reasonCode}`;
    expect(text).not.toContain(key);
  });
});

describe("an abort while a write is in flight", () => {
  it("append says the requests in flight may have been applied, and resume then sends nobody twice", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    const controller = new AbortController();
    fake.inject("PUT", /recipients$/, {
      kind: "side-effect",
      effect: () => setTimeout(() => controller.abort(), 0),
      next: { kind: "delay", ms: 200 },
    });
    const list = recipients(2);
    const error = (await ll.orders.recipients
      .append(order.id, list, { signal: controller.signal })
      .catch((e: unknown) => e)) as LettrLabsError;
    expect(error.kind).toBe("aborted");
    expect(error.message).toContain("may have been applied");
    expect(error.message).toContain("resume: true");
    await ll.orders.recipients.append(order.id, list, { resume: true });
    expect(order.recipients).toHaveLength(2);
  });
});
