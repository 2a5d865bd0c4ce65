/**
 * What went wrong, independent of the API: lets callers branch the same way on errors of either
 * API client (`err.kind === "rate_limit"`).
 */
export type ErrorKind =
  | "authentication"
  | "permission"
  | "validation"
  | "not_found"
  | "conflict"
  | "rate_limit"
  | "server"
  | "api"
  | "connection"
  | "timeout"
  | "aborted"
  | "invalid_response"
  | "invalid_argument"
  | "ambiguous_write"
  | "payment_failed"
  | "order_closed"
  | "redirect"
  | "middleware";

/** Fields common to every orderkit error. */
export interface OrderkitErrorInit {
  message: string;
  status?: number | undefined;
  requestId?: string | undefined;
  operation?: string | undefined;
  retryAfterMs?: number | undefined;
  cause?: unknown;
}

/**
 * Base class of every error the orderkit clients throw. Messages never contain credentials:
 * the client redacts them before an error is built, and `toJSON()` lists only safe fields.
 */
export class OrderkitError extends Error {
  // `declare`: each field is assigned in the constructor, so no field definitions are emitted (smaller bundles, same objects).
  /** What went wrong (see {@link ErrorKind}). */
  declare readonly kind: ErrorKind;
  /** HTTP status, when a response was received. */
  declare readonly status: number | undefined;
  /** The server's request id (`x-request-id`), when it sent one. */
  declare readonly requestId: string | undefined;
  /** The operation that failed, e.g. `createOrderFromTemplate`. */
  declare readonly operation: string | undefined;
  /** How long the server asked to wait before trying again, in ms (429/503). */
  declare readonly retryAfterMs: number | undefined;

  constructor(kind: ErrorKind, init: OrderkitErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = kind;
    this.status = init.status;
    this.requestId = init.requestId;
    this.operation = init.operation;
    this.retryAfterMs = init.retryAfterMs;
    // Last, as when these were class fields: the same own keys in the same order.
    this.name = new.target.name;
  }

  /** A plain, credential-free description of the error, for logs and `--json` output. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, kind: this.kind, message: this.message };
    for (const key of ["status", "operation", "requestId", "retryAfterMs"] as const)
      if (this[key] !== undefined) out[key] = this[key];
    return out;
  }
}

/** Maps an HTTP status to the meaning both APIs share. */
export function kindOfStatus(status: number): ErrorKind {
  if (status === 401) return "authentication";
  if (status === 403) return "permission";
  if (status === 400 || status === 422) return "validation";
  if (status === 404) return "not_found";
  if (status === 409) return "conflict";
  if (status === 429) return "rate_limit";
  if (status >= 500) return "server";
  return "api";
}

/**
 * Thrown by the transport when no usable response arrived: connection failure, attempt timeout,
 * the caller's abort, or a redirect it refused to follow. API clients translate it into their own
 * error class.
 */
export class TransportError extends Error {
  constructor(
    readonly kind: "connection" | "timeout" | "aborted" | "redirect",
    message: string,
    /** True when the request surely never reached the server (e.g. connection refused). */
    readonly notSent: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "TransportError";
  }
}

/**
 * The first string `code` on an error or its causes (undici puts the socket's there), if any; or
 * "bad port" for a port fetch never connects to (the Fetch standard's "bad ports": 9, 25, 6000 and
 * more), which undici reports with that bare message and no code.
 */
export function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  // A primitive has no code, message or cause: the loop ends on it.
  for (let depth = 0; depth < 4 && current != null; depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === "string") return code;
    if (message === "bad port") return message;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * The `aborted` TransportError: the caller's signal ended the request or a wait (`cause`: what it
 * threw, or its reason). `notSent`: the abort came before the request left (a wait, a signal
 * already aborted), so a write cannot have been applied by it.
 */
export const abortedError = (cause: unknown, notSent = false): TransportError =>
  new TransportError("aborted", "The request was aborted.", notSent, { cause });

/** The `timeout` TransportError: no response (or body) within the per-attempt `ms`. */
export const timeoutError = (ms: number, cause: unknown): TransportError =>
  new TransportError("timeout", `No response within ${ms} ms.`, false, { cause });
