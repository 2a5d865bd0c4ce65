import { connectionRefused } from "@orderkit/test-utils";
import type { Middleware } from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { type LettrLabsError, mayHaveApplied } from "../../src/index.js";
import { recipients, setup } from "./helpers.js";

describe("raw.use(): openapi-fetch middleware sees every request, as openapi-fetch documents", () => {
  it("resource methods and raw calls hand middleware real Requests", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    const seen: string[] = [];
    ll.raw.use({
      onRequest: ({ request }) => {
        expect(request).toBeInstanceOf(Request);
        expect(typeof request.clone).toBe("function");
        seen.push(`${request.method} ${new URL(request.url).pathname}`);
      },
    });
    await ll.me();
    await ll.orders.recipients.append(order.id, recipients(3));
    const { data } = await ll.raw.GET("/v1/order/{id}/recipients", { params: { path: { id: order.id } } });
    expect(data?.payload?.recipients).toHaveLength(3);
    expect(seen).toEqual([
      "GET /v1/me",
      `PUT /v1/order/${order.id}/recipients`,
      `GET /v1/order/${order.id}/recipients`,
    ]);
  });

  it("an append's body, sent as UTF-8 bytes (jsonListBody), reads in middleware as the JSON of its rows", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    const bodies: unknown[] = [];
    const types: (string | null)[] = [];
    ll.raw.use({
      onRequest: async ({ request }) => {
        if (request.method !== "PUT") return;
        bodies.push(await request.clone().json());
        types.push(request.headers.get("content-type"));
      },
    });
    const rows = recipients(250);
    rows[7] = { ...rows[7], personal: { firstName: 'Zoë 😀 \u2028 "quoted"' } } as (typeof rows)[number];
    await ll.orders.recipients.append(order.id, rows, { chunkSize: 150, concurrency: 1 });
    expect(bodies).toEqual([{ recipients: rows.slice(0, 150) }, { recipients: rows.slice(150) }]);
    expect(types).toEqual(["application/json", "application/json"]);
    expect(order.recipients.map((r) => r.personal?.firstName)).toEqual(
      rows.map((r) => r.personal?.firstName),
    );
  });

  it("a use() that throws on an invalid entry still routes every call through the ones it registered", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    const policy: Middleware = {
      onRequest: ({ request }) => {
        if (request.method === "POST") throw new Error("policy: no POSTs");
      },
    };
    // openapi-fetch registers `policy`, then throws on the second entry.
    expect(() => ll.raw.use(policy, { onrequest() {} } as unknown as Middleware)).toThrow(
      /Middleware must be/,
    );
    const error = (await ll.orders.checkout
      .submit(order.id, { postageType: "Standard", productionSpeed: "Normal" })
      .catch((e: unknown) => e)) as LettrLabsError;
    expect(error.message).toMatch(/policy: no POSTs/);
    expect(fake.count("POST", /checkout$/)).toBe(0);
    expect(order.checkouts).toBe(0);
  });

  it("a middleware returning a new Request is honoured (its headers are what is sent)", async () => {
    const { fake, ll } = await setup();
    const swap: Middleware = {
      onRequest: ({ request }) => {
        const headers = new Headers(request.headers);
        headers.set("X-API-KEY", "LL-API-replaced-by-middleware");
        return new Request(request, { headers });
      },
    };
    ll.raw.use(swap);
    const error = (await ll.me().catch((e: unknown) => e)) as LettrLabsError;
    expect(error.kind).toBe("authentication");
    ll.raw.eject(swap);
    expect((await ll.me()).email).toBe("ops@example.com");
    expect(fake.count("GET", /^\/v1\/me$/)).toBe(2);
  });

  it("a request body is re-sent on a retry when middleware made it a real Request", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    ll.raw.use({ onRequest: () => undefined });
    fake.inject("PUT", /recipients$/, { kind: "status", status: 429, headers: { "retry-after": "0" } });
    const summary = await ll.orders.recipients.append(order.id, recipients(25));
    expect(summary.accepted).toBe(25);
    expect(order.recipients).toHaveLength(25);
    expect(fake.count("PUT", /recipients$/)).toBe(2);
  });

  it("a middleware that throws is a middleware error, never a connection error; a checkout is read back", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    ll.raw.use({
      onRequest: ({ request }) => {
        if (request.method === "POST") throw new Error("policy: no checkouts today");
      },
    });
    const error = (await ll.orders.checkout
      .submit(order.id, { postageType: "Standard", productionSpeed: "Normal" })
      .catch((e: unknown) => e)) as LettrLabsError;
    expect(error.kind).toBe("middleware");
    expect(error.name).toBe("LettrLabsMiddlewareError");
    expect(error.message).toContain("policy: no checkouts today");
    expect(error.message).toContain("check it out again only while it stays open");
    expect(error.message).not.toMatch(/may have gone through/);
    expect(order.checkouts).toBe(0);
    expect(fake.count("POST", /checkout$/)).toBe(0);
  });

  it("after eject, middleware sees nothing", async () => {
    const { ll } = await setup();
    let calls = 0;
    const m: Middleware = {
      onRequest: () => {
        calls++;
      },
    };
    ll.raw.use(m);
    await ll.me();
    ll.raw.eject(m);
    await ll.me();
    expect(calls).toBe(1);
  });
});

describe("calls that fail before anything is sent are argument errors, never 'may have gone through'", () => {
  it("an AbortController passed as the signal: a typed argument error, no request, no read-back", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    for (const middleware of [false, true]) {
      if (middleware) ll.raw.use({ onRequest: () => undefined });
      const error = (await ll.orders.checkout
        .submit(
          order.id,
          { postageType: "Standard", productionSpeed: "Normal" },
          { signal: new AbortController() as unknown as AbortSignal },
        )
        .catch((e: unknown) => e)) as LettrLabsError;
      expect(error.kind).toBe("invalid_argument");
      expect(error.message).toMatch(/AbortSignal/);
    }
    expect(fake.requests).toHaveLength(0);
    expect(order.checkouts).toBe(0);
  });
});

describe("errors on the middleware path and in bulk appends, after the first review", () => {
  it("a middleware that throws one of the client's own errors after a create was applied: read back, one order", async () => {
    const { fake, ll } = await setup();
    ll.raw.use({
      onResponse: async ({ request }) => {
        // A nested call with a bad argument: a LettrLabsArgumentError, after the POST was applied.
        if (request.method === "POST") await ll.orders.retrieve("abc" as unknown as number);
      },
    });
    // The failure may have come after the write (it did): the state is read back and the order
    // found, never reported as an argument error of a request that was not sent.
    // (LettrLabs orders carry no proof of their creator, so the new Draft is named as a candidate.)
    const error = (await ll.orders.create({ templateId: 1 }).catch((e: unknown) => e)) as LettrLabsError & {
      candidates?: readonly number[];
    };
    expect(error.kind).toBe("ambiguous_write");
    expect((error.cause as LettrLabsError).kind).toBe("middleware");
    expect(fake.orders.size).toBe(1);
    expect(error.candidates).toEqual([...fake.orders.keys()]);
    expect(fake.count("POST", /^\/v1\/order$/)).toBe(1);
  });

  it("resume: true with a signal that is not one: an argument error, no request", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    const error = (await ll.orders.checkout
      .submit(
        order.id,
        { postageType: "Standard", productionSpeed: "Normal" },
        { resume: true, signal: new AbortController() as unknown as AbortSignal },
      )
      .catch((e: unknown) => e)) as LettrLabsError;
    expect(error.kind).toBe("invalid_argument");
    expect(fake.requests).toHaveLength(0);
  });

  it("a signal shaped like AbortSignal (a polyfill) works, and aborting it stops the call", async () => {
    const { fake, ll } = await setup();
    class PolySignal extends EventTarget {
      aborted = false;
      reason: unknown = undefined;
      abort() {
        this.aborted = true;
        this.reason = new Error("stopped");
        this.dispatchEvent(new Event("abort"));
      }
    }
    const ok = new PolySignal();
    expect((await ll.me({ signal: ok as unknown as AbortSignal })).email).toBe("ops@example.com");
    const stopping = new PolySignal();
    fake.inject("GET", /^\/v1\/me$/, { kind: "delay", ms: 1500 });
    setTimeout(() => stopping.abort(), 50);
    const error = (await ll
      .me({ signal: stopping as unknown as AbortSignal })
      .catch((e: unknown) => e)) as LettrLabsError;
    expect(error.kind).toBe("aborted");
  });

  it("a bulk chunk that cannot be sent while another's outcome is unknown: the unknown one is read back", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    const rows = recipients(6);
    // Chunks are written by the list's serializer (a toJSON on Array.prototype), which reads the
    // rows again. Row 2 starts the second chunk and throws when read a second time; the first
    // chunk is applied and its connection dropped.
    let reads = 0;
    const flaky = { ...rows[2] };
    Object.defineProperty(flaky, "id", {
      enumerable: true,
      get() {
        if (reads++ > 0) throw new Error("read twice");
        return undefined;
      },
    });
    rows[2] = flaky as (typeof rows)[number];
    fake.inject("PUT", /recipients$/, { kind: "drop-after-apply" });
    const arrays = Array.prototype as unknown as { toJSON?: () => unknown };
    arrays.toJSON = function (this: unknown[]) {
      return [...this];
    };
    let error: LettrLabsError & { partial?: { accepted: number; recovered: number } };
    try {
      error = (await ll.orders.recipients
        .append(order.id, rows, { chunkSize: 2, concurrency: 3 })
        .catch((e: unknown) => e)) as typeof error;
    } finally {
      delete arrays.toJSON;
    }
    expect(error.kind).toBe("invalid_argument");
    // The first and third chunks were sent (the third at the same time as the second was built);
    // the partial summary counts exactly what the order holds, the dropped chunk by read-back.
    expect(fake.count("PUT", /recipients$/)).toBe(2);
    expect(order.recipients).toHaveLength(4);
    expect(error.partial?.accepted).toBe(order.recipients.length);
    expect(error.partial?.recovered).toBe(2);
  });
});

describe("failures the third review found: never 'not sent' for what may have been sent, never success for what was not", () => {
  it("a bulk append whose later chunks are refused before sending fails, and says what the order holds", async () => {
    let puts = 0;
    const refusing: typeof fetch = (input, init) => {
      if (init?.method === "PUT" && ++puts > 1) return connectionRefused();
      return fetch(input, init);
    };
    for (const middleware of [false, true]) {
      const { fake, ll } = await setup({}, { fetch: refusing, maxRetries: 1 });
      if (middleware) ll.raw.use({ onRequest: () => undefined });
      puts = 0;
      const order = fake.seedOrder();
      const error = (await ll.orders.recipients
        .append(order.id, recipients(6), { chunkSize: 2, concurrency: 1 })
        .catch((e: unknown) => e)) as LettrLabsError & { partial?: { accepted: number } };
      expect(error).toBeInstanceOf(Error);
      expect(error.kind).toBe("connection");
      expect(order.recipients).toHaveLength(2);
      expect(error.partial?.accepted).toBe(2);
    }
  });

  it("an abort after one chunk was refused: the chunks it cut short are unconfirmed, never counted as not added", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    fake.inject("PUT", /recipients$/, {
      kind: "status",
      status: 400,
      body: { hasErrors: true, errors: ["refused"] },
    });
    fake.inject("PUT", /recipients$/, { kind: "delay", ms: 400 }, 2);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const error = (await ll.orders.recipients
      .append(order.id, recipients(6), { chunkSize: 2, concurrency: 3, signal: controller.signal })
      .catch((e: unknown) => e)) as LettrLabsError & { partial?: { accepted: number } };
    expect(error.kind).toBe("aborted");
    expect(error.message).toMatch(/may have been applied/);
    await new Promise((r) => setTimeout(r, 400));
    // What the order came to hold was never reported as "not added".
    expect(error.message).not.toMatch(/were not added/);
    expect(error.partial?.accepted).toBeLessThanOrEqual(order.recipients.length);
  });
});

/** The next append is applied, and answered 200 with this payload. */
function applyThenReply(
  fake: { inject: (m: string, p: RegExp, f: never) => unknown },
  payload: unknown,
): void {
  fake.inject("PUT", /recipients$/, {
    kind: "apply-then",
    status: 200,
    body: { payload, hasErrors: false },
  } as never);
}

describe("the fourth review's findings", () => {
  it("a bulk reply listing null undeliverable entries does not end the append early: every row reaches the order", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    applyThenReply(fake, { undeliverable: { undeliverableRecipients: [null] } });
    const summary = await ll.orders.recipients.append(order.id, recipients(10), {
      chunkSize: 2,
      concurrency: 1,
    });
    expect(order.recipients).toHaveLength(10);
    expect(summary.accepted + summary.rejected.length).toBeGreaterThanOrEqual(9);
  });

  it("a bulk reply that breaks the client's own reading of it (an undeliverable list that is not a list): every row still reaches the order, once", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    applyThenReply(fake, { undeliverable: { undeliverableRecipients: {} } });
    await ll.orders.recipients
      .append(order.id, recipients(10), { chunkSize: 2, concurrency: 1 })
      .catch(() => undefined);
    expect(order.recipients).toHaveLength(10);
    expect(new Set(order.recipients.map((r) => r.address.address1)).size).toBe(10);
  });

  it("a chunk refused for sure while another's outcome cannot be read back: an ambiguous write, never 'not sent'", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    fake.inject("PUT", /recipients$/, { kind: "drop-after-apply" });
    fake.inject("PUT", /recipients$/, {
      kind: "status",
      status: 400,
      body: { hasErrors: true, errors: ["refused"] },
    });
    fake.inject("GET", /recipients$/, { kind: "status", status: 500 }, 20);
    const error = (await ll.orders.recipients
      .append(order.id, recipients(4), { chunkSize: 2, concurrency: 1 })
      .catch((e: unknown) => e)) as LettrLabsError;
    expect(order.recipients).toHaveLength(2);
    expect(error.kind).toBe("ambiguous_write");
    expect(mayHaveApplied(error) || error.kind === "ambiguous_write").toBe(true);
  });

  it("a refusal that lands before an applied chunk's unreadable reply: the partial summary still counts that chunk", async () => {
    let puts = 0;
    const fetchWithRefusal: typeof fetch = (input, init) => {
      if (init?.method === "PUT" && ++puts === 2) return connectionRefused();
      return fetch(input, init);
    };
    const { fake, ll } = await setup({}, { fetch: fetchWithRefusal, maxRetries: 0 });
    const order = fake.seedOrder();
    applyThenReply(fake, { undeliverable: { undeliverableRecipients: {} } });
    const error = (await ll.orders.recipients
      .append(order.id, recipients(6), { chunkSize: 2, concurrency: 2 })
      .catch((e: unknown) => e)) as LettrLabsError & { partial?: { accepted: number } };
    expect(error).toBeInstanceOf(Error);
    expect(order.recipients).toHaveLength(2);
    expect(error.partial?.accepted).toBe(2);
  });

  it("the server's counts and undeliverable lists are held to what a chunk can account for", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    applyThenReply(fake, { acceptedRecipients: 40 });
    applyThenReply(fake, { undeliverable: { undeliverableRecipients: [null, null, null] } });
    const summary = await ll.orders.recipients.append(order.id, recipients(4), {
      chunkSize: 2,
      concurrency: 1,
    });
    expect(order.recipients).toHaveLength(4);
    expect(summary.rejected).toHaveLength(0);
    expect(summary.accepted).toBe(4);
  });
});

describe("the sixth review's findings", () => {
  it("a fractional count in an append reply is an unreadable reply: read back, and every count stays whole", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    applyThenReply(fake, { acceptedRecipients: 1.5 });
    const summary = await ll.orders.recipients.append(order.id, recipients(4), {
      chunkSize: 2,
      concurrency: 1,
    });
    expect(order.recipients).toHaveLength(4);
    expect(Number.isInteger(summary.accepted)).toBe(true);
    expect(summary.accepted).toBe(4);
  });
});
