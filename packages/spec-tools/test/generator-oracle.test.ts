import { mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { typegen } from "../../types/scripts/typegen.mjs";
import { diffSpecs } from "../src/diff.js";
import { readSpec } from "../src/upgrade.js";

// The generator as the oracle: an edit that changes the types packages/types generates (comments
// aside) changes what a typed caller's code compiles against, so the diff must never call it a
// patch. Every edit below, of a field of a schema a request sends and of one a response returns,
// one way and back; then seeded sequences of several edits at once.

type Schema = Record<string, unknown>;
type Doc = {
  components: {
    schemas: Record<"Req" | "Res" | "Unused", { type: string; properties: Record<string, Schema> }>;
  };
};

const FIELDS = {
  text: { type: "string" },
  count: { type: "integer" },
  list: { type: "array", items: { type: "string" } },
  object: { type: "object", properties: { x: { type: "string" } } },
};
type Field = keyof typeof FIELDS;

function base(): Doc & Record<string, unknown> {
  const fields = () => structuredClone(FIELDS);
  const json = (ref: string) => ({ content: { "application/json": { schema: { $ref: ref } } } });
  return {
    openapi: "3.1.0",
    info: { title: "Generator oracle", version: "1" },
    paths: {
      "/things": {
        post: {
          requestBody: json("#/components/schemas/Req"),
          responses: { "200": { description: "Done.", ...json("#/components/schemas/Res") } },
        },
      },
    },
    components: {
      schemas: {
        Req: { type: "object", properties: fields() },
        Res: { type: "object", properties: fields() },
        // A type of the package that no operation uses.
        Unused: { type: "object", properties: fields() },
      },
    },
  };
}

/** Replaces a schema's keywords with `wrapper(old keywords)`. */
const wrap = (s: Schema, wrapper: (inner: Schema) => Schema) => {
  const inner = { ...s };
  for (const k of Object.keys(s)) delete s[k];
  Object.assign(s, wrapper(inner));
};
const asObject = (s: Schema) => {
  s.type = "object";
  delete s.items;
};

/** Edits of one field's schema. */
const EDITS: Record<string, (s: Schema) => void> = {
  default: (s) => {
    s.default = s.type === "integer" ? 1 : "d";
  },
  readOnly: (s) => {
    s.readOnly = true;
  },
  writeOnly: (s) => {
    s.writeOnly = true;
  },
  deprecated: (s) => {
    s.deprecated = true;
  },
  nullable30: (s) => {
    s.nullable = true;
  },
  nullable31: (s) => {
    s.type = [s.type, "null"];
  },
  enum: (s) => {
    s.enum = s.type === "integer" ? [1, 2] : ["a", "b"];
  },
  const: (s) => {
    s.const = s.type === "integer" ? 1 : "a";
  },
  format: (s) => {
    s.format = "date-time";
  },
  binary: (s) => {
    s.format = "binary";
  },
  limits: (s) => {
    Object.assign(s, { minLength: 1, maxItems: 3, minimum: 0, minProperties: 1 });
  },
  pattern: (s) => {
    s.pattern = "^a";
  },
  uniqueItems: (s) => {
    s.uniqueItems = true;
  },
  prefixItems: (s) => {
    s.prefixItems = [{ type: "string" }];
  },
  number: (s) => {
    s.type = "number";
  },
  noType: (s) => {
    delete s.type;
  },
  itemsNumber: (s) => {
    if (s.items) s.items = { type: "number" };
  },
  additionalTrue: (s) => {
    asObject(s);
    s.additionalProperties = true;
  },
  additionalFalse: (s) => {
    asObject(s);
    s.additionalProperties = false;
  },
  additionalEmpty: (s) => {
    asObject(s);
    s.additionalProperties = {};
  },
  additionalString: (s) => {
    asObject(s);
    s.additionalProperties = { type: "string" };
  },
  patternProperties: (s) => {
    asObject(s);
    s.patternProperties = { "^x": { type: "string" } };
  },
  requiredX: (s) => {
    s.required = ["x"];
  },
  innerDefault: (s) => {
    if (s.properties) (s.properties as Record<string, Schema>).x = { type: "string", default: "d" };
  },
  innerReadOnly: (s) => {
    if (s.properties) (s.properties as Record<string, Schema>).x = { type: "string", readOnly: true };
  },
  innerAdded: (s) => {
    if (s.properties) (s.properties as Record<string, Schema>).y = { type: "boolean" };
  },
  defs: (s) => {
    s.$defs = { A: { type: "string" } };
  },
  oneOf: (s) => wrap(s, (inner) => ({ oneOf: [inner, { type: "boolean" }] })),
  anyOfOne: (s) => wrap(s, (inner) => ({ anyOf: [inner] })),
  allOfOne: (s) => wrap(s, (inner) => ({ allOf: [inner] })),
  nullBranch: (s) => wrap(s, (inner) => ({ anyOf: [inner, { type: "null" }] })),
  not: (s) => {
    s.not = { type: "null" };
  },
  empty: (s) => {
    for (const k of Object.keys(s)) delete s[k];
  },
  docs: (s) => {
    Object.assign(s, { description: "Now documented.", title: "T", example: "e", "x-note": 1 });
  },
};
const EDIT_NAMES = Object.keys(EDITS);

type Step = { edit: string; schema: "Req" | "Res" | "Unused"; field: Field };

function edited(steps: readonly Step[]): Doc {
  const doc = base();
  for (const { edit, schema, field } of steps)
    (EDITS[edit] as (s: Schema) => void)(doc.components.schemas[schema].properties[field] as Schema);
  return doc;
}

const dir = mkdtempSync(join(tmpdir(), "generator-oracle-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
let refused = 0;
/**
 * The generated types of `doc`, without comments and with white space collapsed; undefined when
 * the generator refuses the document (an edit that makes no valid schema, such as an `enum` of
 * strings on an object, which openapi-typescript reads as `oneOf`).
 */
async function types(doc: object): Promise<string | undefined> {
  const file = join(dir, `${files++}.json`);
  writeFileSync(file, JSON.stringify(doc));
  try {
    return (await typegen(file)).replace(/\/\*\*[\s\S]*?\*\//g, "").replace(/\s+/g, " ");
  } catch {
    refused++;
    return undefined;
  }
}

/** A patch (or none) for a change of the generated types, described; undefined when the diff agrees. */
async function disagreement(before: object, after: object): Promise<string | undefined> {
  const [a, b] = [await types(before), await types(after)];
  const diff = diffSpecs(before as Record<string, unknown>, after as Record<string, unknown>);
  if (a === undefined || b === undefined || a === b || diff.bump === "major" || diff.bump === "minor")
    return undefined;
  return `the generated types changed, and the diff says ${diff.bump} (${diff.changes.map((c) => c.kind).join(", ") || "nothing"})`;
}

/** The disagreements of an edit made (`plain` → `changed`) and undone, each named after `what`. */
async function bothWays(plain: object, changed: object, what: string): Promise<string[]> {
  const found: string[] = [];
  for (const [x, y, way] of [
    [plain, changed, "made"],
    [changed, plain, "undone"],
  ] as const) {
    const problem = await disagreement(x, y);
    if (problem) found.push(`${what} (${way}): ${problem}`);
  }
  return found;
}

describe("the diff against the generator", () => {
  it("calls no change of the generated types a patch: each edit, of a field a request sends, one a response returns and one of a schema no operation uses, made and undone", async () => {
    const found: string[] = [];
    let typeChanges = 0;
    for (const edit of EDIT_NAMES)
      for (const schema of ["Req", "Res", "Unused"] as const)
        for (const field of Object.keys(FIELDS) as Field[]) {
          const [plain, changed] = [base(), edited([{ edit, schema, field }])];
          if ((await types(plain)) !== (await types(changed))) typeChanges++;
          found.push(...(await bothWays(plain, changed, `${edit} on ${schema}.${field}`)));
        }
    expect(found).toEqual([]);
    // The edits do reach the types: about half of them change them.
    expect(typeChanges).toBeGreaterThan(180);
    expect(refused).toBeLessThan(20);
  });

  it("calls no change of the generated types a patch: seeded sequences of edits", async () => {
    const step = fc.record({
      edit: fc.constantFrom(...EDIT_NAMES),
      schema: fc.constantFrom("Req" as const, "Res" as const, "Unused" as const),
      field: fc.constantFrom(...(Object.keys(FIELDS) as Field[])),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { maxLength: 3 }),
        fc.array(step, { minLength: 1, maxLength: 3 }),
        async (s, t) => {
          const before = edited(s);
          const after = edited([...s, ...t]);
          expect(await disagreement(before, after)).toBeUndefined();
          expect(await disagreement(after, before)).toBeUndefined();
        },
      ),
      { seed: 20261204, numRuns: 150 },
    );
  });
});

// The same oracle over the parts of a document around the schemas: parameters, request bodies,
// responses, headers, webhooks and components.

// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document, edited by path
type OpDoc = Record<string, any>;

function operations(): OpDoc {
  const object = (name: string) => ({ type: "object", properties: { [name]: { type: "string" } } });
  return {
    openapi: "3.1.0",
    info: { title: "Generator oracle, operations", version: "1" },
    paths: {
      "/things/{id}": {
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        get: {
          operationId: "getThing",
          parameters: [
            { name: "q", in: "query", schema: { type: "string" } },
            { name: "X-H", in: "header", schema: { type: "string" } },
          ],
          responses: {
            "200": {
              description: "The thing.",
              headers: { "X-R": { schema: { type: "string" } } },
              content: { "application/json": { schema: object("a") } },
            },
          },
        },
        post: {
          requestBody: { content: { "application/json": { schema: object("b") } } },
          responses: { "204": { description: "Done." } },
        },
      },
    },
    components: { schemas: {} },
  };
}

const get = (d: OpDoc) => d.paths["/things/{id}"].get;
const post = (d: OpDoc) => d.paths["/things/{id}"].post;
const OPERATION_EDITS: Record<string, (d: OpDoc) => void> = {
  queryRequired: (d) => {
    get(d).parameters[0].required = true;
  },
  queryStyle: (d) => {
    Object.assign(get(d).parameters[0], { style: "deepObject", explode: false, allowEmptyValue: true });
  },
  queryContent: (d) => {
    const q = get(d).parameters[0];
    delete q.schema;
    q.content = { "application/json": { schema: { type: "object" } } };
  },
  queryRenamed: (d) => {
    get(d).parameters[0].name = "q2";
  },
  queryToHeader: (d) => {
    get(d).parameters[0].in = "header";
  },
  headerRequired: (d) => {
    get(d).parameters[1].required = true;
  },
  cookie: (d) => {
    get(d).parameters.push({ name: "c", in: "cookie", schema: { type: "string" } });
  },
  pathParameterType: (d) => {
    d.paths["/things/{id}"].parameters[0].schema = { type: "integer" };
  },
  pathLevelParameter: (d) => {
    d.paths["/things/{id}"].parameters.push({
      name: "v",
      in: "query",
      required: true,
      schema: { type: "string" },
    });
  },
  bodyRequired: (d) => {
    post(d).requestBody.required = true;
  },
  bodyMediaAdded: (d) => {
    post(d).requestBody.content["text/plain"] = { schema: { type: "string" } };
  },
  bodyMediaRenamed: (d) => {
    const c = post(d).requestBody.content;
    c["application/merge-patch+json"] = c["application/json"];
    delete c["application/json"];
  },
  bodyWithoutMedia: (d) => {
    post(d).requestBody.content = {};
  },
  responseMediaAdded: (d) => {
    get(d).responses["200"].content["text/csv"] = { schema: { type: "string" } };
  },
  responseWithoutSchema: (d) => {
    delete get(d).responses["200"].content["application/json"].schema;
  },
  responseHeaderRequired: (d) => {
    get(d).responses["200"].headers["X-R"].required = true;
  },
  responseHeaderAdded: (d) => {
    get(d).responses["200"].headers["X-S"] = { schema: { type: "string" } };
  },
  responseHeaderType: (d) => {
    get(d).responses["200"].headers["X-R"].schema = { type: "integer" };
  },
  responseAdded: (d) => {
    get(d).responses["201"] = { description: "Made." };
  },
  errorResponses: (d) => {
    get(d).responses.default = {
      description: "Failed.",
      content: { "application/json": { schema: { type: "object" } } },
    };
    get(d).responses["4XX"] = { description: "Refused." };
  },
  bodylessGetsBody: (d) => {
    post(d).responses["204"].content = { "application/json": { schema: { type: "string" } } };
  },
  operationDocs: (d) => {
    Object.assign(get(d), {
      operationId: "getThing2",
      summary: "S",
      tags: ["t"],
      servers: [{ url: "https://x.example" }],
    });
  },
  callbacks: (d) => {
    get(d).callbacks = {
      done: { "{$request.body#/u}": { post: { responses: { "200": { description: "OK." } } } } },
    };
  },
  security: (d) => {
    get(d).security = [];
  },
  methodsAdded: (d) => {
    d.paths["/things/{id}"].head = { responses: { "200": { description: "OK." } } };
    d.paths["/things/{id}"].trace = { responses: { "200": { description: "OK." } } };
  },
  webhook: (d) => {
    d.webhooks = { thingMade: { post: { responses: { "200": { description: "OK." } } } } };
  },
  components: (d) => {
    d.components = {
      schemas: { New: { type: "string" } },
      responses: { R: { description: "R." } },
      parameters: { P: { name: "p", in: "query", schema: { type: "string" } } },
      headers: { H: { schema: { type: "string" } } },
      requestBodies: { B: { content: { "application/json": { schema: { type: "string" } } } } },
      pathItems: { I: { get: { responses: { "200": { description: "OK." } } } } },
    };
  },
};

/**
 * Each edit made to a fresh document and undone: the disagreements with the generator, and how
 * many of the edits changed the generated types.
 */
async function eachEdit(
  edits: Record<string, (d: OpDoc) => void>,
  make: () => OpDoc,
): Promise<{ found: string[]; typeChanges: number }> {
  const found: string[] = [];
  let typeChanges = 0;
  for (const [name, edit] of Object.entries(edits)) {
    const [plain, changed] = [make(), make()];
    edit(changed);
    if ((await types(plain)) !== (await types(changed))) typeChanges++;
    found.push(...(await bothWays(plain, changed, name)));
  }
  return { found, typeChanges };
}

describe("the diff against the generator, around the schemas", () => {
  it("calls no change of the generated types a patch: each edit of a parameter, body, response, header, webhook or component, made and undone", async () => {
    const { found, typeChanges } = await eachEdit(OPERATION_EDITS, operations);
    expect(found).toEqual([]);
    expect(typeChanges).toBeGreaterThan(20);
  });
});

describe("what those edits are called", () => {
  const edit = (name: string) => OPERATION_EDITS[name] as (d: OpDoc) => void;
  const kinds = (edit: (d: OpDoc) => void, undo = false) => {
    const [plain, changed] = [operations(), operations()];
    edit(changed);
    const diff = undo ? diffSpecs(changed, plain) : diffSpecs(plain, changed);
    return diff.changes.filter((c) => c.kind !== "unclassified-change").map((c) => `${c.severity} ${c.kind}`);
  };
  it("by direction: a response that may lack a header, or answers in another media type, breaks its readers; a request body or media type made optional or added is an addition, unless there was no body", () => {
    expect(kinds(edit("responseHeaderRequired"))).toEqual(["addition response-header-now-required"]);
    expect(kinds(edit("responseHeaderRequired"), true)).toEqual(["breaking response-header-now-optional"]);
    expect(kinds(edit("responseMediaAdded"))).toEqual(["breaking response-media-added"]);
    expect(kinds(edit("bodylessGetsBody"))).toEqual(["breaking response-media-added"]);
    expect(kinds(edit("bodyMediaAdded"))).toEqual(["addition request-media-added"]);
    expect(kinds(edit("bodyRequired"), true)).toEqual(["addition request-body-now-optional"]);
    expect(kinds(edit("bodyWithoutMedia"), true)).toEqual(["breaking request-media-added"]);
    // A new success response with another body: `data` becomes a union (or may be undefined).
    expect(kinds(edit("responseAdded"))).toEqual(["breaking response-added"]);
    const sameBody = (d: OpDoc) => {
      get(d).responses["203"] = structuredClone(get(d).responses["200"]);
    };
    expect(kinds(sameBody)).toEqual(["addition response-added"]);
    // The first error responses: `error` had no body to narrow.
    expect(kinds(edit("errorResponses"))).toEqual(["addition response-added", "addition response-added"]);
    const anotherError = (d: OpDoc) => {
      edit("errorResponses")(d);
      get(d).responses["503"] = {
        description: "Down.",
        content: { "text/plain": { schema: { type: "string" } } },
      };
    };
    const [withErrors, more] = [operations(), operations()];
    edit("errorResponses")(withErrors);
    anotherError(more);
    expect(
      diffSpecs(withErrors, more).changes.map(
        (c) => `${c.severity} ${c.kind} ${c.location.split(" › ").pop()}`,
      ),
    ).toEqual(["breaking response-added response 503"]);
    // The order of parameters means nothing; a header given by $ref is required in the types
    // whatever its `required` says.
    const reversed = operations();
    get(reversed).parameters.reverse();
    expect(diffSpecs(operations(), reversed)).toEqual({ changes: [], bump: "none" });
    const byRef = (required: boolean) => (d: OpDoc) => {
      d.components.headers = { Rate: { required, schema: { type: "string" } } };
      get(d).responses["200"].headers["X-R"] = { $ref: "#/components/headers/Rate" };
    };
    const [optionalRef, requiredRef] = [operations(), operations()];
    byRef(false)(optionalRef);
    byRef(true)(requiredRef);
    expect(diffSpecs(optionalRef, requiredRef).bump).toBe("patch");
    expect(diffSpecs(requiredRef, optionalRef).bump).toBe("patch");
    // An optional inline header given by $ref instead: now required in the types.
    expect(kinds(byRef(false))).toEqual([
      "addition component-added",
      "addition response-header-now-required",
    ]);
    expect(kinds(edit("webhook"))).toEqual(["addition webhook-added"]);
    expect(kinds(edit("webhook"), true)).toEqual(["breaking webhook-removed"]);
  });
});

describe("components no operation uses", () => {
  const withSchemas = (schemas: Record<string, unknown>): OpDoc => ({
    ...operations(),
    components: { schemas },
  });
  const thing = { type: "object", properties: { a: { type: "string" } } };
  const other = { type: "object", properties: { n: { type: "number" } } };

  it("are compared by what they hold, whatever their names (no `$ref` is made of them)", () => {
    const names: Record<string, unknown> = { "100%": thing, "a%2Fb": thing, "a/b": other, "~0": thing };
    expect(diffSpecs(withSchemas(names), withSchemas(structuredClone(names)))).toEqual({
      changes: [],
      bump: "none",
    });
    const retyped = structuredClone(names);
    retyped["a%2Fb"] = other;
    expect(diffSpecs(withSchemas(names), withSchemas(retyped)).changes.map((c) => c.location)).toEqual(
      expect.arrayContaining(["components › schemas › a%2Fb.a", "components › schemas › a%2Fb.n"]),
    );
  });

  it("an alias or a one-branch union no operation uses is compared even when what it points at is used", async () => {
    for (const [before, after] of [
      [{ $ref: "#/components/schemas/Thing" }, { $ref: "#/components/schemas/Other" }],
      [
        { oneOf: [{ $ref: "#/components/schemas/Thing" }] },
        { oneOf: [{ $ref: "#/components/schemas/Thing" }, { type: "null" }] },
      ],
    ]) {
      const [x, y] = [
        withSchemas({ Thing: thing, Other: other, Alias: before }),
        withSchemas({ Thing: thing, Other: other, Alias: after }),
      ];
      get(x).responses["200"].content["application/json"].schema = { $ref: "#/components/schemas/Thing" };
      get(y).responses["200"].content["application/json"].schema = { $ref: "#/components/schemas/Thing" };
      expect(await disagreement(x, y)).toBeUndefined();
      expect(diffSpecs(x, y).bump).toBe("major");
    }
  });

  it("thousands that reach each other report a change below them once, not once per component", () => {
    const chain = (last: string) => {
      const schemas: Record<string, unknown> = {};
      for (let i = 0; i < 3000; i++)
        schemas[`S${i}`] = {
          type: "object",
          properties: {
            v: { type: i === 2999 ? last : "string" },
            next: i < 2999 ? { $ref: `#/components/schemas/S${i + 1}` } : { type: "string" },
          },
        };
      return withSchemas(schemas);
    };
    const diff = diffSpecs(chain("string"), chain("integer"));
    expect(diff.bump).toBe("major");
    expect(diff.changes.length).toBeLessThanOrEqual(2);
  });
});

describe("specs read as the generator's loader reads them", () => {
  /** A spec in YAML whose one response is `schema` (YAML flow), with `head` before its paths and `tail` after. */
  const returning = (schema: string, head = "", tail = "") => `openapi: 3.1.0
info: {title: Read, version: "1"}
${head}paths:
  /things:
    get:
      responses:
        "200":
          description: The thing.
          content:
            application/json:
              schema: ${schema}
${tail}`;
  const thing = (values: string) => returning(`{type: object, properties: {size: {enum: [${values}]}}}`);
  const written = (text: string) => {
    const file = join(dir, `${files++}.yaml`);
    writeFileSync(file, text);
    return file;
  };

  it("YAML merge keys are merged: a field of a merged template is compared, and a schema rewritten with one is no change", async () => {
    const yaml = (idType: string, merged: boolean) =>
      returning(
        `{$ref: "#/components/schemas/Thing"}`,
        `x-templates:\n  base: &base {type: object, properties: {id: {type: ${idType}}}}\n`,
        `components:\n  schemas:\n    Thing: ${merged ? "{<<: *base, description: A thing.}" : `{type: object, properties: {id: {type: ${idType}}}, description: A thing.}`}\n`,
      );
    const read = (text: string) => readSpec(written(text));
    const retyped = diffSpecs(read(yaml("string", true)), read(yaml("integer", true)));
    expect(retyped.changes).toContainEqual(
      expect.objectContaining({ severity: "breaking", kind: "type-changed" }),
    );
    const rewritten = diffSpecs(read(yaml("string", false)), read(yaml("string", true)));
    expect(rewritten.bump).not.toBe("major");
    expect(rewritten.changes.every((c) => c.severity === "patch")).toBe(true);
  });

  const generated = async (file: string) => (await typegen(file)).replace(/\/\*\*[\s\S]*?\*\//g, "");

  it("a scalar spelled another way is no change, and one the generator reads as another value is a change", async () => {
    // Each pair: spelled as YAML 1.2's core schema would read it differently, and as the generator reads it.
    for (const [spelled, read] of [
      ["0b101", "5"],
      ["+.5", '"+.5"'],
      ["!!float 1", "1"],
    ] as const) {
      const [x, y] = [written(thing(spelled)), written(thing(read))];
      expect(await generated(x), spelled).toBe(await generated(y));
      expect(diffSpecs(readSpec(x), readSpec(y)), spelled).toEqual({ changes: [], bump: "none" });
      // And where the generator reads a change, so does the diff.
      const other = written(thing('"0b101"'));
      if (spelled === "0b101") {
        expect(await generated(x)).not.toBe(await generated(other));
        expect(diffSpecs(readSpec(x), readSpec(other)).bump).toBe("major");
      }
    }
  });

  it("a JSON spec is read by the same loader: 1e400 and 1e401 are two strings to the generator, and to the diff", async () => {
    const json = (value: string) =>
      written(
        `{"openapi": "3.1.0", "info": {"title": "Big", "version": "1"}, "paths": {"/things": {"get": {"responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"type": "object", "properties": {"size": {"enum": [${value}]}}}}}}}}}}}`,
      );
    const [x, y] = [json("1e400"), json("1e401")];
    expect(await generated(x)).not.toBe(await generated(y));
    expect(diffSpecs(readSpec(x), readSpec(y)).bump).toBe("major");
    const twice = json('1], "enum": [2');
    await expect(typegen(twice)).rejects.toThrow(/duplicated mapping key/);
    expect(() => readSpec(twice)).toThrow(
      /not valid YAML or JSON \(line 1, column \d+\): duplicated mapping key/,
    );
  });

  it("is one loader: spec-tools, the generator and openapi-typescript resolve one install of Redocly", () => {
    const packages = join(import.meta.dirname, "..", "..");
    const redoclyFrom = (file: string) => realpathSync(createRequire(file).resolve("@redocly/openapi-core"));
    const typesDir = join(packages, "types", "package.json");
    const openapiTs = realpathSync(createRequire(typesDir).resolve("openapi-typescript"));
    const used = [join(packages, "spec-tools", "package.json"), typesDir, openapiTs].map(redoclyFrom);
    expect(new Set(used).size, used.join("\n")).toBe(1);
  });

  it("a file the generator's loader refuses (a key given twice) is refused, named with the line and column, not what it holds", async () => {
    const file = written(`${thing("1")}info: {title: Again, version: "2"}\n`);
    await expect(typegen(file)).rejects.toThrow(/not valid YAML/);
    expect(() => readSpec(file)).toThrow(
      new RegExp(`${file.replace(/\W/g, "\\$&")}: not valid YAML or JSON \\(line \\d+, column \\d+\\)`),
    );
    expect(() => readSpec(written("just text\n"))).toThrow(/not an OpenAPI document/);
  });
});

describe("what a union's discriminator, a webhook and an unused component hold", () => {
  const pet = (discriminator: Record<string, unknown>, allOf = false): OpDoc => {
    const doc = operations();
    const cat = { type: "object", required: ["kind"], properties: { kind: { type: "string" } } };
    doc.components.schemas = allOf
      ? {
          Pet: {
            type: "object",
            required: ["kind"],
            properties: { kind: { type: "string" } },
            discriminator,
          },
          Cat: { allOf: [{ $ref: "#/components/schemas/Pet" }, { type: "object" }] },
        }
      : { Pet: { oneOf: [{ $ref: "#/components/schemas/Cat" }], discriminator }, Cat: cat };
    get(doc).responses["200"].content["application/json"].schema = { $ref: "#/components/schemas/Pet" };
    return doc;
  };
  const mapped = { propertyName: "kind", mapping: { cat: "#/components/schemas/Cat" } };

  it("a discriminator's values changed, added or removed, through a union or an allOf, is breaking, as the types have it", async () => {
    for (const allOf of [false, true])
      for (const [x, y] of [
        [pet({ propertyName: "kind" }, allOf), pet(mapped, allOf)],
        [
          pet(mapped, allOf),
          pet({ propertyName: "kind", mapping: { feline: "#/components/schemas/Cat" } }, allOf),
        ],
      ]) {
        for (const [a, b] of [
          [x, y],
          [y, x],
        ]) {
          expect(await disagreement(a as OpDoc, b as OpDoc)).toBeUndefined();
          expect(diffSpecs(a as OpDoc, b as OpDoc).changes.map((c) => c.kind)).toContain(
            "discriminator-changed",
          );
        }
      }
  });

  it("a webhook's payload, and an unused component response, are compared as their readers see them", async () => {
    const hooked = (idType: string, errType: string): OpDoc => {
      const doc = operations();
      doc.webhooks = {
        thingMade: {
          post: {
            requestBody: {
              content: {
                "application/json": { schema: { type: "object", properties: { id: { type: idType } } } },
              },
            },
            responses: { "200": { description: "Taken." } },
          },
        },
      };
      doc.components.responses = {
        Unused: {
          description: "An error no operation answers with (yet).",
          content: {
            "application/json": { schema: { type: "object", properties: { code: { type: errType } } } },
          },
        },
      };
      return doc;
    };
    const [before, after] = [hooked("string", "string"), hooked("integer", "integer")];
    expect(await disagreement(before, after)).toBeUndefined();
    expect(
      diffSpecs(before, after)
        .changes.filter((c) => c.severity === "breaking")
        .map((c) => c.location),
    ).toEqual(
      expect.arrayContaining([
        "webhook thingMade POST › request.id",
        "components › responses › Unused application/json.code",
      ]),
    );
  });
});

describe("review 127", () => {
  const addition = (d: OpDoc) => {
    get(d).responses["200"].content["application/json"].schema.properties.z = { type: "string" };
  };

  it("a parameter is compared with its namesake whatever the order: reordered, nothing; a style changed beside another change, listed", () => {
    const [before, after] = [operations(), operations()];
    get(after).parameters.reverse();
    addition(after);
    Object.assign(get(after).parameters[1], { style: "pipeDelimited", explode: false });
    const other = diffSpecs(before, after)
      .changes.filter((c) => c.kind === "unclassified-change")
      .map((c) => c.location);
    expect(other.sort()).toEqual([
      "#/paths/~1things~1{id}/get/parameters/1/explode",
      "#/paths/~1things~1{id}/get/parameters/1/style",
    ]);
  });

  it("a parameter schema that contains itself (a YAML alias) is compared without overflowing", () => {
    const looped = () => {
      const d = operations();
      const schema: Record<string, unknown> = { type: "object", properties: {} };
      (schema.properties as Record<string, unknown>).self = schema;
      get(d).parameters[0].schema = schema;
      return d;
    };
    const [x, y] = [looped(), looped()];
    get(y).parameters.reverse();
    expect(diffSpecs(x, y).bump).toBe("none");
  });

  it("an optional request body where there was none is an addition", () => {
    const [before, after] = [operations(), operations()];
    get(after).requestBody = { content: { "application/json": { schema: { type: "object" } } } };
    expect(diffSpecs(before, after).changes.map((c) => `${c.severity} ${c.kind}`)).toEqual([
      "addition request-body-added",
    ]);
  });

  it("a discriminator's branch moved to a twin component (by union or by mapping) is breaking", async () => {
    const payment = (first: string, mapping?: Record<string, string>): OpDoc => {
      const d = operations();
      const twin = () => ({ type: "object", required: ["kind"], properties: { kind: { type: "string" } } });
      d.components.schemas = {
        Payment: {
          oneOf: [{ $ref: `#/components/schemas/${first}` }, { $ref: "#/components/schemas/Cash" }],
          discriminator: { propertyName: "kind", ...(mapping ? { mapping } : {}) },
        },
        Card: twin(),
        Wallet: twin(),
        Cash: twin(),
      };
      get(d).responses["200"].content["application/json"].schema = { $ref: "#/components/schemas/Payment" };
      return d;
    };
    for (const [x, y] of [
      [payment("Card"), payment("Wallet")],
      [
        payment("Card", { card: "#/components/schemas/Card" }),
        payment("Wallet", { card: "#/components/schemas/Wallet" }),
      ],
    ] as const) {
      expect(await disagreement(x, y)).toBeUndefined();
      expect(diffSpecs(x, y).changes.map((c) => c.kind)).toContain("discriminator-changed");
    }
  });

  it("a webhook's parameters, methods, bodies and statuses changed are breaking; its payload's change is listed once", () => {
    const hook = (edit?: (post: OpDoc) => void): OpDoc => {
      const d = operations();
      const post: OpDoc = {
        requestBody: {
          content: {
            "application/json": { schema: { type: "object", properties: { a: { type: "string" } } } },
          },
        },
        responses: { "200": { description: "Taken." } },
      };
      edit?.(post);
      d.webhooks = { made: { post } };
      return d;
    };
    const breaking = (edit: (post: OpDoc) => void) =>
      diffSpecs(hook(), hook(edit))
        .changes.filter((c) => c.severity === "breaking")
        .map((c) => c.kind);
    expect(
      breaking(
        (p) => (p.parameters = [{ name: "X-Sig", in: "header", required: true, schema: { type: "string" } }]),
      ),
    ).toEqual(["webhook-changed"]);
    expect(breaking((p) => (p.requestBody.required = true))).toEqual(["webhook-changed"]);
    expect(breaking((p) => (p.responses["400"] = { description: "Refused." }))).toEqual(["webhook-changed"]);
    const payload = diffSpecs(
      hook(),
      hook((p) => (p.requestBody.content["application/json"].schema.properties.b = { type: "string" })),
    );
    expect(payload.changes.map((c) => c.kind)).toEqual(["response-field-added"]);
  });

  it("a frozen document is read as the same document unfrozen", () => {
    const freeze = (value: unknown): unknown => {
      if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
        Object.freeze(value);
        for (const child of Object.values(value)) freeze(child);
      }
      return value;
    };
    const [before, after] = [operations(), operations()];
    addition(after);
    get(after).operationId = "getThing2";
    get(after).servers = [{ url: "https://x.example" }];
    const plain = diffSpecs(before, after);
    expect(
      diffSpecs(freeze(structuredClone(before)) as OpDoc, freeze(structuredClone(after)) as OpDoc),
    ).toEqual(plain);
    expect(plain.changes.filter((c) => c.kind === "unclassified-change").map((c) => c.location)).toEqual([
      "#/paths/~1things~1{id}/get/servers",
    ]);
  });

  it("thousands of discriminators with allOf children are read in one pass", () => {
    const family = (kind: string): OpDoc => {
      const d = operations();
      const schemas: Record<string, unknown> = {};
      for (let i = 0; i < 4000; i++) {
        schemas[`P${i}`] = {
          type: "object",
          properties: { kind: { type: "string" } },
          discriminator: {
            propertyName: "kind",
            ...(i === 0 ? { mapping: { [kind]: "#/components/schemas/C0" } } : {}),
          },
        };
        schemas[`C${i}`] = { allOf: [{ $ref: `#/components/schemas/P${i}` }] };
      }
      d.components.schemas = schemas;
      return d;
    };
    const diff = diffSpecs(family("a"), family("b"));
    expect(diff.changes.filter((c) => c.kind === "discriminator-changed").length).toBeGreaterThan(0);
    expect(diff.bump).toBe("major");
  });
});

describe("components no operation uses: their responses, request bodies and path items", () => {
  const unused = (): OpDoc => {
    const d = operations();
    const text = () => ({ "application/json": { schema: { type: "string" } } });
    d.components = {
      schemas: {},
      responses: {
        R: { description: "R.", headers: { "X-R": { schema: { type: "string" } } }, content: text() },
      },
      requestBodies: { B: { content: text() } },
      parameters: { P: { name: "p", in: "query", schema: { type: "string" } } },
      headers: { H: { schema: { type: "string" } } },
      pathItems: {
        I: {
          get: {
            parameters: [{ name: "q", in: "query", schema: { type: "string" } }],
            responses: { "200": { description: "OK.", content: text() } },
          },
        },
      },
    };
    return d;
  };
  const c = (d: OpDoc) => d.components;
  const item = (d: OpDoc) => c(d).pathItems.I;
  const EDITS: Record<string, (d: OpDoc) => void> = {
    responseMediaAdded: (d) => {
      c(d).responses.R.content["text/csv"] = { schema: { type: "string" } };
    },
    responseWithoutMedia: (d) => {
      delete c(d).responses.R.content;
    },
    responseHeaderAdded: (d) => {
      c(d).responses.R.headers["X-S"] = { schema: { type: "string" } };
    },
    responseRequiredHeaderAdded: (d) => {
      c(d).responses.R.headers["X-S"] = { required: true, schema: { type: "string" } };
    },
    responseWithoutHeaders: (d) => {
      delete c(d).responses.R.headers;
    },
    responseHeaderRequired: (d) => {
      c(d).responses.R.headers["X-R"].required = true;
    },
    responseHeaderByRef: (d) => {
      c(d).responses.R.headers["X-R"] = { $ref: "#/components/headers/H" };
    },
    responseType: (d) => {
      c(d).responses.R.content["application/json"].schema = { type: "integer" };
    },
    bodyMediaAdded: (d) => {
      c(d).requestBodies.B.content["text/plain"] = { schema: { type: "string" } };
    },
    bodyWithoutMedia: (d) => {
      c(d).requestBodies.B.content = {};
    },
    bodyRequired: (d) => {
      c(d).requestBodies.B.required = true;
    },
    parameterRequired: (d) => {
      Object.assign(c(d).parameters.P, { required: true, in: "header", name: "p2" });
    },
    headerContent: (d) => {
      delete c(d).headers.H.schema;
      c(d).headers.H.content = { "application/json": { schema: { type: "object" } } };
    },
    itemResponseType: (d) => {
      item(d).get.responses["200"].content["application/json"].schema = { type: "integer" };
    },
    itemParameterRequired: (d) => {
      item(d).get.parameters[0].required = true;
    },
    itemMethodAdded: (d) => {
      item(d).post = { responses: { "200": { description: "OK." } } };
    },
    itemMethodSwapped: (d) => {
      item(d).put = item(d).get;
      delete item(d).get;
    },
    itemLevelParameter: (d) => {
      item(d).parameters = [{ name: "v", in: "header", required: true, schema: { type: "string" } }];
    },
    itemBody: (d) => {
      item(d).get.requestBody = { $ref: "#/components/requestBodies/B" };
    },
  };

  it("calls no change of the generated types a patch: each edit, made and undone", async () => {
    const { found, typeChanges } = await eachEdit(EDITS, unused);
    expect(found).toEqual([]);
    expect(typeChanges).toBeGreaterThanOrEqual(16);
  });

  it("calls no change of the generated types a patch: seeded sequences of edits", async () => {
    const names = Object.keys(EDITS);
    const apply = (steps: readonly string[]) => {
      const d = unused();
      for (const s of steps)
        try {
          (EDITS[s] as (d: OpDoc) => void)(d);
        } catch {
          // An edit an earlier one left nothing to apply to (headers gone, say) is skipped.
        }
      return d;
    };
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...names), { maxLength: 3 }),
        fc.array(fc.constantFrom(...names), { minLength: 1, maxLength: 3 }),
        async (s, t) => {
          const [before, after] = [apply(s), apply([...s, ...t])];
          expect(await disagreement(before, after)).toBeUndefined();
          expect(await disagreement(after, before)).toBeUndefined();
        },
      ),
      { seed: 20261204, numRuns: 60 },
    );
  });

  it("by the rules of an operation: a response's media types and headers, a body's media types, a path item's operations", () => {
    const kinds = (name: string, undo = false) => {
      const [plain, changed] = [unused(), unused()];
      (EDITS[name] as (d: OpDoc) => void)(changed);
      return (undo ? diffSpecs(changed, plain) : diffSpecs(plain, changed)).changes.map(
        (x) => `${x.severity} ${x.kind} ${x.location}`,
      );
    };
    expect(kinds("responseMediaAdded")).toEqual([
      "breaking response-media-added components › responses › R text/csv",
    ]);
    expect(kinds("responseHeaderAdded", true)).toEqual([
      "breaking response-header-removed components › responses › R › header x-s",
    ]);
    expect(kinds("responseHeaderRequired")).toEqual([
      "addition response-header-now-required components › responses › R › header x-r",
    ]);
    expect(kinds("bodyMediaAdded")).toEqual([
      "addition request-media-added components › requestBodies › B › request text/plain",
    ]);
    expect(kinds("bodyWithoutMedia")).toEqual([
      "breaking request-body-removed components › requestBodies › B",
    ]);
    expect(kinds("itemParameterRequired")).toEqual([
      "breaking parameter-now-required components › pathItems › I › GET › parameter query:q",
    ]);
    expect(kinds("itemMethodSwapped")).toEqual([
      "breaking operation-removed components › pathItems › I › GET",
      "addition operation-added components › pathItems › I › PUT",
    ]);
    // The schemas an unused response carries are compared both ways: a narrower one is breaking too.
    expect(kinds("responseType").filter((k) => k.startsWith("breaking"))).not.toEqual([]);
    // What no generated type holds stays an unclassified patch: an unused body's `required`.
    expect(kinds("bodyRequired")).toEqual([
      "patch unclassified-change #/components/requestBodies/B/required",
    ]);
  });

  it("a path item the paths use by $ref is compared there, once", () => {
    const used = (edit?: (d: OpDoc) => void) => {
      const d = unused();
      d.paths["/items"] = { $ref: "#/components/pathItems/I" };
      edit?.(d);
      return d;
    };
    expect(
      diffSpecs(used(), used(EDITS.itemParameterRequired)).changes.map((x) => `${x.kind} ${x.location}`),
    ).toEqual(["parameter-now-required GET /items › parameter query:q"]);
  });
});

describe("boolean component schemas", () => {
  const withB = (b: unknown, used = false): OpDoc => {
    const d = operations();
    d.components.schemas = { B: b };
    if (used) get(d).responses["200"].content["application/json"].schema = { $ref: "#/components/schemas/B" };
    return d;
  };
  const forms: unknown[] = [true, false, { type: "string" }, {}];

  it("one nothing uses, turned into another (`unknown`, `never`, a type), is never a patch", async () => {
    const found: string[] = [];
    for (const a of forms)
      for (const b of forms) {
        if (a === b) continue;
        const problem = await disagreement(withB(a), withB(b));
        if (problem) found.push(`${JSON.stringify(a)} → ${JSON.stringify(b)}: ${problem}`);
        // `true` and `{}` are both any value (`unknown`): a patch between them is right.
        const anything = (x: unknown) => x === true || JSON.stringify(x) === "{}";
        if (!(anything(a) && anything(b)))
          expect(diffSpecs(withB(a), withB(b)).changes.map((c) => c.location)).toContain(
            "components › schemas › B",
          );
      }
    expect(found).toEqual([]);
  });

  it("one a response uses is compared there, as what the response returns", () => {
    const diff = diffSpecs(withB({ type: "string" }, true), withB(true, true));
    expect(diff.changes.map((c) => `${c.severity} ${c.location}`)).toEqual([
      "breaking GET /things/{id} › response 200",
    ]);
  });
});

describe("a new response with the body of another of its class", () => {
  const withCreated = (schema?: Record<string, unknown>): OpDoc => {
    const d = operations();
    const ok = get(d).responses["200"];
    if (schema)
      get(d).responses["201"] = { description: "Made.", content: { "application/json": { schema } } };
    ok.content["application/json"].schema = {
      type: "object",
      properties: { description: { type: "string" }, title: { type: "integer" } },
    };
    return d;
  };
  const kinds = (schema: Record<string, unknown>) =>
    diffSpecs(withCreated(), withCreated(schema)).changes.map((c) => `${c.severity} ${c.kind}`);

  it("is an addition when the schemas differ only in documentation (fields named like keywords are fields)", async () => {
    const documented = {
      type: "object",
      description: "What was made.",
      title: "Made",
      example: { description: "x", title: 1 },
      deprecated: true,
      properties: {
        description: { type: "string", description: "A field named description.", examples: ["a"] },
        title: { type: "integer", title: "A field named title." },
      },
    };
    expect(kinds(documented)).toEqual(["addition response-added"]);
    // The oracle: `data` is typed the same with either body (comments aside).
    const [same, documentedDoc] = [
      withCreated(structuredClone(get(withCreated()).responses["200"].content["application/json"].schema)),
      withCreated(documented),
    ];
    expect(await types(same)).toBe(await types(documentedDoc));
  });

  it("is breaking when a field differs, even one named like a documentation keyword", () => {
    expect(
      kinds({ type: "object", properties: { description: { type: "integer" }, title: { type: "integer" } } }),
    ).toEqual(["breaking response-added"]);
    expect(kinds({ type: "object", properties: { title: { type: "integer" } } })).toEqual([
      "breaking response-added",
    ]);
  });
});

describe("review 128", () => {
  const text = (type = "string") => ({ "application/json": { schema: { type } } });
  const doc = (components: OpDoc, edit?: (d: OpDoc) => void): OpDoc => {
    const d = operations();
    d.components = structuredClone(components);
    edit?.(d);
    return d;
  };
  const listed = (x: OpDoc, y: OpDoc) =>
    diffSpecs(x, y).changes.map((c) => `${c.severity} ${c.kind} ${c.location}`);

  it("a path item's own parameter that an operation overrides is compared (paths and unused path items)", async () => {
    const q = (type: string) => ({ name: "q", in: "query", schema: { type } });
    const item = (type: string) => ({
      parameters: [q(type)],
      get: {
        summary: "a",
        parameters: [q("string")],
        responses: { "200": { description: "o", content: text() } },
      },
    });
    const [x, y] = [doc({ pathItems: { I: item("string") } }), doc({ pathItems: { I: item("integer") } })];
    expect(await disagreement(x, y)).toBeUndefined();
    expect(listed(x, y)).toContain(
      "breaking type-changed components › pathItems › I › path parameter query:q",
    );
    const [p, r] = [operations(), operations()];
    p.paths["/things/{id}"].parameters.push(q("string"));
    r.paths["/things/{id}"].parameters.push(q("integer"));
    get(p).parameters[0].schema = { type: "string" };
    get(r).parameters[0].schema = { type: "string" };
    post(p).parameters = [q("string")];
    post(r).parameters = [q("string")];
    expect(await disagreement(p, r)).toBeUndefined();
    expect(listed(p, r)).toContain("breaking type-changed /things/{id} › path parameter query:q");
  });

  it("a response header spelled otherwise is another key of the types", async () => {
    const withHeader = (name: string) => {
      const d = operations();
      get(d).responses["200"].headers = { [name]: { required: true, schema: { type: "string" } } };
      return d;
    };
    const [x, y] = [withHeader("X-A"), withHeader("x-a")];
    expect(await disagreement(x, y)).toBeUndefined();
    expect(listed(x, y)).toEqual([
      "breaking response-header-renamed GET /things/{id} › response 200 › header x-a",
    ]);
  });

  it("a response or body a webhook uses by $ref: its media types and headers are the webhook's", async () => {
    const hooked = (edit?: (d: OpDoc) => void) =>
      doc(
        {
          responses: {
            R: { description: "r", headers: { "X-R": { schema: { type: "string" } } }, content: text() },
          },
          requestBodies: { B: { content: text() } },
        },
        (d) => {
          d.webhooks = {
            h: {
              post: {
                requestBody: { $ref: "#/components/requestBodies/B" },
                responses: { "200": { $ref: "#/components/responses/R" } },
              },
            },
          };
          edit?.(d);
        },
      );
    for (const edit of [
      (d: OpDoc) => {
        d.components.responses.R.headers["X-S"] = { required: true, schema: { type: "string" } };
      },
      (d: OpDoc) => {
        d.components.responses.R.content["text/csv"] = { schema: { type: "string" } };
      },
      (d: OpDoc) => {
        d.components.requestBodies.B.content["text/plain"] = { schema: { type: "string" } };
      },
    ]) {
      const [x, y] = [hooked(), hooked(edit)];
      expect(await disagreement(x, y)).toBeUndefined();
      expect(diffSpecs(x, y).changes.map((c) => c.kind)).toContain("webhook-changed");
    }
  });

  it("a boolean schema used in one version only is compared; a large enum beside it does not overflow", async () => {
    const [x, y] = [
      doc({ schemas: { B: { type: "string" } } }, (d) => {
        get(d).responses["200"].content["application/json"].schema = { $ref: "#/components/schemas/B" };
      }),
      doc({ schemas: { B: true } }),
    ];
    expect(await disagreement(x, y)).toBeUndefined();
    const big = (b: unknown) =>
      doc({
        schemas: { B: b, Big: { type: "string", enum: Array.from({ length: 200_000 }, (_, i) => `v${i}`) } },
      });
    expect(diffSpecs(big(true), big(false)).bump).toBe("major");
  });

  it("an unused path item: its security is not weighed; a deep $ref into it does not make it used; an alias of it is not compared again", () => {
    const item = (extra: OpDoc = {}) => ({
      get: { responses: { "200": { description: "o", content: text() } }, ...extra },
    });
    expect(
      diffSpecs(
        doc({ pathItems: { I: item({ security: [{ a: [] }] }) } }),
        doc({ pathItems: { I: item({ security: [{ b: [] }] }) } }),
      ).bump,
    ).toBe("patch");
    const deep = (d: OpDoc) => {
      get(d).responses["200"].content["application/json"].schema = {
        $ref: "#/components/pathItems/I/get/responses/200/content/application~1json/schema",
      };
    };
    const [x, y] = [doc({ pathItems: { I: item() } }, deep), doc({ pathItems: { I: item() } }, deep)];
    y.components.pathItems.I.post = { responses: { "200": { description: "o" } } };
    expect(listed(x, y)).toEqual(["addition operation-added components › pathItems › I › POST"]);
    const aliased = (type: string) => ({
      J: { $ref: "#/components/pathItems/I" },
      I: { get: { responses: { "200": { description: "o", content: text(type) } } } },
    });
    expect(
      diffSpecs(doc({ pathItems: aliased("string") }), doc({ pathItems: aliased("integer") })).changes.map(
        (c) => c.location,
      ),
    ).toEqual(["components › pathItems › I › GET › response 200"]);
  });

  it("a `$ref` with a malformed % escape is read as written", () => {
    const d = (type: string) =>
      doc({ schemas: { "50%off": { type } } }, (x) => {
        get(x).responses["200"].content["application/json"].schema = { $ref: "#/components/schemas/50%off" };
      });
    expect(diffSpecs(d("string"), d("integer")).bump).toBe("major");
  });
});

/** A document with no paths and one webhook, `ev`, whose POST is `post`. */
function webhookDoc(post: OpDoc, components?: OpDoc): OpDoc {
  return {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: {},
    ...(components ? { components } : {}),
    webhooks: { ev: { post } },
  };
}

describe("review 129", () => {
  const webhook = (type: string) =>
    webhookDoc({
      parameters: [{ name: "q", in: "query", schema: { type } }],
      responses: { "200": { description: "ok", headers: { "X-A": { schema: { type } } } } },
    });

  it("a webhook's parameter and response header schemas count in its changes", async () => {
    const [x, y] = [webhook("string"), webhook("integer")];
    expect(await disagreement(x, y)).toBeUndefined();
    expect(diffSpecs(x, y).changes.map((c) => `${c.severity} ${c.kind}`)).toEqual([
      "breaking webhook-changed",
      "breaking webhook-changed",
    ]);
  });

  it("a response two webhooks name by $ref: a change in a type is listed once, an extension, link or encoding is no type's", async () => {
    const shared = (edit?: (r: OpDoc) => void): OpDoc => {
      const d = operations();
      const r: OpDoc = {
        description: "Refused.",
        content: {
          "application/json": { schema: { type: "object", properties: { code: { type: "string" } } } },
        },
      };
      edit?.(r);
      d.components.responses = { R: r };
      get(d).responses["404"] = { $ref: "#/components/responses/R" };
      const hook = () => ({ post: { responses: { "400": { $ref: "#/components/responses/R" } } } });
      d.webhooks = { e1: hook(), e2: hook() };
      return d;
    };
    for (const edit of [
      (r: OpDoc) => {
        r["x-internal"] = true;
      },
      (r: OpDoc) => {
        r.links = { L: { operationId: "getThing" } };
      },
      (r: OpDoc) => {
        r.content["application/json"]["x-foo"] = 1;
        r.content["application/json"].encoding = { code: { contentType: "text/plain" } };
      },
    ]) {
      const [x, y] = [shared(), shared(edit)];
      expect(await types(x)).toBe(await types(y));
      expect(diffSpecs(x, y).bump).toBe("patch");
    }
    // Listed once, also when the second webhook spells its $ref another way (%52 is R).
    const spelled = (edit?: (r: OpDoc) => void) => {
      const d = shared(edit);
      d.webhooks.e2.post.responses["400"] = { $ref: "#/components/responses/%52" };
      return d;
    };
    for (const doc of [shared, spelled]) {
      const header = diffSpecs(
        doc(),
        doc((r) => {
          r.headers = { "X-New": { schema: { type: "string" } } };
        }),
      ).changes.filter((c) => c.kind === "webhook-changed");
      expect(header.map((c) => c.location)).toEqual(["#/components/responses/R/headers"]);
    }
  });
});

describe("review 130", () => {
  const hooked = (edit?: (d: OpDoc) => void): OpDoc => {
    const d = webhookDoc(
      {
        parameters: [
          { $ref: "#/components/parameters/P" },
          { name: "q", in: "query", schema: { type: "string", enum: ["a", "b"] } },
        ],
        requestBody: {
          content: {
            "application/json": { schema: { type: "object", properties: { x: { type: "string" } } } },
          },
        },
        responses: { "200": { description: "ok" } },
      },
      { parameters: { P: { name: "p", in: "query", schema: { type: "string" } } } },
    );
    edit?.(d);
    return d;
  };
  const post = (d: OpDoc) => d.webhooks.ev.post;

  it("a parameter a webhook names by $ref counts in its changes", async () => {
    for (const edit of [
      (d: OpDoc) => {
        d.components.parameters.P.required = true;
      },
      (d: OpDoc) => {
        d.components.parameters.P.name = "p2";
      },
      (d: OpDoc) => {
        d.components.parameters.P.in = "header";
      },
    ]) {
      const [x, y] = [hooked(), hooked(edit)];
      expect(await types(x)).not.toBe(await types(y));
      expect(await disagreement(x, y)).toBeUndefined();
      expect(diffSpecs(x, y).changes.map((c) => c.kind)).toContain("webhook-changed");
    }
  });

  it("what no type of a webhook holds (deprecation, tags, callbacks, a style, extensions, examples) is not breaking", async () => {
    for (const edit of [
      (d: OpDoc) => {
        Object.assign(post(d), { deprecated: true, tags: ["t"] });
      },
      (d: OpDoc) => {
        post(d).callbacks = {
          c: { "{$request.body#/u}": { post: { responses: { "200": { description: "k" } } } } },
        };
      },
      (d: OpDoc) => {
        post(d).parameters[1].style = "spaceDelimited";
      },
      (d: OpDoc) => {
        post(d).parameters[1].schema["x-enum-varnames"] = ["A", "B"];
      },
      (d: OpDoc) => {
        post(d).parameters[1].examples = { one: { value: "a", summary: "One." } };
      },
    ]) {
      const [x, y] = [hooked(), hooked(edit)];
      expect(await types(x)).toBe(await types(y));
      expect(diffSpecs(x, y).bump).not.toBe("major");
    }
  });
});

describe("review 131", () => {
  const hook = (schema: unknown): OpDoc =>
    webhookDoc({
      parameters: [{ name: "q", in: "header", required: true, schema }],
      responses: { "200": { description: "ok" } },
    });

  it("what a `const` holds is data, typed, even under keys named like keywords", async () => {
    for (const key of ["x-id", "deprecated", "title"]) {
      const [x, y] = [hook({ const: { [key]: "a" } }), hook({ const: { [key]: 1 } })];
      expect(await types(x)).not.toBe(await types(y));
      expect(diffSpecs(x, y).bump).toBe("major");
    }
  });

  it("a field named like a map's keyword (properties, content, headers) is a name: the keywords under it are keywords", async () => {
    for (const [field, keyword, before, after] of [
      ["properties", "title", "a", "b"],
      ["content", "deprecated", false, true],
      ["headers", "x-a", 1, 2],
    ] as const) {
      const schema = (v: unknown) => ({
        type: "object",
        properties: { [field]: { type: "string", [keyword]: v } },
      });
      const [x, y] = [hook(schema(before)), hook(schema(after))];
      expect(await types(x)).toBe(await types(y));
      expect(diffSpecs(x, y).bump).not.toBe("major");
    }
  });
});

describe("a response header given twice, in two cases", () => {
  it("is two keys of the types: one of them dropped is breaking", async () => {
    const withHeaders = (...names: string[]) => {
      const d = operations();
      get(d).responses["200"].headers = Object.fromEntries(
        names.map((n) => [n, { schema: { type: "string" } }]),
      );
      return d;
    };
    const [x, y] = [withHeaders("X-Rate", "x-rate"), withHeaders("x-rate")];
    expect(await types(x)).not.toBe(await types(y));
    expect(await disagreement(x, y)).toBeUndefined();
    expect(diffSpecs(x, y).changes.map((c) => `${c.severity} ${c.kind}`)).toEqual([
      "breaking response-header-renamed",
    ]);
    expect(diffSpecs(withHeaders("x-rate", "X-Rate"), withHeaders("X-Rate", "x-rate")).bump).toBe("none");
  });
});

describe("a response component used in both versions, but by other operations", () => {
  it("is compared on its own when no use site compares it with itself", async () => {
    const text = (type: string) => ({ "application/json": { schema: { type } } });
    const twoPaths = (refAt: "/x" | "/y", type: string): OpDoc => {
      const inline = { description: "ok", content: text(refAt === "/x" ? "integer" : "string") };
      const d: OpDoc = {
        openapi: "3.1.0",
        info: { title: "t", version: "1" },
        paths: {
          "/x": {
            get: { responses: { "200": refAt === "/x" ? { $ref: "#/components/responses/R" } : inline } },
          },
          "/y": {
            get: { responses: { "200": refAt === "/y" ? { $ref: "#/components/responses/R" } : inline } },
          },
        },
        components: { responses: { R: { description: "r", content: text(type) } } },
      };
      return d;
    };
    // /x answers string and /y integer in both versions; R moves from /x to /y and becomes integer.
    const [x, y] = [twoPaths("/x", "string"), twoPaths("/y", "integer")];
    expect(await types(x)).not.toBe(await types(y));
    expect(await disagreement(x, y)).toBeUndefined();
    expect(diffSpecs(x, y).changes.map((c) => c.location)).toContain(
      "components › responses › R application/json",
    );
    // Used by the same operation in both: compared there only.
    const [p, q] = [twoPaths("/x", "string"), twoPaths("/x", "integer")];
    expect(diffSpecs(p, q).changes.map((c) => c.location)).toEqual(["GET /x › response 200"]);
  });
});

describe("review 132", () => {
  const body = (narrowed: boolean) => ({
    description: "d",
    content: {
      "application/json": {
        schema: {
          type: "object",
          required: ["code"],
          properties: { code: { type: "string", ...(narrowed ? { enum: ["a"] } : {}) } },
        },
      },
    },
  });
  const spec = (paths: Record<string, string>, responses: Record<string, unknown>): OpDoc => ({
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: Object.fromEntries(
      Object.entries(paths).map(([path, ref]) => [path, { get: { responses: { "200": { $ref: ref } } } }]),
    ),
    components: { responses },
  });
  const listed = (x: OpDoc, y: OpDoc) => {
    const diff = diffSpecs(x, y);
    return { bump: diff.bump, locations: diff.changes.map((c) => c.location) };
  };

  it("a response narrowed where it is used is an addition, listed once, however its $ref is spelled", () => {
    expect(
      listed(
        spec({ "/a": "#/components/responses/Not%20Found" }, { "Not Found": body(false) }),
        spec({ "/a": "#/components/responses/Not Found" }, { "Not Found": body(true) }),
      ),
    ).toEqual({ bump: "minor", locations: ["GET /a › response 200.code"] });
  });

  it("two responses that swap operations are compared as responses: a narrowed one is an addition", () => {
    const { bump } = listed(
      spec(
        { "/a": "#/components/responses/R1", "/b": "#/components/responses/R2" },
        { R1: body(false), R2: body(false) },
      ),
      spec(
        { "/a": "#/components/responses/R2", "/b": "#/components/responses/R1" },
        { R1: body(true), R2: body(false) },
      ),
    );
    expect(bump).toBe("minor");
  });

  it("a response that becomes an alias of another is compared where it is used, once", () => {
    expect(
      listed(
        spec({ "/a": "#/components/responses/A" }, { A: body(false) }),
        spec(
          { "/a": "#/components/responses/A" },
          { A: { $ref: "#/components/responses/B" }, B: body(true) },
        ),
      ),
    ).toEqual({ bump: "minor", locations: ["components › responses › B", "GET /a › response 200.code"] });
  });
});
