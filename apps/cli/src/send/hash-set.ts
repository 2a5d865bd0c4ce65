/**
 * A set of 52-bit hashes in one Float64Array (open addressing, linear probing): about 16 bytes a
 * row at most, against ~50 for a `Set<number>` of heap numbers, so a million-row CSV stays small.
 */
export class HashSet52 {
  private table = new Float64Array(1 << 16).fill(-1);
  private count = 0;

  /** Adds `hash` (a non-negative safe integer); returns false when it was already there. */
  add(hash: number): boolean {
    if ((this.count + 1) * 2 > this.table.length) this.grow();
    const mask = this.table.length - 1;
    for (let i = hash % this.table.length; ; i = (i + 1) & mask) {
      const slot = this.table[i] as number;
      if (slot === -1) {
        this.table[i] = hash;
        this.count++;
        return true;
      }
      if (slot === hash) return false;
    }
  }

  get size(): number {
    return this.count;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Float64Array(old.length * 2).fill(-1);
    this.count = 0;
    for (const value of old) if (value !== -1) this.add(value);
  }
}
