import { readFileSync } from "node:fs";
import fc from "fast-check";
import { defaultPathSerializer } from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { serializeSimplePath } from "../../src/core/path.js";

// Commerce Layer's calls build their URLs with serializeSimplePath instead of openapi-fetch's
// defaultPathSerializer (a smaller bundle). That holds only while every path of the spec has plain
// `{name}` placeholders holding strings: this test reads the spec, so a spec change that adds any
// other kind fails here, not in a user's request.
const spec = readFileSync(new URL("../../../../spec/commercelayer/openapi.yaml", import.meta.url), "utf8");
const paths = [...spec.matchAll(/^ {2}(\/\S*):\s*$/gm)].map((m) => m[1] as string);

describe("serializeSimplePath (Commerce Layer's path serializer)", () => {
  it("covers every path of the Commerce Layer spec: plain placeholders, string ids", () => {
    expect(paths.length).toBeGreaterThan(10);
    const placeholders = paths.flatMap((p) => p.match(/\{[^}]*\}/g) ?? []);
    expect(placeholders.length).toBeGreaterThan(5);
    for (const placeholder of placeholders) expect(placeholder).toMatch(/^\{[A-Za-z_][A-Za-z0-9_]*\}$/);
    // Every path parameter is a string (never an array or an object, which openapi-fetch would
    // serialize another way).
    const pathParams = [...spec.matchAll(/ in: path\n(?:.*\n){0,3}?\s+schema: \{([^}]*)\}/g)].map(
      (m) => m[1],
    );
    expect(pathParams.length).toBe((spec.match(/ in: path\n/g) ?? []).length);
    for (const schema of pathParams) expect(schema).toMatch(/^type: string\b/);
  });

  it("makes what openapi-fetch's defaultPathSerializer makes of them, for any values", () => {
    const value = fc.oneof(
      fc.string({ unit: "grapheme", minLength: 1, maxLength: 12 }).filter((v) => v !== "." && v !== ".."),
      fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/),
      fc.integer(),
      fc.constant(undefined),
      fc.constant(null),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...paths),
        fc.dictionary(fc.constantFrom("orderId", "lineItemId", "addressId", "marketId", "customerId"), value),
        (path, values) => {
          expect(serializeSimplePath(path, values)).toBe(defaultPathSerializer(path, values));
        },
      ),
      { numRuns: 500, seed: 20261201 },
    );
    expect(serializeSimplePath("/orders/{orderId}", undefined)).toBe("/orders/{orderId}");
  });

  it("finds exactly the placeholders /\\{([^{}.;*]+)\\}/g finds, in any template, and looks up only their names (the scan it is written as)", () => {
    const byRegExp = (path: string, values: Record<string, unknown>) =>
      path.replace(/\{([^{}.;*]+)\}/g, (placeholder, name: string) => {
        const value = values[name];
        return value == null ? placeholder : encodeURIComponent(value as string);
      });
    /** `values` behind a Proxy that records every name looked up. */
    const recorded = (values: Record<string, unknown>) => {
      const seen: string[] = [];
      const proxy = new Proxy(values, {
        get: (target, name) => {
          seen.push(String(name));
          return Reflect.get(target, name);
        },
      });
      return { proxy, seen };
    };
    const names = ["a", "b", "ab", "a;", " ", "é", "b}", "a.b", "*", "", "a*", "x.y", ";"];
    const piece = fc.constantFrom(
      "{",
      "}",
      ".",
      ";",
      "*",
      "/",
      "a",
      "b",
      "ab",
      "{a}",
      "{b}",
      "{}",
      " ",
      "é",
      "{a;}",
      "{a.b}",
      "{*}",
      "{a*}",
      "{x.y}",
      "{;}",
      "{ab}",
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 24 }).map((parts) => parts.join("")),
        fc.dictionary(
          fc.constantFrom(...names),
          fc.oneof(fc.stringMatching(/^[a-z0-9 %/?#é]{1,6}$/), fc.integer(), fc.constant(null)),
        ),
        (path, values) => {
          const ours = recorded(values);
          const theirs = recorded(values);
          expect(serializeSimplePath(path, ours.proxy)).toBe(byRegExp(path, theirs.proxy));
          expect(ours.seen).toEqual(theirs.seen);
        },
      ),
      { numRuns: 3000, seed: 20261202 },
    );
  });

  it('refuses what no id can be, and `""`, `.` and `..`, which would name the parent path or climb it (openapi-fetch sends them)', () => {
    for (const bad of ["", ".", "..", ["a", "b"], { a: "1" }, true, () => 1, Symbol("s")]) {
      expect(() => serializeSimplePath("/orders/{orderId}", { orderId: bad })).toThrow(TypeError);
      if (typeof bad !== "symbol")
        expect(() => defaultPathSerializer("/orders/{orderId}", { orderId: bad })).not.toThrow();
    }
    // The message names an object's type, never its contents (it may hold a token).
    expect(() =>
      serializeSimplePath("/orders/{orderId}", {
        orderId: { id: "ord_1", token: "Bearer SECRET-TOKEN-123" },
      }),
    ).toThrow(/^The path parameter orderId cannot be of type object\.$/);
    // Encoded dots, a dot and a space, three dots: sent encoded, climbing nothing.
    expect(serializeSimplePath("/orders/{orderId}", { orderId: "%2e%2e" })).toBe("/orders/%252e%252e");
    expect(serializeSimplePath("/orders/{orderId}", { orderId: "..." })).toBe("/orders/...");
  });
});
