// In-process type generation for one spec, with openapi-typescript's own transform and printer.
//
// `openapiTS()` always lints the document with Redocly's "minimal" rules and bundles it before it
// transforms it: on the 410 kB Commerce Layer spec that is over half of its ~230 ms. Our specs are
// single files, linted by the stricter `spec/redocly.yaml` (`pnpm lint`), so here the document is
// parsed with the same YAML loader Redocly uses (load-spec.mjs) and handed straight to
// openapi-typescript's `transformSchema`, with the context `openapiTS()` builds from the same
// options, when the document has the plain shape our specs have (fastPathFits: nothing for Redocly
// to check, resolve or rewrite). Any other document goes through `openapiTS()` as is. The result
// is byte for byte what `openapiTS()` prints: test/typegen.test.ts compares the two for every spec
// and for the shapes the fast path refuses.
import { pathToFileURL } from "node:url";
import openapiTS, { astToString, resolveRef, scanDiscriminators, transformSchema } from "openapi-typescript";
import { loadSpec } from "./load-spec.mjs";

/**
 * Options, chosen deliberately (see packages/types/README.md):
 * - alphabetize: stable output, so spec edits give small, reviewable diffs.
 * - enum false: string-literal unions, no runtime code in a types-only package.
 * - immutable false: users build request bodies from plain arrays/objects without casts.
 * - exactOptionalPropertyTypes false: optional props accept `undefined`, so the types work with and
 *   without the compiler flag.
 * - defaultNonNullable true (the v7 default): a response field with a default is never undefined.
 */
export const OPTIONS = Object.freeze({
  alphabetize: true,
  enum: false,
  immutable: false,
  exactOptionalPropertyTypes: false,
  defaultNonNullable: true,
  additionalProperties: false,
});

/**
 * The TypeScript source (without our header) for the spec at `specPath`, exactly as
 * `astToString(await openapiTS(url, OPTIONS))` prints it. Only a document in the plain shape our
 * specs have (see {@link fastPathFits}) takes the fast path; any other goes through `openapiTS()`,
 * which then decides, and refuses what it refuses with its own message.
 */
export async function typegen(specPath) {
  const schema = loadSpec(specPath);
  if (!fastPathFits(schema)) return astToString(await openapiTS(pathToFileURL(specPath), OPTIONS));
  const nodes = withNumericCollation(() => transformSchema(schema, contextFor(schema)));
  return astToString(nodes);
}

/** Keys whose value may be a Reference Object (a schema or a component in its place). */
const REF_AT_KEY = new Set([
  "schema",
  "items",
  "additionalProperties",
  "not",
  "if",
  "then",
  "else",
  "contains",
  "propertyNames",
  "contentSchema",
  "unevaluatedItems",
  "unevaluatedProperties",
  "requestBody",
]);
/** Maps whose entries may be Reference Objects. */
const REF_IN_MAP = new Set([
  "properties",
  "patternProperties",
  "$defs",
  "responses",
  "headers",
  "examples",
  "links",
  "schemas",
  "parameters",
  "requestBodies",
  "securitySchemes",
  "paths",
]);
/** Lists whose items may be Reference Objects. */
const REF_IN_LIST = new Set(["allOf", "oneOf", "anyOf", "prefixItems", "parameters"]);
/** A local pointer with nothing to unescape or decode: `#/a/b_c.d-e`. */
const PLAIN_POINTER = /^#(?:\/[A-Za-z0-9_.-]+)+$/;
const METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

/**
 * True when the document has the plain shape in which openapi-typescript's transform, given the
 * parsed document, prints what `openapiTS()` prints: OpenAPI 3.0.x or 3.1.x with a `components`
 * object; every `$ref` a plain local pointer, in a place that takes a Reference Object, to a key
 * that exists (not through another `$ref`); no webhooks, callbacks, path-item components or
 * discriminator mappings (which Redocly's bundling rewrites); no operationId used twice. Anything
 * else is left to `openapiTS()`, so the fast path never guesses.
 */
export function fastPathFits(doc) {
  if (!isObject(doc) || "swagger" in doc) return false;
  if (typeof doc.openapi !== "string" || !/^3\.[01]\.\d+$/.test(doc.openapi)) return false;
  if (!isObject(doc.components) || "webhooks" in doc) return false;
  if ("pathItems" in doc.components || "callbacks" in doc.components) return false;
  let fits = true;
  const visit = (node, key, parentKey) => {
    if (!fits || node === null || typeof node !== "object") return;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length && fits; i++) visit(node[i], i, key);
      return;
    }
    if ("$ref" in node) {
      const ref = node.$ref;
      const placed =
        typeof key === "number"
          ? REF_IN_LIST.has(parentKey)
          : REF_AT_KEY.has(key) || REF_IN_MAP.has(parentKey);
      if (typeof ref !== "string" || !placed || !PLAIN_POINTER.test(ref) || !resolves(doc, ref)) {
        fits = false;
        return;
      }
    }
    if (key === "discriminator" && "mapping" in node) {
      fits = false;
      return;
    }
    for (const child of Object.keys(node)) {
      if (child === "callbacks") {
        fits = false;
        return;
      }
      visit(node[child], child, key);
    }
  };
  visit(doc, undefined, undefined);
  if (!fits) return false;
  const ids = new Set();
  for (const item of Object.values(doc.paths ?? {})) {
    if (!isObject(item)) continue;
    for (const [method, operation] of Object.entries(item)) {
      const id = METHODS.has(method) && isObject(operation) ? operation.operationId : undefined;
      if (id === undefined) continue;
      if (typeof id !== "string" || ids.has(id)) return false;
      ids.add(id);
    }
  }
  return true;
}

function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** True when a plain local pointer names an own key at every step (no `$ref` on the way). */
function resolves(doc, ref) {
  let node = doc;
  for (const key of ref.slice(2).split("/")) {
    if (!isObject(node) || "$ref" in node || !Object.hasOwn(node, key)) return false;
    node = node[key];
  }
  return node !== undefined;
}

/** The transform context `openapiTS()` (7.13) builds for OPTIONS; the parity test keeps them equal. */
function contextFor(schema) {
  return {
    additionalProperties: OPTIONS.additionalProperties,
    alphabetize: OPTIONS.alphabetize,
    arrayLength: false,
    defaultNonNullable: OPTIONS.defaultNonNullable,
    discriminators: scanDiscriminators(schema, OPTIONS),
    emptyObjectsUnknown: false,
    enum: OPTIONS.enum,
    enumValues: false,
    conditionalEnums: false,
    dedupeEnums: false,
    excludeDeprecated: false,
    exportType: false,
    immutable: OPTIONS.immutable,
    rootTypes: false,
    rootTypesNoSchemaPrefix: false,
    rootTypesKeepCasing: false,
    injectFooter: [],
    pathParamsAsTypes: false,
    postTransform: undefined,
    propertiesRequiredByDefault: false,
    redoc: undefined,
    silent: false,
    inject: undefined,
    transform: undefined,
    transformProperty: undefined,
    makePathsEnum: false,
    generatePathParams: false,
    readWriteMarkers: false,
    resolve($ref) {
      return resolveRef(schema, $ref, { silent: false });
    },
  };
}

/**
 * `alphabetize` sorts every key list with `a.localeCompare(b, "en-us", { numeric: true })`, which
 * sets up ICU collation on each comparison (a third of the transform). By definition that call
 * equals `new Intl.Collator("en-us", { numeric: true }).compare(a, b)`, so for the synchronous
 * transform alone `localeCompare` with exactly those arguments uses one such collator; any other
 * call, and everything after the transform, gets the original.
 */
function withNumericCollation(run) {
  const original = String.prototype.localeCompare;
  const compare = new Intl.Collator("en-us", { numeric: true }).compare;
  String.prototype.localeCompare = function localeCompare(that, locales, options) {
    if (
      locales === "en-us" &&
      options !== null &&
      typeof options === "object" &&
      options.numeric === true &&
      Object.keys(options).length === 1
    )
      return compare(String(this), String(that));
    return original.call(this, that, locales, options);
  };
  try {
    return run();
  } finally {
    String.prototype.localeCompare = original;
  }
}
