import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import { afterAll, describe, expect, it } from "vitest";
import { needsBundling, OPTIONS, typegen } from "../scripts/typegen.mjs";

const root = join(import.meta.dirname, "..", "..", "..");
const scratch = mkdtempSync(join(tmpdir(), "orderkit-typegen-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** What openapi-typescript itself prints for a spec (lint, bundle, transform, print). */
const reference = async (path: string) => astToString(await openapiTS(pathToFileURL(path), OPTIONS));

describe("typegen (the generator's fast path)", () => {
  it.each(["lettrlabs", "commercelayer"])(
    "prints exactly what openapiTS() prints for spec/%s",
    async (api) => {
      const spec = join(root, "spec", api, "openapi.yaml");
      // Our specs are single documents: the fast path (not the openapiTS() fallback) makes them.
      expect(needsBundling(readFileSync(spec, "utf8"))).toBe(false);
      expect(await typegen(spec)).toBe(await reference(spec));
    },
  );

  it("sorts keys the way openapiTS() does (numbers inside names, case, accents)", async () => {
    const names = [
      "item10",
      "item2",
      "Item1",
      "item1",
      "éclair",
      "eclair",
      "Zed",
      "a_b",
      "a-b",
      "a.b",
      "10",
      "9",
    ];
    const spec = join(scratch, "sorting.yaml");
    writeFileSync(
      spec,
      [
        "openapi: 3.1.0",
        "info: { title: sorting, version: '1' }",
        "paths: {}",
        "components:",
        "  schemas:",
        ...names.map(
          (n) =>
            `    '${n}': { type: object, properties: { '${n}b': { type: string }, '${n}a': { type: integer } } }`,
        ),
      ].join("\n"),
    );
    expect(await typegen(spec)).toBe(await reference(spec));
  });

  it("tells a local $ref from one into another document, in every YAML and JSON spelling", () => {
    for (const local of [
      "$ref: '#/a'",
      '$ref: "#/a"',
      "$ref: #/a",
      "{$ref: '#/a'}",
      '"$ref": "#/a"',
      "$ref:\n  '#/a'",
    ])
      expect(needsBundling(local), local).toBe(false);
    for (const external of [
      "$ref: './pet.yaml'",
      '$ref: "pet.yaml#/x"',
      "$ref: pet.yaml",
      '"$ref": "https://x/y"',
      "{$ref: other.yaml}",
    ])
      expect(needsBundling(external), external).toBe(true);
  });

  it("sends a spec with an external $ref through openapiTS() (it needs bundling)", async () => {
    writeFileSync(join(scratch, "pet.yaml"), "type: object\nproperties:\n  name: { type: string }\n");
    const spec = join(scratch, "external.yaml");
    writeFileSync(
      spec,
      "openapi: 3.1.0\ninfo: { title: ext, version: '1' }\npaths: {}\ncomponents:\n  schemas:\n    Pet:\n      $ref: './pet.yaml'\n",
    );
    const out = await typegen(spec);
    expect(out).toContain("name?: string");
    expect(out).toBe(await reference(spec));
  });

  it("leaves String.prototype.localeCompare as it found it, even when the transform throws", async () => {
    const before = String.prototype.localeCompare;
    const spec = join(scratch, "bad.yaml");
    // openapi-typescript's transform throws on an `allOf` that is not a list.
    writeFileSync(
      spec,
      "openapi: 3.1.0\ninfo: { title: bad, version: '1' }\ncomponents:\n  schemas:\n    A: { allOf: 5 }\n",
    );
    await expect(typegen(spec)).rejects.toThrow(/not iterable/);
    await typegen(join(root, "spec", "lettrlabs", "openapi.yaml"));
    expect(String.prototype.localeCompare).toBe(before);
    expect("a".localeCompare("B")).toBeLessThan(0);
  });
});
