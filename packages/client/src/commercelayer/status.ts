import { meaningOf, type StatusMeaning } from "../core/order-status.js";
import type { FlatOrder } from "./jsonapi.js";

/**
 * The one table of what a Commerce Layer order `status` means (the same meanings as LettrLabs'):
 * draft, pending and editing are open; placing is pending; placed and approved are settled (the
 * order went through); cancelled is closed.
 */
export const CL_ORDER_STATUS_MEANING: Readonly<Record<string, Exclude<StatusMeaning, "unknown">>> = {
  draft: "open",
  pending: "open",
  editing: "open",
  placing: "pending",
  placed: "settled",
  approved: "settled",
  cancelled: "closed",
};

/** A Commerce Layer order status. */
export type ClOrderStatus = NonNullable<FlatOrder["status"]>;

/** True when `status` is one of the Commerce Layer order statuses. */
export function isClOrderStatus(status: string): status is ClOrderStatus {
  return Object.hasOwn(CL_ORDER_STATUS_MEANING, status);
}

/** What a Commerce Layer order status means; `unknown` for an unlisted one. */
export function clOrderStatusMeaning(status: string): StatusMeaning {
  return meaningOf(CL_ORDER_STATUS_MEANING, status);
}

/**
 * The state each order trigger leads to: how a read-back proves a trigger was applied. `_place`:
 * placed or approved (`placing` is under way, not done). `_capture`: paid, or refunded in part or
 * whole (which comes only after a capture). `_refund` refunds the whole captured amount: only
 * `refunded` (a partial refund made elsewhere is not this trigger's).
 */
export const TRIGGER_DONE: Readonly<Record<string, (o: FlatOrder) => boolean>> = {
  _place: (o) => clOrderStatusMeaning(o.status) === "settled",
  _cancel: (o) => o.status === "cancelled",
  _approve: (o) => o.status === "approved",
  _capture: (o) =>
    o.payment_status === "paid" ||
    o.payment_status === "refunded" ||
    o.payment_status === "partially_refunded",
  _refund: (o) => o.payment_status === "refunded",
};

/**
 * True when `order` is already in the state the trigger `name` leads to (`_place`: placed or
 * approved; `_cancel`: cancelled; ...); false for a trigger whose effect cannot be read back.
 * For callers that decide themselves after a refusal (the CLI, after Commerce Layer refuses a
 * second `_place`): the same rule the client's read-backs use.
 */
export function clTriggerDone(order: FlatOrder, name: string): boolean {
  return triggerDone(name)?.(order) ?? false;
}

/** The read-back rule of a trigger, if it has one (own entries only: never `toString`). */
export const triggerDone = (name: string): ((o: FlatOrder) => boolean) | undefined =>
  Object.hasOwn(TRIGGER_DONE, name) ? TRIGGER_DONE[name] : undefined;

/** Triggers that can still apply to a cancelled order. */
export const TRIGGERS_AFTER_CANCEL: ReadonlySet<string> = new Set(["_cancel", "_refund"]);
