import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type CreateMeaning, PendingCreates } from "../src/ledger/pending-create.js";

const options = (said: string[]) => ({
  restart: false,
  what: "Creating web-7",
  say: (m: string) => said.push(m),
  snapshot: false,
  settleMs: 0,
});

/** Runs `test` with a PendingCreates of a fresh directory, which is also the state directory. */
async function withCreates(test: (creates: PendingCreates) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "orderkit-keys-"));
  process.env.ORDERKIT_STATE_DIR = join(dir, "state");
  try {
    await test(new PendingCreates(dir));
  } finally {
    delete process.env.ORDERKIT_STATE_DIR;
  }
}

/**
 * Writes the record an earlier version left for `meaning`: keyed with the host, or (`exact`) keyed
 * with its reference as typed, as the version before review 178 did.
 */
function plantOlder(creates: PendingCreates, meaning: CreateMeaning, exact = false): void {
  const key = exact ? PendingCreates.exactKeyOf(meaning) : PendingCreates.keyOf(meaning);
  mkdirSync(creates.dir, { recursive: true });
  const at = new Date().toISOString();
  writeFileSync(
    creates.path(key),
    JSON.stringify({ version: 1, key, meaning, startedAt: at, updatedAt: at, createStarted: true }),
  );
}

describe("the records of interrupted creates are the meaning's, whatever host names the server", () => {
  it("a record an earlier version keyed with the host is still found, and resumed (moved to its new key)", async () => {
    await withCreates(async (creates) => {
      const meaning = {
        command: "commercelayer orders create",
        host: "http://127.0.0.1:1",
        reference: "web-7",
      };
      plantOlder(creates, meaning);
      const said: string[] = [];
      let resumed: boolean | undefined;
      await creates.run(
        meaning,
        options(said),
        async (run) => {
          resumed = run.resumed;
        },
        () => undefined,
      );
      expect(resumed).toBe(true);
      expect(said.join("\n")).toContain("reading back before sending anything");
      // Done: no record left under either key.
      expect(readdirSync(creates.dir)).toEqual([]);
    });
  });

  it("review 178: a record keyed with a mixed-case reference as typed is found by a run of either spelling, and resumed", async () => {
    for (const typed of ["Web-Case-7", "WEB-CASE-7"]) {
      await withCreates(async (creates) => {
        const meaning = {
          command: "commercelayer orders create",
          host: "http://127.0.0.1:1",
          reference: "Web-Case-7",
        };
        expect(PendingCreates.exactKeyOf(meaning)).not.toBe(PendingCreates.lockKeyOf(meaning));
        expect(PendingCreates.lockKeyOf({ ...meaning, reference: typed })).toBe(
          PendingCreates.lockKeyOf(meaning),
        );
        plantOlder(creates, meaning, true);
        const said: string[] = [];
        let resumed: boolean | undefined;
        await creates.run(
          // The same spelling finds it under its exact key; another, only through the folded key.
          typed === meaning.reference ? meaning : { ...meaning, reference: typed },
          options(said),
          async (run) => {
            resumed = run.resumed;
          },
          () => undefined,
        );
        expect({ typed, resumed }).toEqual({ typed, resumed: true });
        expect(readdirSync(creates.dir)).toEqual([]);
      });
    }
  });

  it("review 179: a record and its answered-otherwise note, left keyed as typed by the version before, stop a run of another spelling; --restart forgets both", async () => {
    await withCreates(async (creates) => {
      const typed = {
        command: "commercelayer orders create",
        host: "http://127.0.0.1:1",
        reference: "Web-Case-9",
      };
      plantOlder(creates, typed, true);
      const note = join(creates.locks, `${PendingCreates.exactKeyOf(typed)}.answered`);
      writeFileSync(
        note,
        `${JSON.stringify({ answered: "kept as web-case-9", at: "x", host: typed.host })}\n`,
      );
      const other = { ...typed, reference: "WEB-CASE-9" };
      let ran = false;
      await expect(
        creates.run(
          other,
          options([]),
          async () => {
            ran = true;
          },
          () => undefined,
        ),
      ).rejects.toThrow(/answered by the server, but not as asked \(kept as web-case-9\)/);
      expect(ran).toBe(false);
      const said: string[] = [];
      await creates.run(
        other,
        { ...options(said), restart: true },
        async () => {
          ran = true;
        },
        () => undefined,
      );
      expect(ran).toBe(true);
      // The note moved with the record (to this spelling's key), and --restart forgot it there.
      expect(said.join("\n")).toContain("Forgot that an earlier run's write was answered otherwise");
      expect(existsSync(note)).toBe(false);
      expect(readdirSync(creates.dir).filter((n) => !n.endsWith(".lock"))).toEqual([]);
    });
  });

  it("a record left through another host stops the run, naming both hosts; nothing is run", async () => {
    await withCreates(async (creates) => {
      const there = {
        command: "commercelayer orders create",
        host: "http://127.0.0.1:1",
        reference: "web-7",
      };
      const said: string[] = [];
      await expect(
        creates.run(
          there,
          options(said),
          async ({ record, save }) => {
            record.createStarted = true;
            await save();
            throw new Error("killed");
          },
          () => undefined,
        ),
      ).rejects.toThrow("killed");
      let ran = 0;
      await expect(
        creates.run(
          { ...there, host: "https://api.example.com" },
          options(said),
          async () => {
            ran++;
          },
          () => undefined,
        ),
      ).rejects.toThrow(
        /run through http:\/\/127\.0\.0\.1:1 .*this run goes through https:\/\/api\.example\.com/,
      );
      expect(ran).toBe(0);
    });
  });

  it("review 161: what a run through another host left (a record, an answered-otherwise marker) is never forgotten by --restart here; the run stops naming both, and that host's run still stops", async () => {
    await withCreates(async (creates) => {
      const staging = {
        command: "commercelayer orders create",
        host: "https://acme-staging.example",
        reference: "web-7",
      };
      const production = { ...staging, host: "https://acme.example" };
      const said: string[] = [];
      // Staging's write was answered otherwise: its marker is kept.
      await expect(
        creates.run(
          staging,
          options(said),
          async ({ record, save, answered }) => {
            record.createStarted = true;
            await save();
            await answered("answered with another reference");
            throw Object.assign(new Error("answered otherwise"), { answeredOtherwise: true });
          },
          () => undefined,
        ),
      ).rejects.toThrow();
      let ran = 0;
      const work = async () => {
        ran++;
      };
      for (const restart of [false, true])
        await expect(
          creates.run(production, { ...options(said), restart }, work, () => undefined),
        ).rejects.toThrow(
          /run through https:\/\/acme-staging\.example .*this run goes through https:\/\/acme\.example/,
        );
      // Staging's own run still stops: nothing of it was forgotten.
      await expect(creates.run(staging, options(said), work, () => undefined)).rejects.toThrow();
      expect(ran).toBe(0);
    });
  });

  it("review 162: a record an earlier version left through another host is found by its meaning, and stops the run naming that host", async () => {
    await withCreates(async (creates) => {
      const there = { command: "orders create", host: "http://b.example", template: 7 };
      plantOlder(creates, there);
      let ran = 0;
      await expect(
        creates.run(
          { ...there, host: "http://a.example" },
          options([]),
          async () => {
            ran++;
          },
          () => undefined,
        ),
      ).rejects.toThrow(/run through http:\/\/b\.example .*this run goes through http:\/\/a\.example/);
      expect(ran).toBe(0);
    });
  });
});
