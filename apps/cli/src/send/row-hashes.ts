/**
 * What a CSV held, row by row, when `send` checked it. The send reads its file more than once: the
 * scan validates every row, finds repeats and keys the send (ledger, repeat checks), and the
 * appends read the file again to send it. A file changed in between (saved by an editor, replaced
 * by a script, a pipe that gives nothing the second time) must never be sent on the first read's
 * word: the later reads compare each row with the hash recorded here, and stop at the first that
 * differs, before it is sent.
 *
 * One 32-bit hash a row (4 bytes: 4 MB for a million rows) of the recipient as parsed, which is
 * what is sent, so a change in any field counts, and so does a header that maps the columns
 * otherwise. 0 stands for an invalid row (never sent); a valid row's hash is never 0.
 */
export class RowHashes {
  /** Blocks of BLOCK hashes: growing never copies, so the peak stays at 4 bytes a row. */
  readonly #blocks: Uint32Array[] = [];
  #count = 0;

  /** Rows recorded. */
  get count(): number {
    return this.#count;
  }

  /** Records the next row: its recipient, or undefined for an invalid row. */
  push(recipient: unknown): void {
    const at = this.#count % BLOCK;
    if (at === 0) this.#blocks.push(new Uint32Array(BLOCK));
    (this.#blocks[this.#blocks.length - 1] as Uint32Array)[at] = rowHash(recipient);
    this.#count++;
  }

  /**
   * What the rows the send sends hold, whatever their order: two sums over their hashes (each
   * mixed apart), and their count. The rows are those `skip` leaves (not invalid, not repeats). A
   * send's ledger entry keeps it, so that a file whose rows changed in fields other than the
   * recipients' identity (which keys the send) is not taken for the file the send began with.
   */
  contentDigest(skip: ReadonlySet<number>): string {
    let sum = 0;
    let mixed = 0;
    let rows = 0;
    for (let i = 0; i < this.#count; i++) {
      if (skip.has(i)) continue;
      const h = (this.#blocks[Math.floor(i / BLOCK)] as Uint32Array)[i % BLOCK] as number;
      // Each term is below 2^32 and each sum is kept below 2^52: exact in a double, whatever the rows.
      sum = (sum + h) % 2 ** 52;
      mixed = (mixed + (Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0)) % 2 ** 52;
      rows++;
    }
    return `${rows}:${sum.toString(16)}:${mixed.toString(16)}`;
  }

  /** True when row `index` (0-based) was recorded and reads the same now (both invalid counts as the same). */
  matches(index: number, recipient: unknown): boolean {
    return (
      index < this.#count && this.#blocks[Math.floor(index / BLOCK)]?.[index % BLOCK] === rowHash(recipient)
    );
  }
}

const BLOCK = 65_536;

/**
 * A 32-bit FNV-1a hash of a parsed recipient (its fields' names and values, nested objects in
 * order), from 1 up; 0 for none (an invalid row). Walked in place: no string is built a row.
 */
function rowHash(recipient: unknown): number {
  if (recipient === undefined) return 0;
  return hashValue(0x811c9dc5, recipient) >>> 0 || 1;
}

function hashValue(seed: number, value: unknown): number {
  let h = seed;
  if (typeof value === "object" && value !== null) {
    h = Math.imul(h ^ 123 /* "{" */, 16777619);
    for (const key in value) {
      h = hashText(h, key);
      h = hashValue(h, (value as Record<string, unknown>)[key]);
    }
    return Math.imul(h ^ 125 /* "}" */, 16777619);
  }
  // Strings as they are; anything else by its type and text (a CSV gives only strings).
  return hashText(Math.imul(h ^ (typeof value === "string" ? 34 : 35), 16777619), String(value));
}

/** `text` into the hash, then a separator no UTF-16 unit can be (so "ab"+"c" ≠ "a"+"bc"). */
function hashText(seed: number, text: string): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return Math.imul(h ^ 0x10000, 16777619);
}
