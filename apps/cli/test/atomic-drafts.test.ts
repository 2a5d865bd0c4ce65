import { mkdtempSync, readdirSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeAtomic } from "../src/ledger/atomic.js";
import { FileLock } from "../src/ledger/lock.js";

/** A pid no process has here (above Linux's pid_max limit). */
const DEAD = 2 ** 22 + 4321;
const TWO_HOURS_AGO = (Date.now() - 2 * 60 * 60 * 1000) / 1000;

/** Drafts as a process killed while writing them leaves them, some old, some recent. */
function leftovers(dir: string, name: string) {
  const old = `${name}.${DEAD}.k3x9.tmp`;
  const recent = `${name}.${DEAD + 1}.a1b2.tmp`;
  const live = `${name}.${process.pid}.zz00.tmp`;
  const other = `${name}x.${DEAD}.k3x9.tmp`;
  const unlike = `${name}.notapid.tmp`;
  for (const each of [old, recent, live, other, unlike]) writeFileSync(join(dir, each), "half");
  for (const each of [old, live, other, unlike]) utimesSync(join(dir, each), TWO_HOURS_AGO, TWO_HOURS_AGO);
  return { old, kept: [recent, live, other, unlike] };
}

describe("drafts left by a killed process", () => {
  it("a write deletes its file's drafts of processes not running, last written over an hour ago, and keeps every other", async () => {
    const dir = mkdtempSync(join(tmpdir(), "orderkit-drafts-"));
    const { old, kept } = leftovers(dir, "entry.json");
    await writeAtomic(join(dir, "entry.json"), "{}");
    const after = readdirSync(dir);
    expect(after).not.toContain(old);
    expect(after.sort()).toEqual(["entry.json", ...kept].sort());
  });

  it("taking a lock deletes the lock's abandoned drafts too", async () => {
    const dir = mkdtempSync(join(tmpdir(), "orderkit-drafts-"));
    const { old, kept } = leftovers(dir, "order-7.lock");
    const lock = new FileLock(join(dir, "order-7.lock"));
    await lock.acquire("A write on order 7");
    await lock.release();
    const after = readdirSync(dir);
    expect(after).not.toContain(old);
    expect(after.sort()).toEqual(kept.sort());
  });
});
