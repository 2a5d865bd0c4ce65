import type { LettrLabs } from "@orderkit/types";
import { describe, expectTypeOf, it } from "vitest";
import {
  type AppendSummary,
  type CommerceLayerClientOptions,
  type CommonClientOptions,
  type CreatedOrder,
  createCommerceLayerClient,
  createLettrLabsClient,
  type FlatOrder,
  type LettrLabsClientOptions,
  type Page,
  type RequestOptions,
} from "../../src/index.js";

const ll = createLettrLabsClient({ apiKey: "LL-API-types", baseUrl: "http://127.0.0.1:1" });

describe("LettrLabs client types", () => {
  it("types results as the unwrapped payloads", () => {
    expectTypeOf(ll.me).returns.resolves.toEqualTypeOf<LettrLabs.Profile>();
    expectTypeOf(ll.orders.create).returns.resolves.toEqualTypeOf<CreatedOrder>();
    expectTypeOf(ll.orders.list).returns.resolves.toEqualTypeOf<Page<LettrLabs.Order>>();
    expectTypeOf(ll.orders.recipients.append).returns.resolves.toEqualTypeOf<AppendSummary>();
    expectTypeOf(ll.orders.proof).returns.resolves.toEqualTypeOf<Uint8Array>();
    expectTypeOf(ll.orders.checkout.preview).returns.resolves.toEqualTypeOf<LettrLabs.CheckoutPreview>();
  });

  it("shares one surface with the Commerce Layer client", () => {
    const cl = createCommerceLayerClient({ baseUrl: "http://127.0.0.1:1", accessToken: "t" });
    expectTypeOf<LettrLabsClientOptions>().toMatchTypeOf<CommonClientOptions>();
    expectTypeOf<CommerceLayerClientOptions>().toMatchTypeOf<CommonClientOptions>();
    expectTypeOf(cl.orders.list).returns.resolves.toMatchTypeOf<Page<FlatOrder>>();
    expectTypeOf(ll.orders.retrieve).parameter(1).toEqualTypeOf<RequestOptions | undefined>();
    expectTypeOf(cl.orders.retrieve).parameter(2).toEqualTypeOf<RequestOptions | undefined>();
    expectTypeOf(ll.orders.delete).toBeFunction();
    expectTypeOf(cl.orders.delete).toBeFunction();
  });

  it("rejects wrong bodies and queries at compile time", () => {
    // @ts-expect-error templateId must be a number
    void ll.orders.create({ templateId: "12345" });
    // @ts-expect-error templateId is required
    void ll.orders.create({});
    // @ts-expect-error unknown postage type
    void ll.orders.checkout.submit(1, { postageType: "Overnight", productionSpeed: "Normal" });
    // @ts-expect-error productionSpeed is required
    void ll.orders.checkout.submit(1, { postageType: "Standard" });
    // @ts-expect-error status must be one of the order statuses
    void ll.orders.list({ status: "Shipped" });
    // @ts-expect-error pageSize is a number
    void ll.orders.list({ pageSize: "100" });
    // @ts-expect-error a recipient needs an address
    void ll.orders.recipients.append(1, [{ personal: { firstName: "A" } }]);
    const address = { address1: "1 Main St", city: "Austin", state: "TX", zipCode: "78701" };
    // @ts-expect-error a misspelt group is no field of a recipient (the API would drop it)
    void ll.orders.recipients.append(1, [{ address, personel: { firstName: "A" } }]);
    // @ts-expect-error nor a misspelt address field
    void ll.orders.recipients.append(1, [{ address: { ...address, adress2: "Apt 1" } }]);
    // @ts-expect-error nor a misspelt merge field
    const merge: LettrLabs.Recipient = { address, metadata: { Custom1: "Hi" } };
    void merge;
    // @ts-expect-error the raw client checks paths
    void ll.raw.GET("/v1/orders");
    // @ts-expect-error and bodies
    void ll.raw.POST("/v1/order", { body: { template: 1 } });
  });
});
