import { createHash } from "node:crypto";
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  createLettrLabsClient,
  earlierRecipientHashes,
  hashRecipientKey,
  type LettrLabs,
  recipientHash,
  unfoldedRecipientKey,
} from "@orderkit/client";
import type { Fault } from "@orderkit/test-utils";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import type { SendMeaning } from "../src/ledger/entry.js";
import { Ledger } from "../src/ledger/ledger.js";
import { scanCsv } from "../src/send/scan.js";
import { runCli, sendArgs, tempDir } from "./helpers.js";
import { stopWorlds, world } from "./ledger-world.js";

afterEach(stopWorlds);

// One name, written the ways exports write it: composed (NFC), decomposed (NFD: a macOS export),
// and upper-cased.
const SPELLINGS = {
  nfc: (name: string) => name.normalize("NFC"),
  nfd: (name: string) => name.normalize("NFD"),
  upper: (name: string) => name.normalize("NFD").toUpperCase(),
} as const;
type Spelling = keyof typeof SPELLINGS;
const NAMES = ["José", "Zoë", "Ångström", "Müller", "Núñez", "Łukasz"];
/** The names whose two Unicode forms differ: 0.1.0 took each spelling for another person. */
const ACCENTED = NAMES.filter((name) => SPELLINGS.nfd(name) !== name);

const HEADER = "first_name,last_name,street,city,state,zip";
const row = (first: string, i: number) => `${first},Doe,${1000 + i} Main St,Austin,TX,78704`;
const person = (first: string, i: number): LettrLabs.Recipient => ({
  personal: { firstName: first, lastName: "Doe" },
  address: { address1: `${1000 + i} Main St`, city: "Austin", state: "TX", zipCode: "78704" },
});

function writeList(dir: string, rows: string[], name = "list.csv"): string {
  const path = join(dir, name);
  writeFileSync(path, `${[HEADER, ...rows].join("\n")}\n`);
  return path;
}

/**
 * Turns the one send recorded in `state` into what orderkit 0.1.0 recorded for it: its people
 * under 0.1.0's hashes of `people` (the recipients file, the digest and so the key of its entry,
 * its registration and its order's records renamed with it).
 */
function asRecordedBy010(state: string, people: LettrLabs.Recipient[]): string {
  const sends = join(state, "sends");
  const name = readdirSync(sends).find((n) => n.endsWith(".json")) as string;
  const key = name.slice(0, -".json".length);
  const entry = JSON.parse(readFileSync(join(sends, name), "utf8")) as {
    key: string;
    meaning: SendMeaning;
    orderId?: number;
    foldedKeys?: true;
  };
  // 0.1.0's entries did not say their hashes were folded.
  expect(entry.foldedKeys).toBe(true);
  delete entry.foldedKeys;
  const hashes = [...new Set(people.map((r) => hashRecipientKey(unfoldedRecipientKey(r))))];
  const sorted = Float64Array.from(hashes).sort();
  const bytes = new Uint8Array(sorted.buffer);
  entry.meaning.recipientsDigest = createHash("sha256").update(bytes).digest("hex");
  entry.meaning.recipients = sorted.length;
  const old = Ledger.keyOf(entry.meaning);
  entry.key = old;
  rmSync(join(sends, name));
  rmSync(join(sends, `${key}.recipients`));
  writeFileSync(join(sends, `${old}.json`), JSON.stringify(entry));
  writeFileSync(join(sends, `${old}.recipients`), bytes);
  const registered = join(state, "registered");
  for (const file of readdirSync(registered).filter((n) => n.includes(key))) {
    const record = JSON.parse(readFileSync(join(registered, file), "utf8")) as { key: string };
    record.key = old;
    rmSync(join(registered, file));
    writeFileSync(join(registered, file.replace(key, old)), JSON.stringify(record));
  }
  const orders = join(state, "send-orders");
  if (existsSync(orders))
    for (const file of readdirSync(orders).filter((n) => n.startsWith(key)))
      renameSync(join(orders, file), join(orders, file.replace(key, old)));
  const owners = join(state, "orders");
  if (existsSync(owners))
    for (const file of readdirSync(owners)) {
      const path = join(owners, file);
      writeFileSync(path, readFileSync(path, "utf8").replace(key, old));
    }
  return old;
}

describe("one person spelled in the two Unicode forms of an accented name is one recipient", () => {
  it("the scan counts every other spelling of a person as a duplicate, and keeps 0.1.0's hashes of them beside today's (seeded)", async () => {
    const dir = tempDir();
    const spelling = fc.constantFrom(...(Object.keys(SPELLINGS) as Spelling[]));
    // Each row: which person (name and street), spelled one of the ways.
    const rows = fc.array(fc.tuple(fc.nat(NAMES.length - 1), spelling), { minLength: 1, maxLength: 12 });
    await fc.assert(
      fc.asyncProperty(rows, async (list) => {
        const csv = writeList(
          dir,
          list.map(([who, how]) => row(SPELLINGS[how](NAMES[who] as string), who)),
        );
        const scan = await scanCsv(csv, {});
        const people = new Set(list.map(([who]) => who));
        expect(scan.rows).toBe(list.length);
        expect(scan.valid).toBe(people.size);
        expect(scan.hashes).toHaveLength(people.size);
        expect(scan.duplicateCount).toBe(list.length - people.size);
        // The first row of each person is the one kept.
        const first = new Map<number, number>();
        for (const [i, [who]] of list.entries()) first.set(who, first.get(who) ?? i);
        const kept = list.map((_, i) => i).filter((i) => !scan.skip.has(i));
        expect(kept).toEqual([...first.values()].sort((a, b) => a - b));
        // Every hash 0.1.0 may have given a row's person in the other Unicode form (not as written,
        // not today's), and every hash of a row as written: the two lists the repeat check reads.
        const others = new Set<number>();
        const written = new Set<number>();
        for (const [who, how] of list) {
          const r = person(SPELLINGS[how](NAMES[who] as string), who);
          const now = recipientHash(r);
          const [asWritten = now, ...rest] = earlierRecipientHashes(r, now);
          written.add(asWritten);
          for (const h of rest) {
            expect(h).not.toBe(now);
            expect(h).not.toBe(asWritten);
            others.add(h);
          }
        }
        expect([...scan.others]).toEqual([...others].sort((a, b) => a - b));
        if (scan.earlierHashes) expect([...scan.earlierHashes]).toEqual([...written].sort((a, b) => a - b));
        // 0.1.0's digest of the file differs exactly when it hashed some row otherwise.
        const differs = list.some(([who, how]) => {
          const r = person(SPELLINGS[how](NAMES[who] as string), who);
          return hashRecipientKey(unfoldedRecipientKey(r)) !== recipientHash(r);
        });
        expect(scan.earlierDigest !== undefined).toBe(differs);
      }),
      { numRuns: 60, seed: 20261202 },
    );
  });

  it("look-alikes that are not the same letters stay two people", async () => {
    const dir = tempDir();
    const csv = writeList(dir, [
      "Ana,Doe,5 Calle Mayor 1ª,Austin,TX,78704",
      "Ana,Doe,5 Calle Mayor 1A,Austin,TX,78704",
      "Ａna,Doe,5 Calle Mayor 1A,Austin,TX,78704",
    ]);
    const scan = await scanCsv(csv, {});
    expect(scan.valid).toBe(3);
    expect(scan.duplicateCount).toBe(0);
  });

  it("a send mails a person listed in two spellings once", async () => {
    const { env, live } = await world();
    const dir = tempDir();
    const csv = writeList(dir, [
      row(SPELLINGS.nfc("José"), 0),
      row("Ann", 1),
      row(SPELLINGS.nfd("José"), 0),
      row(SPELLINGS.upper("José"), 0),
    ]);
    const run = await runCli(sendArgs(csv), env, dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain("Skipping 2 duplicate rows");
    expect(live()).toHaveLength(1);
    const names = live()[0]?.recipients.map((r) => r.personal?.firstName) ?? [];
    expect(names).toEqual([SPELLINGS.nfc("José"), "Ann"]);
    expect(live()[0]?.checkouts).toBe(1);
  });
});

describe("a list orderkit 0.1.0 sent (it did not fold spellings) is not mailed again after the upgrade", () => {
  const decomposed = ACCENTED.map((name, i) => row(SPELLINGS.nfd(name), i));
  const composed = ACCENTED.map((name, i) => row(SPELLINGS.nfc(name), i));
  const asNfd = ACCENTED.map((name, i) => person(SPELLINGS.nfd(name), i));

  it.each([
    ["the same file sent again with another postage", decomposed, ["--postage", "FirstClass"]],
    ["the same people exported composed (NFC)", composed, []],
  ])("0.1.0 sent and paid for a decomposed (NFD) list; %s is then a repeat", async (_, rows, extra) => {
    const { env, state, live, checkouts } = await world();
    const dir = tempDir();
    const first = await runCli(sendArgs(writeList(dir, decomposed, "then.csv")), env, dir);
    expect(first.code, first.stderr).toBe(0);
    asRecordedBy010(state, asNfd);

    const again = await runCli(sendArgs(writeList(dir, rows, "now.csv"), ...extra), env, dir);
    expect(again.code, again.stderr).toBe(5);
    expect(again.stderr).toContain(`These ${ACCENTED.length} recipients were already sent`);
    expect(again.stderr).toContain("orderkit 0.1.0 recorded some of them");
    expect(live()).toHaveLength(1);
    expect(checkouts()).toBe(1);
  });

  it("counts people, not hashes: someone 0.1.0 recorded under two spellings is one, and someone it never sent is not counted", async () => {
    const { env, state, checkouts } = await world();
    const dir = tempDir();
    // 0.1.0 sent José twice (composed and decomposed: two people to it) and no one else.
    const then = [row(SPELLINGS.nfc("José"), 0), row(SPELLINGS.nfd("José"), 0)];
    const first = await runCli(sendArgs(writeList(dir, then, "then.csv")), env, dir);
    expect(first.code, first.stderr).toBe(0);
    asRecordedBy010(state, [person(SPELLINGS.nfc("José"), 0), person(SPELLINGS.nfd("José"), 0)]);

    const now = [row(SPELLINGS.nfd("José"), 0), row("Bob", 9)];
    const again = await runCli(sendArgs(writeList(dir, now, "now.csv")), env, dir);
    expect(again.code, again.stderr).toBe(5);
    expect(again.stderr).toContain("1 of these 2 recipients were mailed");
    expect(checkouts()).toBe(1);
  });

  it("this very list, begun by 0.1.0 and not checked out, is finished on 0.1.0's entry and order: each person mailed once, and 0.1.0's records say so", async () => {
    const { f, env, state, live } = await world();
    const dir = tempDir();
    const csv = writeList(dir, decomposed);
    // 0.1.0 stopped at the price preview: a Draft holding the list.
    const first = await runCli(sendArgs(csv, "--dry-run"), env, dir);
    expect(first.code, first.stderr).toBe(0);
    const [draft] = live();
    if (!draft) throw new Error("no Draft");
    expect(draft.recipients).toHaveLength(ACCENTED.length);
    const old = asRecordedBy010(state, asNfd);

    const again = await runCli(sendArgs(csv), env, dir);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain("Going on with the send orderkit 0.1.0 began");
    expect(live()).toHaveLength(1);
    expect(draft.checkouts).toBe(1);
    expect(draft.recipients).toHaveLength(ACCENTED.length);
    expect([...f.orders.values()].reduce((n, o) => n + o.checkouts, 0)).toBe(1);
    // 0.1.0's own entry (the one it would read) records the checkout.
    const entry = JSON.parse(readFileSync(join(state, "sends", `${old}.json`), "utf8")) as {
      checkouts: number;
    };
    expect(entry.checkouts).toBe(1);
    expect(readdirSync(join(state, "sends")).filter((n) => n.endsWith(".json"))).toEqual([`${old}.json`]);
  });

  it("a --restart of the list 0.1.0 began keeps its recipients file consistent with its entry, so another send of some of its people is refused", async () => {
    const { env, state, live, checkouts } = await world();
    const dir = tempDir();
    const csv = writeList(dir, decomposed);
    const first = await runCli(sendArgs(csv, "--dry-run"), env, dir);
    expect(first.code, first.stderr).toBe(0);
    const old = asRecordedBy010(state, asNfd);
    // Started over, stopped again at the price preview: a new Draft, not checked out.
    const restart = await runCli(sendArgs(csv, "--restart", "--dry-run"), env, dir);
    expect(restart.code, restart.stderr).toBe(0);
    const sends = join(state, "sends");
    const entry = JSON.parse(readFileSync(join(sends, `${old}.json`), "utf8")) as { meaning: SendMeaning };
    const bytes = readFileSync(join(sends, `${old}.recipients`));
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(entry.meaning.recipientsDigest);
    // Its recipients file still holds 0.1.0's hashes, and its entry says so.
    expect(entry).not.toHaveProperty("foldedKeys");
    // Some of its people, composed, with someone else: in another send not finished.
    const other = writeList(dir, [composed[0] as string, row("Zed", 99)], "other.csv");
    const again = await runCli(sendArgs(other), env, dir);
    expect(again.code, again.stderr).toBe(5);
    expect(checkouts()).toBe(0);
    expect(live()).toHaveLength(1);
  });

  it("this very list, sent and paid by 0.1.0, run again after the upgrade: already sent (exit 0), nothing more", async () => {
    const { env, state, checkouts } = await world();
    const dir = tempDir();
    const csv = writeList(dir, decomposed);
    const first = await runCli(sendArgs(csv), env, dir);
    expect(first.code, first.stderr).toBe(0);
    asRecordedBy010(state, asNfd);
    const again = await runCli(sendArgs(csv), env, dir);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout + again.stderr).toContain("Already sent as order");
    expect(checkouts()).toBe(1);
  });

  it.each([
    ["with the order it made", true],
    ["before it recorded an order", false],
  ])(
    "this very list, registered by this version and then begun by 0.1.0 (%s): refused even with --allow-repeat, nothing checked out",
    async (_, withOrder) => {
      const { env, state, live, checkouts } = await world();
      const dir = tempDir();
      const csv = writeList(dir, decomposed);
      // 0.1.0's run, in a state directory of its own, then merged into this one: its Draft and entry.
      const other = tempDir();
      const by010 = await runCli(sendArgs(csv, "--dry-run"), { ...env, ORDERKIT_STATE_DIR: other }, dir);
      expect(by010.code, by010.stderr).toBe(0);
      const old = asRecordedBy010(other, asNfd);
      if (!withOrder) {
        const path = join(other, "sends", `${old}.json`);
        const entry = JSON.parse(readFileSync(path, "utf8")) as { orderId?: number };
        delete entry.orderId;
        writeFileSync(path, JSON.stringify(entry));
      }
      // This version's own run of the list, stopped at the price preview: its own Draft.
      const first = await runCli(sendArgs(csv, "--dry-run"), env, dir);
      expect(first.code, first.stderr).toBe(0);
      cpSync(other, state, { recursive: true, force: false });
      expect(live()).toHaveLength(2);

      for (const extra of [[], ["--allow-repeat"]]) {
        const again = await runCli(sendArgs(csv, ...extra), env, dir);
        expect(again.code, again.stderr).toBe(5);
        expect(again.stderr).toContain("This list was begun on");
        expect(again.stderr).toContain(withOrder ? "Cancel order" : "no order recorded yet");
        expect(again.stderr).toContain("Nothing was created or charged");
      }
      expect(checkouts()).toBe(0);
      expect(live()).toHaveLength(2);
      for (const order of live()) expect(order.recipients).toHaveLength(ACCENTED.length);
    },
  );

  it("a list holding a name in both spellings, begun by 0.1.0 (which appended both): the stop says to start over, and doing so mails each person once", async () => {
    const { env, state, live, checkouts } = await world();
    const dir = tempDir();
    const both = [row(SPELLINGS.nfc("José"), 0), row(SPELLINGS.nfd("José"), 0), row("Ann", 1)];
    const csv = writeList(dir, both);
    const first = await runCli(sendArgs(csv, "--dry-run"), env, dir);
    expect(first.code, first.stderr).toBe(0);
    const [draft] = live();
    if (!draft) throw new Error("no Draft");
    // As 0.1.0 left it: both spellings on its order, and its digest of all three rows.
    draft.recipients.push({
      ...person(SPELLINGS.nfd("José"), 0),
      id: 9100,
    } as (typeof draft.recipients)[number]);
    const old = asRecordedBy010(state, [
      person(SPELLINGS.nfc("José"), 0),
      person(SPELLINGS.nfd("José"), 0),
      person("Ann", 1),
    ]);
    const scan = await scanCsv(csv, {});
    const path = join(state, "sends", `${old}.json`);
    const entry = JSON.parse(readFileSync(path, "utf8")) as { contentDigest?: string; rowsDone: number };
    entry.contentDigest = scan.rowHashes.contentDigest(new Set());
    expect(entry.contentDigest).not.toBe(scan.contentDigest);
    expect(entry.rowsDone).toBe(3);
    writeFileSync(path, JSON.stringify(entry));

    const again = await runCli(sendArgs(csv), env, dir);
    expect(again.code, again.stderr).toBe(1);
    expect(again.stderr).toContain("Going on with the send orderkit 0.1.0 began");
    expect(again.stderr).toContain("orderkit 0.1.0 began this send");
    expect(again.stderr).not.toContain("as it was when this send began to go on");
    expect(checkouts()).toBe(0);
    expect(draft.recipients).toHaveLength(3);
    // As the message says: cancel that order, then --restart.
    expect(again.stderr).toContain(`orderkit orders cancel ${draft.id}`);
    expect((await runCli(["orders", "cancel", String(draft.id)], env, dir)).code).toBe(0);
    const restart = await runCli(sendArgs(csv, "--restart"), env, dir);
    expect(restart.code, restart.stderr).toBe(0);
    const paid = live().filter((o) => o.checkouts > 0);
    expect(paid).toHaveLength(1);
    expect(paid[0]?.recipients.map((r) => r.personal?.firstName)).toEqual([SPELLINGS.nfc("José"), "Ann"]);
    expect(checkouts()).toBe(1);
  });

  it("reads the file again at most once a run, and not for a send of 0.1.0's whose order is closed", async () => {
    const { env, state, live, checkouts } = await world();
    const dir = tempDir();
    /** A send of `rows` by 0.1.0, in a state directory of its own merged into this one's. */
    const by010 = async (rows: number[], how: "paid" | "cancelled") => {
      const own = tempDir();
      const args = sendArgs(
        writeList(
          dir,
          rows.map((i) => decomposed[i] as string),
          `then-${rows.join("-")}.csv`,
        ),
        ...(how === "cancelled" ? ["--dry-run"] : []),
      );
      const run = await runCli(args, { ...env, ORDERKIT_STATE_DIR: own }, dir);
      expect(run.code, run.stderr).toBe(0);
      asRecordedBy010(
        own,
        rows.map((i) => asNfd[i] as LettrLabs.Recipient),
      );
      if (how === "cancelled") {
        const draft = live().find((o) => o.status === "Draft");
        expect((await runCli(["orders", "cancel", String(draft?.id)], env, dir)).code).toBe(0);
      }
      cpSync(own, state, { recursive: true, force: false });
    };
    const again = /Reading .* again/g;
    // Only a cancelled send of 0.1.0's holds the first person: not read again, and sent.
    await by010([0], "cancelled");
    const first = await runCli(
      sendArgs(writeList(dir, [composed[0] as string, row("Zed", 90)], "a.csv")),
      env,
      dir,
    );
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr.match(again)).toBeNull();
    expect(checkouts()).toBe(1);
    // Two paid sends of 0.1.0's hold the second and third: read again once for both, and refused.
    await by010([1], "paid");
    await by010([2], "paid");
    const list = writeList(dir, [composed[1] as string, composed[2] as string, row("Yves", 91)], "b.csv");
    const second = await runCli(sendArgs(list), env, dir);
    expect(second.code, second.stderr).toBe(5);
    expect(second.stderr.match(again)).toHaveLength(1);
    expect(second.stderr).toContain("1 of these 3 recipients were mailed");
    expect(second.stderr.match(/1 of these 3 recipients were mailed/g)).toHaveLength(2);
    expect(checkouts()).toBe(3);
  });

  it("a list 0.1.0 began whose only repeat is one 0.1.0 skipped too, edited since: the advice is the file as it was", async () => {
    const { env, state, live } = await world();
    const dir = tempDir();
    const rows = [decomposed[0] as string, row("Ann", 1), row("Ann", 1)];
    const csv = writeList(dir, rows);
    const first = await runCli(sendArgs(csv, "--dry-run"), env, dir);
    expect(first.code, first.stderr).toBe(0);
    asRecordedBy010(state, [asNfd[0] as LettrLabs.Recipient, person("Ann", 1)]);
    // The same people, Ann's name re-cased: a real edit.
    writeList(dir, [decomposed[0] as string, row("ANN", 1), row("Ann", 1)]);
    const again = await runCli(sendArgs(csv), env, dir);
    expect(again.code, again.stderr).toBe(1);
    expect(again.stderr).toContain("Going on with the send orderkit 0.1.0 began");
    expect(again.stderr).toContain("as it was when this send began");
    expect(again.stderr).not.toContain("orderkit 0.1.0 began this send");
    expect(live()[0]?.checkouts).toBe(0);
  });

  it("an order 0.1.0 filled with one person under two spellings is not checked out when adopted", async () => {
    const { f, env, checkouts } = await world();
    const dir = tempDir();
    const order = f.seedOrder("Draft", 7);
    const two = [person(SPELLINGS.nfc("José"), 0), person(SPELLINGS.nfd("José"), 0)];
    order.recipients.push(
      ...two.map((r, i) => ({ ...r, id: 9000 + i }) as (typeof order.recipients)[number]),
    );
    const csv = writeList(dir, [row(SPELLINGS.nfc("José"), 0)]);
    const run = await runCli(sendArgs(csv, "--order", String(order.id)), env, dir);
    expect(run.code, run.stderr).not.toBe(0);
    expect(run.stderr).toContain("twice");
    expect(checkouts()).toBe(0);
    expect(order.recipients).toHaveLength(2);
  });
});

/**
 * `name` as a keyboard may type it: each letter composed with its first mark only, any further
 * marks after it (Vietnamese "ễ" as "ê" and a combining tilde): neither NFC nor NFD.
 */
const keyboard = (name: string) =>
  [...name.normalize("NFC")]
    .map((c) => {
      const [base = c, first, ...rest] = [...c.normalize("NFD")];
      return first === undefined ? c : `${(base + first).normalize("NFC")}${rest.join("")}`;
    })
    .join("");
const FORMS = { nfc: SPELLINGS.nfc, nfd: SPELLINGS.nfd, keyboard } as const;
type Form = keyof typeof FORMS;

describe("a person 0.1.0 recorded in a spelling this list does not use (fields in two forms, or in neither) is found on its order", () => {
  const FIRST = "José";
  const LAST = "Nguyễn";
  const CITY = "Zürich";
  const written = (forms: readonly [Form, Form, Form], i: number) => ({
    row: `${FORMS[forms[0]](FIRST)},${FORMS[forms[1]](LAST)},${1000 + i} Main St,${FORMS[forms[2]](CITY)},TX,78704`,
    person: {
      personal: { firstName: FORMS[forms[0]](FIRST), lastName: FORMS[forms[1]](LAST) },
      address: {
        address1: `${1000 + i} Main St`,
        city: FORMS[forms[2]](CITY),
        state: "TX",
        zipCode: "78704",
      },
    } satisfies LettrLabs.Recipient,
  });
  /** 0.1.0 sent and paid for the person written `forms`, with Ann: its order and its records. */
  const paidBy010 = async (forms: readonly [Form, Form, Form]) => {
    const w = await world();
    const dir = tempDir();
    const then = written(forms, 0);
    const first = await runCli(sendArgs(writeList(dir, [then.row, row("Ann", 1)], "then.csv")), w.env, dir);
    expect(first.code, first.stderr).toBe(0);
    asRecordedBy010(w.state, [then.person, person("Ann", 1)]);
    const [order] = w.live();
    if (!order) throw new Error("no order");
    return { ...w, dir, order, then };
  };
  const recipientReads = (f: { count(method: string, path: RegExp): number }, id: number) =>
    f.count("GET", new RegExp(`^/v1/order/${id}/recipients$`));

  it("in any mix of composed, decomposed and keyboard forms over three fields, then and now: refused, nothing more mailed (seeded)", async () => {
    const form = fc.constantFrom<Form>("nfc", "nfd", "keyboard");
    const forms = fc.tuple(form, form, form);
    await fc.assert(
      fc.asyncProperty(forms, forms, async (thenForms, nowForms) => {
        const { env, dir, live, checkouts } = await paidBy010(thenForms);
        const now = written(nowForms, 0);
        const again = await runCli(sendArgs(writeList(dir, [now.row, row("Bob", 2)], "now.csv")), env, dir);
        expect(again.code, again.stderr).toBe(5);
        expect(again.stderr).toContain("1 of these 2 recipients were mailed");
        expect(live()).toHaveLength(1);
        expect(checkouts()).toBe(1);
        await stopWorlds();
      }),
      { seed: 20261202, numRuns: 8, endOnFailure: true },
    );
    // Sixteen CLI runs: more than the default time on a loaded 2-core machine.
  }, 120_000);

  it("a paid order of 0.1.0's is read once, kept, and read again only when the kept copy is damaged", async () => {
    const { f, env, state, dir, order } = await paidBy010(["nfc", "nfd", "keyboard"]);
    const now = writeList(dir, [written(["nfd", "nfc", "nfc"], 0).row], "now.csv");
    const before = recipientReads(f, order.id);
    const first = await runCli(sendArgs(now), env, dir);
    expect(first.code, first.stderr).toBe(5);
    const once = recipientReads(f, order.id);
    expect(once).toBeGreaterThan(before);
    const second = await runCli(sendArgs(now), env, dir);
    expect(second.code, second.stderr).toBe(5);
    expect(recipientReads(f, order.id)).toBe(once);
    // A kept copy cut short: read from the server again, and still refused.
    const kept = readdirSync(join(state, "orders")).filter((n) => n.endsWith(".people"));
    expect(kept).toHaveLength(1);
    const path = join(state, "orders", kept[0] as string);
    writeFileSync(path, readFileSync(path).subarray(0, 8));
    const third = await runCli(sendArgs(now), env, dir);
    expect(third.code, third.stderr).toBe(5);
    expect(recipientReads(f, order.id)).toBeGreaterThan(once);
    expect(f.count("POST", /checkout/)).toBe(1);
  });

  it("an order 0.1.0 left open is read once a run, never while the registry lock every send shares is held, and again by the next run", async () => {
    const { f, env, state, dir, live, checkouts } = await (async () => {
      const w = await world();
      const dir = tempDir();
      const then = written(["nfc", "nfd", "keyboard"], 0);
      // 0.1.0 stopped at the price preview: a Draft holding the person, not checked out.
      const first = await runCli(sendArgs(writeList(dir, [then.row], "then.csv"), "--dry-run"), w.env, dir);
      expect(first.code, first.stderr).toBe(0);
      asRecordedBy010(w.state, [then.person]);
      return { ...w, dir };
    })();
    const [draft] = live();
    if (!draft) throw new Error("no Draft");
    const registry = join(state, "sends", "registry.lock");
    const heldWhileRead: boolean[] = [];
    const path = new RegExp(`^/v1/order/${draft.id}/recipients$`);
    const observe: Fault = {
      kind: "side-effect",
      effect: () => heldWhileRead.push(existsSync(registry)),
    };
    // The requests one read of the order's recipients makes (a read-back confirms its pages).
    const client = createLettrLabsClient({ baseUrl: f.url, apiKey: f.options.apiKey });
    await client.orders.recipients.presentKeys(draft.id);
    const oneRead = f.count("GET", path);
    expect(oneRead).toBeGreaterThan(0);
    f.inject("GET", path, observe, 100);
    const now = writeList(dir, [written(["nfd", "nfc", "nfc"], 0).row, row("Bob", 2)], "now.csv");
    for (const run of [1, 2]) {
      const again = await runCli(sendArgs(now), env, dir);
      expect(again.code, again.stderr).toBe(5);
      expect(again.stderr).toContain(`whose order is ${draft.id}`);
      expect(heldWhileRead).toEqual(Array.from({ length: run * oneRead }, () => false));
    }
    expect(checkouts()).toBe(0);
    expect(live()).toHaveLength(1);
  });

  it("an order of 0.1.0's that cannot be read refuses the send (it may hold them); --allow-repeat goes on", async () => {
    const { f, env, dir, order, live } = await paidBy010(["nfd", "nfc", "nfc"]);
    f.inject("GET", new RegExp(`^/v1/order/${order.id}/recipients$`), { kind: "status", status: 503 }, 50);
    const now = writeList(dir, [written(["nfc", "nfc", "nfc"], 0).row], "now.csv");
    const refused = await runCli(sendArgs(now), env, dir);
    expect(refused.code, refused.stderr).toBe(5);
    expect(refused.stderr).toContain(`The recipients of order ${order.id} (a send of orderkit 0.1.0`);
    expect(live()).toHaveLength(1);
    const anyway = await runCli(sendArgs(now, "--allow-repeat"), env, dir);
    expect(anyway.code, anyway.stderr).toBe(0);
    expect(live()).toHaveLength(2);
  });

  it("not read for an ASCII list, nor when 0.1.0's order is cancelled, nor for a send this version made", async () => {
    const { f, env, dir, order, checkouts, live } = await paidBy010(["nfd", "nfd", "nfd"]);
    // The reads of the send that made it (its checkout reads its order whole) are not counted.
    const made = recipientReads(f, order.id);
    // An ASCII list: no spelling to tell apart, so 0.1.0's hashes are today's.
    const ascii = await runCli(
      sendArgs(writeList(dir, [row("Ann", 1), row("Cy", 3)], "ascii.csv")),
      env,
      dir,
    );
    expect(ascii.code, ascii.stderr).toBe(5);
    expect(ascii.stderr).toContain("1 of these 2 recipients were mailed");
    expect(recipientReads(f, order.id)).toBe(made);
    // This version's send of someone accented: its records are folded, its order not read.
    const mine = await runCli(sendArgs(writeList(dir, [row("Zoë", 4)], "mine.csv")), env, dir);
    expect(mine.code, mine.stderr).toBe(0);
    const mineOrder = live().find((o) => o.id !== order.id);
    if (!mineOrder) throw new Error("no order of this version's");
    const mineMade = recipientReads(f, mineOrder.id);
    const theirs = await runCli(
      sendArgs(writeList(dir, [row("Zoë", 4)], "mine2.csv"), "--postage", "FirstClass"),
      env,
      dir,
    );
    expect(theirs.code, theirs.stderr).toBe(5);
    expect(theirs.stderr).toContain("were already sent");
    expect(recipientReads(f, mineOrder.id)).toBe(mineMade);
    // 0.1.0's order cancelled (refunded): the person may be mailed, and its order is not read.
    order.status = "Cancelled";
    const before = recipientReads(f, order.id);
    const now = await runCli(
      sendArgs(writeList(dir, [written(["nfc", "nfc", "nfc"], 0).row], "now.csv")),
      env,
      dir,
    );
    expect(now.code, now.stderr).toBe(0);
    expect(recipientReads(f, order.id)).toBe(before);
    expect(checkouts()).toBe(3);
  });
  it("reads 0.1.0's orders (status and people) before the registry lock, and a read that failed is not tried again under it", async () => {
    const { f, env, state, dir, order, live } = await paidBy010(["nfc", "nfd", "keyboard"]);
    const registry = join(state, "sends", "registry.lock");
    const heldWhileRead: string[] = [];
    const observe = (next?: Fault): Fault => ({
      kind: "side-effect",
      effect: () => {
        if (existsSync(registry)) heldWhileRead.push("read under the lock");
      },
      ...(next ? { next } : {}),
    });
    f.inject(
      "GET",
      new RegExp(`^/v1/order/${order.id}/recipients$`),
      observe({ kind: "status", status: 503 }),
      500,
    );
    f.inject("GET", /^\/v1\/order$/, observe(), 500);
    // Zoë was never sent: only 0.1.0's order, which cannot be read, stands in the way.
    const zoe = await runCli(sendArgs(writeList(dir, [row("Zoë", 4)], "zoe.csv")), env, dir);
    expect(zoe.code, zoe.stderr).toBe(5);
    expect(zoe.stderr).toContain(`The recipients of order ${order.id} (a send of orderkit 0.1.0`);
    expect(heldWhileRead).toEqual([]);
    expect(live()).toHaveLength(1);
  });

  it("a paid 0.1.0 order the server no longer lists: the people kept when it was read still count, and with none kept the send is refused", async () => {
    const { f, env, dir, order, checkouts } = await paidBy010(["nfc", "nfd", "keyboard"]);
    // Read (and kept) by a send of someone else, which goes through.
    const zoe = await runCli(sendArgs(writeList(dir, [row("Zoë", 4)], "zoe.csv")), env, dir);
    expect(zoe.code, zoe.stderr).toBe(0);
    expect(checkouts()).toBe(2);
    // Then missing from the server's list (another API key, a list that is wrong for a while).
    const held = f.orders.get(order.id);
    f.orders.delete(order.id);
    const now = writeList(dir, [written(["nfc", "nfc", "nfc"], 0).row, row("Bob", 2)], "now.csv");
    const jose = await runCli(sendArgs(now), env, dir);
    expect(jose.code, jose.stderr).toBe(5);
    expect(jose.stderr).toContain("1 of these 2 recipients were mailed");
    // Zoë's order alone is listed, and no other was made.
    expect(checkouts()).toBe(1);
    expect(f.orders.size).toBe(1);
    if (held) f.orders.set(order.id, held);

    // Never read before it went missing: nothing kept, so the send stops and says why.
    const other = await paidBy010(["nfd", "nfc", "keyboard"]);
    other.f.orders.delete(other.order.id);
    const refused = await runCli(
      sendArgs(writeList(other.dir, [row("Zoë", 4)], "zoe.csv")),
      other.env,
      other.dir,
    );
    expect(refused.code, refused.stderr).toBe(5);
    expect(refused.stderr).toContain(`Order ${other.order.id} (a send of orderkit 0.1.0`);
    expect(refused.stderr).toContain("is not listed by the server");
    expect(other.f.orders.size).toBe(0);
  });

  it("a paid 0.1.0 order seen editable again is read afresh once paid again (what was kept is let go)", async () => {
    const { env, dir, order, checkouts } = await paidBy010(["nfc", "nfd", "keyboard"]);
    const zoe = await runCli(sendArgs(writeList(dir, [row("Zoë", 4)], "zoe.csv")), env, dir);
    expect(zoe.code, zoe.stderr).toBe(0);
    // Support reopens the order, adds Élodie (decomposed), and it is paid again.
    order.status = "Edits Needed";
    const seen = await runCli(sendArgs(writeList(dir, [row("Zoë", 5)], "zoe5.csv")), env, dir);
    expect(seen.code, seen.stderr).toBe(0);
    order.recipients.push({
      ...person("Élodie".normalize("NFD"), 6),
      id: 9600,
    } as (typeof order.recipients)[number]);
    order.status = "Paid";
    const elodie = await runCli(
      sendArgs(writeList(dir, [row("Élodie".normalize("NFC"), 6)], "elodie.csv")),
      env,
      dir,
    );
    expect(elodie.code, elodie.stderr).toBe(5);
    expect(checkouts()).toBe(3);
  });

  it.each([
    ["goes on with", []],
    ["starts over (--restart)", ["--restart"]],
  ])(
    "a list 0.1.0 began, which this version %s and stops before its last person is added, holds that person against another list's spelling",
    async (_, how) => {
      const { f, env, state, live, checkouts } = await world();
      const dir = tempDir();
      const jose = written(["nfc", "nfd", "keyboard"], 0);
      const csv = writeList(dir, [row("Ann", 1), jose.row], "then.csv");
      // 0.1.0 stopped after adding Ann: its Draft holds her alone, its entry one row done.
      const first = await runCli(sendArgs(csv, "--dry-run"), env, dir);
      expect(first.code, first.stderr).toBe(0);
      const [draft] = live();
      if (!draft) throw new Error("no Draft");
      draft.recipients = draft.recipients.filter((r) => r.personal?.firstName === "Ann");
      const old = asRecordedBy010(state, [person("Ann", 1), jose.person]);
      const path = join(state, "sends", `${old}.json`);
      const entry = JSON.parse(readFileSync(path, "utf8")) as { rowsDone: number };
      entry.rowsDone = 1;
      writeFileSync(path, JSON.stringify(entry));
      // This version goes on with it, and stops again before José is added (the server fails).
      f.inject("PUT", /\/recipients$/, { kind: "status", status: 400, body: { errors: ["down"] } }, 50);
      const resumed = await runCli(sendArgs(csv, ...how), env, dir);
      expect(resumed.stderr).toContain("Going on with the send orderkit 0.1.0 began");
      expect(resumed.code, resumed.stderr).not.toBe(0);
      const open = live();
      expect(open).toHaveLength(1);
      expect(
        open[0]?.recipients.map((r) => r.personal?.firstName).includes(jose.person.personal.firstName),
      ).toBe(false);
      // Another list, José spelled as today's export writes him: in that send, not finished.
      const other = writeList(dir, [written(["nfc", "nfc", "nfc"], 0).row, row("Bob", 2)], "other.csv");
      const again = await runCli(sendArgs(other), env, dir);
      expect(again.code, again.stderr).toBe(5);
      expect(again.stderr).toContain(`whose order is ${open[0]?.id}`);
      expect(checkouts()).toBe(0);
      expect(live()).toHaveLength(1);
    },
  );

  it("a damaged entry of 0.1.0's that still names its order: the people on that order are found", async () => {
    const { env, state, dir, order, checkouts } = await paidBy010(["nfc", "nfd", "keyboard"]);
    const sends = join(state, "sends");
    const name = readdirSync(sends).find((n) => n.endsWith(".json")) as string;
    // Cut short by a crash or an editor: not JSON, but its order id is still there.
    writeFileSync(join(sends, name), `{"version":2,"orderId":${order.id},"meaning":{"host`);
    const now = writeList(dir, [written(["nfc", "nfc", "nfc"], 0).row, row("Bob", 2)], "now.csv");
    const again = await runCli(sendArgs(now), env, dir);
    expect(again.code, again.stderr).toBe(5);
    expect(again.stderr).toContain("belong to a send whose ledger entry is damaged");
    expect(checkouts()).toBe(1);
  });

  it("a name 0.1.0 wrote with a character NFC folds to ASCII (U+1FEF to a backtick, U+037E to a semicolon) is found from an ASCII list", async () => {
    const { env, state, checkouts } = await world();
    const dir = tempDir();
    const then = [person("O\u1FEFBrien", 0), person("Ann\u037E", 1)];
    const first = await runCli(
      sendArgs(writeList(dir, [row("O\u1FEFBrien", 0), row("Ann\u037E", 1)], "then.csv")),
      env,
      dir,
    );
    expect(first.code, first.stderr).toBe(0);
    asRecordedBy010(state, then);
    for (const [i, name] of [
      [0, "O`Brien"],
      [1, "Ann;"],
    ] as const) {
      const again = await runCli(
        sendArgs(writeList(dir, [row(name, i), row("Bob", 2)], `now${i}.csv`)),
        env,
        dir,
      );
      expect(again.code, again.stderr).toBe(5);
      expect(again.stderr).toContain("1 of these 2 recipients were mailed");
    }
    expect(checkouts()).toBe(1);
  });
  it("a kept copy outlives a status that could not be read, and a damaged entry whose order is no longer listed still counts the people kept of it", async () => {
    const { f, env, state, dir, order, checkouts } = await paidBy010(["nfc", "nfd", "keyboard"]);
    const zoe = await runCli(sendArgs(writeList(dir, [row("Zoë", 4)], "zoe.csv")), env, dir);
    expect(zoe.code, zoe.stderr).toBe(0);
    const kept = () => readdirSync(join(state, "orders")).filter((n) => n.endsWith(".people"));
    expect(kept()).toHaveLength(1);
    // The order's status cannot be read for a while: what was kept of it stays.
    f.inject("GET", /^\/v1\/order$/, { kind: "status", status: 503 }, 200);
    await runCli(sendArgs(writeList(dir, [row("Zoë", 5)], "zoe5.csv")), env, dir);
    expect(kept()).toHaveLength(1);
    // The fault spent: the server answers again.
    for (let i = 0; i < 200; i++) {
      const rest = await fetch(`${f.url}/v1/order`, { headers: { "x-api-key": f.options.apiKey } });
      if (rest.status !== 503) break;
    }
    // Then 0.1.0's entry is damaged and its order not listed: José is still found by what was kept.
    const sends = join(state, "sends");
    const name = readdirSync(sends).find(
      (n) =>
        n.endsWith(".json") &&
        new RegExp(`"orderId":\\s*${order.id}\\b`).test(readFileSync(join(sends, n), "utf8")),
    ) as string;
    writeFileSync(join(sends, name), `{"version":2,"orderId":${order.id},"meaning":{"host`);
    f.orders.delete(order.id);
    const now = writeList(dir, [written(["nfc", "nfc", "nfc"], 0).row, row("Bob", 2)], "now.csv");
    const jose = await runCli(sendArgs(now), env, dir);
    expect(jose.code, jose.stderr).toBe(5);
    expect(jose.stderr).toContain("belong to a send whose ledger entry is damaged");
    // Zoë's order alone is listed, and no other was made.
    expect(f.orders.size).toBe(1);
    expect(checkouts()).toBe(1);
  });
});
