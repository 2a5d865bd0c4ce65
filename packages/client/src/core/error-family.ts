import type { ErrorKind, OrderkitError } from "./errors.js";

/**
 * The one table of error classes by meaning: every API client derives one subclass per kind from
 * it (`LettrLabsNotFoundError`, `CommerceLayerNotFoundError`, …), so both hierarchies are the same
 * and `err.kind` and `instanceof` always agree.
 */
export const ERROR_CLASS_NAMES: Readonly<Record<ErrorKind, string>> = {
  authentication: "AuthenticationError",
  permission: "PermissionError",
  validation: "ValidationError",
  not_found: "NotFoundError",
  conflict: "ConflictError",
  rate_limit: "RateLimitError",
  server: "ServerError",
  api: "ApiError",
  connection: "ConnectionError",
  timeout: "TimeoutError",
  aborted: "AbortError",
  invalid_response: "InvalidResponseError",
  invalid_argument: "ArgumentError",
  ambiguous_write: "AmbiguousWriteError",
  payment_failed: "PaymentError",
  order_closed: "OrderClosedError",
  redirect: "RedirectError",
  middleware: "MiddlewareError",
};

/** A constructor of an API's errors. */
export type ErrorClass<E, I> = new (kind: ErrorKind, init: I) => E;

/** Derives one named subclass of `Base` per error kind, e.g. `${prefix}NotFoundError`. */
export function errorFamily<E extends OrderkitError, I>(
  Base: ErrorClass<E, I>,
  prefix: string,
): Readonly<Record<ErrorKind, ErrorClass<E, I>>> {
  const family = {} as Record<ErrorKind, ErrorClass<E, I>>;
  for (const [kind, suffix] of Object.entries(ERROR_CLASS_NAMES) as [ErrorKind, string][]) {
    // biome-ignore lint/suspicious/noExplicitAny: a class expression must extend an any[]-constructor (internal only)
    const Sub = class extends (Base as new (...args: any[]) => OrderkitError) {};
    Object.defineProperty(Sub, "name", { value: `${prefix}${suffix}` });
    family[kind] = Sub as unknown as ErrorClass<E, I>;
  }
  return family;
}

/** One class of a family (a pure call, so bundlers drop the classes nobody imports). */
export function familyClass<E, I>(
  family: Readonly<Record<ErrorKind, ErrorClass<E, I>>>,
  kind: ErrorKind,
): ErrorClass<E, I> {
  return family[kind];
}
