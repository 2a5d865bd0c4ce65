import { readdirSync } from "node:fs";
import { join } from "node:path";
import { FakeLettrLabs, type FakeLettrLabsOptions } from "@orderkit/test-utils";
import { expect } from "vitest";
import { tempDir } from "./helpers.js";

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
