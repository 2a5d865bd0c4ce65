import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { diffSpecs, formatReport } from "../src/diff.js";
import { readSpec } from "../src/upgrade.js";

const fixtures = join(dirname(fileURLToPath(import.meta.url)), "fixtures");
const base = readSpec(join(fixtures, "base.yaml"));
const against = (name: string) => diffSpecs(base, readSpec(join(fixtures, `${name}.yaml`)));

describe("spec diff classification", () => {
  it.each([
    ["removed-operation", "major", "operation-removed", "POST /orders"],
    ["removed-response-field", "major", "response-field-removed", "GET /orders › response 200[].total"],
    ["retyped-response-field", "major", "type-changed", "POST /orders › response 200.total"],
    ["new-required-request-field", "major", "request-field-added-required", "POST /orders › request.market"],
    ["narrowed-enum", "major", "enum-narrowed", "GET /orders › parameter query:status"],
    ["added-operation", "minor", "operation-added", "DELETE /orders/{id}"],
    ["added-optional-field", "minor", "request-field-added", "POST /orders › request.reference"],
    ["widened-enum", "minor", "enum-widened", "GET /orders › response 200[].status"],
    ["description-only", "patch", "operation-docs-changed", "GET /orders"],
  ])("%s → %s bump (%s)", (name, bump, kind, location) => {
    const diff = against(name);
    expect(diff.bump).toBe(bump);
    expect(diff.changes).toContainEqual(expect.objectContaining({ kind, location }));
    if (bump !== "major") expect(diff.changes.filter((c) => c.severity === "breaking")).toEqual([]);
  });

  it("finds no changes between identical specs", () => {
    expect(diffSpecs(base, readSpec(join(fixtures, "base.yaml")))).toEqual({ changes: [], bump: "none" });
  });

  it("reports every place a shared schema change reaches", () => {
    const diff = against("narrowed-enum");
    expect(diff.changes.map((c) => c.location)).toEqual([
      "GET /orders › parameter query:status",
      "GET /orders › response 200[].status",
      "POST /orders › response 200.status",
    ]);
  });

  it("prints a readable report", () => {
    const report = formatReport(against("removed-response-field"), "Fixture");
    expect(report).toBe(
      [
        "Fixture: major bump",
        "",
        "Breaking (2):",
        "- GET /orders › response 200[].total: removed",
        "- POST /orders › response 200.total: removed",
      ].join("\n"),
    );
  });
});
