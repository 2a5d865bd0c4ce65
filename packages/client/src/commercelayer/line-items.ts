import type { CommerceLayer } from "@orderkit/types";
import { type CommerceLayerContext, clId, clOne, clSend, type RequestOptions } from "./call.js";
import type { FlatLineItem, WithDocument } from "./jsonapi.js";

type Schemas = CommerceLayer.components["schemas"];
/** Input of `lineItems.create`: the attributes plus the order's id. */
export type LineItemCreateInput = CommerceLayer.LineItemCreateAttributes & {
  /** Id of the order to add the item to. */
  order: string;
};
export type LineItemResult = FlatLineItem & WithDocument<Schemas["LineItemDocument"]>;

export function createClLineItems(ctx: CommerceLayerContext) {
  const { raw } = ctx;
  return {
    /**
     * Adds a line item to an order. Not retried; pass `_update_quantity: true` so a repeated add
     * merges into the existing line instead of adding a second one.
     */
    async create(input: LineItemCreateInput, options: RequestOptions = {}): Promise<LineItemResult> {
      const { order, ...attributes } = input;
      const orderId = clId(order, "order");
      return clOne(ctx, "createLineItem", () =>
        raw.POST("/line_items", {
          body: {
            data: {
              type: "line_items",
              attributes,
              relationships: { order: { data: { type: "orders", id: orderId } } },
            },
          },
          signal: options.signal,
        }),
      );
    },
    async retrieve(lineItemId: string, options: RequestOptions = {}): Promise<LineItemResult> {
      const id = clId(lineItemId, "lineItemId");
      return clOne(ctx, "retrieveLineItem", () =>
        raw.GET("/line_items/{lineItemId}", { params: { path: { lineItemId: id } }, signal: options.signal }),
      );
    },
    /** Changes a line item (e.g. its quantity). */
    async update(
      lineItemId: string,
      attributes: CommerceLayer.LineItemUpdateAttributes,
      options: RequestOptions = {},
    ): Promise<LineItemResult> {
      const id = clId(lineItemId, "lineItemId");
      return clOne(ctx, "updateLineItem", () =>
        raw.PATCH("/line_items/{lineItemId}", {
          params: { path: { lineItemId: id } },
          body: { data: { type: "line_items", id, attributes } },
          signal: options.signal,
        }),
      );
    },
    /** Removes a line item from its order. */
    async delete(lineItemId: string, options: RequestOptions = {}): Promise<void> {
      const id = clId(lineItemId, "lineItemId");
      await clSend(ctx, "deleteLineItem", () =>
        raw.DELETE("/line_items/{lineItemId}", {
          params: { path: { lineItemId: id } },
          signal: options.signal,
        }),
      );
    },
  };
}
