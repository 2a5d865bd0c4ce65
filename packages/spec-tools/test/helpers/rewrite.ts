/**
 * Rewrites of parsed specs that change their form but not their meaning, for tests: key order,
 * set order, and the OpenAPI 3.1 → 3.0 nullability and keyword forms.
 */
type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Keys whose object values map names to things (not schemas themselves). */
const MAPS = new Set([
  "properties",
  "patternProperties",
  "schemas",
  "responses",
  "parameters",
  "requestBodies",
  "headers",
  "securitySchemes",
  "links",
  "callbacks",
  "paths",
  "content",
  "encoding",
  "mapping",
  "variables",
  "webhooks",
]);
/** Keys whose values are data, never rewritten. */
const DATA = new Set(["example", "examples", "default", "enum", "const", "x-examples"]);
/** Keys whose arrays are sets. */
const SETS = new Set(["required", "enum", "type"]);

/** Reverses the key order of every object and the order of every `required`, `enum` and `type`. */
export function reorder(value: unknown, key = ""): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v) => reorder(v));
    return SETS.has(key) ? items.reverse() : items;
  }
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reorder(v, k)]),
  );
}

function isNullBranch(value: unknown): boolean {
  return isObject(value) && value.type === "null" && Object.keys(value).length === 1;
}

function schemaTo30(schema: Json): Json {
  const out: Json = { ...schema };
  if (Array.isArray(out.type)) {
    const types = out.type.filter((t) => t !== "null");
    if (types.length < out.type.length) out.nullable = true;
    if (types.length === 1) out.type = types[0];
    else {
      delete out.type;
      out.anyOf = types.map((type) => ({ type }));
    }
  }
  for (const union of ["anyOf", "oneOf"] as const) {
    const branches = out[union];
    if (Array.isArray(branches) && branches.some(isNullBranch)) {
      out[union] = branches.filter((b) => !isNullBranch(b));
      out.nullable = true;
    }
  }
  if ("const" in out) {
    out.enum = [out.const];
    delete out.const;
  }
  for (const [exclusive, bound] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ] as const)
    if (typeof out[exclusive] === "number") {
      out[bound] = out[exclusive];
      out[exclusive] = true;
    }
  if (Array.isArray(out.examples)) {
    out.example = out.examples[0];
    delete out.examples;
  }
  return out;
}

function walkTo30(value: unknown, key: string, inMap: boolean): unknown {
  if (DATA.has(key) && !inMap) return value;
  if (Array.isArray(value)) return value.map((v) => walkTo30(v, "", false));
  if (!isObject(value)) return value;
  const isMap = MAPS.has(key) && !inMap;
  const children = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walkTo30(v, k, isMap)]));
  return isMap ? children : schemaTo30(children);
}

/**
 * An OpenAPI 3.1 document as a vendor still on 3.0 would write it: `type: [T, "null"]` and
 * `{type: "null"}` branches become `nullable: true`, `const` becomes a one-value `enum`, numeric
 * `exclusiveMinimum`/`exclusiveMaximum` become booleans, schema `examples` become `example`.
 */
export function toOpenApi30(doc: Json): Json {
  const out = walkTo30(doc, "", false) as Json;
  out.openapi = "3.0.3";
  const info = isObject(out.info) ? { ...out.info } : {};
  delete info.summary;
  if (isObject(info.license)) info.license = { name: info.license.name };
  out.info = info;
  return out;
}

function schemaTo31(schema: Json): Json {
  const { nullable, ...out } = schema;
  if (nullable !== true) return schema;
  if (typeof out.type === "string") return { ...out, type: [out.type, "null"] };
  for (const union of ["anyOf", "oneOf"] as const) {
    const branches = out[union];
    if (Array.isArray(branches)) return { ...out, [union]: [...branches, { type: "null" }] };
  }
  if (Array.isArray(out.allOf)) {
    // `type: [object, "null"]` next to `allOf` would not admit null: every member must match.
    const { allOf, ...rest } = out;
    return { ...rest, anyOf: [{ allOf }, { type: "null" }] };
  }
  return out; // No type: anything, null included.
}

function walkTo31(value: unknown, key: string, inMap: boolean): unknown {
  if (DATA.has(key) && !inMap) return value;
  if (Array.isArray(value)) return value.map((v) => walkTo31(v, "", false));
  if (!isObject(value)) return value;
  const isMap = MAPS.has(key) && !inMap;
  const children = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walkTo31(v, k, isMap)]));
  return isMap ? children : schemaTo31(children);
}

/**
 * An OpenAPI 3.0 document migrated to 3.1 the way vendors do it: `nullable: true` becomes
 * `type: [T, "null"]`, a `{type: "null"}` branch on an `anyOf`/`oneOf` (or around an `allOf`), or
 * nothing on an untyped schema.
 */
export function toOpenApi31(doc: Json): Json {
  const out = walkTo31(doc, "", false) as Json;
  out.openapi = "3.1.0";
  return out;
}
