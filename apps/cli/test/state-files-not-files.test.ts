import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, statSync, symlinkSync } from "node:fs";
import { join, relative } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { killedAt, runCli, sendArgs, tempDir, writeCsv, writePeople } from "./helpers.js";
import { stopWorlds, world } from "./ledger-world.js";

afterEach(stopWorlds);

// Every file a send leaves in its state directory (and its journal), replaced by what no orderkit
// makes: a FIFO (a read of it waits for ever), a link to /proc/self/pagemap (it says it is empty and
// runs on for gigabytes), a link to itself, a directory. The next run ends by itself, says what
// stopped it (never a raw error, exit 1), and the server holds each person once, on orders each
// checked out at most once. Through each point a send can stop at: done, a dry run done, killed
// while an append was in flight, killed while its checkout was; and a send done in a journal, with
// another list sharing people sent from the home ledger afterwards (its repeat check reads them).

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

/** A world stopped at one point of a send: what runs next, and the directories of its files. */
interface Stopped {
  w: Awaited<ReturnType<typeof world>>;
  dir: string;
  args: string[];
  roots: string[];
}

/** A world, and a send of PEOPLE people in chunks of 10 (not run yet); its next run is the same. */
async function begin(...extra: string[]): Promise<Stopped> {
  const w = await world();
  const dir = tempDir();
  const args = sendArgs(writeCsv(dir, PEOPLE), "--chunk-size", "10", ...extra);
  return { w, dir, args, roots: [w.state] };
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
  "a send done in a journal, then another list": async () => {
    const journal = tempDir();
    const s = await ranThrough(await begin("--journal-dir", journal));
    // People 5 and 6 again, and one new: the repeat check reads the journal's send.
    const args = sendArgs(writePeople(s.dir, "next.csv", [5, 6, 100]), "--chunk-size", "10");
    return { ...s, args, roots: [s.w.state, journal] };
  },
} satisfies Record<string, () => Promise<Stopped>>;
type Stop = keyof typeof STOPS;

/** What stands in a file's place. */
const KINDS = {
  "a FIFO": (file: string) => execFileSync("mkfifo", [file]),
  "a link to /proc/self/pagemap": (file: string) => symlinkSync("/proc/self/pagemap", file),
  "a link to itself": (file: string) => symlinkSync(file, file),
  "a directory": (file: string) => mkdirSync(file),
};
type Kind = keyof typeof KINDS;

/**
 * The files below `roots`, each with its role: its root's place in `roots` and its path, the send's
 * key and the random parts of a name left out (a replay names them otherwise).
 */
const filesOf = (roots: string[]) =>
  roots.flatMap((root, r) =>
    filesBelow(root).map((path) => ({
      path,
      role: `${r}:${relative(root, path)}`
        .replace(/[0-9a-f]{32}/g, "KEY")
        .replace(/^(\d+:in-flight\/).*$/, "$1*")
        .replace(/^(\d+:registered\/[^.]+\.KEY)\..*$/, "$1.*"),
    })),
  );

/**
 * Replays `stop` in a world of its own, puts `kind` in place of its file of `role`, and runs what
 * comes next. A killed send's files depend on where the kill fell: a replay without a file of that
 * role is replayed again (three times at most).
 */
async function replaced(stop: Stop, kind: Kind, role: string): Promise<void> {
  let stopped: Stopped | undefined;
  let path: string | undefined;
  for (let tries = 0; path === undefined; tries++) {
    expect({ role, tries }).not.toMatchObject({ tries: 3 });
    stopped = await STOPS[stop]();
    path = filesOf(stopped.roots).find((file) => file.role === role)?.path;
  }
  const { w, args, dir } = stopped as Stopped;
  const name = role;
  rmSync(path);
  KINDS[kind](path);
  const run = runCli(args, w.env, dir);
  const hung = setTimeout(() => run.child.kill("SIGKILL"), 30_000);
  const { signal, code, stderr } = await run;
  clearTimeout(hung);
  const said = stderr.trim().split("\n").at(-1);
  expect({ name, signal }).toEqual({ name, signal: null });
  expect({ name, code, said }).not.toMatchObject({ code: 1 });
  expect({ name, said }).not.toMatchObject({ said: expect.stringMatching(/^error: E[A-Z]+:|Unexpected/) });
  // The server: each person once on the orders holding anyone, each order checked out at most once.
  const holding = w.live().filter((o) => o.recipients.length > 0);
  const streets = holding.flatMap((o) => o.recipients.map((r) => r.address.address1));
  expect({ name, twice: streets.length - new Set(streets).size }).toEqual({ name, twice: 0 });
  expect(w.live().every((o) => o.checkouts <= 1)).toBe(true);
}

/** Every file `stop` leaves, each replaced by `kind` in a replay of its own, four at a time. */
async function everyFile(stop: Stop, kind: Kind): Promise<void> {
  const { roots } = await STOPS[stop]();
  const roles = [...new Set(filesOf(roots).map((file) => file.role))].sort();
  expect(roles.length).toBeGreaterThanOrEqual(3);
  // Four cases at a time (a killed send's next run waits for the writes it left in flight).
  for (let i = 0; i < roles.length; i += 4)
    await Promise.all(roles.slice(i, i + 4).map((role) => replaced(stop, kind, role)));
}

describe("a state file that is not one", { timeout: 300_000 }, () => {
  it.each(Object.keys(STOPS) as Stop[])("after %s, a FIFO in place of any file it left", (stop) =>
    everyFile(stop, "a FIFO"),
  );
  const others = (Object.keys(KINDS) as Kind[]).filter((kind) => kind !== "a FIFO");
  it.each(
    (["a send killed during an append", "a send done in a journal, then another list"] as const).flatMap(
      (stop) => others.map((kind) => [stop, kind] as const),
    ),
  )("after %s, %s in place of any file it left", (stop, kind) => everyFile(stop, kind));
});

it("a journal's mark that is not a file still shows its journal in place: a repeat is refused as one, and the way out it names keeps its sends", async () => {
  const w = await world();
  const dir = tempDir();
  const journal = tempDir();
  expect((await runCli(sendArgs(writeCsv(dir, PEOPLE), "--journal-dir", journal), w.env, dir)).code).toBe(0);
  const mark = join(journal, "sends", ".orderkit-ledger");
  rmSync(mark);
  execFileSync("mkfifo", [mark]);
  // People 5 and 6 again, from the home ledger: the journal's send is read, not taken for gone
  // (which would name its record and registrations to delete, and then mail them twice).
  const again = await runCli(sendArgs(writePeople(dir, "next.csv", [5, 6, 100])), w.env, dir);
  expect(again.stderr).not.toContain("no longer holds its sends");
  expect(again.code).toBe(5);
  expect(again.stderr).toMatch(/2 of these 3 recipients were m/);
  // The journal's next send marks it anew.
  expect((await runCli(sendArgs(writeCsv(dir, PEOPLE), "--journal-dir", journal), w.env, dir)).code).toBe(0);
  expect(statSync(mark).isFile()).toBe(true);
  const streets = w.live().flatMap((o) => o.recipients.map((r) => r.address.address1));
  expect(streets).toHaveLength(PEOPLE);
  expect(w.checkouts()).toBe(1);
}, 60_000);
