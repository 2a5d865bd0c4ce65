import type { LettrLabs } from "@orderkit/types";
import { HashSet52 } from "../core/hash-set-52.js";
import {
  forInIsOwn,
  hasToJSON,
  type JsonBytes,
  jsonBytes,
  writeByte,
  writeText,
} from "../core/json-bytes.js";
import { NOT_WRITTEN, writeValidRecipient } from "./recipient-bytes.js";
import { bulkIdentityHash } from "./recipient-hash.js";
import { recipientKey } from "./recipient-key.js";
import { recipientProblems } from "./recipient-validation.js";
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
    let recipient: LettrLabs.Recipient | undefined;
    // Only called when the hash matches an earlier row's: confirms it with the full identity. An
    // earlier row that cannot be read again (a getter that throws now) is taken at its hash: this
    // row is its repeat, as it is with a probability of 1 - 2^-52.
    const sameRecipient = (earlier: number) => {
      const key = recipientKey(recipient as LettrLabs.Recipient);
      try {
        return recipientKey(recipients[earlier] as LettrLabs.Recipient) === key;
      } catch {
        return true;
      }
    };
    // Rows are written here even when no body is kept (`take`): that is how they are checked and
    // hashed. Each body is a copy of these bytes: the scratch is written over by the next chunk.
    const b = this.#scratch;
    b.length = 0;
    // A list JSON writes as something else (a toJSON on Array.prototype) is left to the serializer.
    let keep = write && !hasToJSON(rows);
    const fast = forInIsOwn();
    if (keep) writeText(b, BODY_START);
    while (rows.length < size && this.#next < recipients.length) {
      const index = this.#next++;
      const mark = b.length;
      // Every read of the row (the list's own read included) happens in here, before the row is
      // entered in the table of rows seen: one that throws is refused, never seen, never sent.
      let json: string | undefined;
      try {
        recipient = recipients[index] as LettrLabs.Recipient;
        if (keep && rows.length > 0) writeByte(b, 44 /* , */);
        let hash = fast ? writeValidRecipient(b, recipient, this.#lanes) : NOT_WRITTEN;
        const written = hash !== NOT_WRITTEN;
        if (!written || !keep) b.length = mark;
        if (!written) {
          const problem = recipientProblems(recipient)?.[0];
          if (problem) {
            summary.rejected.push({ index, reason: problem.code, field: problem.field });
            continue;
          }
          // Valid, written otherwise than the common case (a number, a class): as JSON writes it.
          const item = unnumbered(recipient);
          if (keep) {
            json = jsonOf(item);
            if (json === undefined) keep = false;
          }
        }
        if (hash < 0) hash = bulkIdentityHash(recipient);
        const earlier = this.#seen.addOrFind(hash, index, sameRecipient);
        if (earlier !== -1) {
          b.length = mark;
          summary.duplicates.push({ index, duplicateOf: earlier });
          continue;
        }
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
      rows.push(index);
    }
    summary.sent += rows.length;
    // A getter may have changed what JSON writes meanwhile (a field on Object.prototype, a toJSON
    // on Array.prototype): the body is then left to the list's serializer.
    if (keep && (fast !== forInIsOwn() || hasToJSON(rows))) keep = false;
    if (!keep) return { rows, body: undefined };
    writeText(b, "]}");
    return { rows, body: b.out.slice(0, b.length) };
  }
}

/**
 * `item` as JSON.stringify writes it in a list; undefined when it cannot be written alone: it has
 * a `toJSON` (given its index in the list), or JSON throws (a BigInt, a cycle: the list's
 * serializer throws it again when the chunk is sent, an argument error).
 */
function jsonOf(item: unknown): string | undefined {
  if (hasToJSON(item)) return undefined;
  try {
    return JSON.stringify(item) ?? "null";
  } catch {
    return undefined;
  }
}
