/**
 * What an order's status means for a write that moves it forward, shared by both APIs' tables:
 * - `open`: editable, nothing charged (after a checkout: the payment failed and may be retried);
 * - `pending`: checked out, payment not settled yet;
 * - `settled`: paid (or later): the write is done;
 * - `closed`: a final state that will never settle (cancelled, refunded, deleted, failed);
 * - `unknown`: a status the table does not list (a newer API version).
 */
export type StatusMeaning = "open" | "pending" | "settled" | "closed" | "unknown";

/** Looks a status up in a table, `unknown` when absent. */
export function meaningOf(
  table: Readonly<Record<string, Exclude<StatusMeaning, "unknown">>>,
  status: string,
) {
  return Object.hasOwn(table, status) ? (table[status] as Exclude<StatusMeaning, "unknown">) : "unknown";
}
