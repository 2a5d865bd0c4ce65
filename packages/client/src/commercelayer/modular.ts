import { createClAddresses } from "./addresses.js";
import { type CommerceLayerCore, clContextOf } from "./client.js";
import { createClCustomers } from "./customers.js";
import { createClLineItems } from "./line-items.js";
import { createClMarkets } from "./markets.js";
import { createClOrders } from "./orders.js";

// One factory per resource of the client, for bundles that carry only what they use:
// `commerceLayerOrders(createCommerceLayerCore(options))` is exactly `createCommerceLayerClient(options).orders`.

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
