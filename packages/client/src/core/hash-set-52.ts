/**
 * A set of 52-bit hashes (non-negative safe integers) in one Float64Array, open addressing with
 * linear probing: about 16 bytes an entry at most, against ~50 for a `Set<number>` of heap
 * numbers, and far faster than a `Map` keyed by long strings. With `addOrFind`, each entry also
 * carries an int (e.g. the index of the row that added it), in a second array made only then.
 * The slot comes from the hash's low 32 bits (`>>> 0`), far cheaper than a floating-point `%`;
 * slots hold `hash + 1`, so a fresh (zeroed) array is an empty table with no fill.
 */
export class HashSet52 {
  #hashes: Float64Array;
  #values: Int32Array | undefined;
  #count = 0;

  /** `expected`: how many entries to make room for up front (it grows as needed). */
  constructor(expected = 1 << 15) {
    let size = 16;
    const wanted = Math.min(Number.isFinite(expected) ? expected : 0, 1 << 26);
    while (size < wanted * 2) size *= 2;
    this.#hashes = new Float64Array(size);
  }

  /** Entries held. */
  get size(): number {
    return this.#count;
  }

  /** Adds `hash`; false when it was already there (equal hashes count as the same entry). */
  add(hash: number): boolean {
    check(hash);
    this.#reserve();
    const table = this.#hashes;
    const mask = table.length - 1;
    const stored = hash + 1;
    for (let i = (hash >>> 0) & mask; ; i = (i + 1) & mask) {
      const slot = table[i] as number;
      if (slot === stored) return false;
      if (slot === 0) {
        table[i] = stored;
        this.#count++;
        return true;
      }
    }
  }

  /**
   * The value of an earlier entry with this hash for which `same(value)` holds (the caller
   * confirms a match with the full identity, so a collision never merges distinct things);
   * otherwise adds `(hash, value)` and returns -1. `value` must be ≥ 0.
   */
  addOrFind(hash: number, value: number, same: (earlier: number) => boolean): number {
    check(hash);
    this.#reserve();
    const table = this.#hashes;
    this.#values ??= new Int32Array(table.length);
    const values = this.#values;
    const mask = table.length - 1;
    const stored = hash + 1;
    for (let i = (hash >>> 0) & mask; ; i = (i + 1) & mask) {
      const slot = table[i] as number;
      if (slot === 0) {
        table[i] = stored;
        values[i] = value;
        this.#count++;
        return -1;
      }
      if (slot === stored && same(values[i] as number)) return values[i] as number;
    }
  }

  /** The hashes held, ascending, in a new array (no second copy of the set is kept meanwhile). */
  sorted(): Float64Array {
    const out = new Float64Array(this.#count);
    let n = 0;
    for (const stored of this.#hashes) if (stored !== 0) out[n++] = stored - 1;
    return out.sort();
  }

  #reserve(): void {
    if ((this.#count + 1) * 2 <= this.#hashes.length) return;
    const hashes = this.#hashes;
    const values = this.#values;
    const size = hashes.length * 2;
    const mask = size - 1;
    this.#hashes = new Float64Array(size);
    this.#values = values ? new Int32Array(size) : undefined;
    for (let j = 0; j < hashes.length; j++) {
      const stored = hashes[j] as number;
      if (stored === 0) continue;
      let i = ((stored - 1) >>> 0) & mask;
      while (this.#hashes[i] !== 0) i = (i + 1) & mask;
      this.#hashes[i] = stored;
      if (values && this.#values) this.#values[i] = values[j] as number;
    }
  }
}

/**
 * The largest hash a HashSet52 holds (52 bits, 2^52 - 1). A literal: a bundler keeps `2 ** 52 - 1`
 * in bundles that never use it.
 */
const MAX_HASH = 0xfffffffffffff;

function check(hash: number): void {
  if (!(Number.isInteger(hash) && hash >= 0 && hash <= MAX_HASH)) {
    throw new RangeError(`HashSet52 holds integers from 0 to 2^52 - 1, got ${hash}.`);
  }
}
