import type { LettrLabs } from "@orderkit/types";
import { type ErrorKind, OrderkitError, type OrderkitErrorInit, TransportError } from "../core/errors.js";

/** Fields of a LettrLabs error beyond the common ones. */
export interface LettrLabsErrorInit extends OrderkitErrorInit {
  reasonCode?: string | undefined;
  errors?: readonly string[] | undefined;
  recipientErrors?: readonly LettrLabs.RecipientRejection[] | undefined;
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

  constructor(kind: ErrorKind, init: LettrLabsErrorInit) {
    super(kind, init);
    this.reasonCode = init.reasonCode;
    this.errors = init.errors ?? [];
    this.recipientErrors = init.recipientErrors ?? [];
  }

  override toJSON(): Record<string, unknown> {
    const out = super.toJSON();
    if (this.reasonCode !== undefined) out.reasonCode = this.reasonCode;
    if (this.errors.length > 0) out.errors = [...this.errors];
    if (this.recipientErrors.length > 0) out.recipientErrors = [...this.recipientErrors];
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
/** A payment failed: the order rolled back to Draft after checkout. */
export class LettrLabsPaymentError extends LettrLabsError {}
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
    invalid_argument: LettrLabsArgumentError,
  };

/** Builds the LettrLabs error class that matches `kind`. */
export function lettrLabsError(kind: ErrorKind, init: LettrLabsErrorInit): LettrLabsError {
  const Class = CLASSES[kind] ?? LettrLabsError;
  return new Class(kind, init);
}

/**
 * True when a failed write may nevertheless have been applied by the server: no answer (timeout,
 * dropped connection after sending), a 5xx, or an unreadable 2xx. Such writes must be verified by
 * reading back, never blindly re-sent.
 */
export function mayHaveApplied(error: unknown): boolean {
  if (!(error instanceof LettrLabsError)) return false;
  if (error.kind === "connection") return !(error.cause instanceof TransportError && error.cause.notSent);
  return error.kind === "timeout" || error.kind === "server" || error.kind === "invalid_response";
}
