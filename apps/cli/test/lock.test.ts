import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FileLock, LockedError } from "../src/ledger/lock.js";

const lockFile = (owner: { pid: number; host?: string }) => {
  const path = join(mkdtempSync(join(tmpdir(), "orderkit-lock-")), "x.lock");
  writeFileSync(path, JSON.stringify({ host: hostname(), startedAt: "2026-01-01T00:00:00Z", ...owner }));
  return path;
};

describe("FileLock", () => {
  it("a lock recorded under this very pid, not held by this process, is stale (a container restarted as pid 1)", async () => {
    const path = lockFile({ pid: process.pid });
    const lock = new FileLock(path);
    await lock.acquire("A write on order 7");
    expect(JSON.parse(readFileSync(path, "utf8")).startedAt).not.toBe("2026-01-01T00:00:00Z");
    // Held now: a second lock on the same file in this process is refused, not broken.
    await expect(new FileLock(path).acquire("A write on order 7")).rejects.toBeInstanceOf(LockedError);
    await lock.release();
  });

  it("a lock of another live process on this host, or of another host, is never broken", async () => {
    for (const owner of [{ pid: process.ppid }, { pid: 999_999, host: "another-host" }]) {
      const path = lockFile(owner);
      await expect(new FileLock(path).acquire("A write on order 7")).rejects.toBeInstanceOf(LockedError);
      expect(JSON.parse(readFileSync(path, "utf8")).pid).toBe(owner.pid);
    }
  });
});
