import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { FakeCommerceLayer, REPO_ROOT, SANDBOX_API_KEY, startLettrLabsSandbox } from "@orderkit/test-utils";
import { build, transformSync } from "esbuild";
import { chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { CHROMIUM, CHROMIUM_ARGS, ensureChromium } from "./browser.js";
import { packAll, run, runAsync } from "./pack.js";
import { placeOf, type ReadmeExample, readmeExamples } from "./readme-examples.js";
import { IN_CI, type Runtime, runtimes } from "./runtimes.js";

// The packed tarballs, installed with plain npm into a project outside the workspace, used the
// ways our users use them.
let project: string;
/** Where the tarballs were packed. */
let packed: string | undefined;
const prism = () => inject("lettrlabsPrismUrl");
const tsc = join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc");
/** Node 20, 22 and 24, Bun and Deno: the scripts of users' projects run in each (runtimes.ts). */
const RUNTIMES = runtimes().map((runtime) => [runtime.name, runtime] as const);

/**
 * A test of `runtime`: skipped where it cannot run, with the reason in its title, but failed with
 * that reason in CI, where every runtime must run.
 */
function itIn(runtime: Runtime, title: string, body: () => Promise<void>) {
  const skip = runtime.missing !== undefined && !IN_CI;
  it.skipIf(skip)(runtime.missing ? `${title} (cannot run: ${runtime.missing})` : title, async () => {
    if (runtime.missing) throw new Error(`${runtime.name} cannot run here: ${runtime.missing}`);
    await body();
  });
}

/** Runs `args` (a script of the consumer project and its arguments) in `runtime`. */
function runIn(runtime: Runtime, args: string[], env: Record<string, string>, timeoutMs?: number) {
  const [command, ...before] = runtime.command;
  return runAsync(command, [...before, ...args], project, { ...runtime.env, ...env }, timeoutMs);
}

/** Bundles `entry` (in the consumer project) for the browser, minified, as esbuild would for a web app. */
async function browserBundle(entry: string): Promise<string> {
  const out = await build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform: "browser",
    write: false,
    minify: true,
    absWorkingDir: project,
  });
  return out.outputFiles[0]?.text ?? "";
}

beforeAll(() => {
  const tarballs = packAll();
  packed = dirname(Object.values(tarballs)[0] as string);
  project = mkdtempSync(join(tmpdir(), "orderkit-consumer-"));
  writeFileSync(
    join(project, "package.json"),
    JSON.stringify({ name: "consumer", private: true, version: "1.0.0" }),
  );
  run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...Object.values(tarballs)], project);
});
afterAll(() => {
  for (const dir of [project, packed]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("installed from the tarballs", () => {
  it("imports the client as ESM and calls Prism", () => {
    const script = `import { createLettrLabsClient, LettrLabsError } from "@orderkit/client";
      const ll = createLettrLabsClient({ apiKey: "LL-API-esm", baseUrl: process.argv[1] });
      const me = await ll.me();
      console.log(JSON.stringify({ email: me.email, error: typeof LettrLabsError }));`;
    const out = run(process.execPath, ["--input-type=module", "-e", script, prism()], project);
    expect(JSON.parse(out)).toEqual({ email: "ops@brightsmiledental.com", error: "function" });
  });

  it("requires the client as CJS and calls Prism", () => {
    const script = `const { createLettrLabsClient } = require("@orderkit/client");
      createLettrLabsClient({ apiKey: "LL-API-cjs", baseUrl: process.argv[1] }).orders.list()
        .then((orders) => console.log(orders.map((o) => o.id).join(",")));`;
    const out = run(process.execPath, ["-e", script, prism()], project);
    expect(out.trim()).toBe("48213,48230,47990");
  });

  it.each([
    ["node16 (ESM)", { module: "node16", moduleResolution: "node16" }, "index.mts"],
    ["node16 (CJS)", { module: "node16", moduleResolution: "node16" }, "index.cts"],
    ["bundler", { module: "esnext", moduleResolution: "bundler" }, "index.ts"],
  ])("type-checks a TypeScript consumer with moduleResolution %s", (_label, options, file) => {
    const dir = mkdtempSync(join(project, "ts-"));
    writeFileSync(
      join(dir, file),
      `import { createLettrLabsClient, createCommerceLayerClient, type LettrLabsClient } from "@orderkit/client";
import type { LettrLabs } from "@orderkit/types";
import type { Order } from "@orderkit/types/lettrlabs";
import type { OrderStatus } from "@orderkit/types/commercelayer";
const ll: LettrLabsClient = createLettrLabsClient({ apiKey: "LL-API-x" });
export const me: Promise<LettrLabs.Profile> = ll.me();
export const orders: Promise<Order[]> = ll.orders.list({ status: "Draft" });
export const status: OrderStatus = "placed";
export const cl = createCommerceLayerClient({ organization: "acme", clientId: "id" });
// @ts-expect-error templateId is a number
export const bad = ll.orders.create({ templateId: "1" });
`,
    );
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          ...options,
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          target: "es2022",
          lib: ["es2022", "dom"],
          types: [],
        },
        files: [file],
      }),
    );
    run(process.execPath, [tsc, "-p", dir], dir);
  });

  describe("the READMEs' TypeScript examples, as a user copies them", () => {
    const examples = readmeExamples();
    /** What the examples take from around them: the reader's own credentials. */
    const CONTEXT = { clientId: "readme-client-id", clientSecret: "readme-client-secret" };
    const fileOf = (example: ReadmeExample) => `${placeOf(example).replace(/[^\w]+/g, "_")}.ts`;

    it("type-check (strict) against the installed packages", () => {
      expect(examples.length).toBeGreaterThanOrEqual(6);
      const dir = mkdtempSync(join(project, "readme-types-"));
      for (const example of examples) writeFileSync(join(dir, fileOf(example)), example.code);
      writeFileSync(
        join(dir, "context.d.ts"),
        Object.keys(CONTEXT)
          .map((name) => `declare const ${name}: string;`)
          .join("\n"),
      );
      writeFileSync(
        join(dir, "tsconfig.json"),
        JSON.stringify({
          compilerOptions: {
            module: "esnext",
            moduleResolution: "bundler",
            strict: true,
            noEmit: true,
            skipLibCheck: true,
            target: "es2022",
            lib: ["es2022", "dom"],
            types: ["node"],
            typeRoots: [join(REPO_ROOT, "node_modules", "@types")],
          },
          files: ["context.d.ts", ...examples.map(fileOf)],
        }),
      );
      // tsc names the failing file: README_md_L55.ts is README.md's example at line 55.
      run(process.execPath, [tsc, "-p", dir], dir);
    });

    /** Runs an example as a script of the consumer project (types stripped, its context declared). */
    const runExample = (example: ReadmeExample, env: Record<string, string>, runtime: Runtime) => {
      const file = join(project, fileOf(example).replace(/\.ts$/, ".mjs"));
      const context = Object.entries(CONTEXT)
        .map(([name, value]) => `const ${name} = ${JSON.stringify(value)};`)
        .join("\n");
      writeFileSync(file, `${context}\n${transformSync(example.code, { loader: "ts", format: "esm" }).code}`);
      // A flow takes seconds: one left hanging fails its test in two minutes, with its output.
      return runIn(runtime, [file], env, 120_000);
    };

    describe.each(RUNTIMES)("in %s", (_, runtime) => {
      itIn(
        runtime,
        "the LettrLabs order flows run against the sandbox: one order, its recipient once, paid once, within the spec",
        async () => {
          const flows = examples.filter((e) => e.code.includes("checkout.submit("));
          expect(flows.map(placeOf)).toEqual([
            expect.stringMatching(/^README\.md:/),
            expect.stringMatching(/^packages\/client\/README\.md:/),
          ]);
          for (const example of flows) {
            const sandbox = await startLettrLabsSandbox();
            try {
              await runExample(
                example,
                { LETTRLABS_API_KEY: SANDBOX_API_KEY, LETTRLABS_BASE_URL: sandbox.url },
                runtime,
              );
              const orders = [...sandbox.fake.orders.values()];
              expect(orders, placeOf(example)).toHaveLength(1);
              expect(orders[0]).toMatchObject({ templateId: 12345, status: "Paid", checkouts: 1 });
              expect(orders[0]?.recipients.map((r) => r.address.address1)).toEqual(["1458 Oak Street"]);
              expect(sandbox.violations(), placeOf(example)).toEqual([]);
            } finally {
              await sandbox.stop();
            }
          }
        },
      );

      itIn(
        runtime,
        "the Commerce Layer order flow runs against the fake: one order, its line once, placed once",
        async () => {
          const flows = examples.filter((e) => e.code.includes("cl.orders.place("));
          expect(flows).toHaveLength(1);
          const fake = await new FakeCommerceLayer().start();
          try {
            await runExample(
              flows[0] as ReadmeExample,
              { COMMERCELAYER_BASE_URL: fake.url, COMMERCELAYER_AUTH_URL: fake.url },
              runtime,
            );
            const orders = [...fake.orders.values()];
            expect(orders).toHaveLength(1);
            expect(orders[0]).toMatchObject({
              marketId: "vlkaZhkGNo",
              attributes: { reference: "WEB-1001", customer_email: "jordan@example.com", status: "placed" },
            });
            expect([...fake.lineItems.values()]).toEqual([
              expect.objectContaining({
                orderId: orders[0]?.id,
                sku_code: "TSHIRTMM000000FFFFFFXLXX",
                quantity: 2,
              }),
            ]);
            expect(fake.applied._place).toBe(1);
          } finally {
            await fake.stop();
          }
        },
      );
    });
  });

  // Bun's and Deno's fetch take no undici dispatcher: there the client times reads with signals
  // (core/undici-timeout.ts). A server that takes requests and never answers them.
  describe.each(RUNTIMES)("timeouts and aborts in %s", (_, runtime) => {
    const KEY = "LL-API-runtime-secret-5c1e";
    // "stall": one call answered (on Node, the client then times reads through undici's
    // dispatcher, without a signal), then one whose answer stops mid-body. "abort": the caller
    // aborts, under a 2-minute timeout: an abort that only took effect then would keep the script
    // past the minute it is given. Otherwise the server never answers. The script prints how its
    // last call ended. The abort comes once the server has the request (it says so at /arrived,
    // which is not counted): an abort on a clock could come, under load, before it left.
    const script = `import { inspect } from "node:util";
      import { createLettrLabsClient } from "@orderkit/client";
      const [baseUrl, mode] = process.argv.slice(-2);
      const timeoutMs = mode === "abort" ? 120_000 : 300;
      const ll = createLettrLabsClient({ apiKey: process.env.ORDERKIT_KEY, baseUrl, timeoutMs, maxRetries: 1 });
      const controller = new AbortController();
      if (mode === "abort") {
        const poll = setInterval(async () => {
          const arrived = await fetch(baseUrl + "/arrived").then((r) => r.text(), () => "");
          if (arrived === "yes") {
            clearInterval(poll);
            controller.abort();
          }
        }, 20);
      }
      if (mode === "stall") await ll.me().catch(() => undefined);
      try {
        await ll.me({ signal: controller.signal });
        console.log(JSON.stringify({ answered: true }));
      } catch (error) {
        const shown = [String(error), error.stack, JSON.stringify(error), inspect(error, { depth: 10, showHidden: true })];
        console.log(JSON.stringify({ kind: error.kind, name: error.name, shown: shown.join(" ") }));
      }`;
    itIn(
      runtime,
      "a read never answered times out, is sent again once, then fails as a timeout; one stalled mid-body times out; a caller's abort stops it at once",
      async () => {
        const file = join(project, "silent-read.mjs");
        writeFileSync(file, script);
        const requests: string[] = [];
        let stall = false;
        const silent = createServer((req, res) => {
          if (req.url === "/arrived") {
            res.end(requests.length > 0 ? "yes" : "no");
            return;
          }
          requests.push(`${req.method} ${req.url}`);
          if (!stall) return;
          res.writeHead(200, { "content-type": "application/json" });
          if (requests.length === 1) res.end("{}");
          else res.write('{"payload":');
        });
        await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
        const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
        const runScript = async (mode: string) => {
          requests.length = 0;
          stall = mode === "stall";
          // Each run takes about a second: a request left hanging fails it in a minute, not five.
          const out = await runIn(runtime, [file, url, mode], { ORDERKIT_KEY: KEY }, 60_000);
          expect(out).not.toContain(KEY);
          return JSON.parse(out);
        };
        try {
          expect(await runScript("wait")).toMatchObject({ kind: "timeout", name: "LettrLabsTimeoutError" });
          expect(requests).toEqual(["GET /v1/me", "GET /v1/me"]);
          // An answer that started is not asked for again.
          expect(await runScript("stall")).toMatchObject({
            kind: "timeout",
            name: "LettrLabsTimeoutError",
          });
          expect(requests).toEqual(["GET /v1/me", "GET /v1/me"]);
          expect(await runScript("abort")).toMatchObject({ kind: "aborted", name: "LettrLabsAbortError" });
          expect(requests).toEqual(["GET /v1/me"]);
        } finally {
          silent.closeAllConnections();
          await new Promise<void>((resolve) => silent.close(() => resolve()));
        }
      },
    );
  });

  // On Node's own fetch the client sends a timed GET, and a write once that fetch is seen to take
  // its dispatchers, with `redirect: "error"` (core/undici-timeout.ts): undici refuses the
  // redirect itself, and the client tells it from the status and headers its dispatcher saw. That
  // leans on undici's words and handler calls, which each Node major's undici may change: checked
  // in each runtime (Bun and Deno send with "manual").
  describe.each(RUNTIMES)("redirects in %s", (_, runtime) => {
    const script = `import { createLettrLabsClient } from "@orderkit/client";
      const [baseUrl] = process.argv.slice(-1);
      const ll = createLettrLabsClient({ apiKey: process.env.ORDERKIT_KEY, baseUrl, maxRetries: 2 });
      await ll.me();
      const shown = (e) => ({ kind: e?.kind, message: e?.message });
      const get = await ll.me().then(() => ({}), shown);
      const put = await ll.raw
        .PUT("/v1/order/{id}/recipients", { params: { path: { id: 1 } }, body: { recipients: [] } })
        .then(() => ({}), shown);
      console.log(JSON.stringify({ get, put }));`;
    itIn(
      runtime,
      "a GET and a PUT redirected to another origin are refused naming where; each sent once, and the other origin sees nothing",
      async () => {
        const file = join(project, "redirected.mjs");
        writeFileSync(file, script);
        const other: string[] = [];
        const elsewhere = createServer((req, res) => {
          other.push(`${req.method} ${req.url}`);
          res.end("{}");
        });
        await new Promise<void>((resolve) => elsewhere.listen(0, "127.0.0.1", resolve));
        const otherUrl = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
        const requests: string[] = [];
        const moving = createServer((req, res) => {
          requests.push(`${req.method} ${req.url}`);
          req.resume();
          req.on("end", () => {
            if (requests.length === 1) {
              res.writeHead(200, { "content-type": "application/json" });
              res.end(JSON.stringify({ payload: { id: 1, email: "ops@example.com" }, hasErrors: false }));
              return;
            }
            res.writeHead(req.method === "GET" ? 301 : 307, { location: `${otherUrl}${req.url}` });
            res.end("moved");
          });
        });
        await new Promise<void>((resolve) => moving.listen(0, "127.0.0.1", resolve));
        const url = `http://127.0.0.1:${(moving.address() as AddressInfo).port}`;
        try {
          const out = JSON.parse(
            await runIn(runtime, [file, url], { ORDERKIT_KEY: "LL-API-redirect-9d2f" }, 60_000),
          );
          expect(out.get).toEqual({
            kind: "redirect",
            message: `getMe: GET was redirected (HTTP 301) to another origin (${otherUrl}): no redirect is followed. Check the base URL.`,
          });
          expect(out.put).toEqual({
            kind: "redirect",
            message: `PUT was redirected (HTTP 307) to another origin (${otherUrl}): no redirect is followed. Check the base URL.`,
          });
          expect(requests).toEqual(["GET /v1/me", "GET /v1/me", "PUT /v1/order/1/recipients"]);
          expect(other).toEqual([]);
        } finally {
          for (const server of [moving, elsewhere]) {
            server.closeAllConnections();
            await new Promise<void>((resolve) => server.close(() => resolve()));
          }
        }
      },
    );
  });

  it("tree-shakes: a LettrLabs-only import bundles no Commerce Layer code (deterministic size gate)", async () => {
    const entry = join(project, "ll-only.mjs");
    writeFileSync(
      entry,
      `import { createLettrLabsClient } from "@orderkit/client"; export const run = () => createLettrLabsClient({ apiKey: "k" }).me();`,
    );
    const js = await browserBundle(entry);
    for (const marker of ["oauth/token", "application/vnd.api+json", "x-ratelimit-limit"])
      expect(js).not.toContain(marker);
    expect(js).toContain("X-API-KEY");
  });

  it("runs `npx orderkit --version` from the tarball", () => {
    const version = JSON.parse(
      readFileSync(join(project, "node_modules", "@orderkit", "cli", "package.json"), "utf8"),
    ).version;
    expect(run("npx", ["--no-install", "orderkit", "--version"], project).trim()).toBe(version);
  });

  describe("in a real browser", () => {
    let server: Server | undefined;
    let page = "";
    /** What the page's own server does with `/api/` (runTimed's modes), and what it was asked. */
    let timedMode = "";
    const timedRequests: string[] = [];
    const reason = ensureChromium();

    beforeAll(async () => {
      if (reason) return;
      const entry = join(project, "browser-entry.mjs");
      writeFileSync(
        entry,
        `import { createCommerceLayerClient, createLettrLabsClient } from "@orderkit/client";
         window.runOrderkit = async (baseUrl) => (await createLettrLabsClient({ apiKey: "LL-API-browser", baseUrl }).me()).email;
         // The browser build's own timeouts (core/deadline.browser.ts, on-abort.browser.ts): "late"
         // answers inside its timeout, "silent" never answers, "stall" stops mid-body, "abort" is the
         // caller's own abort on a timeout that never comes.
         window.runTimed = async (baseUrl, mode, api) => {
           const timeoutMs = mode === "abort" ? 120000 : mode === "late" ? 3000 : 300;
           const controller = new AbortController();
           if (mode === "abort") setTimeout(() => controller.abort(), 200);
           const options = { signal: controller.signal };
           try {
             const answer = api === "cl"
               ? await createCommerceLayerClient({ baseUrl, accessToken: "cl-token-browser", timeoutMs, maxRetries: 1 }).orders.retrieve("ordA", {}, options)
               : await createLettrLabsClient({ apiKey: "LL-API-browser", baseUrl, timeoutMs, maxRetries: 1 }).me(options);
             return { answered: answer.email ?? answer.id };
           } catch (error) {
             return { kind: error.kind, name: error.name };
           }
         };`,
      );
      const js = await browserBundle(entry);
      expect(js).not.toMatch(/node:|require\("(fs|http|crypto)"\)/);
      server = createServer((req, res) => {
        if (req.url?.startsWith("/api/")) {
          timedRequests.push(`${req.method} ${req.url}`);
          const cl = req.url.includes("/orders/");
          const body = cl
            ? JSON.stringify({ data: { id: "ordA", type: "orders", attributes: { status: "draft" } } })
            : JSON.stringify({
                payload: {
                  id: 1,
                  email: "late@example.com",
                  firstName: "Late",
                  lastName: "Reply",
                  company: "Example",
                },
                errors: [],
                errorDetails: [],
                warnings: [],
                hasErrors: false,
                hasWarnings: false,
              });
          const type = cl ? "application/vnd.api+json" : "application/json";
          if (timedMode === "late")
            setTimeout(() => res.writeHead(200, { "content-type": type }).end(body), 150);
          else if (timedMode === "stall") res.writeHead(200, { "content-type": type }).write('{"data":');
          return;
        }
        if (req.url === "/app.js") {
          res.writeHead(200, { "content-type": "text/javascript" });
          res.end(js);
        } else {
          res.writeHead(200, { "content-type": "text/html" });
          res.end('<!doctype html><html><body><script type="module" src="/app.js"></script></body></html>');
        }
      });
      await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
      page = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    });
    afterAll(async () => {
      server?.closeAllConnections();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    });

    /** Opens the page in a headless Chromium, waits for its `window[name]` function, runs `use` on the tab. */
    async function onPage(name: string, use: (tab: Page) => Promise<void>): Promise<void> {
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
      try {
        const tab = await browser.newPage();
        await tab.goto(page);
        await tab.waitForFunction(
          (n) => typeof (window as unknown as Record<string, unknown>)[n] === "function",
          name,
        );
        await use(tab);
      } finally {
        await browser.close();
      }
    }

    it.skipIf(Boolean(reason))(
      `completes ll.me() against Prism from a page on 127.0.0.1${reason ? ` (skipped: ${reason})` : ""}`,
      async () => {
        await onPage("runOrderkit", async (tab) => {
          const email = await tab.evaluate(
            (url) => (window as unknown as { runOrderkit: (u: string) => Promise<string> }).runOrderkit(url),
            prism(),
          );
          expect(email).toBe("ops@brightsmiledental.com");
        });
      },
    );

    it.skipIf(Boolean(reason))(
      `times out, retries and aborts in the browser build, for both APIs${reason ? ` (skipped: ${reason})` : ""}`,
      async () => {
        await onPage("runTimed", async (tab) => {
          const timed = async (mode: string, api: "ll" | "cl") => {
            timedMode = mode;
            timedRequests.length = 0;
            return tab.evaluate(
              ([url, m, a]) =>
                (
                  window as unknown as { runTimed: (u: string, m: string, a: string) => Promise<unknown> }
                ).runTimed(url, m, a),
              [`${page}api`, mode, api] as const,
            );
          };
          const path = { ll: "GET /api/v1/me", cl: "GET /api/orders/ordA" };
          for (const api of ["ll", "cl"] as const) {
            const prefix = api === "cl" ? "CommerceLayer" : "LettrLabs";
            // Answered inside the timeout: not aborted early.
            expect(await timed("late", api)).toEqual({
              answered: api === "cl" ? "ordA" : "late@example.com",
            });
            expect(timedRequests).toEqual([path[api]]);
            // Never answered: timed out, sent again once (a read), then a timeout.
            expect(await timed("silent", api)).toEqual({ kind: "timeout", name: `${prefix}TimeoutError` });
            expect(timedRequests).toEqual([path[api], path[api]]);
            // Stalled mid-body: a timeout, and an answer that started is not asked for again.
            expect(await timed("stall", api)).toEqual({ kind: "timeout", name: `${prefix}TimeoutError` });
            expect(timedRequests).toEqual([path[api]]);
            // The caller's abort, long before the timeout.
            expect(await timed("abort", api)).toEqual({ kind: "aborted", name: `${prefix}AbortError` });
            expect(timedRequests.length).toBeLessThanOrEqual(1);
          }
        });
        server?.closeAllConnections();
      },
    );
  });
});
