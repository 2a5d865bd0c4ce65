import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { assertSchedules, FakeLettrLabs, faultTimeout, type StoredOrder } from "@orderkit/test-utils";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CliRun, runCli, sendArgs, tempDir } from "./helpers.js";

const KEY = "LL-API-cli-other-version-52d0";
const HEADER = "first_name,last_name,street,city,state,zip,custom1,custom2";
const OLD = "Sale ends May 1";
const NEW = "Sale ends June 1";
/** A row's merge fields, as `custom1|custom2`: the old file leaves custom2 empty. */
const OLD_ROW = `${OLD}|`;
const person = (i: number, merge: string) =>
  `First${i},Doe,${1000 + i} Main St,Austin,TX,78704,${merge.replace("|", ",")}`;
const list = (n: number, mergeOf: (i: number) => string) =>
  `${[HEADER, ...Array.from({ length: n }, (_, i) => person(i, mergeOf(i)))].join("\n")}\n`;

/** How the ledger entry stops recording what the order holds, between the kill and the re-run. */
const DAMAGES = ["legacy-entry", "rolled-back", "deleted-entry", "restart-order"] as const;
type Damage = (typeof DAMAGES)[number];
/** How the merge fields are edited meanwhile. */
const EDITS = ["every-row", "one-row", "one-cleared", "one-filled", "every-filled"] as const;
type Edit = (typeof EDITS)[number];

/** The active ledger entries (not archived) under `dir`. */
function entries(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== "archive") walk(p);
      } else if (e.name.endsWith(".json") && d.endsWith("sends")) out.push(p);
    }
  };
  walk(dir);
  return out;
}

const salesOn = (order: StoredOrder) =>
  order.recipients.map((r) => `${String(r.metadata?.custom1 ?? "")}|${String(r.metadata?.custom2 ?? "")}`);

/**
 * No order holds anyone twice or is checked out twice; a checked-out order holds the whole list
 * as one version of the file gave it (every row as the old file had it, or every row as the new
 * one has it): never a mix.
 */
function check(fake: FakeLettrLabs, run: CliRun, n: number, edited: (i: number) => string): void {
  for (const order of fake.orders.values()) {
    const streets = order.recipients.map((r) => String(r.address.address1));
    expect(new Set(streets).size, `order ${order.id} holds someone twice\n${run.stderr}`).toBe(
      streets.length,
    );
    expect(order.checkouts).toBeLessThanOrEqual(1);
    if (order.checkouts === 0) continue;
    expect(order.recipients, run.stderr).toHaveLength(n);
    const rows = order.recipients.map((r) => Number(/^1(\d+) /.exec(String(r.address.address1))?.[1]));
    const sales = salesOn(order);
    const old = rows.every((_, k) => sales[k] === OLD_ROW);
    const fresh = rows.every((i, k) => sales[k] === edited(i));
    expect(
      old || fresh,
      `order ${order.id} (checked out) mixes two versions: ${sales.join("; ")}\n${run.stderr}`,
    ).toBe(true);
  }
  expect(run.stdout + run.stderr).not.toContain(KEY);
}

/** `n` rows of the old file in a directory of their own, and the environment to send them to `fake`. */
function oldList(fake: FakeLettrLabs, n: number) {
  const dir = tempDir();
  const csv = join(dir, "list.csv");
  writeFileSync(
    csv,
    list(n, () => OLD_ROW),
  );
  const env = {
    LETTRLABS_BASE_URL: fake.url,
    LETTRLABS_API_KEY: KEY,
    ORDERKIT_STATE_DIR: join(dir, "state"),
  };
  return { dir, csv, env };
}

/** A fake LettrLabs, and a send of `n` rows of the old file killed when its `killAt`-th append arrives. */
async function killedSend(
  fake: FakeLettrLabs,
  n: number,
  killAt: number,
  onRequest: (request: { method: string; path: string }, dir: string) => void = () => {},
) {
  const { dir, csv, env } = oldList(fake, n);
  const args = sendArgs(csv, "--chunk-size", "5", "--concurrency", "1");
  const first = runCli(args, env, dir);
  let puts = 0;
  fake.schedule = (request) => {
    onRequest(request, dir);
    if (request.method === "PUT" && ++puts === killAt) first.child.kill("SIGKILL");
    return undefined;
  };
  expect((await first).signal).toBe("SIGKILL");
  fake.schedule = undefined;
  const [order] = [...fake.orders.values()];
  if (!order) throw new Error("no order was made");
  return { dir, csv, env, args, order, held: order.recipients.length };
}

const startFake = () => new FakeLettrLabs({ apiKey: KEY, pollsUntilSettled: 0, pollAfterSeconds: 0 }).start();

/**
 * A send killed while it appends; the ledger entry then stops recording the rows sent (damage);
 * the merge fields are edited (edit); the user runs the command again (with `--restart --order`
 * for restart-order), and then goes on as every message says. The check is the server's: what the
 * order of the interrupted run holds is compared with the file, whatever the entry says.
 */
async function scenario(damage: Damage, edit: Edit, killAt: number, k: number): Promise<void> {
  const fake = await startFake();
  try {
    const n = 20;
    let snapshot: { path: string; text: string } | undefined;
    const { dir, csv, env, args, order, held } = await killedSend(
      fake,
      n,
      killAt,
      ({ method, path }, dir) => {
        // The entry as it was when the order was asked for: before any append.
        if (method === "POST" && path.endsWith("/v1/order") && snapshot === undefined) {
          const [entry] = entries(dir);
          if (entry) snapshot = { path: entry, text: readFileSync(entry, "utf8") };
        }
      },
    );
    expect(held).toBeGreaterThan(0);

    const [entry] = entries(dir);
    if (!entry) throw new Error("no ledger entry");
    if (damage === "legacy-entry") {
      const json = JSON.parse(readFileSync(entry, "utf8")) as Record<string, unknown>;
      delete json.contentDigest;
      writeFileSync(entry, JSON.stringify(json));
    } else if (damage === "rolled-back") {
      if (!snapshot) throw new Error("no snapshot");
      writeFileSync(snapshot.path, snapshot.text);
    } else if (damage === "deleted-entry") {
      rmSync(entry);
    }
    const at = k % n;
    const edited = (i: number): string => {
      if (edit === "every-row") return `${NEW}|`;
      if (edit === "every-filled") return `${OLD}|20% off`;
      if (i !== at) return OLD_ROW;
      return edit === "one-row" ? `${NEW}|` : edit === "one-cleared" ? "|" : `${OLD}|20% off`;
    };
    writeFileSync(csv, list(n, edited));
    // Does the edit touch a row the order holds? Then the order is of another version.
    const heldRows = order.recipients.map((r) => Number(/^1(\d+) /.exec(String(r.address.address1))?.[1]));
    const touched = heldRows.some((i) => edited(i) !== OLD_ROW);

    let last = await runCli(
      damage === "restart-order" ? [...args, "--restart", "--order", String(order.id)] : args,
      env,
      dir,
    );
    check(fake, last, n, edited);
    if (touched) expect(last.code, last.stderr).not.toBe(0);
    if (/filled from another version of the file/.test(last.stderr)) {
      // Stopped before anything more was appended, and nothing was paid.
      expect(order.recipients, last.stderr).toHaveLength(held);
      expect(order.checkouts).toBe(0);
    }
    // The user goes on as told: cancel the order named, then run again with --restart (and
    // --allow-repeat where a message says so).
    for (let attempt = 0; attempt < 4 && last.code !== 0; attempt++) {
      const named =
        /Order (\d+) (?:is not|was) checked out|whose order is (\d+)|order (\d+) was not checked out/.exec(
          last.stderr,
        );
      const id = named?.[1] ?? named?.[2] ?? named?.[3];
      if (id !== undefined && fake.orders.get(Number(id))?.status === "Draft") {
        const cancel = await runCli(["orders", "cancel", id], env, dir);
        expect(cancel.code, cancel.stderr).toBe(0);
      }
      const flags = ["--restart", ...(/--allow-repeat/.test(last.stderr) ? ["--allow-repeat"] : [])];
      last = await runCli([...args, ...flags], env, dir);
      check(fake, last, n, edited);
    }
    expect(last.code, last.stderr).toBe(0);
    const paid = [...fake.orders.values()].filter((o) => o.checkouts > 0);
    expect(paid).toHaveLength(1);
    // The file as it is now, whole.
    const rows = (paid[0] as StoredOrder).recipients.map((r) =>
      Number(/^1(\d+) /.exec(String(r.address.address1))?.[1]),
    );
    expect(salesOn(paid[0] as StoredOrder)).toEqual(rows.map(edited));
  } finally {
    await fake.stop();
  }
}

describe("orderkit send of an edited file onto an order the ledger no longer describes", () => {
  it(
    "never completes an order filled from another version of the file (legacy, rolled back or deleted entry; --restart --order)",
    async () => {
      await assertSchedules(
        "cli send other version",
        fc.tuple(
          fc.constantFrom(...DAMAGES),
          fc.constantFrom(...EDITS),
          fc.integer({ min: 2, max: 4 }),
          fc.nat(),
        ),
        ([damage, edit, killAt, k]) => scenario(damage, edit, killAt, k),
        12,
        "CLI_FAULT_RUNS",
      );
    },
    faultTimeout(12, "CLI_FAULT_RUNS", 20_000),
  );

  it("a legacy entry resumed with the file unchanged goes on: the merge fields match what the order holds", async () => {
    const fake = await startFake();
    try {
      const { dir, env, args } = await killedSend(fake, 20, 3);
      const [entry] = entries(dir);
      if (!entry || !existsSync(entry)) throw new Error("no ledger entry");
      const json = JSON.parse(readFileSync(entry, "utf8")) as Record<string, unknown>;
      delete json.contentDigest;
      writeFileSync(entry, JSON.stringify(json));
      const again = await runCli(args, env, dir);
      expect(again.code, again.stderr).toBe(0);
      const paid = [...fake.orders.values()].filter((o) => o.checkouts > 0);
      expect(paid).toHaveLength(1);
      expect(salesOn(paid[0] as StoredOrder)).toEqual(Array(20).fill(OLD_ROW));
    } finally {
      await fake.stop();
    }
  });

  it.each([
    ["the file as it was: goes on with that order", false],
    ["an edited file: stops before adding anything", true],
  ])("a deleted ledger entry, then --order <its Draft> (as the message says) with %s", async (_, edit) => {
    const fake = await startFake();
    try {
      const { dir, csv, env, args, order, held } = await killedSend(fake, 20, 3);
      const [entry] = entries(dir);
      if (!entry) throw new Error("no ledger entry");
      rmSync(entry);
      const missing = await runCli(args, env, dir);
      expect(missing.code, missing.stderr).toBe(2);
      expect(missing.stderr).toContain("Re-run with --order <id>");
      if (edit)
        writeFileSync(
          csv,
          list(20, (i) => (i === 0 ? `${NEW}|` : OLD_ROW)),
        );
      const adopted = await runCli([...args, "--order", String(order.id)], env, dir);
      if (edit) {
        expect(adopted.code, adopted.stderr).toBe(1);
        expect(adopted.stderr).toContain("filled from another version of the file");
        expect(adopted.stderr).toContain("metadata.custom1 differs");
        expect(order.recipients).toHaveLength(held);
        expect(order.checkouts).toBe(0);
      } else {
        expect(adopted.code, adopted.stderr).toBe(0);
        expect(order.checkouts).toBe(1);
        expect(salesOn(order)).toEqual(Array(20).fill(OLD_ROW));
        expect([...fake.orders.values()]).toHaveLength(1);
      }
    } finally {
      await fake.stop();
    }
  });

  it("a send already paid, run again with its merge fields edited: says the order holds them as sent, not as the file has them now", async () => {
    const fake = await startFake();
    try {
      const { dir, csv, env } = oldList(fake, 6);
      const args = sendArgs(csv);
      expect((await runCli(args, env, dir)).code).toBe(0);
      const same = await runCli(args, env, dir);
      expect(same.code, same.stderr).toBe(0);
      expect(same.stdout + same.stderr).not.toContain("which were not sent");
      writeFileSync(
        csv,
        list(6, () => `${NEW}|`),
      );
      const again = await runCli(args, env, dir);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout + again.stderr).toContain(
        "now has other fields for them (merge fields, say), which were not sent",
      );
      const [order] = [...fake.orders.values()];
      expect(order?.checkouts).toBe(1);
      expect(salesOn(order as StoredOrder)).toEqual(Array(6).fill(OLD_ROW));
    } finally {
      await fake.stop();
    }
  });

  it("a deleted entry, then --order of its paid order: found as the send's own (Already sent), and a list sharing its people is still refused as a repeat", async () => {
    const fake = await startFake();
    try {
      const { dir, csv, env } = oldList(fake, 10);
      expect((await runCli(sendArgs(csv), env, dir)).code).toBe(0);
      const [order] = [...fake.orders.values()];
      const [entry] = entries(dir);
      if (!order || !entry) throw new Error("no order or entry");
      rmSync(entry);
      // Its records say the send made that order: found again, as an entry restored from a copy would.
      const found = await runCli([...sendArgs(csv), "--order", String(order.id)], env, dir);
      expect(found.code, found.stderr).toBe(0);
      expect(found.stderr).toContain(`Already sent as order ${order.id}`);
      // Another list: five of the same people, five others.
      const other = join(dir, "other.csv");
      writeFileSync(
        other,
        `${[HEADER, ...Array.from({ length: 10 }, (_, i) => (i < 5 ? person(i, OLD_ROW) : person(100 + i, OLD_ROW)))].join("\n")}\n`,
      );
      const repeat = await runCli(sendArgs(other), env, dir);
      expect(repeat.code, repeat.stderr).toBe(5);
      expect([...fake.orders.values()].filter((o) => o.checkouts > 0)).toHaveLength(1);
    } finally {
      await fake.stop();
    }
  });
});
