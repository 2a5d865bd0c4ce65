import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseYaml } from "@redocly/openapi-core";
import openapiTS, { astToString } from "openapi-typescript";
import { afterAll, describe, expect, it } from "vitest";
import { checkDocument, OPTIONS, typegen } from "../scripts/typegen.mjs";

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
      expect(checkDocument(parseYaml(readFileSync(spec, "utf8"))).external).toBe(false);
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

  it("tells a local $ref from one into another document, however the YAML spells it", () => {
    const doc = (ref: string) =>
      `openapi: 3.1.0\ninfo: { title: t, version: '1' }\npaths: {}\ncomponents:\n  schemas:\n    A: { type: string }\n    B:\n${ref}\n`;
    const external = (ref: string) => checkDocument(parseYaml(doc(ref))).external;
    for (const local of [
      "      $ref: '#/components/schemas/A'",
      '      "$ref": "#/components/schemas/A"',
      "      $ref: # a comment\n        '#/components/schemas/A'",
      '      "\\u0024ref": "#/components/schemas/A"',
    ])
      expect(external(local), local).toBe(false);
    for (const other of [
      "      $ref: './pet.yaml'",
      '      "$ref": "pet.yaml#/Pet"',
      "      $ref: # shared schema\n        ../shared/pet.yaml#/Pet",
      '      "\\u0024ref": "../shared/pet.yaml#/Pet"',
      "      ? $ref\n      : https://example.com/pet.yaml",
    ])
      expect(external(other), other).toBe(true);
  });

  it.each([
    [
      "an operationId used twice",
      "paths:\n  /a: { get: { operationId: same, responses: { '200': { description: ok } } } }\n  /b: { get: { operationId: same, responses: { '200': { description: ok } } } }\n",
      /operationId "same"/,
    ],
    ["a Swagger 2 document", "swagger: '2.0'\ninfo: { title: t, version: '1' }\npaths: {}\n", /Swagger/],
    ["no openapi field", "info: { title: t, version: '1' }\npaths: {}\n", /OpenAPI version/],
    [
      "a $ref to nothing",
      "components:\n  schemas:\n    A: { $ref: '#/components/schemas/Missing' }\n",
      /can't resolve \$ref "#\/components\/schemas\/Missing"/,
    ],
    [
      "a $ref to nothing in an example",
      "components:\n  schemas:\n    A: { type: object, example: { $ref: '#/nowhere' } }\n",
      /can't resolve \$ref "#\/nowhere"/,
    ],
  ])("refuses %s, as openapiTS() does", async (_what, body, message) => {
    const head =
      body.startsWith("swagger") || body.startsWith("info")
        ? ""
        : "openapi: 3.1.0\ninfo: { title: t, version: '1' }\n";
    const spec = join(scratch, `refused-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(spec, `${head}${body}${body.includes("paths:") ? "" : "paths: {}\n"}`);
    await expect(reference(spec)).rejects.toThrow();
    await expect(typegen(spec)).rejects.toThrow(message);
  });

  it("names the line of a YAML syntax error without echoing the spec", async () => {
    const spec = join(scratch, "typo.yaml");
    writeFileSync(spec, `openapi: 3.1.0\ninfo:\n  title: t\n version: '1'\n${"x: 1\n".repeat(2000)}`);
    const error = await typegen(spec).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(/typo\.yaml: not valid YAML \(line \d+, column \d+\)/);
    expect(error?.message.length).toBeLessThan(300);
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
