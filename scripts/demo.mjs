#!/usr/bin/env node
// The main job: the whole order flow through the CLI against a Prism mock of spec/lettrlabs.
//   npm run demo                      against Prism (started and stopped here)
//   npm run demo -- --live --template <id>
//                                     against the real API (LETTRLABS_API_KEY, optional
//                                     LETTRLABS_BASE_URL); stops after the price preview unless
//                                     --checkout is given as well.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
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

let prism;
const env = { ...process.env };
if (live) {
  if (!env.LETTRLABS_API_KEY) {
    console.error("--live needs LETTRLABS_API_KEY (and optionally LETTRLABS_BASE_URL).");
    process.exit(2);
  }
} else {
  const { startPrism, SPEC } = await import(join(root, "packages", "test-utils", "dist", "index.js"));
  console.log("▶ Starting Prism on spec/lettrlabs/openapi.yaml …");
  prism = await startPrism(SPEC.lettrlabs);
  console.log(`  Prism is listening on ${prism.url}\n`);
  env.LETTRLABS_BASE_URL = prism.url;
  env.LETTRLABS_API_KEY = "LL-API-demo-0000";
}

let status = 1;
try {
  const sendArgs = [
    "send",
    "--template",
    template,
    "--csv",
    csv,
    "--proof",
    proof,
    "--journal-dir",
    join(work, "journal"),
  ];
  if (live && !args.includes("--checkout")) sendArgs.push("--dry-run");
  else sendArgs.push("--yes");
  console.log(`▶ orderkit ${sendArgs.map((a) => (a.includes(" ") ? `'${a}'` : a)).join(" ")}\n`);
  const run = spawnSync(process.execPath, [cli, ...sendArgs], {
    env,
    stdio: ["ignore", "inherit", "inherit"],
  });
  status = run.status ?? 1;
  if (status === 0) {
    const size = existsSync(proof) ? statSync(proof).size : 0;
    console.log(
      `\n✔ Demo finished: order created from template ${template}, ${csv.split("/").pop()} appended,`,
    );
    console.log(
      `  proof saved (${size} bytes, ${proof}), price previewed${live && !args.includes("--checkout") ? " (dry run: not charged)" : ", checked out and settled"}.`,
    );
  } else {
    console.error(`\n✘ The CLI exited with code ${status}.`);
  }
} finally {
  if (prism) {
    await prism.stop();
    console.log("■ Prism stopped.");
  }
  if (status === 0) rmSync(work, { recursive: true, force: true });
}
process.exit(status);
