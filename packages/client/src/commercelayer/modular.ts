import { createClAddresses } from "./addresses.js";
import type { CommerceLayerContext, RequestOptions } from "./call.js";
import { type CommerceLayerCore, clContextOf } from "./client.js";
import { createClCustomers } from "./customers.js";
import { createClLineItems } from "./line-items.js";
import { createClMarkets } from "./markets.js";
import {
  createClOrders,
  createOrder,
  deleteOrder,
  iterateOrders,
  listOrders,
  type OrderResult,
  retrieveOrder,
  triggerOrder,
  updateOrder,
} from "./orders.js";

// One factory per resource of the client, for bundles that carry only what they use:
// `commerceLayerOrders(createCommerceLayerCore(options))` is exactly `createCommerceLayerClient(options).orders`.
// The order operations also come one function each (`commerceLayerRetrieveOrder(core, id)`), for
// bundles that need only some of them: a retrieve then carries neither create's safe-write nor the
// triggers.

/** `client.orders`: draft orders, their relationships, triggers (place, cancel, ...) and safe create. */
export const commerceLayerOrders = (core: CommerceLayerCore) => createClOrders(clContextOf(core));
/** `client.lineItems`. */
export const commerceLayerLineItems = (core: CommerceLayerCore) => createClLineItems(clContextOf(core));
/** `client.addresses`. */
export const commerceLayerAddresses = (core: CommerceLayerCore) => createClAddresses(clContextOf(core));
/** `client.markets`. */
export const commerceLayerMarkets = (core: CommerceLayerCore) => createClMarkets(clContextOf(core));
/** `client.customers`. */
export const commerceLayerCustomers = (core: CommerceLayerCore) => createClCustomers(clContextOf(core));

/** An operation of the context (`op(ctx, ...args)`), called with a core instead: `op(core, ...args)`. */
export type OnCore<F> = F extends (ctx: CommerceLayerContext, ...args: infer A) => infer R
  ? (core: CommerceLayerCore, ...args: A) => R
  : never;

const onCore =
  <A extends unknown[], R>(operation: (ctx: CommerceLayerContext, ...args: A) => R) =>
  (core: CommerceLayerCore, ...args: A): R =>
    operation(clContextOf(core), ...args);

/** `client.orders.list(query, options)`, on a core. */
export const commerceLayerListOrders: OnCore<typeof listOrders> = /* @__PURE__ */ onCore(listOrders);
/** `client.orders.iterate(query, options)`, on a core. */
export const commerceLayerIterateOrders: OnCore<typeof iterateOrders> = /* @__PURE__ */ onCore(iterateOrders);
/** `client.orders.retrieve(orderId, query, options)`, on a core. */
export const commerceLayerRetrieveOrder: OnCore<typeof retrieveOrder> = /* @__PURE__ */ onCore(retrieveOrder);
/** `client.orders.create(input, query, options)`, on a core: at most once (safe write). */
export const commerceLayerCreateOrder: OnCore<typeof createOrder> = /* @__PURE__ */ onCore(createOrder);
/** `client.orders.update(orderId, input, query, options)`, on a core. */
export const commerceLayerUpdateOrder: OnCore<typeof updateOrder> = /* @__PURE__ */ onCore(updateOrder);
/** `client.orders.delete(orderId, options)`, on a core. */
export const commerceLayerDeleteOrder: OnCore<typeof deleteOrder> = /* @__PURE__ */ onCore(deleteOrder);
/** `client.orders.trigger(orderId, name, options)`, on a core: never re-sent automatically. */
export const commerceLayerTriggerOrder: OnCore<typeof triggerOrder> = /* @__PURE__ */ onCore(triggerOrder);
/** `client.orders.place(orderId, options)`, on a core: places the order (authorizes the payment). */
export const commerceLayerPlaceOrder = (
  core: CommerceLayerCore,
  orderId: string,
  options?: RequestOptions,
): Promise<OrderResult> => triggerOrder(clContextOf(core), orderId, "_place", options);
