export type { LettrLabs } from "@orderkit/types";
export type { BackoffOptions } from "./core/backoff.js";
export { type ErrorKind, OrderkitError } from "./core/errors.js";
export type { Logger } from "./core/logger.js";
export type { CallOptions } from "./lettrlabs/call.js";
export type { CheckoutOutcome, PreviewOptions } from "./lettrlabs/checkout.js";
export {
  createLettrLabsClient,
  LETTRLABS_BASE_URL,
  type LettrLabsClient,
  type LettrLabsClientOptions,
} from "./lettrlabs/client.js";
export type { ConversionsQuery } from "./lettrlabs/conversions.js";
export {
  LettrLabsAbortError,
  LettrLabsAmbiguousWriteError,
  LettrLabsArgumentError,
  LettrLabsAuthenticationError,
  LettrLabsConnectionError,
  LettrLabsError,
  LettrLabsNotFoundError,
  LettrLabsPaymentError,
  LettrLabsPermissionError,
  LettrLabsRateLimitError,
  LettrLabsServerError,
  LettrLabsTimeoutError,
  LettrLabsValidationError,
} from "./lettrlabs/errors.js";
export type { IntegrationOrdersQuery } from "./lettrlabs/integration-orders.js";
export type { CreatedOrder, OrdersQuery, Settlement, WaitForSettlementOptions } from "./lettrlabs/orders.js";
export { recipientKey, recipientProblem } from "./lettrlabs/recipient-key.js";
export type {
  AppendOptions,
  AppendProgress,
  AppendSummary,
  RecipientsQuery,
  RejectedRecipient,
} from "./lettrlabs/recipients.js";
export { CHECKED_OUT, EDITABLE, SETTLED } from "./lettrlabs/status.js";
