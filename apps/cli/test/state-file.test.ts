import { execFileSync } from "node:child_process";
import { closeSync, ftruncateSync, mkdirSync, openSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  NOT_A_FILE,
  readStateBytes,
  readStateText,
  readStateTextSync,
  TOO_LARGE,
} from "../src/ledger/state-file.js";
import { tempDir } from "./helpers.js";

// The one reader of the CLI's state files: it reads a regular file whole, and refuses (with a code,
// at once) what no orderkit writes: a FIFO, a socket, a device, a directory, a link that loops, a
// file longer than any state file, or one that holds more than it says (a /proc file says 0).

/** The code `read` fails with, or "read" and the text when it reads. */
async function outcome(read: () => Promise<string> | string): Promise<string> {
  try {
    return `read ${JSON.stringify(await read())}`;
  } catch (error) {
    return String((error as { code?: string }).code);
  }
}

describe("readStateBytes, readStateText, readStateTextSync", () => {
  it("read a regular file whole, and refuse what is not one at once, each with its code", async () => {
    const dir = tempDir();
    const at = (name: string) => join(dir, name);
    writeFileSync(at("entry.json"), '{"orderId":1000}');
    writeFileSync(at("empty"), "");
    const big = "x".repeat(200_000);
    writeFileSync(at("big"), big);
    execFileSync("mkfifo", [at("fifo")]);
    mkdirSync(at("dir"));
    symlinkSync(at("loop"), at("loop"));
    symlinkSync(at("fifo"), at("to-fifo"));
    symlinkSync("/dev/zero", at("to-zero"));
    // It says it is empty, and runs on for gigabytes.
    symlinkSync("/proc/self/pagemap", at("to-pagemap"));
    // 300 MiB, sparse: longer than any state file.
    const fd = openSync(at("huge"), "w");
    ftruncateSync(fd, 300 * 2 ** 20);
    closeSync(fd);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(at("socket"), resolve));
    const expected: Record<string, string> = {
      "entry.json": 'read "{\\"orderId\\":1000}"',
      empty: 'read ""',
      fifo: NOT_A_FILE,
      "to-fifo": NOT_A_FILE,
      "to-zero": NOT_A_FILE,
      socket: NOT_A_FILE,
      dir: "EISDIR",
      loop: "ELOOP",
      missing: "ENOENT",
      "to-pagemap": TOO_LARGE,
      huge: TOO_LARGE,
    };
    try {
      for (const [name, want] of Object.entries(expected)) {
        expect([name, await outcome(() => readStateText(at(name)))]).toEqual([name, want]);
        expect([name, await outcome(() => readStateTextSync(at(name)))]).toEqual([name, want]);
      }
      expect((await readStateBytes(at("big"))).toString()).toBe(big);
      expect(readStateTextSync(at("big"))).toBe(big);
    } finally {
      server.close();
    }
  });
});
