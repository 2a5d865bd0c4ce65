import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LettrLabsSandbox, SANDBOX_TEMPLATE, startLettrLabsSandbox } from "../src/index.js";

let sandbox: LettrLabsSandbox;

beforeAll(async () => {
  sandbox = await startLettrLabsSandbox({ fake: { pollAfterSeconds: 0 } });
});
afterAll(async () => {
  await sandbox?.stop();
});

async function call(method: string, path: string, body?: unknown, key = sandbox.apiKey) {
  const res = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: { "x-api-key": key, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

/** The exchanges recorded while `fn` ran. */
async function recorded(fn: () => Promise<void>) {
  const from = sandbox.exchanges.length;
  await fn();
  return sandbox.exchanges.slice(from);
}

const RECIPIENT = {
  address: { address1: "1458 Oak Street", city: "Austin", state: "TX", zipCode: "78704" },
  personal: { firstName: "Jordan" },
};

describe("LettrLabs sandbox (FakeLettrLabs behind Prism's validation proxy)", () => {
  it("runs an order through the spec-checked proxy: the state, the price and the settlement agree", async () => {
    let orderId = 0;
    const exchanges = await recorded(async () => {
      const created = await call("POST", "/v1/order", { templateId: SANDBOX_TEMPLATE.id });
      expect(created.status).toBe(200);
      orderId = (created.body.payload as { orderId: number }).orderId;
      const appended = await call("PUT", `/v1/order/${orderId}/recipients`, {
        recipients: [RECIPIENT, { ...RECIPIENT, personal: { firstName: "Priya" } }],
      });
      expect((appended.body.payload as { acceptedRecipients: number }).acceptedRecipients).toBe(2);
      const preview = await call("GET", `/v1/order/${orderId}/checkout?postage=Standard`);
      const price = preview.body.payload as { totalCharges: number; lineItems: { rate: number }[] };
      expect(price.totalCharges).toBeCloseTo(2 * (price.lineItems[0]?.rate ?? 0), 2);
      const checkout = await call("POST", `/v1/order/${orderId}/checkout`, {
        postageType: "Standard",
        productionSpeed: "Normal",
      });
      expect(checkout.status).toBe(200);
      let status = "";
      for (let i = 0; i < 5 && status !== "Paid"; i++) {
        const list = await call("GET", `/v1/order?id=${orderId}`);
        status = (list.body.payload as { orders: { status: string }[] }).orders[0]?.status ?? "";
      }
      expect(status).toBe("Paid");
    });
    expect(exchanges.length).toBeGreaterThanOrEqual(5);
    expect(exchanges.flatMap((e) => e.violations)).toEqual([]);
    const order = sandbox.fake.orders.get(orderId);
    expect(order?.recipients).toHaveLength(2);
    expect(order?.checkouts).toBe(1);
  });

  it("serves the seeded template and refuses orders from unknown ones, within the spec", async () => {
    const exchanges = await recorded(async () => {
      const list = await call("GET", "/v1/templates");
      expect(list.body.payload).toEqual([SANDBOX_TEMPLATE]);
      expect((await call("GET", `/v1/templates/${SANDBOX_TEMPLATE.id}`)).body.payload).toEqual(
        SANDBOX_TEMPLATE,
      );
      expect((await call("GET", "/v1/templates/999")).status).toBe(404);
      const refused = await call("POST", "/v1/order", { templateId: 999 });
      expect(refused.status).toBe(400);
      expect(refused.body.reasonCode).toBe("TEMPLATE_NOT_FOUND");
      expect((await call("GET", "/v1/templates", undefined, "LL-API-wrong")).status).toBe(401);
    });
    expect(exchanges.map((e) => e.status)).toEqual([200, 200, 404, 400, 401]);
    expect(exchanges.flatMap((e) => e.violations)).toEqual([]);
  });

  it("reports a request that violates the spec (Prism answers 422, nothing reaches the fake)", async () => {
    const orders = sandbox.fake.orders.size;
    const [exchange] = await recorded(async () => {
      expect((await call("POST", "/v1/order", { templateId: "twelve" })).status).toBe(422);
    });
    expect(exchange?.violations.join("\n")).toMatch(/templateId.*integer/);
    expect(sandbox.fake.orders.size).toBe(orders);
    expect(sandbox.violations()).toContain(exchange);
  });

  it("reports a response that violates the spec (Prism answers 500 instead)", async () => {
    sandbox.fake.inject("GET", /^\/v1\/me$/, { kind: "status", status: 200, body: { payload: { id: "x" } } });
    const [exchange] = await recorded(async () => {
      expect((await call("GET", "/v1/me")).status).toBe(500);
    });
    expect(exchange?.violations.join("\n")).toMatch(/payload\.id must be integer/);
  });

  it("stops everything it started", async () => {
    const { url } = sandbox;
    await sandbox.stop();
    await expect(fetch(`${url}/v1/me`)).rejects.toThrow();
    await expect(fetch(`${sandbox.fake.url}/v1/me`)).rejects.toThrow();
    await sandbox.stop(); // twice is fine
  });
});
