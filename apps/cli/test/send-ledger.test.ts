import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { hostname } from "node:os";
import { basename, join } from "node:path";
import type { FakeLettrLabs } from "@orderkit/test-utils";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { Ledger, normalizeHost } from "../src/ledger/ledger.js";
import { orderStatePath } from "../src/ledger/order-lock.js";
import {
  ADD_AUTOMATION_RECIPIENT,
  cliUser,
  notWritableBy,
  runCli,
  sendArgs,
  sendFrom,
  tempDir,
  writeCsv,
} from "./helpers.js";
import { entryFile, stopWorlds, world } from "./ledger-world.js";

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
    const { f, env, state, live, checkouts } = await world();
    const dir = tempDir();
    const as = cliUser(dir, state);
    const saved = process.env.ORDERKIT_STATE_DIR;
    process.env.ORDERKIT_STATE_DIR = state;
    const lock = `${await orderStatePath(normalizeHost(f.url), 1000)}.lock`;
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
    const { f, env, state, live, checkouts } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 5);
    // Another process (alive: this test's parent) holds the lock of the order id the fake gives next.
    const saved = process.env.ORDERKIT_STATE_DIR;
    process.env.ORDERKIT_STATE_DIR = state;
    const lock = `${await orderStatePath(normalizeHost(f.url), 1000)}.lock`;
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
    const bad = new Set(["1003 Main St", "1011 Main St", "1017 Main St"]);
    type Route = (method: string, path: string, query: unknown, body: unknown) => unknown;
    const fake = f as unknown as { route: Route };
    const route = fake.route.bind(f);
    fake.route = (method, path, query, body) => {
      const sent = body as { recipients?: { address?: { address1?: string } }[] } | undefined;
      if (method === "PUT" && sent?.recipients)
        sent.recipients = sent.recipients.map((r) =>
          bad.has(r.address?.address1 ?? "") ? { ...r, address: { ...r.address, address1: "" } } : r,
        );
      const res = route(method, path, query, body) as {
        body?: { payload?: { undeliverable?: { undeliverableRecipients?: unknown[] } } };
      };
      const undeliverable = res?.body?.payload?.undeliverable;
      if (method === "PUT" && undeliverable) undeliverable.undeliverableRecipients = [];
      return res;
    };
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

describe("the payment state machine", () => {
  it("after a failed payment, a re-run checks out again, once, with the price shown", async () => {
    const { f, env, live } = await world({ paymentFails: true });
    const dir = tempDir();
    const csv = writeCsv(dir, 10);
    const failed = await runCli(sendArgs(csv), env, dir);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/Payment for order \d+ failed/);
    expect(live()[0]?.status).toBe("Draft");
    expect(live()[0]?.checkouts).toBe(1);

    // A dry run says the earlier checkout was started, and charges nothing.
    const dry = await runCli(sendArgs(csv, "--dry-run"), env, dir);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(
      /nothing was charged by this run\. An earlier checkout of this order was started/,
    );
    // Another list that overlaps this send's: refused, naming the checkout that send started.
    const bigger = writeCsv(tempDir(), 12);
    const overlap = await runCli(sendArgs(bigger), env, dir);
    expect(overlap.code).toBe(5);
    expect(overlap.stderr).toMatch(/which that send checked out/);
    expect(live()).toHaveLength(1);
    expect(live()[0]?.checkouts).toBe(1);

    f.options.paymentFails = false;
    const fixed = await runCli(sendArgs(csv), env, dir);
    expect(fixed.code).toBe(0);
    expect(fixed.stderr).toMatch(/is Draft after an earlier checkout/);
    expect(fixed.stdout).toContain("Price preview");
    expect(fixed.stdout).toContain("is Paid");
    expect(live()).toHaveLength(1);
    expect(live()[0]?.checkouts).toBe(2);
    expect(live()[0]?.recipients).toHaveLength(10);
  });

  it.each(["Cancelled", "Refunded", "Error"])(
    "an order found %s ends the run with a non-zero exit",
    async (status) => {
      const { env, live, checkouts } = await world();
      const dir = tempDir();
      const csv = writeCsv(dir, 4);
      expect((await runCli(sendArgs(csv, "--dry-run"), env, dir)).code).toBe(0);
      const order = live()[0];
      if (order) order.status = status;
      const run = await runCli(sendArgs(csv), env, dir);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`is ${status}`);
      expect(checkouts()).toBe(0);
    },
  );

  it("a deleted order ends the run (non-zero) and --restart starts a new one", async () => {
    const { env, live, checkouts } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 4);
    expect((await runCli(sendArgs(csv, "--dry-run"), env, dir)).code).toBe(0);
    const order = live()[0];
    if (order) order.status = "Deleted";
    const run = await runCli(sendArgs(csv), env, dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("is Deleted");
    const restart = await runCli(sendArgs(csv, "--restart"), env, dir);
    expect(restart.code).toBe(0);
    expect(live()).toHaveLength(1);
    expect(checkouts()).toBe(1);
  });

  it("--restart after a failed payment does not silently make a second order", async () => {
    const { env, live } = await world({ paymentFails: true });
    const dir = tempDir();
    const csv = writeCsv(dir, 4);
    expect((await runCli(sendArgs(csv), env, dir)).code).toBe(1);
    const restart = await runCli(sendArgs(csv, "--restart"), env, dir);
    expect(restart.code).toBe(5);
    expect(restart.stderr).toMatch(/already on order \d+ \(.*status Draft/);
    expect(live()).toHaveLength(1);
  });
});

describe("options are validated before any request", () => {
  it.each([
    ["send", "--chunk-size", "abc"],
    ["send", "--chunk-size", "0"],
    ["send", "--chunk-size", "1001"],
    ["send", "--concurrency", "-5"],
    ["send", "--wait-timeout", "0"],
    ["send", "--template", "abc"],
    ["send", "--hold-until", "someday"],
  ])("orderkit %s %s %s: exit 2 naming the option", async (_cmd, option, value) => {
    const { f, env } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 2);
    const args = ["send", "--template", "7", "--csv", csv, "--yes", option, value];
    const run = await runCli(args, env, dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(option);
    expect(f.requests).toHaveLength(0);
  });

  it.each([
    ["wait", "5", "--interval", "abc"],
    ["wait", "5", "--interval", "0"],
    ["wait", "5", "--interval", "-5"],
    ["wait", "5", "--interval", "99999999"],
    ["wait", "5", "--timeout", "abc"],
    ["orders", "list", "--page-size", "501"],
    ["recipients", "list", "5", "--page-size", "0"],
  ])("orderkit %s %s %s %s: exit 2, no request", async (...args) => {
    const { f, env } = await world();
    const run = await runCli(args, env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--");
    expect(f.requests).toHaveLength(0);
  });
});

describe("CSV hardening", () => {
  it("invalid UTF-8 is an error with the line number; nothing is sent", async () => {
    const { f, env } = await world();
    const dir = tempDir();
    const csv = join(dir, "latin1.csv");
    writeFileSync(
      csv,
      Buffer.concat([
        Buffer.from("first_name,street,city,state,zip\nAnn,1 Main St,Austin,TX,78704\nJos"),
        Buffer.from([0xe9]),
        Buffer.from(",2 Main St,Austin,TX,78704\n"),
      ]),
    );
    const run = await runCli(sendArgs(csv), env, dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("line 3");
    expect(run.stderr).toContain("UTF-8");
    expect(f.requests).toHaveLength(0);
  });

  it("two columns mapping to the same field are an error", async () => {
    const { f, env } = await world();
    const dir = tempDir();
    const csv = join(dir, "dup.csv");
    writeFileSync(csv, "zip,postal_code,street,city,state\n78704,78705,1 Main St,Austin,TX\n");
    const run = await runCli(sendArgs(csv), env, dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/"zip" and "postal_code" both map to address.zipCode/);
    expect(f.requests).toHaveLength(0);
  });

  it("a field over the size limit makes its row invalid", async () => {
    const { f, env } = await world();
    const dir = tempDir();
    const csv = join(dir, "long.csv");
    writeFileSync(csv, `first_name,street,city,state,zip\n${"A".repeat(1001)},1 Main St,Austin,TX,78704\n`);
    const run = await runCli(sendArgs(csv), env, dir);
    expect(run.code).toBe(2);
    // Named once: the SDK's validator and the CLI's cell check share one limit.
    expect(run.stderr.match(/firstName is longer than 1000 characters/g)).toHaveLength(1);
    expect(f.requests).toHaveLength(0);
  });

  it("every over-long cell of a row is named once: a name, a state, a column the send ignores", async () => {
    const { f, env } = await world();
    const dir = tempDir();
    const csv = join(dir, "long.csv");
    const long = "A".repeat(1001);
    writeFileSync(
      csv,
      `first_name,street,city,state,zip,notes\n${long},1 Main St,Austin,${long},78704,${long}\n`,
    );
    const run = await runCli([...sendArgs(csv), "--json"], env, dir);
    expect(run.code).toBe(2);
    for (const name of ["firstName", "state", "column 6"])
      expect(run.stderr.split(`${name} is longer than 1000 characters`)).toHaveLength(2);
    expect(run.stderr).not.toContain("bad state code");
    expect(f.requests).toHaveLength(0);
  });

  it("a missing file is exit 2 with one line", async () => {
    const { env } = await world();
    const run = await runCli(sendArgs("/nonexistent/list.csv"), env);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toContain("no such file");
  });

  it("the rejects CSV escapes formula cells and is created with mode 0600", async () => {
    const { env, live } = await world();
    const dir = tempDir();
    const csv = join(dir, "mixed.csv");
    writeFileSync(
      csv,
      'first_name,street,city,state,zip\nAnn,1 Main St,Austin,TX,78704\n"=HYPERLINK(""x"")",,Austin,TX,78704\n@SUM(1),2 Main St,Austin,ZZ,78704\n',
    );
    const rejects = join(dir, "rejects.csv");
    const run = await runCli(sendArgs(csv, "--skip-invalid", "--rejects", rejects), env, dir);
    expect(run.code).toBe(0);
    expect(statSync(rejects).mode & 0o777).toBe(0o600);
    const text = readFileSync(rejects, "utf8");
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
    expect(text).toContain("'@SUM(1)");
    expect(text).not.toMatch(/^=|,=|^@|,@/m);
    expect(live()[0]?.recipients).toHaveLength(1);
  });

  it("an existing rejects file is made 0600 too", async () => {
    const { env } = await world();
    const dir = tempDir();
    const csv = join(dir, "mixed.csv");
    writeFileSync(
      csv,
      "first_name,street,city,state,zip\nAnn,1 Main St,Austin,TX,78704\nBo,,Austin,TX,78704\n",
    );
    const rejects = join(dir, "rejects.csv");
    writeFileSync(rejects, "old");
    chmodSync(rejects, 0o644);
    expect((await runCli(sendArgs(csv, "--skip-invalid", "--rejects", rejects), env, dir)).code).toBe(0);
    expect(statSync(rejects).mode & 0o777).toBe(0o600);
  });
});

describe("what a hostile review found, fixed", () => {
  it("a registered send that has no order yet blocks an overlapping send", async () => {
    const { f, env, live, checkouts } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 40);
    f.inject("GET", /^\/v1\/order$/, { kind: "status", status: 503 }, 3);
    expect((await runCli(sendArgs(csv), env, dir)).code).toBe(1);
    expect(live()).toHaveLength(0);
    const bigger = join(dir, "bigger.csv");
    writeFileSync(bigger, `${readFileSync(csv, "utf8")}Ann,Lee,1 Oak St,Austin,TX,78704\n`);
    const other = await runCli(sendArgs(bigger), env, dir);
    expect(other.code).toBe(5);
    expect(other.stderr).toContain("no order yet");
    expect(live()).toHaveLength(0);
    expect((await runCli(sendArgs(csv), env, dir)).code).toBe(0);
    expect(live()).toHaveLength(1);
    expect(checkouts()).toBe(1);
  });

  it("an HTTP 404 on the status read never makes a paid order count as deleted", async () => {
    const { f, env, live } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 6);
    expect((await runCli(sendArgs(csv), env, dir)).code).toBe(0);
    f.inject("GET", /^\/v1\/order$/, { kind: "status", status: 404, body: { errors: ["No route"] } });
    const run = await runCli(sendArgs(csv, "--postage", "FirstClass"), env, dir);
    expect(run.code).not.toBe(0);
    expect(live()).toHaveLength(1);
  });

  it("a deleted entry of a paid send: --restart does not mail the list again", async () => {
    const { env, state, live, checkouts } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 10);
    expect((await runCli(sendArgs(csv), env, dir)).code).toBe(0);
    const { rmSync } = await import("node:fs");
    rmSync(entryFile(state));
    expect((await runCli(sendArgs(csv), env, dir)).code).toBe(2);
    const restart = await runCli(sendArgs(csv, "--restart"), env, dir);
    expect(restart.code).toBe(5);
    expect(restart.stderr).toContain("ledger entry is missing");
    expect(live()).toHaveLength(1);
    expect(checkouts()).toBe(1);
  });

  it("a damaged entry blocks the same list with other options", async () => {
    const { env, state, live } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 10);
    expect((await runCli(sendArgs(csv), env, dir)).code).toBe(0);
    writeFileSync(entryFile(state), "{");
    const run = await runCli(sendArgs(csv, "--postage", "FirstClass"), env, dir);
    expect(run.code).toBe(5);
    expect(run.stderr).toContain("damaged");
    expect(live()).toHaveLength(1);
  });

  it("--restart of an unfinished send deletes its Draft and starts over", async () => {
    const { env, live, checkouts } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 5);
    expect((await runCli(sendArgs(csv, "--dry-run"), env, dir)).code).toBe(0);
    const restart = await runCli(sendArgs(csv, "--restart"), env, dir);
    expect(restart.code).toBe(0);
    expect(restart.stderr).toMatch(/Deleted Draft order \d+/);
    expect(live()).toHaveLength(1);
    expect(live()[0]?.recipients).toHaveLength(5);
    expect(checkouts()).toBe(1);
  });

  it("--order refuses an order that holds recipients not in the list", async () => {
    const { f, env, checkouts } = await world();
    const foreign = f.seedOrder("Draft", 999);
    for (let i = 0; i < 3; i++)
      foreign.recipients.push({
        id: i + 1,
        address: { address1: `${i} Elm St`, city: "Austin", state: "TX", zipCode: "78704" },
      });
    const dir = tempDir();
    const csv = writeCsv(dir, 5);
    const run = await runCli(sendArgs(csv, "--order", String(foreign.id)), env, dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("not in this list");
    expect(foreign.recipients).toHaveLength(3);
    expect(checkouts()).toBe(0);
  });

  it("--rejects or --proof naming the input file, or a symlink, is refused and the file kept", async () => {
    const { f, env } = await world();
    const dir = tempDir();
    const csv = join(dir, "list.csv");
    const text = "first_name,street,city,state,zip\nAnn,1 Main St,Austin,TX,78704\nBo,,Austin,TX,78704\n";
    writeFileSync(csv, text);
    const precious = join(dir, "precious.txt");
    writeFileSync(precious, "keep me");
    const link = join(dir, "link.csv");
    symlinkSync(precious, link);
    for (const args of [
      ["--skip-invalid", "--rejects", csv],
      ["--skip-invalid", "--rejects", link],
      ["--proof", csv],
    ]) {
      const run = await runCli(sendArgs(csv, ...args), env, dir);
      expect(run.code, args.join(" ")).toBe(2);
    }
    expect(readFileSync(csv, "utf8")).toBe(text);
    expect(readFileSync(precious, "utf8")).toBe("keep me");
    expect(f.requests).toHaveLength(0);
  });

  it.each([
    ["--template", "9999999999999999"],
    ["--hold-until", "March 5"],
    ["--hold-until", "1"],
    ["--hold-until", "2027-02-30"],
    ["--hold-until", "2020-01-01"],
  ])("%s %s: exit 2 before any request", async (option, value) => {
    const { f, env } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 2);
    const run = await runCli(["send", "--template", "7", "--csv", csv, "--yes", option, value], env, dir);
    expect(run.code).toBe(2);
    expect(f.requests).toHaveLength(0);
  });

  it("a cell with a NUL byte or a line break makes its row invalid", async () => {
    const { f, env } = await world();
    const dir = tempDir();
    const csv = join(dir, "ctl.csv");
    writeFileSync(
      csv,
      'first_name,street,city,state,zip\nA\u0000n,1 Main St,Austin,TX,78704\n"B\ro",2 Main St,Austin,TX,78704\n',
    );
    const run = await runCli(sendArgs(csv), env, dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("line 2: firstName contains a line break or a control character");
    expect(f.requests).toHaveLength(0);
  });
});

describe("what the second hostile review found, fixed", () => {
  it("an order list that twice omits a paid order never lets the same list through again", async () => {
    const { f, env, live } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 3);
    expect((await runCli(sendArgs(csv), env, dir)).code).toBe(0);
    const empty = { payload: { orderId: 0, status: "", orders: [] }, errors: [], hasErrors: false };
    f.inject("GET", /^\/v1\/order$/, { kind: "status", status: 200, body: empty }, 2);
    const run = await runCli(sendArgs(csv, "--postage", "FirstClass"), env, dir);
    expect(run.code).toBe(5);
    expect(live()).toHaveLength(1);
    f.inject("GET", /^\/v1\/order$/, { kind: "status", status: 200, body: empty }, 2);
    const same = await runCli(sendArgs(csv), env, dir);
    expect(same.code).toBe(1);
    expect(same.stderr).toContain("not treating it as deleted");
    expect(live()).toHaveLength(1);
  });

  it("a refused --restart changes nothing: the same command still reports the paid order", async () => {
    const { env, live } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 3);
    expect((await runCli(sendArgs(csv), env, dir)).code).toBe(0);
    expect((await runCli(sendArgs(csv, "--restart"), env, dir)).code).toBe(5);
    const again = await runCli(sendArgs(csv), env, dir);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain("Already sent");
    expect(live()).toHaveLength(1);
  });

  it("after a failed payment, --order with the same order continues it", async () => {
    const { f, env, live } = await world({ paymentFails: true });
    const dir = tempDir();
    const csv = writeCsv(dir, 4);
    expect((await runCli(sendArgs(csv), env, dir)).code).toBe(1);
    const orderId = live()[0]?.id as number;
    f.options.paymentFails = false;
    const run = await runCli(sendArgs(csv, "--order", String(orderId)), env, dir);
    expect(run.code).toBe(0);
    expect(live()).toHaveLength(1);
    expect(live()[0]?.status).toBe("Paid");
  });

  it("recipients add run twice adds each recipient once", async () => {
    const { f, env } = await world();
    const order = f.seedOrder();
    const dir = tempDir();
    const csv = writeCsv(dir, 7);
    for (let i = 0; i < 2; i++)
      expect((await runCli(["recipients", "add", String(order.id), "--csv", csv], env, dir)).code).toBe(0);
    expect(order.recipients).toHaveLength(7);
  });

  it("the same send through localhost after 127.0.0.1 is one send, and an entry keyed by the host as written is still found", async () => {
    const { f, env, state, live, checkouts } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 5);
    expect((await runCli(sendArgs(csv), env, dir)).code).toBe(0);
    const localhost = { ...env, LETTRLABS_BASE_URL: f.url.replace("127.0.0.1", "localhost") };
    const again = await runCli(sendArgs(csv), localhost, dir);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr + again.stdout).toContain("Already sent as order");
    expect(live()).toHaveLength(1);
    expect(checkouts()).toBe(1);
    // The entry as a version that keyed sends by the host as written left it, for localhost.
    const file = entryFile(state);
    const entry = JSON.parse(readFileSync(file, "utf8"));
    entry.meaning.host = normalizeHost(localhost.LETTRLABS_BASE_URL);
    const olderKey = Ledger.keyOf(entry.meaning);
    const sends = join(state, "sends");
    renameSync(file.replace(/\.json$/, ".recipients"), join(sends, `${olderKey}.recipients`));
    rmSync(file);
    writeFileSync(join(sends, `${olderKey}.json`), JSON.stringify({ ...entry, key: olderKey }));
    rmSync(join(state, "registered"), { recursive: true }); // that version registered no sends
    const upgraded = await runCli(sendArgs(csv), localhost, dir);
    expect(upgraded.code, upgraded.stderr).toBe(0);
    expect(upgraded.stderr + upgraded.stdout).toContain("Already sent as order");
    expect(live()).toHaveLength(1);
    expect(checkouts()).toBe(1);
  });

  it("integration-orders add-recipient whose answer is lost: says it may have been applied, and does not invite a blind re-run", async () => {
    const { f, env } = await world();
    f.inject("POST", /^\/v1\/integration-orders\/77\/recipients$/, { kind: "drop-after-apply" });
    const args = ADD_AUTOMATION_RECIPIENT;
    const run = await runCli(args, env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("may have been applied");
    expect(run.stderr).toContain("Running the command again may apply it twice");
    expect(run.stderr).not.toContain("can be re-run");
    expect(f.integrationRecipients.get(77)).toHaveLength(1);
  });

  it("two terminals on one order: recipients add, send --order and checkout submit take turns (exit 4), nothing twice", async () => {
    const { f, env, state, checkouts } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 6);
    const locks = join(state, "orders");
    const lockHeld = async () => {
      while (!existsSync(locks) || !readdirSync(locks).some((n) => n.endsWith(".lock")))
        await new Promise((r) => setTimeout(r, 20));
    };
    const add = (id: number) => ["recipients", "add", String(id), "--csv", csv];
    const localhost = { ...env, LETTRLABS_BASE_URL: f.url.replace("127.0.0.1", "localhost") };
    // The first run's append (a PUT) is slow; the second starts while the first holds the order:
    // the same command, a send with its own journal, the same command through another spelling of
    // the host, and a removal (which would shift the pages the first run reads back).
    const seconds: ((id: number) => [string[], Record<string, string>])[] = [
      (id) => [add(id), env],
      (id) => [
        sendArgs(csv, "--order", String(id), "--yes", "--journal-dir", join(dir, "other-journal")),
        env,
      ],
      (id) => [add(id), localhost],
      (id) => [["recipients", "remove", String(id), "1"], env],
    ];
    let order = f.seedOrder();
    for (const second of seconds) {
      order = f.seedOrder();
      f.inject("PUT", /^\/v1\/order\/\d+\/recipients$/, { kind: "delay", ms: 1500 });
      const one = runCli(add(order.id), env, dir);
      await lockHeld();
      const [args, secondEnv] = second(order.id);
      const two = await runCli(args, secondEnv, dir);
      expect(two.code, two.stderr).toBe(4);
      expect(two.stderr).toContain(`A write on order ${order.id} is in progress in another process`);
      expect((await one).code).toBe(0);
      expect(order.recipients).toHaveLength(6);
      expect(checkouts()).toBe(0);
    }
    // Two checkouts at once: the second waits for nothing and charges nothing.
    f.inject("POST", /^\/v1\/order\/\d+\/checkout$/, { kind: "delay", ms: 1500 });
    const submit = () => ["checkout", "submit", String(order.id), "--yes"];
    const one = runCli(submit(), env, dir);
    await lockHeld();
    const two = await runCli(submit(), env, dir);
    expect(two.code, two.stderr).toBe(4);
    expect((await one).code).toBe(0);
    expect(checkouts()).toBe(1);
    expect(readdirSync(join(state, "orders")).filter((n) => n.endsWith(".lock"))).toEqual([]);
  });

  it("--map with an unknown field is a usage error; wait on a Draft says it was never checked out", async () => {
    const { f, env } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 2);
    const map = await runCli(sendArgs(csv, "--map", "first_name=bogus"), env, dir);
    expect(map.code).toBe(2);
    expect(map.stderr).toContain("not a recipient field");
    const order = f.seedOrder("Draft");
    const wait = await runCli(["wait", String(order.id), "--interval", "1"], env, dir);
    expect(wait.code).toBe(2);
    expect(wait.stderr).toContain("has not been checked out");
  });
});

describe("found by the randomized CLI schedules", () => {
  it("--restart after a lost create whose only candidate is another writer's Draft sends once", async () => {
    const { f, env, live } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 5);
    let foreign = 0;
    f.inject("POST", /^\/v1\/order$/, {
      kind: "side-effect",
      effect: (fake) => {
        foreign = fake.seedOrder("Draft", 777).id;
      },
      next: { kind: "drop-before-apply" },
    });
    const lost = await runCli(sendArgs(csv), env, dir);
    expect(lost.code).toBe(1);
    expect(lost.stderr).toContain(`order ${foreign} appeared`);
    const restart = await runCli(sendArgs(csv, "--restart"), env, dir);
    expect(restart.code, restart.stderr).toBe(0);
    const ours = live().filter((o) => o.templateId === 7);
    expect(ours).toHaveLength(1);
    expect(ours[0]?.recipients).toHaveLength(5);
    expect(f.orders.get(foreign)?.recipients).toHaveLength(0);
  });
});

/** A world with one send of `n` people already run (with `args`): its order is `orderId`. */
async function sentOnce(n: number, ...args: string[]) {
  const w = await world();
  const dir = tempDir();
  const csv = writeCsv(dir, n);
  expect((await runCli(sendArgs(csv, ...args), w.env, dir)).code).toBe(0);
  return { ...w, dir, csv, orderId: w.live()[0]?.id as number };
}

/** A world with one send of `n` people run with --dry-run: its Draft order (`orderId`) holds them. */
const drafted = (n: number) => sentOnce(n, "--dry-run");

describe("what the third hostile review found, fixed", () => {
  const recipientsFile = (state: string) => entryFile(state).replace(/\.json$/, ".recipients");
  const damages: [string, (bytes: Buffer) => Buffer][] = [
    ["emptied", () => Buffer.alloc(0)],
    ["cut to its first half", (b) => b.subarray(0, 8 * Math.floor(b.length / 16))],
    ["garbage", (b) => Buffer.alloc(b.length, 0x41)],
    ["cut mid-hash", (b) => b.subarray(0, b.length - 3)],
    ["rows of another list", () => Buffer.from(new Float64Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]).buffer)],
  ];
  const other = (dir: string) => {
    const path = join(dir, "other.csv");
    writeFileSync(
      path,
      "first_name,last_name,street,city,state,zip\nAnn,Lee,1 Oak St,Austin,TX,78704\nBo,Kim,2 Oak St,Austin,TX,78704\n",
    );
    return path;
  };
  it.each([...damages, ["deleted", () => undefined] as [string, (bytes: Buffer) => Buffer | undefined]])(
    "a damaged recipients file of a paid send (%s): its order's recipients decide; the same people are blocked, others are not",
    async (_name, corrupt) => {
      const { env, state, live, checkouts, dir, csv } = await sentOnce(10);
      const path = recipientsFile(state);
      const damaged = corrupt(readFileSync(path));
      if (damaged) writeFileSync(path, damaged);
      else rmSync(path);
      const run = await runCli(sendArgs(csv, "--postage", "FirstClass"), env, dir);
      expect(run.code, run.stderr).toBe(5);
      expect(run.stderr).toMatch(/These 10 recipients were already sent as order \d+/);
      expect(live()).toHaveLength(1);
      expect(checkouts()).toBe(1);
      const unrelated = await runCli(sendArgs(other(dir)), env, dir);
      expect(unrelated.code, unrelated.stderr).toBe(0);
      expect(live()).toHaveLength(2);
      const anyway = await runCli(sendArgs(csv, "--postage", "FirstClass", "--allow-repeat"), env, dir);
      expect(anyway.code, anyway.stderr).toBe(0);
      expect(live()).toHaveLength(3);
    },
  );

  it("a recipients file missing beside a damaged entry blocks every send of the template until it is dealt with", async () => {
    const { env, state, live, dir } = await sentOnce(4);
    rmSync(recipientsFile(state));
    writeFileSync(entryFile(state), "{");
    const run = await runCli(sendArgs(other(dir)), env, dir);
    expect(run.code, run.stderr).toBe(5);
    expect(run.stderr).toContain("has a missing or damaged recipients file");
    expect(live()).toHaveLength(1);
  });

  it("a send killed before its recipients file was written is still seen by other sends, and writes the file again when resumed", async () => {
    const { env, state, live, checkouts, dir, csv } = await drafted(6);
    const path = recipientsFile(state);
    const bytes = readFileSync(path);
    rmSync(path);
    const twice = await runCli(sendArgs(csv, "--postage", "FirstClass"), env, dir);
    expect(twice.code, twice.stderr).toBe(5);
    expect(twice.stderr).toMatch(/These 6 recipients are in another send, not finished, whose order is \d+/);
    expect(live()).toHaveLength(1);
    const resumed = await runCli(sendArgs(csv), env, dir);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(readFileSync(path)).toEqual(bytes);
    expect(checkouts()).toBe(1);
  });

  it("a damaged recipients file of a send whose order was cancelled blocks nothing", async () => {
    const { f, env, state, live, dir, csv } = await drafted(6);
    writeFileSync(recipientsFile(state), "");
    const first = live()[0];
    if (first) f.orders.set(first.id, { ...first, status: "Cancelled" });
    const run = await runCli(sendArgs(csv, "--postage", "FirstClass"), env, dir);
    expect(run.code, run.stderr).toBe(0);
    expect(live().filter((o) => o.status === "Paid")).toHaveLength(1);
  });

  it("--allow-repeat given only to a --dry-run does not carry over to the real run", async () => {
    const { env, live, checkouts, dir, csv } = await sentOnce(8);
    const other = sendArgs(csv, "--postage", "FirstClass");
    const dry = await runCli([...other, "--allow-repeat", "--dry-run"], env, dir);
    expect(dry.code, dry.stderr).toBe(0);
    expect(live()).toHaveLength(2);
    const real = await runCli(other, env, dir);
    expect(real.code, real.stderr).toBe(5);
    expect(real.stderr).toMatch(/already sent as order \d+/);
    expect(real.stderr).toMatch(/This send's order \d+ was not checked out/);
    expect(checkouts()).toBe(1);
    const anyway = await runCli([...other, "--allow-repeat"], env, dir);
    expect(anyway.code, anyway.stderr).toBe(0);
    expect(live()).toHaveLength(2);
    expect(checkouts()).toBe(2);
  });

  it("--order naming another order than the one the ledger records is refused, nothing added", async () => {
    const { f, env, checkouts, dir, csv, orderId: ours } = await drafted(5);
    const stray = f.seedOrder("Draft", 7);
    const run = await runCli(sendArgs(csv, "--order", String(stray.id)), env, dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`already names order ${ours}; --order ${stray.id} is another order`);
    expect(stray.recipients).toHaveLength(0);
    expect(checkouts()).toBe(0);
    const same = await runCli(sendArgs(csv, "--order", String(ours)), env, dir);
    expect(same.code, same.stderr).toBe(0);
    expect(f.orders.get(ours)?.status).toBe("Paid");
    expect(stray.checkouts).toBe(0);
  });

  it("--order of an empty Draft that another unfinished send created is refused; that send then mails its own list", async () => {
    const { f, env, live, checkouts } = await world();
    const dir = tempDir();
    const a = writeCsv(dir, 6, "a.csv");
    const b = join(dir, "b.csv");
    writeFileSync(
      b,
      "first_name,last_name,street,city,state,zip\nAnn,Lee,1 Oak St,Austin,TX,78704\nBo,Kim,2 Oak St,Austin,TX,78704\n",
    );
    let victim: ReturnType<typeof runCli> | undefined;
    f.schedule = ({ method }) => {
      if (method !== "PUT" || !victim) return undefined;
      victim.child.kill("SIGKILL");
      victim = undefined;
      return { kind: "drop-before-apply" };
    };
    victim = runCli(sendArgs(a), env, dir);
    expect((await victim).signal).toBe("SIGKILL");
    const draft = live()[0];
    expect(draft?.recipients).toHaveLength(0);
    const adopt = await runCli(sendArgs(b, "--order", String(draft?.id)), env, dir);
    expect(adopt.code).toBe(2);
    expect(adopt.stderr).toContain(`Order ${draft?.id} is the order of another send`);
    expect(draft?.recipients).toHaveLength(0);
    const finish = await runCli(sendArgs(a), env, dir);
    expect(finish.code, finish.stderr).toBe(0);
    expect(live()).toHaveLength(1);
    expect(f.orders.get(draft?.id as number)?.recipients.map((r) => r.address.address1)).toHaveLength(6);
    expect(checkouts()).toBe(1);
  });

  it("a Draft left by a --dry-run is not checked out after another send mailed the same people (with --allow-repeat)", async () => {
    const { env, live, checkouts, dir, csv } = await drafted(5);
    expect((await runCli(sendArgs(csv, "--postage", "FirstClass"), env, dir)).code).toBe(5);
    const other = await runCli(sendArgs(csv, "--postage", "FirstClass", "--allow-repeat"), env, dir);
    expect(other.code, other.stderr).toBe(0);
    expect(checkouts()).toBe(1);
    const resumed = await runCli(sendArgs(csv), env, dir);
    expect(resumed.code, resumed.stderr).toBe(5);
    expect(resumed.stderr).toMatch(/These 5 recipients were already sent as order \d+/);
    expect(checkouts()).toBe(1);
    expect(live().filter((o) => o.status === "Paid")).toHaveLength(1);
  });

  it("a send stopped before its create, resumed with --order, still checks for repeats", async () => {
    const { f, env, live, checkouts } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 5);
    let victim: ReturnType<typeof runCli> | undefined;
    f.schedule = ({ method, path }) => {
      if (method !== "POST" || path !== "/v1/order" || !victim) return undefined;
      victim.child.kill("SIGKILL");
      victim = undefined;
      return { kind: "drop-before-apply" };
    };
    victim = runCli(sendArgs(csv), env, dir);
    expect((await victim).signal).toBe("SIGKILL");
    const other = await runCli(sendArgs(csv, "--postage", "FirstClass", "--allow-repeat"), env, dir);
    expect(other.code, other.stderr).toBe(0);
    const empty = f.seedOrder("Draft", 7);
    const adopt = await runCli(sendArgs(csv, "--order", String(empty.id)), env, dir);
    expect(adopt.code, adopt.stderr).toBe(5);
    expect(empty.recipients).toHaveLength(0);
    expect(checkouts()).toBe(1);
    expect(live().filter((o) => o.recipients.length > 0)).toHaveLength(1);
  });

  it("--restart --order of this send's own unpaid Draft keeps that Draft and sends on it", async () => {
    const { env, live, checkouts, dir, csv, orderId } = await drafted(5);
    const run = await runCli(sendArgs(csv, "--restart", "--order", String(orderId)), env, dir);
    expect(run.code, run.stderr).toBe(0);
    expect(live()).toHaveLength(1);
    expect(live()[0]?.id).toBe(orderId);
    expect(live()[0]?.status).toBe("Paid");
    expect(live()[0]?.recipients).toHaveLength(5);
    expect(checkouts()).toBe(1);
  });

  it("an order another send records in another --journal-dir cannot be adopted; that send then mails its own list on it", async () => {
    const { f, env, live, checkouts } = await world();
    const dir = tempDir();
    const a = writeCsv(dir, 6, "a.csv");
    const journal = join(tempDir(), "journal");
    let victim: ReturnType<typeof runCli> | undefined;
    f.schedule = ({ method }) => {
      if (method !== "PUT" || !victim) return undefined;
      victim.child.kill("SIGKILL");
      victim = undefined;
      return { kind: "drop-before-apply" };
    };
    victim = runCli(sendArgs(a, "--journal-dir", journal), env, dir);
    expect((await victim).signal).toBe("SIGKILL");
    const draft = live()[0];
    const adopt = await runCli(sendArgs(other(dir), "--order", String(draft?.id)), env, dir);
    expect(adopt.code).toBe(2);
    expect(adopt.stderr).toContain(`Order ${draft?.id} is the order of another send`);
    expect(draft?.recipients).toHaveLength(0);
    const finish = await runCli(sendArgs(a, "--journal-dir", journal), env, dir);
    expect(finish.code, finish.stderr).toBe(0);
    expect(live()).toHaveLength(1);
    expect(f.orders.get(draft?.id as number)?.recipients).toHaveLength(6);
    expect(checkouts()).toBe(1);
  });

  it("the same list with another --journal-dir is a repeat: after a paid send, a failed payment, or a dry run", async () => {
    const { f, env, live, checkouts } = await world({ paymentFails: true });
    const dir = tempDir();
    const csv = writeCsv(dir, 5);
    const journal = (name: string) => ["--journal-dir", join(dir, name)];
    // A failed payment in the user's own ledger: its order is open and was checked out.
    expect((await runCli(sendArgs(csv), env, dir)).code).toBe(1);
    const failed = await runCli(sendArgs(csv, ...journal("j1")), env, dir);
    expect(failed.code, failed.stderr).toBe(5);
    expect(failed.stderr).toMatch(/already on order \d+ .*which that send checked out/);
    f.options.paymentFails = false;
    expect((await runCli(sendArgs(csv), env, dir)).code).toBe(0);
    const paid = await runCli(sendArgs(csv, ...journal("j2")), env, dir);
    expect(paid.code, paid.stderr).toBe(5);
    expect(paid.stderr).toMatch(/These 5 recipients were already sent as order \d+/);
    // A dry run in one journal, then the same list in another, then in the user's own ledger.
    const list = other(tempDir());
    expect((await runCli(sendArgs(list, "--dry-run", ...journal("j3")), env, dir)).code).toBe(0);
    expect((await runCli(sendArgs(list, ...journal("j4")), env, dir)).code).toBe(5);
    expect((await runCli(sendArgs(list, "--postage", "FirstClass"), env, dir)).code).toBe(5);
    expect(live()).toHaveLength(2);
    expect(checkouts()).toBe(2);
    expect(live().filter((o) => o.status === "Paid")).toHaveLength(1);
  });
});

describe("what the fourth hostile review found, fixed", () => {
  const people = (dir: string, name: string, rows: string[]) => {
    const path = join(dir, name);
    writeFileSync(path, `first_name,last_name,street,city,state,zip\n${rows.join("\n")}\n`);
    return path;
  };
  const kill = (
    f: Awaited<ReturnType<typeof world>>["f"],
    when: (method: string, path: string) => boolean,
  ) => {
    let victim: ReturnType<typeof runCli> | undefined;
    f.schedule = ({ method, path }) => {
      if (!victim || !when(method, path)) return undefined;
      victim.child.kill("SIGKILL");
      victim = undefined;
      return { kind: "drop-before-apply" };
    };
    return (run: ReturnType<typeof runCli>) => {
      victim = run;
      return run;
    };
  };

  it("a run stopped after adopting an order, before its appends, checks every row on resume: each person once", async () => {
    const { f, env, state, live, checkouts } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 5);
    const order = f.seedOrder("Draft", 7);
    const first = join(tempDir(), "first.csv");
    writeFileSync(first, readFileSync(csv, "utf8").split("\n").slice(0, 3).join("\n"));
    expect((await runCli(["recipients", "add", String(order.id), "--csv", first], env, dir)).code).toBe(0);
    expect(order.recipients).toHaveLength(2);
    // Stopped at the appends' read-back: the entry already names the order.
    const adopted = () => {
      try {
        return JSON.parse(readFileSync(entryFile(state), "utf8")).orderId === order.id;
      } catch {
        return false;
      }
    };
    const watch = kill(f, (method, path) => method === "GET" && /\/recipients$/.test(path) && adopted());
    expect((await watch(runCli(sendArgs(csv, "--order", String(order.id)), env, dir))).signal).toBe(
      "SIGKILL",
    );
    const resumed = await runCli(sendArgs(csv), env, dir);
    expect(resumed.code, resumed.stderr).toBe(0);
    const streets = f.orders.get(order.id)?.recipients.map((r) => r.address.address1) ?? [];
    expect(streets).toHaveLength(5);
    expect(new Set(streets).size).toBe(5);
    expect(checkouts()).toBe(1);
    expect(live()).toHaveLength(1);
  });

  it("a send resumed after --restart --order of its own order is not blocked by its own earlier record", async () => {
    const { env, live, checkouts, dir, csv, orderId } = await drafted(5);
    const restart = await runCli(
      sendArgs(csv, "--restart", "--order", String(orderId), "--dry-run"),
      env,
      dir,
    );
    expect(restart.code, restart.stderr).toBe(0);
    const resumed = await runCli(sendArgs(csv), env, dir);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(live()).toHaveLength(1);
    expect(live()[0]?.status).toBe("Paid");
    expect(live()[0]?.recipients).toHaveLength(5);
    expect(checkouts()).toBe(1);
  });

  it("a refused --order leaves no registration behind: the send that owns the order finishes", async () => {
    const { env, live, checkouts, dir, csv, orderId } = await drafted(5);
    const other = await runCli(
      sendArgs(csv, "--postage", "FirstClass", "--order", String(orderId)),
      env,
      dir,
    );
    expect(other.code).toBe(2);
    expect(other.stderr).toContain("is the order of another send");
    const owner = await runCli(sendArgs(csv), env, dir);
    expect(owner.code, owner.stderr).toBe(0);
    expect(live()).toHaveLength(1);
    expect(live()[0]?.status).toBe("Paid");
    expect(checkouts()).toBe(1);
  });

  it("a refused --restart --order changes nothing: the send's Draft is neither deleted nor archived", async () => {
    const { env, live, checkouts } = await world();
    const dir = tempDir();
    const paid = people(dir, "paid.csv", ["Ann,Lee,1 Oak St,Austin,TX,78704"]);
    expect((await runCli(sendArgs(paid), env, dir)).code).toBe(0);
    const paidOrder = live()[0]?.id as number;
    const csv = writeCsv(dir, 5);
    expect((await runCli(sendArgs(csv, "--dry-run"), env, dir)).code).toBe(0);
    const draft = live().find((o) => o.id !== paidOrder)?.id as number;
    const typo = await runCli(sendArgs(csv, "--restart", "--order", String(paidOrder)), env, dir);
    expect(typo.code).toBe(2);
    expect(live().find((o) => o.id === draft)?.status).toBe("Draft");
    const again = await runCli(sendArgs(csv), env, dir);
    expect(again.code, again.stderr).toBe(0);
    expect(live().find((o) => o.id === draft)?.status).toBe("Paid");
    expect(live()).toHaveLength(2);
    expect(checkouts()).toBe(2);
  });

  it("a finished send whose order was checked out outside it reports it as sent, even when another send holds the same people", async () => {
    const { env, checkouts, dir, csv, orderId } = await drafted(5);
    expect((await runCli(["checkout", "submit", String(orderId), "--yes"], env, dir)).code).toBe(0);
    expect(
      (await runCli(sendArgs(csv, "--postage", "FirstClass", "--allow-repeat", "--dry-run"), env, dir)).code,
    ).toBe(0);
    const again = await runCli(sendArgs(csv), env, dir);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain("Already sent");
    expect(checkouts()).toBe(1);
  });

  it("every run that holds the order writes its owner record again", async () => {
    const { f, env, state, live } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 5);
    const watch = kill(f, (method) => method === "PUT");
    expect((await watch(runCli(sendArgs(csv), env, dir))).signal).toBe("SIGKILL");
    const orders = join(state, "orders");
    const owner = () => readdirSync(orders).filter((n) => n.endsWith(".owner"));
    expect(owner()).toHaveLength(1);
    rmSync(join(orders, owner()[0] as string));
    const resumed = await runCli(sendArgs(csv), env, dir);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(owner()).toHaveLength(1);
    expect(live()[0]?.recipients).toHaveLength(5);
  });

  /** The one journal record in the user's state directory. */
  const journalRecord = (state: string) =>
    join(state, "journals", readdirSync(join(state, "journals"))[0] as string);
  /** Sends a list no earlier send holds, which must go through. */
  const sendsAnotherList = async (env: Record<string, string>, dir: string) => {
    const other = await runCli(
      sendArgs(people(tempDir(), "other.csv", ["Ann,Lee,1 Oak St,Austin,TX,78704"])),
      env,
      dir,
    );
    expect(other.code, other.stderr).toBe(0);
  };

  it("a remembered journal that cannot be read stops the run instead of hiding its sends", async () => {
    const journal = join(tempDir(), "journal");
    const { env, state, live, checkouts, dir, csv } = await sentOnce(5, "--journal-dir", journal);
    const sends = join(journal, "sends");
    renameSync(sends, `${sends}.moved`);
    writeFileSync(sends, "not a directory");
    const again = await runCli(sendArgs(csv), env, dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`${sends}/.orderkit-ledger cannot be read (ENOTDIR)`);
    expect(again.stderr).toContain(`delete ${join(state, "journals")}`);
    expect(live()).toHaveLength(1);
    expect(checkouts()).toBe(1);
  });

  // How a journal's sends get lost, each with the command that then must not pay for the same
  // list again: the same command (its --journal-dir would be recreated empty), or the same list
  // through the user's own ledger.
  const lost: [string, (journal: string) => void][] = [
    ["deleted", (journal) => rmSync(journal, { recursive: true })],
    ["moved", (journal) => renameSync(journal, `${journal}.old`)],
    [
      "replaced by a dangling link",
      (journal) => {
        rmSync(journal, { recursive: true });
        symlinkSync(`${journal}.gone`, journal);
      },
    ],
    [
      "replaced by an empty directory (a mount point unmounted)",
      (journal) => {
        renameSync(journal, `${journal}.old`);
        mkdirSync(journal);
      },
    ],
    ["without its sends directory", (journal) => rmSync(join(journal, "sends"), { recursive: true })],
    [
      "whose sends directory is a dangling link",
      (journal) => {
        renameSync(join(journal, "sends"), join(journal, "sends.old"));
        symlinkSync(join(journal, "nowhere"), join(journal, "sends"));
      },
    ],
    [
      "whose sends directory links to an empty one",
      (journal) => {
        renameSync(join(journal, "sends"), join(journal, "sends.old"));
        mkdirSync(join(journal, "empty"));
        symlinkSync(join(journal, "empty"), join(journal, "sends"));
      },
    ],
  ];
  it.each(
    lost.flatMap(([how, lose]) => [
      [how, "the same command", lose, true] as const,
      [how, "the user's own ledger", lose, false] as const,
    ]),
  )(
    "a remembered journal %s stops %s, naming its record; deleting the record lets sends go on",
    async (_, __, lose, same) => {
      const journal = join(tempDir(), "journal");
      const { env, state, live, checkouts, dir, csv } = await sentOnce(5, "--journal-dir", journal);
      lose(journal);
      const again = await runCli(same ? sendArgs(csv, "--journal-dir", journal) : sendArgs(csv), env, dir);
      expect(again.code, again.stderr).toBe(2);
      const record = journalRecord(state);
      expect(again.stderr).toContain(`delete ${record}`);
      expect(live()).toHaveLength(1);
      expect(checkouts()).toBe(1);
      // The user says that journal's sends are gone for good (its record and registrations, as
      // the stop says): another list is sent.
      expect(again.stderr).toContain(`${join(state, "registered", basename(record))}.*`);
      rmSync(record);
      for (const name of readdirSync(join(state, "registered")))
        if (name.startsWith(`${basename(record)}.`)) rmSync(join(state, "registered", name));
      await sendsAnotherList(env, dir);
      expect(live()).toHaveLength(2);
    },
  );

  it("a journal given through a link is remembered by its real path: repointing the link hides nothing", async () => {
    const base = tempDir();
    mkdirSync(join(base, "a"));
    mkdirSync(join(base, "b"));
    symlinkSync(join(base, "a"), join(base, "current"));
    const { env, live, checkouts, dir, csv } = await sentOnce(5, "--journal-dir", join(base, "current"));
    rmSync(join(base, "current"));
    symlinkSync(join(base, "b"), join(base, "current"));
    for (const args of [sendArgs(csv), sendArgs(csv, "--journal-dir", join(base, "current"))])
      expect((await runCli(args, env, dir)).code).toBe(5);
    expect(live()).toHaveLength(1);
    expect(checkouts()).toBe(1);
  });

  it.each([
    ["emptied", (record: string) => writeFileSync(record, "")],
    ["made relative", (record: string) => writeFileSync(record, "journal")],
  ])("a journal record %s stops the run instead of hiding that journal", async (_, damage) => {
    const { env, state, live, checkouts, csv, dir } = await sentOnce(
      5,
      "--journal-dir",
      join(tempDir(), "journal"),
    );
    const record = journalRecord(state);
    damage(record);
    const again = await runCli(sendArgs(csv), env, dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`journal record ${record} is damaged`);
    expect(live()).toHaveLength(1);
    expect(checkouts()).toBe(1);
  });

  it("a --journal-dir that cannot be made a ledger (a dangling link, a file) is a usage error, exit 2", async () => {
    const { env, live } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 5);
    symlinkSync(join(dir, "nowhere"), join(dir, "dangling"));
    writeFileSync(join(dir, "file"), "x");
    for (const [journal, why] of [
      ["dangling", "is a link to nothing"],
      ["file", "is not a directory"],
    ] as const) {
      const run = await runCli(sendArgs(csv, "--journal-dir", join(dir, journal)), env, dir);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain(`cannot be made (ENOTDIR): ${join(dir, journal)} ${why}`);
    }
    // The parent at fault is named, not the deepest directory that was to be made.
    const locked = join(dir, "locked");
    mkdirSync(locked);
    const as = notWritableBy(locked, dir);
    // (A state directory of the CLI's user's own: the runs above made this one's as the test's.)
    const own = { ...env, ORDERKIT_STATE_DIR: join(dir, "own-state") };
    const run = await runCli(sendArgs(csv, "--journal-dir", join(locked, "a", "journal")), own, dir, as);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain(
      `${join(locked, "a", "journal", "sends")}, cannot be made (EACCES): this user cannot write in ${locked}`,
    );
    expect(live()).toHaveLength(0);
  });

  it("a state directory left by a `sudo orderkit send` that this user cannot write in: exit 2 naming it, nothing sent", async () => {
    const { env, state, live, checkouts } = await world();
    const dir = tempDir();
    const first = await runCli(sendArgs(writeCsv(dir, 3, "first.csv")), env, dir);
    expect(first.code, first.stderr).toBe(0);
    const as = notWritableBy(state, dir);
    for (const csv of [writeCsv(dir, 4, "second.csv"), join(dir, "first.csv")]) {
      const run = await runCli(sendArgs(csv), env, dir, as);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain(`${join(state, "orders")}, cannot be written (EACCES)`);
      expect(run.stderr).not.toContain(".tmp");
    }
    expect(live()).toHaveLength(1);
    expect(checkouts()).toBe(1);
  });

  it("any one directory a send writes in that this user cannot write in: exit 2 naming it, before any order is made", async () => {
    const { env, state, live } = await world();
    const dir = tempDir();
    const as = cliUser(dir, state);
    const journal = ["--journal-dir", join(dir, "journal")];
    const first = await runCli(sendArgs(writeCsv(dir, 3, "first.csv"), ...journal), env, dir, as);
    expect(first.code, first.stderr).toBe(0);
    // Other people than the first list's (a list that repeats them would stop for that).
    const second = people(dir, "second.csv", ["Ada,Other,9 Elm St,Austin,TX,78704"]);
    for (const target of [
      join(state, "orders"),
      join(state, "send-orders"),
      join(state, "registered"),
      join(state, "sends"),
      join(state, "journals"),
      join(dir, "journal", "sends"),
    ]) {
      chmodSync(target, 0o555);
      const run = await runCli(sendArgs(second, ...journal), env, dir, as);
      chmodSync(target, 0o700);
      expect(run.code, `${target}: ${run.stderr}`).toBe(2);
      expect(run.stderr).toContain(`${target}, cannot be written (EACCES)`);
      expect(run.stderr).toContain("Nothing was sent.");
      expect(live()).toHaveLength(1);
    }
    // The archive, once a --restart made it: checked too (a --restart deletes a Draft before it moves there).
    const archive = join(dir, "journal", "sends", "archive");
    mkdirSync(archive);
    chmodSync(archive, 0o555);
    const refused = await runCli(sendArgs(second, ...journal), env, dir, as);
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stderr).toContain(`${archive}, cannot be written (EACCES)`);
    rmSync(archive, { recursive: true });
    // A journal directory this user cannot even enter is named as such (not a file in it).
    const closed = join(dir, "closed");
    mkdirSync(closed);
    chmodSync(closed, "uid" in as ? 0o700 : 0);
    const shut = await runCli(sendArgs(second, "--journal-dir", closed), env, dir, as);
    chmodSync(closed, 0o700);
    expect(shut.code, shut.stderr).toBe(2);
    expect(shut.stderr).toContain(`${closed} cannot be entered by this user (EACCES)`);
    expect(live()).toHaveLength(1);
    const last = await runCli(sendArgs(second, ...journal), env, dir, as);
    expect(last.code, last.stderr).toBe(0);
    expect(live()).toHaveLength(2);
  });

  it("files a `sudo orderkit send` left in this user's state directory: exit 2 naming one, never taken for damaged (no --allow-repeat), nothing sent", async () => {
    const { env, state, live, checkouts } = await world();
    const dir = tempDir();
    const as = cliUser(dir, state);
    const mine = people(dir, "mine.csv", ["Ada,Other,9 Elm St,Austin,TX,78704"]);
    expect((await runCli(sendArgs(mine), env, dir, as)).code).toBe(0);
    // The sudo run: as root its files are root's (0600); else they are made unreadable as such.
    const sudoList = writeCsv(dir, 5, "sudo.csv");
    const sudo = await runCli(sendArgs(sudoList), env, dir);
    expect(sudo.code, sudo.stderr).toBe(0);
    const files = readdirSync(state, { recursive: true })
      .map((name) => join(state, String(name)))
      .filter((path) => statSync(path).isFile());
    const root = "uid" in as;
    // First only its ledger entry cannot be read (its recipients file can): then every file.
    for (const unreadable of [(path: string) => path.endsWith(".json"), () => true]) {
      for (const path of files) chmodSync(path, unreadable(path) ? (root ? 0o600 : 0) : 0o644);
      // The same list again, and a list holding the sudo run's people: stopped, naming the file.
      for (const csv of [sudoList, writeCsv(dir, 8, "overlap.csv")]) {
        const run = await runCli(sendArgs(csv), env, dir, as);
        expect(run.code, run.stderr).toBe(2);
        expect(run.stderr).toMatch(/ cannot be read by this user \(EACCES\): it belongs to another/);
        expect(run.stderr).toContain(`sudo chown -R "$(id -un)" ${state}`);
        expect(run.stderr).not.toContain("--allow-repeat");
        expect(run.stderr).not.toContain("damaged");
      }
    }
    expect(live()).toHaveLength(2);
    expect(checkouts()).toBe(2);
  });

  it("the people kept for an order, in a file another user left (a sudo run's): exit 2 naming it, never people that could not be read (no --allow-repeat)", async () => {
    const { env, state, live } = await world();
    const dir = tempDir();
    const as = cliUser(dir, state);
    const list = (name: string, names: string[]) =>
      people(
        dir,
        name,
        names.map((who, i) => `${who},Doe,${100 + i} ${name} St,Austin,TX,78704`),
      );
    expect((await runCli(sendArgs(list("p.csv", ["Ann", "Bob"])), env, dir, as)).code).toBe(0);
    // Recorded as orderkit 0.1.0 did: other sends read its order's people from the server, and keep them.
    const entry = entryFile(state);
    const { foldedKeys: _, ...as010 } = JSON.parse(readFileSync(entry, "utf8"));
    writeFileSync(entry, JSON.stringify(as010));
    // Accented names: lists 0.1.0 may have keyed otherwise, which check its orders' people.
    expect((await runCli(sendArgs(list("q.csv", ["Zoë"])), env, dir, as)).code).toBe(0);
    const [kept] = readdirSync(join(state, "orders")).filter((name) => name.endsWith(".people"));
    const keptFile = join(state, "orders", kept as string);
    if ("uid" in as) chownSync(keptFile, 0, 0);
    chmodSync(keptFile, "uid" in as ? 0o600 : 0);
    for (const extra of [[], ["--allow-repeat"]]) {
      const run = await runCli(sendArgs(list("r.csv", ["Renée"]), ...extra), env, dir, as);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain(`${keptFile} cannot be read by this user (EACCES)`);
    }
    expect(live()).toHaveLength(2);
  });

  it("the journals list as a dangling link stops the run", async () => {
    const { env, state, live, checkouts, csv, dir } = await sentOnce(
      5,
      "--journal-dir",
      join(tempDir(), "journal"),
    );
    renameSync(join(state, "journals"), join(state, "journals.old"));
    symlinkSync(join(state, "nowhere"), join(state, "journals"));
    const again = await runCli(sendArgs(csv), env, dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`${join(state, "journals")} cannot be read (a dangling link)`);
    expect(live()).toHaveLength(1);
    expect(checkouts()).toBe(1);
  });

  it("a journal whose only send was refused is not remembered: deleting it blocks nothing", async () => {
    const { env, state, live, dir, csv } = await sentOnce(5);
    const scratch = join(tempDir(), "scratch");
    expect((await runCli(sendArgs(csv, "--journal-dir", scratch), env, dir)).code).toBe(5);
    expect(existsSync(join(state, "journals"))).toBe(false);
    rmSync(scratch, { recursive: true });
    await sendsAnotherList(env, dir);
    expect(live()).toHaveLength(2);
  });

  it("one journal reached by two spellings is one ledger: a send stopped before its create finishes through the other", async () => {
    const { f, env, live, checkouts } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 5);
    const journal = join(tempDir(), "journal");
    const alias = join(tempDir(), "alias");
    symlinkSync(journal, alias);
    expect(
      (
        await runCli(
          sendArgs(
            people(tempDir(), "x.csv", ["Zed,Roe,9 Elm St,Austin,TX,78704"]),
            "--dry-run",
            "--journal-dir",
            journal,
          ),
          env,
          dir,
        )
      ).code,
    ).toBe(0);
    const stop = kill(f, (method, path) => method === "POST" && path === "/v1/order");
    expect((await stop(runCli(sendArgs(csv, "--journal-dir", alias), env, dir))).signal).toBe("SIGKILL");
    const again = await runCli(sendArgs(csv, "--journal-dir", journal), env, dir);
    expect(again.code, again.stderr).toBe(0);
    const ours = live().filter((o) => o.recipients.length === 5);
    expect(ours).toHaveLength(1);
    expect(ours[0]?.status).toBe("Paid");
    expect(checkouts()).toBe(1);
  });

  it("--restart --order of the send's own order that can no longer take recipients is refused before anything is archived", async () => {
    const { env, live, dir, csv } = await drafted(5);
    expect((await runCli(sendArgs(csv), env, dir)).code).toBe(0);
    const orderId = live()[0]?.id as number;
    const restart = await runCli(sendArgs(csv, "--restart", "--order", String(orderId)), env, dir);
    expect(restart.code).toBe(2);
    const again = await runCli(sendArgs(csv), env, dir);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain("Already sent");
    expect(live()).toHaveLength(1);
  });
});

/** The orders (not deleted) that hold anyone, as `id:status:recipients`. */
const holding = (live: () => { id: number; recipients: unknown[]; status: string }[]) =>
  live()
    .filter((o) => o.recipients.length > 0)
    .map((o) => `${o.id}:${o.status}:${o.recipients.length}`);

/** Edits the ledger entry `file` to name `orderId`, an open order holding no one (an attacker's edit). */
function pointEntryAt(file: string, orderId: number): void {
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
function entryBeforeOrder(file: string, also: Record<string, unknown> = {}): void {
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

describe("what the fifth hostile review found, fixed (review 134)", () => {
  it("an order adopted with --order counts for every template: a later send of its people with the order's real template is a repeat", async () => {
    const { f, env, live, checkouts } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 6);
    const draft = f.seedOrder("Draft", 5555);
    const adopted = await runCli(sendFrom(12345, csv, "--order", String(draft.id)), env, dir);
    expect(adopted.code, adopted.stderr).toBe(0);
    expect(draft.status).toBe("Paid");
    const again = await runCli(sendFrom(5555, csv), env, dir);
    expect(again.code, again.stderr).toBe(5);
    expect(holding(live)).toHaveLength(1);
    expect(live()).toHaveLength(1);
    expect(checkouts()).toBe(1);
  });

  it("a send that adopts an order is checked against sends of every template: people already mailed are a repeat", async () => {
    const { f, env, live, checkouts } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 6);
    expect((await runCli(sendFrom(5555, csv), env, dir)).code).toBe(0);
    const draft = f.seedOrder("Draft", 5555);
    const adopting = await runCli(sendFrom(12345, csv, "--order", String(draft.id)), env, dir);
    expect(adopting.code, adopting.stderr).toBe(5);
    expect(draft.recipients).toHaveLength(0);
    expect(draft.status).toBe("Draft");
    expect(holding(live)).toHaveLength(1);
    expect(checkouts()).toBe(1);
    // With --allow-repeat, the user's say-so, it goes on.
    const anyway = await runCli(
      sendFrom(12345, csv, "--order", String(draft.id), "--allow-repeat"),
      env,
      dir,
    );
    expect(anyway.code, anyway.stderr).toBe(0);
    expect(draft.status).toBe("Paid");
  });

  it("an option given another option as its value, or a value option given twice, is refused before any request", async () => {
    const { f, env, live } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 3);
    const other = writeCsv(tempDir(), 3);
    for (const [args, shown] of [
      [sendArgs(csv, "--proof", "--dry-run"), "option '--proof <file.pdf>' took '--dry-run' as its value"],
      [sendArgs(csv, "--rejects", "--skip-invalid"), "took '--skip-invalid'"],
      [sendArgs(csv, "--proof", "--api-key=LL-secret-typed-4411"), "--proof"],
      [sendArgs(csv, "--rejects", "--api-key", "LL-secret-typed-4411"), "--rejects"],
      [[...sendArgs(csv), "--template", "13"], "option '--template <id>' is given more than once"],
      [[...sendArgs(csv), "--csv", other], "option '--csv <file>' is given more than once"],
      [
        ["--base-url", f.url, ...sendArgs(csv), `--base-url=${f.url}`],
        "option '--base-url <url>' is given more than once",
      ],
    ] as const) {
      for (const json of [[], ["--json"]]) {
        const run = await runCli([...args, ...json], env, dir);
        expect(run.code, run.stderr).toBe(2);
        expect(run.stderr).toContain(shown);
        expect(run.stderr + run.stdout).not.toContain("LL-secret-typed-4411");
      }
    }
    expect(existsSync(join(dir, "--dry-run"))).toBe(false);
    expect(f.requests).toHaveLength(0);
    expect(live()).toHaveLength(0);
    // A repeatable option stays repeatable, and a value that is no option of the command is a value.
    const mapped = await runCli(
      sendArgs(csv, "--map", "first_name=first_name", "--map", "last_name=last_name", "--dry-run"),
      env,
      dir,
    );
    expect(mapped.code, mapped.stderr).toBe(0);
  });

  it("a proof or rejects file inside the state directory is refused before anything is sent; a ledger entry made a directory is named", async () => {
    const { env, state, live } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 3);
    expect((await runCli(sendArgs(csv, "--dry-run"), env, dir)).code).toBe(0);
    const file = entryFile(state);
    const before = readFileSync(file, "utf8");
    for (const extra of [
      ["--proof", file],
      ["--skip-invalid", "--rejects", join(state, "sends", "rejects.csv")],
    ]) {
      const run = await runCli(sendArgs(csv, ...extra), env, dir);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain("is inside orderkit's state directory");
    }
    expect(readFileSync(file, "utf8")).toBe(before);
    expect(live()[0]?.status).toBe("Draft");
    rmSync(file);
    mkdirSync(file);
    const run = await runCli(sendArgs(csv), env, dir);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain(`${file} is damaged: it is a directory`);
    expect(live()[0]?.status).toBe("Draft");
  });

  it("a base URL with a user and password is refused without quoting them", async () => {
    const { env } = await world();
    const run = await runCli(["--base-url", "http://me:LL-API-secret-9931@127.0.0.1:9/api", "me"], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--base-url");
    expect(run.stderr).not.toContain("LL-API-secret-9931");
  });

  it("an entry edited to name an order this send never made nor adopted stops before anything is appended or paid", async () => {
    const { f, env, state, live, checkouts } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 8);
    expect((await runCli(sendArgs(csv), env, dir)).code).toBe(0);
    const paid = live()[0];
    const stray = f.seedOrder("Draft", 901);
    const file = entryFile(state);
    pointEntryAt(file, stray.id);
    for (const extra of [[], ["--order", String(stray.id)]]) {
      const run = await runCli(sendArgs(csv, ...extra), env, dir);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain(`it names order ${stray.id}, which this send neither made nor adopted`);
    }
    expect(stray.recipients).toHaveLength(0);
    expect(stray.status).toBe("Draft");
    expect(paid?.status).toBe("Paid");
    expect(checkouts()).toBe(1);
  });
});

describe("what the sixth hostile review found, fixed (review 135)", () => {
  /** Adopts a Draft of template 5555 with --template 12345 and pays it; returns the world and the entry. */
  async function adoptedAndPaid() {
    const w = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 6);
    const draft = w.f.seedOrder("Draft", 5555);
    const run = await runCli(sendFrom(12345, csv, "--order", String(draft.id)), w.env, dir);
    expect(run.code, run.stderr).toBe(0);
    return { ...w, dir, csv, draft, file: entryFile(w.state) };
  }

  it("a send of another template that registers while an adopting send reads its order sees the adoption", async () => {
    const { f, env, state, live } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 6);
    const draft = f.seedOrder("Draft", 5555);
    // The adopting send's first read of the order waits 2 s: its entry is registered by then.
    let slowed = false;
    f.schedule = ({ method, path }) => {
      if (slowed || method !== "GET" || !path.startsWith(`/v1/order/${draft.id}`)) return undefined;
      slowed = true;
      return { kind: "delay", ms: 2000 };
    };
    const adopting = runCli(sendFrom(12345, csv, "--order", String(draft.id)), env, dir);
    const sends = join(state, "sends");
    while (!existsSync(sends) || !readdirSync(sends).some((n) => n.endsWith(".json")))
      await new Promise((r) => setTimeout(r, 20));
    const other = await runCli(sendFrom(5555, csv), env, dir);
    const first = await adopting;
    expect([first.code, other.code].sort(), `${first.stderr}\n${other.stderr}`).toEqual([0, 5]);
    expect(holding(live)).toEqual([`${draft.id}:Paid:6`]);
  });

  it("an adopted send's entry from before `adopted` was kept, or cut short, still counts for every template", async () => {
    for (const damage of [
      (text: string) => {
        const entry = JSON.parse(text);
        delete entry.adopted;
        return JSON.stringify(entry);
      },
      (text: string) => text.slice(0, Math.floor(text.length / 2)),
    ]) {
      const { env, live, dir, csv, draft, file } = await adoptedAndPaid();
      writeFileSync(file, damage(readFileSync(file, "utf8")));
      const again = await runCli(sendFrom(5555, csv), env, dir);
      expect(again.code, again.stderr).toBe(5);
      expect(holding(live)).toEqual([`${draft.id}:Paid:6`]);
    }
  });

  it("an adopted order found again by an entry restored from before the adoption stays adopted", async () => {
    const { env, live, dir, csv, draft, file } = await adoptedAndPaid();
    entryBeforeOrder(file);
    const resumed = await runCli(sendFrom(12345, csv), env, dir);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(readFileSync(file, "utf8")).adopted).toBe(true);
    const again = await runCli(sendFrom(5555, csv), env, dir);
    expect(again.code, again.stderr).toBe(5);
    expect(holding(live)).toEqual([`${draft.id}:Paid:6`]);
  });

  it("--order of the send's own Draft behaves as the same command without it: its template is known", async () => {
    const { env, state, live } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 6);
    expect((await runCli(sendFrom(5555, csv), env, dir)).code).toBe(0);
    expect((await runCli(sendFrom(12345, csv, "--dry-run"), env, dir)).code).toBe(0);
    const own = live().find((o) => o.status === "Draft")?.id as number;
    const run = await runCli(sendFrom(12345, csv, "--order", String(own)), env, dir);
    expect(run.code, run.stderr).toBe(0);
    expect(live().find((o) => o.id === own)?.status).toBe("Paid");
    const entries = readdirSync(join(state, "sends")).filter((n) => n.endsWith(".json"));
    const ownEntry = entries
      .map((n) => JSON.parse(readFileSync(join(state, "sends", n), "utf8")))
      .find((e) => e.orderId === own);
    expect(ownEntry?.adopted).not.toBe(true);
  });

  it("review 136: a lost entry, then --order of its adopted, paid order (as the message says), finds the order: other templates still see the adoption", async () => {
    const { env, live, dir, csv, draft, file } = await adoptedAndPaid();
    rmSync(file);
    expect((await runCli(sendFrom(5555, csv, "--dry-run"), env, dir)).code).toBe(5);
    const named = await runCli(sendFrom(12345, csv, "--order", String(draft.id)), env, dir);
    expect(named.code, named.stderr).toBe(0);
    expect(named.stderr).toContain(`This send already has order ${draft.id}`);
    const other = await runCli(sendFrom(5555, csv), env, dir);
    expect(other.code, other.stderr).toBe(5);
    expect(holding(live)).toEqual([`${draft.id}:Paid:6`]);
  });

  it("review 136: an entry restored from before its adoption (no order, no mark) still counts for every template, by its records", async () => {
    const { env, live, dir, csv, draft, file } = await adoptedAndPaid();
    // As a plain run left it, stopped during its create, before --order adopted the Draft.
    entryBeforeOrder(file, { createStarted: true, draftsBefore: [] });
    const other = await runCli(sendFrom(5555, csv), env, dir);
    expect(other.code, other.stderr).toBe(5);
    expect(holding(live)).toEqual([`${draft.id}:Paid:6`]);
  });

  it("review 136: an adopted entry edited to name another order stops too", async () => {
    const { f, env, dir, csv, draft, file, checkouts } = await adoptedAndPaid();
    const stray = f.seedOrder("Draft", 901);
    expect(JSON.parse(readFileSync(file, "utf8")).adopted).toBe(true);
    pointEntryAt(file, stray.id);
    const run = await runCli(sendFrom(12345, csv), env, dir);
    expect(run.code, run.stderr).toBe(2);
    expect(stray.recipients).toHaveLength(0);
    expect(draft.status).toBe("Paid");
    expect(checkouts()).toBe(1);
  });

  it("review 136: an adoption stopped before it read the order, then the send making its own order: that order's template is known", async () => {
    const { f, env, live } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 6);
    const draft = f.seedOrder("Draft", 5555);
    let victim: ReturnType<typeof runCli> | undefined;
    f.schedule = ({ method, path }) => {
      if (!victim || method !== "GET" || !path.startsWith(`/v1/order/${draft.id}`)) return undefined;
      victim.child.kill("SIGKILL");
      victim = undefined;
      return { kind: "drop-before-apply" };
    };
    victim = runCli(sendFrom(12345, csv, "--order", String(draft.id)), env, dir);
    expect((await victim).signal).toBe("SIGKILL");
    const own = await runCli(sendFrom(12345, csv), env, dir);
    expect(own.code, own.stderr).toBe(0);
    const other = await runCli(sendFrom(5555, csv), env, dir);
    expect(other.code, other.stderr).toBe(0);
    expect(draft.recipients).toHaveLength(0);
    expect(holding(live)).toHaveLength(2);
  });

  it("review 137: a send that adopted an order, then restarted and made its own, counts for every template only through the adopted order", async () => {
    const { f, env, live } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 6);
    const draft = f.seedOrder("Draft", 5555);
    expect(
      (await runCli(sendFrom(12345, csv, "--order", String(draft.id), "--dry-run"), env, dir)).code,
    ).toBe(0);
    const restarted = await runCli(sendFrom(12345, csv, "--restart"), env, dir);
    expect(restarted.code, restarted.stderr).toBe(0);
    const other = await runCli(sendFrom(5555, csv), env, dir);
    expect(other.code, other.stderr).toBe(0);
    expect(holding(live).filter((o) => o.endsWith(":Paid:6"))).toHaveLength(2);
  });

  it("a short option's attached value counts as given; a URL's password is masked whatever it holds; proof -o may not write in the state directory", async () => {
    const { f, env, state } = await world();
    const order = f.seedOrder();
    const dir = tempDir();
    for (const args of [
      ["proof", String(order.id), "-oa.pdf", "-ob.pdf"],
      ["proof", String(order.id), "-oa.pdf", "-o", "b.pdf"],
    ]) {
      const run = await runCli(args, env, dir);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain("is given more than once");
    }
    expect(f.requests).toHaveLength(0);
    for (const url of [
      "http://me:pa@ss-SECRET1@127.0.0.1:9/api",
      "http://me:ab/SECRET4'#x@127.0.0.1:9/api",
    ]) {
      const run = await runCli(["--base-url", url, "me"], env, dir);
      expect(run.code).toBe(2);
      expect(run.stderr).not.toMatch(/SECRET/);
    }
    mkdirSync(join(state, "sends"), { recursive: true });
    const into = await runCli(["proof", String(order.id), "-o", join(state, "sends", "x.json")], env, dir);
    expect(into.code, into.stderr).toBe(2);
    expect(into.stderr).toContain("is inside orderkit's state directory");
    expect(existsSync(join(state, "sends", "x.json"))).toBe(false);
  });
});
