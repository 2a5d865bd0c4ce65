export type { CommerceLayer, LettrLabs } from "@orderkit/types";
export { type CommerceLayerCredentials, commerceLayerClientCredentials } from "./commercelayer/auth.js";
export {
  type CommerceLayerClient,
  type CommerceLayerClientOptions,
  type CommerceLayerCore,
  type CommerceLayerCoreOptions,
  commerceLayerRaw,
  createCommerceLayerClient,
  createCommerceLayerCore,
  isOrganizationSlug,
} from "./commercelayer/client.js";
export type { CustomerListQuery } from "./commercelayer/customers.js";
export {
  CommerceLayerAbortError,
  CommerceLayerAmbiguousWriteError,
  CommerceLayerApiError,
  CommerceLayerArgumentError,
  CommerceLayerAuthenticationError,
  CommerceLayerConflictError,
  CommerceLayerConnectionError,
  CommerceLayerError,
  type CommerceLayerErrorInit,
  CommerceLayerInvalidResponseError,
  CommerceLayerMiddlewareError,
  CommerceLayerNotFoundError,
  CommerceLayerOrderClosedError,
  CommerceLayerPaymentError,
  CommerceLayerPermissionError,
  CommerceLayerRateLimitError,
  CommerceLayerRedirectError,
  CommerceLayerServerError,
  CommerceLayerTimeoutError,
  CommerceLayerValidationError,
} from "./commercelayer/errors.js";
export type {
  Flat,
  FlatAddress,
  FlatCustomer,
  FlatLineItem,
  FlatList,
  FlatMarket,
  FlatOrder,
  FlatResource,
  FlatShipment,
  ResourceRef,
  WithDocument,
} from "./commercelayer/jsonapi.js";
export type {
  LineItemCreateInput,
  LineItemResult,
  LineItemSetInput,
  LineItemSetOptions,
} from "./commercelayer/line-items.js";
export type { MarketListQuery } from "./commercelayer/markets.js";
export {
  commerceLayerAddresses,
  commerceLayerCreateOrder,
  commerceLayerCustomers,
  commerceLayerDeleteOrder,
  commerceLayerIterateOrders,
  commerceLayerLineItems,
  commerceLayerListOrders,
  commerceLayerMarkets,
  commerceLayerOrders,
  commerceLayerPlaceOrder,
  commerceLayerRetrieveOrder,
  commerceLayerTriggerOrder,
  commerceLayerUpdateOrder,
} from "./commercelayer/modular.js";
export type {
  OrderCreateInput,
  OrderCreateOptions,
  OrderInclude,
  OrderListQuery,
  OrderResult,
  OrderTriggerOptions,
  OrderUpdateInput,
} from "./commercelayer/orders.js";
export { clFoldedText, clSameReference } from "./commercelayer/orders.js";
export type { FieldsQuery, ListQuery, ReadQuery } from "./commercelayer/query.js";
export {
  CL_ORDER_STATUS_MEANING,
  type ClOrderStatus,
  clOrderStatusMeaning,
  clTriggerDone,
  isClOrderStatus,
} from "./commercelayer/status.js";
export type { CommerceLayerTokens } from "./commercelayer/tokens.js";
export type { BackoffOptions } from "./core/backoff.js";
export { CLIENT_DEFAULTS, type CommonClientOptions, isHeaderSafe } from "./core/client-options.js";
export { ERROR_CLASS_NAMES } from "./core/error-family.js";
export { type ErrorKind, OrderkitError } from "./core/errors.js";
export { HashSet52 } from "./core/hash-set-52.js";
export type { Logger } from "./core/logger.js";
export type { StatusMeaning } from "./core/order-status.js";
export type { Page, PageMeta } from "./core/page.js";
export type { RateLimitState } from "./core/rate-limit.js";
export { isReadable } from "./core/readable.js";
/**
 * The client's own redaction, for an app that prints what a server answered: `redactSecrets(text,
 * secrets)` hides each secret (in any letter case, and JSON-escaped) as `***`, and
 * `redactSecretsDeep(value, secrets)` returns a copy of a parsed answer with every string and key
 * so hidden. The client applies them to its errors; answers it returns are as the server sent them.
 */
export { redact as redactSecrets, redactDeep as redactSecretsDeep } from "./core/redact.js";
export type { RequestOptions } from "./core/request-options.js";
export { answeredOtherwise, mayHaveApplied, settle } from "./core/safe-write.js";
export { isLoopbackHost, serverKey } from "./core/server-key.js";
export type { CheckoutOutcome, PreviewOptions, SubmitOptions } from "./lettrlabs/checkout.js";
export {
  createLettrLabsClient,
  createLettrLabsCore,
  LETTRLABS_BASE_URL,
  type LettrLabsClient,
  type LettrLabsClientOptions,
  type LettrLabsCore,
  lettrLabsRaw,
} from "./lettrlabs/client.js";
export type { ConversionsQuery } from "./lettrlabs/conversions.js";
export {
  LettrLabsAbortError,
  LettrLabsAmbiguousWriteError,
  LettrLabsApiError,
  LettrLabsArgumentError,
  LettrLabsAuthenticationError,
  LettrLabsConflictError,
  LettrLabsConnectionError,
  LettrLabsError,
  type LettrLabsErrorInit,
  LettrLabsInvalidResponseError,
  LettrLabsMiddlewareError,
  LettrLabsNotFoundError,
  LettrLabsOrderClosedError,
  LettrLabsPaymentError,
  LettrLabsPermissionError,
  LettrLabsRateLimitError,
  LettrLabsRedirectError,
  LettrLabsServerError,
  LettrLabsTimeoutError,
  LettrLabsValidationError,
} from "./lettrlabs/errors.js";
export type { IntegrationOrdersQuery } from "./lettrlabs/integration-orders.js";
export {
  lettrLabsAddressBook,
  lettrLabsAnalytics,
  lettrLabsCatalog,
  lettrLabsConversions,
  lettrLabsIntegrationOrders,
  lettrLabsMe,
  lettrLabsOrders,
} from "./lettrlabs/modular.js";
export {
  type CreatedOrder,
  type CreateOrderOptions,
  type OrdersQuery,
  POLL_INTERVAL_MS,
  pollInterval,
  type Settlement,
  type WaitForSettlementOptions,
} from "./lettrlabs/orders.js";
export { COMPARED_FIELDS, PresentRecipients } from "./lettrlabs/present-recipients.js";
export { earlierRecipientHashes, hashRecipientKey, recipientHash } from "./lettrlabs/recipient-hash.js";
export {
  identityField,
  recipientKey,
  type UnicodeForm,
  unfoldedRecipientKey,
  unfoldedRecipientKeys,
} from "./lettrlabs/recipient-key.js";
export {
  isRecipientField,
  MAX_FIELD_LENGTH,
  type RecipientProblem,
  US_STATE_CODES,
  validateRecipient,
} from "./lettrlabs/recipient-validation.js";
export type {
  AppendOptions,
  AppendProgress,
  AppendSummary,
  RecipientsQuery,
  RejectedRecipient,
} from "./lettrlabs/recipients.js";
export {
  CHECKED_OUT,
  CLOSED,
  EDITABLE,
  isOrderStatus,
  ORDER_STATUS_MEANING,
  ORDER_STATUSES,
  orderStatusMeaning,
  SETTLED,
} from "./lettrlabs/status.js";
