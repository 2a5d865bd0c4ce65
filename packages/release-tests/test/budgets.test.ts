// The deterministic performance figures, gated in CI against the budgets in ../budgets.json:
// bundle bytes, the bulk path's request count, and the consumers' type instantiations. They do not
// depend on the machine's speed (timed figures stay in `pnpm bench`, never in a test).
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { createLettrLabsClient } from "@orderkit/client";
import { FakeLettrLabs, REPO_ROOT } from "@orderkit/test-utils";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
const budgets = JSON.parse(readFileSync(join(here, "..", "budgets.json"), "utf8")) as Record<string, number>;
const budget = (name: string) => budgets[name] as number;
const clientDir = join(REPO_ROOT, "packages", "client");

/** Minified, gzipped (level 9) size of a browser bundle of `code`, resolved from `resolveDir`. */
async function gzipOf(code: string, resolveDir: string): Promise<{ gzip: number; text: string }> {
  const out = await build({
    stdin: { contents: code, resolveDir, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    write: false,
    logLevel: "silent",
  });
  const text = out.outputFiles[0]?.text ?? "";
  return { gzip: gzipSync(Buffer.from(text), { level: 9 }).length, text };
}

/** A message only openapi-fetch's `createClient` holds (its `use()` check): in a bundle, it means the client is. */
const OPENAPI_FETCH_CLIENT = "Middleware must be an object";

describe("deterministic budgets (budgets.json)", () => {
  it("the LettrLabs client adds at most its budget of gzip bytes over bare openapi-fetch, and no Commerce Layer code", async () => {
    const bare = await gzipOf(
      `import createClient from "openapi-fetch"; const c = createClient({ baseUrl: "https://app.lettrlabs.com/api", headers: { "X-API-KEY": "k" } }); export const run = () => c.GET("/v1/me");`,
      clientDir,
    );
    const sdk = await gzipOf(
      `import { createLettrLabsClient } from "@orderkit/client"; export const run = () => createLettrLabsClient({ apiKey: "k" }).me();`,
      clientDir,
    );
    const over = sdk.gzip - bare.gzip;
    process.stdout.write(
      `[budget] LettrLabs bundle: ${sdk.gzip} B gzip, ${over} B over openapi-fetch (${bare.gzip} B)\n`,
    );
    expect(over).toBeLessThanOrEqual(budget("lettrlabsBundleGzipOverOpenapiFetch"));
    // `clientSecret`: the Commerce Layer client's option names (a top-level constant a bundler keeps
    // unless it is written out as plain data).
    for (const marker of ["oauth/token", "vnd.api+json", "x-ratelimit-limit", "clientSecret"])
      expect(sdk.text).not.toContain(marker);
    // The whole client has `raw`, so it carries openapi-fetch's createClient (and the marker the
    // modular bundles are checked against is real).
    expect(sdk.text).toContain(OPENAPI_FETCH_CLIENT);
    // The package's browser build leaves out Node's undici timing (core/undici-timeout.ts), which
    // the build Node loads carries.
    expect(sdk.text).not.toContain("undici.globalDispatcher");
    expect(readFileSync(join(clientDir, "dist", "index.js"), "utf8")).toContain("undici.globalDispatcher");
  });

  it("the browser build carries every .browser.ts module and none of the Node modules they stand in for; the Node build the reverse", () => {
    // tsup.browser.ts swaps each module that has a `.browser.ts` beside it, however it is imported.
    // The builds are not minified: esbuild names each module it took in a `// src/...` comment.
    const swapped = readdirSync(join(clientDir, "src"), { recursive: true, encoding: "utf8" })
      .filter((name) => name.endsWith(".browser.ts"))
      .map((name) => `src/${name.split(sep).join("/")}`);
    expect(swapped.sort()).toEqual(
      [
        "src/core/deadline.browser.ts",
        "src/core/on-abort.browser.ts",
        "src/core/undici-timeout.browser.ts",
      ].sort(),
    );
    const built = (...path: string[]) => readFileSync(join(clientDir, "dist", ...path), "utf8");
    for (const file of [built("browser", "index.js"), built("browser", "index.cjs")])
      for (const browser of swapped) {
        expect(file).toContain(`// ${browser}\n`);
        expect(file).not.toContain(`// ${browser.replace(".browser", "")}\n`);
      }
    for (const file of [built("index.js"), built("index.cjs")])
      for (const browser of swapped) {
        expect(file).not.toContain(`// ${browser}\n`);
        expect(file).toContain(`// ${browser.replace(".browser", "")}\n`);
      }
  });

  it("a modular LettrLabs bundle (core + me) stays within its budget over bare openapi-fetch, and has no Commerce Layer code", async () => {
    const bare = await gzipOf(
      `import createClient from "openapi-fetch"; const c = createClient({ baseUrl: "https://app.lettrlabs.com/api", headers: { "X-API-KEY": "k" } }); export const run = () => c.GET("/v1/me");`,
      clientDir,
    );
    const modular = await gzipOf(
      `import { createLettrLabsCore, lettrLabsMe } from "@orderkit/client"; export const run = () => lettrLabsMe(createLettrLabsCore({ apiKey: "k" }))();`,
      clientDir,
    );
    const over = modular.gzip - bare.gzip;
    process.stdout.write(
      `[budget] LettrLabs modular bundle (core + me): ${modular.gzip} B gzip, ${over} B over openapi-fetch\n`,
    );
    expect(over).toBeLessThanOrEqual(budget("lettrlabsModularMeBundleGzipOverOpenapiFetch"));
    // The performance issue's goal: under 5 KiB.
    expect(over).toBeLessThan(5120);
    // Tree-shaking works: no resource the bundle does not use, no Commerce Layer code, and no
    // openapi-fetch `createClient` (the calls' fast path needs only its exported helpers; the
    // client is made only by lettrLabsRaw(core), which this bundle never calls).
    for (const marker of [
      "oauth/token",
      "vnd.api+json",
      "clientSecret",
      "/checkout",
      "/recipients",
      "INVALID_STATE",
      // The recipient validation's state list (a top-level constant a bundler keeps unless marked pure).
      "AL AK AZ",
      OPENAPI_FETCH_CLIENT,
    ])
      expect(modular.text).not.toContain(marker);
  });

  it("core + me in an app that also calls openapi-fetch's createClient stays within its budget", async () => {
    // The modular bundle leaves createClient out, which the figure above subtracts: an app that has
    // its own createClient pays the calls' fast path on top of it, and this holds that line too.
    const bare = await gzipOf(
      `import createClient from "openapi-fetch"; const c = createClient({ baseUrl: "https://app.lettrlabs.com/api", headers: { "X-API-KEY": "k" } }); export const run = () => c.GET("/v1/me");`,
      clientDir,
    );
    const beside = await gzipOf(
      `import createClient from "openapi-fetch"; import { createLettrLabsCore, lettrLabsMe } from "@orderkit/client"; const c = createClient({ baseUrl: "https://app.lettrlabs.com/api", headers: { "X-API-KEY": "k" } }); export const run = () => [c.GET("/v1/me"), lettrLabsMe(createLettrLabsCore({ apiKey: "k" }))()];`,
      clientDir,
    );
    const over = beside.gzip - bare.gzip;
    process.stdout.write(
      `[budget] core + me beside the app's own createClient: ${over} B over openapi-fetch\n`,
    );
    expect(over).toBeLessThanOrEqual(budget("lettrlabsModularMeBesideCreateClientGzip"));
  });

  it("a Commerce Layer retrieve bundles within its budget", async () => {
    const cl = await gzipOf(
      `import { createCommerceLayerClient } from "@orderkit/client"; export const run = () => createCommerceLayerClient({ organization: "o", accessToken: "t" }).orders.retrieve("x", { include: ["line_items"] });`,
      clientDir,
    );
    process.stdout.write(`[budget] Commerce Layer retrieve bundle: ${cl.gzip} B gzip\n`);
    expect(cl.gzip).toBeLessThanOrEqual(budget("commercelayerBundleGzip"));
  });

  it("a Commerce Layer retrieve by the standalone function carries no write code, within its budget", async () => {
    const cl = await gzipOf(
      `import { createCommerceLayerCore, commerceLayerRetrieveOrder } from "@orderkit/client"; export const run = () => commerceLayerRetrieveOrder(createCommerceLayerCore({ organization: "o", accessToken: "t" }), "x", { include: ["line_items"] });`,
      clientDir,
    );
    process.stdout.write(`[budget] Commerce Layer standalone retrieve bundle: ${cl.gzip} B gzip\n`);
    expect(cl.gzip).toBeLessThanOrEqual(budget("commercelayerRetrieveOrderBundleGzip"));
    // Tree-shaking works: neither create's safe-write (look-up by reference) nor the triggers,
    // nor any LettrLabs code, nor token code (the core has an accessToken and no `tokens`).
    for (const marker of [
      "oauth/token",
      "INVALID_TOKEN",
      "reference_eq",
      "_place",
      "failed ambiguously",
      "X-API-KEY",
      "/v1/",
      "AL AK AZ",
      OPENAPI_FETCH_CLIENT,
    ])
      expect(cl.text).not.toContain(marker);
  });

  it("the README quotes the bundle budgets as they are (lowering one means saying so)", () => {
    const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
    for (const name of [
      "lettrlabsBundleGzipOverOpenapiFetch",
      "lettrlabsModularMeBundleGzipOverOpenapiFetch",
      "lettrlabsModularMeBesideCreateClientGzip",
      "commercelayerRetrieveOrderBundleGzip",
    ])
      expect(readme, name).toContain(`${budget(name).toLocaleString("en-US")} B gzip`);
  });

  it("a bulk append of 100,000 recipients takes exactly ceil(N/1000) requests", async () => {
    const fake = await new FakeLettrLabs().start();
    try {
      const ll = createLettrLabsClient({ apiKey: fake.options.apiKey, baseUrl: fake.url });
      const order = fake.seedOrder();
      const recipients = Array.from({ length: 100_000 }, (_, i) => ({
        address: { address1: `${i} Main St`, city: "Austin", state: "TX", zipCode: "78704" },
      }));
      const summary = await ll.orders.recipients.append(order.id, recipients);
      expect(summary.accepted).toBe(100_000);
      expect(fake.count("PUT", /recipients$/)).toBeLessThanOrEqual(budget("bulkAppend100kRequests"));
      expect(fake.requests.filter((r) => r.method !== "PUT")).toHaveLength(0);
    } finally {
      await fake.stop();
    }
  }, 120_000);

  // The consumers are bench/tsc's fixtures: the LettrLabs quick start (`sdk`) and a Commerce Layer
  // order flow (`cl-ours`; `pnpm bench` also checks the same flow through the official SDK).
  it.each([
    ["LettrLabs quick start", "sdk", "consumerTypeInstantiations"],
    ["Commerce Layer order flow", "cl-ours", "commercelayerConsumerTypeInstantiations"],
  ])(
    "type-checking a consumer of the client (%s) stays within its instantiation budget",
    (label, fixture, name) => {
      const bench = join(REPO_ROOT, "bench");
      const tsc = createRequire(join(bench, "package.json")).resolve("typescript/bin/tsc");
      const result = spawnSync(
        process.execPath,
        [tsc, "-p", join(bench, "tsc", fixture), "--extendedDiagnostics"],
        {
          cwd: bench,
          encoding: "utf8",
        },
      );
      expect(result.status, result.stdout + result.stderr).toBe(0);
      const instantiations = Number(/Instantiations:\s+(\d+)/.exec(result.stdout)?.[1]);
      process.stdout.write(`[budget] ${label} consumer type instantiations: ${instantiations}\n`);
      expect(instantiations).toBeGreaterThan(0);
      expect(instantiations).toBeLessThanOrEqual(budget(name));
    },
  );
});
