import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readCheckedHashes, writeCheckedHashes } from "../src/ledger/checked-hashes.js";
import { tempDir } from "./helpers.js";

const sortedDistinct = fc
  .uniqueArray(fc.integer({ min: 0, max: 2 ** 52 - 1 }), { minLength: 1, maxLength: 40 })
  .map((list) => Float64Array.from(list).sort());

describe("a file of hashes that carries its own check", () => {
  it("reads back what was written, and nothing when cut short, changed by a byte, or read as another's (seeded)", async () => {
    const dir = tempDir();
    await fc.assert(
      fc.asyncProperty(
        sortedDistinct,
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        async (hashes, at, flip) => {
          const path = join(dir, "h.people");
          await writeCheckedHashes(path, hashes, "order 1");
          expect([...((await readCheckedHashes(path, "order 1")) ?? [])]).toEqual([...hashes]);
          // Moved to another order's place: its check names the order it was written for.
          expect(await readCheckedHashes(path, "order 2")).toBeUndefined();
          const bytes = readFileSync(path);
          writeFileSync(path, bytes.subarray(0, at % bytes.byteLength));
          expect(await readCheckedHashes(path, "order 1")).toBeUndefined();
          const changed = Buffer.from(bytes);
          const i = at % changed.byteLength;
          changed[i] = (changed[i] as number) ^ flip;
          writeFileSync(path, changed);
          expect(await readCheckedHashes(path, "order 1")).toBeUndefined();
        },
      ),
      { seed: 20261202, numRuns: 100 },
    );
    expect(await readCheckedHashes(join(dir, "missing"), "order 1")).toBeUndefined();
  });
});
