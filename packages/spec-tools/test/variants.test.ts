import { describe, expect, it } from "vitest";
import { SchemaReader, type Variants } from "../src/normalize.js";
import { createResolver } from "../src/refs.js";
import { matchBranches, readBranches } from "../src/variants.js";

/** A document whose `Pet` is a `oneOf` of `names`, each an object with `kind` and `fields`. */
function pets(
  branches: Record<string, string[]>,
  mapping: Record<string, string>,
): { reader: SchemaReader; oneOf: unknown[]; discriminator: Variants["discriminator"] } {
  const schemas: Record<string, object> = {};
  for (const [name, fields] of Object.entries(branches))
    schemas[name] = {
      type: "object",
      properties: Object.fromEntries(["kind", ...fields].map((f) => [f, { type: "string" }])),
    };
  const oneOf = Object.keys(branches).map((name) => ({ $ref: `#/components/schemas/${name}` }));
  return {
    reader: new SchemaReader(createResolver({ components: { schemas } })),
    oneOf,
    discriminator: { propertyName: "kind", mapping: new Map(Object.entries(mapping)) },
  };
}

describe("union branches", () => {
  it("are tagged from discriminator mappings written as `$ref`s or as bare schema names", () => {
    const { reader, oneOf, discriminator } = pets(
      { Cat: ["lives"], Dog: ["bark"] },
      { cat: "#/components/schemas/Cat", dog: "Dog" },
    );
    expect(readBranches(oneOf, reader, discriminator).map((b) => [b.label, [...b.tags]])).toEqual([
      ["Cat", ["cat"]],
      ["Dog", ["dog"]],
    ]);
  });

  it("are paired by discriminator value before shape, even when renamed and reshaped", () => {
    const before = pets({ Cat: ["lives"], Dog: ["bark"] }, { cat: "Cat", dog: "Dog" });
    // Both schemas renamed, and each now looks like the other did.
    const after = pets({ Feline: ["bark"], Canine: ["lives"] }, { cat: "Feline", dog: "Canine" });
    const discriminator = before.discriminator;
    const match = matchBranches(
      readBranches(before.oneOf, before.reader, discriminator),
      readBranches(after.oneOf, after.reader, after.discriminator),
    );
    expect(match.pairs.map(([a, b]) => [a.label, b.label])).toEqual([
      ["Cat", "Feline"],
      ["Dog", "Canine"],
    ]);
    expect([match.removed, match.added]).toEqual([[], []]);
  });

  it("without a discriminator, are paired by shape", () => {
    const before = pets({ Cat: ["lives"], Dog: ["bark"] }, {});
    const after = pets({ Feline: ["bark"], Canine: ["lives"] }, {});
    const match = matchBranches(
      readBranches(before.oneOf, before.reader, undefined),
      readBranches(after.oneOf, after.reader, undefined),
    );
    expect(match.pairs.map(([a, b]) => [a.label, b.label])).toEqual([
      ["Cat", "Canine"],
      ["Dog", "Feline"],
    ]);
  });
});
