import type { CommerceLayer } from "@orderkit/types";
import type { operations } from "@orderkit/types/commercelayer";
import { signalProblem } from "../core/abort-listeners.js";
import { keysetPaginate } from "../core/keyset.js";
import { oneAtATime, type WriteTurn } from "../core/one-at-a-time.js";
import { type Recovery, safeWrite } from "../core/safe-write.js";
import { shown } from "../core/shown.js";
import {
  type CommerceLayerContext,
  clFilter,
  clId,
  clList,
  clObjects,
  clOne,
  clSafeWriteErrors,
  clSend,
  lookupTextProblem,
  type RequestOptions,
  toClError,
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
import { clOrderStatusMeaning, TRIGGERS_AFTER_CANCEL, triggerDone } from "./status.js";

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

// Every operation is a function of the context, so that a bundle carries only the ones it calls
// (`commerceLayerRetrieveOrder(core, id)` needs neither create's safe-write nor the triggers);
// `createClOrders` binds them all to one context for `client.orders`.

/** One page of orders (integration tokens only: sales channels cannot list orders). */
export async function listOrders(
  ctx: CommerceLayerContext,
  query: OrderListQuery = {},
  options: RequestOptions = {},
): Promise<FlatList<FlatOrder, Schemas["OrderListDocument"]>> {
  return clList<FlatOrder, Schemas["OrderListDocument"]>(ctx, "listOrders", "orders", query, (sent) =>
    ctx.raw.GET("/orders", { params: { query: toSpecQuery(sent) as never }, signal: options.signal }),
  );
}

/**
 * Every order matching `query.filter`, by keyset (sorted by id, `id_gt` the last one seen, 25 a
 * page): never a deep page number. `sort` and `page.number` cannot be combined with it.
 */
export function iterateOrders(
  ctx: CommerceLayerContext,
  query: Omit<OrderListQuery, "sort" | "page"> = {},
  options: RequestOptions = {},
): AsyncGenerator<FlatOrder, void, undefined> {
  // The caller's filter as the text it sends, made once, on the first page (so a refusal comes
  // from the first `next()`); each page adds its `id_gt` to that copy.
  let filter: Record<string, unknown> | undefined;
  return keysetPaginate(
    (after) => {
      if (after === undefined) {
        clObjects("listOrders", { query, options });
        filter = clFilter(ctx, "listOrders", query.filter);
      }
      return listOrders(
        ctx,
        {
          include: query.include,
          fields: query.fields,
          sort: ["id"],
          page: { size: PAGE },
          filter: { ...filter, ...(after ? { id_gt: after } : {}) } as CommerceLayer.OrderFilter,
        },
        options,
      ).then((page) => {
        // The count as the server sent it (a page's meta.recordCount falls back to its length).
        const count = page.$document.meta?.record_count;
        return { items: page, remaining: typeof count === "number" ? count : undefined };
      });
    },
    PAGE,
    (message) =>
      commerceLayerError("invalid_response", { message: `listOrders: ${message}`, operation: "listOrders" }),
  );
}

/** One order, with the resources named in `query.include` (flattened, raw document in `$document`). */
export async function retrieveOrder(
  ctx: CommerceLayerContext,
  orderId: string,
  query: ReadQuery<OrderInclude> = {},
  options: RequestOptions = {},
): Promise<OrderResult> {
  const id = clId(orderId, "orderId");
  return clOne(ctx, "retrieveOrder", "orders", () =>
    ctx.raw.GET("/orders/{orderId}", {
      params: { path: { orderId: id }, query: toSpecQuery(query) as never },
      signal: options.signal,
    }),
  );
}

/** Options of `orders.create`. */
export type OrderCreateOptions = RequestOptions & {
  /**
   * A previous call may have created this order (it failed ambiguously, or the process
   * stopped): look it up by reference first, and create only when it is absent.
   */
  resume?: boolean | undefined;
  /**
   * Called (and awaited) when the create is answered, but not as asked (the answer's reference is
   * not the one sent), before it is read back: the server took it, and it must not be sent again
   * (the call then throws an error `answeredOtherwise` is true for). A caller that records its
   * writes records that here. It must not create an order of the same reference (creates of one
   * reference take turns: it would wait for itself).
   */
  onAnswered?: ((problem: string) => Promise<void> | void) | undefined;
};

/**
 * Creates an order, at most once, by the shared safe-write protocol. POST is never re-sent
 * blindly: with `attributes.reference` set, an ambiguous failure is resolved by looking the
 * order up by reference and origin (one found: it is this call's, returned; none: created again
 * within the recovery rounds; several: `ambiguous_write` with the candidates). Without a
 * reference there is no proof of ownership, and it throws `ambiguous_write`.
 */
export async function createOrder(
  ctx: CommerceLayerContext,
  input: OrderCreateInput = {},
  query: ReadQuery<OrderInclude> = {},
  options: OrderCreateOptions = {},
): Promise<OrderResult> {
  const operation = "createOrder";
  clObjects(operation, { input, query, options });
  const body = {
    data: {
      type: "orders" as const,
      attributes: input.attributes ?? {},
      relationships: wrapRelationships(input.relationships),
    },
  } as Schemas["OrderCreateDocument"];
  const reference = input.attributes?.reference ?? undefined;
  // The reference finds the order again after a lost answer: the look-up must search for what the
  // server keeps.
  const origin = input.attributes?.reference_origin ?? undefined;
  const badReference =
    (reference === undefined ? undefined : lookupTextProblem("reference", reference)) ??
    (origin === undefined ? undefined : lookupTextProblem("reference_origin", origin));
  if (badReference) throw commerceLayerError("invalid_argument", { message: badReference, operation });
  const create = (turn: WriteTurn) =>
    safeWrite<OrderResult>(ctx, clSafeWriteErrors(ctx), {
      operation,
      attempt: () => {
        turn.wrote = true;
        // (The answer's type is its `check`'s: see below.)
        return clOne(ctx, operation, undefined, () =>
          ctx.raw.POST("/orders", {
            params: { query: toSpecQuery(query) as never },
            body,
            signal: options.signal,
          }),
        );
      },
      // The reference is what finds this order again: an answer that keeps it otherwise (another
      // spelling) was taken all the same, and is never created again (see safeWrite's `check`).
      // (A reference left out of the answer, by a sparse fieldset, is not another one.)
      // Another resource than an order (review 213) was taken all the same: never created again.
      check: (answer) =>
        answer.type !== "orders"
          ? `answered with ${shown(answer.type)} ${shown(answer.id)}, not an order`
          : reference && answer.reference !== undefined && answer.reference !== reference
            ? `answered with order ${shown(answer.id)} of reference ${shown(answer.reference)}, not ${shown(reference)}`
            : undefined,
      probe: async (): Promise<Recovery<OrderResult>> => {
        if (!reference) {
          return {
            state: "ambiguous",
            message:
              "createOrder failed ambiguously: the order may exist. Set attributes.reference to let the client find it after such failures.",
          };
        }
        const filter: CommerceLayer.OrderFilter = {
          reference_eq: reference,
          ...(origin ? { reference_origin_eq: origin } : {}),
        };
        const page = await listOrders(ctx, { filter, page: { size: PAGE } }, options);
        const found = [...page];
        // Proof needs a look-up that kept to its filter and was read whole: one that lists an order
        // of another reference (a server ignoring the filter, a redirect) or fewer than it counts
        // proves nothing either way.
        const stray = found.find(
          (o) =>
            !clSameReference(o.reference, reference) ||
            (origin !== undefined && !clSameReference(o.reference_origin, origin)),
        );
        // The count as the server sent it (`meta.recordCount` falls back to the page's length):
        // none is no proof that the page holds them all (review 213).
        const count = page.$document.meta?.record_count;
        if (stray || typeof count !== "number" || count > found.length) {
          return {
            state: "ambiguous",
            message: stray
              ? `The look-up of reference ${shown(reference)} listed order ${shown(stray.id)} of reference ${shown(stray.reference)}: it did not keep to its filter, and cannot tell whether this call created the order.`
              : `The look-up of reference ${shown(reference)} listed ${found.length} of ${typeof count === "number" ? count : "an uncounted number of"} orders: cannot tell whether this call created the order.`,
            candidates: found.map((o) => o.id),
          };
        }
        if (found.length === 0) return { state: "absent" };
        if (found.length === 1) {
          const order = found[0] as FlatOrder;
          // Another order of this reference (another customer's, made before) is not this call's,
          // and not proof that this call's is absent (the server may have stored what was sent
          // otherwise): any attribute sent that the order holds otherwise leaves it undecided.
          const differs = differingAttribute(input.attributes, order);
          if (differs)
            return {
              state: "ambiguous",
              message: `Order ${shown(order.id)} has reference ${shown(reference)} but ${differs} ${shown(order[differs as keyof FlatOrder])}, not ${shown(input.attributes?.[differs as keyof typeof input.attributes])}: another's order, or this call's stored otherwise; cannot tell which.`,
              candidates: [order.id],
            };
          return { state: "applied", value: await retrieveOrder(ctx, order.id, query, options) };
        }
        return {
          state: "ambiguous",
          message: `Several orders have reference ${reference}; cannot tell which one this call created.`,
          candidates: found.map((o) => o.id),
        };
      },
      onAnswered: options.onAnswered,
      resume: options.resume,
      readBack: reference
        ? undefined
        : "check the orders (set `attributes.reference` to make a create resumable)",
      signal: options.signal,
    });
  if (!reference) return create({ wrote: false });
  // One create of a reference at a time in this process, whatever base URL names the server: two
  // at once (two `resume` calls, or a call whose answer was lost beside another) would both look
  // up no order, or one would take the other's order for its own, and both create. After one whose
  // write left and was not refused, the next waits `settleMs` more before it starts, as a
  // read-back would: that write may still land.
  const badSignal = signalProblem(options.signal);
  if (badSignal) throw toClError(ctx, badSignal, operation);
  return oneAtATime(
    JSON.stringify(["orders.create", clFoldedText(reference)]),
    options.signal,
    (error) => toClError(ctx, error, operation),
    ctx.settleMs,
    create,
  );
}

/**
 * Whether an order's reference (`held`) is `sent`, as a server may keep it: the same once trimmed,
 * in one Unicode form (NFC) and lower-cased. What the create's look-up by reference accepts as
 * its filter kept; the CLI's look-up before a create applies the same rule.
 */
export function clSameReference(held: unknown, sent: string): boolean {
  return typeof held === "string" && clFoldedText(held) === clFoldedText(sent);
}

/**
 * A text as a server may keep it: trimmed, in one Unicode form (NFC), lower-cased. Two texts of
 * one folded form are one reference to {@link clSameReference}; an app that keys its own records
 * of a create by reference (the CLI's locks) keys them by this form, so that `R1` and `r1` are one.
 */
export const clFoldedText = (text: string): string => text.normalize("NFC").trim().toLowerCase();

/**
 * The first attribute of a create (`input`, its text, number and true/false values) that `order`
 * holds with another value, or undefined: what tells an order of the same reference from the one
 * the create asked for. Compared as a server may keep them (as text, folded: an e-mail kept
 * lower-cased, a true kept as "true"); an attribute the order leaves out (a sparse fieldset) is
 * not compared, one it holds as null differs.
 */
function differingAttribute(
  input: Record<string, unknown> | undefined,
  order: Record<string, unknown>,
): string | undefined {
  for (const [name, value] of Object.entries(input ?? {})) {
    // The reference and its origin: matched by the look-up, in any form the server keeps.
    if (name === "reference" || name === "reference_origin") continue;
    const held = order[name];
    if (
      (typeof value === "string" || typeof value === "number" || typeof value === "boolean") &&
      held !== undefined &&
      (held === null || clFoldedText(String(held)) !== clFoldedText(String(value)))
    )
      return name;
  }
  return undefined;
}

/**
 * Updates an order's attributes and relationships. `checked` is for a safe write that checks the
 * answer itself (its `check`, where an answer of another type is one answered otherwise, never
 * sent again): the answer's type is then left to it.
 */
export async function updateOrder(
  ctx: CommerceLayerContext,
  orderId: string,
  input: OrderUpdateInput,
  query: ReadQuery<OrderInclude> = {},
  options: RequestOptions = {},
  checked = false,
): Promise<OrderResult> {
  clObjects("updateOrder", { input, query, options });
  const id = clId(orderId, "orderId");
  const body = {
    data: {
      type: "orders" as const,
      id,
      attributes: input.attributes,
      relationships: wrapRelationships(input.relationships),
    },
  } as Schemas["OrderUpdateDocument"];
  return clOne(ctx, "updateOrder", checked ? undefined : "orders", () =>
    ctx.raw.PATCH("/orders/{orderId}", {
      params: { path: { orderId: id }, query: toSpecQuery(query) as never },
      body,
      signal: options.signal,
    }),
  );
}

/** Deletes an order (placed orders cannot be deleted; archive them). */
export async function deleteOrder(
  ctx: CommerceLayerContext,
  orderId: string,
  options: RequestOptions = {},
): Promise<void> {
  const id = clId(orderId, "orderId");
  await clSend(ctx, "deleteOrder", () =>
    ctx.raw.DELETE("/orders/{orderId}", { params: { path: { orderId: id } }, signal: options.signal }),
  );
}

/** Options of the order triggers (`orders.place`, `orders.trigger`, ...). */
export type OrderTriggerOptions = RequestOptions & {
  /**
   * A previous call may have sent this trigger (it failed ambiguously, was refused because the
   * order had moved on, or its process stopped): wait `settleMs`, read the order first, and return
   * it when it is already in the state the trigger leads to; send the trigger only when it is not.
   */
  resume?: boolean | undefined;
};

/**
 * Sends one trigger attribute, never re-sent automatically (`_place`, `_capture` and `_refund`
 * move money). After an ambiguous failure the order is read back: in the state the trigger leads
 * to, it is returned; still before it, the original error is thrown (not applied, safe to try
 * again); cancelled (for a trigger that cannot apply to a cancelled order), `order_closed`; an
 * unreadable order, `ambiguous_write`. With `resume`, the same read comes first.
 */
export async function triggerOrder(
  ctx: CommerceLayerContext,
  orderId: string,
  name: CommerceLayer.OrderTrigger,
  options: OrderTriggerOptions = {},
): Promise<OrderResult> {
  const operation = `updateOrder(${name})`;
  clObjects(operation, { options });
  const id = clId(orderId, "orderId");
  // Trigger attributes all begin with "_": anything else would set a plain attribute.
  if (typeof name !== "string" || name[0] !== "_")
    throw commerceLayerError("invalid_argument", {
      message: `Not a trigger: ${JSON.stringify(name)}.`,
      operation,
    });
  return safeWrite<OrderResult>(ctx, clSafeWriteErrors(ctx), {
    operation,
    attempt: () =>
      updateOrder(
        ctx,
        id,
        { attributes: { [name]: true } as CommerceLayer.OrderUpdateAttributes },
        {},
        options,
        true,
      ),
    // A 2xx answer must be this order: another one's (or another resource) is read back, never
    // sent again. (One that is not yet in the trigger's state is returned: a capture or a
    // placement may finish later.)
    check: (answer) =>
      answer.type !== "orders"
        ? `answered with ${shown(answer.type)} ${shown(answer.id)}, not an order`
        : answer.id !== id
          ? `answered with order ${shown(answer.id)}`
          : undefined,
    probe: async (): Promise<Recovery<OrderResult>> => {
      const order = await retrieveOrder(ctx, id, {}, options);
      const done = triggerDone(name);
      if (done?.(order)) return { state: "applied", value: order };
      // Under way: neither done nor absent (sending `_place` again would be refused, or worse).
      if (name === "_place" && order.status === "placing")
        return {
          state: "ambiguous",
          message: `Order ${id} is placing (under way): check it before placing it again.`,
          candidates: [id],
        };
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
    resume: options.resume,
    signal: options.signal,
    readBack: "retrieve the order and check its status",
  });
}

/** `orders.*`: every operation above bound to one context, plus the order's relationships. */
export function createClOrders(ctx: CommerceLayerContext) {
  const { raw } = ctx;
  return {
    /** One page of orders (integration tokens only: sales channels cannot list orders). */
    list: (query?: OrderListQuery, options?: RequestOptions) => listOrders(ctx, query, options),
    /**
     * Every order matching `query.filter`, by keyset (sorted by id, `id_gt` the last one seen, 25 a
     * page): never a deep page number. `sort` and `page.number` cannot be combined with it.
     */
    iterate: (query?: Omit<OrderListQuery, "sort" | "page">, options?: RequestOptions) =>
      iterateOrders(ctx, query, options),
    /** One order, with the resources named in `query.include`. */
    retrieve: (orderId: string, query?: ReadQuery<OrderInclude>, options?: RequestOptions) =>
      retrieveOrder(ctx, orderId, query, options),
    /**
     * Creates an order, at most once (see `createOrder`): set `attributes.reference` so that an
     * ambiguous failure can be resolved by looking the order up. Creates of one reference in this
     * process take turns.
     */
    create: (input?: OrderCreateInput, query?: ReadQuery<OrderInclude>, options?: OrderCreateOptions) =>
      createOrder(ctx, input, query, options),
    /** Updates an order's attributes and relationships. */
    update: (
      orderId: string,
      input: OrderUpdateInput,
      query?: ReadQuery<OrderInclude>,
      options?: RequestOptions,
    ) => updateOrder(ctx, orderId, input, query, options),
    /** Deletes an order (placed orders cannot be deleted; archive them). */
    delete: (orderId: string, options?: RequestOptions) => deleteOrder(ctx, orderId, options),
    /** Sends one trigger attribute, never re-sent automatically (see `triggerOrder`). */
    trigger: (orderId: string, name: CommerceLayer.OrderTrigger, options?: OrderTriggerOptions) =>
      triggerOrder(ctx, orderId, name, options),
    /** Places the order (authorizes the payment). */
    place: (orderId: string, options?: OrderTriggerOptions) => triggerOrder(ctx, orderId, "_place", options),
    /** Cancels the order (voids the authorization of a placed order). */
    cancel: (orderId: string, options?: OrderTriggerOptions) =>
      triggerOrder(ctx, orderId, "_cancel", options),
    approve: (orderId: string, options?: OrderTriggerOptions) =>
      triggerOrder(ctx, orderId, "_approve", options),
    capture: (orderId: string, options?: OrderTriggerOptions) =>
      triggerOrder(ctx, orderId, "_capture", options),
    refund: (orderId: string, options?: OrderTriggerOptions) =>
      triggerOrder(ctx, orderId, "_refund", options),
    /** The order's line items. */
    async lineItems(
      orderId: string,
      query: ListQuery<CommerceLayer.LineItemFilter, CommerceLayer.LineItemSortField, LineItemInclude> = {},
      options: RequestOptions = {},
    ) {
      const id = clId(orderId, "orderId");
      return clList<FlatLineItem, Schemas["LineItemListDocument"]>(
        ctx,
        "listOrderLineItems",
        "line_items",
        query,
        (sent) =>
          raw.GET("/orders/{orderId}/line_items", {
            params: { path: { orderId: id }, query: toSpecQuery(sent) as never },
            signal: options.signal,
          }),
      );
    },
    async market(orderId: string, options: RequestOptions = {}) {
      const id = clId(orderId, "orderId");
      return clOne<FlatMarket, Schemas["MarketDocument"]>(ctx, "retrieveOrderMarket", "markets", () =>
        raw.GET("/orders/{orderId}/market", { params: { path: { orderId: id } }, signal: options.signal }),
      );
    },
    async customer(orderId: string, options: RequestOptions = {}) {
      const id = clId(orderId, "orderId");
      return clOne<FlatCustomer, Schemas["CustomerDocument"]>(ctx, "retrieveOrderCustomer", "customers", () =>
        raw.GET("/orders/{orderId}/customer", { params: { path: { orderId: id } }, signal: options.signal }),
      );
    },
    async shippingAddress(orderId: string, options: RequestOptions = {}) {
      const id = clId(orderId, "orderId");
      return clOne<FlatAddress, Schemas["AddressDocument"]>(
        ctx,
        "retrieveOrderShippingAddress",
        "addresses",
        () =>
          raw.GET("/orders/{orderId}/shipping_address", {
            params: { path: { orderId: id } },
            signal: options.signal,
          }),
      );
    },
    async billingAddress(orderId: string, options: RequestOptions = {}) {
      const id = clId(orderId, "orderId");
      return clOne<FlatAddress, Schemas["AddressDocument"]>(
        ctx,
        "retrieveOrderBillingAddress",
        "addresses",
        () =>
          raw.GET("/orders/{orderId}/billing_address", {
            params: { path: { orderId: id } },
            signal: options.signal,
          }),
      );
    },
    async shipments(orderId: string, options: RequestOptions = {}) {
      const id = clId(orderId, "orderId");
      return clList<FlatShipment, Schemas["ShipmentListDocument"]>(
        ctx,
        "listOrderShipments",
        "shipments",
        undefined,
        () =>
          raw.GET("/orders/{orderId}/shipments", {
            params: { path: { orderId: id } },
            signal: options.signal,
          }),
      );
    },
  };
}
