import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { hashRecipientKey, type LettrLabs, unfoldedRecipientKey } from "@orderkit/client";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { scanCsv } from "../src/send/scan.js";
import { runCli, sendArgs, tempDir } from "./helpers.js";
import { stopWorlds, world } from "./ledger-world.js";

afterEach(stopWorlds);

// One name, written the ways exports write it: composed (NFC), decomposed (NFD: a Mac export),
// upper-cased, and in full-width letters.
const SPELLINGS = {
  nfc: (name: string) => name.normalize("NFC"),
  nfd: (name: string) => name.normalize("NFD"),
  upper: (name: string) => name.normalize("NFD").toUpperCase(),
  wide: (name: string) =>
    name.normalize("NFC").replace(/[A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)),
} as const;
type Spelling = keyof typeof SPELLINGS;
const NAMES = ["José", "Zoë", "Ångström", "Müller", "Núñez", "Łukasz"];

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

describe("one person spelled in two Unicode forms is one recipient", () => {
  it("the scan counts every other spelling of a person as a duplicate, whatever the mix (seeded)", async () => {
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
        // What 0.1.0 would have hashed otherwise: the spellings that fold, each once.
        const unfolded = new Set(
          list
            .map(([who, how]) => person(SPELLINGS[how](NAMES[who] as string), who))
            .map((r) => hashRecipientKey(unfoldedRecipientKey(r)))
            .filter((h) => !scan.hashes.includes(h)),
        );
        expect([...scan.unfolded]).toEqual([...unfolded].sort((a, b) => a - b));
      }),
      { numRuns: 60, seed: 20261202 },
    );
  });

  it("a send mails a person listed in two spellings once", async () => {
    const { f, env, live } = await world();
    const dir = tempDir();
    const csv = writeList(dir, [
      row(SPELLINGS.nfc("José"), 0),
      row("Ann", 1),
      row(SPELLINGS.nfd("José"), 0),
      row(SPELLINGS.wide("José"), 0),
    ]);
    const run = await runCli(sendArgs(csv), env, dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain("Skipping 2 duplicate rows");
    expect(live()).toHaveLength(1);
    const names = live()[0]?.recipients.map((r) => r.personal?.firstName) ?? [];
    expect(names).toEqual([SPELLINGS.nfc("José"), "Ann"]);
    expect(f.requests.length).toBeGreaterThan(0);
  });

  it("a list an earlier version (0.1.0, no folding) recorded as sent is a repeat after the upgrade, not a new send", async () => {
    const { env, state, live, checkouts } = await world();
    const dir = tempDir();
    // Every name decomposed (NFD), as a Mac export writes them: 0.1.0 hashed none of them as
    // this version does (so without the check of those hashes, the list would be mailed again).
    const names = NAMES.filter((name) => SPELLINGS.nfd(name) !== name);
    const rows = names.map((name, i) => row(SPELLINGS.nfd(name), i));
    const csv = writeList(dir, rows);
    const first = await runCli(sendArgs(csv, "--postage", "FirstClass"), env, dir);
    expect(first.code, first.stderr).toBe(0);
    expect(checkouts()).toBe(1);

    // That send's record as 0.1.0 wrote it: its people under their unfolded hashes.
    const sends = join(state, "sends");
    const name = readdirSync(sends).find((n) => n.endsWith(".json")) as string;
    const entryPath = join(sends, name);
    const entry = JSON.parse(readFileSync(entryPath, "utf8")) as { meaning: Record<string, unknown> };
    const before = Float64Array.from(
      names.map((n, i) => hashRecipientKey(unfoldedRecipientKey(person(SPELLINGS.nfd(n), i)))),
    ).sort();
    const bytes = new Uint8Array(before.buffer);
    writeFileSync(entryPath.replace(/\.json$/, ".recipients"), bytes);
    entry.meaning.recipientsDigest = createHash("sha256").update(bytes).digest("hex");
    writeFileSync(entryPath, JSON.stringify(entry));

    // The same list again, after the upgrade (Standard postage: another send of the same people).
    const again = await runCli(sendArgs(csv), env, dir);
    expect(again.code, again.stderr).toBe(5);
    expect(again.stderr).toContain(`These ${names.length} recipients`);
    expect(again.stderr).toContain("orderkit 0.1.0");
    expect(live()).toHaveLength(1);
    expect(checkouts()).toBe(1);
  });
});
