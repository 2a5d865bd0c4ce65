// Regressions found by the hostile review of the performance round (lazy bulk append, per-call
// Deadline, modular cores): each case asserts on the server's state or the error's kind.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import {
  createLettrLabsClient,
  HashSet52,
  LettrLabsAbortError,
  LettrLabsArgumentError,
  type LettrLabsError,
} from "../../src/index.js";
import { recipients, setup } from "./helpers.js";

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

describe("bulk append after the review", () => {
  it("ends with an exact progress total when the last rows checked are repeats or invalid", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    const [a, b] = recipients(2);
    const rows = [
      a!,
      b!,
      { ...a! },
      { address: { address1: "", city: "Austin", state: "TX", zipCode: "78704" } },
    ];
    const reports: { total: number; done: number }[] = [];
    const summary = await ll.orders.recipients.append(order.id, rows, {
      chunkSize: 2,
      concurrency: 1,
      onProgress: (p) => reports.push({ total: p.total, done: p.done }),
    });
    expect(summary.sent).toBe(2);
    expect(reports.at(-1)).toEqual({ total: 2, done: 2 });
    expect(order.recipients).toHaveLength(2);
  });

  it("takes concurrency: Infinity (never more workers than chunks)", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    const summary = await ll.orders.recipients.append(order.id, recipients(3), { concurrency: Infinity });
    expect(summary).toMatchObject({ sent: 3, accepted: 3, requests: 1 });
    expect(order.recipients).toHaveLength(3);
  });

  it("lists every repeat and invalid row in error.partial, even rows after the failure", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    const list = recipients(20);
    const rows = [
      ...list,
      { ...list[0]! },
      { ...list[1]! },
      { address: { address1: "1 Elm", city: "Austin" } },
    ];
    let injected = false;
    const error = (await ll.orders.recipients
      .append(order.id, rows as never, {
        chunkSize: 10,
        concurrency: 1,
        onProgress: () => {
          if (injected) return;
          injected = true;
          fake.inject("PUT", /recipients$/, { kind: "status", status: 400, body: { message: "no" } });
        },
      })
      .catch((e: unknown) => e)) as LettrLabsError;
    const partial = error.partial as {
      sent: number;
      accepted: number;
      duplicates: unknown[];
      rejected: unknown[];
    };
    expect(partial.accepted).toBe(10);
    expect(partial.sent).toBe(20);
    expect(partial.duplicates).toEqual([
      { index: 20, duplicateOf: 0 },
      { index: 21, duplicateOf: 1 },
    ]);
    expect(partial.rejected).toEqual([{ index: 22, reason: "MISSING_STATE", field: "state" }]);
    expect(order.recipients).toHaveLength(10);
  });

  it("rethrows a throwing onProgress's own error, starts no more chunks, and never re-sends", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    const mine = new Error("ui crashed");
    const error = await ll.orders.recipients
      .append(order.id, recipients(2500), {
        concurrency: 1,
        onProgress: () => {
          throw mine;
        },
      })
      .catch((e: unknown) => e);
    expect(error).toBe(mine);
    // The first chunk was applied and reported; nothing after it was started, nothing re-sent.
    expect(order.recipients).toHaveLength(1000);
    expect(fake.count("PUT", /recipients$/)).toBe(1);
    expect(fake.requests.filter((r) => r.method === "GET")).toHaveLength(0);
  });
});

describe("the call's deadline after the review", () => {
  async function stallingServer() {
    const server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
      res.write('{"payload":');
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it.each([
    ["an Error", new Error("user cancelled")],
    ["a string", "stop"],
    ["no reason", undefined],
  ])("reports the caller's abort (%s) while the body streams as an abort", async (_name, reason) => {
    const url = await stallingServer();
    const ll = createLettrLabsClient({ apiKey: "LL-key", baseUrl: url, timeoutMs: 5_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(reason), 100);
    const error = await ll.me({ signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LettrLabsAbortError);
  });

  it.each([
    ["with middleware registered", { timeoutMs: 5_000 }, true],
    ["without a timeout", { timeoutMs: 0 }, false],
  ])(
    "reports the caller's abort while the body streams as an abort, %s",
    async (_name, extra, middleware) => {
      const url = await stallingServer();
      const ll = createLettrLabsClient({ apiKey: "LL-key", baseUrl: url, ...extra });
      if (middleware) ll.raw.use({ onRequest: ({ request }) => request });
      const controller = new AbortController();
      setTimeout(() => controller.abort(new Error("user cancelled")), 100);
      const error = await ll.me({ signal: controller.signal }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LettrLabsAbortError);
    },
  );

  it("does not warn about listeners when one signal is shared by many calls in flight", async () => {
    const { ll } = await setup();
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on("warning", onWarning);
    try {
      const controller = new AbortController();
      await Promise.all(Array.from({ length: 30 }, () => ll.me({ signal: controller.signal })));
      await new Promise((r) => setTimeout(r, 20));
    } finally {
      process.off("warning", onWarning);
    }
    expect(warnings).not.toContain("MaxListenersExceededWarning");
  });

  it("refuses a timeout a timer cannot hold (it would fire at once)", () => {
    expect(() => createLettrLabsClient({ apiKey: "LL-key", timeoutMs: 2 ** 31 })).toThrow(/timeoutMs/);
  });
});

describe("credentials and public helpers after the review", () => {
  it("refuses a key HTTP headers cannot carry, without quoting it", () => {
    let error: unknown;
    try {
      createLettrLabsClient({ apiKey: "LL-API-SECRET\nX" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LettrLabsArgumentError);
    expect(String((error as Error).message)).not.toContain("SECRET");
  });

  it("HashSet52 refuses values outside 0 to 2^52 - 1", () => {
    const set = new HashSet52(Number.POSITIVE_INFINITY);
    for (const bad of [-1, Number.NaN, 2 ** 52, 1.5]) expect(() => set.add(bad)).toThrow(RangeError);
    expect(set.add(2 ** 52 - 1)).toBe(true);
    expect(set.size).toBe(1);
  });
});

describe("second review", () => {
  it("leaves a middleware's own error as it is, even when the caller's signal aborted meanwhile", async () => {
    const { fake, ll } = await setup();
    const controller = new AbortController();
    ll.raw.use({
      onResponse: async () => {
        controller.abort();
        throw new Error("response failed schema validation");
      },
    });
    const error = (await ll.orders
      .list({}, { signal: controller.signal })
      .catch((e: unknown) => e)) as LettrLabsError;
    expect(error.kind).toBe("middleware");
    expect(error.message).toContain("schema validation");
    expect(fake.count("GET", /^\/v1\/order$/)).toBe(1);
  });

  it.each([
    ["a control character", "LL-key\u0001"],
    ["DEL", "LL-key\u007f"],
    ["a leading space", " LL-key"],
    ["a trailing tab", "LL-key\t"],
  ])("refuses a key holding %s, up front, without quoting it", (_name, apiKey) => {
    expect(() => createLettrLabsClient({ apiKey })).toThrow(LettrLabsArgumentError);
    expect(() => createLettrLabsClient({ apiKey })).not.toThrow(/LL-key/);
  });

  it("accepts Latin-1 and inner tabs in a key", async () => {
    const { fake } = await setup({ apiKey: "LL-k\u00e9y\tx" });
    const ll = createLettrLabsClient({ apiKey: "LL-k\u00e9y\tx", baseUrl: fake.url });
    expect((await ll.me()).email).toBeTruthy();
  });

  it.each(["chunkSize", "concurrency"] as const)(
    "refuses %s: NaN instead of sending nothing",
    async (name) => {
      const { fake, ll } = await setup();
      const order = fake.seedOrder();
      const error = await ll.orders.recipients
        .append(order.id, recipients(10), { [name]: Number.NaN })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LettrLabsArgumentError);
      expect(fake.count("PUT", /recipients$/)).toBe(0);
    },
  );

  it("rethrows onProgress's error as is even when a chunk in flight then fails for good", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    const mine = new Error("ui crashed");
    let reports = 0;
    const error = await ll.orders.recipients
      .append(order.id, recipients(1000), {
        chunkSize: 100,
        concurrency: 3,
        onProgress: () => {
          reports++;
          if (reports === 1) {
            fake.inject("PUT", /recipients$/, { kind: "status", status: 400, body: { message: "no" } });
            throw mine;
          }
        },
      })
      .catch((e: unknown) => e);
    expect(error).toBe(mine);
    // No chunk is started after the throw; the ones in flight are not re-sent.
    expect(fake.count("PUT", /recipients$/)).toBeLessThanOrEqual(3);
    expect(new Set(order.recipients.map((r) => r.address.address1)).size).toBe(order.recipients.length);
  });
});
