import type { CommerceLayer } from "@orderkit/types";
import { errorFamily, familyClass } from "../core/error-family.js";
import { type ErrorKind, OrderkitError, type OrderkitErrorInit } from "../core/errors.js";

/** Fields of a Commerce Layer error beyond the common ones. */
export interface CommerceLayerErrorInit extends OrderkitErrorInit {
  errors?: readonly CommerceLayer.ErrorObject[] | undefined;
  /** Ids that may be the result of an ambiguous write. */
  candidates?: readonly string[] | undefined;
}

/**
 * Every error the Commerce Layer client throws, with one subclass per `kind` (the same table as
 * the LettrLabs client's). `errors` is the JSON:API errors array; `code` and `pointer` are the
 * first error's code and source pointer. 5xx errors never carry the body.
 */
export class CommerceLayerError extends OrderkitError {
  // `declare`: each field is assigned in the constructor, so no field definitions are emitted (smaller bundles, same objects).
  declare readonly errors: readonly CommerceLayer.ErrorObject[];
  /** First error's code, e.g. VALIDATION_ERROR, INVALID_TOKEN, RECORD_NOT_FOUND. */
  declare readonly code: string | undefined;
  /** First error's JSON pointer, e.g. /data/attributes/quantity. */
  declare readonly pointer: string | undefined;
  /** For `ambiguous_write`: ids that may be the result (possibly none). */
  declare readonly candidates: readonly string[];

  constructor(kind: ErrorKind, init: CommerceLayerErrorInit) {
    super(kind, init);
    this.errors = init.errors ?? [];
    this.code = this.errors[0]?.code;
    this.pointer = this.errors[0]?.source?.pointer;
    this.candidates = init.candidates ?? [];
  }

  override toJSON(): Record<string, unknown> {
    const out = super.toJSON();
    if (this.code !== undefined) out.code = this.code;
    if (this.pointer !== undefined) out.pointer = this.pointer;
    if (this.errors.length > 0) out.errors = [...this.errors];
    if (this.candidates.length > 0) out.candidates = [...this.candidates];
    return out;
  }
}

const family = /* @__PURE__ */ errorFamily(CommerceLayerError, "CommerceLayer");

/** 401: the token is missing, expired or not valid (renewed once automatically). */
export const CommerceLayerAuthenticationError = /* @__PURE__ */ familyClass(family, "authentication");
export type CommerceLayerAuthenticationError = CommerceLayerError;
/** 403: the token's scope does not allow this. */
export const CommerceLayerPermissionError = /* @__PURE__ */ familyClass(family, "permission");
export type CommerceLayerPermissionError = CommerceLayerError;
/** 400/422: the request was refused (see `errors`, `code`, `pointer`). */
export const CommerceLayerValidationError = /* @__PURE__ */ familyClass(family, "validation");
export type CommerceLayerValidationError = CommerceLayerError;
/** 404. */
export const CommerceLayerNotFoundError = /* @__PURE__ */ familyClass(family, "not_found");
export type CommerceLayerNotFoundError = CommerceLayerError;
/** 409. */
export const CommerceLayerConflictError = /* @__PURE__ */ familyClass(family, "conflict");
export type CommerceLayerConflictError = CommerceLayerError;
/** 429: see `retryAfterMs`. */
export const CommerceLayerRateLimitError = /* @__PURE__ */ familyClass(family, "rate_limit");
export type CommerceLayerRateLimitError = CommerceLayerError;
/** 5xx. */
export const CommerceLayerServerError = /* @__PURE__ */ familyClass(family, "server");
export type CommerceLayerServerError = CommerceLayerError;
/** Another 4xx. */
export const CommerceLayerApiError = /* @__PURE__ */ familyClass(family, "api");
export type CommerceLayerApiError = CommerceLayerError;
/** No response: the connection failed or dropped. */
export const CommerceLayerConnectionError = /* @__PURE__ */ familyClass(family, "connection");
export type CommerceLayerConnectionError = CommerceLayerError;
/** No response within the per-attempt timeout. */
export const CommerceLayerTimeoutError = /* @__PURE__ */ familyClass(family, "timeout");
export type CommerceLayerTimeoutError = CommerceLayerError;
/** The caller's AbortSignal fired. */
export const CommerceLayerAbortError = /* @__PURE__ */ familyClass(family, "aborted");
export type CommerceLayerAbortError = CommerceLayerError;
/** A 2xx that is not the promised JSON:API document. */
export const CommerceLayerInvalidResponseError = /* @__PURE__ */ familyClass(family, "invalid_response");
export type CommerceLayerInvalidResponseError = CommerceLayerError;
/** An argument was rejected before anything was sent. */
export const CommerceLayerArgumentError = /* @__PURE__ */ familyClass(family, "invalid_argument");
export type CommerceLayerArgumentError = CommerceLayerError;
/** A write may or may not have happened: see `candidates`. */
export const CommerceLayerAmbiguousWriteError = /* @__PURE__ */ familyClass(family, "ambiguous_write");
export type CommerceLayerAmbiguousWriteError = CommerceLayerError;
/** A payment failed. */
export const CommerceLayerPaymentError = /* @__PURE__ */ familyClass(family, "payment_failed");
export type CommerceLayerPaymentError = CommerceLayerError;
/** The order is cancelled: the trigger cannot apply. */
export const CommerceLayerOrderClosedError = /* @__PURE__ */ familyClass(family, "order_closed");
export type CommerceLayerOrderClosedError = CommerceLayerError;
/** The server answered with a redirect: the client follows none (see the README's Redirects). */
export const CommerceLayerRedirectError = /* @__PURE__ */ familyClass(family, "redirect");
export type CommerceLayerRedirectError = CommerceLayerError;
/** A `raw.use()` middleware (or another part of the request pipeline) threw. */
export const CommerceLayerMiddlewareError = /* @__PURE__ */ familyClass(family, "middleware");
export type CommerceLayerMiddlewareError = CommerceLayerError;

/** Builds the Commerce Layer error class that matches `kind`. */
export function commerceLayerError(kind: ErrorKind, init: CommerceLayerErrorInit): CommerceLayerError {
  return new family[kind](kind, init);
}

export { mayHaveApplied as mayHaveAppliedCl } from "../core/safe-write.js";
