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
  #hashes = new Uint32Array(1024);
  #count = 0;

  /** Rows recorded. */
  get count(): number {
    return this.#count;
  }

  /** Records the next row: its recipient, or undefined for an invalid row. */
  push(recipient: unknown): void {
    if (this.#count === this.#hashes.length) {
      const grown = new Uint32Array(this.#hashes.length * 2);
      grown.set(this.#hashes);
      this.#hashes = grown;
    }
    this.#hashes[this.#count++] = rowHash(recipient);
  }

  /** True when row `index` (0-based) was recorded and reads the same now (both invalid counts as the same). */
  matches(index: number, recipient: unknown): boolean {
    return index < this.#count && this.#hashes[index] === rowHash(recipient);
  }
}

/** A 32-bit FNV-1a hash of a parsed recipient's JSON, from 1 up; 0 for none (an invalid row). */
function rowHash(recipient: unknown): number {
  if (recipient === undefined) return 0;
  const text = JSON.stringify(recipient);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0 || 1;
}
