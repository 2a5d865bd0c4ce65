import type { LettrLabs } from "@orderkit/types";
import { norm, recipientKey } from "./recipient-key.js";

// Written out as plain data: a computed list would be kept in every bundle of the package.
/**
 * The fields compared between a recipient an order holds and the one about to be sent as the same
 * person (same `recipientKey`): the documented mail-merge fields, which LettrLabs keeps as given.
 * Left out: the identity itself (compared by the key), fields LettrLabs may fill or rewrite
 * (ZIP+4, delivery point, country, DPV code, delivery status, full address, radius pins), and
 * any undocumented field a caller adds.
 */
export const COMPARED_FIELDS: readonly string[] = [
  "personal.salutation",
  "metadata.custom1",
  "metadata.image1",
  "metadata.custom2",
  "metadata.image2",
  "metadata.custom3",
  "metadata.image3",
  "metadata.custom4",
  "metadata.image4",
  "metadata.custom5",
  "metadata.image5",
  "metadata.custom6",
  "metadata.image6",
  "metadata.salutation",
  "metadata.returnTitle",
  "metadata.returnFirstName",
  "metadata.returnLastName",
  "metadata.returnOrganization",
  "metadata.returnAddress1",
  "metadata.returnAddress2",
  "metadata.returnCity",
  "metadata.returnZip",
  "metadata.returnState",
  "metadata.email",
  "metadata.qrUrl",
  "metadata.text",
  "metadata.text2",
];
// 27 fields: a bit each in a mask, beside a 26-bit hash, fit one safe integer.
const HASH_BITS = 67108864; // 2 ** 26, written out: an expression would be kept in every bundle
/** Two sightings of one person that disagree (the order holds them twice, or a read saw an edit). */
const MIXED = -1;

function fieldValue(r: LettrLabs.Recipient, field: string): string {
  const [group, name] = field.split(".") as [string, string];
  return norm((r as unknown as Record<string, Record<string, unknown> | null | undefined>)[group]?.[name]);
}

/** FNV-1a over the fields of `mask`, each value followed by a separator no value holds (0). */
function hashFields(r: LettrLabs.Recipient, mask: number): number {
  let h = 0x811c9dc5;
  for (let f = 0; f < COMPARED_FIELDS.length; f++) {
    if (!(mask & (1 << f))) continue;
    const value = fieldValue(r, COMPARED_FIELDS[f] as string);
    for (let i = 0; i < value.length; i++) h = Math.imul(h ^ value.charCodeAt(i), 16777619) >>> 0;
    h = Math.imul(h ^ 0, 16777619) >>> 0;
  }
  return h % HASH_BITS;
}

/**
 * The recipients an order holds, as a read-back saw them (`recipients.present`): who (their
 * `recipientKey`) and, compactly, what their mail-merge fields say. A row about to be sent as
 * someone the order holds is compared with them (`differs`): only the fields the order holds
 * filled in are compared, case- and space-insensitively, so that a field LettrLabs leaves out of
 * its answer is never taken for a change; a value edited or cleared since is.
 */
export class PresentRecipients {
  readonly #byKey = new Map<string, number>();

  /** Records a recipient the read saw. */
  add(r: LettrLabs.Recipient): void {
    let mask = 0;
    for (let f = 0; f < COMPARED_FIELDS.length; f++)
      if (fieldValue(r, COMPARED_FIELDS[f] as string) !== "") mask |= 1 << f;
    const print = mask * HASH_BITS + hashFields(r, mask);
    const key = recipientKey(r);
    const seen = this.#byKey.get(key);
    this.#byKey.set(key, seen === undefined || seen === print ? print : MIXED);
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
   * The fields in which the order's copy of this person differs from `r` (those compared, when the
   * order holds them twice with different fields); undefined when it holds them as `r` has them,
   * or not at all. `key`: `recipientKey(r)`, when already computed.
   */
  differs(r: LettrLabs.Recipient, key: string = recipientKey(r)): string[] | undefined {
    const print = this.#byKey.get(key);
    if (print === undefined) return undefined;
    if (print === MIXED) return [...COMPARED_FIELDS];
    const mask = Math.floor(print / HASH_BITS);
    if (hashFields(r, mask) === print % HASH_BITS) return undefined;
    return COMPARED_FIELDS.filter((_, f) => mask & (1 << f));
  }
}
