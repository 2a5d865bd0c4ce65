import { execFileSync, spawn } from "node:child_process";
import { statSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CLI, cliEnv, runCli, tempDir } from "./helpers.js";
import { stopWorlds, world } from "./ledger-world.js";

afterEach(stopWorlds);

/** Runs `orderkit <args>` from bash, its config file given by `config` (bash text: a path, or `<(…)`). */
function runWithConfig(args: string[], config: string, env: Record<string, string>, dir: string) {
  const child = spawn(
    "bash",
    [
      "--norc",
      "--noprofile",
      "-c",
      `ORDERKIT_CONFIG=${config} exec "${process.execPath}" ${CLI} ${args.join(" ")}`,
    ],
    { cwd: dir, env: { ...cliEnv(dir, env), ORDERKIT_CONFIG: "" }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d));
  child.stderr.on("data", (d: Buffer) => (stderr += d));
  const hung = setTimeout(() => child.kill("SIGKILL"), 30_000);
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on("close", (code) => {
      clearTimeout(hung);
      resolve({ code, stdout, stderr });
    }),
  );
}

describe("a config file that is a pipe", () => {
  it("is read as its writer writes it (a process substitution, in two parts), and a slow writer is waited for, a writer opening it before or after the command, `config set` refused, and one nobody writes to never holds the command up", async () => {
    const w = await world();
    const { LETTRLABS_API_KEY: key, ...env } = w.env;
    const dir = tempDir();
    const config = JSON.stringify({ apiKey: key });
    const [head, tail] = [config.slice(0, 10), config.slice(10)];
    const piped = await runWithConfig(
      ["me"],
      `<(printf '%s' '${head}'; sleep 1; printf '%s' '${tail}')`,
      env,
      dir,
    );
    expect(piped.stderr).toBe("");
    expect(piped.code).toBe(0);
    expect(w.f.count("GET", /^\/v1\/me$/)).toBe(1);
    // A writer that has the pipe open and takes its time (a pass phrase typed) is waited for.
    const slow = await runWithConfig(
      ["config", "get", "base-url"],
      `<(sleep 3; printf '%s' '{"baseUrl":"https://example.com/api"}')`,
      env,
      dir,
    );
    expect(slow.stderr).toBe("");
    expect(slow.stdout).toContain("https://example.com/api");
    // A named FIFO whose writer opens it before or after the command first looks (a writer loop
    // between two writes): each run reads it.
    const fifo = join(dir, "config.fifo");
    execFileSync("mkfifo", [fifo]);
    for (const delay of [0, 100, 400, 1000]) {
      const run = runCli(["config", "get", "base-url"], { ORDERKIT_CONFIG: fifo }, dir);
      await new Promise((resolve) => setTimeout(resolve, delay));
      // Opened to write, it waits for the command to open it to read.
      await writeFile(fifo, JSON.stringify({ baseUrl: "https://example.com/api" }));
      const got = await run;
      expect({ delay, code: got.code, stderr: got.stderr }).toEqual({ delay, code: 0, stderr: "" });
      expect(got.stdout).toContain("https://example.com/api");
    }
    // `config set` on a pipe: refused, and the pipe left a pipe (no file keeps what it fed).
    const set = await runCli(
      ["config", "set", "base-url", "https://example.org/api"],
      { ORDERKIT_CONFIG: fifo },
      dir,
    );
    expect(set.code).toBe(2);
    expect(set.stderr).toContain("is a pipe: orderkit reads it but cannot change it. Nothing was saved.");
    expect(statSync(fifo).isFIFO()).toBe(true);
    // A FIFO with no writer: read as empty once a writer has had its moment, and named.
    const alone = await runCli(["config", "get", "base-url"], { ORDERKIT_CONFIG: fifo }, dir);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain(`The config file ${fifo} is not a JSON object`);
    expect(w.f.count("GET", /^\/v1\/me$/)).toBe(1);
  }, 60_000);
});
