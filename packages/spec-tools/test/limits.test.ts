import { describe, expect, it } from "vitest";
import { diffSpecs } from "../src/diff.js";
import { MAX_INLINE_DEPTH } from "../src/schema-compare.js";

function specReturning(schema: object, schemas: Record<string, object> = {}): Record<string, unknown> {
  return {
    openapi: "3.1.0",
    info: { title: "Limits fixture", version: "1" },
    paths: {
      "/deep": {
        get: {
          responses: { "200": { description: "Deep.", content: { "application/json": { schema } } } },
        },
      },
    },
    components: { schemas },
  };
}

/** `levels` objects nested inline, each in the `n` property of the one above, around `leaf`. */
function nested(levels: number, leaf: object): object {
  let schema = leaf;
  for (let i = 0; i < levels; i++) schema = { type: "object", properties: { n: schema } };
  return schema;
}

/** `length` schemas N0 → N1 → … chained by `$ref` through their `next` property. */
function chain(length: number, leaf: object): Record<string, object> {
  const schemas: Record<string, object> = {};
  for (let i = 0; i < length; i++)
    schemas[`N${i}`] = {
      type: "object",
      properties: { next: i + 1 < length ? { $ref: `#/components/schemas/N${i + 1}` } : leaf },
    };
  return schemas;
}

describe("deep nesting and long $ref chains", () => {
  it("compares inline nesting down to the depth limit, then reports a changed remainder as breaking", () => {
    const diff = diffSpecs(
      specReturning(nested(300, { type: "string" })),
      specReturning(nested(300, { type: "integer" })),
    );
    expect(diff).toEqual({
      bump: "major",
      changes: [
        {
          severity: "breaking",
          kind: "not-compared",
          location: `GET /deep › response 200${".n".repeat(MAX_INLINE_DEPTH)}`,
          message: `nested deeper than ${MAX_INLINE_DEPTH} levels and changed`,
        },
      ],
    });
  });

  it("finds nothing in identical deep nesting", () => {
    const deep = specReturning(nested(300, { type: "string" }));
    expect(diffSpecs(deep, structuredClone(deep))).toEqual({ changes: [], bump: "none" });
  });

  it("follows a 3000-schema $ref chain without running out of stack, to the change at its end", () => {
    const ref = { $ref: "#/components/schemas/N0" };
    const diff = diffSpecs(
      specReturning(ref, chain(3000, { type: "string" })),
      specReturning(ref, chain(3000, { type: "integer" })),
    );
    expect(diff.changes.map((c) => [c.severity, c.kind, c.location])).toEqual([
      ["breaking", "type-changed", `GET /deep › response 200${".next".repeat(3000)}`],
    ]);
  });

  it("stops at a $ref that points to itself", () => {
    const loop = { Loop: { $ref: "#/components/schemas/Loop" } };
    const doc = specReturning({ $ref: "#/components/schemas/Loop" }, loop);
    expect(diffSpecs(doc, structuredClone(doc))).toEqual({ changes: [], bump: "none" });
  });
});

describe("many changes", () => {
  it("lists 150,000 changed fields without running out of stack", () => {
    const fields = (type: string) => ({
      type: "object",
      properties: Object.fromEntries(Array.from({ length: 150_000 }, (_, i) => [`p${i}`, { type }])),
    });
    const diff = diffSpecs(specReturning(fields("string")), specReturning(fields("integer")));
    expect(diff.bump).toBe("major");
    expect(diff.changes).toHaveLength(150_000);
    expect(diff.changes.every((c) => c.kind === "type-changed")).toBe(true);
  }, 60_000);
});
