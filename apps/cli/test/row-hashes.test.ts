import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RowHashes } from "../src/send/row-hashes.js";

/** A parsed recipient as the CSV reader builds it: groups of string fields. */
const recipientArb = fc.record(
  {
    address: fc.dictionary(fc.constantFrom("address1", "address2", "city", "state", "zipCode"), fc.string(), {
      minKeys: 1,
    }),
    personal: fc.dictionary(fc.constantFrom("firstName", "lastName", "toOrganization"), fc.string()),
    metadata: fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.string()),
  },
  { requiredKeys: ["address"] },
);

const copy = <T>(value: T): T => structuredClone(value);

describe("RowHashes", () => {
  it("matches each row read again as it was, invalid rows as invalid, and no row past the end", () => {
    fc.assert(
      fc.property(fc.array(fc.option(recipientArb, { nil: undefined }), { maxLength: 60 }), (rows) => {
        const hashes = new RowHashes();
        for (const r of rows) hashes.push(r);
        expect(hashes.count).toBe(rows.length);
        rows.forEach((r, i) => {
          expect(hashes.matches(i, copy(r))).toBe(true);
        });
        expect(hashes.matches(rows.length, rows[0])).toBe(false);
      }),
    );
  });

  it("tells a row from the same row with one field changed, moved to another field or another group, or made invalid", () => {
    fc.assert(
      fc.property(recipientArb, fc.string({ minLength: 1 }), fc.nat(), (r, extra, pick) => {
        const hashes = new RowHashes();
        hashes.push(r);
        const fields = Object.entries(r).flatMap(([group, values]) =>
          Object.keys(values as object).map((key) => [group, key] as const),
        );
        const [group, key] = fields[pick % fields.length] as readonly [string, string];
        const values = (r as Record<string, Record<string, string>>)[group] as Record<string, string>;
        const edited = copy(r) as Record<string, Record<string, string>>;
        (edited[group] as Record<string, string>)[key] = `${values[key]}${extra}`;
        expect(hashes.matches(0, edited)).toBe(false);
        // The same text under another name, or in another group.
        const renamed = copy(r) as Record<string, Record<string, string>>;
        delete (renamed[group] as Record<string, string>)[key];
        (renamed[group] as Record<string, string>)[`${key}_`] = values[key] as string;
        expect(hashes.matches(0, renamed)).toBe(false);
        const regrouped = copy(r) as Record<string, Record<string, string>>;
        delete (regrouped[group] as Record<string, string>)[key];
        const other = group === "metadata" ? "personal" : "metadata";
        regrouped[other] = { ...regrouped[other], [key]: values[key] as string };
        expect(hashes.matches(0, regrouped)).toBe(false);
        expect(hashes.matches(0, undefined)).toBe(false);
      }),
    );
  });

  it("keeps rows apart across its blocks (65,536 rows a block)", () => {
    const hashes = new RowHashes();
    const row = (i: number) => ({ address: { address1: `${i} Main St`, city: "Austin" } });
    for (let i = 0; i < 140_000; i++) hashes.push(i % 3 === 0 ? undefined : row(i));
    for (const i of [0, 1, 65_535, 65_536, 65_537, 131_071, 131_072, 139_999]) {
      expect(hashes.matches(i, i % 3 === 0 ? undefined : row(i))).toBe(true);
      expect(hashes.matches(i, row(i + 1))).toBe(false);
    }
    expect(hashes.matches(140_000, row(140_000))).toBe(false);
  });
});
