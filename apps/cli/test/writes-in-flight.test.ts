import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { PIDS, SINCE } from "../src/ledger/lock.js";
import { originKey, waitForStoppedWrites } from "../src/ledger/writes-in-flight.js";
import { commerceLayerFake } from "./fake-commercelayer.js";
import { lettrLabsFake } from "./fake-lettrlabs.js";
import { aliasOf, killedAt, runCli, sendArgs, tempDir, writeCsv } from "./helpers.js";

// A run killed while its writes were unanswered leaves the server applying them. A run started
// right after it waits as the killed run would have (until it would have given up on them, then
// --settle-ms) before it reads anything back: what they did is found, not sent again. Each case
// kills the first run as its write arrives at a server that applies it 2.5 s later, re-runs at
// once with a 200 ms settle wait (which alone would read back too early), and checks the server.

const KEY = "LL-API-in-flight-secret-5d1e";
const LATE = { kind: "apply-late", ms: 2500 } as const;
/** The re-runs' settle wait: far shorter than the late write, so only the new wait covers it. */
const SETTLE = ["--settle-ms", "200"];
const lettrLabs = () => lettrLabsFake(KEY, { ORDERKIT_TIMEOUT_MS: "5000" });

/** A Draft given two recipients by a `recipients add` that ran to the end, and that command. */
async function addedOnce() {
  const { f, env } = await lettrLabs();
  const dir = tempDir();
  const order = f.seedOrder("Draft", 7);
  const add = ["recipients", "add", String(order.id), "--csv", writeCsv(dir, 2)];
  expect((await runCli(add, env, dir)).code).toBe(0);
  return { f, env, dir, order, add };
}

/** Waits until a write the fake applies `ms` late has surely landed (so a second copy would show). */
const landed = (ms = 2500) => new Promise((resolve) => setTimeout(resolve, ms + 200));
const records = (dir: string) => {
  const path = join(dir, "state", "in-flight");
  return existsSync(path) ? readdirSync(path) : [];
};
const WAITED = /Writes that another run sent are unanswered/;

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

  it("recipients add killed through another name of the server (a proxy, as a DNS alias would be), re-run through its address: each recipient once", async () => {
    const { f, env } = await lettrLabs();
    const dir = tempDir();
    const alias = await aliasOf(f.url);
    const order = f.seedOrder("Draft", 7);
    const add = ["recipients", "add", String(order.id), "--csv", writeCsv(dir, 3), ...SETTLE];
    const viaAlias = { ...env, LETTRLABS_BASE_URL: alias.url };
    const first = await killedAt(
      f,
      (m, p) => m === "PUT" && p.endsWith("/recipients"),
      LATE,
      add,
      viaAlias,
      dir,
    );
    expect(first.signal).toBe("SIGKILL");
    const again = await runCli(add, env, dir);
    expect(again.code, again.stderr).toBe(0);
    await landed();
    await alias.close();
    expect(order.recipients.map((r) => r.personal?.firstName)).toEqual(["First0", "First1", "First2"]);
    expect(again.stderr).toMatch(WAITED);
  });

  it("orders create killed through another name of the server: a run through its address stops, naming both (nothing sent); through that name it reads back: one order (review 160)", async () => {
    const { f, env } = await lettrLabs();
    const dir = tempDir();
    const alias = await aliasOf(f.url);
    const create = ["orders", "create", "--template", "7", ...SETTLE];
    const viaAlias = { ...env, LETTRLABS_BASE_URL: alias.url };
    const first = await killedAt(f, (m, p) => m === "POST" && p === "/v1/order", LATE, create, viaAlias, dir);
    expect(first.signal).toBe("SIGKILL");
    const other = await runCli(create, env, dir);
    expect(other.code, other.stderr).not.toBe(0);
    expect(other.stderr).toContain(`a run through http://127.0.0.1:${new URL(alias.url).port}`);
    await landed();
    const made = () => [...f.orders.values()].filter((o) => o.templateId === 7);
    expect(made()).toHaveLength(1);
    // (LettrLabs orders carry no proof of who made them: the Draft found is named, not taken.)
    const again = await runCli(create, viaAlias, dir);
    expect(again.stderr).toContain("reading back before sending anything");
    await alias.close();
    expect(made()).toHaveLength(1);
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

  it("checkout submit after a killed recipients add: the late rows are on the order before it is checked out", async () => {
    const { f, env } = await lettrLabs();
    const dir = tempDir();
    const order = f.seedOrder("Draft", 7);
    const add = ["recipients", "add", String(order.id), "--csv", writeCsv(dir, 3), ...SETTLE];
    const first = await killedAt(f, (m, p) => m === "PUT" && p.endsWith("/recipients"), LATE, add, env, dir);
    expect(first.signal).toBe("SIGKILL");
    const checkout = await runCli(["checkout", "submit", String(order.id), "--yes", ...SETTLE], env, dir);
    expect(checkout.code, checkout.stderr).toBe(0);
    expect(order.checkouts).toBe(1);
    expect(order.recipients).toHaveLength(3);
    expect(checkout.stderr).toMatch(WAITED);
  });

  it("commercelayer line-items set: one line", async () => {
    const { f, dir, order, set, clEnv } = await killedWhileSetting();
    const again = await runCli([...set, ...SETTLE], clEnv, dir);
    await landed();
    expect([...f.lineItems.values()].filter((li) => li.orderId === order?.id)).toEqual([
      expect.objectContaining({ sku_code: "SKU-1", quantity: 2 }),
    ]);
    expect(again.stderr).toMatch(WAITED);
  });

  it("review 155: a record whose pid now names another running process (reused, or edited) is still waited for: one line", async () => {
    if (startOf(process.pid) === undefined) return; // not Linux: no start times recorded
    const { f, dir, order, set, clEnv } = await killedWhileSetting();
    // The killed run's pid now names a running process that started later.
    const other = spawn("sleep", ["30"], { stdio: "ignore" });
    try {
      const records = join(dir, "state", "in-flight");
      for (const name of readdirSync(records)) {
        const file = join(records, name);
        writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, "utf8")), pid: other.pid }));
      }
      const again = await runCli([...set, ...SETTLE], clEnv, dir);
      await landed();
      expect([...f.lineItems.values()].filter((li) => li.orderId === order?.id)).toEqual([
        expect.objectContaining({ sku_code: "SKU-1", quantity: 2 }),
      ]);
      expect(again.stderr).toMatch(WAITED);
    } finally {
      other.kill();
    }
  });
});

describe("a run that starts while another still writes", () => {
  it("takes the order's lock before it looks at the records: refused while the writer lives, and the next run after it is killed waits for its write", async () => {
    const { f, env } = await lettrLabsFake(KEY, { ORDERKIT_TIMEOUT_MS: "7000" });
    const dir = tempDir();
    const order = f.seedOrder("Draft", 7);
    const add = ["recipients", "add", String(order.id), "--csv", writeCsv(dir, 3), ...SETTLE];
    let writer: ReturnType<typeof runCli> | undefined;
    let second: ReturnType<typeof runCli> | undefined;
    const key = await originKey(f.url);
    f.schedule = ({ method, path }: { method: string; path: string }) => {
      if (method !== "PUT" || !path.endsWith("/recipients") || second) return undefined;
      // A stopped run's record with 8 s left: a look at the records before the lock waits on it,
      // and the writer is killed meanwhile (2 s: time for the second run to start on a loaded host).
      recordOf(key, dir, 2 ** 22 + 1, record(2 ** 22 + 1, Date.now() + 8000));
      second = runCli(add, env, dir);
      setTimeout(() => writer?.child.kill("SIGKILL"), 2000);
      return { kind: "apply-late", ms: 5000 };
    };
    writer = runCli(add, env, dir);
    expect((await writer).signal).toBe("SIGKILL");
    const refused = await (second as ReturnType<typeof runCli>);
    f.schedule = undefined;
    expect(refused.code, refused.stderr).toBe(4);
    const next = await runCli(add, env, dir);
    expect(next.code, next.stderr).toBe(0);
    await landed(5000);
    expect(order.recipients.map((r) => r.personal?.firstName)).toEqual(["First0", "First1", "First2"]);
  });
});

describe("the record of writes in flight", () => {
  it("is gone after a run whose writes were answered, and a run after it does not wait", async () => {
    const { env, dir, order, add } = await addedOnce();
    expect(records(dir)).toEqual([]);
    const again = await runCli(add, env, dir);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).not.toMatch(WAITED);
    expect(order.recipients).toHaveLength(2);
  });

  it("of a running process is its own: not waited for, not removed", async () => {
    const { f, env, dir, add } = await addedOnce();
    // This test's own process: alive, with a write "in flight" far ahead.
    const file = recordOf(
      await originKey(f.url),
      dir,
      process.pid,
      record(process.pid, Date.now() + 300_000),
    );
    const again = await runCli(add, env, dir);
    expect(again.stderr).not.toMatch(WAITED);
    expect(existsSync(file)).toBe(true);
  });

  it("damaged, counts from its file's last change as a write of the longest timeout", async () => {
    const { f, env, dir, order, add } = await addedOnce();
    // A dead process's damaged record, changed 9 min 59 s ago: about a second left of 10 minutes.
    const file = recordOf(await originKey(f.url), dir, 2 ** 22 + 1, "{not json");
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
      [{ ORDERKIT_TIMEOUT_MS: "4999" }, [], "ORDERKIT_TIMEOUT_MS"],
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

/**
 * `commercelayer line-items set` of 2 × SKU-1 on a new order, killed while its create was on its way
 * (the fake applies it 2.5 s later): the fake, the state's folder, the order, the command, its env.
 */
async function killedWhileSetting() {
  const { f, env } = await commerceLayerFake("cid", "cl-in-flight-secret-77aa");
  const dir = tempDir();
  const [order] = f.seedOrders(1);
  const set = ["commercelayer", "line-items", "set", String(order?.id), "--sku", "SKU-1", "--quantity", "2"];
  const clEnv = { ...env, ORDERKIT_TIMEOUT_MS: "5000" };
  const first = await killedAt(
    f,
    (m, p) => m === "POST" && p === "/line_items",
    { lateMs: 2500 },
    [...set, ...SETTLE],
    clEnv,
    dir,
  );
  expect(first.signal).toBe("SIGKILL");
  return { f, dir, order, set, clEnv };
}

/** A record's text, as process `pid` of this host and pid space writes it (or another space's). */
const record = (pid: number, until: number, pids = PIDS, since?: string) =>
  JSON.stringify({ pid, host: hostname(), pids, since, until });

/**
 * When process `pid` started (ticks since boot) and `later` ticks after, as records name it on this
 * process's clock; undefined where this process records no start (see lock.ts).
 */
function startOf(pid: number, later = 0): string | undefined {
  if (SINCE === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const ticks = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19]);
    return `${ticks + later} ${SINCE.slice(SINCE.indexOf(" ") + 1)}`;
  } catch {
    return undefined;
  }
}

/** Writes `content` as the in-flight record of process `pid` for the origin of `key` (`originKey`); returns its path. */
function recordOf(key: string, dir: string, pid: number, content: string): string {
  const path = join(dir, "state", "in-flight");
  mkdirSync(path, { recursive: true });
  const file = join(path, `${key}.${pid}.json`);
  writeFileSync(file, content);
  return file;
}

describe("waitForStoppedWrites (in this process)", () => {
  const DEAD = 2 ** 22 + 1; // above Linux's largest pid: never alive
  const url = "http://127.0.0.1:9";
  let delays: number[] = [];
  let restore: (() => void) | undefined;
  afterEach(() => {
    restore?.();
    restore = undefined;
    delete process.env.ORDERKIT_STATE_DIR;
  });
  /** A state directory holding `content` as a stopped process's record for `url`; timers made instant. */
  async function planted(content: string | undefined, mtime?: number): Promise<string> {
    const dir = tempDir();
    process.env.ORDERKIT_STATE_DIR = join(dir, "state");
    const records = join(dir, "state", "in-flight");
    mkdirSync(records, { recursive: true });
    const file = join(records, `${await originKey(url)}.${DEAD}.json`);
    if (content === undefined) mkdirSync(file);
    else writeFileSync(file, content);
    if (mtime !== undefined) utimesSync(file, mtime / 1000, mtime / 1000);
    delays = [];
    const spy = vi.spyOn(globalThis, "setTimeout").mockImplementation(((fn: () => void, ms?: number) => {
      delays.push(ms ?? 0);
      fn();
      return 0;
    }) as unknown as typeof setTimeout);
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    restore = () => {
      spy.mockRestore();
      stderr.mockRestore();
    };
    return file;
  }

  it("never waits longer than the longest timeout plus the settle wait, whatever the record or the clock says", async () => {
    for (const [content, mtime] of [
      [record(DEAD, Date.now() + 3_600_000), undefined],
      [record(DEAD, 1e300), undefined],
      ["{damaged", Date.now() + 3_600_000], // a clock stepped back by an hour since it was written
    ] as const) {
      const file = await planted(content, mtime);
      await waitForStoppedWrites(500);
      restore?.();
      expect(delays).toHaveLength(1);
      expect(delays[0]).toBeGreaterThan(590_000);
      expect(delays[0]).toBeLessThanOrEqual(600_500);
      expect(existsSync(file)).toBe(false);
    }
  });

  it("by the process it names: ended (or this pid, reused) waited for and removed; running skipped; of another pid space waited for and left", async () => {
    const soon = () => Date.now() + 5000;
    for (const [made, waited, removed] of [
      [() => record(DEAD, soon()), true, true],
      [() => record(process.pid, soon()), true, true], // not written by this process: one before it
      [() => record(process.ppid, soon()), false, false], // vitest's own process, running
      // … named with the time it started: still running, skipped;
      [() => record(process.ppid, soon(), PIDS, startOf(process.ppid)), false, false],
      // … with another start: its pid was reused (or the record edited), its process ended.
      ...(startOf(process.ppid) === undefined
        ? []
        : ([[() => record(process.ppid, soon(), PIDS, startOf(process.ppid, -1)), true, true]] as const)),
      // … a start that is not one (a number, or of another time namespace's clock): not compared.
      [
        () => JSON.stringify({ pid: process.ppid, host: hostname(), pids: PIDS, since: 5, until: soon() }),
        false,
        false,
      ],
      [() => record(process.ppid, soon(), PIDS, "1 time:[1]"), false, false],
      // (Let go once written again or removed; until then, polled: a near end keeps this test short.)
      [() => record(process.ppid, Date.now() + 300, "another-boot/pid:[4026531836]"), true, false],
      // The first form of these records, without a host: judged by its pid.
      [() => JSON.stringify({ pid: DEAD, until: soon() }), true, true],
      // … and a pid running here may be another process's (a container's pid 1): waited for, left.
      [() => JSON.stringify({ pid: process.ppid, until: Date.now() + 300 }), true, false],
    ] as const) {
      // Made as each case starts: a near end must not have passed while the cases before ran.
      const content = made();
      const file = await planted(content);
      await waitForStoppedWrites(500);
      restore?.();
      expect(delays.length > 0, content).toBe(waited);
      expect(existsSync(file), content).toBe(!removed);
    }
  });

  it("a record of another pid space is let go once it is removed (its writes answered)", async () => {
    const file = await planted(record(process.ppid, Date.now() + 60_000, "another-boot/pid:[4026531836]"));
    const spy = vi.mocked(globalThis.setTimeout);
    spy.mockImplementation(((fn: () => void, ms?: number) => {
      delays.push(ms ?? 0);
      rmSync(file, { force: true });
      fn();
      return 0;
    }) as unknown as typeof setTimeout);
    await waitForStoppedWrites(500);
    expect(delays).toEqual([500]);
  });

  it("a record of another pid space merely touched (its until unchanged) is still waited for", async () => {
    const file = await planted(record(process.ppid, Date.now() + 400, "another-boot/pid:[4026531836]"));
    const spy = vi.mocked(globalThis.setTimeout);
    spy.mockImplementation(((fn: () => void, ms?: number) => {
      delays.push(ms ?? 0);
      if (delays.length === 1) utimesSync(file, new Date(), new Date());
      setImmediate(fn);
      return 0;
    }) as unknown as typeof setTimeout);
    const started = Date.now();
    await waitForStoppedWrites(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    expect(existsSync(file)).toBe(true);
  });

  it("a record saying it gives up later than the longest timeout after it was written is held to that (review 160: a day ahead made every run wait 10 min)", async () => {
    const file = await planted(
      record(process.ppid, Date.now() + 86_400_000, "another-boot/pid:[4026531836]"),
      Date.now() - 603_000,
    );
    await waitForStoppedWrites(500);
    expect(delays).toEqual([]);
    // Another pid space's: left to it.
    expect(existsSync(file)).toBe(true);
  });

  it("a record of another pid space held to its cap is still watched by what it says: let go only once removed (review 161)", async () => {
    const file = await planted(
      record(process.ppid, Date.now() + 605_000, "another-boot/pid:[4026531836]"),
      Date.now(),
    );
    const spy = vi.mocked(globalThis.setTimeout);
    spy.mockImplementation(((fn: () => void, ms?: number) => {
      delays.push(ms ?? 0);
      if (delays.length === 3) rmSync(file, { force: true });
      fn();
      return 0;
    }) as unknown as typeof setTimeout);
    await waitForStoppedWrites(500);
    expect(delays).toEqual([500, 500, 500]);
  });

  it("a directory where a record would be is no record: no wait, left alone", async () => {
    const file = await planted(undefined);
    await waitForStoppedWrites(500);
    expect(delays).toEqual([]);
    expect(existsSync(file)).toBe(true);
  });
});
