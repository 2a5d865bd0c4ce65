#!/usr/bin/env node
// Entry point of the two quick-start commands (`npm run demo`, `npm test`) and of `npm run bench`
// and `npm run sandbox`.
// Needs only Node 20 and npm: installs the pinned pnpm (as a root devDependency, through npx the
// first time), installs the workspace, then runs the job through turbo.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { TEST_STEPS } from "./test-steps.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = join(root, "node_modules", ".bin");
const env = {
  ...process.env,
  PATH: `${bin}${delimiter}${process.env.PATH ?? ""}`,
  TURBO_TELEMETRY_DISABLED: "1",
  DO_NOT_TRACK: "1",
  NO_UPDATE_NOTIFIER: "1",
  REDOCLY_TELEMETRY: "off",
  REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
  npm_config_update_notifier: "false",
};
const pnpmVersion = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).packageManager.split("@")[1];

function run(cmd, args) {
  const result = spawnSync(cmd, args, { cwd: root, env, stdio: "inherit" });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function install() {
  const local = join(bin, "pnpm");
  const status = existsSync(local)
    ? run(local, ["install", "--frozen-lockfile", "--reporter=append-only"])
    : run("npx", ["--yes", `pnpm@${pnpmVersion}`, "install", "--frozen-lockfile", "--reporter=append-only"]);
  if (status !== 0) process.exit(status);
}

const job = process.argv[2];
install();
const turbo = (...tasks) => run("turbo", ["run", ...tasks, "--output-logs=new-only"]);

if (job === "test") {
  for (const dir of ["packages", "apps"]) {
    for (const name of existsSync(join(root, dir)) ? readdir(join(root, dir)) : []) {
      rmSync(join(root, dir, name, ".test-report"), { recursive: true, force: true });
    }
  }
  // Every step runs, whatever an earlier one said (as --continue within one).
  const status = TEST_STEPS.map((step) => turbo(...step)).find((s) => s !== 0) ?? 0;
  const summary = run("node", [join(root, "scripts", "test-summary.mjs")]);
  process.exit(status || summary);
} else if (job === "demo") {
  const status = turbo("build", "--filter=@orderkit/cli...");
  if (status !== 0) process.exit(status);
  process.exit(run("node", [join(root, "scripts", "demo.mjs"), ...process.argv.slice(3)]));
} else if (job === "sandbox") {
  const status = turbo("build", "--filter=@orderkit/cli...", "--filter=@orderkit/test-utils");
  if (status !== 0) process.exit(status);
  // Ctrl-C reaches the sandbox too (same process group); wait for it to stop instead of dying first.
  process.on("SIGINT", () => {});
  process.exit(run("node", [join(root, "scripts", "sandbox.mjs"), ...process.argv.slice(3)]));
} else if (job === "bench") {
  const status = turbo("build");
  if (status !== 0) process.exit(status);
  process.exit(run("node", [join(root, "bench", "run.mjs"), ...process.argv.slice(3)]));
} else if (job === "faults") {
  // The long randomized fault run: FAULT_RUNS schedules per property (default 10,000), FAULT_SEED to replay.
  const status = turbo("build", "--filter=@orderkit/cli...");
  if (status !== 0) process.exit(status);
  env.FAULT_RUNS = process.env.FAULT_RUNS ?? "10000";
  // The CLI schedules spawn processes (about a second each): fewer by default.
  env.CLI_FAULT_RUNS = process.env.CLI_FAULT_RUNS ?? "300";
  const client = run("pnpm", ["--filter", "@orderkit/client", "run", "test:faults"]);
  const cli = run("pnpm", ["--filter", "@orderkit/cli", "run", "test:faults"]);
  process.exit(client || cli);
} else {
  console.error("usage: node scripts/bootstrap.mjs demo|test|bench|sandbox|faults");
  process.exit(2);
}

function readdir(path) {
  return spawnSync("ls", [path], { encoding: "utf8" }).stdout.split("\n").filter(Boolean);
}
