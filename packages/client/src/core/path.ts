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

/**
 * A path serializer for an API whose path parameters are all plain `{name}` placeholders (simple
 * style, not exploded) holding a string or a number: each value percent-encoded, as openapi-fetch's
 * `defaultPathSerializer` does with them, without its code for labels, matrices, arrays and
 * objects. A placeholder without a value, or of another style, stays as it is. Commerce Layer's
 * spec has no other kind (test/core/path.test.ts checks every path of it). Throws for a value no
 * id can be (anything but a string or a number) and for `""`, `.` and `..`, which would name the
 * parent path or climb it: through the public `raw` client too, which takes any value a JavaScript
 * caller passes. The message quotes a string, and only names the type of anything else (an object
 * may hold anything, a token included).
 */
export function serializeSimplePath(path: string, values: Record<string, unknown> | undefined): string {
  // A scan, not `replace` with a callback, which goes through the engine's runtime on every call
  // (~4 µs of a Commerce Layer call in a profile). The same placeholders as /\{([^{}.;*]+)\}/g: a
  // `}` closes the last `{` before it, if no `}` comes between. Linear: each brace is found once.
  let out = "";
  let done = 0;
  for (let open = path.indexOf("{"); open !== -1; ) {
    const close = path.indexOf("}", open + 1);
    if (close === -1) break;
    let next = path.indexOf("{", open + 1);
    while (next !== -1 && next < close) {
      open = next;
      next = path.indexOf("{", open + 1);
    }
    const name = path.slice(open + 1, close);
    // Only a valid name is looked up (a getter or a Proxy sees what it saw before).
    const value = name && !/[.;*]/.test(name) ? values?.[name] : undefined;
    if (value != null) {
      if (
        (typeof value !== "string" && typeof value !== "number") ||
        value === "" ||
        value === "." ||
        value === ".."
      )
        throw new TypeError(
          `The path parameter ${name} cannot be ${typeof value === "string" ? JSON.stringify(value) : `of type ${typeof value}`}.`,
        );
      out += path.slice(done, open) + encodeURIComponent(value);
      done = close + 1;
    }
    open = next;
  }
  return out + path.slice(done);
}
