import { execFileSync } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
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
  for (const name of readdirSync(dir))
    if (!name.startsWith(".")) rmSync(join(dir, name), { recursive: true });
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

  /** The registrations in a state directory. */
  const registered = (state: string) => readdirSync(join(state, "registered"));
  /** Deletes a send's files (entry and recipients) from the user's own ledger. */
  const deleteSendsOf = (state: string, keep: (name: string) => boolean = () => false) => {
    for (const name of readdirSync(join(state, "sends")))
      if (/\.(json|recipients)$/.test(name) && !keep(name)) rmSync(join(state, "sends", name));
  };

  it("a resumed send that already has an order still checks that no registered send is lost", async () => {
    const w = await world();
    const three = list("Ann");
    const four = join(tempDir(), "four.csv");
    writeFileSync(four, `${readFileSync(three, "utf8")}9,Doe,9 Ann St,Austin,TX,78704\n`);
    await sent(w, three, "--dry-run");
    const draft = w.live()[0]?.id as number;
    await sent(w, four, "--allow-repeat");
    const before = readdirSync(join(w.state, "sends"));
    // The four-person send's files are lost; the three-person Draft resumes.
    const draftKey = before.find(
      (n) =>
        n.endsWith(".json") &&
        (JSON.parse(readFileSync(join(w.state, "sends", n), "utf8")) as { orderId?: number }).orderId ===
          draft,
    );
    expect(draftKey).toBeDefined();
    deleteSendsOf(w.state, (name) => name.startsWith(String(draftKey).replace(/\.json$/, "")));
    const again = await runCli(sendArgs(three), w.env, tempDir());
    expect(again.code, again.stderr).toBe(2);
    expect(again.stderr).toContain("registered in it");
    expect(w.f.orders.get(draft)?.checkouts).toBe(0);
    expect(w.checkouts()).toBe(1);
  });

  it("a send whose registration was never written (killed after its entry) gets it when resumed, also after --restart", async () => {
    const w = await world();
    const csv = list("Ann");
    await sent(w, csv, "--dry-run");
    const restart = await runCli(sendArgs(csv, "--restart", "--dry-run"), w.env, tempDir());
    expect(restart.code, restart.stderr).toBe(0);
    // As if killed before the restarted send's registration: only the first one's is left.
    const names = registered(w.state).sort();
    expect(names).toHaveLength(2);
    rmSync(join(w.state, "registered", names[1] as string));
    await sent(w, csv);
    expect(registered(w.state)).toHaveLength(2);
    expect(w.checkouts()).toBe(1);
    deleteSendsOf(w.state);
    const again = await runCli(sendArgs(csv), w.env, tempDir());
    expect(again.code, again.stderr).toBe(2);
    expect(w.checkouts()).toBe(1);
  });

  it("sends made before registrations existed are registered by the first send after", async () => {
    const w = await world();
    const csv = list("Ann");
    await sent(w, csv);
    rmSync(join(w.state, "registered"), { recursive: true }); // as an older version left it
    await sent(w, list("Bob"));
    expect(registered(w.state)).toHaveLength(2);
    rmSync(join(w.state, "sends"), { recursive: true });
    const again = await runCli(sendArgs(csv), w.env, tempDir());
    expect(again.code, again.stderr).toBe(2);
    expect(w.checkouts()).toBe(2);
  });

  it("a journal whose record is gone (the list of journals deleted) still has its sends checked", async () => {
    const w = await world();
    const csv = list("Ann");
    const journal = join(tempDir(), "journal");
    await sent(w, csv, "--journal-dir", journal);
    rmSync(join(w.state, "journals"), { recursive: true });
    for (const args of [sendArgs(csv), sendArgs(list("Bob"), "--journal-dir", journal)]) {
      const again = await runCli(args, w.env, tempDir());
      expect(again.code, again.stderr).toBe(2);
      expect(again.stderr).toContain("no longer remembers");
    }
    expect(w.checkouts()).toBe(1);
  });

  it("the user's own ledger given as a --journal-dir through a link is one ledger: nothing counted twice", async () => {
    const w = await world();
    const csv = list("Ann");
    await sent(w, csv);
    const link = join(tempDir(), "link");
    symlinkSync(w.state, link);
    const same = await runCli(sendArgs(csv, "--journal-dir", link), w.env, tempDir());
    expect(same.code, same.stderr).toBe(0);
    expect(same.stderr).toContain("Already sent");
    await sent(w, list("Bob"));
    expect(w.checkouts()).toBe(2);
  });

  it("a journal made for a send that was then refused is forgotten with it: deleting it blocks nothing", async () => {
    const w = await world();
    await sent(w, list("Ann"));
    const owned = w.live()[0]?.id as number;
    const scratch = join(tempDir(), "scratch");
    const refused = await runCli(
      sendArgs(list("Bob"), "--order", String(owned), "--journal-dir", scratch),
      w.env,
      tempDir(),
    );
    expect(refused.code, refused.stderr).toBe(2);
    rmSync(scratch, { recursive: true });
    await sent(w, list("Cat"));
    expect(w.checkouts()).toBe(2);
  });

  it("many sends lost: the registrations to delete are listed in a file, and a relinked journal is named as given", async () => {
    const w = await world();
    const journal = join(tempDir(), "journal");
    for (const tag of ["A", "B", "C", "D", "E", "F"]) await sent(w, list(tag), "--journal-dir", journal);
    const other = join(tempDir(), "other");
    await sent(w, list("G"), "--journal-dir", other);
    rmSync(journal, { recursive: true });
    symlinkSync(other, journal);
    const stop = await runCli(sendArgs(list("H")), w.env, tempDir());
    expect(stop.code, stop.stderr).toBe(2);
    expect(stop.stderr).toContain(`The send ledger ${journal} (now `);
    expect(stop.stderr).toContain("missing 6 sends");
    const listed = readFileSync(join(w.state, "registered-missing.txt"), "utf8").trim().split("\n");
    expect(listed).toHaveLength(6);
    for (const path of listed) rmSync(path);
    await sent(w, list("H"));
    expect(w.checkouts()).toBe(8);
  });

  it("an older version's sends are registered by the first run under the registry lock, even a resumed one", async () => {
    const w = await world();
    const ann = list("Ann");
    const bob = list("Bob");
    await sent(w, ann);
    await sent(w, bob);
    rmSync(join(w.state, "registered"), { recursive: true }); // as an older version left it
    const again = await runCli(sendArgs(ann), w.env, tempDir());
    expect(again.code, again.stderr).toBe(0);
    expect(registered(w.state)).toHaveLength(2);
    rmSync(join(w.state, "sends"), { recursive: true });
    const bobAgain = await runCli(sendArgs(bob), w.env, tempDir());
    expect(bobAgain.code, bobAgain.stderr).toBe(2);
    expect(w.checkouts()).toBe(2);
  });

  it("a deleted registration is written again by the next send", async () => {
    const w = await world();
    const bob = list("Bob");
    await sent(w, list("Ann"));
    await sent(w, bob);
    const newest = registered(w.state).sort((a, b) =>
      (a.split(".")[2] as string).localeCompare(b.split(".")[2] as string),
    );
    rmSync(join(w.state, "registered", newest.at(-1) as string));
    await sent(w, list("Cat"));
    expect(registered(w.state)).toHaveLength(3);
    rmSync(join(w.state, "sends"), { recursive: true });
    const again = await runCli(sendArgs(bob), w.env, tempDir());
    expect(again.code, again.stderr).toBe(2);
    expect(w.checkouts()).toBe(3);
  });

  it("the commands a stop gives work in a state directory whose path has spaces and quotes", async () => {
    const w = await world();
    const state = join(tempDir(), "Application Support", "it's orderkit");
    const env = { ...w.env, ORDERKIT_STATE_DIR: state };
    const run = (csv: string) => runCli(sendArgs(csv), env, tempDir());
    for (const tag of ["A", "B", "C", "D", "E", "F"]) expect((await run(list(tag))).code).toBe(0);
    rmSync(join(state, "sends"), { recursive: true });
    const stop = await run(list("G"));
    expect(stop.code, stop.stderr).toBe(2);
    const command = /\((tr .*xargs -0 rm --)\)/.exec(stop.stderr)?.[1];
    expect(command).toBeDefined();
    execFileSync("sh", ["-c", command as string]);
    expect(readdirSync(join(state, "registered"))).toHaveLength(0);
    expect((await run(list("G"))).code).toBe(0);
  });

  it("a journal forgotten with journals/ is named, and the record the stop gives back restores its checks", async () => {
    const w = await world();
    const csv = list("Ann");
    const journal = join(tempDir(), "journal");
    await sent(w, csv, "--journal-dir", journal);
    rmSync(join(w.state, "journals"), { recursive: true });
    const stop = await runCli(sendArgs(csv), w.env, tempDir());
    expect(stop.code, stop.stderr).toBe(2);
    expect(stop.stderr).toContain(`the journal ${journal}`);
    const restore = /: (printf %s .*?)\)/.exec(stop.stderr)?.[1];
    expect(restore).toBeDefined();
    mkdirSync(join(w.state, "journals"));
    execFileSync("sh", ["-c", restore as string]);
    // Remembered again: the same list is a repeat (exit 5), not a stop, and not a second order.
    expect((await runCli(sendArgs(csv), w.env, tempDir())).code).toBe(5);
    expect(w.checkouts()).toBe(1);
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
        const streets = mailed(w);
        expect(streets.size).toBe(9);
        for (const [street, n] of streets) expect(n, street).toBe(1);
        await stopWorlds();
      }),
      { numRuns: 8, seed: 20261201 },
    );
    // Eight worlds of six CLI runs each: more than the default 30 s on a busy 2-core machine.
  }, 180_000);
});

/** Each street of a checked-out order, and on how many such orders it is. */
function mailed(w: World): Map<string, number> {
  const seen = new Map<string, number>();
  for (const order of w.live())
    if (order.checkouts > 0)
      for (const r of order.recipients) {
        const street = String(r.address.address1);
        seen.set(street, (seen.get(street) ?? 0) + 1);
      }
  return seen;
}
describe("a journal moved is followed to its new place", () => {
  /** Two lists sent through the journal `a`, which is then moved to `b` by `move`. */
  async function movedJournal(move: (a: string, b: string) => void) {
    const w = await world();
    const a = join(tempDir(), "a");
    const b = join(tempDir(), "b");
    const ann = list("Ann");
    const bob = list("Bob");
    await sent(w, ann, "--journal-dir", a);
    await sent(w, bob, "--journal-dir", a);
    move(a, b);
    return { w, a, b, ann, bob };
  }

  it.each([
    ["moved (mv)", (a: string, b: string) => renameSync(a, b)],
    [
      "moved, a link left at the old place and then removed",
      (a: string, b: string) => {
        renameSync(a, b);
        symlinkSync(b, a);
        rmSync(a);
      },
    ],
  ])(
    "%s: the next send through the new place carries its record there, and its lists stay repeats everywhere",
    async (_, move) => {
      const { w, a, b, ann, bob } = await movedJournal(move);
      // Until then, every send stops, and says how to follow the move.
      const stopped = await runCli(sendArgs(list("Cat")), w.env, tempDir());
      expect(stopped.code, stopped.stderr).toBe(2);
      expect(stopped.stderr).toContain(`The journal ${a}, used by an earlier send`);
      expect(stopped.stderr).toContain("--journal-dir set to its new place");
      expect(w.checkouts()).toBe(2);

      await sent(w, list("Cat"), "--journal-dir", b);
      const records = readdirSync(join(w.state, "journals"));
      expect(records).toHaveLength(1);
      expect(readFileSync(join(w.state, "journals", records[0] as string), "utf8")).toBe(realpathSync(b));
      for (const args of [
        sendArgs(ann),
        sendArgs(bob, "--journal-dir", b),
        sendArgs(bob, "--journal-dir", tempDir()),
      ]) {
        const again = await runCli(args, w.env, tempDir());
        expect(again.stderr).not.toContain("Nothing was sent");
        expect([0, 5]).toContain(again.code);
      }
      await sent(w, list("Dan"));
      expect(w.checkouts()).toBe(4);
      const streets = mailed(w);
      expect(streets.size).toBe(12);
      for (const [street, n] of streets) expect(n, street).toBe(1);
    },
  );

  it("a journal renamed away (last year's, kept) and a new one made at its old path: both are journals, and every list stays a repeat", async () => {
    const { w, a, b, ann, bob } = await movedJournal((a, b) => renameSync(a, b));
    const early = await runCli(sendArgs(list("Cat"), "--journal-dir", a), w.env, tempDir());
    expect(early.code, early.stderr).toBe(2);
    expect(early.stderr).toContain("--journal-dir set to its new place");
    await sent(w, list("Cat"), "--journal-dir", b);
    await sent(w, list("Dan"), "--journal-dir", a);
    const records = readdirSync(join(w.state, "journals"));
    expect(records.map((r) => readFileSync(join(w.state, "journals", r), "utf8")).sort()).toEqual(
      [realpathSync(a), realpathSync(b)].sort(),
    );
    for (const args of [
      sendArgs(ann, "--journal-dir", a),
      sendArgs(bob),
      sendArgs(list("Dan"), "--journal-dir", b),
    ]) {
      const again = await runCli(args, w.env, tempDir());
      expect(again.code, again.stderr).toBe(5);
    }
    await sent(w, list("Eve"), "--journal-dir", b);
    expect(w.checkouts()).toBe(5);
    for (const [street, n] of mailed(w)) expect(n, street).toBe(1);
  });

  it("a move that lost a send is followed, and then stops every send as missing that send", async () => {
    const { w, b, bob } = await movedJournal((a, b) => renameSync(a, b));
    const sends = join(b, "sends");
    for (const name of readdirSync(sends))
      if (!name.startsWith(".")) rmSync(join(sends, name), { recursive: true });
    for (const args of [sendArgs(list("Cat"), "--journal-dir", b), sendArgs(bob)]) {
      const again = await runCli(args, w.env, tempDir());
      expect(again.code, again.stderr).toBe(2);
      expect(again.stderr).toContain("missing 2 sends registered in it");
    }
    expect(w.checkouts()).toBe(2);
  });

  it("a copy is not a move: while the original holds its sends, or once the copy has its own record, the original's record stays", async () => {
    const { w, a, b, bob } = await movedJournal((a, b) => cpSync(a, b, { recursive: true }));
    const recordOfA = readdirSync(join(w.state, "journals"));
    // The copy is a ledger of its own: its lists are repeats there too.
    const copied = await runCli(sendArgs(bob, "--journal-dir", b), w.env, tempDir());
    expect(copied.code, copied.stderr).toBe(0);
    await sent(w, list("Cat"), "--journal-dir", b);
    expect(readdirSync(join(w.state, "journals"))).toHaveLength(2);
    // A journal of its own now, the copy is followed when it moves in turn.
    const c = join(tempDir(), "c");
    renameSync(b, c);
    await sent(w, list("Dan"), "--journal-dir", c);
    expect(readdirSync(join(w.state, "journals"))).toHaveLength(2);
    const realA = realpathSync(a);
    rmSync(a, { recursive: true });
    for (const args of [sendArgs(list("Eve"), "--journal-dir", c), sendArgs(bob)]) {
      const again = await runCli(args, w.env, tempDir());
      expect(again.code, again.stderr).toBe(2);
      expect(again.stderr).toContain(`The journal ${realA}, used by an earlier send`);
    }
    expect(readFileSync(join(w.state, "journals", recordOfA[0] as string), "utf8")).toBe(realA);
    expect(w.checkouts()).toBe(4);
  });
});

describe("a ledger restored from a copy taken earlier in its send goes on with that send's order", () => {
  /** How far the send had got when the copy was taken. */
  const points = {
    "its create refused by the server (no order yet)": async (w: World, csv: string, where: string[]) => {
      let refuse = true;
      w.f.schedule = ({ method, path }) =>
        refuse && method === "POST" && path === "/v1/order"
          ? { kind: "status", status: 503, body: { message: "down" } }
          : undefined;
      expect((await runCli(sendArgs(csv, ...where), w.env, tempDir())).code).toBe(1);
      refuse = false;
    },
    "a dry run (a Draft, never checked out)": async (w: World, csv: string, where: string[]) => {
      expect((await runCli(sendArgs(csv, "--dry-run", ...where), w.env, tempDir())).code).toBe(0);
    },
    "a failed payment (checked out once)": async (w: World, csv: string, where: string[]) => {
      w.f.options.paymentFails = true;
      expect((await runCli(sendArgs(csv, ...where), w.env, tempDir())).code).toBe(1);
      w.f.options.paymentFails = false;
    },
  };

  it.each(
    // (A failed payment's case waits out the settlement rule: once is enough.)
    Object.keys(points).flatMap((point): [string, string][] => [
      [point, "the user's own sends/ restored"],
      ...(point.startsWith("a failed")
        ? []
        : [[point, "a journal's backup used once the journal is lost"] as [string, string]]),
    ]),
  )("after %s, %s: one paid order, no one mailed twice", async (point, how) => {
    const w = await world();
    const journal = how.startsWith("a journal");
    const ledger = journal ? join(tempDir(), "journal") : w.state;
    const where = journal ? ["--journal-dir", ledger] : [];
    const csv = list("Ann");
    await points[point as keyof typeof points](w, csv, where);
    const backup = join(tempDir(), "backup");
    cpSync(journal ? ledger : join(ledger, "sends"), backup, { recursive: true });
    await sent(w, csv, ...where);
    expect(w.live().filter((o) => o.status === "Paid")).toHaveLength(1);

    let again: string[];
    if (journal) {
      rmSync(ledger, { recursive: true });
      again = ["--journal-dir", backup];
    } else {
      rmSync(join(ledger, "sends"), { recursive: true });
      cpSync(backup, join(ledger, "sends"), { recursive: true });
      again = [];
    }
    const restored = await runCli(sendArgs(csv, ...again), w.env, tempDir());
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stderr).toContain("Already sent as order");
    const other = await runCli(sendArgs(csv, "--journal-dir", tempDir()), w.env, tempDir());
    expect(other.code, other.stderr).toBe(5);

    expect(w.live().filter((o) => o.status === "Paid")).toHaveLength(1);
    expect(w.live().filter((o) => o.checkouts > 0)).toHaveLength(1);
    expect(w.live().filter((o) => o.recipients.length > 0)).toHaveLength(1);
  });

  it("a lost order another list has adopted since is never taken: the send makes its own, and the other list's Draft is untouched", async () => {
    const w = await world();
    const ann = list("Ann");
    const bob = list("Bob");
    const journal = join(tempDir(), "journal");
    // Ann's order is made, but none of her people land on it; then her journal is lost, and
    // forgotten as the stop says.
    w.f.schedule = ({ method, path }) =>
      method === "PUT" && /recipients$/.test(path) ? { kind: "status", status: 503 } : undefined;
    await runCli(sendArgs(ann, "--journal-dir", journal), w.env, tempDir());
    w.f.schedule = undefined;
    const first = w.live()[0]?.id as number;
    expect(w.f.orders.get(first)?.recipients).toHaveLength(0);
    rmSync(journal, { recursive: true });
    for (const dir of ["registered", "journals"])
      for (const name of readdirSync(join(w.state, dir))) rmSync(join(w.state, dir, name));
    // Bob's list adopts the empty Draft (a dry run: nothing paid).
    const adopt = await runCli(sendArgs(bob, "--order", String(first), "--dry-run"), w.env, tempDir());
    expect(adopt.code, adopt.stderr).toBe(0);
    await sent(w, ann);
    const bobs = w.f.orders.get(first);
    expect(bobs?.checkouts).toBe(0);
    expect(bobs?.recipients.map((r) => String(r.address.address1)).sort()).toEqual([
      "1 Bob St",
      "2 Bob St",
      "3 Bob St",
    ]);
    expect(w.live().filter((o) => o.checkouts > 0)).toHaveLength(1);
    for (const [street, n] of mailed(w)) expect(n, street).toBe(1);
  });

  it("a lost order that now holds other people beside the list's stops the send: nothing is added or paid", async () => {
    const w = await world();
    const ann = list("Ann");
    await points["its create refused by the server (no order yet)"](w, ann, []);
    const backup = join(tempDir(), "backup");
    cpSync(join(w.state, "sends"), backup, { recursive: true });
    await sent(w, ann, "--dry-run");
    const own = w.live()[0]?.id as number;
    await sent(w, list("Bob"), "--dry-run");
    const other = w.live().find((o) => o.id !== own);
    w.f.orders.get(own)?.recipients.push(other?.recipients[0] as never);
    // Ann's entry put back from the copy (Bob's send stays as it is).
    cpSync(backup, join(w.state, "sends"), { recursive: true });
    const again = await runCli(sendArgs(ann), w.env, tempDir());
    expect(again.code, again.stderr).toBe(2);
    expect(again.stderr).toContain(`Order ${own}, made by an earlier run of this send`);
    expect(w.f.orders.get(own)?.recipients).toHaveLength(4);
    expect(w.checkouts()).toBe(0);
  });

  it("a record naming another list's order (planted by hand) takes nothing: that order's owner is another send", async () => {
    const w = await world();
    const ann = list("Ann");
    const more = join(tempDir(), "more.csv");
    writeFileSync(more, `${readFileSync(ann, "utf8")}Zed,Doe,9 Zed St,Austin,TX,78704\n`);
    const journal = join(tempDir(), "journal");
    await sent(w, ann, "--journal-dir", journal, "--dry-run");
    const anns = w.live()[0]?.id as number;
    // The larger list registers, but its create is refused: it has no order yet.
    let refuse = true;
    w.f.schedule = ({ method, path }) =>
      refuse && method === "POST" && path === "/v1/order" ? { kind: "status", status: 503 } : undefined;
    expect((await runCli(sendArgs(more, "--allow-repeat"), w.env, tempDir())).code).toBe(1);
    refuse = false;
    const key = readdirSync(join(w.state, "sends"))
      .find((n) => n.endsWith(".json"))
      ?.slice(0, -5) as string;
    writeFileSync(join(w.state, "send-orders", `${key}.${anns}`), '{"checkoutStarted":false}\n');
    // Ann's journal lost and forgotten, as the stop says.
    rmSync(journal, { recursive: true });
    for (const dir of ["journals", "registered"])
      for (const name of readdirSync(join(w.state, dir)))
        if (readFileSync(join(w.state, dir, name), "utf8").includes(journal))
          rmSync(join(w.state, dir, name));
    await sent(w, more, "--allow-repeat");
    expect(w.f.orders.get(anns)?.checkouts).toBe(0);
    expect(w.f.orders.get(anns)?.recipients).toHaveLength(3);
    expect(w.live().filter((o) => o.checkouts > 0)).toHaveLength(1);
  });

  it("a lost order deleted since is passed over: the send makes its own order", async () => {
    const w = await world();
    const ann = list("Ann");
    await sent(w, ann, "--dry-run");
    const first = w.live()[0]?.id as number;
    (w.f.orders.get(first) as { status: string }).status = "Deleted";
    // The send's files and registrations deleted, as a stop says for sends gone for good.
    for (const dir of ["sends", "registered"]) rmSync(join(w.state, dir), { recursive: true });
    await sent(w, ann);
    const paid = w.live().filter((o) => o.checkouts > 0);
    expect(paid).toHaveLength(1);
    expect(paid[0]?.id).not.toBe(first);
  });

  it("--order of another order is refused while the send's own order is lost from its entry", async () => {
    const w = await world();
    const csv = list("Ann");
    await points["its create refused by the server (no order yet)"](w, csv, []);
    const backup = join(tempDir(), "backup");
    cpSync(join(w.state, "sends"), backup, { recursive: true });
    await runCli(sendArgs(csv, "--dry-run"), w.env, tempDir());
    const own = w.live()[0]?.id as number;
    rmSync(join(w.state, "sends"), { recursive: true });
    cpSync(backup, join(w.state, "sends"), { recursive: true });
    // Another Draft, empty: adoptable by this list, were the send's own order not known.
    const draft = await runCli(["orders", "create", "--template", "7"], w.env, tempDir());
    expect(draft.code, draft.stderr).toBe(0);
    const stray = w.live().find((o) => o.id !== own)?.id as number;
    const adopt = await runCli(sendArgs(csv, "--order", String(stray)), w.env, tempDir());
    expect(adopt.code, adopt.stderr).toBe(2);
    expect(adopt.stderr).toContain(`This send already has order ${own}`);
    expect(w.f.orders.get(stray)?.recipients).toHaveLength(0);
    await sent(w, csv);
    expect(
      w
        .live()
        .filter((o) => o.checkouts > 0)
        .map((o) => o.id),
    ).toEqual([own]);
  });
});

describe("the state directory is one per user, whatever the working directory", () => {
  it("a relative ORDERKIT_STATE_DIR is refused (exit 2), sending nothing", async () => {
    const w = await world();
    const run = await runCli(sendArgs(list("Ann")), { ...w.env, ORDERKIT_STATE_DIR: ".orderkit" }, tempDir());
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain("ORDERKIT_STATE_DIR must be an absolute path");
    expect(w.f.orders.size).toBe(0);
  });

  it("a relative XDG_STATE_HOME is ignored: the same list from two directories is one send", async () => {
    const w = await world();
    const home = tempDir();
    const { ORDERKIT_STATE_DIR: _, ...rest } = w.env;
    const env = { ...rest, ORDERKIT_STATE_DIR: "", HOME: home, XDG_STATE_HOME: ".state" };
    const csv = list("Ann");
    const first = await runCli(sendArgs(csv), env, tempDir());
    expect(first.code, first.stderr).toBe(0);
    const second = await runCli(sendArgs(csv), env, tempDir());
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain("Already sent");
    expect(readdirSync(join(home, ".local", "state", "orderkit", "sends")).length).toBeGreaterThan(0);
    expect(w.checkouts()).toBe(1);
  });
});
