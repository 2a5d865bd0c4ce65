import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT, specOf } from "@orderkit/test-utils";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { upgradeSpec } from "../src/upgrade.js";
import { reorder } from "./helpers/rewrite.js";

/**
 * A scratch copy of what an upgrade touches: the specs, the types package (generator and sources),
 * the client's sources and config, with the installed node_modules linked in.
 */
function scratchRepo(): string {
  const root = mkdtempSync(join(tmpdir(), "spec-upgrade-"));
  cpSync(join(REPO_ROOT, "spec"), join(root, "spec"), { recursive: true });
  cpSync(join(REPO_ROOT, "tsconfig.base.json"), join(root, "tsconfig.base.json"));
  cpSync(join(REPO_ROOT, "scripts", "apis.mjs"), join(root, "scripts", "apis.mjs"));
  for (const [pkg, parts] of [
    ["packages/types", ["scripts", "src", "package.json", "tsconfig.json"]],
    ["packages/client", ["src", "package.json", "tsconfig.json"]],
    ["apps/cli", ["src", "package.json", "tsconfig.json"]],
  ] as const) {
    mkdirSync(join(root, pkg), { recursive: true });
    for (const part of parts) cpSync(join(REPO_ROOT, pkg, part), join(root, pkg, part), { recursive: true });
    symlinkSync(join(REPO_ROOT, pkg, "node_modules"), join(root, pkg, "node_modules"));
  }
  symlinkSync(join(REPO_ROOT, "node_modules"), join(root, "node_modules"));
  return root;
}

/** The LettrLabs spec without the append result's `acceptedRecipients` (which the client reads). */
function specWithoutAcceptedRecipients(dir: string): string {
  const doc = parse(readFileSync(specOf("lettrlabs"), "utf8"));
  const result = doc.components.schemas.AppendResult.allOf[1].properties;
  delete result.acceptedRecipients;
  delete doc.components.examples.AppendOk.value.payload.acceptedRecipients;
  const path = join(dir, "lettrlabs-next.yaml");
  writeFileSync(path, stringify(doc));
  return path;
}

// Each upgrade regenerates the types and runs tsc over the client and the CLI: tens of seconds on a
// busy machine.
describe("spec:upgrade", { timeout: 180_000 }, () => {
  it("regenerates the types, shows where the client breaks, and writes a major changeset", () => {
    const root = scratchRepo();
    const next = specWithoutAcceptedRecipients(root);
    const result = upgradeSpec(next, { root, changesetName: "upgrade.md" });
    expect(result.api).toBe("lettrlabs");
    expect(result.diff.bump).toBe("major");
    expect(result.diff.changes).toContainEqual(
      expect.objectContaining({
        kind: "response-field-removed",
        location: "PUT /v1/order/{id}/recipients › response 200.payload.acceptedRecipients",
      }),
    );
    expect(readFileSync(join(root, "packages/types/src/generated/lettrlabs.ts"), "utf8")).not.toMatch(
      /acceptedRecipients\??:/,
    );
    expect(result.replaced).toBe(true);
    expect(result.typecheck?.ok).toBe(false);
    expect(result.typecheck?.output).toMatch(
      /src\/lettrlabs\/recipients\.ts\(\d+,\d+\): error TS2339: Property 'acceptedRecipients' does not exist/,
    );
    const changeset = readFileSync(join(root, ".changeset/upgrade.md"), "utf8");
    expect(changeset).toMatch(
      /^---\n"@orderkit\/types": major\n"@orderkit\/client": major\n"@orderkit\/cli": patch\n---\n/,
    );
    expect(changeset).toContain("acceptedRecipients: removed");
    expect(changeset).toContain("\nMigration: the types follow the new spec");
    expect(changeset).toContain(
      "- PUT /v1/order/{id}/recipients › response 200.payload.acceptedRecipients: removed; stop reading it.",
    );
  });

  it("type-checks the CLI too: a field only the CLI reads, renamed, fails the upgrade", () => {
    const root = scratchRepo();
    const doc = parse(readFileSync(specOf("lettrlabs"), "utf8"));
    const preview = doc.components.schemas.CheckoutPreview.allOf[1].properties;
    preview.amountDue = preview.balance;
    delete preview.balance;
    const next = join(root, "renamed.yaml");
    writeFileSync(next, stringify(doc));
    const result = upgradeSpec(next, { root, changesetName: "renamed.md" });
    expect(result.diff.bump).toBe("major");
    expect(result.typecheck?.ok).toBe(false);
    expect(result.typecheck?.output).toMatch(/^apps\/cli no longer type-checks:/m);
    expect(result.typecheck?.output).toMatch(
      /src\/send\/flow\.ts\(\d+,\d+\): error TS2339: Property 'balance'/,
    );
    expect(result.typecheck?.output).not.toContain("packages/client no longer type-checks");
  });

  it("writes a minor changeset for an added operation, and the client still type-checks", () => {
    const root = scratchRepo();
    const doc = parse(readFileSync(specOf("lettrlabs"), "utf8"));
    doc.paths["/v1/health"] = {
      get: {
        operationId: "getHealth",
        summary: "Health check",
        tags: ["Profile"],
        security: [],
        responses: {
          "200": {
            description: "Up.",
            content: { "application/json": { schema: { type: "object" }, example: {} } },
          },
        },
      },
    };
    const next = join(root, "next.yaml");
    writeFileSync(next, stringify(doc));
    const result = upgradeSpec(next, { root, changesetName: "minor.md" });
    expect(result.diff.bump).toBe("minor");
    expect(result.typecheck).toEqual({ ok: true, output: "" });
    const changeset = readFileSync(join(root, ".changeset/minor.md"), "utf8");
    expect(changeset).toContain('"@orderkit/client": minor');
    expect(changeset).not.toContain("Migration");
    expect(readFileSync(join(root, "packages/types/src/generated/lettrlabs.ts"), "utf8")).toContain(
      '"/v1/health"',
    );
  });

  it("puts the spec back when the generator refuses the new one, and says why without a stack trace", () => {
    const root = scratchRepo();
    const committed = readFileSync(join(root, "spec/lettrlabs/openapi.yaml"), "utf8");
    const doc = parse(committed);
    doc.paths["/v1/health"] = {
      get: {
        operationId: "getHealth",
        responses: {
          "200": {
            description: "Up.",
            content: { "application/json": { schema: { $ref: "#/components/schemas/NoSuchSchema" } } },
          },
        },
      },
    };
    const next = join(root, "dangling.yaml");
    writeFileSync(next, stringify(doc));
    let thrown: unknown;
    try {
      upgradeSpec(next, { root, changesetName: "refused.md" });
    } catch (error) {
      thrown = error;
    }
    expect(String(thrown)).toMatch(
      /Type generation refused .*dangling\.yaml; spec\/lettrlabs\/openapi\.yaml is left as it was/,
    );
    expect(String(thrown)).toMatch(
      /spec\/lettrlabs\/openapi\.yaml: types not generated: .*resolve \$ref at .*health/,
    );
    expect(String(thrown)).not.toMatch(/^\s+at /m);
    expect(readFileSync(join(root, "spec/lettrlabs/openapi.yaml"), "utf8")).toBe(committed);
    expect(existsSync(join(root, ".changeset"))).toBe(false);
  });

  it("writes nothing and exits 0 when the new spec only reorders keys, `required` and `enum`", () => {
    const root = scratchRepo();
    const committed = readFileSync(join(root, "spec/lettrlabs/openapi.yaml"), "utf8");
    const generated = readFileSync(join(root, "packages/types/src/generated/lettrlabs.ts"), "utf8");
    const next = join(root, "reordered.yaml");
    writeFileSync(next, stringify(reorder(parse(committed)), { indent: 4 }));
    const cli = join(REPO_ROOT, "packages", "spec-tools", "dist", "cli.js");
    const run = spawnSync(process.execPath, [cli, "upgrade", "--root", root, next], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      "Upgrade of the lettrlabs spec: no changes\n\n" +
        "No semantic change: spec/lettrlabs/openapi.yaml left as it is, no types regenerated, no changeset written.\n",
    );
    expect(readFileSync(join(root, "spec/lettrlabs/openapi.yaml"), "utf8")).toBe(committed);
    expect(readFileSync(join(root, "packages/types/src/generated/lettrlabs.ts"), "utf8")).toBe(generated);
    expect(existsSync(join(root, ".changeset"))).toBe(false);
    const result = upgradeSpec(next, { root, changesetName: "none.md" });
    expect(result).toEqual({
      api: "lettrlabs",
      diff: { changes: [], bump: "none" },
      replaced: false,
      typecheck: undefined,
      changeset: undefined,
    });
  });

  it("is reachable as `pnpm spec:diff` with JSON output", () => {
    const root = scratchRepo();
    const next = specWithoutAcceptedRecipients(root);
    const cli = join(REPO_ROOT, "packages", "spec-tools", "dist", "cli.js");
    expect(existsSync(cli)).toBe(true);
    const run = spawnSync(process.execPath, [cli, "diff", "--json", "--root", REPO_ROOT, next], {
      encoding: "utf8",
    });
    expect(run.status).toBe(0);
    const diff = JSON.parse(run.stdout);
    expect(diff.bump).toBe("major");
  });
});
