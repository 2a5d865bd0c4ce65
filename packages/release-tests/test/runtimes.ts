import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** A JavaScript runtime a consumer's script is run with: the command line before the script's path. */
export interface Runtime {
  name: "Node" | "Bun" | "Deno";
  /** The command and its arguments; the script's path and its own arguments follow. */
  command: readonly [string, ...string[]];
  /** Why it cannot run on this machine (its tests are skipped then), or undefined. */
  missing: string | undefined;
}

const require = createRequire(import.meta.url);

/**
 * The binary a runtime's npm package (a devDependency of this package) installs for this platform:
 * found in its platform package, since the package's own install script (which would only link it)
 * is not run (pnpm-workspace.yaml).
 */
function platformBinary(pkg: string, platforms: Record<string, string>, file: string) {
  const platform = platforms[`${process.platform}-${process.arch}`];
  if (!platform) return { missing: `no ${pkg} package for ${process.platform}-${process.arch}` };
  try {
    const inPackage = createRequire(require.resolve(`${pkg}/package.json`));
    const binary = join(dirname(inPackage.resolve(`${platform}/package.json`)), file);
    if (!existsSync(binary)) return { binary, missing: `${binary} is missing` };
    // Runs at all here (a CPU it was not built for fails at once).
    const probe = spawnSync(binary, ["--version"], { encoding: "utf8", timeout: 60_000 });
    return probe.status === 0
      ? { binary }
      : { binary, missing: `${binary} --version exited ${probe.status}: ${probe.stderr.slice(-200)}` };
  } catch (error) {
    return { missing: `${platform} is not installed: ${(error as Error).message.split("\n")[0]}` };
  }
}

/**
 * Node, and the Bun and Deno of this package's devDependencies. Deno is given only what a user of
 * the client must grant: connections to 127.0.0.1 (where the tests' servers listen) and the
 * environment (the scripts read their settings from it). Neither may reach the network otherwise:
 * no update check, no telemetry, no prompt.
 */
export function runtimes(): Runtime[] {
  const bun = platformBinary("bun", { "linux-x64": "@oven/bun-linux-x64" }, "bin/bun");
  const deno = platformBinary("deno", { "linux-x64": "@deno/linux-x64-glibc" }, "deno");
  return [
    { name: "Node", command: [process.execPath], missing: undefined },
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
