import { describe, expectTypeOf, it } from "vitest";
import { createCommerceLayerClient, type FlatOrder } from "../../src/index.js";

const cl = createCommerceLayerClient({ organization: "acme", clientId: "x" });

describe("Commerce Layer client types", () => {
  it("types flattened results", () => {
    expectTypeOf(cl.orders.retrieve).returns.resolves.toMatchTypeOf<FlatOrder>();
    expectTypeOf<FlatOrder["status"]>().toEqualTypeOf<
      "draft" | "pending" | "editing" | "placing" | "placed" | "approved" | "cancelled"
    >();
    expectTypeOf<FlatOrder["total_amount_cents"]>().toEqualTypeOf<number>();
  });

  it("rejects wrong filters, sorts, includes, fields and bodies at compile time", () => {
    // @ts-expect-error no such predicate
    void cl.orders.list({ filter: { colour_eq: "red" } });
    // @ts-expect-error status is an enum
    void cl.orders.list({ filter: { status_eq: 5 } });
    // @ts-expect-error not a sortable attribute
    void cl.orders.list({ sort: ["-customer_password"] });
    // @ts-expect-error not a relationship of orders
    void cl.orders.list({ include: ["warehouses"] });
    // @ts-expect-error not an order field
    void cl.orders.list({ fields: { orders: ["colour"] } });
    // @ts-expect-error a market relationship needs type "markets"
    void cl.orders.create({ relationships: { market: { type: "market", id: "x" } } });
    // @ts-expect-error status is read-only
    void cl.orders.create({ attributes: { status: "placed" } });
    // @ts-expect-error triggers are update-only
    void cl.orders.create({ attributes: { _place: true } });
    // @ts-expect-error quantity is required
    void cl.lineItems.create({ sku_code: "X", order: "o" });
  });
});
