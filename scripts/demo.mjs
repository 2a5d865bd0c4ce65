#!/usr/bin/env node
// The main job: the whole order flow through the CLI against a local LettrLabs sandbox (a stateful
// fake behind Prism's validation proxy, so every request and response is checked against
// spec/lettrlabs/openapi.yaml), then a check that the story's numbers agree with the sandbox's state.
//   npm run demo                      against the sandbox (started and stopped here)
//   npm run demo -- --live --template <id>
//                                     against the real API (LETTRLABS_API_KEY, optional
//                                     LETTRLABS_BASE_URL); stops after the price preview unless
//                                     --checkout is given as well.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cli = join(root, "apps", "cli", "dist", "cli.js");
const csv = join(root, "apps", "cli", "examples", "recipients.csv");
const args = process.argv.slice(2);
const live = args.includes("--live");
const templateAt = args.indexOf("--template");
const template = templateAt >= 0 ? args[templateAt + 1] : "12345";
const work = mkdtempSync(join(tmpdir(), "orderkit-demo-"));
const proof = join(work, "proof.pdf");
const env = { ...process.env };
const usd = (n) => `$${n.toFixed(2)}`;
const shown = (a) => (a.startsWith(root) ? relative(process.cwd(), a) || "." : a);

/** Runs the CLI (asynchronously: the sandbox lives in this process); stdout is captured when asked. */
function orderkit(cliArgs, { capture = false } = {}) {
  console.log(`▶ orderkit ${cliArgs.map((a) => (a.includes(" ") ? `'${a}'` : shown(a))).join(" ")}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...cliArgs], {
      env,
      stdio: ["ignore", capture ? "pipe" : "inherit", "inherit"],
    });
    let out = "";
    child.stdout?.on("data", (chunk) => {
      out += chunk;
    });
    child.once("error", reject);
    child.once("exit", (code) => resolve({ status: code ?? 1, stdout: out }));
  });
}

// Against the sandbox, the CLI keeps its ledger in the demo's own state directory (deleted with
// it), so the demo's fake sends never enter the user's: a journal remembered there and then
// deleted would stop the user's next send. Live, the user's own ledger records the real send.
if (!live) env.ORDERKIT_STATE_DIR = join(work, "state");
const sendArgs = ["send", "--template", template, "--csv", csv, "--proof", proof];
let status = 1;

if (live) {
  if (!env.LETTRLABS_API_KEY) {
    console.error("--live needs LETTRLABS_API_KEY (and optionally LETTRLABS_BASE_URL).");
    process.exit(2);
  }
  const checkout = args.includes("--checkout");
  ({ status } = await orderkit([...sendArgs, checkout ? "--yes" : "--dry-run"]));
  if (status === 0) {
    const size = existsSync(proof) ? statSync(proof).size : 0;
    console.log(
      `\n✔ Demo finished: order created from template ${template}, ${csv.split("/").pop()} appended,`,
    );
    console.log(
      `  proof saved (${size} bytes, ${proof}), price previewed${checkout ? ", checked out and settled" : " (dry run: not charged)"}.`,
    );
  } else console.error(`\n✘ The CLI exited with code ${status}.`);
  if (status === 0) rmSync(work, { recursive: true, force: true });
  process.exit(status);
}

const { startLettrLabsSandbox } = await import(join(root, "packages", "test-utils", "dist", "index.js"));
const { createLettrLabsClient } = await import(join(root, "packages", "client", "dist", "index.js"));
console.log("▶ Starting a local LettrLabs sandbox (stateful fake behind Prism's validation proxy) …");
const sandbox = await startLettrLabsSandbox();
const seeded = sandbox.templates.get(Number(template));
console.log(`  listening on ${sandbox.url}, API key ${sandbox.apiKey}`);
console.log(
  `  template ${template}: ${seeded ? `"${seeded.name}" (${seeded.productType})` : "not in the sandbox"}\n`,
);
env.LETTRLABS_BASE_URL = sandbox.url;
env.LETTRLABS_API_KEY = sandbox.apiKey;

let summary = "";
try {
  // 1. Create the order, append the CSV, save the proof, preview the price: nothing charged yet.
  const dry = await orderkit([...sendArgs, "--dry-run"]);
  if (dry.status !== 0) throw new Error(`The dry run exited with code ${dry.status}.`);
  // 2. The same command without --dry-run resumes from its journal and checks out (JSON this time).
  console.log("");
  const run = await orderkit([...sendArgs, "--yes", "--json"], { capture: true });
  if (run.status !== 0) throw new Error(`The checkout run exited with code ${run.status}.`);
  const result = JSON.parse(run.stdout);

  // 3. Do the CLI's numbers agree with each other and with the sandbox's own state?
  const order = sandbox.fake.orders.get(result.orderId);
  const ll = createLettrLabsClient({ apiKey: sandbox.apiKey, baseUrl: sandbox.url });
  const line = (await ll.orders.checkout.preview(result.orderId, { postage: "Standard" })).lineItems[0];
  const accepted = result.recipients.accepted;
  const total = result.price?.totalCharges ?? Number.NaN;
  const violations = sandbox.violations();
  const checks = [
    [
      "rows",
      `${result.rows.total} read, ${result.rows.valid} valid, ${accepted} accepted; the sandbox order holds ${order?.recipients.length ?? 0} recipients`,
      result.rows.total === result.rows.valid &&
        result.rows.valid === accepted &&
        result.recipients.rejected === 0 &&
        order?.recipients.length === accepted,
    ],
    [
      "price",
      `${usd(total)} = ${accepted} × ${usd(line?.rate ?? Number.NaN)} (${line?.name}, Standard postage)`,
      line?.quantity === accepted &&
        Math.round(accepted * (line?.rate ?? 0) * 100) === Math.round(total * 100),
    ],
    [
      "settlement",
      `order ${result.orderId} ${result.status}; ${sandbox.fake.orders.size} order created and ${order?.checkouts ?? 0} checkout in 2 runs`,
      result.status === "Paid" &&
        order?.status === "Paid" &&
        order.checkouts === 1 &&
        sandbox.fake.orders.size === 1,
    ],
    [
      "contract",
      `${sandbox.exchanges.length} requests, ${violations.length} violating spec/lettrlabs/openapi.yaml`,
      violations.length === 0,
    ],
  ];
  console.log("\n▶ Checking the story against the sandbox's state");
  for (const [name, text, ok] of checks) console.log(`  ${ok ? "✔" : "✘"} ${name.padEnd(11)} ${text}`);
  for (const v of violations)
    console.log(`    ${v.method} ${v.path} → ${v.status}: ${v.violations.join("; ")}`);
  status = checks.every(([, , ok]) => ok) ? 0 : 1;
  summary =
    status === 0
      ? `✔ Demo finished, the numbers agree: rows ${result.rows.total} read = ${result.rows.valid} valid = ${accepted} accepted; ` +
        `${usd(total)} = ${accepted} × ${usd(line.rate)}; order ${result.orderId} ${result.status}; ${violations.length} spec violations.`
      : "✘ Demo finished, but the numbers do not agree (see ✘ above).";
} catch (error) {
  summary = `✘ ${error instanceof Error ? error.message : String(error)}`;
} finally {
  await sandbox.stop();
  console.log("■ Sandbox stopped.\n");
}
console.log(summary);
if (status === 0) rmSync(work, { recursive: true, force: true });
process.exit(status);
