import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HashList } from "../src/send/hash-list.js";

const MAX_52 = 2 ** 52 - 1;

describe("HashList", () => {
  it("leaves the distinct hashes ascending and names exactly the repeated ones", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: MAX_52 })), {
          maxLength: 12_000,
        }),
        (hashes) => {
          const list = new HashList();
          for (const h of hashes) list.push(h);
          const { distinct, repeated } = list.finish();
          const expected = [...new Set(hashes)].sort((a, b) => a - b);
          expect([...distinct]).toEqual(expected);
          const counts = new Map<number, number>();
          for (const h of hashes) counts.set(h, (counts.get(h) ?? 0) + 1);
          const twice = [...counts].filter(([, n]) => n > 1).map(([h]) => h);
          expect([...repeated].sort((a, b) => a - b)).toEqual(twice.sort((a, b) => a - b));
        },
      ),
      { numRuns: 200, seed: 1123 },
    );
  });

  it("keeps every hash across growth (beyond the first block)", () => {
    const list = new HashList();
    const n = 50_000;
    for (let i = n - 1; i >= 0; i--) list.push(i * 7919);
    const { distinct, repeated } = list.finish();
    expect(distinct.length).toBe(n);
    expect(repeated.size).toBe(0);
    expect(distinct[0]).toBe(0);
    expect(distinct[n - 1]).toBe((n - 1) * 7919);
  });
});
