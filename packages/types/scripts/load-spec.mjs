// Reads a spec file (YAML or JSON) as the type generator reads it: with the YAML loader Redocly
// uses (openapiTS() reads documents with it too). The one home of this rule: typegen.mjs makes the
// types from what it returns, and spec-tools (`spec:diff`, `spec:upgrade`) compares what it
// returns, so the two never read a value differently (`0b101`, `1e400`) or accept a file the other
// refuses (a key given twice).
import { readFileSync } from "node:fs";
import { parseYaml } from "@redocly/openapi-core/lib/js-yaml/index.js";

/** The parsed document at `specPath`; an error names the file, line and column, not what it holds. */
export function loadSpec(specPath) {
  const text = readFileSync(specPath, "utf8");
  try {
    return parseYaml(text);
  } catch (error) {
    // js-yaml's error carries the whole text; say where, not what the file holds.
    const mark = error?.mark;
    const where = mark ? ` (line ${mark.line + 1}, column ${mark.column + 1})` : "";
    throw new Error(`${specPath}: not valid YAML or JSON${where}: ${error?.reason ?? error?.message}`);
  }
}
