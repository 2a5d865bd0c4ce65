import type { LettrLabs } from "@orderkit/types";
import { meaningOf, type StatusMeaning } from "../core/order-status.js";

/** Every order status, in lifecycle order. */
export const ORDER_STATUSES: readonly LettrLabs.OrderStatus[] = [
  "Draft",
  "Edits Needed",
  "Payment Needed",
  "Paid",
  "Ready For Production",
  "In Production",
  "In QA",
  "InShipping",
  "Mailed",
  "Refunded",
  "Cancelled",
  "Deleted",
  "Error",
];

/**
 * The one table of what each LettrLabs order status means, used by the client (checkout recovery,
 * settlement) and the CLI alike:
 * - `open` (Draft, Edits Needed): editable, nothing charged; after a checkout, the payment failed
 *   and the order may be checked out again (failed-retryable);
 * - `pending` (Payment Needed): checked out, payment settling;
 * - `settled` (Paid … Mailed): paid, going to print and mail;
 * - `closed` (Refunded, Cancelled, Deleted, Error): final, never mailed by this order (failed-final).
 */
export const ORDER_STATUS_MEANING: Readonly<
  Record<LettrLabs.OrderStatus, Exclude<StatusMeaning, "unknown">>
> = {
  Draft: "open",
  "Edits Needed": "open",
  "Payment Needed": "pending",
  Paid: "settled",
  "Ready For Production": "settled",
  "In Production": "settled",
  "In QA": "settled",
  InShipping: "settled",
  Mailed: "settled",
  Refunded: "closed",
  Cancelled: "closed",
  Deleted: "closed",
  Error: "closed",
};

/** True when `status` is one of the LettrLabs order statuses. */
export function isOrderStatus(status: string): status is LettrLabs.OrderStatus {
  return (ORDER_STATUSES as readonly string[]).includes(status);
}

/** What an order status means (see {@link ORDER_STATUS_MEANING}); `unknown` for an unlisted status. */
export function orderStatusMeaning(status: string): StatusMeaning {
  return meaningOf(ORDER_STATUS_MEANING, status);
}

const having = (...meanings: StatusMeaning[]): ReadonlySet<string> =>
  new Set(ORDER_STATUSES.filter((s) => meanings.includes(ORDER_STATUS_MEANING[s])));

/** Statuses that mean a checkout went through (payment pending or done, or later): Payment Needed … Mailed. */
export const CHECKED_OUT = /* @__PURE__ */ having("pending", "settled");

/** Statuses after payment settled successfully: Paid … Mailed. */
export const SETTLED = /* @__PURE__ */ having("settled");

/** Statuses in which recipients may still be added or removed, and the order deleted. */
export const EDITABLE = /* @__PURE__ */ having("open");

/** Final statuses: the order will never be mailed (Refunded, Cancelled, Deleted, Error). */
export const CLOSED = /* @__PURE__ */ having("closed");
