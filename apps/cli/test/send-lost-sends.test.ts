import { cpSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { runCli, sendArgs, tempDir } from "./helpers.js";
import { stopWorlds, world } from "./ledger-world.js";

// Every send registered in a ledger (the user's own or a --journal-dir) is also registered in the
// user's state directory; a registered send no longer found in its ledger stops every new send.
// Each case loses sends the way a tired user or a restore would, then tries to pay for them again.

afterEach(stopWorlds);

/** A list of three people no other list holds. */
function list(tag: string): string {
  const path = join(tempDir(), `${tag}.csv`);
  const rows = [1, 2, 3].map((i) => `${tag}${i},Doe,${i} ${tag} St,Austin,TX,78704`);
  writeFileSync(path, `first_name,last_name,street,city,state,zip\n${rows.join("\n")}\n`);
  return path;
}

type World = Awaited<ReturnType<typeof world>>;

/** Sends `csv` (with `extra` flags) and expects it to go through. */
async function sent(w: World, csv: string, ...extra: string[]) {
  const run = await runCli(sendArgs(csv, ...extra), w.env, tempDir());
  expect(run.code, run.stderr).toBe(0);
}

/** The registrations a stop names for deletion (the user's "gone for good"). */
function namedRegistrations(stderr: string, state: string): string[] {
  const dir = join(state, "registered");
  return [...stderr.matchAll(/(\S+)/g)].map((m) => m[1] as string).filter((p) => p.startsWith(`${dir}/`));
}

/** Deletes what a shell glob would: every entry of `dir` but the dot files. */
function globDelete(dir: string) {
  for (const name of readdirSync(dir)) if (!name.startsWith(".")) rmSync(join(dir, name), { recursive: true });
}

interface Case {
  journal: boolean;
  /** Loses the second send of the ledger at `ledger` (`before`: a copy of its `sends/` made before that send). */
  lose: (ledger: string, before: string, w: World) => Promise<void> | void;
}

const cases: Record<string, Case> = {
  "the user's own sends directory deleted": {
    journal: false,
    lose: (ledger) => rmSync(join(ledger, "sends"), { recursive: true }),
  },
  "the user's own sends emptied by a shell glob": {
    journal: false,
    lose: (ledger) => globDelete(join(ledger, "sends")),
  },
  "the user's own sends restored from an older copy": {
    journal: false,
    lose: (ledger, before) => {
      rmSync(join(ledger, "sends"), { recursive: true });
      cpSync(before, join(ledger, "sends"), { recursive: true });
    },
  },
  "a journal's sends emptied by a shell glob (its mark kept)": {
    journal: true,
    lose: (ledger) => globDelete(join(ledger, "sends")),
  },
  "a journal's sends restored from an older copy": {
    journal: true,
    lose: (ledger, before) => {
      rmSync(join(ledger, "sends"), { recursive: true });
      cpSync(before, join(ledger, "sends"), { recursive: true });
    },
  },
  "a journal replaced by a link to another journal": {
    journal: true,
    lose: async (ledger, _, w) => {
      const other = join(tempDir(), "other");
      await sent(w, list("Cat"), "--journal-dir", other);
      rmSync(ledger, { recursive: true });
      symlinkSync(other, ledger);
    },
  },
  "a journal's sends directory replaced by a link to another journal's": {
    journal: true,
    lose: async (ledger, _, w) => {
      const other = join(tempDir(), "other");
      await sent(w, list("Cat"), "--journal-dir", other);
      rmSync(join(ledger, "sends"), { recursive: true });
      symlinkSync(join(other, "sends"), join(ledger, "sends"));
    },
  },
};

describe("a send lost from its ledger stops every send", () => {
  it.each(Object.entries(cases))(
    "%s: the lost list is not paid for again, through any ledger; deleting the named registrations lets sends go on",
    async (_, { journal, lose }) => {
      const w = await world();
      const ledger = journal ? join(tempDir(), "journal") : w.state;
      const where = journal ? ["--journal-dir", ledger] : [];
      const second = list("Bob");
      await sent(w, list("Ann"), ...where);
      const before = join(tempDir(), "before");
      cpSync(join(ledger, "sends"), before, { recursive: true });
      await sent(w, second, ...where);
      await lose(ledger, before, w);
      const orders = w.live().length;
      const checkouts = w.checkouts();

      for (const args of [sendArgs(second, ...where), sendArgs(second)]) {
        const again = await runCli(args, w.env, tempDir());
        expect(again.code, again.stderr).toBe(2);
        expect(again.stderr).toContain("registered in it");
        expect(again.stderr).toContain("Nothing was sent.");
      }
      expect(w.live()).toHaveLength(orders);
      expect(w.checkouts()).toBe(checkouts);

      // The user says those sends are gone for good: the registrations named are deleted, and
      // a list no one has is sent.
      const stop = await runCli(sendArgs(list("Dan")), w.env, tempDir());
      expect(stop.code, stop.stderr).toBe(2);
      const named = namedRegistrations(stop.stderr, w.state);
      expect(named.length).toBeGreaterThan(0);
      for (const path of named) rmSync(path);
      await sent(w, list("Eve"));
      expect(w.live()).toHaveLength(orders + 1);
    },
  );

  it("a send refused after it registered (--order of another send's order) leaves no registration behind", async () => {
    const w = await world();
    await sent(w, list("Ann"));
    const owned = w.live()[0]?.id as number;
    const refused = await runCli(sendArgs(list("Bob"), "--order", String(owned)), w.env, tempDir());
    expect(refused.code, refused.stderr).toBe(2);
    expect(readdirSync(join(w.state, "registered"))).toHaveLength(1);
    await sent(w, list("Cat"));
    expect(readdirSync(join(w.state, "registered"))).toHaveLength(2);
  });

  it("whatever files of its sends are deleted, no one is on two checked-out orders (seeded)", async () => {
    const lists = ["Ann", "Bob", "Cat"];
    await fc.assert(
      fc.asyncProperty(fc.subarray([0, 1, 2, 3, 4, 5], { minLength: 1 }), async (doomed) => {
        const w = await world();
        const csvs = lists.map(list);
        for (const csv of csvs) await sent(w, csv);
        const sends = join(w.state, "sends");
        const files = readdirSync(sends)
          .filter((n) => /\.(json|recipients)$/.test(n))
          .sort();
        expect(files).toHaveLength(6);
        for (const i of doomed) rmSync(join(sends, files[i] as string));
        for (const csv of csvs) await runCli(sendArgs(csv), w.env, tempDir());
        const mailed = new Map<string, number>();
        for (const order of w.live())
          if (order.checkouts > 0)
            for (const r of order.recipients) {
              const street = String(r.address.address1);
              mailed.set(street, (mailed.get(street) ?? 0) + 1);
            }
        expect(mailed.size).toBe(9);
        for (const [street, n] of mailed) expect(n, street).toBe(1);
        await stopWorlds();
      }),
      { numRuns: 8, seed: 20261201 },
    );
  });
});
