import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonListBody, listBodySerializer } from "../../src/core/json-list-body.js";

// jsonListBody must give the UTF-8 bytes of JSON.stringify({ [key]: items }), byte for byte,
// whatever the items: any size (pieces of 100 items and the joins between them), any text (non-ASCII,
// emoji, lone surrogates JSON.stringify escapes, characters that take 2, 3 or 4 bytes), values JSON
// turns into null, and holes.
const bytesOf = (text: string) => new Uint8Array(Buffer.from(text, "utf8"));

const text = fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.string({ unit: "grapheme" }));
const item = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.record({
    address: fc.record({ address1: text, city: text, zipCode: text }),
    personal: fc.dictionary(text, text),
  }),
  fc.constantFrom(undefined, () => 1, Symbol("s"), Number.NaN, new Date(0)),
);

// Lengths spread evenly up to 300, so lists of several pieces are as common as short ones.
const sized = fc.nat({ max: 300 }).chain((n) => fc.array(item, { minLength: n, maxLength: n }));

describe("jsonListBody", () => {
  it("is the UTF-8 of JSON.stringify({ [key]: items }) for any key and items", () => {
    fc.assert(
      fc.property(text, sized, (key, items) => {
        expect(jsonListBody(key, items)).toEqual(bytesOf(JSON.stringify({ [key]: items })));
      }),
      { numRuns: 60, seed: 20261130 },
    );
  });

  it("is exactly the body: its buffer holds nothing more (a fetch may send the whole buffer)", () => {
    for (const n of [0, 1, 100, 101, 1000]) {
      const items = Array.from({ length: n }, (_, i) => ({ name: `é${i}`.repeat((i % 7) + 1) }));
      const body = jsonListBody("recipients", items);
      expect(body.byteOffset).toBe(0);
      expect(body.buffer.byteLength).toBe(body.byteLength);
      expect(new Uint8Array(body.buffer)).toEqual(bytesOf(JSON.stringify({ recipients: items })));
    }
  });

  it("keeps holes, and counts text of 2 to 4 bytes a character in any piece", () => {
    const sparse: unknown[] = [1];
    sparse[200] = "x";
    expect(jsonListBody("r", sparse)).toEqual(bytesOf(JSON.stringify({ r: sparse })));
    for (const char of ["é", "€", "😀"]) {
      const items = Array.from({ length: 1000 }, (_, i) => ({
        name: i === 999 ? char.repeat(500) : `${char}${i}`,
      }));
      expect(jsonListBody("recipients", items)).toEqual(bytesOf(JSON.stringify({ recipients: items })));
    }
  });

  it("serializes a list with a toJSON of its own whole (found by the fifth review: pieces lost their brackets)", () => {
    const proto = Array.prototype as unknown as { toJSON?: () => unknown };
    proto.toJSON = () => "arr";
    try {
      const items = [{ a: 1 }, { b: 2 }];
      expect(jsonListBody("r", items)).toEqual(bytesOf(JSON.stringify({ r: items })));
    } finally {
      delete proto.toJSON;
    }
    class Rows extends Array {
      toJSON() {
        return [this.length];
      }
    }
    const rows = Rows.from({ length: 250 }, (_, i) => ({ i }));
    expect(jsonListBody("r", rows)).toEqual(bytesOf(JSON.stringify({ r: rows })));
  });

  it("gives an item's toJSON its index in the whole list, as JSON.stringify does", () => {
    const keys: string[] = [];
    const items = Array.from({ length: 250 }, (_, i) =>
      i === 180
        ? {
            toJSON(key: string) {
              keys.push(key);
              return { at: key };
            },
          }
        : { i },
    );
    const expected = JSON.stringify({ r: items });
    expect(keys).toEqual(["180"]);
    expect(jsonListBody("r", items)).toEqual(bytesOf(expected));
    expect(keys).toEqual(["180", "180"]);
    const dates = [new Date(0), { d: new Date(1) }];
    expect(jsonListBody("r", dates)).toEqual(bytesOf(JSON.stringify({ r: dates })));
  });

  it("listBodySerializer: bytes for the list body, openapi-fetch's default for any other body", () => {
    const serialize = listBodySerializer("recipients");
    const rows = [{ a: "é" }];
    expect(serialize({ recipients: rows })).toEqual(bytesOf(JSON.stringify({ recipients: rows })));
    // A middleware calling the request's serializer with a body of its own.
    expect(serialize({ other: 1 })).toBe('{"other":1}');
    expect(serialize({ recipients: rows, extra: true })).toBe(
      JSON.stringify({ recipients: rows, extra: true }),
    );
    expect(serialize({ recipients: "x" })).toBe('{"recipients":"x"}');
    expect(
      serialize({ a: "b c" }, new Headers({ "Content-Type": "application/x-www-form-urlencoded" })),
    ).toBe("a=b+c");
  });

  it("throws what JSON.stringify throws", () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => jsonListBody("r", [1, cycle])).toThrow(TypeError);
    expect(() => jsonListBody("r", [10n])).toThrow(TypeError);
  });
});
