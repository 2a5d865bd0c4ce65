import { includesSorted } from "../ledger/ledger.js";

/**
 * Pairs of 52-bit hashes (a hash orderkit 0.1.0 may have given a person, and today's hash of that
 * person), 16 bytes a pair in one Float64Array that doubles as it fills, in the order pushed. Built
 * only by a send that meets one of 0.1.0's hashes in another send's records (rare), once a run.
 */
export class HashPairs {
  #values = new Float64Array(64);
  #length = 0;

  /** Appends the pair (`earlier`, `now`). */
  push(earlier: number, now: number): void {
    if (this.#length + 2 > this.#values.length) {
      const grown = new Float64Array(this.#values.length * 2);
      grown.set(this.#values);
      this.#values = grown;
    }
    this.#values[this.#length++] = earlier;
    this.#values[this.#length++] = now;
  }

  /**
   * The people found in `hashes` (sorted) only by an earlier hash: the distinct `now` hashes of the
   * pairs whose `earlier` is in `hashes` and whose `now` is not. One binary search a pair, no sort
   * of the pairs; the matches are sorted to count each person once.
   */
  people(hashes: Float64Array): number {
    const v = this.#values;
    let found = new Float64Array(16);
    let n = 0;
    for (let i = 0; i < this.#length; i += 2) {
      const now = v[i + 1] as number;
      if (!includesSorted(hashes, v[i] as number) || includesSorted(hashes, now)) continue;
      if (n === found.length) {
        const grown = new Float64Array(n * 2);
        grown.set(found);
        found = grown;
      }
      found[n++] = now;
    }
    const sorted = found.subarray(0, n).sort();
    let distinct = 0;
    for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
    return distinct;
  }
}
