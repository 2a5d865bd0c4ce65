// Hand-written convenience aliases over the generated LettrLabs types.
import type { components, operations, paths } from "./generated/lettrlabs.js";

export type { components, operations, paths };

type Schemas = components["schemas"];

/** An order as listed by `GET /v1/order`. */
export type Order = Schemas["Order"];
/** Order lifecycle status ("Draft", "Payment Needed", "Paid", ...). */
export type OrderStatus = Schemas["OrderStatus"];
/** USPS delivery status of one recipient. */
export type DeliveryStatus = Schemas["DeliveryStatus"];
/** Postage that can be bought through the API. */
export type PostageType = Schemas["PostageType"];
/** Production speed that can be bought through the API. */
export type ProductionSpeed = Schemas["ProductionSpeed"];
/** `{ orderId, status }`, the base of most order payloads. */
export type OrderRef = Schemas["OrderRef"];
/** A recipient of an order (address required; personal and metadata optional). */
export type Recipient = Schemas["Recipient"];
export type RecipientAddress = Schemas["RecipientAddress"];
export type RecipientPersonal = Schemas["RecipientPersonal"];
export type RecipientMetadata = Schemas["RecipientMetadata"];
/** Result of one append request. */
export type AppendResult = Schemas["AppendResult"];
/** One recipient the API did not add, with its reason. */
export type UndeliverableRecipient = Schemas["UndeliverableRecipient"];
/** Price preview of a checkout. */
export type CheckoutPreview = Schemas["CheckoutPreview"];
/** A priced line of a checkout preview (recursive through subItems). */
export type LineItem = Schemas["LineItem"];
/** Body of a checkout. */
export type CheckoutRequest = Schemas["CheckoutRequest"];
/** Result of a checkout, with the settlement hints. */
export type CheckoutResult = Schemas["CheckoutResult"];
export type Profile = Schemas["Profile"];
export type Conversion = Schemas["Conversion"];
export type ConversionResult = Schemas["ConversionResult"];
export type ConversionRecord = Schemas["ConversionRecord"];
export type ConversionStatus = Schemas["ConversionStatus"];
export type Template = Schemas["Template"];
export type Font = Schemas["Font"];
export type OrderAnalytics = Schemas["OrderAnalytics"];
export type OrderTransactions = Schemas["OrderTransactions"];
export type RecipientDeliveryStatus = Schemas["RecipientDeliveryStatus"];
export type IntegrationOrder = Schemas["IntegrationOrder"];
export type IntegrationRecipient = Schemas["IntegrationRecipient"];
export type MailByProximityRequest = Schemas["MailByProximityRequest"];
export type OrderRecipientStatistic = Schemas["OrderRecipientStatistic"];
export type AddressBookEntry = Schemas["AddressBookEntry"];
/** The 400 error envelope (with an optional machine-readable reasonCode). */
export type ErrorEnvelope = Schemas["ErrorEnvelope"];
/** One per-recipient refusal of a 422. */
export type RecipientRejection = Schemas["RecipientRejection"];
