// In-process type generation for one spec, with openapi-typescript's own transform and printer.
//
// `openapiTS()` always lints the document with Redocly's "minimal" rules and bundles it before it
// transforms it: on the 410 kB Commerce Layer spec that is over half of its ~230 ms. Our specs are
// single files, linted by the stricter `spec/redocly.yaml` (`pnpm lint`), so here the document is
// parsed with the same YAML loader Redocly uses and handed straight to openapi-typescript's
// `transformSchema`, with the context `openapiTS()` builds from the same options, after the checks
// `openapiTS()` would have made (checkDocument). A spec with a `$ref` into another document (which
// needs bundling) goes through `openapiTS()` as is. The result is byte for byte what `openapiTS()`
// prints: test/typegen.test.ts compares the two for every spec.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { parseYaml } from "@redocly/openapi-core";
import openapiTS, { astToString, resolveRef, scanDiscriminators, transformSchema } from "openapi-typescript";

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
 * `astToString(await openapiTS(url, OPTIONS))` prints it, refusing what `openapiTS()` refuses
 * before it transforms: a document that is not OpenAPI 3.x, a `$ref` that resolves to nothing
 * (anywhere, examples included), and an operationId used twice.
 */
export async function typegen(specPath) {
  const text = readFileSync(specPath, "utf8");
  let schema;
  try {
    schema = parseYaml(text);
  } catch (error) {
    // js-yaml's error carries the whole text; say where, not what the file holds.
    const mark = error?.mark;
    const where = mark ? ` (line ${mark.line + 1}, column ${mark.column + 1})` : "";
    throw new Error(`${specPath}: not valid YAML${where}: ${error?.reason ?? error?.message}`);
  }
  const { external } = checkDocument(schema, specPath);
  // A `$ref` into another document needs Redocly's bundling: openapiTS() as is.
  if (external) return astToString(await openapiTS(pathToFileURL(specPath), OPTIONS));
  const nodes = withNumericCollation(() => transformSchema(schema, contextFor(schema)));
  return astToString(nodes);
}

const METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

/**
 * The checks `openapiTS()` makes before it transforms (its OpenAPI version check, Redocly's `$ref`
 * resolution and its one lint rule, unique operationIds), in one walk over the parsed document.
 * Throws on the first problem; `external` is true when a `$ref` points into another document (which
 * this walk does not follow).
 */
export function checkDocument(doc, name = "spec") {
  if (doc === null || typeof doc !== "object" || Array.isArray(doc))
    throw new Error(`${name}: expected an OpenAPI 3.x document, got ${doc === null ? "null" : typeof doc}`);
  if (doc.swagger) throw new Error(`${name}: unsupported Swagger version ${doc.swagger}; use OpenAPI 3.x`);
  const version = Number.parseFloat(doc.openapi);
  if (!doc.openapi || Number.isNaN(version) || version < 3 || version >= 4)
    throw new Error(
      `${name}: unsupported OpenAPI version ${JSON.stringify(doc.openapi ?? null)}; expected 3.x`,
    );
  let external = false;
  const path = [];
  const visit = (node) => {
    if (node === null || typeof node !== "object") return;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        path.push(i);
        visit(node[i]);
        path.pop();
      }
      return;
    }
    const ref = node.$ref;
    if (typeof ref === "string") {
      if (!ref.startsWith("#")) external = true;
      else if (resolvePointer(doc, ref) === undefined)
        throw new Error(`${name}: can't resolve $ref ${JSON.stringify(ref)} at #/${path.join("/")}`);
    }
    for (const key of Object.keys(node)) {
      path.push(key);
      visit(node[key]);
      path.pop();
    }
  };
  visit(doc);
  const seen = new Map();
  for (const [route, item] of Object.entries(doc.paths ?? {})) {
    if (item === null || typeof item !== "object") continue;
    for (const [method, operation] of Object.entries(item)) {
      const id = METHODS.has(method) ? operation?.operationId : undefined;
      if (id === undefined) continue;
      const where = `${method.toUpperCase()} ${route}`;
      if (seen.has(id))
        throw new Error(
          `${name}: operationId ${JSON.stringify(id)} is used by ${seen.get(id)} and ${where}; every operation needs its own`,
        );
      seen.set(id, where);
    }
  }
  return { external };
}

/** The value a local JSON pointer (`#/a/b~1c`, percent-encoded or not) names, or undefined. */
function resolvePointer(doc, ref) {
  if (ref === "#") return doc;
  if (!ref.startsWith("#/")) return undefined;
  let node = doc;
  for (const raw of ref.slice(2).split("/")) {
    let key;
    try {
      key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    } catch {
      return undefined;
    }
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
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
