import type { LettrLabs } from "@orderkit/types";
import { HashSet52 } from "../core/hash-set-52.js";
import {
  forInIsOwn,
  hasToJSON,
  isPlainObject,
  type JsonBytes,
  jsonBytes,
  writeByte,
  writeText,
} from "../core/json-bytes.js";
import { jsonWrites } from "../core/json-copy.js";
import { NOT_WRITTEN, writeValidRecipient } from "./recipient-bytes.js";
import { bulkIdentityHash } from "./recipient-hash.js";
import { recipientKey } from "./recipient-key.js";
import { GROUP_FIELDS, recipientProblems } from "./recipient-validation.js";
import type { AppendSummary } from "./recipients.js";

/** Rows an append takes at a time, and the body that sends them. */
export interface TakenChunk {
  /** Indexes of the rows, in the input. */
  rows: number[];
  /**
   * `{"recipients":[...]}` for those rows as `JSON.stringify` writes them without their ids, in
   * UTF-8: the body that sends them. Undefined when the list must be serialized whole (a row, or
   * the list, with a `toJSON`; a row JSON cannot write, which throws when it is sent).
   */
  body: Uint8Array<ArrayBuffer> | undefined;
}

/**
 * A recipient as sent: without an `id` (one read back from an order carries the server's; the API
 * numbers the recipients it adds, and an old id could name a recipient of another order).
 */
export function unnumbered(r: LettrLabs.Recipient): LettrLabs.Recipient {
  if (r.id === undefined) return r;
  const { id: _, ...rest } = r;
  return rest;
}

const BODY_START = '{"recipients":[';
/** The reason of a row refused because reading it threw. */
const UNREADABLE = "UNREADABLE";

/**
 * Picks the recipients to send, lazily: valid, and not repeating an earlier one (by full identity,
 * `recipientKey`). Rows are checked as chunks are taken, so the first request leaves at once and
 * checking the next rows overlaps the requests in flight. Repeats are found by a 52-bit hash in a
 * compact table and confirmed with the full identity, so a hash collision never drops a recipient.
 * Rejected and repeated rows go to the summary as they are found.
 *
 * `takeChunk` also writes the chunk's body as it checks the rows: a row of the common case is
 * checked, hashed and written in one walk over its fields (`writeValidRecipient`), each field read
 * once there, so what is sent is what was checked. A repeat is confirmed by reading both rows'
 * identity again (`recipientKey`), as rows of the plain path are read once for each step: a getter
 * that answers differently each time can still be compared as another value than it was sent as.
 * Repeats are confirmed once their batch (up to 1,024 rows) has been walked: a getter that changes
 * another row, or the list, as it is read can make a repeat in its batch look new (sent twice).
 * Rows are data: such getters are not supported.
 */
export class PendingRows {
  #next = 0;
  readonly #recipients: readonly LettrLabs.Recipient[];
  readonly #summary: AppendSummary;
  readonly #seen: HashSet52;
  /** Scratch for the field hashes of `writeValidRecipient`. */
  readonly #lanes = new Int32Array(16);
  /** Where rows are written, kept from one chunk to the next. */
  readonly #scratch: JsonBytes;
  /** Of each row of a batch (`#walk`): its hash, its object and where its bytes start (one more: the end). */
  readonly #hashes = new Float64Array(BATCH);
  readonly #objects: (LettrLabs.Recipient | undefined)[] = new Array(BATCH).fill(undefined);
  readonly #starts = new Int32Array(BATCH + 1);
  /**
   * Rows the validator and the key would read otherwise than JSON writes them (`readOtherwise`), by
   * index: the copy of what JSON writes of each, taken once (`rowAt`). Rare rows: a list of plain
   * data keeps none, whichever path writes it.
   */
  #copies: Map<number, LettrLabs.Recipient> | undefined;

  constructor(recipients: readonly LettrLabs.Recipient[], summary: AppendSummary) {
    this.#recipients = recipients;
    this.#summary = summary;
    this.#seen = new HashSet52(recipients.length);
    // Room for a chunk of a thousand rows of ~135 bytes; it grows as needed.
    this.#scratch = jsonBytes(Math.min(recipients.length, 1000) * 160 + 64);
  }

  /** Rows not checked yet. */
  get unchecked(): number {
    return this.#recipients.length - this.#next;
  }

  /**
   * The row at `index` as it was checked and sent: the list's own, whose groups and name and
   * address fields are what JSON sends (a row the fast path wrote is so, and one of the plain path
   * that is not is copied); for a row read otherwise (`readOtherwise`), the copy of what JSON wrote
   * of it without its `id`, taken once when it was checked (a `toJSON` read again could answer
   * otherwise). Only for rows already checked and not refused. The list's rows are read again
   * through it (a repeat's confirmation, a read-back): rows must not change while an append runs.
   */
  rowAt(index: number): LettrLabs.Recipient {
    return this.#copies?.get(index) ?? (this.#recipients[index] as LettrLabs.Recipient);
  }

  /** The indexes of up to `size` more recipients to send; empty once every row has been checked. */
  take(size: number): number[] {
    return this.#take(size, false).rows;
  }

  /** `take(size)`, with the body that sends those rows. */
  takeChunk(size: number): TakenChunk {
    return this.#take(size, true);
  }

  #take(size: number, write: boolean): TakenChunk {
    const recipients = this.#recipients;
    const summary = this.#summary;
    const rows: number[] = [];
    // Rows are written here even when no body is kept (`take`): that is how they are checked and
    // hashed. Each body is a copy of these bytes: the scratch is written over by the next chunk.
    const b = this.#scratch;
    b.length = 0;
    // A list JSON writes as something else (a toJSON on Array.prototype) is left to the serializer.
    let keep = write && !hasToJSON(rows);
    const fast = forInIsOwn();
    if (keep) writeText(b, BODY_START);
    while (rows.length < size && this.#next < recipients.length) {
      // Up to BATCH rows are checked, hashed and written (`#walk`), then looked up in the table of
      // rows seen together (`#dedupe`): a tight loop of lookups overlaps their cache misses, where
      // one lookup per row in the walk waited for each (a 3 MB table for 100k rows, read at random).
      const from = rows.length;
      keep = this.#walk(Math.min(size - from, BATCH), rows, b, keep, fast);
      this.#dedupe(rows, from, b, keep);
    }
    summary.sent += rows.length;
    // A getter may have changed what JSON writes meanwhile (a field on Object.prototype, a toJSON
    // on Array.prototype): the body is then left to the list's serializer.
    if (keep && (fast !== forInIsOwn() || hasToJSON(rows))) keep = false;
    if (!keep) return { rows, body: undefined };
    writeText(b, "]}");
    return { rows, body: b.out.slice(0, b.length) };
  }

  /**
   * Checks, hashes and writes up to `count` more rows that are not refused, adding them to `rows`
   * (their hashes, objects and bytes' starts in the batch's scratch). Returns whether the body is
   * still kept.
   */
  #walk(count: number, rows: number[], b: JsonBytes, keep: boolean, fast: boolean): boolean {
    const recipients = this.#recipients;
    const summary = this.#summary;
    const hashes = this.#hashes;
    const objects = this.#objects;
    const starts = this.#starts;
    let n = 0;
    while (n < count && this.#next < recipients.length) {
      const index = this.#next++;
      const mark = b.length;
      // Every read of the row (the list's own read included) happens in here or in `#dedupe`,
      // before the row is entered in the table of rows seen: one that throws is refused, never
      // seen, never sent.
      let recipient: LettrLabs.Recipient;
      let hash: number;
      let json: string | undefined;
      try {
        recipient = recipients[index] as LettrLabs.Recipient;
        if (keep && rows.length > 0) writeByte(b, 44 /* , */);
        hash = fast ? writeValidRecipient(b, recipient, this.#lanes) : NOT_WRITTEN;
        const written = hash !== NOT_WRITTEN;
        if (!written || !keep) b.length = mark;
        if (!written) {
          // A row the validator and the key would read otherwise than JSON writes it (a toJSON, a
          // class, a field JSON leaves out) is taken as JSON writes it without its id, once: that
          // copy is checked, hashed, compared, read back and sent (`rowAt`). Any other is checked
          // as it is. A row JSON cannot write (a BigInt, a cycle) is refused (UNREADABLE); a row
          // that is not an object is refused as it is.
          const copied = readOtherwise(recipient);
          const sent = sentText(recipient);
          if (copied) recipient = JSON.parse(sent as string) as LettrLabs.Recipient;
          const problem = recipientProblems(recipient)?.[0];
          if (problem) {
            summary.rejected.push({ index, reason: problem.code, field: problem.field });
            continue;
          }
          if (copied) {
            this.#copies ??= new Map();
            this.#copies.set(index, recipient);
          }
          // Valid, written otherwise than the common case (a number, a class): as JSON writes it.
          if (keep) json = sent;
        }
        if (hash < 0) hash = bulkIdentityHash(recipient);
      } catch {
        // Reading the row threw (a getter, a Proxy): refused like an invalid row, never sent, and
        // the rows taken before it are kept (a throw out of here would lose them).
        b.length = mark;
        summary.rejected.push({ index, reason: UNREADABLE });
        continue;
      }
      if (keep && json !== undefined) {
        if (rows.length > 0) writeByte(b, 44 /* , */);
        writeText(b, json);
      }
      hashes[n] = hash;
      objects[n] = recipient;
      starts[n] = mark;
      n++;
      rows.push(index);
    }
    starts[n] = b.length;
    return keep;
  }

  /**
   * Looks the rows the last `#walk` added (`rows[from..]`) up in the table of rows seen, in order:
   * a repeat of an earlier row (confirmed by the full identity) goes to `duplicates` and leaves
   * `rows` and the body; a row that cannot be read again to confirm one goes to `rejected` (after
   * the rows its batch refused in the walk: the append sorts `rejected` by index when it ends).
   * Each row is entered once it is known new.
   */
  #dedupe(rows: number[], from: number, b: JsonBytes, keep: boolean): void {
    const summary = this.#summary;
    const seen = this.#seen;
    const hashes = this.#hashes;
    const objects = this.#objects;
    const count = rows.length - from;
    let recipient: LettrLabs.Recipient | undefined;
    // Only called when the hash matches an earlier row's: confirms it with the full identity. An
    // earlier row that cannot be read again (a getter that throws now) is taken at its hash: this
    // row is its repeat, as it is with a probability of 1 - 2^-52.
    const sameRecipient = (earlier: number) => {
      const key = recipientKey(recipient as LettrLabs.Recipient);
      try {
        return recipientKey(this.rowAt(earlier)) === key;
      } catch {
        return true;
      }
    };
    // The common case: no row repeats, and nothing is moved.
    let dropped = 0;
    for (let k = 0; k < count; k++) {
      const index = rows[from + k] as number;
      recipient = objects[k];
      let earlier: number;
      try {
        earlier = seen.addOrFind(hashes[k] as number, index, sameRecipient);
      } catch {
        summary.rejected.push({ index, reason: UNREADABLE });
        hashes[k] = -1;
        dropped++;
        continue;
      }
      if (earlier === -1) continue;
      summary.duplicates.push({ index, duplicateOf: earlier });
      hashes[k] = -1;
      dropped++;
    }
    objects.fill(undefined, 0, count);
    if (dropped > 0) this.#drop(rows, from, count, b, keep);
  }

  /** Takes the rows marked -1 in `#hashes` out of `rows[from..]` and, when `keep`, their bytes out of the body. */
  #drop(rows: number[], from: number, count: number, b: JsonBytes, keep: boolean): void {
    const hashes = this.#hashes;
    const starts = this.#starts;
    const out = b.out;
    // Each row's bytes run from its start (its comma before it, but for the body's first row) to
    // the next one's; kept rows move down over the dropped ones, with a comma before each but the
    // body's first.
    let at = starts[0] as number;
    let kept = from;
    for (let k = 0; k < count; k++) {
      if ((hashes[k] as number) === -1) continue;
      rows[kept] = rows[from + k] as number;
      if (keep) {
        let start = starts[k] as number;
        const end = starts[k + 1] as number;
        if (start < end && out[start] === 44 /* , */) start++;
        if (kept > 0) out[at++] = 44;
        out.copyWithin(at, start, end);
        at += end - start;
      }
      kept++;
    }
    rows.length = kept;
    if (keep) b.length = at;
  }
}

/**
 * Whether the validator or the key, which read a row's groups, and its name and address fields, by
 * name, could read it otherwise than JSON writes it: it is not a plain object (a class, a list, a
 * `toJSON`); a group is not a plain object, or is not sent (not enumerable, inherited); a name or
 * address field is not sent, or is not text (JSON writes NaN as null, leaves a function out, and
 * writes what an object's `toJSON` says). Merge fields are read as JSON sends them (own and
 * enumerable). Such a row is taken as its JSON copy.
 */
function readOtherwise(r: LettrLabs.Recipient): boolean {
  if (typeof r !== "object" || r === null) return false;
  // A list or a boxed value JSON writes as itself, whatever fields it carries.
  if (hasToJSON(r) || !isPlainObject(r)) return true;
  for (let g = 0; g < 3; g++) {
    const name = g === 0 ? "personal" : g === 1 ? "address" : "metadata";
    const group: unknown = r[name];
    if (group === undefined) continue;
    if (!jsonWrites(r, name)) return true;
    if ((typeof group !== "object" && typeof group !== "function") || group === null) continue;
    if (!isPlainObject(group)) return true;
    if (g === 2) continue;
    for (const field of GROUP_FIELDS[g] as ReadonlySet<string>) {
      // Text is read as JSON writes it; anything else may not be (NaN and Infinity are written as
      // null, a function not at all, an object as its toJSON says), and the key reads it as text.
      const value = group[field];
      if (value === undefined || value === null) continue;
      if (typeof value !== "string" || !jsonWrites(group, field)) return true;
    }
  }
  return false;
}

/**
 * What JSON writes of a row, as sent: without its `id` (a BigInt id is no obstacle: it is not
 * sent), its `toJSON` applied, what JSON leaves out gone. Undefined for a row that is not an object
 * (refused as it is). Throws when JSON cannot write it (a BigInt, a cycle, a `toJSON` that throws)
 * or writes nothing. An `id` a `toJSON` writes is taken out, and the rest written again.
 */
function sentText(row: LettrLabs.Recipient): string | undefined {
  if (typeof row !== "object" || row === null) return undefined;
  const own = hasToJSON(row);
  const text = JSON.stringify(own ? row : unnumbered(row)) as string | undefined;
  if (text === undefined) throw new TypeError("JSON cannot write this row");
  if (!own || text.charCodeAt(0) !== 123 /* { */) return text;
  const copy = JSON.parse(text) as Record<string, unknown>;
  if (!Object.hasOwn(copy, "id")) return text;
  delete copy.id;
  return JSON.stringify(copy);
}

/** Rows checked before they are looked up in the table of rows seen together. */
const BATCH = 1024;
