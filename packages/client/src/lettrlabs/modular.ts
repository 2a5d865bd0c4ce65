import { createAddressBook } from "./address-book.js";
import { createAnalytics } from "./analytics.js";
import { contextOf, type LettrLabsCore } from "./client.js";
import { createConversions } from "./conversions.js";
import { createIntegrationOrders } from "./integration-orders.js";
import { createOrders } from "./orders.js";
import { createProfile } from "./profile.js";
import { createTemplates } from "./templates.js";

// One factory per resource group of the client, for bundles that carry only what they use:
// `lettrLabsOrders(createLettrLabsCore({ apiKey }))` is exactly `createLettrLabsClient({ apiKey }).orders`.

/** `client.me`: the profile of the account that owns the API key. */
export const lettrLabsMe = (core: LettrLabsCore) => createProfile(contextOf(core));
/** `client.orders`: orders, their recipients, proof, checkout and settlement. */
export const lettrLabsOrders = (core: LettrLabsCore) => createOrders(contextOf(core));
/** `client.analytics`, `client.transactions` and `client.recipientStatistics`. */
export const lettrLabsAnalytics = (core: LettrLabsCore) => createAnalytics(contextOf(core));
/** `client.conversions`. */
export const lettrLabsConversions = (core: LettrLabsCore) => createConversions(contextOf(core));
/** `client.templates` and `client.fonts`. */
export const lettrLabsCatalog = (core: LettrLabsCore) => createTemplates(contextOf(core));
/** `client.integrationOrders`. */
export const lettrLabsIntegrationOrders = (core: LettrLabsCore) => createIntegrationOrders(contextOf(core));
/** `client.addressBook`. */
export const lettrLabsAddressBook = (core: LettrLabsCore) => createAddressBook(contextOf(core));
