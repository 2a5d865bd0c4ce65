// Regressions found by hostile review 104 (the LettrLabs client used as a library): each case
// asserts on the fake server's state, or on where the API key shows (message, JSON, inspect).
import { inspect } from "node:util";
import type { FakeLettrLabs } from "@orderkit/test-utils";
import { describe, expect, it } from "vitest";
import { answeredOtherwise, createLettrLabsClient, type LettrLabsError } from "../../src/index.js";
import { recipients, setup } from "./helpers.js";

type Route = (method: string, path: string, query: unknown, body: unknown) => unknown;
/** What the helpers below may change in the fake's answers. */
type Payload = {
  acceptedRecipients?: number;
  orders?: { status: string }[];
  undeliverable?: { undeliverableRecipients?: unknown[]; doNotMail?: number; invalidAddress?: number };
};

/** Lets `answer` change each answer of the fake (after it has applied the request), and `request` each request before. */
function intercept(
  fake: FakeLettrLabs,
  answer: (method: string, path: string, payload: Payload) => void,
  request: (method: string, body: unknown) => void = () => {},
): void {
  const routed = fake as unknown as { route: Route };
  const route = routed.route.bind(fake);
  routed.route = (method, path, query, body) => {
    request(method, body);
    const res = route(method, path, query, body) as { body?: { payload?: Payload } };
    if (res?.body?.payload) answer(method, path, res.body.payload);
    return res;
  };
}

/**
 * Makes every append refuse the rows whose first address line is in `blocked` (the fake takes them
 * for invalid addresses, and counts them), and lets `answer` say what its answer names of them
 * (by default: none).
 */
function refusing(
  fake: FakeLettrLabs,
  blocked: ReadonlySet<string>,
  answer: (payload: Payload) => void = (payload) => {
    if (payload.undeliverable) payload.undeliverable.undeliverableRecipients = [];
  },
): void {
  intercept(
    fake,
    (method, _path, payload) => {
      if (method === "PUT" && payload.undeliverable) answer(payload);
    },
    (method, body) => {
      const sent = body as { recipients?: { address?: { address1?: string } }[] } | undefined;
      if (method === "PUT" && sent?.recipients)
        sent.recipients = sent.recipients.map((r) =>
          blocked.has(r.address?.address1 ?? "") ? { ...r, address: { ...r.address, address1: "" } } : r,
        );
    },
  );
}

/**
 * A fake holding two Drafts, whose first append is answered for the second one (a misrouted
 * request), after it put `stored` there; and a client.
 */
async function misrouted(accepted: number, stored: ReturnType<typeof recipients> = []) {
  const { fake, ll } = await setup();
  const mine = fake.seedOrder();
  const other = fake.seedOrder();
  fake.inject("PUT", /recipients$/, {
    kind: "side-effect",
    effect: () => other.recipients.push(...stored.map((r, i) => ({ ...r, id: 900 + i }))),
    next: {
      kind: "status",
      status: 200,
      body: {
        payload: { orderId: other.id, status: "Draft", acceptedRecipients: accepted },
        hasErrors: false,
      },
    },
  });
  return { fake, ll, mine, other };
}

const leaked = (error: unknown, key: string, lines: string[] = []) =>
  [(error as Error).message, JSON.stringify(error), inspect(error, { depth: 20 }), ...lines].some((t) =>
    t.toLowerCase().includes(key.toLowerCase()),
  );

describe("review 104: what an answer says is held to what was asked", () => {
  it("an append answered for another order counts nothing as added and names both orders", async () => {
    const rows = recipients(3);
    const { fake, ll, mine, other } = await misrouted(3, rows);
    const error = (await ll.orders.recipients
      .append(mine.id, rows)
      .catch((e: unknown) => e)) as LettrLabsError;
    expect(error.kind).toBe("ambiguous_write");
    expect(error.candidates).toEqual([mine.id, other.id]);
    expect(error.partial?.accepted).toBe(0);
    // Nothing was sent again to my order.
    expect(mine.recipients).toHaveLength(0);
    expect(fake.count("PUT", /recipients$/)).toBe(1);
  });

  it("rows the answer neither counts as added nor names are read back, never counted as added", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    const rows = recipients(3);
    // The server keeps 2 of 3 and says so only in its counts, with nothing counted as refused to
    // explain the third (which it takes when it comes again).
    fake.inject("PUT", /recipients$/, {
      kind: "side-effect",
      effect: () => order.recipients.push(...rows.slice(0, 2).map((r, i) => ({ ...r, id: 700 + i }))),
      next: {
        kind: "status",
        status: 200,
        body: {
          payload: {
            orderId: order.id,
            status: "Draft",
            acceptedRecipients: 2,
            undeliverable: { duplicated: 0, doNotMail: 0, invalidAddress: 0, undeliverableRecipients: [] },
          },
          hasErrors: false,
        },
      },
    });
    const summary = await ll.orders.recipients.append(order.id, rows);
    expect(order.recipients).toHaveLength(3);
    expect(summary.accepted + summary.rejected.length).toBe(3);
    expect(summary).toMatchObject({ recovered: 2, resent: 1 });
  });

  it("the append answered for another order is answeredOtherwise: a caller that resumes must not send it again", async () => {
    const { ll, mine } = await misrouted(2);
    const error = await ll.orders.recipients.append(mine.id, recipients(2)).catch((e: unknown) => e);
    expect(answeredOtherwise(error)).toBe(true);
  });

  it("a do-not-mail list the server counts but never names: those rows are rejected as NotAdded, never sent again", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    const rows = recipients(5);
    const blocked = new Set([rows[1]!.address.address1, rows[3]!.address.address1]);
    // Every PUT: the server refuses the rows on its list and counts them, naming none.
    refusing(fake, blocked);
    const reports: { total: number; done: number }[] = [];
    const summary = await ll.orders.recipients.append(order.id, rows, {
      chunkSize: 2,
      concurrency: 1,
      onProgress: (p) => reports.push({ total: p.total, done: p.done }),
    });
    expect(order.recipients).toHaveLength(3);
    expect(summary.accepted).toBe(3);
    expect(summary.rejected.map((r) => [r.index, r.reason])).toEqual([
      [1, "NotAdded"],
      [3, "NotAdded"],
    ]);
    // Each row was sent once.
    expect(fake.count("PUT", /recipients$/)).toBe(3);
    expect(reports.at(-1)).toEqual({ total: 5, done: 5 });
  });

  it("rows missing beyond what the answer counted as refused are sent again, not rejected", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    const rows = recipients(4);
    const blocked = rows[1]!.address.address1;
    // The first answer counts 3 added and 1 refused (unnamed), but nothing was stored; later ones
    // store all but the blocked row, counted as refused without its name.
    fake.inject("PUT", /recipients$/, {
      kind: "status",
      status: 200,
      body: {
        payload: {
          orderId: order.id,
          status: "Draft",
          acceptedRecipients: 3,
          undeliverable: { duplicated: 0, doNotMail: 1, invalidAddress: 0, undeliverableRecipients: [] },
        },
        hasErrors: false,
      },
    });
    refusing(fake, new Set([blocked]));
    const summary = await ll.orders.recipients.append(order.id, rows);
    expect(order.recipients.map((r) => r.address.address1).sort()).toEqual(
      rows
        .filter((_, i) => i !== 1)
        .map((r) => r.address.address1)
        .sort(),
    );
    expect(summary.rejected).toEqual([{ index: 1, reason: "NotAdded" }]);
    expect(summary.accepted).toBe(3);
    expect(fake.count("PUT", /recipients$/)).toBe(2);
  });

  it("onAnswered hears of a chunk answered for another order before the append ends", async () => {
    const { ll, mine, other } = await misrouted(2);
    const heard: string[] = [];
    let settled = false;
    const error = await ll.orders.recipients
      .append(mine.id, recipients(4), {
        chunkSize: 2,
        concurrency: 1,
        onAnswered: async (problem) => {
          await new Promise((r) => setTimeout(r, 10));
          heard.push(`${settled}: ${problem}`);
        },
      })
      .catch((e: unknown) => e)
      .finally(() => {
        settled = true;
      });
    expect(answeredOtherwise(error)).toBe(true);
    expect(heard).toEqual([
      `false: appendOrderRecipients: a chunk of 2 recipients for order ${mine.id} was answered for order ${other.id}: they may be on order ${other.id}. Check both orders before sending them again.`,
    ]);
    expect(mine.recipients).toHaveLength(0);
  });

  it("a lost create whose Drafts the server lists as 'draft' is found by the read-back: one order", async () => {
    const { fake, ll } = await setup();
    intercept(fake, (method, path, payload) => {
      if (method === "GET" && path === "/v1/order")
        for (const o of payload.orders ?? []) if (o.status === "Draft") o.status = "draft";
    });
    fake.inject("POST", /^\/v1\/order$/, { kind: "drop-after-apply" });
    const made = await ll.orders
      .create({ templateId: 1 }, { confirmCandidate: () => true })
      .catch((e: unknown) => e);
    expect(made).toMatchObject({ recovered: true });
    expect(fake.orders.size).toBe(1);
    expect(fake.count("POST", /^\/v1\/order$/)).toBe(1);
  });

  it.each([
    ["throws", () => Promise.reject(new Error("disk full"))],
    ["never settles (the caller's signal ends the wait)", () => new Promise<void>(() => {})],
  ])(
    "onAnswered that %s: the append still ends answered otherwise, and nothing is sent to this order again",
    async (_how, hook) => {
      const { fake, ll, mine } = await misrouted(3);
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 200);
      const error = (await ll.orders.recipients
        .append(mine.id, recipients(6), {
          chunkSize: 3,
          concurrency: 1,
          onAnswered: hook,
          signal: controller.signal,
        })
        .catch((e: unknown) => e)) as LettrLabsError;
      expect(error.kind).toBe("ambiguous_write");
      expect(answeredOtherwise(error)).toBe(true);
      expect(mine.recipients).toHaveLength(0);
      expect(fake.count("PUT", /recipients$/)).toBe(1);
    },
  );

  it("a refusal named but matched to no row, with another only counted: both rows rejected, once each, and the append ends", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    const rows = recipients(4);
    const blocked = new Set([rows[1]!.address.address1, rows[3]!.address.address1]);
    // The server refuses both, counts both, and names one without an address it can be matched by.
    refusing(fake, blocked, ({ undeliverable }) => {
      if (undeliverable)
        undeliverable.undeliverableRecipients = (undeliverable.undeliverableRecipients ?? [])
          .slice(0, 1)
          .map(() => ({ reason: "DoNotMail" }));
    });
    const summary = await ll.orders.recipients.append(order.id, rows, { chunkSize: 4 });
    expect(order.recipients).toHaveLength(2);
    expect(summary.accepted).toBe(2);
    expect(summary.rejected.map((r) => r.index).sort()).toEqual([1, 3]);
    // Which of the two the named refusal was is unknown: neither is given its reason.
    expect(summary.rejected.map((r) => r.reason)).toEqual(["NotAdded", "NotAdded"]);
    expect(fake.count("PUT", /recipients$/)).toBe(1);
  });

  it.each([
    ["named twice (once per reason)", 2, ["DoNotMail", "InvalidAddress"], [[2, "DoNotMail"]]],
    // The answer counts one added too few: the row is found missing by reading back, and the one
    // refusal, matched to no row, can only be its.
    ["named once, matched to no row, the only row missing", 2, ["DoNotMail"], [[2, "DoNotMail"]]],
  ] as const)(
    "a refused row %s is listed once, and every row is accounted for",
    async (_how, added, reasons, expected) => {
      const { fake, ll } = await setup();
      const order = fake.seedOrder();
      const rows = recipients(4);
      const blocked = rows[2]!;
      refusing(fake, new Set([blocked.address.address1]), (payload) => {
        if (reasons.length === 1) payload.acceptedRecipients = added;
        // Named with its address (matched), or without one (matched to no row) when named once.
        payload.undeliverable = {
          ...payload.undeliverable,
          undeliverableRecipients: reasons.map((reason) =>
            reasons.length > 1
              ? { address: blocked.address, personal: blocked.personal, reason }
              : { reason },
          ),
          invalidAddress: 0,
          doNotMail: reasons.length,
        };
      });
      const summary = await ll.orders.recipients.append(order.id, rows, { chunkSize: 4 });
      expect(order.recipients).toHaveLength(3);
      expect(summary.accepted).toBe(3);
      expect(summary.rejected.map((r) => [r.index, r.reason])).toEqual(expected);
    },
  );

  it("a create answered with a Draft that was there before is read back, never returned as new", async () => {
    const { fake, ll } = await setup();
    const old = fake.seedOrder();
    fake.inject("POST", /^\/v1\/order$/, {
      kind: "side-effect",
      effect: (f) => void f.seedOrder(),
      next: {
        kind: "status",
        status: 200,
        body: { payload: { orderId: old.id, status: "Draft" }, hasErrors: false },
      },
    });
    const error = (await ll.orders.create({ templateId: 1 }).catch((e: unknown) => e)) as LettrLabsError;
    expect(error.kind).toBe("ambiguous_write");
    expect(error.candidates).toEqual([old.id + 1]);
    expect(fake.count("POST", /^\/v1\/order$/)).toBe(1);
    expect(fake.orders.size).toBe(2);
  });
});

describe("review 104: options that would do nothing, or fire at once", () => {
  it.each([
    [{ chunkSize: "abc" }, "chunkSize must be a number, got string."],
    [{ concurrency: "four" }, "concurrency must be a number, got string."],
    [{ chunkSize: {} }, "chunkSize must be a number, got object."],
  ])("append with %j is refused, and nothing is sent", async (options, said) => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    const error = (await ll.orders.recipients
      .append(order.id, recipients(3), options as never)
      .catch((e: unknown) => e)) as LettrLabsError;
    expect(error.kind).toBe("invalid_argument");
    expect(error.message).toContain(said);
    expect(fake.count("PUT", /recipients$/)).toBe(0);
  });

  it("waitForSettlement refuses a timeout no timer holds, a string, and a signal that is not one", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder("Paid");
    for (const [options, said] of [
      [{ timeoutMs: 3_000_000_000 }, "from 1 to 2147483647, got 3000000000."],
      [{ timeoutMs: "5000" }, "got string."],
      [{ signal: {} }, "`signal` is not an AbortSignal."],
    ] as const) {
      const error = (await ll.orders
        .waitForSettlement(order.id, options as never)
        .catch((e: unknown) => e)) as LettrLabsError;
      expect(error.kind).toBe("invalid_argument");
      expect(error.message).toContain(said);
    }
    expect(await ll.orders.waitForSettlement(order.id, { timeoutMs: 2_147_483_647 })).toMatchObject({
      status: "Paid",
    });
  });

  it("a resumed create refuses a Draft snapshot of ids that are not numbers (which would make old Drafts look new)", async () => {
    const { fake, ll } = await setup();
    const old = fake.seedOrder();
    const error = (await ll.orders
      .create(
        { templateId: 1 },
        { draftsBefore: [String(old.id)] as never, resume: true, confirmCandidate: () => true },
      )
      .catch((e: unknown) => e)) as LettrLabsError;
    expect(error.kind).toBe("invalid_argument");
    expect(fake.orders.size).toBe(1);
  });
});

describe("review 104: the key never shows, and a logger cannot break a write", () => {
  const KEY = "LL-API-test-key";

  it("a status echoing the key is redacted in the settlement's timeout", async () => {
    const { fake, ll, lines } = await setup();
    const order = fake.seedOrder(`Processing ${KEY}`);
    const error = await ll.orders
      .waitForSettlement(order.id, { timeoutMs: 1200, pollAfterSeconds: 1 })
      .catch((e: unknown) => e);
    expect((error as LettrLabsError).kind).toBe("timeout");
    expect(leaked(error, KEY, lines)).toBe(false);
  });

  it("a checkout answered for an 'order' echoing the key: redacted in the error, its cause and candidates", async () => {
    const { fake, ll, lines } = await setup();
    const order = fake.seedOrder();
    order.recipients.push({ ...recipients(1)[0]!, id: 1 });
    fake.inject("POST", /checkout$/, {
      kind: "status",
      status: 200,
      body: { payload: { orderId: KEY, orderStatus: "Payment Needed" }, hasErrors: false },
    });
    const error = await ll.orders.checkout
      .submit(order.id, { postageType: "Standard", productionSpeed: "Normal" })
      .catch((e: unknown) => e);
    expect((error as LettrLabsError).kind).toBe("ambiguous_write");
    expect(leaked(error, KEY, lines)).toBe(false);
  });

  it("a custom fetch whose error's code holds the key: redacted in the error's cause", async () => {
    const ll = createLettrLabsClient({
      apiKey: KEY,
      baseUrl: "http://127.0.0.1:1",
      maxRetries: 0,
      fetch: async () => {
        throw Object.assign(new Error("boom"), { code: `ERR_HEADER ${KEY}` });
      },
    });
    const error = await ll.orders.list().catch((e: unknown) => e);
    expect((error as LettrLabsError).kind).toBe("connection");
    expect(leaked(error, KEY)).toBe(false);
  });

  it("a logger whose warn returns a rejected promise: the write is read back, and the process goes on", async () => {
    const logger = { debug() {}, info() {}, warn: async () => Promise.reject(new Error("sink down")) };
    const { fake, ll } = await setup({}, { logger });
    const order = fake.seedOrder();
    fake.inject("PUT", /recipients$/, { kind: "drop-after-apply" });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const summary = await ll.orders.recipients.append(order.id, recipients(3));
      expect(summary).toMatchObject({ accepted: 3, recovered: 3 });
      await new Promise((r) => setTimeout(r, 20));
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
    expect(unhandled).toEqual([]);
    expect(order.recipients).toHaveLength(3);
  });

  it.each(["debug", "info", "warn"] as const)(
    "a logger whose %s throws: a create whose answer was lost is read back, and one order is made",
    async (level) => {
      const logger = {
        debug() {},
        info() {},
        warn() {},
        [level]: () => {
          throw new Error("log sink down");
        },
      };
      const { fake, ll } = await setup({}, { logger });
      fake.inject("POST", /^\/v1\/order$/, { kind: "drop-after-apply" });
      const error = (await ll.orders.create({ templateId: 1 }).catch((e: unknown) => e)) as LettrLabsError;
      expect(error.kind).toBe("ambiguous_write");
      expect(fake.orders.size).toBe(1);
      expect(fake.count("POST", /^\/v1\/order$/)).toBe(1);
    },
  );
});
