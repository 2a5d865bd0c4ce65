// One list through two names of a server (a DNS alias, a proxy: `aliasOf`), with the other name's
// send moving meanwhile, or its order adopted through the other name. Asserted on the fake's state.
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FileLock, letGo } from "../src/ledger/lock.js";
import { aliasOf, runCli, sendArgs, tempDir, writePeople } from "./helpers.js";
import { stopWorlds, world } from "./ledger-world.js";

afterEach(stopWorlds);

const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

describe("send through two names, while the other moves", () => {
  it("an order read ahead of the registry lock as open is read again under it: the other name's send, finished meanwhile, is a repeat (one paid order of the list)", async () => {
    const { f, env, state, live } = await world();
    const alias = await aliasOf(f.url);
    let registry: FileLock | undefined;
    try {
      const dir = tempDir();
      const list = writePeople(dir, "l.csv", range(0, 5));
      // Through the alias: the list; its append lands 3 s late, so its order is empty meanwhile.
      f.inject("PUT", /^\/v1\/order\/\d+\/recipients$/, { kind: "apply-late", ms: 3000 });
      const viaAlias = runCli(sendArgs(list), { ...env, LETTRLABS_BASE_URL: alias.url }, dir);
      for (let i = 0; i < 400 && live().length === 0; i++) await new Promise((r) => setTimeout(r, 25));
      expect(live()[0]?.recipients).toHaveLength(0);
      // The registry lock is held (as by another list's send) while the list through the first name
      // reads that order ahead, as an empty Draft; the alias send checks out meanwhile.
      registry = new FileLock(join(state, "sends", "registry.lock"));
      await registry.acquireWithin(5000, "the test's hold");
      const direct = runCli(sendArgs(list), env, dir);
      const aliasRun = await Promise.race([viaAlias, new Promise((r) => setTimeout(r, 7000))]);
      expect(aliasRun).toMatchObject({ code: 0 });
      await letGo(registry);
      registry = undefined;
      const run = await direct;
      expect(run.code, run.stderr).toBe(5);
      expect(run.stderr).toContain("both hosts name this server");
      const paidWithList = live().filter(
        (o) => o.checkouts > 0 && o.recipients.some((r) => r.address.address1 === "1000 Main St"),
      );
      expect(paidWithList).toHaveLength(1);
    } finally {
      if (registry) await letGo(registry);
      await alias.close();
    }
  });

  it("an unfinished send's order is not adopted by another list through another name (exit 2): the first send then mails all its people", async () => {
    const { f, env, live } = await world();
    const alias = await aliasOf(f.url);
    try {
      const dir = tempDir();
      const list = writePeople(dir, "l.csv", range(0, 6));
      // The send stops after its first chunk: its order holds people 0, 1 and 2.
      f.inject("PUT", /^\/v1\/order\/\d+\/recipients$/, { kind: "status", status: 503 }, 50, 1);
      expect((await runCli(sendArgs(list, "--chunk-size", "3"), env, dir)).code).not.toBe(0);
      const order = live()[0];
      expect(order?.recipients).toHaveLength(3);
      (f as unknown as { rules: unknown[] }).rules.length = 0;
      // Through the alias, another list (0, 1, 2, 100, 101) tries to adopt it.
      const other = writePeople(dir, "other.csv", [0, 1, 2, 100, 101]);
      const adopt = await runCli(
        sendArgs(other, "--order", String(order?.id)),
        { ...env, LETTRLABS_BASE_URL: alias.url },
        dir,
      );
      expect(adopt.code, adopt.stderr).toBe(2);
      expect(adopt.stderr).toContain(
        `Order ${order?.id} is also the order of another send, not finished, through`,
      );
      expect(order?.recipients).toHaveLength(3);
      expect(order?.checkouts).toBe(0);
      // The first send, run again, mails its six people once.
      expect((await runCli(sendArgs(list), env, dir)).code).toBe(0);
      const mailed = live().flatMap((o) =>
        o.checkouts > 0 ? o.recipients.map((r) => r.address.address1) : [],
      );
      expect(mailed.sort()).toEqual(range(0, 6).map((i) => `${1000 + i} Main St`));
    } finally {
      await alias.close();
    }
  });

  it("a Draft of the list through the other name, not checked out: the message says to finish or cancel it", async () => {
    const { f, env, live } = await world();
    const alias = await aliasOf(f.url);
    try {
      const dir = tempDir();
      const list = writePeople(dir, "l.csv", range(0, 4));
      expect((await runCli(sendArgs(list, "--dry-run"), env, dir)).code).toBe(0);
      const run = await runCli(sendArgs(list), { ...env, LETTRLABS_BASE_URL: alias.url }, dir);
      expect(run.code, run.stderr).toBe(5);
      expect(run.stderr).toContain("not checked out yet");
      expect(run.stderr).toContain(`Finish that send through`);
      expect(live()).toHaveLength(1);
      expect(live()[0]?.checkouts).toBe(0);
    } finally {
      await alias.close();
    }
  });
});
