import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { listApis } from "../../../scripts/apis.mjs";
// The type generator's own reader of spec files (YAML and JSON): the diff compares what the types
// are made from.
import { loadSpec } from "../../types/scripts/load-spec.mjs";
import { diffSpecs, formatReport, type SpecDiff } from "./diff.js";

/** The APIs whose specs live in spec/<api>/openapi.yaml. */
/** The name of an API of the repository (`spec/<name>/openapi.yaml`), e.g. `lettrlabs`. */
export type Api = string;

/** The APIs of the repository at `root`, from its one registry (every spec/<name>/openapi.yaml). */
export function apisOf(root: string): Api[] {
  return listApis(root).map((api) => api.name);
}

export interface UpgradeOptions {
  /** Repository root (default: the current one). */
  root: string;
  /** Which spec to replace; guessed from the new spec's title when absent. */
  api?: Api | undefined;
  /** Where the changeset goes (default: .changeset/spec-upgrade-<api>-<time>.md). */
  changesetName?: string | undefined;
}

export interface UpgradeResult {
  api: Api;
  diff: SpecDiff;
  /** False when the new spec has no semantic change (bump `none`): then nothing is written. */
  replaced: boolean;
  /**
   * The client, and the CLI where the repository has one, type-checked against the regenerated
   * types (the output names each that fails); `undefined` when nothing was replaced.
   */
  typecheck: { ok: boolean; output: string } | undefined;
  changeset: string | undefined;
}

/**
 * Reads a spec file, JSON or YAML, as the type generator reads it (`loadSpec`), so the diff
 * compares the values the types are made from and refuses what the generator refuses (a key given
 * twice, in JSON too). `JSON.parse` would read some files otherwise: `1e400` is `Infinity` to it
 * and the string "1e400" to the generator. An error names the file, line and column, not what it
 * holds.
 */
export function readSpec(path: string): Record<string, unknown> {
  const doc = loadSpec(path);
  if (doc === null || typeof doc !== "object" || Array.isArray(doc))
    throw new Error(`${path}: not an OpenAPI document (no mapping at its top).`);
  return doc as Record<string, unknown>;
}

/** Picks the API of `root` a spec belongs to, from its title (the API's name, or its spec's title). */
export function guessApi(doc: Record<string, unknown>, root: string): Api | undefined {
  const squash = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, "");
  const title = squash(String((doc.info as { title?: unknown } | undefined)?.title ?? ""));
  if (!title) return undefined;
  return listApis(root).find((api) => title.includes(squash(api.name)) || title === squash(api.title))?.name;
}

/**
 * Type-checks the sources of the package at `dir` (relative to `root`) against the sources of the
 * types and the client (no build needed): a temporary tsconfig maps @orderkit/types and
 * @orderkit/client to them.
 */
function typecheckSources(root: string, dir: string): { ok: boolean; output: string } {
  const at = join(root, dir);
  // (Relative to the tsconfig, and spelled so: "./src" for a package's own sources.)
  const to = (path: string) => {
    const rel = relative(at, join(root, path)).split("\\").join("/");
    return rel.startsWith(".") ? rel : `./${rel}`;
  };
  const config = join(at, ".spec-upgrade.tsconfig.json");
  writeFileSync(
    config,
    JSON.stringify({
      extends: "./tsconfig.json",
      compilerOptions: {
        noEmit: true,
        paths: {
          "@orderkit/types": [to("packages/types/src/index.ts")],
          "@orderkit/types/*": [`${to("packages/types/src")}/*.ts`],
          "@orderkit/client": [to("packages/client/src/index.ts")],
        },
      },
      include: ["src"],
    }),
  );
  try {
    const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
    const run = spawnSync(process.execPath, [tsc, "-p", config], { cwd: root, encoding: "utf8" });
    return { ok: run.status === 0, output: `${run.stdout}${run.stderr}`.trim() };
  } finally {
    rmSync(config, { force: true });
  }
}

/** Type-checks the client against the types generated in packages/types/src (no build needed). */
export function typecheckClient(root: string): { ok: boolean; output: string } {
  return typecheckSources(root, join("packages", "client"));
}

/**
 * Type-checks the client, then the CLI (apps/cli, where the repository has it) against the client's
 * and the types' sources: a spec change the client absorbs can still break the CLI (a field it
 * prints). The output names each package that fails.
 */
export function typecheckConsumers(root: string): { ok: boolean; output: string } {
  const packages = [join("packages", "client"), join("apps", "cli")].filter((dir) =>
    existsSync(join(root, dir, "tsconfig.json")),
  );
  const failed = packages
    .map((dir) => ({ dir, ...typecheckSources(root, dir) }))
    .filter((result) => !result.ok);
  return {
    ok: failed.length === 0,
    output: failed.map((f) => `${f.dir} no longer type-checks:\n${f.output}`).join("\n\n"),
  };
}

const BUMP_OF = { major: "major", minor: "minor", patch: "patch" } as const;

/** What a user does about each kind of breaking change (the compiler finds the places). */
const MIGRATION_HINTS: Record<string, string> = {
  "operation-removed": "stop calling it",
  "response-removed": "stop relying on that response",
  "response-media-removed": "stop relying on that media type",
  "response-field-removed": "stop reading it",
  "response-field-now-optional": "handle it being absent",
  "became-nullable": "handle null",
  "type-changed": "convert to or from the new type",
  "enum-narrowed": "stop sending the removed values",
  "enum-added": "handle or send only the listed values",
  "enum-removed": "handle any value",
  "request-field-removed": "stop sending it",
  "request-field-now-required": "always send it",
  "request-field-added-required": "send it",
  "parameter-removed": "stop sending it",
  "parameter-now-required": "always pass it",
  "parameter-added-required": "pass it",
  "request-body-added": "send a body",
  "request-media-removed": "send another media type",
  "no-longer-nullable": "stop sending null",
  "closed-to-other-properties": "send or read only the properties the schema lists",
  "component-removed": "use the type that replaces it",
  "security-changed": "check how the client authenticates (the compiler cannot see this one)",
  "field-now-read-only": "stop assigning to it",
  "index-signature-removed": "send or read only the properties the schema lists",
  "response-header-now-optional": "handle it being absent",
  "response-media-added": "narrow the response to the media type you read",
  "request-media-added": "send a body",
  "webhook-removed": "stop handling it",
};

/**
 * Hint for a kind of breaking change; tighter or new limits and patterns (`maxLength-lowered`,
 * `maxLength-added`, `pattern-added`, …) are invisible to tsc.
 */
function migrationHint(kind: string): string {
  if (/^((max|min|exclusive)\w*-(lowered|raised|added)|pattern-(added|changed))$/.test(kind))
    return "the compiler cannot see this one: check the values you send";
  return MIGRATION_HINTS[kind] ?? "adapt each use to the new spec";
}

/**
 * The migration note of a major upgrade: the types follow the new spec, so TypeScript code that
 * relies on a breaking change stops compiling exactly where it does; one line per change says
 * what to do there. Undefined when nothing breaks.
 */
export function migrationNote(diff: SpecDiff): string | undefined {
  const breaking = diff.changes.filter((c) => c.severity === "breaking");
  if (breaking.length === 0) return undefined;
  return [
    "Migration: the types follow the new spec, so TypeScript code that relies on a breaking change",
    "stops compiling at that place (the compiler lists them). What to do at each:",
    ...breaking.map((c) => `- ${c.location}: ${c.message}; ${migrationHint(c.kind)}.`),
  ].join("\n");
}

/**
 * Replaces spec/<api>/openapi.yaml with `newSpecPath`, regenerates the types, type-checks the client
 * and the CLI against them, and writes a changeset for @orderkit/types and @orderkit/client whose
 * bump follows the diff (major for breaking, minor for additions, patch otherwise), and a patch of
 * @orderkit/cli (its commands stay; its changelog gets the report), with the report as its text.
 * When the diff finds no semantic change (bump `none`: only key order, formatting or the order of
 * `required`/`enum`/`type` differ), it writes nothing at all: no spec, no types, no changeset.
 */
export function upgradeSpec(newSpecPath: string, options: UpgradeOptions): UpgradeResult {
  const next = readSpec(newSpecPath);
  const api = options.api ?? guessApi(next, options.root);
  if (!api)
    throw new Error(
      `Cannot tell which API ${newSpecPath} describes; pass --api ${apisOf(options.root).join("|")}.`,
    );
  const target = join(options.root, "spec", api, "openapi.yaml");
  if (!existsSync(target)) throw new Error(`${relative(options.root, target)} does not exist.`);
  const diff = diffSpecs(readSpec(target), next);
  if (diff.bump === "none") return { api, diff, replaced: false, typecheck: undefined, changeset: undefined };
  const previous = readFileSync(target, "utf8");
  writeFileSync(target, readFileSync(newSpecPath, "utf8"));
  const gen = spawnSync(
    process.execPath,
    [join(options.root, "packages", "types", "scripts", "generate.mjs")],
    {
      cwd: options.root,
      encoding: "utf8",
    },
  );
  if (gen.status !== 0) {
    // The spec goes back: a spec the types cannot be made from is not left in the repository.
    writeFileSync(target, previous);
    const said = `${gen.stdout}${gen.stderr}`
      .split("\n")
      .filter((line) => !/^\s+at /.test(line))
      .join("\n")
      .trim();
    throw new Error(
      `Type generation refused ${newSpecPath}; ${relative(options.root, target)} is left as it was:\n${said}`,
    );
  }
  const typecheck = typecheckConsumers(options.root);
  const dir = join(options.root, ".changeset");
  mkdirSync(dir, { recursive: true });
  const changeset = join(dir, options.changesetName ?? `spec-upgrade-${api}-${Date.now()}.md`);
  const bump = BUMP_OF[diff.bump];
  const migration = migrationNote(diff);
  writeFileSync(
    changeset,
    `---
"@orderkit/types": ${bump}
"@orderkit/client": ${bump}${existsSync(join(options.root, "apps", "cli", "package.json")) ? `\n"@orderkit/cli": patch` : ""}
---

${formatReport(diff, `Upgrade of the ${api} spec`)}
${
  migration
    ? `
${migration}
`
    : ""
}`,
  );
  return { api, diff, replaced: true, typecheck, changeset };
}
