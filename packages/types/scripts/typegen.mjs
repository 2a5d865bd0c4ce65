// In-process type generation for one spec, with openapi-typescript's own transform and printer.
//
// `openapiTS()` always lints the document with Redocly's "minimal" rules and bundles it before it
// transforms it: on the 410 kB Commerce Layer spec that is over half of its ~230 ms. Our specs are
// single files, linted by the stricter `spec/redocly.yaml` (`pnpm lint`), so here the document is
// parsed with the same YAML loader Redocly uses and handed straight to openapi-typescript's
// `transformSchema`, with the context `openapiTS()` builds from the same options. A spec with an
// external `$ref` (which needs bundling) goes through `openapiTS()` as is. The result is byte for
// byte what `openapiTS()` prints: test/typegen.test.ts compares the two for every spec.
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

/** A `$ref` whose value does not start with `#` points into another document. */
const EXTERNAL_REF = /\$ref["']?\s*:(?!\s*["']?#)/;

/** True when the spec's text has a `$ref` into another document (so it must be bundled). */
export function needsBundling(text) {
  return EXTERNAL_REF.test(text);
}

/**
 * The TypeScript source (without our header) for the spec at `specPath`, exactly as
 * `astToString(await openapiTS(url, OPTIONS))` prints it.
 */
export async function typegen(specPath) {
  const text = readFileSync(specPath, "utf8");
  if (needsBundling(text)) return astToString(await openapiTS(pathToFileURL(specPath), OPTIONS));
  const schema = parseYaml(text);
  const nodes = withNumericCollation(() => transformSchema(schema, contextFor(schema)));
  return astToString(nodes);
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
