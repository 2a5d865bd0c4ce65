/**
 * The valid rows' 52-bit recipient hashes, gathered while the CSV streams and then sorted once:
 * 8 bytes a row in one Float64Array that doubles as it fills (a hash table needs twice the slots,
 * plus a sorted copy at the end). Sorting puts equal hashes side by side, so the repeats are found
 * and dropped in the same pass that leaves the distinct hashes, ascending, in place.
 */
export class HashList {
  #values = new Float64Array(1 << 12);
  #length = 0;

  /** Appends a hash (a non-negative safe integer). */
  push(hash: number): void {
    if (this.#length === this.#values.length) {
      const grown = new Float64Array(this.#values.length * 2);
      grown.set(this.#values);
      this.#values = grown;
    }
    this.#values[this.#length++] = hash;
  }

  /** A list holding the same hashes, that grows on its own. */
  copy(): HashList {
    const out = new HashList();
    out.#values = this.#values.slice();
    out.#length = this.#length;
    return out;
  }

  /** Sorts the hashes and counts the distinct ones (the list must not be used afterwards). */
  distinctCount(): number {
    const all = this.#values.subarray(0, this.#length).sort();
    let n = 0;
    for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) n++;
    return n;
  }

  /**
   * Sorts the hashes and removes the repeats. Returns the distinct hashes ascending (a view on
   * this list's storage: the list must not be used afterwards) and the hashes that were pushed more
   * than once.
   */
  finish(): { distinct: Float64Array; repeated: Set<number> } {
    const all = this.#values.subarray(0, this.#length).sort();
    const repeated = new Set<number>();
    let kept = 0;
    for (let i = 0; i < all.length; i++) {
      const hash = all[i] as number;
      if (kept > 0 && all[kept - 1] === hash) {
        repeated.add(hash);
        continue;
      }
      all[kept++] = hash;
    }
    return { distinct: all.subarray(0, kept), repeated };
  }
}
