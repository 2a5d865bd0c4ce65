import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import type { FakeLettrLabs } from "@orderkit/test-utils";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { orderLockPath } from "../src/ledger/order-lock.js";
import { cliUser, runCli, sendArgs, tempDir, writeCsv } from "./helpers.js";
import { entryFile, stopWorlds, world } from "./ledger-world.js";
import { refuseStreets } from "./paid-order-world.js";

afterEach(stopWorlds);

/**
 * The fake answers the first append of a send for order `other` (a misrouted request), after
 * running `meanwhile`.
 */
function answerFirstAppendFor(f: FakeLettrLabs, other: number, accepted: number, meanwhile = () => {}) {
  f.schedule = ({ method, path }) =>
    method === "PUT" && path.endsWith("/recipients")
      ? {
          kind: "side-effect",
          effect: () => {
            f.schedule = undefined;
            meanwhile();
          },
          next: {
            kind: "status",
            status: 200,
            body: {
              payload: { orderId: other, status: "Draft", acceptedRecipients: accepted },
              hasErrors: false,
            },
          },
        }
      : undefined;
}

describe("one send at a time", () => {
  it("two concurrent sends of the same list: one order, each row once, one checkout", async () => {
    const { f, env, live, checkouts } = await world({ appendDelayMs: 30 });
    const dir = tempDir();
    const csv = writeCsv(dir, 2000);
    const args = sendArgs(csv, "--chunk-size", "100", "--concurrency", "2");
    const [a, b] = await Promise.all([runCli(args, env, tempDir()), runCli(args, env, tempDir())]);
    const codes = [a.code, b.code].sort();
    expect(codes).toEqual([0, 4]);
    const loser = a.code === 4 ? a : b;
    expect(loser.stderr).toMatch(/in progress in another process/);
    expect(live()).toHaveLength(1);
    expect(live()[0]?.recipients).toHaveLength(2000);
    expect(new Set(live()[0]?.recipients.map((r) => r.address.address1)).size).toBe(2000);
    expect(checkouts()).toBe(1);
    expect(f.count("POST", /^\/v1\/order$/)).toBe(1);
  });

  it.each(["SIGINT", "SIGTERM"] as const)(
    "a send stopped by %s mid-append exits 130/143 saying how to go on, leaves no lock, and the re-run completes it: each row once, one checkout",
    async (signal) => {
      const { f, env, state, live, checkouts, oneOrderEachOnce } = await world({ appendDelayMs: 30 });
      const dir = tempDir();
      const csv = writeCsv(dir, 600);
      // SIGTERM under --json: the last line on stderr is the JSON error line, stdout stays JSON-clean.
      const json = signal === "SIGTERM" ? ["--json"] : [];
      const run = runCli(sendArgs(csv, "--chunk-size", "50", ...json), env, dir);
      while (f.count("PUT", /^\/v1\/order\/\d+\/recipients$/) < 2)
        await new Promise((r) => setTimeout(r, 10));
      run.child.kill(signal);
      const stopped = await run;
      expect(stopped.code).toBe(signal === "SIGINT" ? 130 : 143);
      expect(stopped.stderr).toContain(`Stopped (${signal})`);
      expect(stopped.stderr).toContain("Run the same command again");
      if (json.length > 0) {
        const last = JSON.parse(stopped.stderr.trim().split("\n").at(-1) ?? "");
        expect(last.error.exitCode).toBe(143);
        expect(last.error.message).toContain("Stopped (SIGTERM)");
        expect(stopped.stdout).toBe("");
      }
      const locks = readdirSync(state, { recursive: true }).filter((name) => String(name).endsWith(".lock"));
      expect(locks).toEqual([]);
      expect(checkouts()).toBe(0);
      const again = await runCli(sendArgs(csv, "--chunk-size", "50"), env, dir);
      expect(again.code, again.stderr).toBe(0);
      oneOrderEachOnce(600);
      expect(live()).toHaveLength(1);
      expect(checkouts()).toBe(1);
    },
  );

  it("two SIGINTs a moment apart (a wrapper forwarding Ctrl-C to the process group): exit 130 with the message, no lock left", async () => {
    const { f, env, state } = await world({ appendDelayMs: 30 });
    const dir = tempDir();
    const csv = writeCsv(dir, 600);
    for (let round = 0; round < 3; round++) {
      // The fake logs a PUT when it answers it, appendDelayMs after it came: a PUT the last round's
      // process sent just before its stop lands meanwhile, and would pass for this round's first
      // (the signal would then reach this process before it has a handler, and Node's default
      // would end it). Counted once those have landed.
      await new Promise((r) => setTimeout(r, 200));
      const puts = f.count("PUT", /^\/v1\/order\/\d+\/recipients$/);
      const run = runCli(sendArgs(csv, "--chunk-size", "50"), env, dir);
      while (f.count("PUT", /^\/v1\/order\/\d+\/recipients$/) < puts + 1)
        await new Promise((r) => setTimeout(r, 5));
      run.child.kill("SIGINT");
      await new Promise((r) => setTimeout(r, round));
      run.child.kill("SIGINT");
      const stopped = await run;
      expect({ code: stopped.code, signal: stopped.signal }).toEqual({ code: 130, signal: null });
      expect(stopped.stderr).toContain("Stopped (SIGINT)");
      const locks = readdirSync(state, { recursive: true }).filter((name) => String(name).endsWith(".lock"));
      expect(locks).toEqual([]);
    }
  });

  it("a stop before any lock (a read waiting on the server) says so, as a JSON error line under --json, and exits 130/143", async () => {
    const { f, env } = await world();
    for (const [signal, json] of [
      ["SIGINT", true],
      ["SIGTERM", false],
    ] as const) {
      let arrived = false;
      f.inject("GET", /^\/v1\/order/, {
        kind: "side-effect",
        effect: () => {
          arrived = true;
        },
        next: { kind: "delay", ms: 3_000 },
      });
      const run = runCli(["orders", "list", ...(json ? ["--json"] : [])], env);
      while (!arrived) await new Promise((r) => setTimeout(r, 5));
      run.child.kill(signal);
      const stopped = await run;
      expect({ code: stopped.code, signal: stopped.signal }).toEqual({
        code: signal === "SIGINT" ? 130 : 143,
        signal: null,
      });
      const last = stopped.stderr.trim().split("\n").at(-1) ?? "";
      if (json) expect(JSON.parse(last)).toEqual({ error: { message: "Stopped (SIGINT).", exitCode: 130 } });
      else expect(last).toBe("Stopped (SIGTERM).");
      expect(stopped.stdout).toBe("");
    }
  });

  it("the lock of the order a send just created, held by another user (a sudo run's, unreadable): said to be that user's, exit 4, nobody mailed", async () => {
    const { env, state, live, checkouts } = await world();
    const dir = tempDir();
    const as = cliUser(dir, state);
    const saved = process.env.ORDERKIT_STATE_DIR;
    process.env.ORDERKIT_STATE_DIR = state;
    const lock = await orderLockPath(1000);
    if (saved === undefined) delete process.env.ORDERKIT_STATE_DIR;
    else process.env.ORDERKIT_STATE_DIR = saved;
    chmodSync(join(state, "orders"), 0o777);
    writeFileSync(
      lock,
      JSON.stringify({ pid: process.pid, host: hostname(), startedAt: "2026-01-01T00:00:00Z" }),
    );
    chmodSync(lock, "uid" in as ? 0o600 : 0);
    const run = await runCli(sendArgs(writeCsv(dir, 3)), env, dir, as);
    expect(run.code, run.stderr).toBe(4);
    expect(run.stderr).toContain(
      `The lock ${lock} belongs to another user (EACCES), whose orderkit may still be running (a \`sudo orderkit\`?). This run created Draft order 1000 and mailed nobody;`,
    );
    expect(run.stderr).toContain(`If no orderkit of that user is running, delete ${lock}.`);
    expect(live()).toHaveLength(1);
    expect(live()[0]?.recipients).toHaveLength(0);
    expect(checkouts()).toBe(0);
  });

  it("the order a send just created found locked by another writer: says the Draft was made and nobody mailed; the re-run goes on with it", async () => {
    const { env, state, live, checkouts } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 5);
    // Another process (alive: this test's parent) holds the lock of the order id the fake gives next.
    const saved = process.env.ORDERKIT_STATE_DIR;
    process.env.ORDERKIT_STATE_DIR = state;
    const lock = await orderLockPath(1000);
    if (saved === undefined) delete process.env.ORDERKIT_STATE_DIR;
    else process.env.ORDERKIT_STATE_DIR = saved;
    writeFileSync(
      lock,
      JSON.stringify({ pid: process.ppid, host: hostname(), startedAt: "2026-01-01T00:00:00Z" }),
    );
    const first = await runCli(sendArgs(csv), env, dir);
    expect(first.code, first.stderr).toBe(4);
    expect(first.stderr).toContain("This run created Draft order 1000 and mailed nobody");
    // The lock's own message stays: who holds it, and the path to delete if no such process runs.
    expect(first.stderr).toContain(`in progress in another process (pid ${process.ppid}`);
    expect(first.stderr).toContain(`delete ${lock}`);
    expect(first.stderr).toContain("it goes on with that order");
    // "it" in the lock's own advice would read as the order just named: the process is said.
    expect(first.stderr).toContain("Wait for that process to finish, or stop it.");
    expect(first.stderr).not.toContain("nothing was sent");
    expect(live()).toHaveLength(1);
    expect(live()[0]?.recipients).toHaveLength(0);
    expect(checkouts()).toBe(0);
    rmSync(lock);
    const again = await runCli(sendArgs(csv), env, dir);
    expect(again.code, again.stderr).toBe(0);
    // Its ledger entry never named the order (the run stopped before saving it): said so, as well
    // as the other way it can happen, never as if the ledger had only been restored.
    expect(again.stderr).toContain(
      "This send already has order 1000, which its ledger entry did not name (a run stopped before saving it, or the entry restored from an older copy): going on with that order.",
    );
    expect(live()).toHaveLength(1);
    expect(live()[0]?.id).toBe(1000);
    expect(live()[0]?.recipients).toHaveLength(5);
    expect(checkouts()).toBe(1);
  });
});

describe("the same send, whatever the file looks like", () => {
  it("stopped mid-append with the rows in another order, then again, then finished: every row once", async () => {
    // Run 1 sends the file's first chunks; run 2 (the same people, reversed, CRLF, another
    // directory) checks every row against the order and is stopped midway; run 3 (the reversed
    // file again) must still check the rows past run 2's progress: run 1 sent some of them.
    const { f, env, checkouts, oneOrderEachOnce } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 100);
    const text = readFileSync(csv, "utf8").trimEnd().split("\n");
    const other = tempDir();
    const reversed = join(other, "recipients.csv");
    writeFileSync(reversed, `${[text[0], ...text.slice(1).reverse()].join("\r\n")}\r\n`);
    let puts = 0;
    let killAt = 0;
    let victim: ReturnType<typeof runCli> | undefined;
    f.schedule = ({ method }) => {
      if (method !== "PUT" || ++puts !== killAt || !victim) return undefined;
      victim.child.kill("SIGKILL");
      victim = undefined;
      return { kind: "drop-before-apply" };
    };
    const go = async (file: string, nthPut: number) => {
      killAt = puts + nthPut;
      victim = runCli(sendArgs(file, "--chunk-size", "10", "--concurrency", "1"), env, tempDir());
      return victim;
    };
    expect((await go(csv, 3)).signal).toBe("SIGKILL");
    expect((await go(reversed, 2)).signal).toBe("SIGKILL");
    const last = await go(reversed, Number.POSITIVE_INFINITY);
    expect(last.code, last.stderr).toBe(0);
    oneOrderEachOnce(100);
    expect(checkouts()).toBe(1);
  });

  it("another directory, a symlink, CRLF, reordered rows and a trailing slash: no new order", async () => {
    const { f, env, live, checkouts } = await world();
    const first = tempDir();
    const csv = writeCsv(first, 30);
    expect((await runCli(sendArgs(csv), env, first)).code).toBe(0);

    const other = tempDir();
    const link = join(other, "link.csv");
    symlinkSync(csv, link);
    const text = readFileSync(csv, "utf8").trimEnd().split("\n");
    const crlf = join(other, "crlf.csv");
    writeFileSync(crlf, `${text.join("\r\n")}\r\n`);
    const reordered = join(other, "reordered.csv");
    writeFileSync(reordered, `${[text[0], ...text.slice(1).reverse()].join("\n")}\n`);
    for (const [path, extraEnv] of [
      [csv, {}],
      [link, {}],
      [crlf, {}],
      [reordered, {}],
      [csv, { LETTRLABS_BASE_URL: `${f.url}/` }],
      [csv, { LETTRLABS_BASE_URL: f.url.replace("http://", "HTTP://") }],
    ] as const) {
      const run = await runCli(sendArgs(path), { ...env, ...extraEnv }, other);
      expect(run.code, `${path} ${JSON.stringify(extraEnv)}: ${run.stderr}`).toBe(0);
      expect(run.stderr).toContain("Already sent as order");
    }
    expect(live()).toHaveLength(1);
    expect(live()[0]?.recipients).toHaveLength(30);
    expect(checkouts()).toBe(1);
  });

  it("an overlapping list is reported with counts and nothing is created; --allow-repeat sends it", async () => {
    const { env, live, checkouts } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 40);
    expect((await runCli(sendArgs(csv), env, dir)).code).toBe(0);
    const bigger = join(dir, "bigger.csv");
    writeFileSync(
      bigger,
      `${readFileSync(csv, "utf8")}Ann,Lee,1 Oak St,Austin,TX,78704\nBo,Kim,2 Oak St,Austin,TX,78704\n`,
    );
    const refused = await runCli(sendArgs(bigger), env, dir);
    expect(refused.code).toBe(5);
    expect(refused.stderr).toMatch(/40 of these 42 recipients were mailed in order \d+ \(.*status Paid\)/);
    expect(refused.stderr).toContain("--allow-repeat");
    expect(live()).toHaveLength(1);

    const differentOptions = await runCli(sendArgs(csv, "--postage", "FirstClass"), env, dir);
    expect(differentOptions.code).toBe(5);
    expect(differentOptions.stderr).toMatch(/These 40 recipients were already sent as order/);
    expect(live()).toHaveLength(1);

    const anyway = await runCli(sendArgs(bigger, "--allow-repeat"), env, dir);
    expect(anyway.code).toBe(0);
    expect(live()).toHaveLength(2);
    expect(checkouts()).toBe(2);
  });

  it("--dry-run after a finished send reports the order's real status", async () => {
    const { env } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 5);
    expect((await runCli(sendArgs(csv), env, dir)).code).toBe(0);
    const dry = await runCli(sendArgs(csv, "--dry-run", "--json"), env, dir);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ status: "Paid" });
    expect(dry.stdout + dry.stderr).not.toContain("nothing was charged");
  });
});

describe("the ledger is never trusted blindly", () => {
  const damage: [string, (entry: Record<string, unknown>, text: string) => string][] = [
    ["rowsDone missing", (e) => JSON.stringify({ ...e, rowsDone: undefined })],
    ['checkoutStarted: "false"', (e) => JSON.stringify({ ...e, checkoutStarted: "false" })],
    ["an array", () => "[]"],
    ["truncated", (_e, text) => text.slice(0, 40)],
    ["another version", (e) => JSON.stringify({ ...e, version: 99 })],
    ["rowsDone past the file's end", (e) => JSON.stringify({ ...e, rowsDone: 999_999 })],
    ["a chunk in flight past the file's end", (e) => JSON.stringify({ ...e, inFlight: { from: 0, to: 13 } })],
  ];
  it.each(damage)(
    "a damaged entry (%s) stops the run before anything is sent, naming the file",
    async (_name, corrupt) => {
      const { f, env, state, live, checkouts } = await world();
      const dir = tempDir();
      const csv = writeCsv(dir, 12);
      expect((await runCli(sendArgs(csv, "--dry-run"), env, dir)).code).toBe(0);
      const path = entryFile(state);
      const text = readFileSync(path, "utf8");
      writeFileSync(path, corrupt(JSON.parse(text) as Record<string, unknown>, text));
      const before = f.requests.length;
      const run = await runCli(sendArgs(csv), env, dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(path);
      expect(run.stderr).toContain("--restart");
      expect(run.stderr).not.toMatch(/at .*\.js:\d+/);
      expect(f.requests.slice(before).filter((r) => r.method !== "GET")).toHaveLength(0);
      expect(live()).toHaveLength(1);
      expect(live()[0]?.recipients).toHaveLength(12);
      expect(checkouts()).toBe(0);
    },
  );

  it("an entry rolled back or edited to fewer rows done than the order holds: no row is added twice (seeded)", async () => {
    // A valid entry that names fewer rows done than the order holds (a backup or snapshot of the
    // state directory restored, a hand edit): the rows left are checked against the order's
    // recipients, not trusted to be missing from it. Judged by the fake's order, never by messages.
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 23 }),
        fc.constantFrom("dry-run", "stopped"),
        fc.boolean(),
        async (lowered, how, countToo) => {
          const { f, env, state, live, checkouts, oneOrderEachOnce } = await world();
          const dir = tempDir();
          const csv = writeCsv(dir, 24);
          if (how === "dry-run") {
            expect((await runCli(sendArgs(csv, "--dry-run"), env, dir)).code).toBe(0);
          } else {
            // A run whose checkout fails after every row went on: the entry says all 24 are done.
            f.schedule = ({ method, path }) =>
              method === "POST" && /checkout$/.test(path) ? { kind: "status", status: 400 } : undefined;
            expect((await runCli(sendArgs(csv), env, dir)).code).not.toBe(0);
            f.schedule = undefined;
          }
          expect(live()[0]?.recipients).toHaveLength(24);
          const path = entryFile(state);
          const entry = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
          expect(entry.rowsDone).toBe(24);
          // A hand edit lowers the rows done; a restored copy lowers the count of accepted people too.
          const accepted = countToo ? lowered : entry.accepted;
          writeFileSync(path, JSON.stringify({ ...entry, rowsDone: lowered, accepted, inFlight: undefined }));
          const run = await runCli(sendArgs(csv, "--json"), env, dir);
          expect(run.code, run.stderr).toBe(0);
          expect(JSON.parse(run.stdout).recipients).toMatchObject({ accepted: 24 });
          oneOrderEachOnce(24);
          expect(checkouts()).toBe(1);
          await stopWorlds();
        },
      ),
      { numRuns: 6, seed: 20261201 },
    );
    // Six worlds of two or three CLI runs each, some waiting out a failed checkout's settlement.
  }, 150_000);

  it.each([15, 20])(
    "an entry that counts %i rows as sent when the order holds 10 stops before appending or paying; --restart sends the file",
    async (raised) => {
      const { f, env, state, live, checkouts, oneOrderEachOnce } = await world();
      const dir = tempDir();
      const csv = writeCsv(dir, 20);
      // The third append is refused: 10 people on the order, rows 10–14 in flight.
      let puts = 0;
      f.schedule = ({ method }) =>
        method === "PUT" && ++puts === 3 ? { kind: "status", status: 400 } : undefined;
      const args = sendArgs(csv, "--chunk-size", "5", "--concurrency", "1");
      expect((await runCli(args, env, dir)).code).not.toBe(0);
      f.schedule = undefined;
      expect(live()[0]?.recipients).toHaveLength(10);
      const path = entryFile(state);
      const entry = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
      writeFileSync(path, JSON.stringify({ ...entry, rowsDone: raised, inFlight: undefined }));
      const stopped = await runCli(args, env, dir);
      expect(stopped.code, stopped.stderr).toBe(2);
      expect(stopped.stderr).toMatch(
        new RegExp(`${raised - 10} rows .* are not on order \\d+, and only 0 were refused`),
      );
      expect(live()[0]?.recipients).toHaveLength(10);
      expect(checkouts()).toBe(0);
      expect(stopped.stderr).toContain("--restart");
      const fixed = await runCli([...args, "--restart"], env, dir);
      expect(fixed.code, fixed.stderr).toBe(0);
      oneOrderEachOnce(20);
      expect(checkouts()).toBe(1);
    },
  );

  it("an entry rolled back past an append still in flight: the resumed pass waits before reading, nobody is added twice", async () => {
    // The run is killed while the server holds its second append back (applied 3 s late); the
    // entry is then rolled back to a copy from before that append was saved as in flight.
    const { f, env, state, oneOrderEachOnce } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 20);
    let puts = 0;
    let victim: ReturnType<typeof runCli> | undefined;
    f.schedule = ({ method }) => {
      if (method !== "PUT" || ++puts !== 2) return undefined;
      setTimeout(() => victim?.child.kill("SIGKILL"), 300);
      return { kind: "apply-late", ms: 3000 };
    };
    const args = sendArgs(csv, "--chunk-size", "5", "--concurrency", "1", "--dry-run");
    victim = runCli(args, env, dir);
    expect((await victim).signal).toBe("SIGKILL");
    f.schedule = undefined;
    const path = entryFile(state);
    const entry = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
    expect(entry.inFlight).toBeDefined();
    writeFileSync(path, JSON.stringify({ ...entry, inFlight: undefined }));
    const again = await runCli(["--settle-ms", "5000", ...args], env, dir);
    expect(again.code, again.stderr).toBe(0);
    // The late append lands 3 s after it arrived, whenever this run ended: wait it out.
    await new Promise((r) => setTimeout(r, 3500));
    oneOrderEachOnce(20);
  }, 30_000);

  it("refusals reported only as counts: a re-run after a failed append goes on, and they are counted", async () => {
    // Three addresses the fake refuses, its reply giving their number but no list of them.
    const { f, env, checkouts, oneOrderEachOnce } = await world();
    refuseStreets(f, new Set(["1003 Main St", "1011 Main St", "1017 Main St"]), true);
    const dir = tempDir();
    const csv = writeCsv(dir, 20);
    let puts = 0;
    f.schedule = ({ method }) =>
      method === "PUT" && ++puts === 4 ? { kind: "status", status: 400 } : undefined;
    const args = sendArgs(csv, "--chunk-size", "4", "--concurrency", "1", "--json");
    expect((await runCli(args, env, dir)).code).not.toBe(0);
    f.schedule = undefined;
    const again = await runCli(args, env, dir);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).recipients).toEqual({ accepted: 17, rejected: 3 });
    oneOrderEachOnce(17);
    expect(checkouts()).toBe(1);
  });

  it("an append answered for another order (a misrouted request): every later run stops, nobody is on two orders, nothing is paid", async () => {
    const { f, env, state, checkouts } = await world();
    const other = f.seedOrder("Draft", 99);
    const dir = tempDir();
    const csv = writeCsv(dir, 6);
    // The first append lands on someone else's Draft, and the answer says so.
    answerFirstAppendFor(f, other.id, 6);
    const args = sendArgs(csv, "--json");
    const first = await runCli(args, env, dir);
    expect(first.code, first.stderr).toBe(1);
    expect(JSON.parse(first.stderr.trim().split("\n").at(-1) ?? "").error).toMatchObject({
      kind: "ambiguous_write",
    });
    for (const again of [await runCli(args, env, dir), await runCli(sendArgs(csv), env, dir)]) {
      expect(again.code, again.stderr).toBe(1);
      expect(again.stderr).toContain("was answered by the server, but not as asked");
      expect(again.stderr).toContain("--restart");
    }
    const mine = [...f.orders.values()].find((o) => o.id !== other.id);
    expect(mine?.recipients).toHaveLength(0);
    expect(checkouts()).toBe(0);
    expect(JSON.parse(readFileSync(entryFile(state), "utf8")).answeredOtherwise).toContain(
      `answered for order ${other.id}`,
    );
  });

  it("an append answered for another order that cannot be recorded (the entry cannot be written): the run says so, nobody is on two orders, nothing is paid", async () => {
    const { f, env, state, checkouts } = await world();
    const other = f.seedOrder("Draft", 99);
    const dir = tempDir();
    const csv = writeCsv(dir, 6);
    // While the append is on its way, the entry's path becomes a directory (as unwritable as a
    // full disk, for root too): neither the hook's save nor the one after the error can record it.
    answerFirstAppendFor(f, other.id, 6, () => {
      const file = entryFile(state);
      rmSync(file);
      mkdirSync(join(file, "blocked"), { recursive: true });
    });
    const first = await runCli(sendArgs(csv), env, dir);
    expect(first.code, first.stderr).toBe(1);
    expect(first.stderr).toContain("That could not be recorded in");
    expect(first.stderr).toContain("do not run this send again before checking the orders named");
    const mine = [...f.orders.values()].find((o) => o.id !== other.id);
    expect(mine?.recipients).toHaveLength(0);
    expect(checkouts()).toBe(0);
  });

  it("Ctrl-C while other chunks are in flight after one was answered for another order: the stop is kept, the re-run stops", async () => {
    const { f, env, state, checkouts } = await world({ appendDelayMs: 3000 });
    const other = f.seedOrder("Draft", 99);
    const dir = tempDir();
    const csv = writeCsv(dir, 10);
    f.inject(
      "PUT",
      /recipients$/,
      {
        kind: "status",
        status: 200,
        body: { payload: { orderId: other.id, status: "Draft", acceptedRecipients: 5 }, hasErrors: false },
      },
      1,
    );
    const args = sendArgs(csv, "--chunk-size", "5", "--concurrency", "2");
    const run = runCli(args, env, dir);
    const entry = () => {
      try {
        return JSON.parse(readFileSync(entryFile(state), "utf8")) as { answeredOtherwise?: string };
      } catch {
        return undefined;
      }
    };
    while (entry()?.answeredOtherwise === undefined) await new Promise((r) => setTimeout(r, 10));
    run.child.kill("SIGINT");
    const stopped = await run;
    expect(stopped.code).toBe(130);
    // The stop does not advise a plain re-run: it names the misrouted append and --restart.
    expect(stopped.stderr).toContain("answered for another order");
    expect(stopped.stderr).not.toContain("Run the same command again");
    const again = await runCli(args, env, dir);
    expect(again.code, again.stderr).toBe(1);
    expect(again.stderr).toContain("was answered by the server, but not as asked");
    expect(checkouts()).toBe(0);
  });

  it("an order that holds someone not in the file (another send's row, a misrouted request) is never completed", async () => {
    const { f, env, checkouts } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 4);
    let puts = 0;
    f.schedule = ({ method }) =>
      method === "PUT" && ++puts === 1 ? { kind: "status", status: 400 } : undefined;
    const first = await runCli(sendArgs(csv), env, dir);
    expect(first.code).toBe(1);
    f.schedule = undefined;
    const [order] = [...f.orders.values()];
    order!.recipients.push({
      id: 4242,
      address: { address1: "9 Elsewhere Rd", city: "Austin", state: "TX", zipCode: "78704" },
      personal: { firstName: "Some", lastName: "One" },
    } as never);
    const again = await runCli(sendArgs(csv), env, dir);
    expect(again.code, again.stderr).toBe(1);
    expect(again.stderr).toContain(`holds someone not found in ${csv} by name and address`);
    expect(order!.recipients).toHaveLength(1);
    expect(checkouts()).toBe(0);
  });

  it("an entry without an order that counts rows as sent: the order the run makes gets every row", async () => {
    const { f, env, state, live, checkouts } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 20);
    f.schedule = ({ method, path }) =>
      method === "POST" && path === "/v1/order" ? { kind: "status", status: 400 } : undefined;
    expect((await runCli(sendArgs(csv), env, dir)).code).not.toBe(0);
    f.schedule = undefined;
    expect(live()).toHaveLength(0);
    const path = entryFile(state);
    const entry = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
    expect(entry.orderId).toBeUndefined();
    writeFileSync(path, JSON.stringify({ ...entry, rowsDone: 12, accepted: 12 }));
    const run = await runCli(sendArgs(csv, "--json"), env, dir);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).recipients).toMatchObject({ accepted: 20 });
    expect(live()).toHaveLength(1);
    expect(live()[0]?.recipients).toHaveLength(20);
    expect(checkouts()).toBe(1);
  });

  it("an entry deleted after the send was registered stops the run; nothing new is created", async () => {
    const { env, state, live, checkouts } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 8);
    expect((await runCli(sendArgs(csv, "--dry-run"), env, dir)).code).toBe(0);
    const { rmSync } = await import("node:fs");
    rmSync(entryFile(state));
    const run = await runCli(sendArgs(csv), env, dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("missing");
    expect(live()).toHaveLength(1);
    expect(checkouts()).toBe(0);
  });

  it("an entry deleted during the settlement wait is written again; a re-run creates nothing", async () => {
    const { f, env, state, live, checkouts } = await world({ pollsUntilSettled: 2 });
    const dir = tempDir();
    const csv = writeCsv(dir, 6);
    const first = runCli(sendArgs(csv), env, dir);
    while (f.count("POST", /checkout$/) < 1) await new Promise((r) => setTimeout(r, 10));
    const { rmSync } = await import("node:fs");
    rmSync(entryFile(state), { force: true });
    expect((await first).code).toBe(0);
    const again = await runCli(sendArgs(csv), env, dir);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain("Already sent");
    expect(live()).toHaveLength(1);
    expect(checkouts()).toBe(1);
  });
});
