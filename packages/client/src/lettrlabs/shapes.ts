import { isArrayOf, isId, isRecord } from "../core/shape.js";

/**
 * The shapes LettrLabs methods promise, checked cheaply on every 2xx payload they return
 * (see `sendPayload`): ids are positive integers, statuses strings, lists arrays.
 */
const isOrder = (v: unknown): boolean => isRecord(v) && isId(v.id) && typeof v.status === "string";

/** `{ orderId, status }` of a created order. */
export const createdOrderShape = (p: unknown): boolean =>
  isRecord(p) && isId(p.orderId) && typeof p.status === "string";

/** A page of orders. */
export const orderListShape = (p: unknown): boolean =>
  isRecord(p) && isArrayOf(p.orders, (o): o is unknown => isOrder(o));

/** A page of recipients. */
export const recipientListShape = (p: unknown): boolean =>
  isRecord(p) && isArrayOf(p.recipients, (r): r is unknown => isRecord(r));

/** The result of an append: counts are numbers when present. */
export const appendResultShape = (p: unknown): boolean =>
  isRecord(p) &&
  (p.acceptedRecipients === undefined || Number.isInteger(p.acceptedRecipients)) &&
  (p.totalRecipients === undefined || Number.isInteger(p.totalRecipients));

/** A price preview. */
export const previewShape = (p: unknown): boolean =>
  isRecord(p) && typeof p.totalCharges === "number" && Array.isArray(p.lineItems);

/** A checkout result: a status. */
export const checkoutShape = (p: unknown): boolean =>
  isRecord(p) && (typeof p.orderStatus === "string" || typeof p.status === "string");

/** Any object payload. */
export const objectShape = (p: unknown): boolean => isRecord(p);

/** A list payload. */
export const arrayShape = (p: unknown): boolean => Array.isArray(p);

/** An object payload whose `field` is an array. */
export const listIn =
  (field: string) =>
  (p: unknown): boolean =>
    isRecord(p) && Array.isArray(p[field]);
