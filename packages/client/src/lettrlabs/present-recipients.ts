import type { LettrLabs } from "@orderkit/types";
import { jsonCopy, jsonWrites } from "../core/json-copy.js";
import { BEYOND_ASCII, folded, recipientKey } from "./recipient-key.js";

// Written out as plain data: a computed list would be kept in every bundle of the package.
/**
 * The fields compared between a recipient an order holds and the one about to be sent as the same
 * person (same `recipientKey`): the mail-merge text a card prints, which LettrLabs keeps as given.
 * Compared exactly, but for white space at either end: a value edited, cleared or filled in since
 * is a difference (a field LettrLabs would leave out of its answer would stop every resumed send,
 * never let a mixed one through). Left out: the identity itself (compared by the key), and fields
 * LettrLabs may fill or rewrite: ZIP+4, delivery point, country, DPV code, delivery status, full
 * address, radius pins, and, plausibly, the QR URL (a tracking link), images (re-hosted) and the
 * return address (standardised), as well as any undocumented field a caller adds.
 */
export const COMPARED_FIELDS: readonly string[] = [
  "personal.salutation",
  "metadata.custom1",
  "metadata.custom2",
  "metadata.custom3",
  "metadata.custom4",
  "metadata.custom5",
  "metadata.custom6",
  "metadata.text",
  "metadata.text2",
];
// A person's print: a 26-bit hash of every compared field, then a 3-bit tag of each field's own
// (27 bits), one safe integer. The print decides; the tags name the fields that differ.
const TAG_BITS = 134217728; // 2 ** 27, written out: an expression would be kept in every bundle
/** Two sightings of one person that disagree, or one read that saw them twice (two rows). */
const MIXED = -1;

/** `o[name]` when JSON writes it (own and enumerable), else undefined. */
function sentField(o: unknown, name: string): unknown {
  return jsonWrites(o, name) ? (o as Record<string, unknown>)[name] : undefined;
}

function fieldValue(r: LettrLabs.Recipient, field: string): string {
  const [group, name] = field.split(".") as [string, string];
  // Only what JSON sends, as it writes it: a row the bulk path sent may hold a merge field JSON
  // leaves out (not enumerable, a function) or writes otherwise (NaN as null, a Date as its text).
  const given = sentField(sentField(r, group), name);
  const value = typeof given === "string" || given == null ? given : jsonCopy(given);
  // Text as sent; anything else a server may answer (a number, an object) as it would print. One
  // Unicode form (NFC): "é" as one character or as "e" and an accent prints the same.
  if (value === null || value === undefined) return "";
  const text = (typeof value === "object" ? JSON.stringify(value) : String(value)).trim();
  return BEYOND_ASCII.test(text) ? folded(text, "NFC") : text;
}

/** FNV-1a of `value`'s length, then of its characters, from `h` (the length keeps fields apart). */
function fnv(h: number, value: string): number {
  h = Math.imul(h ^ value.length, 16777619) >>> 0;
  for (let i = 0; i < value.length; i++) h = Math.imul(h ^ value.charCodeAt(i), 16777619) >>> 0;
  return h;
}

/** The print of `r`: the hash of all compared fields, and each field's tag. */
function printOf(r: LettrLabs.Recipient): number {
  let all = 0x811c9dc5;
  let tags = 0;
  for (let f = 0; f < COMPARED_FIELDS.length; f++) {
    const value = fieldValue(r, COMPARED_FIELDS[f] as string);
    all = fnv(all, value);
    tags = tags * 8 + (fnv(0x811c9dc5, value) & 7);
  }
  return (all >>> 6) * TAG_BITS + tags;
}

/**
 * The recipients an order holds, as a read-back saw them (`recipients.present`): who (their
 * `recipientKey`) and, compactly, what their mail-merge text says (`COMPARED_FIELDS`). A row about
 * to be sent as someone the order holds is compared with them (`differs`).
 */
export class PresentRecipients {
  readonly #byKey = new Map<string, number>();

  /**
   * Records a recipient a read saw. `again`: seen by a second read of the same list (a first read
   * sees each row once, so a person it sees twice is on the order twice, whatever their text).
   */
  add(r: LettrLabs.Recipient, again = false): void {
    const print = printOf(r);
    const key = recipientKey(r);
    const seen = this.#byKey.get(key);
    this.#byKey.set(key, seen === undefined || (again && seen === print) ? print : MIXED);
  }

  /** People held. */
  get size(): number {
    return this.#byKey.size;
  }

  /** Whether the order holds this person (`recipientKey`). */
  has(key: string): boolean {
    return this.#byKey.has(key);
  }

  /** The identities (`recipientKey`) of the people held. */
  keys(): IterableIterator<string> {
    return this.#byKey.keys();
  }

  /**
   * Undefined when the order holds this person with the mail-merge text `r` has, or does not hold
   * them; otherwise the fields that differ (all compared fields when it cannot tell which), or an
   * empty list when the order holds the person twice (two rows, or two spellings of one name). `key`:
   * `recipientKey(r)`, when already computed.
   */
  differs(r: LettrLabs.Recipient, key: string = recipientKey(r)): string[] | undefined {
    const held = this.#byKey.get(key);
    if (held === undefined) return undefined;
    if (held === MIXED) return [];
    const print = printOf(r);
    // The whole print decides (53 bits); its tags then name the fields whose own tag differs.
    if (print === held) return undefined;
    const named = COMPARED_FIELDS.filter(
      (_, f) => Math.floor(print / 8 ** (8 - f)) % 8 !== Math.floor(held / 8 ** (8 - f)) % 8,
    );
    return named.length > 0 ? named : [...COMPARED_FIELDS];
  }
}
