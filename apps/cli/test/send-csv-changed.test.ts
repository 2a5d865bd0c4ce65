import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { assertSchedules, FakeLettrLabs, faultTimeout, type StoredOrder } from "@orderkit/test-utils";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CliRun, runCli, sendArgs, tempDir } from "./helpers.js";

const KEY = "LL-API-cli-csv-changed-7c1a";
const TEMPLATE = 7;
const HEADER = "first_name,last_name,street,city,state,zip";

/** Row `i` of a list: a distinct person (the street tells them apart). */
const person = (i: number) => `First${i},Doe,${1000 + i} Main St,Austin,TX,78704`;

/** How the file is changed while `send` runs. */
const CHANGES = [
  "edit-one-row",
  "swap-two-rows",
  "append-a-row",
  "drop-a-row",
  "move-the-duplicate",
  "swap-name-columns",
  "crlf-and-bom",
] as const;
type Change = (typeof CHANGES)[number];

/** The data rows after `change` (`k` picks the row; the list's last row repeats its first). */
function changed(rows: string[], change: Change, k: number): { header: string; rows: string[] } {
  const out = [...rows];
  const at = k % (rows.length - 1);
  switch (change) {
    case "edit-one-row":
      out[at] = person(100_000 + at);
      break;
    case "swap-two-rows": {
      const other = (at + 1) % (rows.length - 1);
      [out[at], out[other]] = [out[other] as string, out[at] as string];
      break;
    }
    case "append-a-row":
      out.push(person(200_000));
      break;
    case "drop-a-row":
      out.splice(at, 1);
      break;
    case "move-the-duplicate":
      // The repeat of the first row moves up: the same people, another row is the skipped one.
      out.splice(1, 0, out.pop() as string);
      break;
    case "swap-name-columns":
      return { header: "last_name,first_name,street,city,state,zip", rows: out };
    case "crlf-and-bom":
      return { header: `\uFEFF${HEADER}`, rows: out };
  }
  return { header: HEADER, rows: out };
}

const text = (header: string, rows: string[], crlf = false) =>
  `${[header, ...rows].join(crlf ? "\r\n" : "\n")}${crlf ? "\r\n" : "\n"}`;

/** The people of a CSV as the fake stores them (first name and street), distinct. */
function peopleOf(csv: string): Set<string> {
  const [head, ...lines] = csv
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .filter(Boolean);
  const names = (head as string).split(",");
  const first = names.indexOf("first_name");
  const street = names.indexOf("street");
  return new Set(lines.map((l) => `${l.split(",")[first]}|${l.split(",")[street]}`));
}

const peopleOn = (order: StoredOrder) =>
  order.recipients.map((r) => `${String(r.personal?.firstName)}|${String(r.address.address1)}`);

/**
 * `send` of a CSV that is changed (saved over in place, or replaced by a rename as editors do)
 * when the fake receives its `at`-th request, then the same command run again on the file as it
 * now is, as a user would. Whatever the change and its moment: no order holds anyone twice, no
 * order is checked out twice, and every checked-out order holds exactly the people of one version
 * of the file (never a mix, never a row that was not checked); the first run, when it succeeds,
 * sent the file it checked.
 */
async function scenario(
  count: number,
  change: Change,
  k: number,
  at: number,
  inPlace: boolean,
  chunk: number,
) {
  const fake = await new FakeLettrLabs({ apiKey: KEY, pollsUntilSettled: 0, pollAfterSeconds: 0 }).start();
  try {
    const dir = tempDir();
    const csv = join(dir, "list.csv");
    const rows = Array.from({ length: count }, (_, i) => person(i));
    rows.push(person(0)); // a duplicate: its row is skipped
    const before = text(HEADER, rows);
    writeFileSync(csv, before);
    const next = changed(rows, change, k);
    const after = text(next.header, next.rows, change === "crlf-and-bom");
    fake.schedule = ({ index }) => {
      if (index !== at) return undefined;
      fake.schedule = undefined;
      if (inPlace) writeFileSync(csv, after);
      else {
        writeFileSync(`${csv}.tmp`, after);
        renameSync(`${csv}.tmp`, csv);
      }
      return undefined;
    };
    const env = {
      LETTRLABS_BASE_URL: fake.url,
      LETTRLABS_API_KEY: KEY,
      ORDERKIT_STATE_DIR: join(dir, "state"),
    };
    const args = sendArgs(csv, "--chunk-size", String(chunk), "--concurrency", "1");
    const first = await runCli(args, env, dir);
    fake.schedule = undefined;
    const versions = [peopleOf(before), peopleOf(readFileSync(csv, "utf8"))];
    check(fake, first, versions);
    if (first.code === 0) {
      const paid = [...fake.orders.values()].filter((o) => o.checkouts > 0);
      expect(paid, first.stderr).toHaveLength(1);
      expect(new Set(peopleOn(paid[0] as StoredOrder))).toEqual(versions[0]);
    } else {
      expect(first.stderr).toMatch(/changed while it was being (sent|checked)/);
      expect([...fake.orders.values()].filter((o) => o.checkouts > 0)).toHaveLength(0);
    }
    const second = await runCli(args, env, dir);
    check(fake, second, versions);
    // Sent, already sent, or refused as a repeat of the people the first run mailed.
    expect([0, 5], second.stderr).toContain(second.code);
  } finally {
    await fake.stop();
  }
}

function check(fake: FakeLettrLabs, run: CliRun, versions: Set<string>[]): void {
  const mailed = new Map<string, number>();
  for (const order of fake.orders.values()) {
    const people = peopleOn(order);
    expect(new Set(people).size, `order ${order.id} holds someone twice\n${run.stderr}`).toBe(people.length);
    expect(order.checkouts).toBeLessThanOrEqual(1);
    // Only people of a version of the file.
    for (const p of people)
      expect(
        versions.some((v) => v.has(p)),
        p,
      ).toBe(true);
    if (order.checkouts === 0) continue;
    // Checked out: all of one version, nothing else.
    const set = new Set(people);
    expect(
      versions.some((v) => v.size === set.size && [...v].every((p) => set.has(p))),
      `order ${order.id} (checked out) is no version of the file\n${run.stderr}`,
    ).toBe(true);
    for (const p of people) mailed.set(p, (mailed.get(p) ?? 0) + 1);
  }
  for (const [p, n] of mailed) expect(n, `${p} mailed ${n} times\n${run.stderr}`).toBe(1);
  expect(run.stdout + run.stderr).not.toContain(KEY);
}

describe("orderkit send of a CSV changed while it runs", () => {
  it(
    "sends only rows as they were checked: stops before the first changed row, and a re-run mails no one twice",
    async () => {
      await assertSchedules(
        "cli send csv changed mid-send",
        fc.tuple(
          // Small files are read at once; over 64 KB they are streamed while the appends run.
          fc.constantFrom(12, 1600),
          fc.constantFrom(...CHANGES),
          fc.nat(),
          fc.integer({ min: 0, max: 12 }),
          fc.boolean(),
          fc.constantFrom(5, 400),
        ),
        ([count, change, k, at, inPlace, chunk]) => scenario(count, change, k, at, inPlace, chunk),
        14,
        "CLI_FAULT_RUNS",
      );
    },
    faultTimeout(14, "CLI_FAULT_RUNS", 20_000),
  );
});
