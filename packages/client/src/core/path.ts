import { OrderkitError } from "./errors.js";

/**
 * Checks a numeric id before it goes into a URL path: openapi-fetch would otherwise send a
 * missing id as `%7Bid%7D`, and let `..` climb out of the path.
 */
export function assertId(value: unknown, name: string): number {
  if (typeof value === "number" && Number.isSafeInteger(value) && value > 0) return value;
  if (typeof value === "string" && /^[1-9][0-9]{0,15}$/.test(value) && Number.isSafeInteger(Number(value)))
    return Number(value);
  throw new OrderkitError("invalid_argument", {
    message: `${name} must be a positive integer id, got ${value === undefined ? "undefined" : JSON.stringify(value)}.`,
  });
}

/**
 * Checks a string id (Commerce Layer ids) before it goes into a URL path: non-empty, no slash,
 * not `.` or `..`.
 */
export function assertStringId(value: unknown, name: string): string {
  if (
    typeof value === "string" &&
    value.length > 0 &&
    value !== "." &&
    value !== ".." &&
    !/[/?#\\]/.test(value)
  ) {
    return value;
  }
  throw new OrderkitError("invalid_argument", {
    message: `${name} must be a non-empty id without '/', got ${value === undefined ? "undefined" : JSON.stringify(value)}.`,
  });
}
