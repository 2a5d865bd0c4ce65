import type { LettrLabs } from "@orderkit/types";
import {
  BEYOND_ASCII,
  identityField as field,
  recipientKey,
  unfoldedRecipientKeys,
} from "./recipient-key.js";

// The FNV constants are written out as literals in the loops below: as module-level constants
// (bundled to `var`s), V8 reloads them every iteration and the hash runs several times slower.
// 124 is "|", the separator of recipientKey's fields.

/** The 52-bit hash of an identity already computed with `recipientKey`. */
export function hashRecipientKey(key: string): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 16777619) >>> 0;
    h2 = Math.imul(h2 ^ c, 2246822519) >>> 0;
  }
  return (h1 & 0xfffff) * 2 ** 32 + h2;
}

/**
 * A 52-bit FNV-1a hash of a recipient's identity, a safe integer, always equal to
 * `hashRecipientKey(recipientKey(r))`: one number a recipient to find repeats (see `HashSet52`)
 * and to record a set of recipients compactly. Equal recipients always hash equal; confirm a match
 * with the full key where it matters.
 *
 * The common case is hashed field by field, lower-cased as it goes, without building the key. A
 * field takes recipientKey's path when it is not a string, holds non-ASCII (Unicode case, folding
 * or spaces; a ZIP past its fifth character too), white space at its edge, doubled or other than a
 * space, or a "|" or "\\" (escaped there).
 */
export function recipientHash(r: Pick<LettrLabs.Recipient, "address" | "personal">): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let f = 0; f < 8; f++) {
    if (f > 0) {
      h1 = Math.imul(h1 ^ 124, 16777619) >>> 0;
      h2 = Math.imul(h2 ^ 124, 2246822519) >>> 0;
    }
    const value = field(r, f);
    if (value === undefined || value === null) continue;
    if (typeof value !== "string") return hashRecipientKey(recipientKey(r));
    // recipientKey keeps the ZIP's first 5 characters (the API may add ZIP+4), folded first when
    // it holds more than ASCII.
    const n = f === 7 && value.length > 5 ? 5 : value.length;
    if (n < value.length && BEYOND_ASCII.test(value)) return hashRecipientKey(recipientKey(r));
    let space = false;
    for (let i = 0; i < n; i++) {
      let c = value.charCodeAt(i);
      if (c > 126 || c === 124 /* "|" */ || c === 92 /* "\\" */) return hashRecipientKey(recipientKey(r));
      if (c <= 32) {
        if (c !== 32 || space || i === 0 || i === n - 1) return hashRecipientKey(recipientKey(r));
        space = true;
      } else {
        space = false;
        if (c >= 65 && c <= 90) c += 32;
      }
      h1 = Math.imul(h1 ^ c, 16777619) >>> 0;
      h2 = Math.imul(h2 ^ c, 2246822519) >>> 0;
    }
  }
  return (h1 & 0xfffff) * 2 ** 32 + h2;
}

/**
 * The hashes orderkit 0.1.0 may have recorded for this person, which did not fold Unicode forms:
 * empty when every identity field is ASCII (found without hashing). Otherwise the first is 0.1.0's
 * hash of the person as written here (`hashRecipientKey(unfoldedRecipientKey(r))`, which may equal
 * `now`), then its hashes of the person written composed (NFC) and decomposed (NFD), where they
 * differ from `now` (today's `recipientHash(r)`) and from each other: an earlier list may have come
 * from another export of the same people. Lets a send recognise the people 0.1.0 recorded.
 */
export function earlierRecipientHashes(
  r: Pick<LettrLabs.Recipient, "address" | "personal">,
  now: number = recipientHash(r),
): readonly number[] {
  let beyond = false;
  for (let f = 0; f < 8 && !beyond; f++) {
    const value = field(r, f);
    beyond = value !== undefined && value !== null && BEYOND_ASCII.test(String(value));
  }
  if (!beyond) return [];
  const out: number[] = [];
  for (const key of unfoldedRecipientKeys(r)) {
    const h = hashRecipientKey(key);
    if (out.length === 0 || (h !== now && !out.includes(h))) out.push(h);
  }
  return out;
}

/**
 * A 52-bit hash of a recipient's identity for finding repeats within one append (`PendingRows`),
 * equal for recipients whose `recipientKey` is equal: its fields are hashed each alone, as the key
 * writes them (lower-cased, `|` and `\` escaped), and the eight hashes combined in the key's order.
 * So a row's fields can be hashed in the order the row holds them, as they are written and
 * checked (`writeValidRecipient`, which hashes nearly every row); this is the way for the rest,
 * from the key. Not the hash the CLI records (`recipientHash`). Found equal, two rows are still
 * compared by their keys.
 */
export function bulkIdentityHash(r: Pick<LettrLabs.Recipient, "address" | "personal">): number {
  const key = recipientKey(r);
  let c1 = 0x811c9dc5;
  let c2 = 0x01000193;
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i <= key.length; i++) {
    const c = i < key.length ? key.charCodeAt(i) : 124;
    if (c === 124 /* "|": the next field */) {
      c1 = Math.imul(c1 ^ h1, 16777619);
      c2 = Math.imul(c2 ^ h2, 2246822519);
      h1 = 0x811c9dc5;
      h2 = 0x01000193;
      continue;
    }
    h1 = Math.imul(h1 ^ c, 16777619);
    h2 = Math.imul(h2 ^ c, 2246822519);
    // An escaped character belongs to the field, whatever it is.
    if (c === 92 /* "\\" */ && i + 1 < key.length) {
      const next = key.charCodeAt(++i);
      h1 = Math.imul(h1 ^ next, 16777619);
      h2 = Math.imul(h2 ^ next, 2246822519);
    }
  }
  return finishBulkHash(c1, c2);
}

/**
 * `bulkIdentityHash` from eight field hashes (`lanes[2f]`, `lanes[2f + 1]` for field `f`, in the
 * key's order), each made as it makes them.
 */
export function combineFieldHashes(lanes: Int32Array): number {
  let c1 = 0x811c9dc5;
  let c2 = 0x01000193;
  for (let f = 0; f < 16; f += 2) {
    c1 = Math.imul(c1 ^ (lanes[f] as number), 16777619);
    c2 = Math.imul(c2 ^ (lanes[f + 1] as number), 2246822519);
  }
  return finishBulkHash(c1, c2);
}

/** Two 32-bit lanes mixed (murmur3's finalizer, so that a table's slot bits are well spread) into 52 bits. */
function finishBulkHash(c1: number, c2: number): number {
  return (fmix(c1) & 0xfffff) * 2 ** 32 + (fmix(c2) >>> 0);
}

function fmix(x: number): number {
  let h = x ^ (x >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
