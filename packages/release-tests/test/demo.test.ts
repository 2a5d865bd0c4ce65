import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "@orderkit/test-utils";
import { afterAll, describe, expect, it } from "vitest";

// The demo and the sandbox as a newcomer runs them (`npm run demo`, `npm run sandbox` run these
// scripts after installing and building): the story's numbers must agree with each other and with
// the sandbox's state, and Prism's validation proxy must have found no spec violation.

const CLI = join(REPO_ROOT, "apps", "cli", "dist", "cli.js");
const CSV = join(REPO_ROOT, "apps", "cli", "examples", "recipients.csv");

describe("npm run demo", () => {
  it("tells a story whose numbers agree, with no spec violation, and stops everything it started", () => {
    // The user's state directory, as the CLI finds it without ORDERKIT_STATE_DIR.
    const userState = mkdtempSync(join(tmpdir(), "orderkit-demo-user-state-"));
    const { ORDERKIT_STATE_DIR: _, ...env } = process.env;
    const demo = spawnSync(process.execPath, [join(REPO_ROOT, "scripts", "demo.mjs")], {
      cwd: REPO_ROOT,
      encoding: "utf8",
      timeout: 120_000,
      env: { ...env, XDG_STATE_HOME: userState },
    });
    const out = `${demo.stdout}${demo.stderr}`;
    // The demo's fake sends stay out of the user's ledger (a remembered journal the demo then
    // deleted would stop the user's next send).
    const left = readdirSync(userState);
    rmSync(userState, { recursive: true, force: true });
    expect(left).toEqual([]);
    expect(demo.status, out).toBe(0);
    const lines = demo.stdout.trim().split("\n");
    const last = lines[lines.length - 1] ?? "";
    const m = last.match(
      /^✔ Demo finished, the numbers agree: rows (\d+) read = (\d+) valid = (\d+) accepted; \$([\d.]+) = (\d+) × \$([\d.]+); order (\d+) (\w+); (\d+) spec violations\.$/,
    );
    expect(m, last).not.toBeNull();
    const [, read, valid, accepted, total, times, rate, , status, violations] = m ?? [];
    expect(Number(read)).toBeGreaterThan(0);
    expect(valid).toBe(read);
    expect(accepted).toBe(read);
    expect(times).toBe(accepted);
    expect(Math.round(Number(accepted) * Number(rate) * 100)).toBe(Math.round(Number(total) * 100));
    expect(status).toBe("Paid");
    expect(violations).toBe("0");
    // The CLI's own summary of the dry run says the same.
    expect(demo.stdout).toContain(`rows         ${read} read, ${valid} valid, 0 invalid, 0 duplicate`);
    expect(demo.stdout).toContain(`recipients   ${accepted} accepted, 0 undeliverable`);
    expect(demo.stdout).toContain(`$${total} to pay ($${total} charges)`);
    expect(demo.stdout).not.toContain("✘");
    expect(demo.stdout).toContain("■ Sandbox stopped.");
  });
});

describe("npm run sandbox", () => {
  let child: ChildProcess | undefined;
  let printedState = "";
  afterAll(() => {
    child?.kill("SIGKILL"); // only if a failed assertion left it running; Prism dies with it
    if (printedState) rmSync(printedState, { recursive: true, force: true });
  });

  it("prints a base URL and a key, serves the CLI through the spec check, and stops on Ctrl-C", async () => {
    const sandbox = spawn(process.execPath, [join(REPO_ROOT, "scripts", "sandbox.mjs"), "--port", "0"], {
      cwd: REPO_ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    child = sandbox;
    let out = "";
    sandbox.stdout?.on("data", (chunk) => {
      out += chunk;
    });
    sandbox.stderr?.on("data", (chunk) => {
      out += chunk;
    });
    const exited = new Promise<number | null>((resolve) => sandbox.once("exit", (code) => resolve(code)));
    const banner = async () => {
      for (let i = 0; i < 600 && !out.includes("Ctrl-C stops it."); i++) {
        if (sandbox.exitCode !== null) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      return out;
    };
    const text = await banner();
    const url = text.match(/base URL\s+(http:\/\/127\.0\.0\.1:\d+)/)?.[1];
    const key = text.match(/API key\s+(\S+)/)?.[1];
    const template = text.match(/templates\s+(\d+) "/)?.[1];
    expect(url, text).toBeDefined();
    expect(key).toBeDefined();
    // The fake sends' own ledger, as printed in the export line the user copies.
    printedState = text.match(/ORDERKIT_STATE_DIR=(\S+)/)?.[1] ?? "";
    expect(printedState.startsWith(tmpdir()), text).toBe(true);

    const send = spawnSync(
      process.execPath,
      [CLI, "send", "--template", template ?? "", "--csv", CSV, "--yes", "--json"],
      {
        encoding: "utf8",
        env: {
          ...process.env,
          LETTRLABS_BASE_URL: url,
          LETTRLABS_API_KEY: key,
          ORDERKIT_STATE_DIR: printedState,
        },
        timeout: 60_000,
      },
    );
    expect(send.status, send.stderr).toBe(0);
    const result = JSON.parse(send.stdout);
    expect(result.rows.valid).toBe(result.rows.total);
    expect(result.recipients.accepted).toBe(result.rows.valid);
    expect(result.status).toBe("Paid");

    sandbox.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(existsSync(printedState)).toBe(false);
    child = undefined;
    expect(out).toMatch(/POST\s+\/v1\/order\/\d+\/checkout → 200/);
    expect(out).not.toMatch(/^✘ /m); // the mark of a request that broke the spec
    expect(out).toMatch(/■ Sandbox stopped after \d+ requests?, 0 spec violations\./);
    await expect(fetch(`${url}/v1/me`)).rejects.toThrow();
  });
});
