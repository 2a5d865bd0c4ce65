import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "@orderkit/test-utils";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { parse, stringify } from "yaml";
import {
  cleanEnv,
  exec,
  type LocalRegistry,
  scratchWorkspace,
  sh,
  startRegistry,
  versionOf,
} from "./registry.js";

// The release lifecycle as a maintainer and a consumer live it, through a real registry: the
// project's own `pnpm version-packages` and `pnpm release` (changesets) publish to a local
// Verdaccio from a scratch copy of the workspace; a project outside the workspace installs by
// semver range with npm (and pnpm), then gets a spec addition through `npm update` and stays on
// its major when a breaking spec change is published.

const PNPM = join(REPO_ROOT, "node_modules", ".bin", "pnpm");
const TSC = join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc");
const DIRS = {
  "@orderkit/types": "packages/types",
  "@orderkit/client": "packages/client",
  "@orderkit/cli": "apps/cli",
};
type Name = keyof typeof DIRS;
const NAMES = Object.keys(DIRS) as Name[];

let registry: LocalRegistry;
let repo: string;
let consumer: string;
let maintainer: Record<string, string>;
let user: Record<string, string>;
/** Versions after the first release. */
let v1: Record<Name, string>;
/** Other temp dirs to remove at the end. */
const scratch: string[] = [];

const version = (name: Name) => versionOf(join(repo, DIRS[name]));
const versions = () => Object.fromEntries(NAMES.map((n) => [n, version(n)])) as Record<Name, string>;
const parts = (v: string) => v.split(".").map(Number) as [number, number, number];
const installed = (name: Name) => versionOf(join(consumer, "node_modules", name));
const pnpm = (...args: string[]) => sh(PNPM, args, repo, maintainer);
const npm = (...args: string[]) =>
  sh("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], consumer, user);
const tsc = () => exec(process.execPath, [TSC, "-p", consumer], consumer, user);
function commit(message: string): void {
  sh("git", ["add", "-A"], repo, maintainer);
  sh(
    "git",
    ["-c", "user.name=Maintainer", "-c", "user.email=m@example.com", "commit", "-qm", message],
    repo,
    maintainer,
  );
}
/** The scratch's LettrLabs spec, changed by `edit`, written outside the repo as a vendor would hand it over. */
// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document, edited by path
function vendorSpec(name: string, edit: (doc: any) => void): string {
  const doc = parse(readFileSync(join(repo, "spec", "lettrlabs", "openapi.yaml"), "utf8"));
  edit(doc);
  const dir = mkdtempSync(join(tmpdir(), "orderkit-vendor-"));
  scratch.push(dir);
  const path = join(dir, name);
  writeFileSync(path, stringify(doc));
  return path;
}
const pendingChangesets = () =>
  readdirSync(join(repo, ".changeset")).filter((f) => f.endsWith(".md") && f !== "README.md");

/** Asserts what the registry serves for every package after a release. */
async function expectPublished(expected: Record<Name, string>): Promise<void> {
  for (const name of NAMES) {
    const doc = await registry.packument(name);
    expect(doc?.["dist-tags"].latest, name).toBe(expected[name]);
    const manifest = doc?.versions[expected[name]];
    expect(manifest, `${name}@${expected[name]}`).toBeDefined();
    expect(JSON.stringify(manifest)).not.toContain("workspace:");
    expect(manifest?.repository).toEqual({
      type: "git",
      url: "git+https://github.com/orderkit/orderkit.git",
      directory: DIRS[name],
    });
    expect(manifest?.publishConfig).toEqual({ access: "public" });
    expect(manifest?.license).toBe("MIT");
    const tarball = String((manifest?.dist as { tarball?: string } | undefined)?.tarball);
    expect(tarball.startsWith(registry.url), tarball).toBe(true);
    expect(sh("git", ["tag", "--list", `${name}@${expected[name]}`], repo, maintainer).trim()).toBe(
      `${name}@${expected[name]}`,
    );
  }
  const deps = async (name: Name) =>
    (await registry.packument(name))?.versions[expected[name]]?.dependencies as Record<string, string>;
  expect((await deps("@orderkit/client"))["@orderkit/types"]).toBe(`^${expected["@orderkit/types"]}`);
  expect((await deps("@orderkit/cli"))["@orderkit/client"]).toBe(`^${expected["@orderkit/client"]}`);
}

beforeAll(async () => {
  registry = await startRegistry();
  repo = scratchWorkspace();
  maintainer = cleanEnv({ npm_config_registry: registry.url, npm_config_userconfig: registry.userconfig });
  consumer = mkdtempSync(join(tmpdir(), "orderkit-user-"));
  const home = mkdtempSync(join(tmpdir(), "orderkit-user-home-"));
  scratch.push(home);
  const userconfig = join(home, ".npmrc");
  writeFileSync(userconfig, "");
  user = cleanEnv({ npm_config_userconfig: userconfig });
  writeFileSync(
    join(consumer, "package.json"),
    JSON.stringify({ name: "shop", private: true, version: "1.0.0" }),
  );
  // The consumer's project points the @orderkit scope at the registry, as with any private registry.
  writeFileSync(join(consumer, ".npmrc"), `@orderkit:registry=${registry.url}\n`);
});
afterAll(async () => {
  await registry?.stop();
  for (const dir of [repo, consumer, ...scratch]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("release lifecycle through a local registry", () => {
  it("1. version-packages + release publish @orderkit/types, client and cli 1.x with real ranges", async () => {
    // Pending changesets (today: the 1.0 major among them) are applied first, as the "Version
    // packages" PR would; with none pending, what the checkout has is what gets published.
    if (pendingChangesets().length > 0) {
      pnpm("run", "version-packages");
      expect(pendingChangesets()).toEqual([]);
      commit("chore: version packages");
    }
    v1 = versions();
    for (const name of NAMES) expect(parts(v1[name])[0], name).toBeGreaterThanOrEqual(1);
    const out = pnpm("run", "release");
    expect(out).toContain("packages published successfully");
    await expectPublished(v1);
  });

  it("2. a consumer installs @orderkit/client@^1 by range with npm: ESM, CJS, TypeScript, npx", () => {
    const major = parts(v1["@orderkit/client"])[0];
    npm("install", ...NAMES.map((n) => `${n}@^${major}`));
    const manifest = JSON.parse(readFileSync(join(consumer, "package.json"), "utf8"));
    for (const name of NAMES) {
      expect(manifest.dependencies[name]).toBe(`^${v1[name]}`);
      expect(installed(name)).toBe(v1[name]);
    }
    const lock = readFileSync(join(consumer, "package-lock.json"), "utf8");
    expect(lock).toContain(
      `"resolved": "${registry.url}@orderkit/client/-/client-${v1["@orderkit/client"]}.tgz"`,
    );

    const prism = inject("lettrlabsPrismUrl");
    const esm = `import { createLettrLabsClient } from "@orderkit/client";
      const me = await createLettrLabsClient({ apiKey: "LL-API-esm", baseUrl: process.argv[1] }).me();
      console.log(me.email);`;
    expect(sh(process.execPath, ["--input-type=module", "-e", esm, prism], consumer, user).trim()).toBe(
      "ops@brightsmiledental.com",
    );
    const cjs = `const { createLettrLabsClient, LettrLabsError } = require("@orderkit/client");
      console.log(typeof createLettrLabsClient, typeof LettrLabsError);`;
    expect(sh(process.execPath, ["-e", cjs], consumer, user).trim()).toBe("function function");

    // The consumer's code reads a field that a later breaking release removes.
    writeFileSync(
      join(consumer, "index.mts"),
      `import { createLettrLabsClient } from "@orderkit/client";
import type { Order } from "@orderkit/types/lettrlabs";
export async function qrLinks(apiKey: string): Promise<string[]> {
  const orders: Order[] = await createLettrLabsClient({ apiKey }).orders.list({ status: "Paid" });
  return orders.flatMap((order) => (order.qrCodeUrl ? [order.qrCodeUrl] : []));
}
`,
    );
    writeFileSync(
      join(consumer, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          module: "node16",
          moduleResolution: "node16",
          target: "es2022",
          lib: ["es2022", "dom"],
          strict: true,
          noEmit: true,
          skipLibCheck: true, // the packages' own .d.ts are checked by consumer.test.ts
          types: [],
        },
        include: ["*.mts"],
      }),
    );
    const checked = tsc();
    expect(checked.output).toBe("");
    expect(checked.status).toBe(0);
    expect(sh("npx", ["--no-install", "orderkit", "--version"], consumer, user).trim()).toBe(
      v1["@orderkit/cli"],
    );
    // The published CLI carries the help text its build wrote, which `--help` alone prints: the
    // same as commander's own `orderkit help`.
    const help = JSON.parse(
      readFileSync(join(consumer, "node_modules", "@orderkit", "cli", "dist", "help.json"), "utf8"),
    );
    expect(help.text).toMatch(/^Usage: orderkit \[options\] \[command\]\n/);
    expect(sh("npx", ["--no-install", "orderkit", "--help"], consumer, user)).toBe(help.text);
    expect(sh("npx", ["--no-install", "orderkit", "help"], consumer, user)).toBe(help.text);
  });

  it("2b. the same range installs with pnpm", () => {
    const dir = mkdtempSync(join(tmpdir(), "orderkit-pnpm-user-"));
    scratch.push(dir);
    writeFileSync(
      join(dir, "package.json"),
      JSON.stringify({ name: "shop-pnpm", private: true, type: "module" }),
    );
    writeFileSync(join(dir, ".npmrc"), `@orderkit:registry=${registry.url}\n`);
    const major = parts(v1["@orderkit/client"])[0];
    sh(PNPM, ["add", `@orderkit/client@^${major}`, "--reporter=silent"], dir, user);
    expect(JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).dependencies["@orderkit/client"]).toBe(
      `^${v1["@orderkit/client"]}`,
    );
    const esm = `import { createLettrLabsClient } from "@orderkit/client";
      import { createRequire } from "node:module";
      const pkg = createRequire(import.meta.url)("@orderkit/client/package.json");
      console.log(typeof createLettrLabsClient, pkg.version);`;
    expect(sh(process.execPath, ["--input-type=module", "-e", esm], dir, user).trim()).toBe(
      `function ${v1["@orderkit/client"]}`,
    );
  });

  it("3. a spec addition goes out as a minor through spec:upgrade, and npm update delivers it", async () => {
    const next = vendorSpec("lettrlabs-with-health.yaml", (doc) => {
      doc.paths["/v1/health"] = {
        get: {
          operationId: "getHealth",
          summary: "Health check",
          tags: ["Orders"],
          security: [],
          responses: {
            "200": {
              description: "The API is up.",
              content: {
                "application/json": {
                  schema: { type: "object", required: ["ok"], properties: { ok: { type: "boolean" } } },
                  example: { ok: true },
                },
              },
            },
          },
        },
      };
    });
    const upgrade = pnpm("run", "spec:upgrade", next);
    expect(upgrade).toContain("minor bump");
    expect(upgrade).toContain("The client and the CLI type-check against the new types.");
    const [changeset] = pendingChangesets();
    expect(readFileSync(join(repo, ".changeset", changeset ?? "-"), "utf8")).toMatch(
      /^---\n"@orderkit\/types": minor\n"@orderkit\/client": minor\n"@orderkit\/cli": patch\n---\n/,
    );
    commit("Upgrade the LettrLabs spec: GET /v1/health");
    pnpm("run", "version-packages");
    commit("chore: version packages");
    const v = versions();
    const [major, minor] = parts(v1["@orderkit/client"]);
    expect(v["@orderkit/types"]).toBe(
      `${parts(v1["@orderkit/types"])[0]}.${parts(v1["@orderkit/types"])[1] + 1}.0`,
    );
    expect(v["@orderkit/client"]).toBe(`${major}.${minor + 1}.0`);
    expect(v["@orderkit/cli"]).not.toBe(v1["@orderkit/cli"]); // its dependency moved
    pnpm("run", "release");
    await expectPublished(v);

    npm("update");
    for (const name of NAMES) expect(installed(name), name).toBe(v[name]);
    writeFileSync(
      join(consumer, "health.mts"),
      `import type { paths } from "@orderkit/types/lettrlabs";
export type Health = paths["/v1/health"]["get"]["responses"]["200"]["content"]["application/json"];
export const up: Health = { ok: true };
`,
    );
    const checked = tsc();
    expect(checked.output).toBe("");
  });

  it("4. a breaking spec change goes out as a major: ^1 stays on 1.x, ^2 fails where the migration note says", async () => {
    const before = versions();
    const next = vendorSpec("lettrlabs-without-qr.yaml", (doc) => {
      delete doc.components.schemas.Order.properties.qrCodeUrl;
      for (const order of doc.components.examples.OrderListOk?.value?.payload?.orders ?? [])
        delete order.qrCodeUrl;
    });
    const upgrade = pnpm("run", "spec:upgrade", next);
    expect(upgrade).toContain("major bump");
    expect(upgrade).toContain("The client and the CLI type-check against the new types.");
    const [changeset] = pendingChangesets();
    const note = readFileSync(join(repo, ".changeset", changeset ?? "-"), "utf8");
    expect(note).toMatch(
      /^---\n"@orderkit\/types": major\n"@orderkit\/client": major\n"@orderkit\/cli": patch\n---\n/,
    );
    expect(note).toContain(
      "- GET /v1/order › response 200.payload.orders[].qrCodeUrl: removed; stop reading it.",
    );
    commit("Upgrade the LettrLabs spec: Order.qrCodeUrl removed");
    pnpm("run", "version-packages");
    commit("chore: version packages");
    const v = versions();
    const next1 = (name: Name) => `${parts(before[name])[0] + 1}.0.0`;
    expect(v["@orderkit/types"]).toBe(next1("@orderkit/types"));
    expect(v["@orderkit/client"]).toBe(next1("@orderkit/client"));
    expect(readFileSync(join(repo, "packages", "client", "CHANGELOG.md"), "utf8")).toContain(
      "qrCodeUrl: removed; stop reading it.",
    );
    pnpm("run", "release");
    await expectPublished(v);

    // On ^1, npm update stays on the 1.x line and the code still compiles.
    npm("update");
    for (const name of ["@orderkit/types", "@orderkit/client"] as const)
      expect(installed(name)).toBe(before[name]);
    expect(tsc().status).toBe(0);

    // Moving to ^2: the type check fails exactly at the removed field the migration note names.
    npm(
      "install",
      `@orderkit/client@^${parts(v["@orderkit/client"])[0]}`,
      `@orderkit/types@^${parts(v["@orderkit/types"])[0]}`,
    );
    expect(installed("@orderkit/client")).toBe(v["@orderkit/client"]);
    const broken = tsc();
    expect(broken.status).not.toBe(0);
    expect(broken.output).toMatch(/index\.mts\(5,\d+\): error TS2339: Property 'qrCodeUrl' does not exist/);
    expect(broken.output.match(/error TS/g)?.length).toBe(2); // both reads of the field, nothing else
    expect(existsSync(join(consumer, "health.mts"))).toBe(true);
  });
});
