import { beforeAll, describe, expect, inject, it } from "vitest";
import { createLettrLabsClient, type LettrLabsClient } from "../../src/index.js";
import { recipients } from "./helpers.js";

// Every resource method against Prism on spec/lettrlabs/openapi.yaml. Prism validates each request
// against the spec and reports problems in the `sl-violations` header; none may appear.

let ll: LettrLabsClient;
const violations: string[] = [];
const calls: string[] = [];

beforeAll(() => {
  ll = createLettrLabsClient({
    apiKey: "LL-API-contract",
    baseUrl: inject("lettrlabsPrismUrl"),
    maxRetries: 0,
    fetch: async (input, init) => {
      const res = await fetch(input, init);
      calls.push(`${init?.method} ${new URL(String(input)).pathname}`);
      const v = res.headers.get("sl-violations");
      if (v) violations.push(`${init?.method} ${String(input)}: ${v}`);
      return res;
    },
  });
});

describe("LettrLabs client against Prism", () => {
  it.each<[string, (ll: LettrLabsClient) => Promise<unknown>]>([
    ["me", (c) => c.me()],
    ["orders.list", (c) => c.orders.list({ status: "Draft", pageSize: 50, paid: false })],
    [
      "orders.iterate",
      async (c) => {
        for await (const _ of c.orders.iterate({ pageSize: 500 })) {
          /* drain */
        }
      },
    ],
    ["orders.retrieve", (c) => c.orders.retrieve(48213)],
    ["orders.create", (c) => c.orders.create({ templateId: 12345 })],
    ["orders.delete", (c) => c.orders.delete(48213)],
    ["orders.proof", (c) => c.orders.proof(48213)],
    ["orders.proof (recipient)", (c) => c.orders.proof(48213, { recipientId: 903114 })],
    ["orders.deliveryStatus", (c) => c.orders.deliveryStatus(47990)],
    ["orders.recipients.list", (c) => c.orders.recipients.list(48213, { query: "Reyes", pageSize: 10 })],
    ["orders.recipients.append", (c) => c.orders.recipients.append(48213, recipients(3))],
    ["orders.recipients.delete", (c) => c.orders.recipients.delete(48213, [903114])],
    [
      "orders.checkout.preview",
      (c) =>
        c.orders.checkout.preview(48213, {
          postage: "Standard",
          production: "Normal",
          holdUntilDate: "2026-12-15T00:00:00Z",
        }),
    ],
    [
      "orders.checkout.submit",
      (c) =>
        c.orders.checkout.submit(48213, {
          postageType: "Standard",
          productionSpeed: "Normal",
          autoBill: false,
        }),
    ],
    ["orders.waitForSettlement", (c) => c.orders.waitForSettlement(47990, { pollAfterSeconds: 0 })],
    ["analytics", (c) => c.analytics([47990])],
    ["transactions", (c) => c.transactions(47990)],
    [
      "recipientStatistics.record",
      (c) =>
        c.recipientStatistics.record({
          orderId: 48213,
          statisticName: 0,
          statisticValue: "1",
          orderRecipientId: 903114,
        }),
    ],
    ["conversions.list", (c) => c.conversions.list({ pageSize: 10 })],
    [
      "conversions.iterate",
      async (c) => {
        for await (const _ of c.conversions.iterate()) {
          /* drain */
        }
      },
    ],
    [
      "conversions.create",
      (c) => c.conversions.create([{ revenue: 19.5, primaryEmail: "a@example.com", orderId: "WEB-1" }]),
    ],
    ["conversions.delete", (c) => c.conversions.delete(5521)],
    ["conversions.status", (c) => c.conversions.status(5521)],
    ["templates.list", (c) => c.templates.list()],
    ["templates.retrieve", (c) => c.templates.retrieve(12345)],
    ["fonts", (c) => c.fonts()],
    ["integrationOrders.list", (c) => c.integrationOrders.list()],
    [
      "integrationOrders.addRecipient",
      (c) =>
        c.integrationOrders.addRecipient(77, {
          firstName: "Maria",
          address1: "2150 N Lincoln Ave",
          city: "Chicago",
          state: "IL",
          zipCode: "60614",
        }),
    ],
    [
      "integrationOrders.mailByProximity",
      (c) =>
        c.integrationOrders.mailByProximity(77, {
          address: { address1: "1458 Oak Street", city: "Austin", state: "TX", zipCode: "78704" },
          maxRecipients: 25,
        }),
    ],
    [
      "addressBook.add",
      (c) =>
        c.addressBook.add({
          firstName: "Dana",
          address1: "980 Pine Ridge Dr",
          city: "Boulder",
          state: "CO",
          zipCode: "80302",
        }),
    ],
  ])("%s conforms to the spec", async (_name, call) => {
    const before = calls.length;
    const result = await call(ll);
    expect(calls.length).toBeGreaterThan(before);
    expect(violations).toEqual([]);
    if (result !== undefined) expect(result).toBeTruthy();
  });

  it("returns real PDF bytes from Prism's proof example", async () => {
    const pdf = await ll.orders.proof(48213);
    expect(new TextDecoder().decode(pdf.slice(0, 5))).toBe("%PDF-");
  });

  it("gets Prism's 401 without a valid key header", async () => {
    const { response } = await ll.raw.GET("/v1/me", {
      headers: { "X-API-KEY": null } as unknown as Record<string, string>,
    });
    expect(response.status).toBe(401);
  });

  it("reaches a deprecated alias through raw", async () => {
    const { data, response } = await ll.raw.PUT("/v1/order/{id}/recipients:append", {
      params: { path: { id: 48213 } },
      body: { recipients: recipients(1) },
    });
    expect(response.ok).toBe(true);
    expect(data?.payload.orderId).toBe(48213);
  });
});
