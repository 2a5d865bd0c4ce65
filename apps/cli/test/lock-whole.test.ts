import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";

// Every file write is slowed: the file exists, empty, for 40 ms before its text is in it (as a
// loaded disk or a network file system may show it to another process).
vi.mock("node:fs/promises", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs/promises")>();
  return {
    ...fs,
    writeFile: async (path: string, data: string, options: { flag?: string; mode?: number }) => {
      await fs.writeFile(path, "", options);
      await new Promise((r) => setTimeout(r, 40));
      await fs.writeFile(path, data);
    },
  };
});

const { FileLock } = await import("../src/ledger/lock.js");

describe("FileLock on a slow disk", () => {
  it("a lock file is never seen half written: it appears with its owner in it, or not at all", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "orderkit-lock-")), "x.lock");
    const seen: string[] = [];
    const watch = setInterval(() => {
      if (existsSync(path)) seen.push(readFileSync(path, "utf8"));
    }, 1);
    const lock = new FileLock(path);
    await lock.acquire("This send");
    await new Promise((r) => setTimeout(r, 20));
    clearInterval(watch);
    await lock.release();
    expect(seen.length).toBeGreaterThan(0);
    for (const text of seen) expect(JSON.parse(text).pid).toBe(process.pid);
  });
});
