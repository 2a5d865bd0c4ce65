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

/** Statuses that mean a checkout went through (payment pending or done, or later). */
export const CHECKED_OUT: ReadonlySet<string> = new Set<LettrLabs.OrderStatus>([
  "Payment Needed",
  "Paid",
  "Ready For Production",
  "In Production",
  "In QA",
  "InShipping",
  "Mailed",
]);

/** Statuses after payment settled successfully. */
export const SETTLED: ReadonlySet<string> = new Set<LettrLabs.OrderStatus>([
  "Paid",
  "Ready For Production",
  "In Production",
  "In QA",
  "InShipping",
  "Mailed",
]);

/** Statuses in which recipients may still be added or removed, and the order deleted. */
export const EDITABLE: ReadonlySet<string> = new Set<LettrLabs.OrderStatus>(["Draft", "Edits Needed"]);
