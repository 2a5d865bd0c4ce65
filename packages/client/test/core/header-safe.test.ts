import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isHeaderSafe } from "../../src/core/client-options.js";

/** The definition, one character at a time: tab or visible Latin-1, no white space at either end. */
function reference(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c < 0x20 && c !== 9) || c === 0x7f || c > 0xff) return false;
  }
  return value.length === 0 || !/^[ \t]|[ \t]$/.test(value);
}

describe("isHeaderSafe", () => {
  it("agrees with its definition on any text, every UTF-16 unit included", () => {
    // Units drawn mostly around the edges that matter: controls, space and tab, DEL, Latin-1's end.
    const unit = fc.oneof(
      fc.integer({ min: 0, max: 0x30 }),
      fc.integer({ min: 0x70, max: 0x90 }),
      fc.integer({ min: 0xf0, max: 0x110 }),
      fc.integer({ min: 0, max: 0xffff }),
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 8 }), (units) => {
        const value = String.fromCharCode(...units);
        expect(isHeaderSafe(value)).toBe(reference(value));
      }),
      { numRuns: 5000, seed: 20261201 },
    );
    for (let c = 0; c <= 0xffff; c++) {
      const value = `a${String.fromCharCode(c)}b`;
      if (isHeaderSafe(value) !== reference(value)) expect(c).toBe(-1);
    }
  });
});
