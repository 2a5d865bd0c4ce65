import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { hostname, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { serverKey } from "@orderkit/client";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { writeAtomic } from "../src/ledger/atomic.js";
import { Ledger, normalizeHost } from "../src/ledger/ledger.js";
import { FileLock, LockedError, ownPidSpace, PIDS, SINCE, whileLocked } from "../src/ledger/lock.js";

const lockFile = (owner: { pid: number; host?: string; pids?: string | undefined; since?: string }) => {
  const path = join(mkdtempSync(join(tmpdir(), "orderkit-lock-")), "x.lock");
  writeFileSync(path, JSON.stringify({ host: hostname(), startedAt: "2026-01-01T00:00:00Z", ...owner }));
  return path;
};

describe("FileLock", () => {
  it("a lock recorded under this very pid is never broken: two containers sharing a state volume and a hostname both run as pid 1", async () => {
    const path = lockFile({ pid: process.pid });
    await expect(new FileLock(path).acquire("A write on order 7")).rejects.toBeInstanceOf(LockedError);
    expect(JSON.parse(readFileSync(path, "utf8")).startedAt).toBe("2026-01-01T00:00:00Z");
  });

  it("a lock of a dead process on this host is broken and taken", async () => {
    const path = lockFile({ pid: 2 ** 22 + 12345 });
    const lock = new FileLock(path);
    await lock.acquire("A write on order 7");
    expect(JSON.parse(readFileSync(path, "utf8")).pid).toBe(process.pid);
    await lock.release();
  });

  it("a lock of another live process on this host, or of another host, is never broken", async () => {
    for (const owner of [{ pid: process.ppid }, { pid: 999_999, host: "another-host" }]) {
      const path = lockFile(owner);
      await expect(new FileLock(path).acquire("A write on order 7")).rejects.toBeInstanceOf(LockedError);
      expect(JSON.parse(readFileSync(path, "utf8")).pid).toBe(owner.pid);
    }
  });

  it("review 155: a lock whose pid runs but started at another time than recorded (the pid reused since its owner ended) is broken and taken; at the recorded time, on another clock, or with a start that is not one, it is never broken", async () => {
    // The time vitest's own process started, as its lock would record it.
    const stat = (() => {
      try {
        return readFileSync(`/proc/${process.ppid}/stat`, "utf8");
      } catch {
        return undefined;
      }
    })();
    // Not Linux, or a /proc of another pid namespace: no start times are recorded or compared.
    if (SINCE === undefined || PIDS === undefined) {
      expect(stat === undefined || SINCE === undefined).toBe(true);
      return;
    }
    expect(stat).toBeDefined();
    const ticks = Number((stat as string).slice((stat as string).lastIndexOf(")") + 2).split(" ")[19]);
    const clock = SINCE.slice(SINCE.indexOf(" ") + 1);
    const refused = async (since: unknown) => {
      const path = lockFile({ pid: process.ppid, pids: PIDS, since: since as string });
      await expect(new FileLock(path).acquire("A write on order 7")).rejects.toBeInstanceOf(LockedError);
      expect(JSON.parse(readFileSync(path, "utf8")).pid).toBe(process.ppid);
    };
    await refused(`${ticks} ${clock}`);
    // Another time namespace's clock (ticks shifted by its offset), a number, nonsense: not compared.
    await refused(`${ticks + 1} time:[1]`);
    await refused(ticks + 1);
    await refused("x");
    await refused(`${ticks + 1}`);
    // Ticks that are not as /proc writes them (review 157): not compared either.
    for (const odd of ["x", "", "1e3", `0${ticks}`, ` ${ticks + 1}`]) await refused(`${odd} ${clock}`);
    const reused = lockFile({ pid: process.ppid, pids: PIDS, since: `${ticks + 1} ${clock}` });
    const lock = new FileLock(reused);
    await lock.acquire("A write on order 7");
    const taken = JSON.parse(readFileSync(reused, "utf8"));
    expect(taken.pid).toBe(process.pid);
    expect(taken.since).toBe(SINCE);
    await lock.release();
  });

  it("review 157: start times are read only through a /proc of the process's own pid namespace, however its pids line up", () => {
    const status = (nspid: string) =>
      `Name:\tnode\nPid:\t${nspid.split("\t")[0]}\nNSpid:\t${nspid}\nNSpgid:\t1\n`;
    expect(ownPidSpace(status("4242"), 4242)).toBe(true);
    // The host's /proc seen from a child namespace: a pid a level, even when the two are equal.
    expect(ownPidSpace(status("30000\t30000"), 30000)).toBe(false);
    expect(ownPidSpace(status("30160\t2"), 2)).toBe(false);
    expect(ownPidSpace(status("42420"), 4242)).toBe(false);
    // A kernel without the line.
    expect(ownPidSpace("Name:\tnode\nPid:\t4242\n", 4242)).toBe(false);
    // This process, on this machine, as the module read it: start times are recorded only then.
    let own = false;
    try {
      own = ownPidSpace(readFileSync("/proc/self/status", "utf8"), process.pid);
    } catch {}
    expect(SINCE !== undefined).toBe(own);
  });

  it("review 158: where the pid space cannot be read (a sandbox without /proc) on Linux, the lock names one no other process shares: its owner is never judged by a pid of another pid space", async () => {
    vi.resetModules();
    vi.doMock("node:fs", async (original) => {
      const fs = await original<typeof import("node:fs")>();
      const denied = (path: unknown) => String(path).startsWith("/proc/");
      return {
        ...fs,
        readFileSync: ((path: unknown, ...rest: unknown[]) => {
          if (denied(path)) throw Object.assign(new Error("ENOENT"), { code: "ENOENT" });
          return (fs.readFileSync as (...a: unknown[]) => unknown)(path, ...rest);
        }) as typeof fs.readFileSync,
        readlinkSync: ((path: unknown, ...rest: unknown[]) => {
          if (denied(path)) throw Object.assign(new Error("ENOENT"), { code: "ENOENT" });
          return (fs.readlinkSync as (...a: unknown[]) => unknown)(path, ...rest);
        }) as typeof fs.readlinkSync,
      };
    });
    try {
      const sandboxed = await import("../src/ledger/lock.js");
      if (process.platform !== "linux") {
        expect(sandboxed.PIDS).toBeUndefined();
        return;
      }
      expect(sandboxed.PIDS).toMatch(/^unreadable\/[0-9a-f]{16}$/);
      expect(sandboxed.SINCE).toBeUndefined();
      // Its lock, read by a process that can read its own pid space: another pid space's, never
      // broken, whatever runs (or not) under that pid here.
      const path = lockFile({ pid: 2 ** 22 + 7, pids: sandboxed.PIDS });
      await expect(new FileLock(path).acquire("A write on order 7")).rejects.toThrow(
        /taken in another pid space/,
      );
      expect(JSON.parse(readFileSync(path, "utf8")).pid).toBe(2 ** 22 + 7);
    } finally {
      vi.doUnmock("node:fs");
      vi.resetModules();
    }
  });

  it("many processes taking one lock at once: one holds it, every other is told it runs elsewhere, never that the lock cannot be read", async () => {
    const dir = mkdtempSync(join(tmpdir(), "orderkit-lock-"));
    for (let round = 0; round < 60; round++) {
      const path = join(dir, `r${round}.lock`);
      const tries = Array.from({ length: 4 }, () => new FileLock(path));
      const outcomes = await Promise.allSettled(tries.map((lock) => lock.acquire("This send")));
      const won = outcomes.filter((o) => o.status === "fulfilled");
      expect(won).toHaveLength(1);
      for (const o of outcomes)
        if (o.status === "rejected")
          expect(String(o.reason.message)).toMatch(/in progress in another process/);
      expect(JSON.parse(readFileSync(path, "utf8")).pid).toBe(process.pid);
      await Promise.all(tries.map((lock) => lock.release()));
    }
    // No draft is left beside the locks.
    expect(readdirSync(dir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("a lock file still being written (empty for a moment, as an older orderkit wrote it) is read again, not called unreadable", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "orderkit-lock-")), "x.lock");
    writeFileSync(path, "");
    setTimeout(
      () =>
        writeFileSync(
          path,
          JSON.stringify({ pid: process.ppid, host: hostname(), startedAt: "2026-01-01T00:00:00Z" }),
        ),
      100,
    );
    await expect(new FileLock(path).acquire("This send")).rejects.toThrow(/in progress in another process/);
  });

  /** The claim a clearer makes on a stale lock holding `text` (see lock.ts's breakStale). */
  const claimOf = (path: string, text: string) =>
    `${path}.break-${createHash("sha256").update(text).digest("hex").slice(0, 16)}`;
  const DEAD = 2 ** 22 + 12345;

  it("a stale lock broken by many at once, each starting at its own moment, a dead clearer's claim left or not: exactly one takes it, and no claim is left (seeded)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "orderkit-lock-"));
    let round = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 2, maxLength: 6 }),
        fc.boolean(),
        async (delays, deadClearer) => {
          const path = join(dir, `r${round++}.lock`);
          const stale = JSON.stringify({ pid: DEAD, host: hostname(), startedAt: "2026-01-01T00:00:00Z" });
          writeFileSync(path, stale);
          if (deadClearer)
            writeFileSync(
              claimOf(path, stale),
              JSON.stringify({ pid: DEAD + 1, host: hostname(), startedAt: "2026-01-01T00:00:01Z" }),
            );
          const tries = delays.map(() => new FileLock(path));
          const outcomes = await Promise.allSettled(
            tries.map(async (lock, i) => {
              await new Promise((r) => setTimeout(r, delays[i]));
              await lock.acquire("This send");
            }),
          );
          expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
          for (const o of outcomes) if (o.status === "rejected") expect(o.reason).toBeInstanceOf(LockedError);
          expect(JSON.parse(readFileSync(path, "utf8")).pid).toBe(process.pid);
          await Promise.all(tries.map((lock) => lock.release()));
          expect(readdirSync(dir).filter((name) => name.startsWith(`r${round - 1}.`))).toEqual([]);
        },
      ),
      { seed: 20261203, numRuns: 40 },
    );
    rmSync(dir, { recursive: true, force: true });
  });

  it("a stale lock another live process is clearing is left to it, and the message names its claim; a claim whose clearer died is cleared at once", async () => {
    const path = lockFile({ pid: DEAD });
    const stale = readFileSync(path, "utf8");
    const claim = claimOf(path, stale);
    writeFileSync(
      claim,
      JSON.stringify({ pid: process.ppid, host: hostname(), startedAt: "2026-01-01T00:00:01Z" }),
    );
    const refused = new FileLock(path).acquire("This send");
    await expect(refused).rejects.toBeInstanceOf(LockedError);
    // The clearer is named, so that a user told to delete its claim can first check it has ended.
    await expect(refused).rejects.toThrow(`pid ${process.ppid} on ${hostname()} is clearing it (${claim})`);
    await expect(refused).rejects.toThrow(`If pid ${process.ppid} has ended, delete ${claim}`);
    expect(readFileSync(path, "utf8")).toBe(stale);
    expect(existsSync(claim)).toBe(true);
    writeFileSync(
      claim,
      JSON.stringify({ pid: DEAD + 1, host: hostname(), startedAt: "2026-01-01T00:00:01Z" }),
    );
    const lock = new FileLock(path);
    await lock.acquire("This send");
    expect(JSON.parse(readFileSync(path, "utf8")).pid).toBe(process.pid);
    expect(existsSync(claim)).toBe(false);
    await lock.release();
  });

  it("a lock of another pid space under this host name (another container, another machine) is never broken, though its pid is not running here", async () => {
    const probe = join(mkdtempSync(join(tmpdir(), "orderkit-lock-")), "probe.lock");
    const mine = new FileLock(probe);
    await mine.acquire("A probe");
    const pids = JSON.parse(readFileSync(probe, "utf8")).pids as string | undefined;
    await mine.release();
    if (process.platform === "linux") expect(pids).toMatch(/^[0-9a-f-]{36}\/pid:\[\d+\]$/);
    const elsewhere = lockFile({ pid: DEAD, pids: "0000/pid:[1]" });
    await expect(new FileLock(elsewhere).acquire("This send")).rejects.toThrow(
      `This send is locked by ${elsewhere}, taken in another pid space (pid ${DEAD} on ${hostname()}`,
    );
    expect(JSON.parse(readFileSync(elsewhere, "utf8")).pid).toBe(DEAD);
    // The same pid space (or a lock that names none, as older versions wrote): dead, so broken.
    for (const owner of [{ pid: DEAD, pids }, { pid: DEAD }]) {
      const here = lockFile(owner);
      const lock = new FileLock(here);
      await lock.acquire("This send");
      expect(JSON.parse(readFileSync(here, "utf8")).pid).toBe(process.pid);
      await lock.release();
    }
  });

  it("a release deletes only the lock this process wrote, never one another process took in its place", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "orderkit-lock-")), "x.lock");
    const lock = new FileLock(path);
    await lock.acquire("This send");
    const theirs = JSON.stringify({ pid: process.ppid, host: hostname(), startedAt: "2026-01-01T00:00:02Z" });
    writeFileSync(path, theirs);
    await lock.release();
    expect(readFileSync(path, "utf8")).toBe(theirs);
    const again = new FileLock(`${path}2`);
    await again.acquire("This send");
    writeFileSync(`${path}2`, theirs);
    again.releaseSync();
    expect(readFileSync(`${path}2`, "utf8")).toBe(theirs);
  });

  it("a claim that cannot be read is named, never called a clearer at work; the caller's consequence is said in every refusal", async () => {
    const path = lockFile({ pid: DEAD });
    const claim = claimOf(path, readFileSync(path, "utf8"));
    writeFileSync(claim, "");
    const said = "This run made order 9 and mailed nobody.";
    const refused = new FileLock(path).acquire("This send", said);
    await expect(refused).rejects.toThrow(
      `the claim of the run clearing it, ${claim}, cannot be read. ${said}`,
    );
    const live = lockFile({ pid: process.ppid });
    await expect(new FileLock(live).acquire("This send", said)).rejects.toThrow(said);
    await expect(new FileLock(live).acquire("This send", said)).rejects.not.toThrow("Nothing was sent");
  });

  it("a lock or a claim that is a directory, or a link to nothing, is named as what it is, with the path to remove; nothing is removed", async () => {
    const said = "This run created Draft order 9 and mailed nobody.";
    const path = join(mkdtempSync(join(tmpdir(), "orderkit-lock-")), "x.lock");
    mkdirSync(path);
    await expect(new FileLock(path).acquire("This send", said)).rejects.toThrow(
      `The lock ${path} is a directory, which orderkit never makes. ${said} Remove the directory ${path}.`,
    );
    expect(readdirSync(path)).toEqual([]);
    const dangling = join(mkdtempSync(join(tmpdir(), "orderkit-lock-")), "x.lock");
    symlinkSync(join(dangling, "..", "nowhere"), dangling);
    await expect(new FileLock(dangling).acquire("This send", said)).rejects.toThrow(
      `The lock ${dangling} is a link to a file that does not exist, which orderkit never makes. ${said} Delete the link ${dangling} (rm, with no trailing slash).`,
    );
    expect(lstatSync(dangling).isSymbolicLink()).toBe(true);
    // A link to a directory: never told to remove "the directory" (its target, with a trailing slash).
    const toDir = join(mkdtempSync(join(tmpdir(), "orderkit-lock-")), "x.lock");
    mkdirSync(`${toDir}.target`);
    writeFileSync(join(`${toDir}.target`, "keep"), "");
    symlinkSync(`${toDir}.target`, toDir);
    await expect(new FileLock(toDir).acquire("This send", said)).rejects.toThrow(
      `The lock ${toDir} is a link to a directory, which orderkit never makes. ${said} Delete the link ${toDir} (rm, with no trailing slash).`,
    );
    expect(readdirSync(toDir)).toEqual(["keep"]);
    // A FIFO (or a link to one) is refused, never read (a read would wait for a writer for ever).
    const fifo = join(mkdtempSync(join(tmpdir(), "orderkit-lock-")), "x.lock");
    execFileSync("mkfifo", [fifo]);
    symlinkSync(fifo, `${fifo}.link`);
    await expect(new FileLock(fifo).acquire("This send", said)).rejects.toThrow(
      `The lock ${fifo} is not a file (a FIFO, a socket or a device), which orderkit never makes. ${said} Delete ${fifo}.`,
    );
    await expect(new FileLock(`${fifo}.link`).acquire("This send", said)).rejects.toThrow(
      `The lock ${fifo}.link is a link to a FIFO, a socket or a device, which orderkit never makes. ${said} Delete the link ${fifo}.link (rm, with no trailing slash).`,
    );
    // One put in place of a held lock: the release neither reads it nor removes it.
    for (const release of [(lock: FileLock) => lock.release(), (lock: FileLock) => lock.releaseSync()]) {
      const held = new FileLock(join(dirname(fifo), "held.lock"));
      await held.acquire("This send");
      rmSync(held.path);
      execFileSync("mkfifo", [held.path]);
      await release(held);
      expect(lstatSync(held.path).isFIFO()).toBe(true);
      rmSync(held.path);
    }
    // The claim of a stale lock: named as a claim, never as the lock.
    const damages = [
      [(claim: string) => mkdirSync(claim), "Remove the directory"],
      [(claim: string) => symlinkSync(`${claim}.gone`, claim), "Delete the link"],
    ] as const;
    for (const [damage, remedy] of damages) {
      const stale = lockFile({ pid: DEAD });
      const claim = claimOf(stale, readFileSync(stale, "utf8"));
      damage(claim);
      const refused = new FileLock(stale).acquire("This send", said);
      await expect(refused).rejects.toThrow(`The claim ${claim} is `);
      await expect(refused).rejects.toThrow(`${said} ${remedy} ${claim}`);
      expect(JSON.parse(readFileSync(stale, "utf8")).pid).toBe(DEAD);
    }
  });

  it("a stop that arrives while a lock is being taken, or a state file written, waits for that step: it leaves neither the lock nor a temporary file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "orderkit-lock-"));
    // The handler whileLocked installs is called directly (process.emit: the test runner's worker
    // has none of its own), and process.exit only recorded.
    expect(process.listenerCount("SIGINT")).toBe(0);
    const exits: (string | number | null | undefined)[] = [];
    const exit = vi.spyOn(process, "exit").mockImplementation((code) => {
      exits.push(code);
      return undefined as never;
    });
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      const outer = new FileLock(join(dir, "outer.lock"));
      await outer.acquire("The outer");
      await whileLocked(outer, async () => {
        const inner = new FileLock(join(dir, "inner.lock"));
        const taking = inner.acquire("The inner");
        process.emit("SIGINT", "SIGINT");
        expect(exits).toEqual([]);
        await taking;
        expect(exits).toEqual([130]);
        const writing = writeAtomic(join(dir, "entry.json"), "{}");
        process.emit("SIGTERM", "SIGTERM");
        expect(exits).toEqual([130]);
        await writing;
        expect(exits).toEqual([130, 143]);
        // A release under way: the lock stays held (and is released by the stop) until it is gone.
        const last = new FileLock(join(dir, "last.lock"));
        await last.acquire("The last");
        const releasing = last.release();
        process.emit("SIGINT", "SIGINT");
        expect(exits).toEqual([130, 143]);
        await releasing;
        expect(exits).toEqual([130, 143, 130]);
        expect(existsSync(join(dir, "last.lock"))).toBe(false);
      });
      // Every lock released by each stop, and no temporary file left.
      expect(readdirSync(dir)).toEqual(["entry.json"]);
      expect(String(stderr.mock.calls.at(0)?.[0])).toContain("Stopped (SIGINT)");
    } finally {
      exit.mockRestore();
      stderr.mockRestore();
    }
  });

  it("an order lock's host: every loopback spelling is one host, a trailing dot and the default port do not matter", () => {
    const loopback = [
      "localhost",
      "LOCALHOST",
      "127.0.0.1",
      "127.1.2.3",
      "2130706433",
      "[::1]",
      "[::ffff:127.0.0.1]",
      "0.0.0.0",
    ];
    const keys = loopback.map((h) => serverKey(normalizeHost(`http://${h}:4010/`)));
    expect(new Set(keys)).toEqual(new Set(["http://127.0.0.1:4010"]));
    expect(serverKey(normalizeHost("https://API.Example.com.:443/v1/"))).toBe(
      serverKey(normalizeHost("https://api.example.com/v1")),
    );
    expect(serverKey(normalizeHost("https://api.example.com"))).not.toBe(
      serverKey(normalizeHost("https://api.example.org")),
    );
    // A hand-edited entry's host that is no http(s) URL is compared as written, never thrown on.
    for (const odd of ["app.lettrlabs.com", "null", "ftp://api.example.com", "mailto:ops@example.com"])
      expect(serverKey(odd)).toBe(odd);
    // The ledger's own key is unchanged (an older send's entry is found again).
    expect(normalizeHost("http://localhost:4010/")).toBe("http://localhost:4010");
  });
});

describe("the registry lock every send shares", () => {
  const home = () => {
    const dir = mkdtempSync(join(tmpdir(), "orderkit-registry-"));
    mkdirSync(join(dir, "sends"));
    return dir;
  };

  it("an unreadable registry lock that stays so is given up on after about ten seconds, not a try count (each try on it waits half a second)", async () => {
    const dir = home();
    writeFileSync(join(dir, "sends", "registry.lock"), "");
    let ran = false;
    const started = Date.now();
    await expect(
      new Ledger(dir).withRegistry(async () => {
        ran = true;
      }),
    ).rejects.toThrow(
      `A check of the registry of sends (every send of this user registers there) is locked by ${join(dir, "sends", "registry.lock")}, which cannot be read. Nothing was sent by this run. If no other orderkit is running, delete ${join(dir, "sends", "registry.lock")}.`,
    );
    // Counting 100 ms a try gave up after about a minute; the deadline is 10 s, waited in full.
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(9_500);
    expect(waited).toBeLessThan(25_000);
    expect(ran).toBe(false);
    expect(readFileSync(join(dir, "sends", "registry.lock"), "utf8")).toBe("");
    rmSync(dir, { recursive: true, force: true });
  }, 90_000);

  it("a registry lock no run can take as it is (a FIFO) is refused at once, not waited for", async () => {
    const dir = home();
    execFileSync("mkfifo", [join(dir, "sends", "registry.lock")]);
    const started = performance.now();
    await expect(new Ledger(dir).withRegistry(async () => {})).rejects.toThrow(
      /registry\.lock is not a file/,
    );
    expect(performance.now() - started).toBeLessThan(5_000);
    rmSync(dir, { recursive: true, force: true });
  });

  it("a short hold by another live process is waited for, then the work runs under the lock", async () => {
    const dir = home();
    const path = join(dir, "sends", "registry.lock");
    writeFileSync(
      path,
      JSON.stringify({ pid: process.ppid, host: hostname(), startedAt: "2026-01-01T00:00:00Z" }),
    );
    setTimeout(() => rmSync(path), 1_500);
    const seen = await new Ledger(dir).withRegistry(async () => JSON.parse(readFileSync(path, "utf8")).pid);
    expect(seen).toBe(process.pid);
    expect(existsSync(path)).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);
});
