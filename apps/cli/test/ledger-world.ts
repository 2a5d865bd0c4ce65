import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { FakeLettrLabs, type FakeLettrLabsOptions } from "@orderkit/test-utils";
import { expect } from "vitest";
import { runCli, sendArgs, tempDir, writeCsv } from "./helpers.js";

// The CLI ledger tests' world: a stateful fake LettrLabs and an environment with one state
// directory shared by every run of a test.

const fakes: FakeLettrLabs[] = [];

/** Stops every fake `world()` started (call it in `afterEach`). */
export async function stopWorlds(): Promise<void> {
  await Promise.all(fakes.splice(0).map((f) => f.stop()));
}

/** A fake LettrLabs plus an environment with one ledger shared by every run of the test. */
export async function world(options: FakeLettrLabsOptions = {}) {
  const f = await new FakeLettrLabs({ pollAfterSeconds: 0, pollsUntilSettled: 0, ...options }).start();
  fakes.push(f);
  const state = tempDir();
  const env = { LETTRLABS_BASE_URL: f.url, LETTRLABS_API_KEY: f.options.apiKey, ORDERKIT_STATE_DIR: state };
  const live = () => [...f.orders.values()].filter((o) => o.status !== "Deleted");
  const checkouts = () => live().reduce((n, o) => n + o.checkouts, 0);
  /** Asserts that one order is left, holding `n` recipients, each street once. */
  const oneOrderEachOnce = (n: number) => {
    expect(live()).toHaveLength(1);
    const streets = live()[0]?.recipients.map((r) => r.address.address1) ?? [];
    expect(streets).toHaveLength(n);
    expect(new Set(streets).size).toBe(n);
  };
  return { f, env, state, live, checkouts, oneOrderEachOnce };
}

/** The path of the one ledger entry in a state directory. */
export function entryFile(state: string): string {
  const dir = join(state, "sends");
  const name = readdirSync(dir).find((n) => n.endsWith(".json"));
  if (!name) throw new Error("no ledger entry");
  return join(dir, name);
}

/** A world with one send of `n` people already run (with `args`): its order is `orderId`. */
export async function sentOnce(n: number, ...args: string[]) {
  const w = await world();
  const dir = tempDir();
  const csv = writeCsv(dir, n);
  expect((await runCli(sendArgs(csv, ...args), w.env, dir)).code).toBe(0);
  return { ...w, dir, csv, orderId: w.live()[0]?.id as number };
}

/** A world with one send of `n` people run with --dry-run: its Draft order (`orderId`) holds them. */
export const drafted = (n: number) => sentOnce(n, "--dry-run");

/** The orders (not deleted) that hold anyone, as `id:status:recipients`. */
export const holding = (live: () => { id: number; recipients: unknown[]; status: string }[]) =>
  live()
    .filter((o) => o.recipients.length > 0)
    .map((o) => `${o.id}:${o.status}:${o.recipients.length}`);

/** Edits the ledger entry `file` to name `orderId`, an open order holding no one (an attacker's edit). */
export function pointEntryAt(file: string, orderId: number): void {
  const entry = JSON.parse(readFileSync(file, "utf8"));
  Object.assign(entry, {
    orderId,
    rowsDone: 0,
    accepted: 0,
    checkoutStarted: false,
    checkouts: 0,
    lastStatus: "Draft",
  });
  delete entry.settledAt;
  writeFileSync(file, JSON.stringify(entry));
}

/**
 * Rewrites the ledger entry `file` as it was before its send had an order (an entry restored from
 * an older copy), with `also` on top.
 */
export function entryBeforeOrder(file: string, also: Record<string, unknown> = {}): void {
  const entry = JSON.parse(readFileSync(file, "utf8"));
  for (const field of ["orderId", "adopted", "checkAll", "lastStatus", "settledAt", "inFlight"])
    delete entry[field];
  Object.assign(entry, {
    rowsDone: 0,
    accepted: 0,
    rejected: 0,
    checkoutStarted: false,
    checkouts: 0,
    ...also,
  });
  writeFileSync(file, JSON.stringify(entry));
}
