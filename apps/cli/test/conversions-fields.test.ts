import { join } from "node:path";
import { REPO_ROOT } from "@orderkit/test-utils";
import { describe, expect, it } from "vitest";
import { loadSpec } from "../../../packages/types/scripts/load-spec.mjs";
import {
  CONVERSION_ADDRESS_FIELDS,
  CONVERSION_ADDRESSES,
  CONVERSION_MAX_LENGTH,
  CONVERSION_TEXT_FIELDS,
} from "../src/csv/conversions.js";

// `conversions create` takes the columns that name the spec's conversion fields, and refuses any
// other: its lists must be the spec's.
describe("the conversion fields a CSV may name", () => {
  it("are the spec's Conversion and ConversionAddress properties", () => {
    const schemas = (
      loadSpec(join(REPO_ROOT, "spec", "lettrlabs", "openapi.yaml")) as {
        components: { schemas: Record<string, { properties: Record<string, unknown> }> };
      }
    ).components.schemas;
    const conversion = Object.keys(schemas.Conversion?.properties ?? {});
    expect([...CONVERSION_TEXT_FIELDS, "revenue", ...CONVERSION_ADDRESSES].sort()).toEqual(conversion.sort());
    const limits = Object.fromEntries(
      Object.entries(schemas.Conversion?.properties ?? {}).flatMap(([name, schema]) =>
        typeof (schema as { maxLength?: unknown }).maxLength === "number"
          ? [[name, (schema as { maxLength: number }).maxLength]]
          : [],
      ),
    );
    expect(CONVERSION_MAX_LENGTH).toEqual(limits);
    expect([...CONVERSION_ADDRESS_FIELDS].sort()).toEqual(
      Object.keys(schemas.ConversionAddress?.properties ?? {}).sort(),
    );
  });
});
