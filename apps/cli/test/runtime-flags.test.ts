import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// Each case runs in a fresh node (V8 flags are per process): the same allocation pattern, which
// makes V8 grow the young generation, with and without the CLI's tuning.
const churn = `
  import { getHeapSpaceStatistics } from "node:v8";
  if (process.env.TUNED) (await import(${JSON.stringify(join(import.meta.dirname, "..", "dist", "runtime-flags.js"))})).tuneForRequests();
  let keep = [];
  for (let round = 0; round < 200; round++) {
    for (let i = 0; i < 20000; i++) { keep.push({ round, i, s: "x" + i }); if (keep.length > 60000) keep = []; }
    await new Promise((resolve) => setImmediate(resolve));
  }
  const young = getHeapSpaceStatistics().find((space) => space.space_name === "new_space");
  process.stdout.write(String(young.space_size / 2 ** 20));
`;

function youngGenerationMb(tuned: boolean, nodeOptions = "", nodeArgs: string[] = []): number {
  const run = spawnSync(process.execPath, [...nodeArgs, "--input-type=module", "-e", churn], {
    encoding: "utf8",
    env: { ...process.env, TUNED: tuned ? "1" : "", NODE_OPTIONS: nodeOptions },
  });
  expect(run.stderr).toBe("");
  return Number(run.stdout);
}

describe("the CLI's tuning for commands that send requests", () => {
  it("stops the young generation growing at 8 MB (V8 alone takes it to 32 MB)", () => {
    expect(youngGenerationMb(false)).toBeGreaterThan(16);
    expect(youngGenerationMb(true)).toBeLessThanOrEqual(16);
  });

  it("leaves the young generation alone when the user sized it (NODE_OPTIONS, or node's own flags with one dash)", () => {
    expect(youngGenerationMb(true, "--max-semi-space-size=64")).toBeGreaterThan(16);
    expect(youngGenerationMb(true, "--max_semi_space_size=64")).toBeGreaterThan(16);
    expect(youngGenerationMb(true, "", ["-max-semi-space-size=64"])).toBeGreaterThan(16);
  });

  it("is not turned off by a flag that merely mentions its words", () => {
    expect(youngGenerationMb(true, "--title=young --max-old-space-size=512")).toBeLessThanOrEqual(16);
  });

  it("does nothing under --jitless (no WebAssembly: Node's fetch cannot load)", () => {
    const run = spawnSync(
      process.execPath,
      [
        "--jitless",
        "--input-type=module",
        "-e",
        `(await import(${JSON.stringify(join(import.meta.dirname, "..", "dist", "runtime-flags.js"))})).tuneForRequests(); console.log("still here");`,
      ],
      { encoding: "utf8" },
    );
    expect(run.stdout.trim()).toBe("still here");
    // Node's own notice about --jitless is all there is on stderr.
    expect(run.stderr.replace(/^Warning: disabling flag .*\n/gm, "")).toBe("");
    expect(run.status).toBe(0);
  });

  it("changes no flag before Node's fetch is loaded (its code cache stays usable)", () => {
    const run = spawnSync(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `(await import(${JSON.stringify(join(import.meta.dirname, "..", "dist", "runtime-flags.js"))})).tuneForRequests(); new Headers(); await fetch("http://127.0.0.1:9/").catch(() => undefined);`,
      ],
      { encoding: "utf8", env: { ...process.env, NODE_DEBUG_NATIVE: "CODE_CACHE" } },
    );
    expect(run.status).toBe(0);
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/undici.*rejected|rejected.*undici/i);
  });
});
