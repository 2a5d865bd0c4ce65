import { spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { get as httpGet } from "node:http";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { freePort, REPO_ROOT } from "@orderkit/test-utils";

/** A Verdaccio on 127.0.0.1 with its storage, config and a maintainer's token in a temp dir. */
export interface LocalRegistry {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  /** An npm user config holding only the maintainer's token for this registry. */
  readonly userconfig: string;
  /** The packument of a package (`{ "dist-tags", versions, time }`), or undefined when unknown. */
  packument(name: string): Promise<Packument | undefined>;
  /** Stops Verdaccio; resolves once it has exited. Safe to call twice. */
  stop(): Promise<void>;
}

export interface Packument {
  name: string;
  "dist-tags": Record<string, string>;
  versions: Record<string, Record<string, unknown> & { version: string }>;
}

const require = createRequire(import.meta.url);
// Generic "run this node entry and kill it when I go away" supervisor (stdin closes when we exit).
const SUPERVISOR = join(REPO_ROOT, "packages", "test-utils", "bin", "prism-supervisor.mjs");

function verdaccioEntry(): string {
  const pkgPath = require.resolve("verdaccio/package.json");
  const { bin } = require(pkgPath) as { bin: string | Record<string, string> };
  return join(dirname(pkgPath), typeof bin === "string" ? bin : (bin.verdaccio ?? ""));
}

/**
 * Starts Verdaccio on a free port of 127.0.0.1 (no uplinks: only what is published to it exists),
 * with an htpasswd user created in its temp config, logs that user in and writes the token to a
 * user config. Verdaccio runs under a supervisor that kills it when this process ends, however.
 */
export async function startRegistry(): Promise<LocalRegistry> {
  const dir = mkdtempSync(join(tmpdir(), "orderkit-registry-"));
  const user = "maintainer";
  const password = randomBytes(12).toString("hex");
  writeFileSync(
    join(dir, "htpasswd"),
    `${user}:{SHA}${createHash("sha1").update(password).digest("base64")}:autocreated ${new Date().toISOString()}\n`,
  );
  const config = join(dir, "config.yaml");
  // JSON is YAML.
  writeFileSync(
    config,
    JSON.stringify({
      storage: join(dir, "storage"),
      auth: { htpasswd: { file: join(dir, "htpasswd"), max_users: -1 } },
      uplinks: {},
      packages: {
        "@orderkit/*": { access: "$all", publish: "$authenticated", unpublish: "$authenticated" },
        "**": { access: "$all" },
      },
      web: { enable: false },
      log: { type: "stdout", format: "pretty", level: "warn" },
    }),
  );

  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const child = spawn(
      process.execPath,
      [SUPERVISOR, verdaccioEntry(), "--config", config, "--listen", `127.0.0.1:${port}`],
      { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, FORCE_COLOR: "0" } },
    );
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    let log = "";
    const keep = (chunk: Buffer) => {
      log = `${log}${chunk.toString("utf8")}`.slice(-20_000);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    let stopped = false;
    const stop = async () => {
      if (!stopped) {
        stopped = true;
        child.kill("SIGTERM");
        const hard = setTimeout(() => child.kill("SIGKILL"), 5000);
        await exited;
        clearTimeout(hard);
      } else await exited;
    };
    const url = `http://127.0.0.1:${port}/`;
    try {
      await waitUntilUp(url, exited, () => log);
      const token = await login(url, user, password);
      const userconfig = join(dir, "maintainer.npmrc");
      writeFileSync(userconfig, `//127.0.0.1:${port}/:_authToken=${token}\n`, { mode: 0o600 });
      return {
        url,
        userconfig,
        async stop() {
          await stop();
          rmSync(dir, { recursive: true, force: true });
        },
        packument: (name) => getJson<Packument>(`${url}${name.replace("/", "%2f")}`),
      };
    } catch (error) {
      await stop();
      lastError = error;
      if (!String(error).includes("EADDRINUSE")) break;
    }
  }
  throw lastError;
}

/** GET without keep-alive (Verdaccio closes idle sockets, which a pooled fetch may race). */
function getJson<T>(url: string): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const req = httpGet(url, { agent: false, headers: { accept: "application/json" } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        text += chunk;
      });
      res.on("end", () => {
        if (res.statusCode === 404) resolve(undefined);
        else if (res.statusCode !== 200) reject(new Error(`GET ${url}: ${res.statusCode} ${text}`));
        else resolve(JSON.parse(text) as T);
      });
    });
    req.once("error", reject);
  });
}

async function waitUntilUp(url: string, exited: Promise<number | null>, log: () => string): Promise<void> {
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  const end = Date.now() + 60_000;
  while (Date.now() < end) {
    if (gone) throw new Error(`Verdaccio exited before listening:\n${log()}`);
    try {
      const res = await fetch(`${url}-/ping`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Verdaccio did not answer within 60 s:\n${log()}`);
}

/** `npm login` by hand: Verdaccio answers an authenticated PUT of the user document with a token. */
async function login(url: string, user: string, password: string): Promise<string> {
  const res = await fetch(`${url}-/user/org.couchdb.user:${user}`, {
    method: "PUT",
    headers: {
      "content-type": "application/json",
      authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`,
    },
    body: JSON.stringify({ name: user, password }),
  });
  const body = (await res.json()) as { token?: string; error?: string };
  if (!res.ok || !body.token)
    throw new Error(`Registry login failed (${res.status}): ${body.error ?? "no token"}`);
  return body.token;
}

/**
 * The environment for npm, pnpm, turbo and changesets in a scratch project: this process's, minus
 * what an outer npm/pnpm/turbo/vitest run leaks into it (INIT_CWD would make `pnpm spec:upgrade`
 * edit the real checkout; npm_config_* would override the registry), plus `extra`.
 */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (/^(npm_|pnpm_|turbo_|vitest|init_cwd$|node_env$|node_options$)/i.test(name)) continue;
    env[name] = value;
  }
  return {
    ...env,
    PATH: `${join(REPO_ROOT, "node_modules", ".bin")}:${process.env.PATH ?? ""}`,
    TURBO_TELEMETRY_DISABLED: "1",
    DO_NOT_TRACK: "1",
    npm_config_update_notifier: "false",
    npm_config_fund: "false",
    npm_config_audit: "false",
    ...extra,
  };
}

/** Runs a command with exactly `env`; returns its exit status and output (never throws on failure). */
export function exec(
  cmd: string,
  args: string[],
  cwd: string,
  env: Record<string, string>,
): { status: number; output: string; stdout: string } {
  const result = spawnSync(cmd, args, { cwd, env, encoding: "utf8", timeout: 300_000 });
  return {
    status: result.status ?? 1,
    stdout: result.stdout ?? "",
    output: `${result.stdout ?? ""}${result.stderr ?? ""}${result.error ? String(result.error) : ""}`,
  };
}

/** Like exec, but fails with the command's output when it exits non-zero. */
export function sh(cmd: string, args: string[], cwd: string, env: Record<string, string>): string {
  const result = exec(cmd, args, cwd, env);
  if (result.status !== 0)
    throw new Error(`${cmd} ${args.join(" ")} (in ${cwd}) exited ${result.status}:\n${result.output}`);
  return result.stdout;
}

/**
 * A scratch copy of the workspace as the working tree has it (tracked and untracked-but-not-ignored
 * files), in its own git repository, sharing the installed dependencies: the root node_modules is
 * linked, each package's node_modules (relative links into it and to sibling packages) is copied.
 * Versioning and publishing there never touch the checkout.
 */
export function scratchWorkspace(): string {
  const dir = mkdtempSync(join(tmpdir(), "orderkit-release-"));
  const listed = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: REPO_ROOT,
    encoding: "utf8",
  });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  for (const file of listed.stdout.split("\0").filter(Boolean)) {
    const from = join(REPO_ROOT, file);
    if (!existsSync(from)) continue; // deleted in the working tree
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(from, join(dir, file));
  }
  symlinkSync(join(REPO_ROOT, "node_modules"), join(dir, "node_modules"));
  for (const group of ["packages", "apps"]) {
    for (const name of readdirSync(join(REPO_ROOT, group))) copyModules(join(group, name), dir);
  }
  copyModules("bench", dir);
  const git = (...args: string[]) =>
    sh(
      "git",
      ["-c", "user.name=Maintainer", "-c", "user.email=maintainer@example.com", ...args],
      dir,
      cleanEnv(),
    );
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("commit", "-q", "-m", "scratch copy of the workspace");
  return dir;
}

function copyModules(pkg: string, dest: string): void {
  const from = join(REPO_ROOT, pkg, "node_modules");
  if (!existsSync(from) || !existsSync(join(dest, pkg))) return;
  cpSync(from, join(dest, pkg, "node_modules"), {
    recursive: true,
    verbatimSymlinks: true,
    filter: (src) => !/[\\/]\.(vite|vite-temp|cache)$/.test(src),
  });
}

/** The version field of a package.json. */
export function versionOf(dir: string): string {
  return (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string }).version;
}
