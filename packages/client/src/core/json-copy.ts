/**
 * `value` as JSON sends it, read once: parsed back from `JSON.stringify` (its `toJSON` applied,
 * its getters read, what JSON leaves out gone); undefined when JSON cannot write it (a BigInt, a
 * cycle) or writes nothing. A check of this copy holds for the request when the copy is what is
 * sent: no getter, `toJSON`, inherited or non-enumerable key can make the two differ.
 */
export function jsonCopy(value: unknown): unknown {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Whether JSON writes `o[name]`: an own, enumerable property of an object (an inherited or hidden
 * one it leaves out). What a check reads of a value about to be sent goes through this, so that
 * the check and the request agree.
 */
export function jsonWrites(o: unknown, name: string): boolean {
  return typeof o === "object" && o !== null && Object.prototype.propertyIsEnumerable.call(o, name);
}
