// On Node's own fetch a write goes through a dispatcher that sends it at most once per attempt
// (core/undici-timeout.ts, OneWrite), and, once that fetch is known to take dispatchers, with
// `redirect: "error"`: undici then rejects a redirect, where "manual" resolved it. A global fetch
// wrapper that retries whatever rejects (the shape of `fetch-retry`'s default), installed before
// the client is made, must still never send a write twice: not after a redirect (review 204's
// HIGH: 4 Drafts, 40 rows, an automation's card queued 4 times), nor after a dropped connection
// (which it re-sent before the dispatcher). Asserted on the fake's state, over seeded faults.
// Node only: the browser build sends as it is (no dispatcher in a browser's fetch).
import { FakeLettrLabs } from "@orderkit/test-utils";
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createLettrLabsClient } from "../../src/index.js";

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

/** Installs a global fetch that retries a rejected call `retries` times with the same init; counts the calls. */
function retryingGlobalFetch(retries = 3) {
  const calls = { n: 0 };
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    for (let n = 0; ; n++) {
      calls.n++;
      try {
        return await realFetch(input, init);
      } catch (error) {
        if (n >= retries) throw error;
      }
    }
  }) as typeof fetch;
  return calls;
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
      timeoutMs: 2000,
      backoff: { baseMs: 1, capMs: 5 },
      settleMs: 2,
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
        const outcome = await ll.integrationOrders
          .addRecipient(automation, {
            firstName: "Ana",
            address1: "1 Main St",
            city: "Austin",
            state: "TX",
            zipCode: "78704",
          })
          .catch((e: unknown) => e);
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
