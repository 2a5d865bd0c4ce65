import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { basename, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { cliUser, notWritableBy, runCli, sendArgs, sendFrom, tempDir, writeCsv } from "./helpers.js";
import {
  drafted,
  entryBeforeOrder,
  entryFile,
  holding,
  pointEntryAt,
  sentOnce,
  stopWorlds,
  world,
} from "./ledger-world.js";

afterEach(stopWorlds);

describe("what the fourth hostile review found, fixed", () => {
  const people = (dir: string, name: string, rows: string[]) => {
    const path = join(dir, name);
    writeFileSync(path, `first_name,last_name,street,city,state,zip\n${rows.join("\n")}\n`);
    return path;
  };
  const kill = (
    f: Awaited<ReturnType<typeof world>>["f"],
    when: (method: string, path: string) => boolean,
  ) => {
    let victim: ReturnType<typeof runCli> | undefined;
    f.schedule = ({ method, path }) => {
      if (!victim || !when(method, path)) return undefined;
      victim.child.kill("SIGKILL");
      victim = undefined;
      return { kind: "drop-before-apply" };
    };
    return (run: ReturnType<typeof runCli>) => {
      victim = run;
      return run;
    };
  };

  it("a run stopped after adopting an order, before its appends, checks every row on resume: each person once", async () => {
    const { f, env, state, live, checkouts } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 5);
    const order = f.seedOrder("Draft", 7);
    const first = join(tempDir(), "first.csv");
    writeFileSync(first, readFileSync(csv, "utf8").split("\n").slice(0, 3).join("\n"));
    expect((await runCli(["recipients", "add", String(order.id), "--csv", first], env, dir)).code).toBe(0);
    expect(order.recipients).toHaveLength(2);
    // Stopped at the appends' read-back: the entry already names the order.
    const adopted = () => {
      try {
        return JSON.parse(readFileSync(entryFile(state), "utf8")).orderId === order.id;
      } catch {
        return false;
      }
    };
    const watch = kill(f, (method, path) => method === "GET" && /\/recipients$/.test(path) && adopted());
    expect((await watch(runCli(sendArgs(csv, "--order", String(order.id)), env, dir))).signal).toBe(
      "SIGKILL",
    );
    const resumed = await runCli(sendArgs(csv), env, dir);
    expect(resumed.code, resumed.stderr).toBe(0);
    const streets = f.orders.get(order.id)?.recipients.map((r) => r.address.address1) ?? [];
    expect(streets).toHaveLength(5);
    expect(new Set(streets).size).toBe(5);
    expect(checkouts()).toBe(1);
    expect(live()).toHaveLength(1);
  });

  it("a send resumed after --restart --order of its own order is not blocked by its own earlier record", async () => {
    const { env, live, checkouts, dir, csv, orderId } = await drafted(5);
    const restart = await runCli(
      sendArgs(csv, "--restart", "--order", String(orderId), "--dry-run"),
      env,
      dir,
    );
    expect(restart.code, restart.stderr).toBe(0);
    const resumed = await runCli(sendArgs(csv), env, dir);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(live()).toHaveLength(1);
    expect(live()[0]?.status).toBe("Paid");
    expect(live()[0]?.recipients).toHaveLength(5);
    expect(checkouts()).toBe(1);
  });

  it.each([
    ["the same journal", [] as string[]],
    ["another --journal-dir", ["--journal-dir", "other-journal"]],
  ])(
    "--order of the paid order of a finished send, from %s: refused, and not told to re-run that send to finish it",
    async (_name, journal) => {
      const { env, live, checkouts, dir, csv, orderId } = await sentOnce(3);
      expect(live()[0]?.status).toBe("Paid");
      const other = await runCli(
        sendArgs(csv, "--postage", "FirstClass", "--order", String(orderId), ...journal),
        env,
        dir,
      );
      expect(other.code, other.stderr).toBe(2);
      expect(other.stderr).toContain(`Order ${orderId} is the order of another send`);
      expect(other.stderr).toContain("That send is finished (its order was paid, last seen Paid)");
      expect(other.stderr).not.toContain("Re-run that send to finish it");
      expect(live()).toHaveLength(1);
      expect(live()[0]?.recipients).toHaveLength(3);
      expect(checkouts()).toBe(1);
    },
  );

  it("a refused --order leaves no registration behind: the send that owns the order finishes", async () => {
    const { env, live, checkouts, dir, csv, orderId } = await drafted(5);
    const other = await runCli(
      sendArgs(csv, "--postage", "FirstClass", "--order", String(orderId)),
      env,
      dir,
    );
    expect(other.code).toBe(2);
    expect(other.stderr).toContain("is the order of another send");
    const owner = await runCli(sendArgs(csv), env, dir);
    expect(owner.code, owner.stderr).toBe(0);
    expect(live()).toHaveLength(1);
    expect(live()[0]?.status).toBe("Paid");
    expect(checkouts()).toBe(1);
  });

  it("a refused --restart --order changes nothing: the send's Draft is neither deleted nor archived", async () => {
    const { env, live, checkouts } = await world();
    const dir = tempDir();
    const paid = people(dir, "paid.csv", ["Ann,Lee,1 Oak St,Austin,TX,78704"]);
    expect((await runCli(sendArgs(paid), env, dir)).code).toBe(0);
    const paidOrder = live()[0]?.id as number;
    const csv = writeCsv(dir, 5);
    expect((await runCli(sendArgs(csv, "--dry-run"), env, dir)).code).toBe(0);
    const draft = live().find((o) => o.id !== paidOrder)?.id as number;
    const typo = await runCli(sendArgs(csv, "--restart", "--order", String(paidOrder)), env, dir);
    expect(typo.code).toBe(2);
    expect(live().find((o) => o.id === draft)?.status).toBe("Draft");
    const again = await runCli(sendArgs(csv), env, dir);
    expect(again.code, again.stderr).toBe(0);
    expect(live().find((o) => o.id === draft)?.status).toBe("Paid");
    expect(live()).toHaveLength(2);
    expect(checkouts()).toBe(2);
  });

  it("a finished send whose order was checked out outside it reports it as sent, even when another send holds the same people", async () => {
    const { env, checkouts, dir, csv, orderId } = await drafted(5);
    expect((await runCli(["checkout", "submit", String(orderId), "--yes"], env, dir)).code).toBe(0);
    expect(
      (await runCli(sendArgs(csv, "--postage", "FirstClass", "--allow-repeat", "--dry-run"), env, dir)).code,
    ).toBe(0);
    const again = await runCli(sendArgs(csv), env, dir);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain("Already sent");
    expect(checkouts()).toBe(1);
  });

  it("every run that holds the order writes its owner record again", async () => {
    const { f, env, state, live } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 5);
    const watch = kill(f, (method) => method === "PUT");
    expect((await watch(runCli(sendArgs(csv), env, dir))).signal).toBe("SIGKILL");
    const orders = join(state, "orders");
    const owner = () => readdirSync(orders).filter((n) => n.endsWith(".owner"));
    expect(owner()).toHaveLength(1);
    rmSync(join(orders, owner()[0] as string));
    const resumed = await runCli(sendArgs(csv), env, dir);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(owner()).toHaveLength(1);
    expect(live()[0]?.recipients).toHaveLength(5);
  });

  /** The one journal record in the user's state directory. */
  const journalRecord = (state: string) =>
    join(state, "journals", readdirSync(join(state, "journals"))[0] as string);
  /** Sends a list no earlier send holds, which must go through. */
  const sendsAnotherList = async (env: Record<string, string>, dir: string) => {
    const other = await runCli(
      sendArgs(people(tempDir(), "other.csv", ["Ann,Lee,1 Oak St,Austin,TX,78704"])),
      env,
      dir,
    );
    expect(other.code, other.stderr).toBe(0);
  };

  it("a remembered journal that cannot be read stops the run instead of hiding its sends", async () => {
    const journal = join(tempDir(), "journal");
    const { env, state, live, checkouts, dir, csv } = await sentOnce(5, "--journal-dir", journal);
    const sends = join(journal, "sends");
    renameSync(sends, `${sends}.moved`);
    writeFileSync(sends, "not a directory");
    const again = await runCli(sendArgs(csv), env, dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`${sends}/.orderkit-ledger cannot be read (ENOTDIR)`);
    expect(again.stderr).toContain(`delete ${join(state, "journals")}`);
    expect(live()).toHaveLength(1);
    expect(checkouts()).toBe(1);
  });

  // How a journal's sends get lost, each with the command that then must not pay for the same
  // list again: the same command (its --journal-dir would be recreated empty), or the same list
  // through the user's own ledger.
  const lost: [string, (journal: string) => void][] = [
    ["deleted", (journal) => rmSync(journal, { recursive: true })],
    ["moved", (journal) => renameSync(journal, `${journal}.old`)],
    [
      "replaced by a dangling link",
      (journal) => {
        rmSync(journal, { recursive: true });
        symlinkSync(`${journal}.gone`, journal);
      },
    ],
    [
      "replaced by an empty directory (a mount point unmounted)",
      (journal) => {
        renameSync(journal, `${journal}.old`);
        mkdirSync(journal);
      },
    ],
    ["without its sends directory", (journal) => rmSync(join(journal, "sends"), { recursive: true })],
    [
      "whose sends directory is a dangling link",
      (journal) => {
        renameSync(join(journal, "sends"), join(journal, "sends.old"));
        symlinkSync(join(journal, "nowhere"), join(journal, "sends"));
      },
    ],
    [
      "whose sends directory links to an empty one",
      (journal) => {
        renameSync(join(journal, "sends"), join(journal, "sends.old"));
        mkdirSync(join(journal, "empty"));
        symlinkSync(join(journal, "empty"), join(journal, "sends"));
      },
    ],
  ];
  it.each(
    lost.flatMap(([how, lose]) => [
      [how, "the same command", lose, true] as const,
      [how, "the user's own ledger", lose, false] as const,
    ]),
  )(
    "a remembered journal %s stops %s, naming its record; deleting the record lets sends go on",
    async (_, __, lose, same) => {
      const journal = join(tempDir(), "journal");
      const { env, state, live, checkouts, dir, csv } = await sentOnce(5, "--journal-dir", journal);
      lose(journal);
      const again = await runCli(same ? sendArgs(csv, "--journal-dir", journal) : sendArgs(csv), env, dir);
      expect(again.code, again.stderr).toBe(2);
      const record = journalRecord(state);
      expect(again.stderr).toContain(`delete ${record}`);
      expect(live()).toHaveLength(1);
      expect(checkouts()).toBe(1);
      // The user says that journal's sends are gone for good (its record and registrations, as
      // the stop says): another list is sent.
      expect(again.stderr).toContain(`${join(state, "registered", basename(record))}.*`);
      rmSync(record);
      for (const name of readdirSync(join(state, "registered")))
        if (name.startsWith(`${basename(record)}.`)) rmSync(join(state, "registered", name));
      await sendsAnotherList(env, dir);
      expect(live()).toHaveLength(2);
    },
  );

  it("a journal given through a link is remembered by its real path: repointing the link hides nothing", async () => {
    const base = tempDir();
    mkdirSync(join(base, "a"));
    mkdirSync(join(base, "b"));
    symlinkSync(join(base, "a"), join(base, "current"));
    const { env, live, checkouts, dir, csv } = await sentOnce(5, "--journal-dir", join(base, "current"));
    rmSync(join(base, "current"));
    symlinkSync(join(base, "b"), join(base, "current"));
    for (const args of [sendArgs(csv), sendArgs(csv, "--journal-dir", join(base, "current"))])
      expect((await runCli(args, env, dir)).code).toBe(5);
    expect(live()).toHaveLength(1);
    expect(checkouts()).toBe(1);
  });

  it.each([
    ["emptied", (record: string) => writeFileSync(record, "")],
    ["made relative", (record: string) => writeFileSync(record, "journal")],
  ])("a journal record %s stops the run instead of hiding that journal", async (_, damage) => {
    const { env, state, live, checkouts, csv, dir } = await sentOnce(
      5,
      "--journal-dir",
      join(tempDir(), "journal"),
    );
    const record = journalRecord(state);
    damage(record);
    const again = await runCli(sendArgs(csv), env, dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`journal record ${record} is damaged`);
    expect(live()).toHaveLength(1);
    expect(checkouts()).toBe(1);
  });

  it("a --journal-dir that cannot be made a ledger (a dangling link, a file) is a usage error, exit 2", async () => {
    const { env, live } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 5);
    symlinkSync(join(dir, "nowhere"), join(dir, "dangling"));
    writeFileSync(join(dir, "file"), "x");
    for (const [journal, why] of [
      ["dangling", "is a link to nothing"],
      ["file", "is not a directory"],
    ] as const) {
      const run = await runCli(sendArgs(csv, "--journal-dir", join(dir, journal)), env, dir);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain(`cannot be made (ENOTDIR): ${join(dir, journal)} ${why}`);
    }
    // The parent at fault is named, not the deepest directory that was to be made.
    const locked = join(dir, "locked");
    mkdirSync(locked);
    const as = notWritableBy(locked, dir);
    // (A state directory of the CLI's user's own: the runs above made this one's as the test's.)
    const own = { ...env, ORDERKIT_STATE_DIR: join(dir, "own-state") };
    const run = await runCli(sendArgs(csv, "--journal-dir", join(locked, "a", "journal")), own, dir, as);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain(
      `${join(locked, "a", "journal", "sends")}, cannot be made (EACCES): this user cannot write in ${locked}`,
    );
    expect(live()).toHaveLength(0);
  });

  it("a state directory left by a `sudo orderkit send` that this user cannot write in: exit 2 naming it, nothing sent", async () => {
    const { env, state, live, checkouts } = await world();
    const dir = tempDir();
    const first = await runCli(sendArgs(writeCsv(dir, 3, "first.csv")), env, dir);
    expect(first.code, first.stderr).toBe(0);
    const as = notWritableBy(state, dir);
    for (const csv of [writeCsv(dir, 4, "second.csv"), join(dir, "first.csv")]) {
      const run = await runCli(sendArgs(csv), env, dir, as);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain(`${join(state, "orders")}, cannot be written (EACCES)`);
      expect(run.stderr).not.toContain(".tmp");
    }
    expect(live()).toHaveLength(1);
    expect(checkouts()).toBe(1);
  });

  it("any one directory a send writes in that this user cannot write in: exit 2 naming it, before any order is made", async () => {
    const { env, state, live } = await world();
    const dir = tempDir();
    const as = cliUser(dir, state);
    const journal = ["--journal-dir", join(dir, "journal")];
    const first = await runCli(sendArgs(writeCsv(dir, 3, "first.csv"), ...journal), env, dir, as);
    expect(first.code, first.stderr).toBe(0);
    // Other people than the first list's (a list that repeats them would stop for that).
    const second = people(dir, "second.csv", ["Ada,Other,9 Elm St,Austin,TX,78704"]);
    for (const target of [
      join(state, "orders"),
      join(state, "send-orders"),
      join(state, "registered"),
      join(state, "sends"),
      join(state, "journals"),
      join(dir, "journal", "sends"),
    ]) {
      chmodSync(target, 0o555);
      const run = await runCli(sendArgs(second, ...journal), env, dir, as);
      chmodSync(target, 0o700);
      expect(run.code, `${target}: ${run.stderr}`).toBe(2);
      expect(run.stderr).toContain(`${target}, cannot be written (EACCES)`);
      expect(run.stderr).toContain("Nothing was sent.");
      expect(live()).toHaveLength(1);
    }
    // The archive, once a --restart made it: checked too (a --restart deletes a Draft before it moves there).
    const archive = join(dir, "journal", "sends", "archive");
    mkdirSync(archive);
    chmodSync(archive, 0o555);
    const refused = await runCli(sendArgs(second, ...journal), env, dir, as);
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stderr).toContain(`${archive}, cannot be written (EACCES)`);
    rmSync(archive, { recursive: true });
    // A journal directory this user cannot even enter is named as such (not a file in it).
    const closed = join(dir, "closed");
    mkdirSync(closed);
    chmodSync(closed, "uid" in as ? 0o700 : 0);
    const shut = await runCli(sendArgs(second, "--journal-dir", closed), env, dir, as);
    chmodSync(closed, 0o700);
    expect(shut.code, shut.stderr).toBe(2);
    expect(shut.stderr).toContain(`${closed} cannot be entered by this user (EACCES)`);
    expect(live()).toHaveLength(1);
    const last = await runCli(sendArgs(second, ...journal), env, dir, as);
    expect(last.code, last.stderr).toBe(0);
    expect(live()).toHaveLength(2);
  });

  it("files a `sudo orderkit send` left in this user's state directory: exit 2 naming one, never taken for damaged (no --allow-repeat), nothing sent", async () => {
    const { env, state, live, checkouts } = await world();
    const dir = tempDir();
    const as = cliUser(dir, state);
    const mine = people(dir, "mine.csv", ["Ada,Other,9 Elm St,Austin,TX,78704"]);
    expect((await runCli(sendArgs(mine), env, dir, as)).code).toBe(0);
    // The sudo run: as root its files are root's (0600); else they are made unreadable as such.
    const sudoList = writeCsv(dir, 5, "sudo.csv");
    const sudo = await runCli(sendArgs(sudoList), env, dir);
    expect(sudo.code, sudo.stderr).toBe(0);
    const files = readdirSync(state, { recursive: true })
      .map((name) => join(state, String(name)))
      .filter((path) => statSync(path).isFile());
    const root = "uid" in as;
    // First only its ledger entry cannot be read (its recipients file can): then every file.
    for (const unreadable of [(path: string) => path.endsWith(".json"), () => true]) {
      for (const path of files) chmodSync(path, unreadable(path) ? (root ? 0o600 : 0) : 0o644);
      // The same list again, and a list holding the sudo run's people: stopped, naming the file.
      for (const csv of [sudoList, writeCsv(dir, 8, "overlap.csv")]) {
        const run = await runCli(sendArgs(csv), env, dir, as);
        expect(run.code, run.stderr).toBe(2);
        expect(run.stderr).toMatch(/ cannot be read by this user \(EACCES\): it belongs to another/);
        expect(run.stderr).toContain(`sudo chown -R "$(id -un)" ${state}`);
        expect(run.stderr).not.toContain("--allow-repeat");
        expect(run.stderr).not.toContain("damaged");
      }
    }
    expect(live()).toHaveLength(2);
    expect(checkouts()).toBe(2);
  });

  it("the people kept for an order, in a file another user left (a sudo run's): exit 2 naming it, never people that could not be read (no --allow-repeat)", async () => {
    const { env, state, live } = await world();
    const dir = tempDir();
    const as = cliUser(dir, state);
    const list = (name: string, names: string[]) =>
      people(
        dir,
        name,
        names.map((who, i) => `${who},Doe,${100 + i} ${name} St,Austin,TX,78704`),
      );
    expect((await runCli(sendArgs(list("p.csv", ["Ann", "Bob"])), env, dir, as)).code).toBe(0);
    // Recorded as orderkit 0.1.0 did: other sends read its order's people from the server, and keep them.
    const entry = entryFile(state);
    const { foldedKeys: _, ...as010 } = JSON.parse(readFileSync(entry, "utf8"));
    writeFileSync(entry, JSON.stringify(as010));
    // Accented names: lists 0.1.0 may have keyed otherwise, which check its orders' people.
    expect((await runCli(sendArgs(list("q.csv", ["Zoë"])), env, dir, as)).code).toBe(0);
    const [kept] = readdirSync(join(state, "orders")).filter((name) => name.endsWith(".people"));
    const keptFile = join(state, "orders", kept as string);
    if ("uid" in as) chownSync(keptFile, 0, 0);
    chmodSync(keptFile, "uid" in as ? 0o600 : 0);
    for (const extra of [[], ["--allow-repeat"]]) {
      const run = await runCli(sendArgs(list("r.csv", ["Renée"]), ...extra), env, dir, as);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain(`${keptFile} cannot be read by this user (EACCES)`);
    }
    expect(live()).toHaveLength(2);
  });

  it("the journals list as a dangling link stops the run", async () => {
    const { env, state, live, checkouts, csv, dir } = await sentOnce(
      5,
      "--journal-dir",
      join(tempDir(), "journal"),
    );
    renameSync(join(state, "journals"), join(state, "journals.old"));
    symlinkSync(join(state, "nowhere"), join(state, "journals"));
    const again = await runCli(sendArgs(csv), env, dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`${join(state, "journals")} cannot be read (a dangling link)`);
    expect(live()).toHaveLength(1);
    expect(checkouts()).toBe(1);
  });

  it("a journal whose only send was refused is not remembered: deleting it blocks nothing", async () => {
    const { env, state, live, dir, csv } = await sentOnce(5);
    const scratch = join(tempDir(), "scratch");
    expect((await runCli(sendArgs(csv, "--journal-dir", scratch), env, dir)).code).toBe(5);
    expect(existsSync(join(state, "journals"))).toBe(false);
    rmSync(scratch, { recursive: true });
    await sendsAnotherList(env, dir);
    expect(live()).toHaveLength(2);
  });

  it("one journal reached by two spellings is one ledger: a send stopped before its create finishes through the other", async () => {
    const { f, env, live, checkouts } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 5);
    const journal = join(tempDir(), "journal");
    const alias = join(tempDir(), "alias");
    symlinkSync(journal, alias);
    expect(
      (
        await runCli(
          sendArgs(
            people(tempDir(), "x.csv", ["Zed,Roe,9 Elm St,Austin,TX,78704"]),
            "--dry-run",
            "--journal-dir",
            journal,
          ),
          env,
          dir,
        )
      ).code,
    ).toBe(0);
    const stop = kill(f, (method, path) => method === "POST" && path === "/v1/order");
    expect((await stop(runCli(sendArgs(csv, "--journal-dir", alias), env, dir))).signal).toBe("SIGKILL");
    const again = await runCli(sendArgs(csv, "--journal-dir", journal), env, dir);
    expect(again.code, again.stderr).toBe(0);
    const ours = live().filter((o) => o.recipients.length === 5);
    expect(ours).toHaveLength(1);
    expect(ours[0]?.status).toBe("Paid");
    expect(checkouts()).toBe(1);
  });

  it("--restart --order of the send's own paid order reports it as sent and adopts it again: nothing mailed or charged, and a re-run says the same", async () => {
    // Review 4 found this refused after the archive (the user was then stuck). Refused before it,
    // it still hung on a listing's lag (session 57's CI): a stale Draft was adopted, the truth was
    // not. This send's own checkout now makes the order its own in any status but closed.
    const { env, live, dir, csv, checkouts } = await drafted(5);
    expect((await runCli(sendArgs(csv), env, dir)).code).toBe(0);
    const orderId = live()[0]?.id as number;
    const restart = await runCli(sendArgs(csv, "--restart", "--order", String(orderId)), env, dir);
    expect(restart.code, restart.stderr).toBe(0);
    expect(restart.stderr).toContain(`Already sent as order ${orderId}`);
    expect(checkouts()).toBe(1);
    const again = await runCli(sendArgs(csv), env, dir);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain("Already sent");
    expect(live()).toHaveLength(1);
  });
});

describe("what the fifth hostile review found, fixed (review 134)", () => {
  it("an order adopted with --order counts for every template: a later send of its people with the order's real template is a repeat", async () => {
    const { f, env, live, checkouts } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 6);
    const draft = f.seedOrder("Draft", 5555);
    const adopted = await runCli(sendFrom(12345, csv, "--order", String(draft.id)), env, dir);
    expect(adopted.code, adopted.stderr).toBe(0);
    expect(draft.status).toBe("Paid");
    const again = await runCli(sendFrom(5555, csv), env, dir);
    expect(again.code, again.stderr).toBe(5);
    expect(holding(live)).toHaveLength(1);
    expect(live()).toHaveLength(1);
    expect(checkouts()).toBe(1);
  });

  it("a send that adopts an order is checked against sends of every template: people already mailed are a repeat", async () => {
    const { f, env, live, checkouts } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 6);
    expect((await runCli(sendFrom(5555, csv), env, dir)).code).toBe(0);
    const draft = f.seedOrder("Draft", 5555);
    const adopting = await runCli(sendFrom(12345, csv, "--order", String(draft.id)), env, dir);
    expect(adopting.code, adopting.stderr).toBe(5);
    expect(draft.recipients).toHaveLength(0);
    expect(draft.status).toBe("Draft");
    expect(holding(live)).toHaveLength(1);
    expect(checkouts()).toBe(1);
    // With --allow-repeat, the user's say-so, it goes on.
    const anyway = await runCli(
      sendFrom(12345, csv, "--order", String(draft.id), "--allow-repeat"),
      env,
      dir,
    );
    expect(anyway.code, anyway.stderr).toBe(0);
    expect(draft.status).toBe("Paid");
  });

  it("an option given another option as its value, or a value option given twice, is refused before any request", async () => {
    const { f, env, live } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 3);
    const other = writeCsv(tempDir(), 3);
    for (const [args, shown] of [
      [sendArgs(csv, "--proof", "--dry-run"), "option '--proof <file.pdf>' took '--dry-run' as its value"],
      [sendArgs(csv, "--rejects", "--skip-invalid"), "took '--skip-invalid'"],
      [sendArgs(csv, "--proof", "--api-key=LL-secret-typed-4411"), "--proof"],
      [sendArgs(csv, "--rejects", "--api-key", "LL-secret-typed-4411"), "--rejects"],
      [[...sendArgs(csv), "--template", "13"], "option '--template <id>' is given more than once"],
      [[...sendArgs(csv), "--csv", other], "option '--csv <file>' is given more than once"],
      [
        ["--base-url", f.url, ...sendArgs(csv), `--base-url=${f.url}`],
        "option '--base-url <url>' is given more than once",
      ],
    ] as const) {
      for (const json of [[], ["--json"]]) {
        const run = await runCli([...args, ...json], env, dir);
        expect(run.code, run.stderr).toBe(2);
        expect(run.stderr).toContain(shown);
        expect(run.stderr + run.stdout).not.toContain("LL-secret-typed-4411");
      }
    }
    expect(existsSync(join(dir, "--dry-run"))).toBe(false);
    expect(f.requests).toHaveLength(0);
    expect(live()).toHaveLength(0);
    // A repeatable option stays repeatable, and a value that is no option of the command is a value.
    const mapped = await runCli(
      sendArgs(csv, "--map", "first_name=first_name", "--map", "last_name=last_name", "--dry-run"),
      env,
      dir,
    );
    expect(mapped.code, mapped.stderr).toBe(0);
  });

  it("a proof or rejects file inside the state directory is refused before anything is sent; a ledger entry made a directory is named", async () => {
    const { env, state, live } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 3);
    expect((await runCli(sendArgs(csv, "--dry-run"), env, dir)).code).toBe(0);
    const file = entryFile(state);
    const before = readFileSync(file, "utf8");
    for (const extra of [
      ["--proof", file],
      ["--skip-invalid", "--rejects", join(state, "sends", "rejects.csv")],
    ]) {
      const run = await runCli(sendArgs(csv, ...extra), env, dir);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain("is inside orderkit's state directory");
    }
    expect(readFileSync(file, "utf8")).toBe(before);
    expect(live()[0]?.status).toBe("Draft");
    rmSync(file);
    mkdirSync(file);
    const run = await runCli(sendArgs(csv), env, dir);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain(`${file} is damaged: it is a directory`);
    expect(live()[0]?.status).toBe("Draft");
  });

  it("a base URL with a user and password is refused without quoting them", async () => {
    const { env } = await world();
    const run = await runCli(["--base-url", "http://me:LL-API-secret-9931@127.0.0.1:9/api", "me"], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--base-url");
    expect(run.stderr).not.toContain("LL-API-secret-9931");
  });

  it("an entry edited to name an order this send never made nor adopted stops before anything is appended or paid", async () => {
    const { f, env, state, live, checkouts } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 8);
    expect((await runCli(sendArgs(csv), env, dir)).code).toBe(0);
    const paid = live()[0];
    const stray = f.seedOrder("Draft", 901);
    const file = entryFile(state);
    pointEntryAt(file, stray.id);
    for (const extra of [[], ["--order", String(stray.id)]]) {
      const run = await runCli(sendArgs(csv, ...extra), env, dir);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain(`it names order ${stray.id}, which this send neither made nor adopted`);
    }
    expect(stray.recipients).toHaveLength(0);
    expect(stray.status).toBe("Draft");
    expect(paid?.status).toBe("Paid");
    expect(checkouts()).toBe(1);
  });
});

describe("what the sixth hostile review found, fixed (review 135)", () => {
  /** Adopts a Draft of template 5555 with --template 12345 and pays it; returns the world and the entry. */
  async function adoptedAndPaid() {
    const w = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 6);
    const draft = w.f.seedOrder("Draft", 5555);
    const run = await runCli(sendFrom(12345, csv, "--order", String(draft.id)), w.env, dir);
    expect(run.code, run.stderr).toBe(0);
    return { ...w, dir, csv, draft, file: entryFile(w.state) };
  }

  it("a send of another template that registers while an adopting send reads its order sees the adoption", async () => {
    const { f, env, state, live } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 6);
    const draft = f.seedOrder("Draft", 5555);
    // The adopting send's first read of the order waits 2 s: its entry is registered by then.
    let slowed = false;
    f.schedule = ({ method, path }) => {
      if (slowed || method !== "GET" || !path.startsWith(`/v1/order/${draft.id}`)) return undefined;
      slowed = true;
      return { kind: "delay", ms: 2000 };
    };
    const adopting = runCli(sendFrom(12345, csv, "--order", String(draft.id)), env, dir);
    const sends = join(state, "sends");
    while (!existsSync(sends) || !readdirSync(sends).some((n) => n.endsWith(".json")))
      await new Promise((r) => setTimeout(r, 20));
    const other = await runCli(sendFrom(5555, csv), env, dir);
    const first = await adopting;
    expect([first.code, other.code].sort(), `${first.stderr}\n${other.stderr}`).toEqual([0, 5]);
    expect(holding(live)).toEqual([`${draft.id}:Paid:6`]);
  });

  it("an adopted send's entry from before `adopted` was kept, or cut short, still counts for every template", async () => {
    for (const damage of [
      (text: string) => {
        const entry = JSON.parse(text);
        delete entry.adopted;
        return JSON.stringify(entry);
      },
      (text: string) => text.slice(0, Math.floor(text.length / 2)),
    ]) {
      const { env, live, dir, csv, draft, file } = await adoptedAndPaid();
      writeFileSync(file, damage(readFileSync(file, "utf8")));
      const again = await runCli(sendFrom(5555, csv), env, dir);
      expect(again.code, again.stderr).toBe(5);
      expect(holding(live)).toEqual([`${draft.id}:Paid:6`]);
    }
  });

  it("an adopted order found again by an entry restored from before the adoption stays adopted", async () => {
    const { env, live, dir, csv, draft, file } = await adoptedAndPaid();
    entryBeforeOrder(file);
    const resumed = await runCli(sendFrom(12345, csv), env, dir);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(readFileSync(file, "utf8")).adopted).toBe(true);
    const again = await runCli(sendFrom(5555, csv), env, dir);
    expect(again.code, again.stderr).toBe(5);
    expect(holding(live)).toEqual([`${draft.id}:Paid:6`]);
  });

  it("--order of the send's own Draft behaves as the same command without it: its template is known", async () => {
    const { env, state, live } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 6);
    expect((await runCli(sendFrom(5555, csv), env, dir)).code).toBe(0);
    expect((await runCli(sendFrom(12345, csv, "--dry-run"), env, dir)).code).toBe(0);
    const own = live().find((o) => o.status === "Draft")?.id as number;
    const run = await runCli(sendFrom(12345, csv, "--order", String(own)), env, dir);
    expect(run.code, run.stderr).toBe(0);
    expect(live().find((o) => o.id === own)?.status).toBe("Paid");
    const entries = readdirSync(join(state, "sends")).filter((n) => n.endsWith(".json"));
    const ownEntry = entries
      .map((n) => JSON.parse(readFileSync(join(state, "sends", n), "utf8")))
      .find((e) => e.orderId === own);
    expect(ownEntry?.adopted).not.toBe(true);
  });

  it("review 136: a lost entry, then --order of its adopted, paid order (as the message says), finds the order: other templates still see the adoption", async () => {
    const { env, live, dir, csv, draft, file } = await adoptedAndPaid();
    rmSync(file);
    expect((await runCli(sendFrom(5555, csv, "--dry-run"), env, dir)).code).toBe(5);
    const named = await runCli(sendFrom(12345, csv, "--order", String(draft.id)), env, dir);
    expect(named.code, named.stderr).toBe(0);
    expect(named.stderr).toContain(`This send already has order ${draft.id}`);
    const other = await runCli(sendFrom(5555, csv), env, dir);
    expect(other.code, other.stderr).toBe(5);
    expect(holding(live)).toEqual([`${draft.id}:Paid:6`]);
  });

  it("review 136: an entry restored from before its adoption (no order, no mark) still counts for every template, by its records", async () => {
    const { env, live, dir, csv, draft, file } = await adoptedAndPaid();
    // As a plain run left it, stopped during its create, before --order adopted the Draft.
    entryBeforeOrder(file, { createStarted: true, draftsBefore: [] });
    const other = await runCli(sendFrom(5555, csv), env, dir);
    expect(other.code, other.stderr).toBe(5);
    expect(holding(live)).toEqual([`${draft.id}:Paid:6`]);
  });

  it("review 136: an adopted entry edited to name another order stops too", async () => {
    const { f, env, dir, csv, draft, file, checkouts } = await adoptedAndPaid();
    const stray = f.seedOrder("Draft", 901);
    expect(JSON.parse(readFileSync(file, "utf8")).adopted).toBe(true);
    pointEntryAt(file, stray.id);
    const run = await runCli(sendFrom(12345, csv), env, dir);
    expect(run.code, run.stderr).toBe(2);
    expect(stray.recipients).toHaveLength(0);
    expect(draft.status).toBe("Paid");
    expect(checkouts()).toBe(1);
  });

  it("review 136: an adoption stopped before it read the order, then the send making its own order: that order's template is known", async () => {
    const { f, env, live } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 6);
    const draft = f.seedOrder("Draft", 5555);
    let victim: ReturnType<typeof runCli> | undefined;
    f.schedule = ({ method, path }) => {
      if (!victim || method !== "GET" || !path.startsWith(`/v1/order/${draft.id}`)) return undefined;
      victim.child.kill("SIGKILL");
      victim = undefined;
      return { kind: "drop-before-apply" };
    };
    victim = runCli(sendFrom(12345, csv, "--order", String(draft.id)), env, dir);
    expect((await victim).signal).toBe("SIGKILL");
    const own = await runCli(sendFrom(12345, csv), env, dir);
    expect(own.code, own.stderr).toBe(0);
    const other = await runCli(sendFrom(5555, csv), env, dir);
    expect(other.code, other.stderr).toBe(0);
    expect(draft.recipients).toHaveLength(0);
    expect(holding(live)).toHaveLength(2);
  });

  it("review 137: a send that adopted an order, then restarted and made its own, counts for every template only through the adopted order", async () => {
    const { f, env, live } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 6);
    const draft = f.seedOrder("Draft", 5555);
    expect(
      (await runCli(sendFrom(12345, csv, "--order", String(draft.id), "--dry-run"), env, dir)).code,
    ).toBe(0);
    const restarted = await runCli(sendFrom(12345, csv, "--restart"), env, dir);
    expect(restarted.code, restarted.stderr).toBe(0);
    const other = await runCli(sendFrom(5555, csv), env, dir);
    expect(other.code, other.stderr).toBe(0);
    expect(holding(live).filter((o) => o.endsWith(":Paid:6"))).toHaveLength(2);
  });

  it("a short option's attached value counts as given; a URL's password is masked whatever it holds; proof -o may not write in the state directory", async () => {
    const { f, env, state } = await world();
    const order = f.seedOrder();
    const dir = tempDir();
    for (const args of [
      ["proof", String(order.id), "-oa.pdf", "-ob.pdf"],
      ["proof", String(order.id), "-oa.pdf", "-o", "b.pdf"],
    ]) {
      const run = await runCli(args, env, dir);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain("is given more than once");
    }
    expect(f.requests).toHaveLength(0);
    for (const url of [
      "http://me:pa@ss-SECRET1@127.0.0.1:9/api",
      "http://me:ab/SECRET4'#x@127.0.0.1:9/api",
    ]) {
      const run = await runCli(["--base-url", url, "me"], env, dir);
      expect(run.code).toBe(2);
      expect(run.stderr).not.toMatch(/SECRET/);
    }
    mkdirSync(join(state, "sends"), { recursive: true });
    const into = await runCli(["proof", String(order.id), "-o", join(state, "sends", "x.json")], env, dir);
    expect(into.code, into.stderr).toBe(2);
    expect(into.stderr).toContain("is inside orderkit's state directory");
    expect(existsSync(join(state, "sends", "x.json"))).toBe(false);
  });
});
