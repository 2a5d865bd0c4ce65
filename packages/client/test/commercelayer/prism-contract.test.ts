import { beforeAll, describe, expect, inject, it } from "vitest";
import { type CommerceLayerClient, createCommerceLayerClient } from "../../src/index.js";

// Every Commerce Layer client method against Prism on spec/commercelayer/openapi.yaml, the token
// endpoint included; Prism reports request problems in `sl-violations`, and none may appear.

let cl: CommerceLayerClient;
/** What each trigger leads to (the client's check of a trigger's answer). */
const TRIGGER_STATE: Record<string, Record<string, string>> = {
  _cancel: { status: "cancelled", payment_status: "voided" },
  _approve: { status: "approved" },
  _capture: { status: "approved", payment_status: "paid" },
  _refund: { status: "approved", payment_status: "refunded" },
};
const violations: string[] = [];

beforeAll(() => {
  const url = inject("commercelayerPrismUrl");
  cl = createCommerceLayerClient({
    baseUrl: url,
    authUrl: url,
    clientId: "w7jf0Ge6H1qPMBWSzTX8KRSjwB5KVfH8JcyIbGZfw7c",
    clientSecret: "contract-secret",
    scope: "market:code:usa",
    maxRetries: 0,
    fetch: async (input, init) => {
      const res = await fetch(input, init);
      const v = res.headers.get("sl-violations");
      if (v) violations.push(`${init?.method} ${String(input)}: ${v}`);
      // Prism answers every PATCH with the spec's example of a placed order, which it has checked
      // against the schema: a trigger's answer is given the state that trigger leads to (the
      // client checks its answer against it), the rest as Prism sent it.
      const trigger = /"(_cancel|_approve|_capture|_refund)":true/.exec(String(init?.body ?? ""))?.[1];
      if (!trigger || !res.ok) return res;
      const doc = (await res.json()) as { data: { attributes: Record<string, unknown> } };
      Object.assign(doc.data.attributes, TRIGGER_STATE[trigger]);
      return new Response(JSON.stringify(doc), { status: res.status, headers: res.headers });
    },
  });
});

describe("Commerce Layer client against Prism", () => {
  const ID = "wBXVhKzrnx";
  it.each<[string, (c: CommerceLayerClient) => Promise<unknown>]>([
    [
      "orders.list",
      (c) =>
        c.orders.list({
          filter: { status_eq: "draft" },
          sort: ["-created_at"],
          include: ["line_items"],
          fields: { orders: ["number", "status"] },
          page: { size: 25 },
        }),
    ],
    [
      "orders.iterate",
      async (c) => {
        const all = [];
        for await (const o of c.orders.iterate()) all.push(o);
        return all;
      },
    ],
    ["orders.retrieve", (c) => c.orders.retrieve(ID, { include: ["line_items", "market"] })],
    [
      "orders.create",
      (c) =>
        c.orders.create({
          attributes: { customer_email: "jordan.reyes@example.com", reference: "WEB-100483" },
          relationships: { market: { type: "markets", id: "vlkaZhkGNo" } },
        }),
    ],
    [
      "orders.update",
      (c) => c.orders.update(ID, { attributes: { customer_email: "jordan.reyes@example.com" } }),
    ],
    ["orders.delete", (c) => c.orders.delete(ID).then(() => "deleted")],
    ["orders.place", (c) => c.orders.place(ID)],
    ["orders.cancel", (c) => c.orders.cancel(ID)],
    ["orders.approve", (c) => c.orders.approve(ID)],
    ["orders.capture", (c) => c.orders.capture(ID)],
    ["orders.refund", (c) => c.orders.refund(ID)],
    ["orders.lineItems", (c) => c.orders.lineItems(ID)],
    ["orders.market", (c) => c.orders.market(ID)],
    ["orders.customer", (c) => c.orders.customer(ID)],
    ["orders.shippingAddress", (c) => c.orders.shippingAddress(ID)],
    ["orders.billingAddress", (c) => c.orders.billingAddress(ID)],
    ["orders.shipments", (c) => c.orders.shipments(ID)],
    [
      "lineItems.create",
      (c) =>
        c.lineItems.create({
          sku_code: "TSHIRTMM000000FFFFFFXLXX",
          quantity: 2,
          order: ID,
          _update_quantity: true,
        }),
    ],
    ["lineItems.retrieve", (c) => c.lineItems.retrieve("oDkxsWpxgK")],
    ["lineItems.update", (c) => c.lineItems.update("oDkxsWpxgK", { quantity: 3 })],
    ["lineItems.delete", (c) => c.lineItems.delete("oDkxsWpxgK").then(() => "deleted")],
    [
      "addresses.create",
      (c) =>
        c.addresses.create({
          first_name: "Jordan",
          last_name: "Reyes",
          line_1: "1458 Oak Street",
          city: "Austin",
          zip_code: "78704",
          state_code: "TX",
          country_code: "US",
          phone: "+1 512 555 0142",
        }),
    ],
    ["addresses.retrieve", (c) => c.addresses.retrieve("BgnguJvXoS")],
    ["markets.list", (c) => c.markets.list({ sort: ["name"] })],
    ["markets.retrieve", (c) => c.markets.retrieve("vlkaZhkGNo")],
    ["customers.list", (c) => c.customers.list({ filter: { email_eq: "jordan.reyes@example.com" } })],
    ["customers.create", (c) => c.customers.create({ email: "jordan.reyes@example.com" })],
    ["customers.retrieve", (c) => c.customers.retrieve("dGQpBhLRmE")],
  ])("%s conforms to the spec", async (_name, call) => {
    const result = await call(cl);
    expect(result).toBeTruthy();
    expect(violations).toEqual([]);
  });

  it("flattens Prism's order with its included line item and market", async () => {
    const order = await cl.orders.retrieve(ID, { include: ["line_items", "market"] });
    expect(order).toMatchObject({ id: ID, type: "orders", status: "pending", total_amount_cents: 6399 });
    expect(order.market).toMatchObject({ type: "markets", name: "USA" });
    expect(order.line_items?.[0]).toMatchObject({ type: "line_items", sku_code: "TSHIRTMM000000FFFFFFXLXX" });
    expect(cl.tokenRequests).toBe(1);
  });
});
