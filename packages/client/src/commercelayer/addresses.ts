import type { CommerceLayer } from "@orderkit/types";
import { type CommerceLayerContext, clId, clOne, type RequestOptions } from "./call.js";
import type { FlatAddress } from "./jsonapi.js";

export function createClAddresses(ctx: CommerceLayerContext) {
  const { raw } = ctx;
  return {
    /** Creates an address (then link it to an order as shipping_address or billing_address). */
    async create(attributes: CommerceLayer.AddressCreateAttributes, options: RequestOptions = {}) {
      return clOne<FlatAddress, CommerceLayer.components["schemas"]["AddressDocument"]>(
        ctx,
        "createAddress",
        "addresses",
        () =>
          raw.POST("/addresses", {
            body: { data: { type: "addresses", attributes } },
            signal: options.signal,
          }),
      );
    },
    async retrieve(addressId: string, options: RequestOptions = {}) {
      const id = clId(addressId, "addressId");
      return clOne<FlatAddress, CommerceLayer.components["schemas"]["AddressDocument"]>(
        ctx,
        "retrieveAddress",
        "addresses",
        () =>
          raw.GET("/addresses/{addressId}", { params: { path: { addressId: id } }, signal: options.signal }),
      );
    },
  };
}
