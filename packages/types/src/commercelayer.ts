// Hand-written convenience aliases over the generated Commerce Layer types.
import type { components, operations, paths } from "./generated/commercelayer.js";

export type { components, operations, paths };

type Schemas = components["schemas"];

/** An order resource object ({ id, type, attributes, relationships }). */
export type Order = Schemas["Order"];
export type OrderAttributes = Schemas["OrderAttributes"];
export type OrderStatus = NonNullable<Schemas["OrderAttributes"]["status"]>;
export type OrderPaymentStatus = NonNullable<Schemas["OrderAttributes"]["payment_status"]>;
export type OrderFulfillmentStatus = NonNullable<Schemas["OrderAttributes"]["fulfillment_status"]>;
export type OrderCreateAttributes = Schemas["OrderCreateAttributes"];
export type OrderCreateRelationships = Schemas["OrderCreateRelationships"];
/** Updatable attributes plus the trigger attributes (`_place`, `_cancel`, ...). */
export type OrderUpdateAttributes = Schemas["OrderUpdateAttributes"];
export type OrderUpdateRelationships = Schemas["OrderUpdateRelationships"];
/** Names of the order's trigger attributes. */
export type OrderTrigger = Extract<keyof OrderUpdateAttributes, `_${string}`>;
export type OrderFilter = Schemas["OrderFilter"];
export type OrderSortField = Schemas["OrderSortField"];
export type OrderFieldName = Schemas["OrderFieldName"];
export type LineItem = Schemas["LineItem"];
export type LineItemAttributes = Schemas["LineItemAttributes"];
export type LineItemCreateAttributes = Schemas["LineItemCreateAttributes"];
export type LineItemUpdateAttributes = Schemas["LineItemUpdateAttributes"];
export type LineItemFilter = Schemas["LineItemFilter"];
export type LineItemSortField = Schemas["LineItemSortField"];
export type LineItemFieldName = Schemas["LineItemFieldName"];
export type Address = Schemas["Address"];
export type AddressAttributes = Schemas["AddressAttributes"];
export type AddressCreateAttributes = Schemas["AddressCreateAttributes"];
export type AddressFieldName = Schemas["AddressFieldName"];
export type Market = Schemas["Market"];
export type MarketAttributes = Schemas["MarketAttributes"];
export type MarketFilter = Schemas["MarketFilter"];
export type MarketSortField = Schemas["MarketSortField"];
export type MarketFieldName = Schemas["MarketFieldName"];
export type Customer = Schemas["Customer"];
export type CustomerAttributes = Schemas["CustomerAttributes"];
export type CustomerCreateAttributes = Schemas["CustomerCreateAttributes"];
export type CustomerFilter = Schemas["CustomerFilter"];
export type CustomerSortField = Schemas["CustomerSortField"];
export type CustomerFieldName = Schemas["CustomerFieldName"];
export type Shipment = Schemas["Shipment"];
/** Any resource object that may appear in `included`. */
export type IncludedResource = Schemas["Included"][number];
export type ErrorDocument = Schemas["ErrorDocument"];
export type ErrorObject = Schemas["ErrorObject"];
export type ListMeta = Schemas["ListMeta"];
export type TokenRequest = Schemas["TokenRequest"];
export type TokenResponse = Schemas["TokenResponse"];
