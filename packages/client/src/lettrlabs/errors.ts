import type { LettrLabs } from "@orderkit/types";
import { type ErrorKind, OrderkitError, type OrderkitErrorInit } from "../core/errors.js";
import type { AppendSummary } from "./recipients.js";

/** Fields of a LettrLabs error beyond the common ones. */
export interface LettrLabsErrorInit extends OrderkitErrorInit {
  reasonCode?: string | undefined;
  errors?: readonly string[] | undefined;
  recipientErrors?: readonly LettrLabs.RecipientRejection[] | undefined;
  partial?: AppendSummary | undefined;
  /** For `order_closed`: the final status read. */
  orderStatus?: string | undefined;
}

/**
 * Every error the LettrLabs client throws. Subclasses tell the meaning apart; `kind` carries the
 * same meaning as a string. 5xx errors never carry the server's body (it may hold internals).
 */
export class LettrLabsError extends OrderkitError {
  /** The API's machine-readable reason, e.g. `ORDER_NOT_DELETABLE_STATUS`. */
  readonly reasonCode: string | undefined;
  /** The API's human-readable error strings (4xx only). */
  readonly errors: readonly string[];
  /** Per-recipient refusals (422 of integration-order recipients). */
  readonly recipientErrors: readonly LettrLabs.RecipientRejection[];
  /**
   * For a bulk append that failed part-way: what was applied before the failure (chunks already
   * acknowledged or verified), so no work is lost.
   */
  readonly partial: AppendSummary | undefined;

  constructor(kind: ErrorKind, init: LettrLabsErrorInit) {
    super(kind, init);
    this.reasonCode = init.reasonCode;
    this.errors = init.errors ?? [];
    this.recipientErrors = init.recipientErrors ?? [];
    this.partial = init.partial;
  }

  override toJSON(): Record<string, unknown> {
    const out = super.toJSON();
    if (this.reasonCode !== undefined) out.reasonCode = this.reasonCode;
    if (this.errors.length > 0) out.errors = [...this.errors];
    if (this.recipientErrors.length > 0) out.recipientErrors = [...this.recipientErrors];
    if (this.partial !== undefined)
      out.partial = {
        accepted: this.partial.accepted,
        sent: this.partial.sent,
        orderId: this.partial.orderId,
      };
    return out;
  }
}

/** 401: the API key is missing or not valid. */
export class LettrLabsAuthenticationError extends LettrLabsError {}
/** 403: the account's plan does not include API access. */
export class LettrLabsPermissionError extends LettrLabsError {}
/** 400/422, or a 2xx whose envelope says `hasErrors`: the request was refused. */
export class LettrLabsValidationError extends LettrLabsError {}
/** 404: the order (or other resource) does not exist. */
export class LettrLabsNotFoundError extends LettrLabsError {}
/** 429: too many requests; see `retryAfterMs`. */
export class LettrLabsRateLimitError extends LettrLabsError {}
/** 5xx, or a 2xx whose body could not be read. */
export class LettrLabsServerError extends LettrLabsError {}
/** No response: the connection failed or dropped. */
export class LettrLabsConnectionError extends LettrLabsError {}
/** No response within the per-attempt timeout. */
export class LettrLabsTimeoutError extends LettrLabsError {}
/** The caller's AbortSignal fired. */
export class LettrLabsAbortError extends LettrLabsError {}
/** A payment failed: the order rolled back to Draft after checkout (it may be checked out again). */
export class LettrLabsPaymentError extends LettrLabsError {}
/** The order reached a final status (Cancelled, Refunded, Deleted, Error): it will not be mailed. */
export class LettrLabsOrderClosedError extends LettrLabsError {
  /** The final status read. */
  readonly orderStatus: string;
  constructor(kind: ErrorKind, init: LettrLabsErrorInit) {
    super(kind, init);
    this.orderStatus = init.orderStatus ?? "";
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), orderStatus: this.orderStatus };
  }
}
/** The server answered with a redirect the client refused to follow (another origin, or a write). */
export class LettrLabsRedirectError extends LettrLabsError {}
/** An argument was rejected before anything was sent. */
export class LettrLabsArgumentError extends LettrLabsError {}

/**
 * A write may or may not have happened, and the client could not find out. It never guesses:
 * `candidates` lists the ids that may be the result (possibly none).
 */
export class LettrLabsAmbiguousWriteError extends LettrLabsError {
  readonly candidates: readonly number[];
  constructor(init: LettrLabsErrorInit & { candidates: readonly number[] }) {
    super("ambiguous_write", init);
    this.candidates = init.candidates;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), candidates: [...this.candidates] };
  }
}

const CLASSES: Partial<Record<ErrorKind, new (kind: ErrorKind, init: LettrLabsErrorInit) => LettrLabsError>> =
  {
    authentication: LettrLabsAuthenticationError,
    permission: LettrLabsPermissionError,
    validation: LettrLabsValidationError,
    not_found: LettrLabsNotFoundError,
    rate_limit: LettrLabsRateLimitError,
    server: LettrLabsServerError,
    invalid_response: LettrLabsServerError,
    connection: LettrLabsConnectionError,
    timeout: LettrLabsTimeoutError,
    aborted: LettrLabsAbortError,
    payment_failed: LettrLabsPaymentError,
    order_closed: LettrLabsOrderClosedError,
    redirect: LettrLabsRedirectError,
    invalid_argument: LettrLabsArgumentError,
  };

/** Builds the LettrLabs error class that matches `kind`. */
export function lettrLabsError(kind: ErrorKind, init: LettrLabsErrorInit): LettrLabsError {
  const Class = CLASSES[kind] ?? LettrLabsError;
  return new Class(kind, init);
}

export { mayHaveApplied } from "../core/safe-write.js";
