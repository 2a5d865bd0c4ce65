import type { CommerceLayer } from "@orderkit/types";
import type { operations } from "@orderkit/types/commercelayer";
import { keysetPaginate } from "../core/keyset.js";
import { type Recovery, safeWrite } from "../core/safe-write.js";
import {
  type CommerceLayerContext,
  clId,
  clList,
  clOne,
  clSafeWriteErrors,
  clSend,
  type RequestOptions,
} from "./call.js";
import { commerceLayerError } from "./errors.js";
import {
  type FlatAddress,
  type FlatCustomer,
  type FlatLineItem,
  type FlatList,
  type FlatMarket,
  type FlatOrder,
  type FlatShipment,
  type WithDocument,
  wrapRelationships,
} from "./jsonapi.js";
import { type ListQuery, type ReadQuery, toSpecQuery } from "./query.js";
import { clOrderStatusMeaning, TRIGGER_DONE, TRIGGERS_AFTER_CANCEL } from "./status.js";

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

export function createClOrders(ctx: CommerceLayerContext) {
  const { raw } = ctx;

  /** One page of orders (integration tokens only: sales channels cannot list orders). */
  async function list(
    query: OrderListQuery = {},
    options: RequestOptions = {},
  ): Promise<FlatList<FlatOrder, Schemas["OrderListDocument"]>> {
    return clList<FlatOrder, Schemas["OrderListDocument"]>(
      ctx,
      "listOrders",
      () => raw.GET("/orders", { params: { query: toSpecQuery(query) as never }, signal: options.signal }),
      query.page,
    );
  }

  /**
   * Every order matching `query.filter`, by keyset (sorted by id, `id_gt` the last one seen, 25 a
   * page): never a deep page number. `sort` and `page.number` cannot be combined with it.
   */
  function iterate(
    query: Omit<OrderListQuery, "sort" | "page"> = {},
    options: RequestOptions = {},
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
    options: RequestOptions = {},
  ): Promise<OrderResult> {
    const id = clId(orderId, "orderId");
    return clOne(ctx, "retrieveOrder", () =>
      raw.GET("/orders/{orderId}", {
        params: { path: { orderId: id }, query: toSpecQuery(query) as never },
        signal: options.signal,
      }),
    );
  }

  async function findByReference(
    reference: string,
    origin: string | undefined,
    options: RequestOptions,
  ): Promise<FlatOrder[]> {
    const filter: CommerceLayer.OrderFilter = {
      reference_eq: reference,
      ...(origin ? { reference_origin_eq: origin } : {}),
    };
    return [...(await list({ filter, page: { size: PAGE } }, options))];
  }

  /**
   * Creates an order, at most once, by the shared safe-write protocol. POST is never re-sent
   * blindly: with `attributes.reference` set, an ambiguous failure is resolved by looking the
   * order up by reference and origin (one found: it is this call's, returned; none: created again
   * within the recovery rounds; several: `ambiguous_write` with the candidates). Without a
   * reference there is no proof of ownership, and it throws `ambiguous_write`.
   */
  async function create(
    input: OrderCreateInput = {},
    query: ReadQuery<OrderInclude> = {},
    options: RequestOptions & {
      /**
       * A previous call may have created this order (it failed ambiguously, or the process
       * stopped): look it up by reference first, and create only when it is absent.
       */
      resume?: boolean | undefined;
    } = {},
  ): Promise<OrderResult> {
    const operation = "createOrder";
    const body = {
      data: {
        type: "orders" as const,
        attributes: input.attributes ?? {},
        relationships: wrapRelationships(input.relationships),
      },
    } as Schemas["OrderCreateDocument"];
    const reference = input.attributes?.reference ?? undefined;
    return safeWrite<OrderResult>({
      operation,
      attempt: () =>
        clOne(ctx, operation, () =>
          raw.POST("/orders", {
            params: { query: toSpecQuery(query) as never },
            body,
            signal: options.signal,
          }),
        ),
      probe: async (): Promise<Recovery<OrderResult>> => {
        if (!reference) {
          return {
            state: "ambiguous",
            message:
              "createOrder failed ambiguously: the order may exist. Set attributes.reference to let the client find it after such failures.",
          };
        }
        const found = await findByReference(
          reference,
          input.attributes?.reference_origin ?? undefined,
          options,
        );
        if (found.length === 0) return { state: "absent" };
        if (found.length === 1)
          return { state: "applied", value: await retrieve((found[0] as FlatOrder).id, query, options) };
        return {
          state: "ambiguous",
          message: `Several orders have reference ${reference}; cannot tell which one this call created.`,
          candidates: found.map((o) => o.id),
        };
      },
      rounds: ctx.recoveryRounds,
      resume: options.resume,
      backoff: ctx.backoff,
      signal: options.signal,
      logger: ctx.logger,
      errors: clSafeWriteErrors(ctx),
    });
  }

  async function update(
    orderId: string,
    input: OrderUpdateInput,
    query: ReadQuery<OrderInclude> = {},
    options: RequestOptions = {},
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
    return clOne(ctx, "updateOrder", () =>
      raw.PATCH("/orders/{orderId}", {
        params: { path: { orderId: id }, query: toSpecQuery(query) as never },
        body,
        signal: options.signal,
      }),
    );
  }

  /** Deletes an order (placed orders cannot be deleted; archive them). */
  async function remove(orderId: string, options: RequestOptions = {}): Promise<void> {
    const id = clId(orderId, "orderId");
    await clSend(ctx, "deleteOrder", () =>
      raw.DELETE("/orders/{orderId}", { params: { path: { orderId: id } }, signal: options.signal }),
    );
  }

  /**
   * Sends one trigger attribute, never re-sent automatically (`_place`, `_capture` and `_refund`
   * move money). After an ambiguous failure the order is read back: in the state the trigger leads
   * to, it is returned; still before it, the original error is thrown (not applied, safe to try
   * again); cancelled (for a trigger that cannot apply to a cancelled order), `order_closed`; an
   * unreadable order, `ambiguous_write`.
   */
  async function trigger(
    orderId: string,
    name: CommerceLayer.OrderTrigger,
    options: RequestOptions = {},
  ): Promise<OrderResult> {
    const operation = `updateOrder(${name})`;
    const id = clId(orderId, "orderId");
    return safeWrite<OrderResult>({
      operation,
      attempt: () =>
        update(id, { attributes: { [name]: true } as CommerceLayer.OrderUpdateAttributes }, {}, options),
      probe: async (): Promise<Recovery<OrderResult>> => {
        const order = await retrieve(id, {}, options);
        const done = TRIGGER_DONE[name];
        if (done?.(order)) return { state: "applied", value: order };
        if (clOrderStatusMeaning(order.status) === "closed" && !TRIGGERS_AFTER_CANCEL.has(name)) {
          return {
            state: "failed",
            error: commerceLayerError("order_closed", {
              message: `Order ${id} is ${order.status}: ${name} cannot apply.`,
              operation,
            }),
          };
        }
        if (!done) {
          return {
            state: "ambiguous",
            message: `${name} on order ${id} failed ambiguously and its effect cannot be read back; check the order before sending it again.`,
            candidates: [id],
          };
        }
        return { state: "absent" };
      },
      rounds: 0,
      signal: options.signal,
      logger: ctx.logger,
      errors: clSafeWriteErrors(ctx),
    });
  }

  return {
    list,
    iterate,
    retrieve,
    create,
    update,
    delete: remove,
    trigger,
    /** Places the order (authorizes the payment). */
    place: (orderId: string, options?: RequestOptions) => trigger(orderId, "_place", options),
    /** Cancels the order (voids the authorization of a placed order). */
    cancel: (orderId: string, options?: RequestOptions) => trigger(orderId, "_cancel", options),
    approve: (orderId: string, options?: RequestOptions) => trigger(orderId, "_approve", options),
    capture: (orderId: string, options?: RequestOptions) => trigger(orderId, "_capture", options),
    refund: (orderId: string, options?: RequestOptions) => trigger(orderId, "_refund", options),
    /** The order's line items. */
    async lineItems(
      orderId: string,
      query: ListQuery<CommerceLayer.LineItemFilter, CommerceLayer.LineItemSortField, LineItemInclude> = {},
      options: RequestOptions = {},
    ) {
      const id = clId(orderId, "orderId");
      return clList<FlatLineItem, Schemas["LineItemListDocument"]>(ctx, "listOrderLineItems", () =>
        raw.GET("/orders/{orderId}/line_items", {
          params: { path: { orderId: id }, query: toSpecQuery(query) as never },
          signal: options.signal,
        }),
      );
    },
    async market(orderId: string, options: RequestOptions = {}) {
      const id = clId(orderId, "orderId");
      return clOne<FlatMarket, Schemas["MarketDocument"]>(ctx, "retrieveOrderMarket", () =>
        raw.GET("/orders/{orderId}/market", { params: { path: { orderId: id } }, signal: options.signal }),
      );
    },
    async customer(orderId: string, options: RequestOptions = {}) {
      const id = clId(orderId, "orderId");
      return clOne<FlatCustomer, Schemas["CustomerDocument"]>(ctx, "retrieveOrderCustomer", () =>
        raw.GET("/orders/{orderId}/customer", { params: { path: { orderId: id } }, signal: options.signal }),
      );
    },
    async shippingAddress(orderId: string, options: RequestOptions = {}) {
      const id = clId(orderId, "orderId");
      return clOne<FlatAddress, Schemas["AddressDocument"]>(ctx, "retrieveOrderShippingAddress", () =>
        raw.GET("/orders/{orderId}/shipping_address", {
          params: { path: { orderId: id } },
          signal: options.signal,
        }),
      );
    },
    async billingAddress(orderId: string, options: RequestOptions = {}) {
      const id = clId(orderId, "orderId");
      return clOne<FlatAddress, Schemas["AddressDocument"]>(ctx, "retrieveOrderBillingAddress", () =>
        raw.GET("/orders/{orderId}/billing_address", {
          params: { path: { orderId: id } },
          signal: options.signal,
        }),
      );
    },
    async shipments(orderId: string, options: RequestOptions = {}) {
      const id = clId(orderId, "orderId");
      return clList<FlatShipment, Schemas["ShipmentListDocument"]>(ctx, "listOrderShipments", () =>
        raw.GET("/orders/{orderId}/shipments", { params: { path: { orderId: id } }, signal: options.signal }),
      );
    },
  };
}
