import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { specOf } from "@orderkit/test-utils";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { diffSpecs, type SpecDiff } from "../src/diff.js";
import { readSpec } from "../src/upgrade.js";
import { reorder, toOpenApi30, toOpenApi31 } from "./helpers/rewrite.js";

const pairs = join(dirname(fileURLToPath(import.meta.url)), "fixtures", "pairs");
const fixture = (dir: string, name: string) => readSpec(join(pairs, dir, `${name}.yaml`));
const rows = (diff: SpecDiff) => diff.changes.map((c) => [c.severity, c.kind, c.location]);
const versionChange = (from: string, to: string) => ({
  severity: "patch",
  kind: "openapi-version-changed",
  location: "openapi",
  message: `OpenAPI version changed from ${from} to ${to}`,
});

describe("OpenAPI 3.0 `nullable: true`", () => {
  it("is read: nullable in a response is breaking, in a request an addition", () => {
    const diff = diffSpecs(
      fixture("stripe-charges", "before"),
      fixture("stripe-charges", "after-became-nullable"),
    );
    expect(diff.bump).toBe("major");
    expect(rows(diff)).toEqual([
      ["breaking", "became-nullable", "GET /v1/charges/{charge} › response 200.amount"],
      ["breaking", "became-nullable", "POST /v1/charges/{charge} › response 200.amount"],
      ["addition", "became-nullable", "POST /v1/charges/{charge} › request.description"],
    ]);
  });
});

describe("3.0 → 3.1 migrations change nothing", () => {
  it.each(["lettrlabs", "commercelayer"] as const)(
    "%s spec written as 3.0 (nullable, const as enum), then as the committed 3.1: one version note, patch",
    (api) => {
      const spec31 = readSpec(specOf(api));
      const spec30 = toOpenApi30(spec31);
      expect(JSON.stringify(spec30)).toContain('"nullable":true');
      expect(diffSpecs(spec30, spec31)).toEqual({
        bump: "patch",
        changes: [versionChange("3.0.3", "3.1.0")],
      });
      expect(diffSpecs(spec31, spec30)).toEqual({
        bump: "patch",
        changes: [versionChange("3.1.0", "3.0.3")],
      });
    },
  );

  it("Stripe's `anyOf: [{$ref}]` + nullable and `nullable` strings, migrated to `{type: null}` branches and type arrays", () => {
    for (const dir of ["stripe-charges", "stripe-expandable"]) {
      const spec30 = fixture(dir, "before");
      const spec31 = toOpenApi31(spec30);
      expect(JSON.stringify(spec31)).toContain('{"type":"null"}');
      expect(diffSpecs(spec30, spec31)).toEqual({
        bump: "patch",
        changes: [versionChange("3.0.0", "3.1.0")],
      });
    }
  });
});

describe("GitHub's 3.0 forms migrated to 3.1", () => {
  /** A spec whose one response is `{ value: schema }`. */
  const returning = (schema: object, openapi: string) => ({
    openapi,
    info: { title: "GitHub-style fixture", version: "1" },
    paths: {
      "/installations": {
        get: {
          responses: {
            "200": {
              description: "OK",
              content: { "application/json": { schema: { type: "object", properties: { value: schema } } } },
            },
          },
        },
      },
    },
  });
  const user = { type: "object", required: ["login"], properties: { login: { type: "string" } } };
  const enterprise = { type: "object", required: ["slug"], properties: { slug: { type: "string" } } };

  it.each([
    [
      "`nullable` + `allOf` → `anyOf: [{allOf}, {type: null}]`",
      { nullable: true, allOf: [user, enterprise] },
      { anyOf: [{ allOf: [user, enterprise] }, { type: "null" }] },
    ],
    [
      "an untyped `{nullable: true}` → `{}`",
      { nullable: true, description: "Any." },
      { description: "Any." },
    ],
  ])("%s is no change", (_, schema30, schema31) => {
    expect(diffSpecs(returning(schema30, "3.0.3"), returning(schema31, "3.1.0"))).toEqual({
      bump: "patch",
      changes: [versionChange("3.0.3", "3.1.0")],
    });
  });
});

describe("no semantic change, no bump", () => {
  it.each(["lettrlabs", "commercelayer"] as const)(
    "%s spec with every key order, `required`, `enum` and `type` reversed and re-indented: bump none",
    (api) => {
      const text = readFileSync(specOf(api), "utf8");
      const rewritten = stringify(reorder(parse(text)), { indent: 4, lineWidth: 0 });
      expect(rewritten).not.toBe(text);
      expect(diffSpecs(parse(text), parse(rewritten))).toEqual({ changes: [], bump: "none" });
    },
  );

  it.each([["stripe-charges"], ["openai-chat"], ["payment-sources"]])(
    "%s fixture reordered: bump none",
    (dir) => {
      const doc = fixture(dir, "before");
      expect(diffSpecs(doc, parse(stringify(reorder(doc))))).toEqual({ changes: [], bump: "none" });
    },
  );

  it("a change nothing classifies is still listed, as other (patch), at its JSON pointer", () => {
    const before = fixture("openai-chat", "before");
    const after = structuredClone(before);
    const schemas = (after.components as { schemas: Record<string, { properties: Record<string, object> }> })
      .schemas;
    schemas.CreateChatCompletionResponse!.properties.created = { type: "integer", "x-unit": "seconds" };
    expect(diffSpecs(before, after)).toEqual({
      bump: "patch",
      changes: [
        {
          severity: "patch",
          kind: "unclassified-change",
          location: "#/components/schemas/CreateChatCompletionResponse/properties/created/x-unit",
          message: "changed (no rule classifies it: check whether it matters)",
        },
      ],
    });
  });

  it("a keyword no rule reads (a format) is reported where it is used: listed in a response, breaking in a request", () => {
    const before = fixture("openai-chat", "before");
    const after = structuredClone(before);
    const schemas = (after.components as { schemas: Record<string, { properties: Record<string, object> }> })
      .schemas;
    schemas.CreateChatCompletionResponse!.properties.created = { type: "integer", format: "unix-time" };
    expect(diffSpecs(before, after)).toEqual({
      bump: "patch",
      changes: [
        {
          severity: "patch",
          kind: "keyword-changed",
          location: "POST /chat/completions › response 200.created",
          message: "format changed (no rule reads it)",
        },
      ],
    });
  });
});
