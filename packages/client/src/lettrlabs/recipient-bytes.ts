import {
  isPlainObject,
  type JsonBytes,
  reserve,
  writeByte,
  writeString,
  writeText,
} from "../core/json-bytes.js";
import { combineFieldHashes } from "./recipient-hash.js";
import {
  blank,
  GROUP_FIELDS,
  isUsStateCode,
  isZip,
  MAX_FIELD_LENGTH,
  RECENT,
  returnAddressProblems,
} from "./recipient-validation.js";

/** Not the common case: nothing usable was written. */
export const NOT_WRITTEN = -1;
/** Written, but an identity field is hashed by `bulkIdentityHash` (white space to collapse, `|`, more than ASCII). */
export const WRITTEN_HASH_LATER = -2;

/**
 * The place of each identity field in the key's order (`recipientKey`), by group: personal's
 * firstName, lastName, toOrganization; address's address1, address2, city, state, zipCode. -1 for
 * any other.
 */
function identityPlace(g: number, field: string): number {
  if (g === 0)
    return field === "firstName" ? 0 : field === "lastName" ? 1 : field === "toOrganization" ? 2 : -1;
  if (g !== 1) return -1;
  switch (field) {
    case "address1":
      return 3;
    case "address2":
      return 4;
    case "city":
      return 5;
    case "state":
      return 6;
    case "zipCode":
      return 7;
    default:
      return -1;
  }
}

/**
 * A bulk append's one pass over a row: checks it, writes it and hashes its identity in the same
 * walk over its fields. When `r` is the common case, writes the JSON an append sends for it
 * (without its `id`, as `JSON.stringify` writes it) and returns its `bulkIdentityHash`
 * (or WRITTEN_HASH_LATER): a plain object (`isPlainObject`) of `personal`, `address` and
 * `metadata` groups, each a plain object of known fields holding text, no name or address field
 * longer than MAX_FIELD_LENGTH, an address1 and a city, a USPS state code and a ZIP written as the
 * API takes them, and a return address whole or absent. `recipientProblems` finds nothing wrong
 * with such a row (a seeded property test holds the two together, the bytes to JSON's and the
 * hash to `bulkIdentityHash`).
 *
 * Returns NOT_WRITTEN for any other row, part-written: the caller rewinds and checks it with
 * `recipientProblems` (which names its problems, or finds it valid written otherwise: a state in
 * lower case, a field that is a number), or with a field JSON would not send but identity and the
 * validator read (not enumerable, inherited). Each field is read once here: what is checked is what
 * is written, and so is what is hashed unless WRITTEN_HASH_LATER (the key reads the row again, as
 * it does for rows of the plain path and to confirm a repeat). `lanes` (16 ints) is scratch for the
 * field hashes. Call only while `forInIsOwn()`.
 */
export function writeValidRecipient(b: JsonBytes, r: unknown, lanes: Int32Array): number {
  if (!isPlainObject(r)) return NOT_WRITTEN;
  // Every field's hash starts as an empty field's (a field the row does not have).
  for (let f = 0; f < 16; f += 2) {
    lanes[f] = 0x811c9dc5;
    lanes[f + 1] = 0x01000193;
  }
  let hashed = true;
  // The identity fields written (bit `place`), and the groups read.
  let seen = 0;
  let personal: Record<string, unknown> | undefined;
  let address: Record<string, unknown> | undefined;
  let metadata: Record<string, unknown> | undefined;
  let address1: unknown;
  let city: unknown;
  let state: unknown;
  let zip: unknown;
  let returns: Record<string, string> | undefined;
  writeByte(b, 123 /* { */);
  let first = true;
  for (const name in r) {
    const group = r[name];
    if (group === undefined || name === "id") continue;
    const g = name === "personal" ? 0 : name === "address" ? 1 : name === "metadata" ? 2 : -1;
    if (g < 0 || !isPlainObject(group)) return NOT_WRITTEN;
    if (g === 0) personal = group;
    else if (g === 1) address = group;
    else metadata = group;
    writeName(b, name, first, 0);
    writeByte(b, 123 /* { */);
    first = false;
    const recent = RECENT[g] as string[];
    const known = GROUP_FIELDS[g] as ReadonlySet<string>;
    let i = -1;
    let firstField = true;
    for (const field in group) {
      i++;
      const value = group[field];
      if (value === undefined) continue;
      if (typeof value !== "string" || (g !== 2 && value.length > MAX_FIELD_LENGTH)) return NOT_WRITTEN;
      if (!(i < 32 && recent[i] === field)) {
        if (!known.has(field)) return NOT_WRITTEN;
        if (i < 32) recent[i] = field;
      }
      writeName(b, field, firstField, value.length);
      firstField = false;
      const place = g === 2 ? -1 : identityPlace(g, field);
      if (place < 0) {
        // A merge field starting with r may be part of a return address: kept as read, for the
        // check below.
        if (g === 2 && field.charCodeAt(0) === 114) {
          returns ??= {};
          returns[field] = value;
        }
        writeString(b, value);
        continue;
      }
      seen |= 1 << place;
      if (place === 3) address1 = value;
      else if (place === 5) city = value;
      else if (place === 6) state = value;
      else if (place === 7) zip = value;
      if (!writeIdentity(b, value, lanes, place)) hashed = false;
    }
    writeByte(b, 125 /* } */);
  }
  writeByte(b, 125 /* } */);
  const valid =
    !blank(address1) && !blank(city) && isUsStateCode(state) && typeof zip === "string" && isZip(zip);
  if (!valid) return NOT_WRITTEN;
  // A return address is whole or absent: a row with part of one is named by the validator.
  if (returns && returnAddressProblems(undefined, returns)) return NOT_WRITTEN;
  // What JSON does not send (a group or field not enumerable, or inherited from a prototype) but
  // the validator and the key read: such a row takes the plain path, which reads it as they do.
  if (
    (personal === undefined && r.personal !== undefined) ||
    (metadata === undefined && r.metadata !== undefined)
  )
    return NOT_WRITTEN;
  for (let f = 0; f < 8; f++) {
    if ((seen & (1 << f)) !== 0) continue;
    const value = (f < 3 ? personal : address)?.[IDENTITY_FIELDS[f] as string];
    if (value !== undefined && value !== null) return NOT_WRITTEN;
  }
  return hashed ? combineFieldHashes(lanes) : WRITTEN_HASH_LATER;
}

/** The identity fields in the key's order (`recipientKey`): personal's three, then address's five. */
const IDENTITY_FIELDS = [
  "firstName",
  "lastName",
  "toOrganization",
  "address1",
  "address2",
  "city",
  "state",
  "zipCode",
];

/**
 * A known field's or group's name (printable ASCII, nothing to escape), written as it is: with a
 * comma before it unless `first`, and the colon after it, in room made once for it and a value of
 * `then` characters.
 */
function writeName(b: JsonBytes, name: string, first: boolean, then: number): void {
  reserve(b, name.length + then + 6);
  const out = b.out;
  let at = b.length;
  if (!first) out[at++] = 44; /* , */
  out[at++] = 34; /* " */
  for (let k = 0; k < name.length; k++) out[at++] = name.charCodeAt(k);
  out[at++] = 34;
  out[at++] = 58; /* : */
  b.length = at;
}

/**
 * `writeString` for an identity field, hashing it as `bulkIdentityHash` does (lower-cased; the
 * ZIP's first 5 characters) into `lanes[2 * place]` and `lanes[2 * place + 1]`. False when it
 * holds what only the key's path hashes (white space to trim or collapse, `|`, `\`, more than
 * printable ASCII): written all the same.
 */
function writeIdentity(b: JsonBytes, text: string, lanes: Int32Array, place: number): boolean {
  const n = text.length;
  const hashed = place === 7 && n > 5 ? 5 : n;
  reserve(b, n + 2);
  const out = b.out;
  let at = b.length;
  out[at++] = 34; /* " */
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  let plain = true;
  let space = false;
  for (let i = 0; i < n; i++) {
    let c = text.charCodeAt(i);
    if (c < 32 || c > 126 || c === 34 || c === 92) {
      // For JSON to escape (and beyond ASCII): JSON.stringify's way, hashed on the key's path.
      writeText(b, JSON.stringify(text));
      return false;
    }
    out[at++] = c;
    if (i >= hashed) continue;
    if (c === 32) {
      // A space at an edge, or doubled, is trimmed or collapsed in the key.
      if (space || i === 0 || i === hashed - 1) plain = false;
      space = true;
    } else {
      if (c === 124 /* "|" */) plain = false;
      space = false;
      if (c >= 65 && c <= 90) c += 32;
    }
    h1 = Math.imul(h1 ^ c, 16777619);
    h2 = Math.imul(h2 ^ c, 2246822519);
  }
  out[at++] = 34;
  b.length = at;
  lanes[2 * place] = h1;
  lanes[2 * place + 1] = h2;
  return plain;
}
