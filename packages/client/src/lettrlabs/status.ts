import type { LettrLabs } from "@orderkit/types";

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

const from = (first: LettrLabs.OrderStatus, last: LettrLabs.OrderStatus): ReadonlySet<string> =>
  new Set(ORDER_STATUSES.slice(ORDER_STATUSES.indexOf(first), ORDER_STATUSES.indexOf(last) + 1));

/** Statuses that mean a checkout went through (payment pending or done, or later): Payment Needed … Mailed. */
export const CHECKED_OUT = from("Payment Needed", "Mailed");

/** Statuses after payment settled successfully: Paid … Mailed. */
export const SETTLED = from("Paid", "Mailed");

/** Statuses in which recipients may still be added or removed, and the order deleted. */
export const EDITABLE = from("Draft", "Edits Needed");
