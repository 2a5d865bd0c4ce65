import { includesSorted } from "../ledger/ledger.js";
import type { HashList } from "./hash-list.js";

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
   * Pushes to `found` the people found in `hashes` (sorted) only by an earlier hash: the `now`
   * hash of each pair whose `earlier` is in `hashes` and whose `now` is not. One binary search a
   * pair, no sort of the pairs (`found` counts each person once).
   */
  matches(hashes: Float64Array, found: HashList): void {
    const v = this.#values;
    for (let i = 0; i < this.#length; i += 2) {
      const now = v[i + 1] as number;
      if (includesSorted(hashes, v[i] as number) && !includesSorted(hashes, now)) found.push(now);
    }
  }
}
