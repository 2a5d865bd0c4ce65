import { hasToJSON, jsonBytes, writeByte, writeText, writtenBytes } from "./json-bytes.js";
import { serializeBody } from "./light-call.js";

/**
 * `JSON.stringify({ [key]: items })` as its UTF-8 bytes, written into one buffer item by item: no
 * string of the whole body is ever made. A fresh string over 128 KiB lives in V8's large-object
 * space, and on Node 20 the first read of one by native code (undici's `Buffer.byteLength` of a
 * string body, then its encoding) costs ~0.6 ms for 135 kB. A bulk append's first sending of a
 * chunk writes its body as it checks the rows (`PendingRows`); this one serves the rest (rows sent
 * again after a read-back, a middleware's call of the request's serializer).
 *
 * A list with a `toJSON` of its own, or with an item that has one (it is given its index in the
 * list), is serialized whole. The bytes are those of `JSON.stringify` on the whole object (held by
 * a seeded property test). Throws what `JSON.stringify` throws (a BigInt, a cycle).
 */
export function jsonListBody(key: string, items: readonly unknown[]): Uint8Array<ArrayBuffer> {
  const b = jsonBytes(256 + items.length * 160);
  // A list that serializes as something else (a `toJSON` on it, its class or Array.prototype)
  // cannot be written item by item: its JSON is made whole.
  if (hasToJSON(items) || items.some(hasToJSON)) writeText(b, JSON.stringify({ [key]: items }));
  else {
    writeText(b, `{${JSON.stringify(key)}:[`);
    for (let i = 0; i < items.length; i++) {
      if (i > 0) writeByte(b, 44 /* , */);
      // A hole, undefined, a function or a symbol is written as null in a list.
      writeText(b, JSON.stringify(items[i]) ?? "null");
    }
    writeText(b, "]}");
  }
  return writtenBytes(b);
}

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
