import { createHash, randomBytes } from "node:crypto";
import { lstat, readdir, rename, unlink, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { BOUNDS } from "../options.js";
import { note } from "../output.js";
import { PIDS, processState, SINCE } from "./lock.js";
import { makeStateDir, stateDir, stopIfNotPermitted } from "./state-dir.js";
import { NOT_A_FILE, readStateText } from "./state-file.js";

// A run killed (or stopped by Ctrl-C) while writes it sent were unanswered leaves the server
// applying them, for as long as it takes. Had it lived, it would have waited for their answers (up
// to its request timeout) and then `--settle-ms` before reading anything back. A run that follows
// at once would read back after `--settle-ms` alone: a write still being applied is not there yet,
// and is sent again (the same recipients twice on an order, a second Draft). So each process
// records, per API origin, when it would give up on the last write it has sent and not had
// answered (`<state dir>/in-flight/<origin key>.<pid>.<pid space>.json`, naming the process as a
// lock's owner does: pid, host and pid space), removed once every write is answered; and a command
// that reads back before it writes waits, once it holds the lock of what it writes, for the records
// other processes left, as they would have.

/** The longest a write may be waited for: the longest `--timeout-ms`. */
const LONGEST_MS = BOUNDS.timeoutMs.max;

/** The directory of the records. */
const recordsDir = () => join(stateDir(undefined), "in-flight");

/** This process, as its records name it (as a lock's owner: see lock.ts). */
const SELF = { pid: process.pid, host: hostname(), pids: PIDS, since: SINCE };
/**
 * This process's records' names end with its pid, a digest of its host and pid space, and a token of
 * its own (two processes never share a file, not even where no pid space can be read).
 */
const SELF_SUFFIX = `${process.pid}.${createHash("sha256")
  .update(JSON.stringify([SELF.host, SELF.pids ?? null]))
  .digest("hex")
  .slice(0, 12)}.${randomBytes(4).toString("hex")}.json`;

/**
 * The client's `serverKey`, loaded with the first record or wait (this module is loaded at the
 * CLI's start, the client only when a command needs it).
 */
let serverKeyOf: ((url: string) => string) | undefined;

/** One API origin, as its records are named: every loopback name one, a trailing dot dropped. */
export async function originKey(url: string): Promise<string> {
  serverKeyOf ??= (await import("@orderkit/client")).serverKey;
  return loadedOriginKey(serverKeyOf, url);
}

function loadedOriginKey(keyOf: (url: string) => string, url: string): string {
  return createHash("sha256")
    .update(keyOf(new URL(url).origin))
    .digest("hex")
    .slice(0, 24);
}

interface Origin {
  file: string | undefined;
  live: number;
  until: number;
  /** Record updates, in order (a removal never overtakes the write of a later one). */
  chain: Promise<void>;
}

const origins = new Map<string, Origin>();
/** The records this process wrote: a file of its pid is another (dead) process's until then. */
const own = new Set<string>();
let warned = false;

/**
 * Called before a write is sent to `url`: records (before it leaves) that this process has a write
 * in flight there until it would give up on it (`timeoutMs` from now). Written by rename, not
 * synced: it must survive the process, not the machine (after a reboot no write is in flight).
 * The record cannot be written (no state directory): said once on stderr, and the write goes on.
 */
export async function writeStarted(url: string, timeoutMs: number): Promise<void> {
  const key = await originKey(url);
  const origin = origins.get(key) ?? { file: undefined, live: 0, until: 0, chain: Promise.resolve() };
  origins.set(key, origin);
  origin.live++;
  origin.until = Math.max(origin.until, Date.now() + timeoutMs);
  const until = origin.until;
  origin.chain = origin.chain.then(async () => {
    try {
      if (origin.file === undefined) {
        const dir = recordsDir();
        await makeStateDir(dir, "the record of writes in flight", "The write goes on.");
        origin.file = join(dir, `${key}.${SELF_SUFFIX}`);
        own.add(origin.file);
      }
      const draft = `${origin.file}.draft`;
      await writeFile(draft, JSON.stringify({ ...SELF, until }), { mode: 0o600 });
      await rename(draft, origin.file);
    } catch (error) {
      if (!warned)
        process.stderr.write(
          `warn  writes in flight could not be recorded (${(error as Error).message}): a run started right after this one is killed may send them again.\n`,
        );
      warned = true;
    }
  });
  await origin.chain;
}

/** Called when a write to `url` is answered or failed: the record goes once none is in flight. */
export function writeEnded(url: string): void {
  // (No key function yet: no write was started.)
  const origin = serverKeyOf && origins.get(loadedOriginKey(serverKeyOf, url));
  if (!origin || --origin.live > 0) return;
  origin.until = 0;
  const { file } = origin;
  if (file) origin.chain = origin.chain.then(() => unlink(file).catch(() => {}));
}

/**
 * Waits until the writes that other processes left in flight would have been given up on, then
 * `settleMs`, saying so (on stderr): what they did is then read back, not sent again. Those to
 * every origin: one server may have several names (a DNS alias, its address), which no key of a
 * name can tell apart, and a wait for another server's write only delays (a stopped run's records
 * are waited for once, then removed). Called once the command holds the lock of what it writes, so that a process writing there
 * until then has stopped or is refused the lock. By the process a record names: one of this host
 * and pid space still running keeps its records (they are its own to remove); one that has ended,
 * or that no longer matches (this pid, reused), is waited for and its record removed; one of another
 * host or pid space (a container sharing this state directory), whose pid means nothing here, is
 * waited for and its record left to it. No wait is longer than the longest `--timeout-ms` plus
 * `settleMs`, whatever a record or the clock says. A damaged record counts as a write of the
 * longest timeout sent when it last changed, and is named; one this user cannot read stops the
 * command (exit 2), as every state file does.
 */
export async function waitForStoppedWrites(settleMs: number): Promise<void> {
  const dir = recordsDir();
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith(".json"));
  } catch (error) {
    stopIfNotPermitted(error, dir);
    return; // none recorded yet
  }
  const now = Date.now();
  const waited: Waited[] = [];
  const ended: string[] = [];
  const damaged: string[] = [];
  for (const name of names) {
    const file = join(dir, name);
    if (own.has(file)) continue;
    let until: number;
    /** What the record says (a change of it means its process wrote it again). */
    let saidUntil: number;
    let state: ReturnType<typeof processState>;
    try {
      const info = await lstat(file);
      if (!info.isFile()) continue; // not a record (nothing this code writes)
      let record:
        | { pid?: unknown; host?: unknown; pids?: unknown; since?: unknown; until?: unknown }
        | undefined;
      try {
        // Read as every state file is: through the very file checked to be one (a FIFO swapped
        // in would hang the read).
        record = JSON.parse(await readStateText(file));
      } catch (error) {
        // A FIFO, socket or device swapped in after the check: no record (nothing this code writes).
        if ((error as { code?: string }).code === NOT_A_FILE) continue;
        stopIfNotPermitted(error, file);
      }
      const { pid, host: written, pids, since, until: said } = record ?? {};
      if (
        typeof said === "number" &&
        Number.isFinite(said) &&
        Number.isSafeInteger(pid) &&
        (written === undefined || typeof written === "string") &&
        (pids === undefined || typeof pids === "string")
      ) {
        // No write is given up on later than the longest timeout after its record was written
        // (each write rewrites it; 2 s for a file system that keeps whole seconds): a record saying
        // later (a skewed clock, an edit) would hold every run back until then, as one of another
        // pid space is never removed.
        saidUntil = said;
        until = Math.min(said, info.mtimeMs + LONGEST_MS + 2000);
        // This pid, in a record this process did not write: a process before it, ended. A record
        // without a host (the first form of these records) names no pid space: a pid running here
        // may be another process's (a container's pid 1), so it is waited for, not skipped.
        state =
          written === undefined
            ? pid === process.pid || processState({ pid: pid as number, host: SELF.host }) === "ended"
              ? "ended"
              : "unknown"
            : pid === process.pid && written === SELF.host && pids === SELF.pids
              ? "ended"
              : processState({
                  pid: pid as number,
                  host: written,
                  pids,
                  since: typeof since === "string" ? since : undefined,
                });
      } else {
        until = info.mtimeMs + LONGEST_MS;
        saidUntil = until;
        state = "ended";
        damaged.push(file);
      }
    } catch (error) {
      stopIfNotPermitted(error, file);
      continue; // removed meanwhile
    }
    if (state === "running") continue;
    if (state === "ended") ended.push(file);
    const capped = Math.min(until, now + LONGEST_MS);
    if (capped + settleMs > now)
      waited.push({ file, until: capped, said: saidUntil, unknown: state === "unknown" });
  }
  if (waited.length > 0) {
    const longest = Math.max(...waited.map((w) => w.until)) + settleMs - now;
    note(
      `Writes that another run sent are unanswered (${waited.map((w) => w.file).join(", ")}): it was stopped, or runs where this one cannot see it (another container). The server may still be applying them: waiting up to ${Math.ceil(longest / 1000)} s, until that run would give up on them, so that what they did is read back, not sent again.${damaged.length > 0 ? ` (${damaged.join(", ")}: damaged, so counted as a write of the longest timeout; delete it if no run was stopped there.)` : ""}`,
    );
    await outlast(waited, settleMs);
  }
  await Promise.all(ended.map((file) => unlink(file).catch(() => {})));
}

/** A record waited for: until when (capped), what it said, and whether its process's state is unknown. */
interface Waited {
  file: string;
  until: number;
  said: number;
  unknown: boolean;
}

/** The `until` a record says now, or undefined once it is gone or unreadable. */
async function untilNow(file: string): Promise<number | undefined> {
  try {
    const { until } = JSON.parse(await readStateText(file)) as { until?: unknown };
    return typeof until === "number" ? until : Number.NaN;
  } catch {
    return undefined;
  }
}

/**
 * Waits until every record in `waited` would have been given up on, then `settleMs`. A record of a
 * process whose state is unknown (another pid space or host) is let go as soon as it is removed, or
 * written again with another `until` (a file merely touched is not): that process is running, and
 * its writes were answered (or are new ones, under its own locks). Ended ones cannot change: one
 * sleep.
 */
async function outlast(waited: Waited[], settleMs: number): Promise<void> {
  let left = waited;
  for (;;) {
    const remaining = Math.max(...left.map((w) => w.until)) + settleMs - Date.now();
    if (remaining <= 0) return;
    const watching = left.some((w) => w.unknown);
    await new Promise((resolve) => setTimeout(resolve, watching ? Math.min(remaining, 500) : remaining));
    if (!watching) return;
    const still: Waited[] = [];
    for (const w of left) {
      if (w.unknown) {
        const until = await untilNow(w.file);
        if (until === undefined || (until !== w.said && !Number.isNaN(until))) continue;
      }
      still.push(w);
    }
    if (still.length === 0) return;
    left = still;
  }
}
