import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Ledger, normalizeHost, serverHost } from "../src/ledger/ledger.js";
import { FileLock, LockedError } from "../src/ledger/lock.js";

const lockFile = (owner: { pid: number; host?: string }) => {
  const path = join(mkdtempSync(join(tmpdir(), "orderkit-lock-")), "x.lock");
  writeFileSync(path, JSON.stringify({ host: hostname(), startedAt: "2026-01-01T00:00:00Z", ...owner }));
  return path;
};

describe("FileLock", () => {
  it("a lock recorded under this very pid is never broken: two containers sharing a state volume and a hostname both run as pid 1", async () => {
    const path = lockFile({ pid: process.pid });
    await expect(new FileLock(path).acquire("A write on order 7")).rejects.toBeInstanceOf(LockedError);
    expect(JSON.parse(readFileSync(path, "utf8")).startedAt).toBe("2026-01-01T00:00:00Z");
  });

  it("a lock of a dead process on this host is broken and taken", async () => {
    const path = lockFile({ pid: 2 ** 22 + 12345 });
    const lock = new FileLock(path);
    await lock.acquire("A write on order 7");
    expect(JSON.parse(readFileSync(path, "utf8")).pid).toBe(process.pid);
    await lock.release();
  });

  it("a lock of another live process on this host, or of another host, is never broken", async () => {
    for (const owner of [{ pid: process.ppid }, { pid: 999_999, host: "another-host" }]) {
      const path = lockFile(owner);
      await expect(new FileLock(path).acquire("A write on order 7")).rejects.toBeInstanceOf(LockedError);
      expect(JSON.parse(readFileSync(path, "utf8")).pid).toBe(owner.pid);
    }
  });

  it("many processes taking one lock at once: one holds it, every other is told it runs elsewhere, never that the lock cannot be read", async () => {
    const dir = mkdtempSync(join(tmpdir(), "orderkit-lock-"));
    for (let round = 0; round < 60; round++) {
      const path = join(dir, `r${round}.lock`);
      const tries = Array.from({ length: 4 }, () => new FileLock(path));
      const outcomes = await Promise.allSettled(tries.map((lock) => lock.acquire("This send")));
      const won = outcomes.filter((o) => o.status === "fulfilled");
      expect(won).toHaveLength(1);
      for (const o of outcomes)
        if (o.status === "rejected")
          expect(String(o.reason.message)).toMatch(/in progress in another process/);
      expect(JSON.parse(readFileSync(path, "utf8")).pid).toBe(process.pid);
      await Promise.all(tries.map((lock) => lock.release()));
    }
    // No draft is left beside the locks.
    expect(readdirSync(dir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("a lock file still being written (empty for a moment, as an older orderkit wrote it) is read again, not called unreadable", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "orderkit-lock-")), "x.lock");
    writeFileSync(path, "");
    setTimeout(
      () =>
        writeFileSync(
          path,
          JSON.stringify({ pid: process.ppid, host: hostname(), startedAt: "2026-01-01T00:00:00Z" }),
        ),
      100,
    );
    await expect(new FileLock(path).acquire("This send")).rejects.toThrow(/in progress in another process/);
  });

  it("a stale lock broken by many at once, each starting at its own moment: exactly one takes it, and no breaker is left (seeded)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "orderkit-lock-"));
    let round = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 2, maxLength: 6 }),
        async (delays) => {
          const path = join(dir, `r${round++}.lock`);
          writeFileSync(
            path,
            JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), startedAt: "2026-01-01T00:00:00Z" }),
          );
          const tries = delays.map(() => new FileLock(path));
          const outcomes = await Promise.allSettled(
            tries.map(async (lock, i) => {
              await new Promise((r) => setTimeout(r, delays[i]));
              await lock.acquire("This send");
            }),
          );
          expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
          for (const o of outcomes) if (o.status === "rejected") expect(o.reason).toBeInstanceOf(LockedError);
          expect(JSON.parse(readFileSync(path, "utf8")).pid).toBe(process.pid);
          expect(existsSync(`${path}.break`)).toBe(false);
          await Promise.all(tries.map((lock) => lock.release()));
          expect(existsSync(path)).toBe(false);
        },
      ),
      { seed: 20261203, numRuns: 40 },
    );
    rmSync(dir, { recursive: true, force: true });
  });

  it("a breaker left by a process killed while breaking: the lock is left alone and the message says to run again, until the breaker is ten seconds old", async () => {
    const path = lockFile({ pid: 2 ** 22 + 12345 });
    const before = readFileSync(path, "utf8");
    writeFileSync(`${path}.break`, String(2 ** 22 + 12346));
    const refused = new FileLock(path).acquire("This send");
    await expect(refused).rejects.toBeInstanceOf(LockedError);
    await expect(refused).rejects.toThrow(/another orderkit is clearing it .*run it again in a few seconds/);
    expect(readFileSync(path, "utf8")).toBe(before);
    const old = (Date.now() - 11_000) / 1000;
    utimesSync(`${path}.break`, old, old);
    const lock = new FileLock(path);
    await lock.acquire("This send");
    expect(JSON.parse(readFileSync(path, "utf8")).pid).toBe(process.pid);
    expect(existsSync(`${path}.break`)).toBe(false);
    await lock.release();
  });

  it("a lock path that is a directory is named as one, and left in place", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "orderkit-lock-")), "x.lock");
    mkdirSync(path);
    await expect(new FileLock(path).acquire("This send")).rejects.toThrow(/x\.lock is a directory/);
    expect(readdirSync(path)).toEqual([]);
  });

  it("an order lock's host: every loopback spelling is one host, a trailing dot and the default port do not matter", () => {
    const loopback = [
      "localhost",
      "LOCALHOST",
      "127.0.0.1",
      "127.1.2.3",
      "2130706433",
      "[::1]",
      "[::ffff:127.0.0.1]",
      "0.0.0.0",
    ];
    const keys = loopback.map((h) => serverHost(normalizeHost(`http://${h}:4010/`)));
    expect(new Set(keys)).toEqual(new Set(["http://127.0.0.1:4010"]));
    expect(serverHost(normalizeHost("https://API.Example.com.:443/v1/"))).toBe(
      serverHost(normalizeHost("https://api.example.com/v1")),
    );
    expect(serverHost(normalizeHost("https://api.example.com"))).not.toBe(
      serverHost(normalizeHost("https://api.example.org")),
    );
    // A hand-edited entry's host that is no http(s) URL is compared as written, never thrown on.
    for (const odd of ["app.lettrlabs.com", "null", "ftp://api.example.com", "mailto:ops@example.com"])
      expect(serverHost(odd)).toBe(odd);
    // The ledger's own key is unchanged (an older send's entry is found again).
    expect(normalizeHost("http://localhost:4010/")).toBe("http://localhost:4010");
  });
});

describe("the registry lock every send shares", () => {
  const home = () => {
    const dir = mkdtempSync(join(tmpdir(), "orderkit-registry-"));
    mkdirSync(join(dir, "sends"));
    return dir;
  };

  it("an unreadable registry lock that stays so is given up on after about ten seconds, not a try count (each try on it waits half a second)", async () => {
    const dir = home();
    writeFileSync(join(dir, "sends", "registry.lock"), "");
    let ran = false;
    const started = Date.now();
    await expect(
      new Ledger(dir).withRegistry(async () => {
        ran = true;
      }),
    ).rejects.toThrow(/cannot be read/);
    // Counting 100 ms a try gave up after about a minute; the deadline is 10 s, waited in full.
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(9_500);
    expect(waited).toBeLessThan(25_000);
    expect(ran).toBe(false);
    expect(readFileSync(join(dir, "sends", "registry.lock"), "utf8")).toBe("");
    rmSync(dir, { recursive: true, force: true });
  }, 90_000);

  it("a short hold by another live process is waited for, then the work runs under the lock", async () => {
    const dir = home();
    const path = join(dir, "sends", "registry.lock");
    writeFileSync(
      path,
      JSON.stringify({ pid: process.ppid, host: hostname(), startedAt: "2026-01-01T00:00:00Z" }),
    );
    setTimeout(() => rmSync(path), 1_500);
    const seen = await new Ledger(dir).withRegistry(async () => JSON.parse(readFileSync(path, "utf8")).pid);
    expect(seen).toBe(process.pid);
    expect(existsSync(path)).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);
});
