import type { ErrorKind, OrderkitError } from "./errors.js";

/**
 * The one table of error classes by meaning: every API client derives one subclass per kind from
 * it (`LettrLabsNotFoundError`, `CommerceLayerNotFoundError`, …), so both hierarchies are the same
 * and `err.kind` and `instanceof` always agree.
 */
export const ERROR_CLASS_NAMES: Readonly<Record<ErrorKind, string>> = Object.fromEntries(
  // Each kind in PascalCase, but where its class is named otherwise (after the colon).
  "authentication permission validation not_found conflict rate_limit server api connection timeout aborted:Abort invalid_response invalid_argument:Argument ambiguous_write payment_failed:Payment order_closed redirect middleware"
    .split(" ")
    .map((entry) => {
      const [kind, stem] = entry.split(":") as [ErrorKind, string | undefined];
      return [kind, `${stem ?? kind.replace(/(?:^|_)(.)/g, (_, c: string) => c.toUpperCase())}Error`];
    }),
) as Record<ErrorKind, string>;

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
