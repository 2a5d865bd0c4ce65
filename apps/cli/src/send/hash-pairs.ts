/**
 * Pairs of 52-bit hashes (an earlier hash of a person, and today's), gathered while the CSV
 * streams: 16 bytes a pair in one Float64Array that doubles as it fills. `finish` sorts them by
 * the earlier hash and drops repeated pairs.
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

  /** The distinct pairs, ascending by `earlier` (then `now`), as two arrays of the same length. */
  finish(): { earlier: Float64Array; now: Float64Array } {
    const v = this.#values;
    const order = Uint32Array.from({ length: this.#length / 2 }, (_, i) => i).sort(
      (a, b) =>
        (v[2 * a] as number) - (v[2 * b] as number) || (v[2 * a + 1] as number) - (v[2 * b + 1] as number),
    );
    const earlier: number[] = [];
    const now: number[] = [];
    for (const i of order) {
      const e = v[2 * i] as number;
      const n = v[2 * i + 1] as number;
      if (earlier.length > 0 && earlier[earlier.length - 1] === e && now[now.length - 1] === n) continue;
      earlier.push(e);
      now.push(n);
    }
    return { earlier: Float64Array.from(earlier), now: Float64Array.from(now) };
  }
}
