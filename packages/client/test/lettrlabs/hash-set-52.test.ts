import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HashSet52, hashRecipientKey, recipientHash, recipientKey } from "../../src/index.js";

describe("HashSet52", () => {
  it("adds each value once across growth, including colliding slots", () => {
    const set = new HashSet52();
    const values = Array.from({ length: 200_000 }, (_, i) => (i * 2654435761) % 2 ** 52);
    for (const v of values) expect(set.add(v)).toBe(true);
    for (const v of values.slice(0, 1000)) expect(set.add(v)).toBe(false);
    expect(set.size).toBe(200_000);
    const colliding = [5, 5 + 65536, 5 + 2 * 65536];
    const small = new HashSet52(4);
    expect(colliding.map((v) => small.add(v))).toEqual([true, true, true]);
    expect(colliding.map((v) => small.add(v))).toEqual([false, false, false]);
  });

  it("addOrFind returns the first confirmed match and keeps hash collisions apart, across growth", () => {
    // Random keys squeezed into few hashes (so collisions are the rule): the table must agree with
    // a Map of the full keys on which index each key first appeared.
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 400 }),
        fc.integer(),
        (keys, salt) => {
          const hashOf = (k: number) => ((k * 7 + (salt & 3)) % 13) * 2 ** 40;
          const table = new HashSet52(2);
          const first = new Map<number, number>();
          keys.forEach((k, i) => {
            const found = table.addOrFind(hashOf(k), i, (earlier) => keys[earlier] === k);
            expect(found).toBe(first.has(k) ? first.get(k) : -1);
            if (!first.has(k)) first.set(k, i);
          });
          expect(table.size).toBe(first.size);
        },
      ),
    );
  });
});

describe("recipientHash", () => {
  it("is the 52-bit hash of recipientKey, equal for recipients that differ only in case and spaces", () => {
    const a = { address: { address1: "1 Main St", city: "Austin", state: "TX", zipCode: "78704" } };
    const b = { address: { address1: " 1  MAIN st", city: "austin ", state: "tx", zipCode: "78704-1234" } };
    expect(recipientHash(a)).toBe(recipientHash(b));
    expect(recipientHash(a)).toBe(hashRecipientKey(recipientKey(a)));
    expect(Number.isSafeInteger(recipientHash(a))).toBe(true);
    expect(recipientHash(a)).toBeGreaterThanOrEqual(0);
    // The CLI ledger stores these hashes: the function must not change.
    expect(hashRecipientKey("||||||tx|78704")).toBe(hashRecipientKey("||||||tx|78704"));
    expect(hashRecipientKey("")).toBe((0x811c9dc5 % 2 ** 20) * 2 ** 32 + 0x01000193);
  });
});

describe("recipientHash's fast path", () => {
  it("always equals hashRecipientKey(recipientKey(r)), whatever the case, spaces, Unicode or types", () => {
    const piece = fc.oneof(
      fc.constantFrom(
        "a",
        "B",
        " ",
        "  ",
        "\t",
        "|",
        "\\",
        "\n",
        "\u2003",
        "\u00a0",
        "É",
        "ß",
        "İ",
        "\u2028",
        "1",
        "-",
        "\u0000",
        "e\u0301",
        "\uff5c",
        "\uff17",
        "\ufb01",
      ),
      fc.string({ maxLength: 3 }),
    );
    const text = fc.array(piece, { maxLength: 6 }).map((parts) => parts.join(""));
    const field = fc.oneof(text, fc.constant(undefined), fc.constant(null), fc.integer());
    const recipient = fc.record(
      {
        address: fc.oneof(
          fc.constant(undefined),
          fc.record({ address1: field, address2: field, city: field, state: field, zipCode: field }),
        ),
        personal: fc.oneof(
          fc.constant(undefined),
          fc.record({ firstName: field, lastName: field, toOrganization: field }),
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(recipient, (r) => {
        const typed = r as unknown as Parameters<typeof recipientHash>[0];
        expect(recipientHash(typed)).toBe(hashRecipientKey(recipientKey(typed)));
      }),
      { numRuns: 5000 },
    );
  });
});

describe("HashSet52.sorted", () => {
  it("lists every hash held once, ascending, including 0 and the largest 52-bit value", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 52 - 1 }), { maxLength: 300 }), (values) => {
        const set = new HashSet52(2);
        for (const v of [...values, ...values]) set.add(v);
        const expected = [...new Set(values)].sort((a, b) => a - b);
        expect([...set.sorted()]).toEqual(expected);
      }),
    );
    const edge = new HashSet52();
    edge.add(0);
    edge.add(2 ** 52 - 1);
    expect([...edge.sorted()]).toEqual([0, 2 ** 52 - 1]);
  });
});
