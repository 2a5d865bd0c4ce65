import { execFileSync } from "node:child_process";
import { readdirSync, rmSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { killedAt, runCli, sendArgs, tempDir, writeCsv } from "./helpers.js";
import { stopWorlds, world } from "./ledger-world.js";

afterEach(stopWorlds);

// Every file a send leaves in the state directory, replaced by a FIFO (what no orderkit makes, and
// what a read waits on for ever): the next run of the send ends by itself, and the server holds
// one order, each person on it once, checked out at most once. Through each point a send can stop
// at: done, a dry run done, killed while an append was in flight, killed while its checkout was.

/** The regular files below `dir`, by path. */
function filesBelow(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesBelow(path) : [path];
  });
}

const PEOPLE = 30;
const isAppend = (method: string, path: string) => method === "PUT" && path.endsWith("/recipients");
const isCheckout = (method: string, path: string) => method === "POST" && path.endsWith("/checkout");

/** A world stopped at one point of a send, and the send's arguments. */
interface Stopped {
  w: Awaited<ReturnType<typeof world>>;
  args: string[];
  dir: string;
}

/** A world, and a send of PEOPLE people in chunks of 10 (not run yet). */
async function begin(...extra: string[]): Promise<Stopped> {
  const w = await world();
  const dir = tempDir();
  return { w, dir, args: sendArgs(writeCsv(dir, PEOPLE), "--chunk-size", "10", ...extra) };
}

/** Runs the send of `s`, killing it while the first request `when` matches is in flight. */
async function killedDuring(s: Stopped, when: (method: string, path: string) => boolean): Promise<Stopped> {
  const killed = await killedAt(s.w.f, when, { kind: "delay", ms: 300 }, s.args, s.w.env, s.dir);
  expect(killed.signal).toBe("SIGKILL");
  return s;
}

/** Runs the send of `s` through. */
async function ranThrough(s: Stopped): Promise<Stopped> {
  expect((await runCli(s.args, s.w.env, s.dir)).code).toBe(0);
  return s;
}

const STOPS = {
  "a send done": async () => ranThrough(await begin()),
  "a dry run done": async () => ranThrough(await begin("--dry-run")),
  "a send killed during an append": async () => {
    let appends = 0;
    return killedDuring(await begin(), (m, p) => isAppend(m, p) && ++appends === 2);
  },
  "a send killed during its checkout": async () => killedDuring(await begin(), isCheckout),
} satisfies Record<string, () => Promise<Stopped>>;
type Stop = keyof typeof STOPS;

/**
 * Replays `stop` in a world of its own, puts a FIFO in place of its `i`-th file (sorted by path),
 * and runs the send again: returns the file, as named in its state directory.
 */
async function fifoInPlace(stop: Stop, i: number, count: number): Promise<string> {
  const { w, args, dir } = await STOPS[stop]();
  // The same stop leaves the same set of files (named after the send's key, which differs).
  const files = filesBelow(w.state).sort();
  expect(files).toHaveLength(count);
  const file = files[i] as string;
  const name = relative(w.state, file);
  rmSync(file);
  execFileSync("mkfifo", [file]);
  const run = runCli(args, w.env, dir);
  const hung = setTimeout(() => run.child.kill("SIGKILL"), 30_000);
  const { signal, code, stderr } = await run;
  clearTimeout(hung);
  expect({ name, signal }).toEqual({ name, signal: null });
  expect({ name, code }).not.toEqual({ name, code: 1 });
  // The server: one order holding anyone, each person on it once, one checkout at most.
  const holding = w.live().filter((o) => o.recipients.length > 0);
  expect(holding.length).toBeLessThanOrEqual(1);
  const streets = holding.flatMap((o) => o.recipients.map((r) => r.address.address1));
  expect(new Set(streets).size).toBe(streets.length);
  expect(w.checkouts()).toBeLessThanOrEqual(1);
  expect(stderr).not.toMatch(/EAGAIN|ENXIO|not a file\)\.$/m);
  return name;
}

describe("a state file that is not a file", () => {
  it.each(Object.keys(STOPS) as Stop[])(
    "after %s, a FIFO in place of any file it left never holds up the next run",
    async (stop) => {
      const { w } = await STOPS[stop]();
      const count = filesBelow(w.state).length;
      expect(count).toBeGreaterThanOrEqual(3);
      // Four cases at a time (a killed send's next run waits for the writes it left in flight).
      const replaced: string[] = [];
      for (let i = 0; i < count; i += 4)
        replaced.push(
          ...(await Promise.all(
            Array.from({ length: Math.min(4, count - i) }, (_, k) => fifoInPlace(stop, i + k, count)),
          )),
        );
      expect(new Set(replaced.map((name) => name.replace(/[0-9a-f]{32}/, "KEY"))).size).toBe(count);
    },
    300_000,
  );
});
