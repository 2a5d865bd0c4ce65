import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { specOf, startPrism } from "../src/index.js";

const here = dirname(fileURLToPath(import.meta.url));

/** Processes whose command line names this port (a live Prism for it). */
function processesOnPort(port: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      const i = cmd.indexOf("-p");
      if (cmd.some((c) => c.includes("prism")) && i >= 0 && cmd[i + 1] === String(port))
        pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

async function refuses(url: string): Promise<boolean> {
  try {
    await fetch(`${url}/v1/me`);
    return false;
  } catch {
    return true;
  }
}

async function eventually(check: () => Promise<boolean> | boolean, ms = 15000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

describe("startPrism", () => {
  it("starts two mocks on distinct free ports of 127.0.0.1, both answering, and stops them", async () => {
    const [a, b] = await Promise.all([startPrism(specOf("lettrlabs")), startPrism(specOf("lettrlabs"))]);
    try {
      expect(a.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(a.port).not.toBe(b.port);
      for (const p of [a, b]) {
        const res = await fetch(`${p.url}/v1/me`, { headers: { "X-API-KEY": "LL-API-x" } });
        expect(res.status).toBe(200);
        expect(((await res.json()) as { payload: { email: string } }).payload.email).toContain("@");
      }
      expect(processesOnPort(a.port).length).toBeGreaterThan(0);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    expect(await refuses(a.url)).toBe(true);
    expect(processesOnPort(a.port)).toEqual([]);
    expect(processesOnPort(b.port)).toEqual([]);
    await a.stop();
  });

  it("leaves no Prism behind after a failing test run", async () => {
    const dir = mkdtempSync(join(tmpdir(), "prism-fail-"));
    const urlFile = join(dir, "url");
    const vitest = join(here, "..", "node_modules", ".bin", "vitest");
    const run = spawnSync(vitest, ["run", "--root", join(here, "fixtures", "failing")], {
      env: { ...process.env, PRISM_URL_FILE: urlFile, CI: "true" },
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(run.status).toBe(1);
    expect(existsSync(urlFile)).toBe(true);
    const url = readFileSync(urlFile, "utf8");
    const port = Number(new URL(url).port);
    expect(await eventually(() => refuses(url))).toBe(true);
    expect(await eventually(() => processesOnPort(port).length === 0)).toBe(true);
  });

  it("stops Prism when the process that started it is killed with SIGKILL", async () => {
    const script = `import { startPrism, specOf } from ${JSON.stringify(join(here, "..", "dist", "index.js"))};
      const p = await startPrism(specOf("lettrlabs")); console.log(p.url); setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const url = await new Promise<string>((resolve) =>
      child.stdout?.once("data", (d: Buffer) => resolve(d.toString().trim())),
    );
    const port = Number(new URL(url).port);
    expect((await fetch(`${url}/v1/me`, { headers: { "X-API-KEY": "k" } })).status).toBe(200);
    child.kill("SIGKILL");
    expect(await eventually(() => refuses(url))).toBe(true);
    expect(await eventually(() => processesOnPort(port).length === 0)).toBe(true);
  });
});
