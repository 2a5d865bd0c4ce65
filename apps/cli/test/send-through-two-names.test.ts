// One list sent through two base URLs: another name of the same server (a DNS alias, a proxy)
// must count as a repeat, another server (a mock first, then production) must not.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { aliasOf, runCli, sendArgs, sendFrom, tempDir, writeCsv, writePeople } from "./helpers.js";
import { entryBeforeOrder, entryFile, stopWorlds, world } from "./ledger-world.js";

afterEach(stopWorlds);

/** A proxy to `url` that drops a comma-separated `id` from order listings (a server ignoring it). */
async function ignoringListedIds(url: string): Promise<{ url: string; close: () => Promise<void> }> {
  const target = new URL(url);
  const server = createServer((req, res) => {
    const asked = new URL(req.url ?? "/", url);
    if (asked.pathname === "/v1/order" && (asked.searchParams.get("id") ?? "").includes(","))
      asked.searchParams.delete("id");
    const out = request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: asked.pathname + asked.search,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(out);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Twelve sends on `mock`, each of another list holding person 0 (a shared test address). */
async function twelveMockSends(env: Record<string, string>, dir: string): Promise<void> {
  for (let i = 0; i < 12; i++)
    expect(
      (await runCli(sendArgs(writePeople(dir, `m${i}.csv`, [0, 100 + i]), "--allow-repeat"), env, dir)).code,
    ).toBe(0);
}

describe("send through two base URLs", () => {
  it("the same list through another name of the server is a repeat (exit 5, nothing created or charged); --allow-repeat sends it anyway", async () => {
    const { f, env, live, checkouts } = await world();
    const alias = await aliasOf(f.url);
    try {
      const dir = tempDir();
      const csv = writeCsv(dir, 8);
      expect((await runCli(sendArgs(csv), env, dir)).code).toBe(0);
      expect(live()).toHaveLength(1);
      const first = live()[0]?.id as number;
      const viaAlias = { ...env, LETTRLABS_BASE_URL: alias.url };
      const again = await runCli(sendArgs(csv), viaAlias, dir);
      expect(again.code, again.stderr).toBe(5);
      expect(again.stderr).toContain(`These 8 recipients are on order ${first}`);
      expect(again.stderr).toContain("both hosts name this server");
      expect(live()).toHaveLength(1);
      expect(checkouts()).toBe(1);
      // A list that grew by one: the 8 are still a repeat.
      const grown = writeCsv(dir, 9);
      const more = await runCli(sendArgs(grown), viaAlias, dir);
      expect(more.code, more.stderr).toBe(5);
      expect(more.stderr).toContain(`8 of these 9 recipients are on order ${first}`);
      expect(live()).toHaveLength(1);
      const anyway = await runCli(sendArgs(csv, "--allow-repeat"), viaAlias, dir);
      expect(anyway.code, anyway.stderr).toBe(0);
      expect(live()).toHaveLength(2);
      expect(checkouts()).toBe(2);
    } finally {
      await alias.close();
    }
  });

  it("the same list on another server (a mock, then production) is not a repeat, whether that server lists the order id or not", async () => {
    const mock = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 5);
    expect((await runCli(sendArgs(csv), mock.env, dir)).code).toBe(0);
    const mockOrder = mock.live()[0]?.id as number;
    // Production lists an order of the same id, holding no one of this list.
    const production = await world();
    const same = production.f.seedOrder();
    expect(same.id).toBe(mockOrder);
    const env = { ...production.env, ORDERKIT_STATE_DIR: mock.state };
    const sent = await runCli(sendArgs(csv), env, dir);
    expect(sent.code, sent.stderr).toBe(0);
    expect(production.live().filter((o) => o.recipients.length === 5)).toHaveLength(1);
    expect(production.checkouts()).toBe(1);
    // A third server that lists no order of those ids.
    const third = await world();
    const thirdEnv = { ...third.env, ORDERKIT_STATE_DIR: mock.state };
    const also = await runCli(sendArgs(csv), thirdEnv, dir);
    expect(also.code, also.stderr).toBe(0);
    expect(third.checkouts()).toBe(1);
    // The mock still holds its one order: nothing was sent there again.
    expect(mock.live()).toHaveLength(1);
    expect(mock.checkouts()).toBe(1);
  });

  it("an order of another host's send that cannot be read here stops the send (exit 5), and nothing is created", async () => {
    const { f, env, live } = await world();
    const alias = await aliasOf(f.url);
    try {
      const dir = tempDir();
      const csv = writeCsv(dir, 4);
      expect((await runCli(sendArgs(csv), { ...env, LETTRLABS_BASE_URL: alias.url }, dir)).code).toBe(0);
      f.inject("GET", /^\/v1\/order$/, { kind: "status", status: 500 }, 20);
      const run = await runCli(sendArgs(csv), env, dir);
      expect(run.code, run.stderr).toBe(5);
      expect(run.stderr).toContain("could not be read through");
      expect(run.stderr).not.toContain(f.options.apiKey);
      expect(live()).toHaveLength(1);
    } finally {
      await alias.close();
    }
  });
  it("a send through another name that has no order yet, or is still adding people to an order listed here, stops an overlapping send (exit 5): one order, each person once", async () => {
    const { f, env, state, live, checkouts, oneOrderEachOnce } = await world();
    const alias = await aliasOf(f.url);
    try {
      const dir = tempDir();
      const csv = writeCsv(dir, 6);
      const viaAlias = { ...env, LETTRLABS_BASE_URL: alias.url };
      // Interrupted before its order: registered, no order.
      f.inject("GET", /^\/v1\/order$/, { kind: "status", status: 503 }, 3);
      expect((await runCli(sendArgs(csv), viaAlias, dir)).code).toBe(1);
      expect(live()).toHaveLength(0);
      const blocked = await runCli(sendArgs(csv), env, dir);
      expect(blocked.code, blocked.stderr).toBe(5);
      expect(blocked.stderr).toContain("which has no order yet");
      expect(blocked.stderr).toContain("--allow-repeat");
      expect(live()).toHaveLength(0);
      // That send, run again through the alias, makes its order; while its appends are slow, the
      // same list through the first name must wait for nothing and send nothing.
      f.inject("PUT", /^\/v1\/order\/\d+\/recipients$/, { kind: "delay", ms: 2500 });
      const first = runCli(sendArgs(csv), viaAlias, dir);
      for (let i = 0; i < 200; i++) {
        const entry = JSON.parse(readFileSync(entryFile(state), "utf8")) as { orderId?: number };
        if (entry.orderId !== undefined && live()[0]?.recipients.length === 0) break;
        await new Promise((r) => setTimeout(r, 25));
      }
      const during = await runCli(sendArgs(csv), env, dir);
      expect(during.code, during.stderr).toBe(5);
      expect(during.stderr).toMatch(/not finished, whose order \d+ is listed here|are on order/);
      expect((await first).code).toBe(0);
      oneOrderEachOnce(6);
      expect(checkouts()).toBe(1);
    } finally {
      await alias.close();
    }
  });
  it("a damaged entry of another host's send is not looked for: production sends the list a mock sent", async () => {
    const mock = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 5);
    expect((await runCli(sendArgs(csv), mock.env, dir)).code).toBe(0);
    const sends = join(mock.state, "sends");
    const name = readdirSync(sends).find((n) => n.endsWith(".json")) as string;
    // A torn write: what is left still names the mock's host.
    writeFileSync(join(sends, name), `{"meaning":{"host":"${new URL(mock.f.url).host}"`);
    const production = await world();
    const sent = await runCli(sendArgs(csv), { ...production.env, ORDERKIT_STATE_DIR: mock.state }, dir);
    expect(sent.code, sent.stderr).toBe(0);
    expect(production.checkouts()).toBe(1);
  });

  it("another host's send of another template, or of an order id a send through this host records, is not a repeat", async () => {
    const production = await world();
    const mock = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 5);
    const prodEnv = { ...production.env, ORDERKIT_STATE_DIR: mock.state };
    expect((await runCli(sendFrom(7, csv), prodEnv, dir)).code).toBe(0);
    // The mock's order has the id of production's (mocks number alike).
    expect((await runCli(sendFrom(8, csv), mock.env, dir)).code).toBe(0);
    expect(mock.live()[0]?.id).toBe(production.live()[0]?.id);
    const t8 = await runCli(sendFrom(8, csv), prodEnv, dir);
    expect(t8.code, t8.stderr).toBe(0);
    expect(production.checkouts()).toBe(2);
  });

  it("the orders of other hosts' sends, finished or not, are read before the lock every send shares: another list's send started meanwhile is not refused", async () => {
    const mock = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 5);
    // Twelve lists on the mock, each holding this one's people and more: half paid, half left as
    // Drafts by --dry-run (the usual way to try a list), which never check out.
    for (let i = 0; i < 12; i++) {
      const args = sendArgs(
        writeCsv(dir, 6 + i, `m${i}.csv`),
        "--allow-repeat",
        ...(i % 2 ? ["--dry-run"] : []),
      );
      expect((await runCli(args, mock.env, dir)).code).toBe(0);
    }
    const production = await world();
    // Production lists none of the mock's order ids: each is read twice, a second apart.
    for (let i = 0; i < 14; i++) production.f.seedOrder("Deleted");
    const env = { ...production.env, ORDERKIT_STATE_DIR: mock.state };
    const main = runCli(sendArgs(csv), env, dir);
    await new Promise((r) => setTimeout(r, 800));
    const other = join(tempDir(), "other.csv");
    writeFileSync(other, "first_name,last_name,street,city,state,zip\nAnn,Lee,1 Oak St,Austin,TX,78704\n");
    const unrelated = await runCli(sendArgs(other), env, dir);
    expect(unrelated.code, unrelated.stderr).toBe(0);
    expect((await main).code).toBe(0);
    expect(production.checkouts()).toBe(2);
  }, 120_000);
  it("a send resumed before its order reads other hosts' orders before the registry lock: another list's send started meanwhile is not refused", async () => {
    const mock = await world();
    const dir = tempDir();
    await twelveMockSends(mock.env, dir);
    const production = await world();
    const env = { ...production.env, ORDERKIT_STATE_DIR: mock.state };
    const list = writePeople(dir, "prod.csv", [0, 1, 2]);
    // Interrupted before its order: registered, no order.
    production.f.inject("GET", /^\/v1\/order$/, { kind: "status", status: 503 }, 3, 2);
    expect((await runCli(sendArgs(list), env, dir)).code).toBe(1);
    expect(production.live()).toHaveLength(0);
    const resumed = runCli(sendArgs(list), env, dir);
    await new Promise((r) => setTimeout(r, 1500));
    const other = await runCli(sendArgs(writePeople(dir, "other.csv", [500, 501])), env, dir);
    expect(other.code, other.stderr).toBe(0);
    expect((await resumed).code).toBe(0);
    expect(production.checkouts()).toBe(2);
    // Fourteen runs of the CLI, like the tests beside it: ~21 s in CI, once over the default 30 s under load.
  }, 120_000);

  it("other hosts' orders are listed many ids a request: a --dry-run and then the send, beside twelve mock sends, list orders fewer than twelve times each", async () => {
    const mock = await world();
    const dir = tempDir();
    await twelveMockSends(mock.env, dir);
    const production = await world();
    const env = { ...production.env, ORDERKIT_STATE_DIR: mock.state };
    const list = writePeople(dir, "prod.csv", [0, 1, 2, 3]);
    const lists = () => production.f.count("GET", /^\/v1\/order$/);
    expect((await runCli(sendArgs(list, "--dry-run"), env, dir)).code).toBe(0);
    const dry = lists();
    expect(dry).toBeLessThan(12);
    expect((await runCli(sendArgs(list), env, dir)).code).toBe(0);
    expect(lists() - dry).toBeLessThan(12);
    expect(production.checkouts()).toBe(1);
    // Fourteen runs of the CLI: 18–25 s on an idle 2-core machine, and once over the default 30 s.
  }, 120_000);

  it("a send whose entry lost its order id goes on with its own order, though a mock's send named the same id", async () => {
    const mock = await world();
    const dir = tempDir();
    const list = writePeople(dir, "l.csv", [0, 1, 2, 3]);
    expect((await runCli(sendArgs(list), mock.env, dir)).code).toBe(0);
    const production = await world();
    const env = { ...production.env, ORDERKIT_STATE_DIR: mock.state };
    expect((await runCli(sendArgs(list, "--dry-run"), env, dir)).code).toBe(0);
    const own = production.live()[0];
    expect(own?.id).toBe(mock.live()[0]?.id);
    // The production entry restored from a copy made before its order.
    const port = new URL(production.f.url).port;
    const sends = join(mock.state, "sends");
    const entry = readdirSync(sends)
      .filter((n) => n.endsWith(".json"))
      .map((n) => join(sends, n))
      .find((path) => (JSON.parse(readFileSync(path, "utf8")).meaning?.host ?? "").includes(port));
    entryBeforeOrder(entry as string);
    const run = await runCli(sendArgs(list), env, dir);
    expect(run.code, run.stderr).toBe(0);
    expect(production.live()).toHaveLength(1);
    expect(own?.checkouts).toBe(1);
  });
  it("a server that ignores the listing's ids is not paged through: the read-ahead stops at an order not asked for", async () => {
    const mock = await world();
    const dir = tempDir();
    for (let i = 0; i < 2; i++)
      expect(
        (await runCli(sendArgs(writePeople(dir, `m${i}.csv`, [0, 100 + i]), "--allow-repeat"), mock.env, dir))
          .code,
      ).toBe(0);
    const production = await world();
    for (let i = 0; i < 1000; i++) production.f.seedOrder("Mailed");
    const proxy = await ignoringListedIds(production.f.url);
    try {
      const env = { ...production.env, LETTRLABS_BASE_URL: proxy.url, ORDERKIT_STATE_DIR: mock.state };
      const sent = await runCli(sendArgs(writePeople(dir, "prod.csv", [0, 1, 2])), env, dir);
      expect(sent.code, sent.stderr).toBe(0);
      // Ten pages of orders, twice, before: a listing, then one order at a time, now.
      expect(production.f.count("GET", /^\/v1\/order$/)).toBeLessThan(10);
      expect(production.checkouts()).toBe(1);
    } finally {
      await proxy.close();
    }
  });
});
