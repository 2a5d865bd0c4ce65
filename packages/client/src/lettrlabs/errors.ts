import type { LettrLabs } from "@orderkit/types";
import { errorFamily, familyClass } from "../core/error-family.js";
import { type ErrorKind, OrderkitError, type OrderkitErrorInit } from "../core/errors.js";
import type { AppendSummary } from "./recipients.js";

/** Fields of a LettrLabs error beyond the common ones. */
export interface LettrLabsErrorInit extends OrderkitErrorInit {
  reasonCode?: string | undefined;
  errors?: readonly string[] | undefined;
  recipientErrors?: readonly LettrLabs.RecipientRejection[] | undefined;
  /** For `ambiguous_write`: order ids that may be the result. */
  candidates?: readonly number[] | undefined;
  /** For a bulk append that failed part-way: what was applied before the failure. */
  partial?: AppendSummary | undefined;
  /** For `order_closed`: the final status read. */
  orderStatus?: string | undefined;
}

/**
 * Every error the LettrLabs client throws. One subclass per `kind` (from the table shared with the
 * Commerce Layer client) tells the meaning apart. 5xx errors never carry the server's body (it may
 * hold internals).
 */
export class LettrLabsError extends OrderkitError {
  // `declare`: each field is assigned in the constructor, so no field definitions are emitted (smaller bundles, same objects).
  /** The API's machine-readable reason, e.g. `ORDER_NOT_DELETABLE_STATUS`. */
  declare readonly reasonCode: string | undefined;
  /** The API's human-readable error strings (4xx only). */
  declare readonly errors: readonly string[];
  /** Per-recipient refusals (422 of integration-order recipients). */
  declare readonly recipientErrors: readonly LettrLabs.RecipientRejection[];
  /** For `ambiguous_write`: the order ids that may be the result (possibly none). It never guesses. */
  declare readonly candidates: readonly number[];
  /**
   * For a bulk append that failed part-way: what was applied before the failure (chunks already
   * acknowledged or verified), so no work is lost.
   */
  declare readonly partial: AppendSummary | undefined;
  /** For `order_closed`: the final status read (Cancelled, Refunded, Deleted, Error). */
  declare readonly orderStatus: string | undefined;

  constructor(kind: ErrorKind, init: LettrLabsErrorInit) {
    super(kind, init);
    this.reasonCode = init.reasonCode;
    this.errors = init.errors ?? [];
    this.recipientErrors = init.recipientErrors ?? [];
    this.candidates = init.candidates ?? [];
    this.partial = init.partial;
    this.orderStatus = init.orderStatus;
  }

  override toJSON(): Record<string, unknown> {
    const out = super.toJSON();
    for (const key of ["reasonCode", "orderStatus"] as const)
      if (this[key] !== undefined) out[key] = this[key];
    for (const key of ["errors", "recipientErrors"] as const)
      if (this[key].length > 0) out[key] = [...this[key]];
    if (this.kind === "ambiguous_write") out.candidates = [...this.candidates];
    if (this.partial !== undefined)
      out.partial = {
        accepted: this.partial.accepted,
        sent: this.partial.sent,
        orderId: this.partial.orderId,
      };
    return out;
  }
}

const family = /* @__PURE__ */ errorFamily(LettrLabsError, "LettrLabs");

/** 401: the API key is missing or not valid. */
export const LettrLabsAuthenticationError = /* @__PURE__ */ familyClass(family, "authentication");
export type LettrLabsAuthenticationError = LettrLabsError;
/** 403: the account's plan does not include API access. */
export const LettrLabsPermissionError = /* @__PURE__ */ familyClass(family, "permission");
export type LettrLabsPermissionError = LettrLabsError;
/** 400/422, or a 2xx whose envelope says `hasErrors`: the request was refused. */
export const LettrLabsValidationError = /* @__PURE__ */ familyClass(family, "validation");
export type LettrLabsValidationError = LettrLabsError;
/** 404: the order (or other resource) does not exist. */
export const LettrLabsNotFoundError = /* @__PURE__ */ familyClass(family, "not_found");
export type LettrLabsNotFoundError = LettrLabsError;
/** 409: the request conflicts with the resource's state. */
export const LettrLabsConflictError = /* @__PURE__ */ familyClass(family, "conflict");
export type LettrLabsConflictError = LettrLabsError;
/** 429: too many requests; see `retryAfterMs`. */
export const LettrLabsRateLimitError = /* @__PURE__ */ familyClass(family, "rate_limit");
export type LettrLabsRateLimitError = LettrLabsError;
/** 5xx. */
export const LettrLabsServerError = /* @__PURE__ */ familyClass(family, "server");
export type LettrLabsServerError = LettrLabsError;
/** Another 4xx. */
export const LettrLabsApiError = /* @__PURE__ */ familyClass(family, "api");
export type LettrLabsApiError = LettrLabsError;
/** No response: the connection failed or dropped. */
export const LettrLabsConnectionError = /* @__PURE__ */ familyClass(family, "connection");
export type LettrLabsConnectionError = LettrLabsError;
/** No response within the per-attempt timeout. */
export const LettrLabsTimeoutError = /* @__PURE__ */ familyClass(family, "timeout");
export type LettrLabsTimeoutError = LettrLabsError;
/** The caller's AbortSignal fired. */
export const LettrLabsAbortError = /* @__PURE__ */ familyClass(family, "aborted");
export type LettrLabsAbortError = LettrLabsError;
/** A 2xx whose body could not be read or does not have the promised shape. */
export const LettrLabsInvalidResponseError = /* @__PURE__ */ familyClass(family, "invalid_response");
export type LettrLabsInvalidResponseError = LettrLabsError;
/** An argument was rejected before anything was sent. */
export const LettrLabsArgumentError = /* @__PURE__ */ familyClass(family, "invalid_argument");
export type LettrLabsArgumentError = LettrLabsError;
/** A write may or may not have happened and reading back could not tell: see `candidates`. */
export const LettrLabsAmbiguousWriteError = /* @__PURE__ */ familyClass(family, "ambiguous_write");
export type LettrLabsAmbiguousWriteError = LettrLabsError;
/** A payment failed: the order rolled back to Draft after checkout (it may be checked out again; `orderStatus` is the status read). */
export const LettrLabsPaymentError = /* @__PURE__ */ familyClass(family, "payment_failed");
export type LettrLabsPaymentError = LettrLabsError;
/** The order reached a final status (Cancelled, Refunded, Deleted, Error): see `orderStatus`. */
export const LettrLabsOrderClosedError = /* @__PURE__ */ familyClass(family, "order_closed");
export type LettrLabsOrderClosedError = LettrLabsError;
/** The server answered with a redirect: the client follows none (see the README's Redirects). */
export const LettrLabsRedirectError = /* @__PURE__ */ familyClass(family, "redirect");
export type LettrLabsRedirectError = LettrLabsError;
/** A `raw.use()` middleware (or another part of the request pipeline) threw. */
export const LettrLabsMiddlewareError = /* @__PURE__ */ familyClass(family, "middleware");
export type LettrLabsMiddlewareError = LettrLabsError;

/** Builds the LettrLabs error class that matches `kind`. */
export function lettrLabsError(kind: ErrorKind, init: LettrLabsErrorInit): LettrLabsError {
  return new family[kind](kind, init);
}

/** The error of a list whose pages do not advance (see core/paginate.ts), for `operation`. */
export const listStalled =
  (operation: string) =>
  (message: string): LettrLabsError =>
    lettrLabsError("invalid_response", { message: `${operation}: ${message}`, operation });
