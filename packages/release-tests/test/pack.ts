import { execFile, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "@orderkit/test-utils";

/** The packages we publish, by directory. */
export const PUBLISHED = {
  "@orderkit/types": join(REPO_ROOT, "packages", "types"),
  "@orderkit/client": join(REPO_ROOT, "packages", "client"),
  "@orderkit/cli": join(REPO_ROOT, "apps", "cli"),
} as const;
export type Published = keyof typeof PUBLISHED;

/** Runs a command, failing with its output when it exits non-zero. */
export function run(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}): string {
  const result = spawnSync(cmd, args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout: 300_000,
  });
  if (result.status !== 0) {
    throw new Error(`${cmd} ${args.join(" ")} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

/**
 * {@link run} without blocking this process: for a command that talks to a server the test serves
 * itself (a synchronous spawn would stop that server from answering).
 */
export function runAsync(
  cmd: string,
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
  timeoutMs = 300_000,
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      cmd,
      args,
      { cwd, env: { ...process.env, ...env }, timeout: timeoutMs },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${cmd} ${args.join(" ")} exited ${error.code}:\n${stdout}\n${stderr}`));
        else resolve(stdout);
      },
    );
  });
}

/** `pnpm pack`s every published package (workspace ranges become real versions); returns the tarballs. */
export function packAll(): Record<Published, string> {
  const dest = mkdtempSync(join(tmpdir(), "orderkit-pack-"));
  const pnpm = join(REPO_ROOT, "node_modules", ".bin", "pnpm");
  const out = {} as Record<Published, string>;
  for (const [name, dir] of Object.entries(PUBLISHED) as [Published, string][]) {
    run(pnpm, ["pack", "--pack-destination", dest], dir);
    const file = readdirSync(dest).find((f) => f.startsWith(`${name.replace("@", "").replace("/", "-")}-`));
    if (!file) throw new Error(`no tarball for ${name}`);
    out[name] = join(dest, file);
  }
  return out;
}
