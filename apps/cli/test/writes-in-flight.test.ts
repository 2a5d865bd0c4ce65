import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { FakeLettrLabs } from "@orderkit/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { originKey } from "../src/ledger/writes-in-flight.js";
import { commerceLayerFake } from "./fake-commercelayer.js";
import { killedAt, runCli, sendArgs, tempDir, writeCsv } from "./helpers.js";

// A run killed while its writes were unanswered leaves the server applying them. A run started
// right after it waits as the killed run would have (until it would have given up on them, then
// --settle-ms) before it reads anything back: what they did is found, not sent again. Each case
// kills the first run as its write arrives at a server that applies it 2.5 s later, re-runs at
// once with a 200 ms settle wait (which alone would read back too early), and checks the server.

const KEY = "LL-API-in-flight-secret-5d1e";
const LATE = { kind: "apply-late", ms: 2500 } as const;
/** The re-runs' settle wait: far shorter than the late write, so only the new wait covers it. */
const SETTLE = ["--settle-ms", "200"];
const servers: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

async function lettrLabs() {
  const f = await new FakeLettrLabs({ apiKey: KEY }).start();
  servers.push(f);
  return { f, env: { LETTRLABS_BASE_URL: f.url, LETTRLABS_API_KEY: KEY, ORDERKIT_TIMEOUT_MS: "4000" } };
}

/** Waits until a write the fake applies `ms` late has surely landed (so a second copy would show). */
const landed = (ms = 2500) => new Promise((resolve) => setTimeout(resolve, ms + 200));
const records = (dir: string) => {
  const path = join(dir, "state", "in-flight");
  return existsSync(path) ? readdirSync(path) : [];
};
const WAITED = /An earlier run stopped with writes to http:\/\/127\.0\.0\.1:\d+ unanswered/;

describe("a run right after a killed one waits for the writes it left in flight", () => {
  it("recipients add: each recipient once on the order", async () => {
    const { f, env } = await lettrLabs();
    const dir = tempDir();
    const csv = writeCsv(dir, 3);
    const order = f.seedOrder("Draft", 7);
    const add = ["recipients", "add", String(order.id), "--csv", csv, ...SETTLE];
    const first = await killedAt(f, (m, p) => m === "PUT" && p.endsWith("/recipients"), LATE, add, env, dir);
    expect(first.signal).toBe("SIGKILL");
    expect(records(dir)).toHaveLength(1);
    const again = await runCli(add, env, dir);
    expect(again.code, again.stderr).toBe(0);
    await landed();
    expect(order.recipients.map((r) => r.personal?.firstName)).toEqual(["First0", "First1", "First2"]);
    expect(records(dir)).toEqual([]);
    expect(again.stderr).toMatch(WAITED);
  });

  it("orders create: one order", async () => {
    const { f, env } = await lettrLabs();
    const dir = tempDir();
    const create = ["orders", "create", "--template", "7", ...SETTLE];
    const first = await killedAt(f, (m, p) => m === "POST" && p === "/v1/order", LATE, create, env, dir);
    expect(first.signal).toBe("SIGKILL");
    const again = await runCli(create, env, dir);
    await landed();
    expect([...f.orders.values()].filter((o) => o.templateId === 7)).toHaveLength(1);
    expect(again.stderr).toMatch(WAITED);
  });

  it("send --dry-run: one order, each recipient once", async () => {
    const { f, env } = await lettrLabs();
    const dir = tempDir();
    // A dry run: the order stays a Draft, which a late append can still land on.
    const args = [...sendArgs(writeCsv(dir, 3)), "--dry-run", ...SETTLE];
    // Later than the others: a send's re-run reads the order and its ledger before the recipients.
    const late = { kind: "apply-late", ms: 3500 };
    const first = await killedAt(f, (m, p) => m === "PUT" && p.endsWith("/recipients"), late, args, env, dir);
    expect(first.signal).toBe("SIGKILL");
    const again = await runCli(args, env, dir);
    expect(again.code, again.stderr).toBe(0);
    await landed(3500);
    const orders = [...f.orders.values()].filter((o) => o.templateId === 7);
    expect(orders).toHaveLength(1);
    expect(orders[0]?.recipients).toHaveLength(3);
    expect(orders[0]?.checkouts).toBe(0);
    expect(again.stderr).toMatch(WAITED);
  });

  it("commercelayer line-items set: one line", async () => {
    const { f, env } = await commerceLayerFake("cid", "cl-in-flight-secret-77aa");
    const dir = tempDir();
    const [order] = f.seedOrders(1);
    const set = [
      "commercelayer",
      "line-items",
      "set",
      String(order?.id),
      "--sku",
      "SKU-1",
      "--quantity",
      "2",
    ];
    const clEnv = { ...env, ORDERKIT_TIMEOUT_MS: "4000" };
    const first = await killedAt(
      f,
      (m, p) => m === "POST" && p === "/line_items",
      { lateMs: 2500 },
      [...set, ...SETTLE],
      clEnv,
      dir,
    );
    expect(first.signal).toBe("SIGKILL");
    const again = await runCli([...set, ...SETTLE], clEnv, dir);
    await landed();
    expect([...f.lineItems.values()].filter((li) => li.orderId === order?.id)).toEqual([
      expect.objectContaining({ sku_code: "SKU-1", quantity: 2 }),
    ]);
    expect(again.stderr).toMatch(WAITED);
  });
});

describe("the record of writes in flight", () => {
  it("is gone after a run whose writes were answered, and a run after it does not wait", async () => {
    const { f, env } = await lettrLabs();
    const dir = tempDir();
    const order = f.seedOrder("Draft", 7);
    const add = ["recipients", "add", String(order.id), "--csv", writeCsv(dir, 2)];
    expect((await runCli(add, env, dir)).code).toBe(0);
    expect(records(dir)).toEqual([]);
    const again = await runCli(add, env, dir);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).not.toMatch(WAITED);
    expect(order.recipients).toHaveLength(2);
  });

  it("of a running process is its own: not waited for, not removed", async () => {
    const { f, env } = await lettrLabs();
    const dir = tempDir();
    const order = f.seedOrder("Draft", 7);
    const add = ["recipients", "add", String(order.id), "--csv", writeCsv(dir, 2)];
    expect((await runCli(add, env, dir)).code).toBe(0);
    // This test's own process: alive, with a write "in flight" far ahead.
    const file = recordOf(
      f,
      dir,
      process.pid,
      JSON.stringify({ pid: process.pid, until: Date.now() + 300_000 }),
    );
    const again = await runCli(add, env, dir);
    expect(again.stderr).not.toMatch(WAITED);
    expect(existsSync(file)).toBe(true);
  });

  it("damaged, counts from its file's last change as a write of the longest timeout", async () => {
    const { f, env } = await lettrLabs();
    const dir = tempDir();
    const order = f.seedOrder("Draft", 7);
    const add = ["recipients", "add", String(order.id), "--csv", writeCsv(dir, 2)];
    expect((await runCli(add, env, dir)).code).toBe(0);
    // A dead process's damaged record, changed 9 min 59 s ago: about a second left of 10 minutes.
    const file = recordOf(f, dir, 2 ** 22 + 1, "{not json");
    const then = (Date.now() - 599_000) / 1000;
    utimesSync(file, then, then);
    const again = await runCli(add, env, dir);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(WAITED);
    expect(existsSync(file)).toBe(false);
    expect(order.recipients).toHaveLength(2);
  });

  it("ORDERKIT_TIMEOUT_MS and --timeout-ms out of bounds stop before anything is sent (exit 2)", async () => {
    const { f, env } = await lettrLabs();
    const dir = tempDir();
    const order = f.seedOrder("Draft", 7);
    const add = ["recipients", "add", String(order.id), "--csv", writeCsv(dir, 2)];
    for (const [extraEnv, extraArgs, said] of [
      [{ ORDERKIT_TIMEOUT_MS: "abc" }, [], "ORDERKIT_TIMEOUT_MS"],
      [{ ORDERKIT_TIMEOUT_MS: "999" }, [], "ORDERKIT_TIMEOUT_MS"],
      [{}, ["--timeout-ms", "600001"], "--timeout-ms"],
    ] as const) {
      const run = await runCli([...add, ...extraArgs], { ...env, ...extraEnv }, dir);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain(said);
    }
    expect(f.requests).toEqual([]);
    expect(order.recipients).toEqual([]);
  });
});

/** Writes `content` as the in-flight record of process `pid` for the fake's origin; returns its path. */
function recordOf(f: FakeLettrLabs, dir: string, pid: number, content: string): string {
  const path = join(dir, "state", "in-flight");
  mkdirSync(path, { recursive: true });
  const file = join(path, `${originKey(f.url)}.${pid}.json`);
  writeFileSync(file, content);
  return file;
}
