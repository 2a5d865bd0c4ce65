/**
 * Cheap checks of 2xx bodies at the edge: enough to promise the types a method returns, without
 * full schema validation on the hot path.
 */

/** A plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A plain object made in any realm (this one, an iframe's, a `vm` context's): its tag is
 * `[object Object]` and its prototype is null or a realm's `Object.prototype`: an object without a
 * prototype whose own `constructor` is a function whose `prototype` it is. Not an array, a `Map`,
 * a `Date`, a class instance, nor an object made from another (`Object.create(defaults)`). For
 * callers' input that may come from another realm (a list's filter); the bulk writer's row check
 * (`isPlainObject`, json-bytes.ts) is this realm's only, and cheaper, on its hot path.
 */
export function isPlainRecordOfAnyRealm(value: unknown): value is Record<string, unknown> {
  if (
    typeof value !== "object" ||
    value === null ||
    Object.prototype.toString.call(value) !== "[object Object]"
  )
    return false;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === null) return true;
  if (Object.getPrototypeOf(proto) !== null) return false;
  const ctor: unknown = Object.getOwnPropertyDescriptor(proto, "constructor")?.value;
  return typeof ctor === "function" && (ctor as { prototype?: unknown }).prototype === proto;
}

/** A positive safe integer (an id). */
export function isId(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value > 0;
}

/** An array whose every item passes `item`. */
export function isArrayOf<T>(value: unknown, item: (v: unknown) => v is T): value is T[] {
  return Array.isArray(value) && value.every(item);
}
