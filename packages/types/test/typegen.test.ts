import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseYaml } from "@redocly/openapi-core";
import openapiTS, { astToString } from "openapi-typescript";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { fastPathFits, OPTIONS, typegen } from "../scripts/typegen.mjs";

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
      expect(fastPathFits(parseYaml(readFileSync(spec, "utf8")))).toBe(true);
      expect(await typegen(spec)).toBe(await reference(spec));
    },
  );

  it.each(["lettrlabs", "commercelayer"])(
    "spec/%s reads the same through the `yaml` package the spec tests use as through the generator's loader",
    (api) => {
      // The spec tests (and the client's recipient-validation test) read the specs with `yaml`: they
      // check what the types are made from only while both loaders read every scalar alike.
      const text = readFileSync(join(root, "spec", api, "openapi.yaml"), "utf8");
      expect(parse(text, { merge: true })).toEqual(parseYaml(text));
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

  // Each shape below is one the fast path must leave to openapiTS() (it is checked, resolved or
  // rewritten there): typegen gives exactly openapiTS()'s output, or its refusal.
  const HEAD = "openapi: 3.1.0\ninfo: { title: t, version: '1' }\n";
  const OK = "responses: { '200': { description: ok } }";
  const shapes: Record<string, string> = {
    "an operationId used twice": `${HEAD}paths:\n  /a: { get: { operationId: same, ${OK} } }\n  /b: { get: { operationId: same, ${OK} } }\ncomponents: {}\n`,
    "a Swagger 2 document": "swagger: '2.0'\ninfo: { title: t, version: '1' }\npaths: {}\n",
    "no openapi field": "info: { title: t, version: '1' }\npaths: {}\ncomponents: {}\n",
    "an unquoted openapi: 3.0": "openapi: 3.0\ninfo: { title: t, version: '1' }\npaths: {}\ncomponents: {}\n",
    "openapi: '3'": "openapi: '3'\ninfo: { title: t, version: '1' }\npaths: {}\ncomponents: {}\n",
    "a $ref to nothing": `${HEAD}paths: {}\ncomponents:\n  schemas:\n    A: { $ref: '#/components/schemas/Missing' }\n`,
    "a $ref to nothing in an example": `${HEAD}paths: {}\ncomponents:\n  schemas:\n    A: { type: object, example: { $ref: '#/nowhere' } }\n`,
    "a $ref to nothing in a default": `${HEAD}paths: {}\ncomponents:\n  schemas:\n    A: { type: object, default: { $ref: '#/nowhere' } }\n`,
    "no components": `${HEAD}paths:\n  /a: { get: { ${OK} } }\n`,
    "webhooks sharing an operationId with a path": `${HEAD}paths:\n  /a: { get: { operationId: same, ${OK} } }\nwebhooks:\n  hook: { post: { operationId: same, ${OK} } }\ncomponents: {}\n`,
    "a callback sharing an operationId": `${HEAD}paths:\n  /a:\n    post:\n      operationId: same\n      ${OK}\n      callbacks:\n        cb:\n          '{$request.body#/url}': { post: { operationId: same, ${OK} } }\ncomponents: {}\n`,
    "a discriminator mapping to nothing": `${HEAD}paths: {}\ncomponents:\n  schemas:\n    Cat: { type: object, properties: { kind: { type: string } } }\n    Pet:\n      oneOf: [{ $ref: '#/components/schemas/Cat' }]\n      discriminator: { propertyName: kind, mapping: { dog: '#/components/schemas/Dog' } }\n`,
    "a discriminator mapping by bare name": `${HEAD}paths: {}\ncomponents:\n  schemas:\n    Cat: { type: object, properties: { kind: { type: string } } }\n    Pet:\n      oneOf: [{ $ref: '#/components/schemas/Cat' }]\n      discriminator: { propertyName: kind, mapping: { cat: Cat } }\n`,
    "a $ref in a description": `${HEAD}x-text: hello world\npaths: {}\ncomponents:\n  schemas:\n    A: { type: string, description: { $ref: '#/x-text' } }\n`,
    "a $ref as an enum": `${HEAD}x-vals: [a, b]\npaths: {}\ncomponents:\n  schemas:\n    A: { type: string, enum: { $ref: '#/x-vals' } }\n`,
    "a $ref with an escaped pointer": `${HEAD}paths: {}\ncomponents:\n  schemas:\n    c/d: { type: string }\n    A: { $ref: '#/components/schemas/c%7E1d' }\n`,
    "a $ref through another $ref": `${HEAD}paths: {}\ncomponents:\n  schemas:\n    B: { type: object, properties: { x: { type: string } } }\n    A: { $ref: '#/components/schemas/B' }\n    C: { $ref: '#/components/schemas/A/properties/x' }\n`,
    "a $ref with an empty segment": `${HEAD}paths: {}\ncomponents:\n  schemas:\n    B: { type: string }\n    A: { $ref: '#/components//schemas/B' }\n`,
    "a $ref to an inherited key": `${HEAD}paths: {}\ncomponents:\n  schemas:\n    A: { $ref: '#/components/schemas/constructor' }\n`,
  };
  it.each(Object.entries(shapes))("leaves %s to openapiTS()", async (name, yaml) => {
    const spec = join(scratch, `${name.replace(/[^a-z0-9]+/gi, "-")}.yaml`);
    writeFileSync(spec, yaml);
    expect(fastPathFits(parseYaml(yaml))).toBe(false);
    const outcome = (p: Promise<string>) =>
      p.then(
        (out) => ({ out }),
        (e: Error) => ({ refused: e.message }),
      );
    expect(await outcome(typegen(spec))).toEqual(await outcome(reference(spec)));
  });

  it("finds a $ref into another document however the YAML spells it", () => {
    const doc = (ref: string) =>
      `${HEAD}paths: {}\ncomponents:\n  schemas:\n    A: { type: string }\n    B:\n${ref}\n`;
    for (const local of [
      "      $ref: '#/components/schemas/A'",
      "      $ref: # a comment\n        '#/components/schemas/A'",
    ])
      expect(fastPathFits(parseYaml(doc(local))), local).toBe(true);
    for (const other of [
      "      $ref: './pet.yaml'",
      '      "$ref": "pet.yaml#/Pet"',
      "      $ref: # shared schema\n        ../shared/pet.yaml#/Pet",
      '      "\\u0024ref": "../shared/pet.yaml#/Pet"',
      "      ? $ref\n      : https://example.com/pet.yaml",
    ])
      expect(fastPathFits(parseYaml(doc(other))), other).toBe(false);
  });

  it("names the line of a YAML syntax error without echoing the spec", async () => {
    const spec = join(scratch, "typo.yaml");
    writeFileSync(spec, `openapi: 3.1.0\ninfo:\n  title: t\n version: '1'\n${"x: 1\n".repeat(2000)}`);
    const error = await typegen(spec).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(/typo\.yaml: not valid YAML or JSON \(line \d+, column \d+\)/);
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
