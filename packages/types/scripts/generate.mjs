#!/usr/bin/env node
// Generates src/generated/<api>.ts from spec/<api>/openapi.yaml in-process, with openapi-typescript's
// transform and printer (see typegen.mjs; one load of the library for every spec).
// --check: generates in memory and compares bytes with the committed files; exits 1 when stale.
// (openapi-typescript's own --check stops at the first fresh file when several specs are listed.)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { listApis } from "../../../scripts/apis.mjs";
import { typegen } from "./typegen.mjs";

export { OPTIONS } from "./typegen.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, "..");
const root = join(pkg, "..", "..");
const check = process.argv.includes("--check");

/** The APIs we generate (the repository's registry): each spec/<name>/openapi.yaml becomes src/generated/<name>.ts. */
export const APIS = listApis(root).map((api) => api.name);

export function header(name) {
  return [
    "/**",
    ` * GENERATED FILE - DO NOT EDIT.`,
    ` * Made by \`pnpm --filter @orderkit/types generate\` (packages/types/scripts/generate.mjs)`,
    ` * with openapi-typescript from spec/${name}/openapi.yaml. Edit the spec and regenerate.`,
    " */",
    "",
  ].join("\n");
}

/** Generates the TypeScript source for one spec file. */
export async function generate(name, specPath = join(root, "spec", name, "openapi.yaml")) {
  return header(name) + (await typegen(specPath));
}

async function main() {
  const stale = [];
  for (const name of APIS) {
    const spec = join(root, "spec", name, "openapi.yaml");
    if (!existsSync(spec)) continue;
    const out = join(pkg, "src", "generated", `${name}.ts`);
    let text;
    try {
      text = await generate(name, spec);
    } catch (error) {
      // The generator's own message (a $ref it cannot resolve, YAML it cannot read), not a stack trace.
      console.error(`${relative(root, spec)}: types not generated: ${error?.message ?? error}`);
      process.exit(1);
    }
    if (check) {
      const current = existsSync(out) ? readFileSync(out, "utf8") : "";
      if (current !== text) stale.push(relative(root, out));
    } else {
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, text);
      console.log(`generated ${relative(root, out)}`);
    }
  }
  if (stale.length > 0) {
    console.error(`Stale generated types: ${stale.join(", ")}. Run \`pnpm generate\` and commit the result.`);
    process.exit(1);
  }
  if (check) console.log("generated types are up to date");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
