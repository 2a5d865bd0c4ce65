import { closeSync, openSync, readFileSync, renameSync, statSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { assertSchedules, FakeLettrLabs, faultTimeout, type StoredOrder } from "@orderkit/test-utils";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CliRun, runCli, sendArgs, tempDir } from "./helpers.js";

const KEY = "LL-API-cli-csv-changed-7c1a";
const TEMPLATE = 7;
const HEADER = "first_name,last_name,street,city,state,zip,custom1";

/** Row `i` of a list: a distinct person (the street tells them apart), with a merge field. */
const person = (i: number) => `First${i},Doe,${1000 + i} Main St,Austin,TX,78704,Sale ends May 1`;

/** How the file is changed while `send` runs. */
const CHANGES = [
  "edit-one-row",
  "edit-merge-fields",
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
    case "edit-merge-fields":
      // The same people (the send's key), every row's merge field corrected.
      return { header: HEADER, rows: out.map((r) => r.replace("May 1", "June 1")) };
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
      return { header: "last_name,first_name,street,city,state,zip,custom1", rows: out };
    case "crlf-and-bom":
      return { header: `\uFEFF${HEADER}`, rows: out };
  }
  return { header: HEADER, rows: out };
}

const text = (header: string, rows: string[], crlf = false) =>
  `${[header, ...rows].join(crlf ? "\r\n" : "\n")}${crlf ? "\r\n" : "\n"}`;

/** The rows of a CSV as the fake stores them (first name, street, merge field), distinct. */
function peopleOf(csv: string): Set<string> {
  const [head, ...lines] = csv
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .filter(Boolean);
  const names = (head as string).split(",");
  const at = (l: string, name: string) => l.split(",")[names.indexOf(name)];
  return new Set(lines.map((l) => `${at(l, "first_name")}|${at(l, "street")}|${at(l, "custom1")}`));
}

const peopleOn = (order: StoredOrder) =>
  order.recipients.map(
    (r) => `${String(r.personal?.firstName)}|${String(r.address.address1)}|${String(r.metadata?.custom1)}`,
  );

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
      expect(first.stderr).toMatch(
        /changed while it was being (sent|checked)|not those this send began with/,
      );
      expect([...fake.orders.values()].filter((o) => o.checkouts > 0)).toHaveLength(0);
    }
    // The user goes on as told: after a stop, the order named is cancelled (a Draft, never mailed)
    // and the command run again with --restart; in the end the file as it is now is sent once.
    let last = first;
    for (let attempt = 0; attempt < 3 && last.code !== 0; attempt++) {
      const paid = [...fake.orders.values()].some((o) => o.checkouts > 0);
      if (last.code === 5 && paid) break;
      const named = /Order (\d+) (?:is not|was) checked out|whose order is (\d+)/.exec(last.stderr);
      // Stopped before any order (the file changed while it was checked): run it again.
      if (named === null) expect(last.stderr).toMatch(/changed while it was being checked/);
      else {
        const cancel = await runCli(["orders", "cancel", String(named[1] ?? named[2])], env, dir);
        expect(cancel.code, cancel.stderr).toBe(0);
      }
      last = await runCli(named === null ? args : [...args, "--restart"], env, dir);
      check(fake, last, versions);
    }
    if (first.code !== 0) {
      expect(last.code, last.stderr).toBe(0);
      const paid = [...fake.orders.values()].filter((o) => o.checkouts > 0);
      expect(paid).toHaveLength(1);
      expect(new Set(peopleOn(paid[0] as StoredOrder))).toEqual(versions[1]);
    }
    const again = await runCli(args, env, dir);
    check(fake, again, versions);
    // Sent, already sent, or refused as a repeat of the people mailed.
    expect([0, 5], again.stderr).toContain(again.code);
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
  it("a streamed file that can no longer be read midway stops the send as changed, naming its order (never 'nothing was sent')", async () => {
    const fake = await new FakeLettrLabs({ apiKey: KEY, pollsUntilSettled: 0, pollAfterSeconds: 0 }).start();
    try {
      const dir = tempDir();
      const csv = join(dir, "list.csv");
      writeFileSync(
        csv,
        text(
          HEADER,
          Array.from({ length: 20_000 }, (_, i) => person(i)),
        ),
      );
      const env = {
        LETTRLABS_BASE_URL: fake.url,
        LETTRLABS_API_KEY: KEY,
        ORDERKIT_STATE_DIR: join(dir, "state"),
      };
      let puts = 0;
      // While the second chunk is sent, a byte near the end becomes one UTF-8 cannot hold.
      fake.schedule = ({ method }) => {
        if (method === "PUT" && ++puts === 2) {
          const fd = openSync(csv, "r+");
          writeSync(fd, Buffer.from([0xff]), 0, 1, statSync(csv).size - 10);
          closeSync(fd);
        }
        return undefined;
      };
      const run = await runCli(
        sendArgs(csv, "--chunk-size", "1000", "--concurrency", "1", "--json"),
        env,
        dir,
      );
      const order = [...fake.orders.values()].find((o) => o.templateId === TEMPLATE) as StoredOrder;
      expect(run.code, run.stderr).toBe(1);
      const error = JSON.parse(run.stderr.trim().split("\n").at(-1) ?? "").error as { message: string };
      expect(error.message).toContain("changed while it was being sent (it can no longer be read");
      expect(error.message).toContain(`Order ${order.id} is not checked out`);
      expect(error.message).not.toContain("Nothing was sent");
      expect(order.recipients.length).toBeGreaterThan(0);
      expect(order.recipients.length).toBeLessThan(20_000);
      expect(order.checkouts).toBe(0);
    } finally {
      await fake.stop();
    }
  });

  it("a file whose merge fields changed midway is never used to complete the order begun with the old ones; cancel and --restart send it whole", async () => {
    const fake = await new FakeLettrLabs({ apiKey: KEY, pollsUntilSettled: 0, pollAfterSeconds: 0 }).start();
    try {
      const dir = tempDir();
      const csv = join(dir, "list.csv");
      const rows = Array.from({ length: 30 }, (_, i) => person(i));
      writeFileSync(csv, text(HEADER, rows));
      const env = {
        LETTRLABS_BASE_URL: fake.url,
        LETTRLABS_API_KEY: KEY,
        ORDERKIT_STATE_DIR: join(dir, "state"),
      };
      let puts = 0;
      const args = sendArgs(csv, "--chunk-size", "5", "--concurrency", "1");
      const first = runCli(args, env, dir);
      // Killed while its third chunk is sent; then the file is saved with every merge field corrected.
      fake.schedule = ({ method }) => {
        if (method === "PUT" && ++puts === 3) first.child.kill("SIGKILL");
        return undefined;
      };
      expect((await first).signal).toBe("SIGKILL");
      fake.schedule = undefined;
      writeFileSync(
        csv,
        text(
          HEADER,
          rows.map((r) => r.replace("May 1", "June 1")),
        ),
      );
      const order = () => [...fake.orders.values()].find((o) => o.templateId === TEMPLATE) as StoredOrder;
      const sales = () => new Set(order().recipients.map((r) => String(r.metadata?.custom1)));
      const held = order().recipients.length;
      expect(held).toBeGreaterThan(0);
      expect(sales()).toEqual(new Set(["Sale ends May 1"]));
      // The same people: the same send, which must not go on with these rows.
      const again = await runCli(args, env, dir);
      expect(again.code, again.stderr).toBe(1);
      expect(again.stderr).toContain("not those this send began with");
      expect(order().recipients).toHaveLength(held);
      expect(order().checkouts).toBe(0);
      expect(sales()).toEqual(new Set(["Sale ends May 1"]));
      // As the message says: cancel that order, then --restart.
      const id = Number(/Order (\d+) is not checked out/.exec(again.stderr)?.[1]);
      expect(id).toBe(order().id);
      expect((await runCli(["orders", "cancel", String(id)], env, dir)).code).toBe(0);
      const restart = await runCli([...args, "--restart"], env, dir);
      expect(restart.code, restart.stderr).toBe(0);
      const paid = [...fake.orders.values()].filter((o) => o.checkouts > 0);
      expect(paid).toHaveLength(1);
      expect(paid[0]?.recipients).toHaveLength(30);
      expect(new Set(paid[0]?.recipients.map((r) => String(r.metadata?.custom1)))).toEqual(
        new Set(["Sale ends June 1"]),
      );
    } finally {
      await fake.stop();
    }
  });

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
