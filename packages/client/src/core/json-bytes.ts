/**
 * UTF-8 JSON written straight into a growing byte buffer, for large request bodies: no string of
 * the whole body is ever made (see `jsonListBody`). Plain functions over a small record, not a
 * class: they run for every field of every row of a bulk append.
 */

/** Bytes being written: `out[0..length)`. */
export interface JsonBytes {
  out: Uint8Array<ArrayBuffer>;
  length: number;
}

let encoder: TextEncoder | undefined;

/** An empty buffer with room for about `bytes` bytes. */
export function jsonBytes(bytes: number): JsonBytes {
  return { out: new Uint8Array(Math.max(16, bytes)), length: 0 };
}

/** The bytes written, exactly (a copy when the buffer is larger: a caller's fetch may read the whole buffer). */
export function writtenBytes(b: JsonBytes): Uint8Array<ArrayBuffer> {
  return b.length === b.out.length ? b.out : b.out.slice(0, b.length);
}

/** Writes one byte (ASCII punctuation). */
export function writeByte(b: JsonBytes, byte: number): void {
  if (b.length === b.out.length) grow(b, 1);
  b.out[b.length++] = byte;
}

/**
 * Writes `text` as a JSON string, the bytes `JSON.stringify(text)` would give: printable ASCII with
 * nothing to escape byte by byte, anything else by JSON.stringify.
 */
export function writeString(b: JsonBytes, text: string): void {
  const n = text.length;
  reserve(b, n + 2);
  const out = b.out;
  let at = b.length;
  out[at++] = 34; /* " */
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    // Control characters, '"', '\\' and anything past ASCII: JSON.stringify's way.
    if (c < 32 || c > 126 || c === 34 || c === 92) {
      writeText(b, JSON.stringify(text));
      return;
    }
    out[at++] = c;
  }
  out[at++] = 34;
  b.length = at;
}

/** Writes `text` (already JSON) as UTF-8. */
export function writeText(b: JsonBytes, text: string): void {
  encoder ??= new TextEncoder();
  let rest = text;
  for (;;) {
    // Writes what fits (never half a surrogate pair) and says how much of `rest` that was.
    const { read, written } = encoder.encodeInto(rest, b.out.subarray(b.length));
    b.length += written;
    if (read === rest.length) return;
    rest = rest.slice(read);
    grow(b, rest.length * 3);
  }
}

/** Makes room for `bytes` more. */
export function reserve(b: JsonBytes, bytes: number): void {
  if (b.length + bytes > b.out.length) grow(b, bytes);
}

/** Room for `bytes` more. */
function grow(b: JsonBytes, bytes: number): void {
  const bigger = new Uint8Array(Math.max(b.length + bytes, b.out.length * 2));
  bigger.set(b.out.subarray(0, b.length));
  b.out = bigger;
}

/**
 * Whether a plain object (its prototype Object.prototype or null) is written by for-in exactly as
 * JSON writes it: false when Object.prototype has an enumerable field, which for-in would list in
 * every plain object (JSON lists own fields only). Checked once per body.
 */
export function forInIsOwn(): boolean {
  for (const _ in {}) return false;
  return true;
}

/**
 * Whether `value` is an object JSON writes field by field as for-in lists them (when `forInIsOwn`):
 * a plain object without `toJSON`, not a list (JSON writes a list's items, not its fields, whatever
 * its prototype). A boxed primitive given Object.prototype as its prototype passes (JSON writes its
 * value): no caller makes one.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return (
    (proto === Object.prototype || proto === null) && (value as { toJSON?: unknown }).toJSON === undefined
  );
}

/** True when JSON.stringify would call `value.toJSON(key)` (on an object or a primitive's prototype). */
export const hasToJSON = (value: unknown): boolean =>
  value != null && typeof (value as { toJSON?: unknown }).toJSON === "function";
