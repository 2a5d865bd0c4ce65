#!/usr/bin/env node
// A local LettrLabs to point the CLI and your own code at (`npm run sandbox`): the stateful fake
// (orders, recipients, prices, checkouts that settle) behind Prism's validation proxy, so every
// request and response is checked against spec/lettrlabs/openapi.yaml. Stops on Ctrl-C.
//   npm run sandbox                              on http://127.0.0.1:4010
//   npm run sandbox -- --port 0                  on a free port
//   npm run sandbox -- --api-key LL-API-mine --quiet
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
if (args.includes("--help")) {
  console.log("usage: npm run sandbox -- [--port 4010|0] [--api-key KEY] [--quiet]");
  process.exit(0);
}
const port = Number(option("--port", "4010"));
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error("--port must be a port number (0 picks a free one).");
  process.exit(2);
}
const quiet = args.includes("--quiet");

const { startLettrLabsSandbox, SANDBOX_API_KEY } = await import(
  join(root, "packages", "test-utils", "dist", "index.js")
);

let sandbox;
try {
  sandbox = await startLettrLabsSandbox({
    port,
    apiKey: option("--api-key", SANDBOX_API_KEY),
    onExchange: quiet
      ? undefined
      : (e) => {
          const mark = e.violations.length > 0 ? "✘" : " ";
          console.log(`${mark} ${e.method.padEnd(6)} ${e.path} → ${e.status}`);
          for (const v of e.violations) console.log(`    spec violation: ${v}`);
        },
  });
} catch (error) {
  if (String(error).includes("EADDRINUSE")) {
    console.error(`Port ${port} is in use: pass --port <another> (or --port 0 for a free one).`);
    process.exit(2);
  }
  throw error;
}

// The CLI's ledger of this sandbox's sends: never the user's own (fake orders would sit beside
// real ones, and the next sandbox reuses the same order ids).
const state = mkdtempSync(join(tmpdir(), "orderkit-sandbox-state-"));
const cli = relative(process.cwd(), join(root, "apps", "cli", "dist", "cli.js")) || ".";
const csv = relative(process.cwd(), join(root, "apps", "cli", "examples", "recipients.csv"));
const templates = [...sandbox.templates.values()];
console.log(`LettrLabs sandbox: a stateful fake behind Prism's validation proxy for spec/lettrlabs/openapi.yaml
  base URL   ${sandbox.url}
  API key    ${sandbox.apiKey}
  templates  ${templates.map((t) => `${t.id} "${t.name}" (${t.productType})`).join(", ")}

Point the CLI (or createLettrLabsClient({ baseUrl, apiKey })) at it:
  export LETTRLABS_BASE_URL=${sandbox.url} LETTRLABS_API_KEY=${sandbox.apiKey} ORDERKIT_STATE_DIR=${state}
  node ${cli} send --template ${templates[0]?.id ?? 12345} --csv ${csv} --yes
  node ${cli} orders list

Orders, recipients, prices and checkouts are kept in memory until it stops. ORDERKIT_STATE_DIR keeps
the CLI's ledger of these fake sends out of yours (a new sandbox starts from the same order ids);
it is deleted when the sandbox stops. Every request is
listed below; one that breaks the spec (or whose response would) is marked ✘ and answered with
Prism's error instead. Ctrl-C stops it.
`);

const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  const violations = sandbox.violations().length;
  await sandbox.stop();
  rmSync(state, { recursive: true, force: true });
  console.log(
    `■ Sandbox stopped after ${plural(sandbox.exchanges.length, "request")}, ${plural(violations, "spec violation")}.`,
  );
  process.exit(0);
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
