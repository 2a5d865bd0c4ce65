import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { namedIn } from "../src/ledger/entry.js";

describe("what a damaged ledger entry still names", () => {
  it("never a wrong order, template or API, wherever the file is cut (seeded)", () => {
    const entry = fc.record({
      orderId: fc.integer({ min: 1, max: 10_000_000 }),
      templateId: fc.integer({ min: 1, max: 100_000 }),
      host: fc.constantFrom("https://app.lettrlabs.com/api", "http://127.0.0.1:4010"),
    });
    fc.assert(
      fc.property(entry, fc.boolean(), fc.nat(), (e, pretty, at) => {
        const value = {
          version: 2,
          key: "0".repeat(32),
          meaning: { host: e.host, templateId: e.templateId, postage: "Standard" },
          source: '/tmp/"host": "x", "templateId": 1, "orderId": 2.csv',
          orderId: e.orderId,
          rowsDone: 3,
        };
        const text = JSON.stringify(value, null, pretty ? 2 : undefined);
        const names = namedIn(text.slice(0, at % (text.length + 1)));
        if (names.orderId !== undefined) expect(names.orderId).toBe(e.orderId);
        if (names.templateId !== undefined) expect(names.templateId).toBe(e.templateId);
        if (names.host !== undefined) expect(names.host).toBe(e.host);
      }),
      { seed: 20261202, numRuns: 500 },
    );
  });

  it("a number cut short names nothing; a whole one is read", () => {
    expect(namedIn('{"meaning":{"templateId": 7')).toEqual({});
    expect(namedIn('{"meaning":{"templateId": 77,')).toEqual({ templateId: 77 });
    expect(namedIn('{"orderId": 10')).toEqual({});
    expect(namedIn('{"orderId": 1000\n}')).toEqual({ orderId: 1000 });
  });
});
