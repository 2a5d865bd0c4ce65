import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";

// The fact that a write was answered otherwise must outlive a marker that cannot be written (a
// full disk, a quota): the record of the write keeps it, and the next run stops all the same.
vi.mock("../src/ledger/atomic.js", async (original) => {
  const real = await original<typeof import("../src/ledger/atomic.js")>();
  return {
    ...real,
    writeAtomic: (path: string, data: string) =>
      path.endsWith(".answered")
        ? Promise.reject(Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" }))
        : real.writeAtomic(path, data),
  };
});

const { PendingCreates } = await import("../src/ledger/pending-create.js");

describe("a write answered otherwise, its marker not written", () => {
  it("is kept in the record: the next run stops, sending nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "orderkit-answered-"));
    const creates = new PendingCreates(dir);
    const meaning = {
      command: "commercelayer orders create",
      host: "http://127.0.0.1:1",
      reference: "web-7",
    };
    const said: string[] = [];
    const options = {
      restart: false,
      what: "Creating web-7",
      say: (m: string) => said.push(m),
      snapshot: false,
      settleMs: 0,
    };
    await expect(
      creates.run(
        meaning,
        options,
        async ({ record, save, answered }) => {
          record.createStarted = true;
          await save();
          await answered(`answered with order "id1" of reference "WEB-7", not "web-7"${"A".repeat(5000)}`);
          throw new Error("the read-back failed");
        },
        () => undefined,
      ),
    ).rejects.toThrow("the read-back failed");
    let sent = 0;
    await expect(
      creates.run(
        meaning,
        options,
        async () => {
          sent++;
        },
        () => undefined,
      ),
    ).rejects.toThrow(
      /An earlier run of this command was answered by the server, but not as asked \(answered with order "id1"[^)]{200,300}…\): .* --restart/,
    );
    expect(sent).toBe(0);
    expect(readdirSync(join(dir, "creates")).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });
});
