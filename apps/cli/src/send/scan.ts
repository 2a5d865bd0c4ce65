import { createHash } from "node:crypto";
import { chmod } from "node:fs/promises";
import {
  earlierRecipientHashes,
  identityField,
  type LettrLabs,
  recipientHash,
  recipientKey,
} from "@orderkit/client";
import { stringify } from "csv-stringify";
import { type CsvRow, readRecipients } from "../csv/read.js";
import { escapeFormula } from "../csv/rejects.js";
import { UsageError } from "../errors.js";
import { outputStream } from "../output-file.js";
import { HashList } from "./hash-list.js";
import { RowHashes } from "./row-hashes.js";

/** What the validation pass found in the CSV. */
export interface CsvScan {
  rows: number;
  valid: number;
  /** Data-row indexes not to send (invalid or duplicate). */
  skip: Set<number>;
  invalid: { line: number; problems: string[] }[];
  invalidCount: number;
  duplicates: { line: number }[];
  duplicateCount: number;
  ignoredColumns: string[];
  /** Rows with more cells than the header (the extra cells are ignored). */
  extraCellRows: number;
  /** The distinct recipients' 52-bit hashes, sorted: the send's recipient set in the ledger. */
  hashes: Float64Array;
  /**
   * The other hashes orderkit 0.1.0 may have recorded for the valid rows' people (a name with an
   * accent: 0.1.0 did not fold its two Unicode spellings): of each such row written in the other
   * form, where that differs from today's hash and from the row as written (`earlierHashes` holds
   * those). Sorted, distinct; empty for an ASCII list. See `earlierRecipientHashes`. Eight bytes a
   * row, not a pair of hashes: which person one of them stands for is found again by reading the
   * file, in the rare send that meets one in another send's records (`sharedPeople`).
   */
  others: Float64Array;
  /**
   * Some valid row's person orderkit 0.1.0 may have keyed otherwise than this version (it did not
   * fold Unicode forms): a field of their identity holds a character beyond ASCII, or a `;` or a
   * `` ` ``, which U+037E and U+1FEF fold to.
   */
  keyedOtherwiseBy010: boolean;
  /** `digest` as orderkit 0.1.0 computed it for this file, when that differs: its entry's key. */
  earlierDigest?: string;
  /** The distinct hashes `earlierDigest` is the SHA-256 of: what 0.1.0's recipients file holds. */
  earlierHashes?: Float64Array;
  /**
   * orderkit 0.1.0 counted more people in this file than this version does: it holds someone
   * twice, in the two Unicode spellings of a name, which 0.1.0 took for two people (and sent both).
   */
  apartFor010?: boolean;
  /**
   * What this send's recipients file holds (SHA-256: the entry's `recipientsDigest`): `hashes`,
   * or `earlierHashes` for a send that goes on with the entry 0.1.0 made.
   */
  recorded: Float64Array;
  /** SHA-256 of `hashes`: the same people give the same digest, whatever the file, order or line endings. */
  digest: string;
  /** SHA-256 of the rows in file order (which rows sit at which index). */
  rowOrderDigest: string;
  /** Each row as this scan read it: a later read of the file is checked against it, row by row. */
  rowHashes: RowHashes;
  /** What the rows to send hold, every field, whatever their order (RowHashes.contentDigest). */
  contentDigest: string;
}

const LISTED = 1000;
const NONE: readonly number[] = [];

/** A character beyond ASCII, or what the two that NFC folds to ASCII (U+037E, U+1FEF) fold to. */
const KEYED_OTHERWISE = /[^\0-\x7f]|[;`]/;

/**
 * orderkit 0.1.0 may have keyed this person otherwise than today (see `keyedOtherwiseBy010`): one
 * pass over the identity fields. Without a character beyond ASCII, `earlierRecipientHashes` is
 * empty, so an ASCII row needs no other pass.
 */
function keyedOtherwise(r: LettrLabs.Recipient): boolean {
  for (let f = 0; f < 8; f++) {
    const value = identityField(r, f);
    if (value !== undefined && value !== null && KEYED_OTHERWISE.test(String(value))) return true;
  }
  return false;
}

/**
 * Validation pass over the CSV: counts rows, validates each, finds repeated rows and writes
 * rejected rows to `rejectsPath` (mode 0600, formula cells escaped) when given. Nothing is sent.
 * Repeats are found by sorting the rows' 52-bit hashes (8 bytes a row), then confirmed by comparing the full
 * identity in a second pass over only the rows whose hash repeated: a hash collision never drops a
 * distinct recipient.
 */
export async function scanCsv(
  path: string,
  map: Record<string, string>,
  rejectsPath?: string,
  hashOf: (r: LettrLabs.Recipient) => number = recipientHash,
): Promise<CsvScan> {
  const scan: CsvScan = {
    rows: 0,
    valid: 0,
    skip: new Set(),
    invalid: [],
    invalidCount: 0,
    duplicates: [],
    duplicateCount: 0,
    ignoredColumns: [],
    extraCellRows: 0,
    hashes: new Float64Array(0),
    others: new Float64Array(0),
    keyedOtherwiseBy010: false,
    recorded: new Float64Array(0),
    digest: "",
    rowOrderDigest: "",
    rowHashes: new RowHashes(),
    contentDigest: "",
  };
  const seen = new HashList();
  // The valid rows' hashes as 0.1.0 gave them, kept from the first row whose hash differs.
  let asWritten: HashList | undefined;
  const others = new HashList();
  const order = createHash("sha256");
  const orderBuffer = new Float64Array(512);
  let orderFill = 0;
  let rejects: ReturnType<typeof stringify> | undefined;
  let done: Promise<void> | undefined;
  for await (const row of readRecipients(path, {
    map,
    onHeader: (mapping, headers) => {
      scan.ignoredColumns = mapping.ignored;
      if (rejectsPath) {
        rejects = stringify({ header: true, columns: [...headers, "error"] });
        const out = outputStream(rejectsPath);
        rejects.pipe(out);
        done = new Promise((resolve, reject) => {
          out.on("finish", () => resolve());
          out.on("error", reject);
        });
      }
    },
  })) {
    scan.rows++;
    scan.rowHashes.push(row.problems.length > 0 ? undefined : row.recipient);
    if (row.extraCells) scan.extraCellRows++;
    const hash = row.problems.length > 0 ? -1 : hashOf(row.recipient);
    orderBuffer[orderFill++] = hash;
    if (orderFill === orderBuffer.length) {
      order.update(new Uint8Array(orderBuffer.buffer));
      orderFill = 0;
    }
    if (row.problems.length > 0) {
      scan.invalidCount++;
      scan.skip.add(row.index);
      if (scan.invalid.length < LISTED) scan.invalid.push({ line: row.line, problems: row.problems });
      rejects?.write([...row.cells.map(escapeFormula), row.problems.join("; ")]);
      continue;
    }
    scan.valid++;
    const otherwise = keyedOtherwise(row.recipient);
    const before = otherwise ? earlierRecipientHashes(row.recipient, hash) : NONE;
    if (otherwise) scan.keyedOtherwiseBy010 = true;
    const written = before.length > 0 ? (before[0] as number) : hash;
    // Started at the first row 0.1.0 hashed otherwise, with the rows before it (hashed alike).
    if (written !== hash && !asWritten) asWritten = seen.copy();
    asWritten?.push(written);
    seen.push(hash);
    // The row in the other Unicode form (as written and today's hash are the first two lists').
    for (let k = 1; k < before.length; k++) others.push(before[k] as number);
  }
  rejects?.end();
  await done;
  if (rejectsPath && rejects) await chmod(rejectsPath, 0o600);
  order.update(new Uint8Array(orderBuffer.buffer, 0, orderFill * 8));
  scan.rowOrderDigest = order.digest("hex");
  const { distinct, repeated } = seen.finish();
  if (repeated.size > 0) await confirmDuplicates(path, map, repeated, scan, hashOf);
  scan.contentDigest = scan.rowHashes.contentDigest(scan.skip);
  scan.hashes = distinct;
  scan.recorded = distinct;
  scan.others = others.finish().distinct;
  if (asWritten) {
    const { distinct: before } = asWritten.finish();
    scan.earlierHashes = before;
    scan.apartFor010 = before.length > distinct.length;
    scan.earlierDigest = createHash("sha256")
      .update(new Uint8Array(before.buffer, before.byteOffset, before.byteLength))
      .digest("hex");
  }
  scan.digest = createHash("sha256")
    .update(new Uint8Array(distinct.buffer, distinct.byteOffset, distinct.byteLength))
    .digest("hex");
  return scan;
}

/** Second pass over rows whose hash repeated: a row is a duplicate only when its full identity was seen before. */
async function confirmDuplicates(
  path: string,
  map: Record<string, string>,
  repeated: ReadonlySet<number>,
  scan: CsvScan,
  hashOf: (r: LettrLabs.Recipient) => number,
): Promise<void> {
  const keys = new Map<number, Set<string>>();
  // Which rows repeat is decided on the file as the first pass read it.
  const changed = (what: string) =>
    new UsageError(
      `${path} changed while it was being checked (${what}); nothing was sent. Run the command again once the file is saved.`,
    );
  for await (const row of readAgain(path, map, scan, changed)) {
    if (row.problems.length > 0) continue;
    const hash = hashOf(row.recipient);
    if (!repeated.has(hash)) continue;
    const key = recipientKey(row.recipient);
    let group = keys.get(hash);
    if (!group) {
      group = new Set();
      keys.set(hash, group);
    }
    if (!group.has(key)) {
      group.add(key);
      continue;
    }
    scan.duplicateCount++;
    scan.valid--;
    scan.skip.add(row.index);
    if (scan.duplicates.length < LISTED) scan.duplicates.push({ line: row.line });
  }
}

/**
 * The rows of the scanned file read again, each checked against the row the scan read (its
 * RowHashes) before it is yielded, and their count at the end: a row that differs, or more or
 * fewer rows, throw `changed(what)`. Every later read of a send's CSV goes through here.
 */
export async function* readAgain(
  path: string,
  map: Record<string, string>,
  scan: Pick<CsvScan, "rows" | "rowHashes">,
  changed: (what: string) => Error,
): AsyncGenerator<CsvRow, void, undefined> {
  let rows = 0;
  const reading = readRecipients(path, { map });
  try {
    for (;;) {
      let next: IteratorResult<CsvRow>;
      try {
        next = await reading.next();
      } catch (error) {
        // The scan read this file whole: one that cannot be read now has changed (or its disk failed).
        if ((error as { name?: string }).name !== "CsvError") throw error;
        const reason = (error as Error).message.replace(/ Nothing was sent\.$/, "").replace(/\.$/, "");
        throw changed(`it can no longer be read: ${reason}`);
      }
      if (next.done) break;
      const row = next.value;
      rows++;
      if (!scan.rowHashes.matches(row.index, row.problems.length > 0 ? undefined : row.recipient))
        throw changed(`line ${row.line} is not what was checked`);
      yield row;
    }
  } finally {
    // Stopped early (a row that differs, a caller's break): the file is closed.
    await reading.return(undefined);
  }
  if (rows !== scan.rows) throw changed(`it now has ${rows} rows, not the ${scan.rows} checked`);
}
