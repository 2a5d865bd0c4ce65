import { describe, expect, it } from "vitest";
import { type Direction, diffSpecs } from "../src/diff.js";

/** A 3.1 spec with one operation that sends (request) or returns (response) `{ value: schema }`. */
function specWith(direction: Direction, schema: object, openapi = "3.1.0"): Record<string, unknown> {
  const body = {
    content: {
      "application/json": { schema: { type: "object", required: ["value"], properties: { value: schema } } },
    },
  };
  return {
    openapi,
    info: { title: "Direction fixture", version: "1" },
    paths: {
      "/things": {
        post:
          direction === "request"
            ? { requestBody: { required: true, ...body }, responses: { "204": { description: "Done." } } }
            : { responses: { "200": { description: "The thing.", ...body } } },
      },
    },
  };
}

const where = { request: "POST /things › request.value", response: "POST /things › response 200.value" };

describe("direction decides severity: narrowing a request or widening a response breaks", () => {
  it.each([
    ["integer → number", { type: "integer" }, { type: "number" }, "type-widened", "addition", "breaking"],
    ["number → integer", { type: "number" }, { type: "integer" }, "type-narrowed", "breaking", "addition"],
    [
      "string → anyOf[string, integer]",
      { type: "string" },
      { anyOf: [{ type: "string" }, { type: "integer" }] },
      "variant-added",
      "addition",
      "breaking",
    ],
    [
      "anyOf[string, integer] → string",
      { anyOf: [{ type: "string" }, { type: "integer" }] },
      { type: "string" },
      "variant-removed",
      "breaking",
      "addition",
    ],
    [
      "string → [string, null]",
      { type: "string" },
      { type: ["string", "null"] },
      "became-nullable",
      "addition",
      "breaking",
    ],
    [
      "oneOf[string, null] → string",
      { oneOf: [{ type: "string" }, { type: "null" }] },
      { type: "string" },
      "no-longer-nullable",
      "breaking",
      "addition",
    ],
    ["string → integer", { type: "string" }, { type: "integer" }, "type-changed", "breaking", "breaking"],
  ] as const)("%s", (_, before, after, kind, requestSeverity, responseSeverity) => {
    for (const [direction, severity] of [
      ["request", requestSeverity],
      ["response", responseSeverity],
    ] as const) {
      const diff = diffSpecs(specWith(direction, before), specWith(direction, after));
      expect(diff.changes.map((c) => [c.severity, c.kind, c.location])).toEqual([
        [severity, kind, where[direction]],
      ]);
      expect(diff.bump).toBe(severity === "breaking" ? "major" : "minor");
    }
  });

  it.each([
    ["nullable: true (3.0)", { type: "string", nullable: true }, "3.0.3"],
    ['type: [string, "null"]', { type: ["string", "null"] }, "3.1.0"],
    ['anyOf: [string, {type: "null"}]', { anyOf: [{ type: "string" }, { type: "null" }] }, "3.1.0"],
    ['oneOf: [{type: "null"}, string]', { oneOf: [{ type: "null" }, { type: "string" }] }, "3.1.0"],
  ])("nullability written as %s is the same as every other form", (_, schema, openapi) => {
    for (const direction of ["request", "response"] as const) {
      const before = specWith(direction, { type: "string", nullable: true }, "3.0.3");
      const diff = diffSpecs(before, specWith(direction, schema, openapi));
      expect(diff.changes.filter((c) => c.severity !== "patch")).toEqual([]);
      expect(diff.changes.map((c) => c.kind)).not.toContain("description-changed");
    }
  });

  it("a union is nullable when one of its branches is, wherever the null sits", () => {
    const widened = diffSpecs(
      specWith("response", { type: ["string", "null"] }),
      specWith("response", { anyOf: [{ type: ["string", "null"] }, { type: "integer" }] }),
    );
    expect(widened.changes.map((c) => [c.severity, c.kind, c.location])).toEqual([
      ["breaking", "variant-added", where.response],
    ]);
    const moved = diffSpecs(
      specWith("response", { anyOf: [{ type: "string" }, { type: ["integer", "null"] }] }),
      specWith("response", { anyOf: [{ type: ["string", "null"] }, { type: "integer" }] }),
    );
    expect(moved.changes.filter((c) => c.severity !== "patch")).toEqual([]);
  });
});
