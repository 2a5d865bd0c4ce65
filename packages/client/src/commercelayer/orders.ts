import type { CommerceLayer } from "@orderkit/types";
import type { operations } from "@orderkit/types/commercelayer";
import { backoffDelay } from "../core/backoff.js";
import { keysetPaginate } from "../core/keyset.js";
import { sleep } from "../core/sleep.js";
import { type ClCallOptions, type CommerceLayerContext, clId, clSend } from "./call.js";
import { CommerceLayerError, mayHaveAppliedCl } from "./errors.js";
import {
  type FlatAddress,
  type FlatCustomer,
  type FlatLineItem,
  type FlatList,
  type FlatMarket,
  type FlatOrder,
  type FlatShipment,
  flattenList,
  flattenOne,
  type WithDocument,
  wrapRelationships,
} from "./jsonapi.js";
import { type ListQuery, type ReadQuery, toSpecQuery } from "./query.js";

type Schemas = CommerceLayer.components["schemas"];
/** What `include` accepts on orders. */
export type OrderInclude = NonNullable<
  NonNullable<operations["listOrders"]["parameters"]["query"]>["include"]
>[number];
/** Options of `orders.list` and `orders.iterate`. */
export type OrderListQuery = ListQuery<CommerceLayer.OrderFilter, CommerceLayer.OrderSortField, OrderInclude>;
type LineItemInclude = NonNullable<
  NonNullable<operations["listOrderLineItems"]["parameters"]["query"]>["include"]
>[number];

/** Relationship input: `{ market: { type: "markets", id } }`. */
type RelationshipInput<R> = { [K in keyof R]?: NonNullable<R[K]> extends { data: infer D } ? D : never };

/** Input of `orders.create`. */
export interface OrderCreateInput {
  attributes?: CommerceLayer.OrderCreateAttributes;
  relationships?: RelationshipInput<Schemas["OrderCreateRelationships"]>;
}
/** Input of `orders.update`. */
export interface OrderUpdateInput {
  attributes?: CommerceLayer.OrderUpdateAttributes;
  relationships?: RelationshipInput<Schemas["OrderUpdateRelationships"]>;
}

export type OrderResult = FlatOrder & WithDocument<Schemas["OrderDocument"]>;

const PAGE = 25;

/** The state a trigger leads to, used to verify it after an ambiguous failure. */
const TRIGGER_DONE: Record<string, (o: FlatOrder) => boolean> = {
  _place: (o) => o.status === "placed" || o.status === "approved",
  _cancel: (o) => o.status === "cancelled",
  _approve: (o) => o.status === "approved",
  _capture: (o) => o.payment_status === "paid",
  _refund: (o) => o.payment_status === "refunded" || o.payment_status === "partially_refunded",
};

export function createClOrders(ctx: CommerceLayerContext) {
  const { raw } = ctx;

  /** One page of orders (integration tokens only: sales channels cannot list orders). */
  async function list(
    query: OrderListQuery = {},
    options: ClCallOptions = {},
  ): Promise<FlatList<FlatOrder, Schemas["OrderListDocument"]>> {
    const doc = await clSend(ctx, "listOrders", () =>
      raw.GET("/orders", { params: { query: toSpecQuery(query) as never }, signal: options.signal }),
    );
    return flattenList<FlatOrder, Schemas["OrderListDocument"]>(doc);
  }

  /**
   * Every order matching `query.filter`, by keyset (sorted by id, `id_gt` the last one seen, 25 a
   * page): never a deep page number. `sort` and `page.number` cannot be combined with it.
   */
  function iterate(
    query: Omit<OrderListQuery, "sort" | "page"> = {},
    options: ClCallOptions = {},
  ): AsyncGenerator<FlatOrder, void, undefined> {
    return keysetPaginate(
      (after) =>
        list(
          {
            ...query,
            sort: ["id"],
            page: { size: PAGE },
            filter: {
              ...(query.filter ?? {}),
              ...(after ? { id_gt: after } : {}),
            } as CommerceLayer.OrderFilter,
          },
          options,
        ),
      PAGE,
    );
  }

  async function retrieve(
    orderId: string,
    query: ReadQuery<OrderInclude> = {},
    options: ClCallOptions = {},
  ): Promise<OrderResult> {
    const id = clId(orderId, "orderId");
    const doc = await clSend(ctx, "retrieveOrder", () =>
      raw.GET("/orders/{orderId}", {
        params: { path: { orderId: id }, query: toSpecQuery(query) as never },
        signal: options.signal,
      }),
    );
    return flattenOne(doc);
  }

  async function findByReference(
    reference: string,
    origin: string | undefined,
    options: ClCallOptions,
  ): Promise<FlatOrder[]> {
    const filter: CommerceLayer.OrderFilter = {
      reference_eq: reference,
      ...(origin ? { reference_origin_eq: origin } : {}),
    };
    return [...(await list({ filter, page: { size: PAGE } }, options))];
  }

  /**
   * Creates an order. POST is never retried blindly: with `attributes.reference` set, an ambiguous
   * failure is resolved by looking the order up by reference (one found: returned; none: created
   * again; several: error with the candidates). Without a reference it throws `ambiguous_write`.
   */
  async function create(
    input: OrderCreateInput = {},
    query: ReadQuery<OrderInclude> = {},
    options: ClCallOptions = {},
  ): Promise<OrderResult> {
    const body = {
      data: {
        type: "orders" as const,
        attributes: input.attributes ?? {},
        relationships: wrapRelationships(input.relationships),
      },
    } as Schemas["OrderCreateDocument"];
    const reference = input.attributes?.reference ?? undefined;
    for (let attempt = 0; ; attempt++) {
      try {
        const doc = await clSend(ctx, "createOrder", () =>
          raw.POST("/orders", {
            params: { query: toSpecQuery(query) as never },
            body,
            signal: options.signal,
          }),
        );
        return flattenOne(doc);
      } catch (error) {
        if (!mayHaveAppliedCl(error)) throw error;
        if (!reference) {
          throw new CommerceLayerError("ambiguous_write", {
            message:
              "createOrder failed ambiguously: the order may exist. Set attributes.reference to let the client find it after such failures.",
            operation: "createOrder",
            cause: error,
          });
        }
        ctx.logger.warn(`createOrder failed ambiguously; looking the order up by reference`);
        let found: FlatOrder[];
        try {
          found = await findByReference(reference, input.attributes?.reference_origin ?? undefined, options);
        } catch (readError) {
          throw new CommerceLayerError("ambiguous_write", {
            message: `createOrder failed ambiguously and orders with reference ${reference} could not be listed; check before creating again.`,
            operation: "createOrder",
            cause: readError,
          });
        }
        if (found.length === 1) return retrieve((found[0] as FlatOrder).id, query, options);
        if (found.length > 1) {
          throw new CommerceLayerError("ambiguous_write", {
            message: `Several orders have reference ${reference}; cannot tell which one this call created.`,
            operation: "createOrder",
            candidates: found.map((o) => o.id),
            cause: error,
          });
        }
        if (attempt >= ctx.maxRetries) throw error;
        await sleep(backoffDelay(attempt), options.signal);
      }
    }
  }

  async function update(
    orderId: string,
    input: OrderUpdateInput,
    query: ReadQuery<OrderInclude> = {},
    options: ClCallOptions = {},
  ): Promise<OrderResult> {
    const id = clId(orderId, "orderId");
    const body = {
      data: {
        type: "orders" as const,
        id,
        attributes: input.attributes,
        relationships: wrapRelationships(input.relationships),
      },
    } as Schemas["OrderUpdateDocument"];
    const doc = await clSend(ctx, "updateOrder", () =>
      raw.PATCH("/orders/{orderId}", {
        params: { path: { orderId: id }, query: toSpecQuery(query) as never },
        body,
        signal: options.signal,
      }),
    );
    return flattenOne(doc);
  }

  /** Deletes an order (placed orders cannot be deleted; archive them). */
  async function remove(orderId: string, options: ClCallOptions = {}): Promise<void> {
    const id = clId(orderId, "orderId");
    await clSend(ctx, "deleteOrder", () =>
      raw.DELETE("/orders/{orderId}", { params: { path: { orderId: id } }, signal: options.signal }),
    );
  }

  /**
   * Sends one trigger attribute. After an ambiguous failure the order is read back: when it is
   * already in the state the trigger leads to, that order is returned instead of an error.
   */
  async function trigger(
    orderId: string,
    name: CommerceLayer.OrderTrigger,
    options: ClCallOptions = {},
  ): Promise<OrderResult> {
    try {
      return await update(
        orderId,
        { attributes: { [name]: true } as CommerceLayer.OrderUpdateAttributes },
        {},
        options,
      );
    } catch (error) {
      const done = TRIGGER_DONE[name];
      if (!done || !mayHaveAppliedCl(error)) throw error;
      const order = await retrieve(orderId, {}, options);
      if (done(order)) return order;
      throw error;
    }
  }

  return {
    list,
    iterate,
    retrieve,
    create,
    update,
    remove,
    trigger,
    /** Places the order (authorizes the payment). */
    place: (orderId: string, options?: ClCallOptions) => trigger(orderId, "_place", options),
    /** Cancels the order (voids the authorization of a placed order). */
    cancel: (orderId: string, options?: ClCallOptions) => trigger(orderId, "_cancel", options),
    approve: (orderId: string, options?: ClCallOptions) => trigger(orderId, "_approve", options),
    capture: (orderId: string, options?: ClCallOptions) => trigger(orderId, "_capture", options),
    refund: (orderId: string, options?: ClCallOptions) => trigger(orderId, "_refund", options),
    /** The order's line items. */
    async lineItems(
      orderId: string,
      query: ListQuery<CommerceLayer.LineItemFilter, CommerceLayer.LineItemSortField, LineItemInclude> = {},
      options: ClCallOptions = {},
    ) {
      const id = clId(orderId, "orderId");
      const doc = await clSend(ctx, "listOrderLineItems", () =>
        raw.GET("/orders/{orderId}/line_items", {
          params: { path: { orderId: id }, query: toSpecQuery(query) as never },
          signal: options.signal,
        }),
      );
      return flattenList<FlatLineItem, Schemas["LineItemListDocument"]>(doc);
    },
    async market(orderId: string, options: ClCallOptions = {}) {
      const id = clId(orderId, "orderId");
      const doc = await clSend(ctx, "retrieveOrderMarket", () =>
        raw.GET("/orders/{orderId}/market", { params: { path: { orderId: id } }, signal: options.signal }),
      );
      return flattenOne<FlatMarket, Schemas["MarketDocument"]>(doc);
    },
    async customer(orderId: string, options: ClCallOptions = {}) {
      const id = clId(orderId, "orderId");
      const doc = await clSend(ctx, "retrieveOrderCustomer", () =>
        raw.GET("/orders/{orderId}/customer", { params: { path: { orderId: id } }, signal: options.signal }),
      );
      return flattenOne<FlatCustomer, Schemas["CustomerDocument"]>(doc);
    },
    async shippingAddress(orderId: string, options: ClCallOptions = {}) {
      const id = clId(orderId, "orderId");
      const doc = await clSend(ctx, "retrieveOrderShippingAddress", () =>
        raw.GET("/orders/{orderId}/shipping_address", {
          params: { path: { orderId: id } },
          signal: options.signal,
        }),
      );
      return flattenOne<FlatAddress, Schemas["AddressDocument"]>(doc);
    },
    async billingAddress(orderId: string, options: ClCallOptions = {}) {
      const id = clId(orderId, "orderId");
      const doc = await clSend(ctx, "retrieveOrderBillingAddress", () =>
        raw.GET("/orders/{orderId}/billing_address", {
          params: { path: { orderId: id } },
          signal: options.signal,
        }),
      );
      return flattenOne<FlatAddress, Schemas["AddressDocument"]>(doc);
    },
    async shipments(orderId: string, options: ClCallOptions = {}) {
      const id = clId(orderId, "orderId");
      const doc = await clSend(ctx, "listOrderShipments", () =>
        raw.GET("/orders/{orderId}/shipments", { params: { path: { orderId: id } }, signal: options.signal }),
      );
      return flattenList<FlatShipment, Schemas["ShipmentListDocument"]>(doc);
    },
  };
}
