import { FakeCommerceLayer, FakeLettrLabs } from "@orderkit/test-utils";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCommerceLayerClient, createLettrLabsClient } from "../../src/index.js";

// A 3xx without a `Location` is no refusal: a proxy or a server may answer a write so after
// applying it. Each write is then read back, as after a lost answer, and applied once: before, it
// was taken as a plain API error, and a caller (the CLI's `orders create`, say) sent it again,
// making a second Draft. (On Node's own fetch, where a write may go with `redirect: "error"`,
// undici refuses a 301, 302, 303, 307 or 308 itself; the client answers it from the status and
// headers its dispatcher saw, as "manual" would, without the body.)

const options = { timeoutMs: 5000, backoff: { baseMs: 1, capMs: 5 }, settleMs: 2 };
// The redirects a server sends most (review 193: a seed drew none of them) and any other 3xx.
const status3xx = fc.oneof(fc.constantFrom(301, 302, 303, 307, 308), fc.integer({ min: 300, max: 399 }));
const SEED = 20261206;

describe("a write answered with a 3xx without a Location, after the server applied it", () => {
  let ll: FakeLettrLabs;
  let cl: FakeCommerceLayer;
  beforeAll(async () => {
    ll = await new FakeLettrLabs().start();
    cl = await new FakeCommerceLayer().start();
  });
  afterAll(async () => {
    await ll.stop();
    await cl.stop();
  });
  const lettrLabs = () => createLettrLabsClient({ apiKey: ll.options.apiKey, baseUrl: ll.url, ...options });
  const commerceLayer = () =>
    createCommerceLayerClient({
      baseUrl: cl.url,
      authUrl: cl.url,
      clientId: "client-3xx",
      clientSecret: "secret-3xx-9921",
      ...options,
    });

  it("a LettrLabs create is read back: one new Draft, and it is the one returned", async () => {
    await fc.assert(
      fc.asyncProperty(status3xx, async (status) => {
        const before = ll.orders.size;
        ll.inject("POST", /^\/v1\/order$/, { kind: "apply-then", status });
        const created = await lettrLabs().orders.create(
          { templateId: status },
          { confirmCandidate: () => true },
        );
        expect(ll.orders.size).toBe(before + 1);
        expect(ll.orders.get(created.orderId)?.templateId).toBe(status);
        expect(created.recovered).toBe(true);
      }),
      { seed: SEED, numRuns: 8 },
    );
  });

  it("a LettrLabs checkout is read back: charged once, reported done", async () => {
    await fc.assert(
      fc.asyncProperty(status3xx, async (status) => {
        const order = ll.seedOrder();
        ll.inject("POST", /checkout$/, { kind: "apply-then", status });
        const outcome = await lettrLabs().orders.checkout.submit(order.id, {
          postageType: "Standard",
          productionSpeed: "Normal",
        });
        expect(order.checkouts).toBe(1);
        expect(ll.count("POST", new RegExp(`/${order.id}/checkout$`))).toBe(1);
        expect(outcome).toMatchObject({ orderId: order.id, recovered: true });
      }),
      { seed: SEED, numRuns: 8 },
    );
  });

  it("a LettrLabs bulk append whose chunk is answered so is read back: each row once, none sent again", async () => {
    await fc.assert(
      fc.asyncProperty(status3xx, fc.integer({ min: 0, max: 2 }), async (status, chunk) => {
        const order = ll.seedOrder();
        const puts = () => ll.count("PUT", new RegExp(`/${order.id}/recipients$`));
        ll.inject("PUT", new RegExp(`/${order.id}/recipients$`), { kind: "apply-then", status }, 1, chunk);
        const rows = Array.from({ length: 2500 }, (_, i) => ({
          address: { address1: `${i} Elm St`, city: "Austin", state: "TX", zipCode: "78704" },
          personal: { firstName: `R${i}`, lastName: "Doe" },
        }));
        const summary = await lettrLabs().orders.recipients.append(order.id, rows, { concurrency: 1 });
        expect(order.recipients).toHaveLength(2500);
        expect(new Set(order.recipients.map((r) => r.address?.address1)).size).toBe(2500);
        expect(puts()).toBe(3);
        expect(summary).toMatchObject({ accepted: 2500, recovered: chunk === 2 ? 500 : 1000, resent: 0 });
      }),
      { seed: SEED, numRuns: 8 },
    );
  });

  it("a Commerce Layer create by reference is read back: one order with that reference", async () => {
    await fc.assert(
      fc.asyncProperty(status3xx, async (status) => {
        const reference = `R3XX-${status}-${cl.orders.size}`;
        cl.inject("POST", /^\/orders$/, { applyThen: status });
        const created = await commerceLayer().orders.create({ attributes: { reference } });
        const held = [...cl.orders.values()].filter((o) => o.attributes.reference === reference);
        expect(held).toHaveLength(1);
        expect(created.id).toBe(held[0]?.id);
      }),
      { seed: SEED, numRuns: 8 },
    );
  });

  it("a token request answered 3xx: the write never left, and says so (no 'may have been applied')", async () => {
    await fc.assert(
      fc.asyncProperty(status3xx, async (status) => {
        const [order] = cl.seedOrders(1);
        const id = order?.id as string;
        const patches = cl.requests.filter((r) => r.method === "PATCH").length;
        cl.inject("POST", /^\/oauth\/token$/, { status });
        const error = (await commerceLayer()
          .orders.place(id)
          .catch((e: unknown) => e)) as Error & { kind?: string };
        expect(error).toBeInstanceOf(Error);
        expect(error.kind).toBe("connection");
        expect(error.message).not.toMatch(/may have been applied/);
        expect(cl.requests.filter((r) => r.method === "PATCH")).toHaveLength(patches);
        expect(cl.orders.get(id)?.attributes.status).not.toBe("placed");
      }),
      { seed: SEED, numRuns: 8 },
    );
  });

  it("a Commerce Layer place is read back, never sent again: placed once", async () => {
    await fc.assert(
      fc.asyncProperty(status3xx, async (status) => {
        const [order] = cl.seedOrders(1);
        const id = order?.id as string;
        const placedBefore = cl.applied._place ?? 0;
        cl.inject("PATCH", new RegExp(`^/orders/${id}$`), { applyThen: status });
        const outcome = await commerceLayer()
          .orders.place(id)
          .catch((e: unknown) => e);
        expect(cl.applied._place ?? 0).toBe(placedBefore + 1);
        expect(cl.orders.get(id)?.attributes.status).toBe("placed");
        // Either read back as placed, or an error saying it may have been applied: never a refusal.
        if (outcome instanceof Error) expect(outcome.message).toMatch(/may have been applied/);
        else expect(outcome).toMatchObject({ id, status: "placed" });
      }),
      { seed: SEED, numRuns: 8 },
    );
  });
});
