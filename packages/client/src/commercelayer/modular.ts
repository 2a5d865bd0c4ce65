import type { CommerceLayer } from "@orderkit/types";
import { createClAddresses } from "./addresses.js";
import type { RequestOptions } from "./call.js";
import { type CommerceLayerCore, clContextOf } from "./client.js";
import { createClCustomers } from "./customers.js";
import type { FlatList, FlatOrder } from "./jsonapi.js";
import { createClLineItems } from "./line-items.js";
import { createClMarkets } from "./markets.js";
import {
  createClOrders,
  createOrder,
  deleteOrder,
  iterateOrders,
  listOrders,
  type OrderCreateInput,
  type OrderCreateOptions,
  type OrderInclude,
  type OrderListQuery,
  type OrderResult,
  type OrderTriggerOptions,
  type OrderUpdateInput,
  retrieveOrder,
  triggerOrder,
  updateOrder,
} from "./orders.js";
import type { ReadQuery } from "./query.js";

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

// The standalone functions are async: a value that is not a core rejects, like every other bad
// argument, instead of throwing before a promise exists.

/** `client.orders.list(query, options)`, on a core: one page of orders. */
export async function commerceLayerListOrders(
  core: CommerceLayerCore,
  query?: OrderListQuery,
  options?: RequestOptions,
): Promise<FlatList<FlatOrder, CommerceLayer.components["schemas"]["OrderListDocument"]>> {
  return listOrders(clContextOf(core), query, options);
}

/** `client.orders.iterate(query, options)`, on a core: every matching order, by keyset. */
export async function* commerceLayerIterateOrders(
  core: CommerceLayerCore,
  query?: Omit<OrderListQuery, "sort" | "page">,
  options?: RequestOptions,
): AsyncGenerator<FlatOrder, void, undefined> {
  yield* iterateOrders(clContextOf(core), query, options);
}

/** `client.orders.retrieve(orderId, query, options)`, on a core. */
export async function commerceLayerRetrieveOrder(
  core: CommerceLayerCore,
  orderId: string,
  query?: ReadQuery<OrderInclude>,
  options?: RequestOptions,
): Promise<OrderResult> {
  return retrieveOrder(clContextOf(core), orderId, query, options);
}

/** `client.orders.create(input, query, options)`, on a core: at most once (safe write by reference). */
export async function commerceLayerCreateOrder(
  core: CommerceLayerCore,
  input?: OrderCreateInput,
  query?: ReadQuery<OrderInclude>,
  options?: OrderCreateOptions,
): Promise<OrderResult> {
  return createOrder(clContextOf(core), input, query, options);
}

/** `client.orders.update(orderId, input, query, options)`, on a core. */
export async function commerceLayerUpdateOrder(
  core: CommerceLayerCore,
  orderId: string,
  input: OrderUpdateInput,
  query?: ReadQuery<OrderInclude>,
  options?: RequestOptions,
): Promise<OrderResult> {
  return updateOrder(clContextOf(core), orderId, input, query, options);
}

/** `client.orders.delete(orderId, options)`, on a core. */
export async function commerceLayerDeleteOrder(
  core: CommerceLayerCore,
  orderId: string,
  options?: RequestOptions,
): Promise<void> {
  return deleteOrder(clContextOf(core), orderId, options);
}

/** `client.orders.trigger(orderId, name, options)`, on a core: never re-sent automatically. */
export async function commerceLayerTriggerOrder(
  core: CommerceLayerCore,
  orderId: string,
  name: CommerceLayer.OrderTrigger,
  options?: OrderTriggerOptions,
): Promise<OrderResult> {
  return triggerOrder(clContextOf(core), orderId, name, options);
}

/** `client.orders.place(orderId, options)`, on a core: places the order (authorizes the payment). */
export async function commerceLayerPlaceOrder(
  core: CommerceLayerCore,
  orderId: string,
  options?: OrderTriggerOptions,
): Promise<OrderResult> {
  return triggerOrder(clContextOf(core), orderId, "_place", options);
}
