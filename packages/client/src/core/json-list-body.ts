import { serializeBody } from "./light-call.js";

/** Items serialized at a time: a piece stays below V8's large-object size for rows up to ~1.3 kB. */
const PIECE = 100;

let encoder: TextEncoder | undefined;

/**
 * `JSON.stringify({ [key]: items })` as its UTF-8 bytes, for large list bodies (a bulk append's
 * chunk of up to 1000 recipients, ~135 kB). The items are serialized a hundred at a time and
 * encoded into one buffer as they are made, so no string of the whole body is ever made: a fresh
 * string over 128 KiB lives in V8's large-object space, and on Node 20 the first read of one by
 * native code (undici's `Buffer.byteLength` of a string body, then its encoding) costs ~0.6 ms for
 * 135 kB, more than serializing it. Sent as bytes, a 100k-row append takes ~40% less CPU in the
 * client.
 *
 * The bytes are those of `JSON.stringify` on the whole object. A list with a `toJSON` of its own,
 * or with an item that has one (it is given its index in the list, which a piece would not know),
 * is serialized whole. Throws what `JSON.stringify` throws (a BigInt, a cycle).
 */
export function jsonListBody(key: string, items: readonly unknown[]): Uint8Array<ArrayBuffer> {
  encoder ??= new TextEncoder();
  // A list that serializes as something else (a `toJSON` on it, its class or Array.prototype)
  // cannot be cut into pieces: its JSON is made whole.
  if (hasToJSON(items) || items.some(hasToJSON))
    return encoder.encode(JSON.stringify({ [key]: items })) as Uint8Array<ArrayBuffer>;
  let out = new Uint8Array(256);
  let length = 0;
  /** Writes `text` as UTF-8 at the end, growing the buffer when it does not fit. */
  const write = (text: string) => {
    let rest = text;
    for (;;) {
      // Writes what fits (never half a surrogate pair) and says how much of `rest` that was.
      const { read, written } = (encoder as TextEncoder).encodeInto(rest, out.subarray(length));
      length += written;
      if (read === rest.length) return;
      rest = rest.slice(read);
      grow(rest.length * 3);
    }
  };
  /** Room for `bytes` more. */
  const grow = (bytes: number) => {
    const bigger = new Uint8Array(Math.max(length + bytes, out.length * 2));
    bigger.set(out.subarray(0, length));
    out = bigger;
  };
  write(`{${JSON.stringify(key)}:[`);
  for (let at = 0; at < items.length; at += PIECE) {
    // A piece is a JSON array: written from its first item on, and its "]" written over by what
    // follows (a comma and the next piece, or the end).
    const piece = JSON.stringify(items.slice(at, at + PIECE));
    const start = length;
    if (at > 0) write(",");
    write(piece.slice(1));
    length--;
    // Room for the rest, made once: as many bytes a piece as the first took, and a tenth more.
    if (at === 0 && items.length > PIECE)
      grow(Math.ceil(((length - start) * (items.length - PIECE) * 1.1) / PIECE) + 2);
  }
  write("]}");
  // Exactly the body: a caller's fetch may read the array's whole buffer.
  return length === out.length ? out : out.slice(0, length);
}

/** True when JSON.stringify would call `value.toJSON(key)` (on an object or a primitive's prototype). */
const hasToJSON = (value: unknown): boolean =>
  value != null && typeof (value as { toJSON?: unknown }).toJSON === "function";

/**
 * openapi-fetch's per-request body serializer for `{ [key]: [...] }` bodies: {@link jsonListBody}
 * for such a body, openapi-fetch's default for any other (a middleware may call the request's
 * `options.bodySerializer` with a body of its own).
 */
export function listBodySerializer(key: string) {
  return (body: Record<string, unknown>, headers?: Headers): BodyInit => {
    const items = body?.[key];
    return Array.isArray(items) && Object.keys(body).length === 1
      ? jsonListBody(key, items)
      : serializeBody(body, headers as Headers);
  };
}
