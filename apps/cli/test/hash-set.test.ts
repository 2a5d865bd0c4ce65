import { describe, expect, it } from "vitest";
import { HashSet52 } from "../src/send/hash-set.js";

describe("HashSet52", () => {
  it("adds each value once across growth, including colliding slots", () => {
    const set = new HashSet52();
    const values = Array.from({ length: 200_000 }, (_, i) => (i * 2654435761) % 2 ** 52);
    for (const v of values) expect(set.add(v)).toBe(true);
    for (const v of values.slice(0, 1000)) expect(set.add(v)).toBe(false);
    expect(set.size).toBe(200_000);
    const colliding = [5, 5 + 65536, 5 + 2 * 65536];
    const small = new HashSet52();
    expect(colliding.map((v) => small.add(v))).toEqual([true, true, true]);
    expect(colliding.map((v) => small.add(v))).toEqual([false, false, false]);
  });
});
