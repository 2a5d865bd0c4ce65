import { createHash, randomBytes } from "node:crypto";
import { readFileSync, readlinkSync, rmSync } from "node:fs";
import { link, lstat, rm, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { dirname } from "node:path";

import { BrokenLockError, LockedError } from "../errors.js";
import { printableMessage } from "../output.js";
import { alive } from "./alive.js";
import { draftPath, sweepDrafts } from "./atomic.js";
import { uninterrupted } from "./critical.js";
import { NOT_A_FILE, readStateText, readStateTextSync } from "./state-file.js";
import { HELD, installStopHandler, saidOnStop } from "./stop.js";

export { LockedError };

interface LockOwner {
  pid: number;
  host: string;
  /**
   * Where `pid` means something, beyond the host name (Linux: the boot and the pid namespace):
   * two containers sharing a state volume and a host name, or two machines of one name sharing a
   * disk, each see the other's pids as dead. Absent where it cannot be read, and in older locks.
   */
  pids?: string;
  /**
   * When the process started, as `<clock ticks since boot> <time namespace>` (Linux, from
   * `/proc/<pid>/stat`). A running pid of the same pid space that started at another time is
   * another process: the owner's pid was reused, and the owner has ended. Compared only where both
   * sides read the same clock (one time namespace: the ticks are shifted by the reader's) through a
   * `/proc` of their own pid namespace (in a sandbox that kept the host's `/proc`, a pid there names
   * another process). Absent where it cannot be read that way, and in older locks.
   */
  since?: string;
  startedAt: string;
}

/**
 * This process's pid space (see LockOwner.pids), read once; undefined off Linux. On Linux there
 * always is one: where it cannot be read (a sandbox without `/proc`), it is named as no other is, so
 * that no other process judges this one's pid in its own pid space (a lock without `pids` is judged
 * by its host alone, as an older orderkit's: a live owner in a sandbox would be taken as ended).
 */
export const PIDS: string | undefined = (() => {
  try {
    const boot = readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
    return `${boot}/${readlinkSync("/proc/self/ns/pid")}`;
  } catch {
    return process.platform === "linux" ? `unreadable/${randomBytes(8).toString("hex")}` : undefined;
  }
})();

/** Ticks as `/proc` writes them (a process's start, see LockOwner.since): digits, no leading zero. */
const TICKS = /^(0|[1-9]\d*)$/;

/**
 * This process's start and time namespace (see LockOwner.since), read once: undefined off Linux, and
 * where `/proc` is not of this process's own pid namespace.
 */
const PROC: { since: string; clock: string } | undefined = (() => {
  try {
    if (!ownPidSpace(readFileSync("/proc/self/status", "utf8"), process.pid)) return undefined;
    const ticks = ticksOf(readFileSync("/proc/self/stat", "utf8"));
    if (ticks === undefined) return undefined;
    let clock = "";
    try {
      clock = readlinkSync("/proc/self/ns/time");
    } catch {}
    return { since: `${ticks} ${clock}`, clock };
  } catch {
    return undefined;
  }
})();

/**
 * Whether `/proc/self/status` text (`status`) is of process `pid` seen through a `/proc` of its own
 * pid namespace: its NSpid line holds one pid, `pid`. Through an ancestor namespace's `/proc` the
 * line lists a pid for each level (the first the ancestor's), and a pid read there names another
 * process, even when the first happens to equal `pid`. A kernel without NSpid tells nothing.
 */
export function ownPidSpace(status: string, pid: number): boolean {
  return status.includes(`\nNSpid:\t${pid}\n`);
}

/** When this process started (see LockOwner.since); undefined where it cannot be compared. */
export const SINCE: string | undefined = PROC?.since;

/** The start of a process (22nd field) in its `/proc/<pid>/stat` text: "pid (name) state ppid …". */
function ticksOf(stat: string): string | undefined {
  // The name may hold spaces and parentheses: the fields after it follow the last ")".
  const ticks = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  return ticks !== undefined && TICKS.test(ticks) ? ticks : undefined;
}

/**
 * Whether process `pid` (running) started at another time than `since` records (see
 * LockOwner.since): false whenever that cannot be told.
 */
function startedOtherwise(pid: number, since: unknown): boolean {
  if (PROC === undefined || typeof since !== "string") return false;
  const gap = since.indexOf(" ");
  // Ticks not as `/proc` writes them tell nothing.
  if (gap === -1 || !TICKS.test(since.slice(0, gap)) || since.slice(gap + 1) !== PROC.clock) return false;
  let ticks: string | undefined;
  try {
    ticks = ticksOf(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
  return ticks !== undefined && ticks !== since.slice(0, gap);
}

/** How deep a chain of clearers that died clearing is followed (each level a claim of its own). */
const MAX_CLAIM_DEPTH = 3;
/** How long a lock file with no readable owner is given to become readable (one being written). */
const UNREADABLE_WAIT_MS = 500;

/**
 * Whether `owner` is a process known to have ended: one of this host and pid space whose pid is
 * not running. A live pid is never taken as ended (unless it started after the owner did: see LockOwner.since),
 * not even our own: two containers sharing a
 * state volume and a host name both run as pid 1, and pid and host cannot tell a restarted
 * container from a parallel one. An owner of another pid space is never taken as ended either;
 * one that names none (an older orderkit's) is judged by its host alone, as that version did.
 */
function ended(owner: LockOwner | undefined): boolean {
  return owner !== undefined && processState(owner) === "ended";
}

/**
 * What is known of the process `owner` names: "ended" (of this host and pid space, and not
 * running), "running", or "unknown" (of another host or pid space, whose pids mean nothing here).
 * One that names no pid space (an older orderkit's) is judged by its host alone.
 */
export function processState(
  owner: Pick<LockOwner, "pid" | "host" | "pids" | "since">,
): "ended" | "running" | "unknown" {
  if (owner.host !== hostname() || elsewhere(owner)) return "unknown";
  if (!alive(owner.pid)) return "ended";
  // Running, but started at another time than the owner did: the pid was reused (told only in the
  // owner's own pid space, which PIDS names).
  return owner.pids !== undefined && startedOtherwise(owner.pid, owner.since) ? "ended" : "running";
}

/** An owner that names a pid space other than this process's (its pids mean nothing here). */
const elsewhere = (owner: Pick<LockOwner, "pids">): boolean =>
  owner.pids !== undefined && owner.pids !== PIDS;

/** What a refused run says it did not do, unless its caller knows better (see `acquire`). */
const NOTHING_SENT = "Nothing was sent by this run.";

async function readOwner(
  path: string,
  consequence = NOTHING_SENT,
  noun: "lock" | "claim" = "lock",
): Promise<{ owner: LockOwner | undefined; text: string } | undefined> {
  try {
    const text = await readStateText(path);
    try {
      const owner = JSON.parse(text) as LockOwner;
      return { owner: typeof owner.pid === "number" ? owner : undefined, text };
    } catch {
      return { owner: undefined, text };
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ENOENT" || code === "EISDIR" || code === NOT_A_FILE) {
      // Gone, or a link (which no orderkit makes, and which no run could ever take): to nothing, a
      // directory or a FIFO (to be deleted as a link: `rm -r` of it with a trailing slash empties
      // its target).
      const target =
        code === "ENOENT"
          ? "a file that does not exist"
          : code === "EISDIR"
            ? "a directory"
            : "a FIFO, a socket or a device";
      if ((await lstat(path).catch(() => undefined))?.isSymbolicLink())
        throw new BrokenLockError(
          `The ${noun} ${path} is a link to ${target}, which orderkit never makes. ${consequence} Delete the link ${path} (rm, with no trailing slash).`,
        );
      if (code === "ENOENT") return undefined;
    }
    if (code === "EISDIR")
      throw new BrokenLockError(
        `The ${noun} ${path} is a directory, which orderkit never makes. ${consequence} Remove the directory ${path}.`,
      );
    if (code === NOT_A_FILE)
      throw new BrokenLockError(
        `The ${noun} ${path} is not a file (a FIFO, a socket or a device), which orderkit never makes. ${consequence} Delete ${path}.`,
      );
    if (code === "EACCES" || code === "EPERM")
      throw new LockedError(
        `The ${noun} ${path} belongs to another user (${code}), whose orderkit may still be running (a \`sudo orderkit\`?). ${consequence} If no orderkit of that user is running, delete ${path}.`,
      );
    throw new LockedError(
      `The ${noun} file ${path} cannot be read (${code ?? String(error)}). ${consequence} If no other orderkit is running, delete ${path}.`,
    );
  }
}

/** Hard links cannot be made here (some network and FAT file systems): the lock is written in place. */
const NO_LINKS = new Set(["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS", "EXDEV", "EMLINK"]);

/**
 * Creates `path` holding `text`, whole or not at all (EEXIST when it exists): written to a file
 * of its own first, then linked into place, so that no other process ever reads it half written.
 * Where links cannot be made, it is created exclusively and written in place (see readSettled).
 */
async function createWhole(path: string, text: string): Promise<void> {
  const draft = draftPath(path);
  await writeFile(draft, text, { flag: "wx", mode: 0o600 });
  try {
    await link(draft, path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (!code || !NO_LINKS.has(code)) throw error;
    await writeFile(path, text, { flag: "wx", mode: 0o600 });
  } finally {
    await rm(draft, { force: true });
  }
  await sweepDrafts(path);
}

/**
 * An exclusive lock file (a hard link, or `O_EXCL`: either fails when the file exists) holding
 * the owner's pid, host, pid space and start time. A lock whose owner has ended (see `ended`) is
 * stale and is broken by whoever first claims it: the claim is a file named after the stale lock's
 * exact text, made exclusively, so that of all the processes that read that lock, one deletes it,
 * and none can delete a fresh lock in its place. A claim left by a clearer that died is itself
 * claimed and cleared the same way. A lock held by a live process, or by another host or pid
 * space, is never broken.
 */
export class FileLock {
  /** The text this process wrote, while it holds the lock: only that is ever released. */
  private mine: string | undefined;
  constructor(readonly path: string) {}

  /**
   * Takes the lock, or throws LockedError describing the holder (and what to delete when it is no
   * longer running), saying `consequence` of the refused run: by default, that it sent nothing.
   */
  acquire(what: string, consequence = NOTHING_SENT): Promise<void> {
    return uninterrupted(() => this.take(what, consequence));
  }

  /**
   * Takes the lock as {@link acquire} does, waiting up to `waitMs` (on the monotonic clock: a wall
   * clock stepped by NTP would cut the wait short or stretch it) while another process holds it. A
   * lock no run can take as it is (a directory, a link, a FIFO) is refused at once.
   */
  async acquireWithin(waitMs: number, what: string, consequence?: string): Promise<void> {
    // A deadline, not a count of tries (a try on an unreadable lock itself waits half a second).
    const until = performance.now() + waitMs;
    for (;;) {
      try {
        await this.acquire(what, consequence);
        return;
      } catch (error) {
        if (!(error instanceof LockedError) || error instanceof BrokenLockError || performance.now() >= until)
          throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  private async take(what: string, consequence: string): Promise<void> {
    const me: LockOwner = {
      pid: process.pid,
      host: hostname(),
      ...(PIDS === undefined ? {} : { pids: PIDS }),
      ...(SINCE === undefined ? {} : { since: SINCE }),
      startedAt: new Date().toISOString(),
    };
    const text = JSON.stringify(me);
    let blocked: Blocked | undefined;
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await createWhole(this.path, text);
        this.mine = text;
        HELD.add(this);
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== "EEXIST") throw error;
      }
      const current = await this.readSettled(consequence);
      if (!current) continue;
      const { owner } = current;
      if (!ended(owner)) throw new LockedError(held(what, this.path, owner, consequence));
      blocked = await breakStale(this.path, current.text, text, 0, consequence);
    }
    if (!blocked)
      throw new LockedError(
        `${what}: could not take the lock ${this.path}. ${consequence} Run the command again.`,
      );
    const { claim, owner } = blocked;
    throw new LockedError(
      owner
        ? `${what} is locked by ${this.path}, left by a process that has ended, and pid ${owner.pid} on ${owner.host} is clearing it (${claim}). ${consequence} Run the command again in a few seconds. If pid ${owner.pid} has ended, delete ${claim} (a process stopped with Ctrl-Z has not ended: end that process first).`
        : `${what} is locked by ${this.path}, left by a process that has ended, and the claim of the run clearing it, ${claim}, cannot be read. ${consequence} If no other orderkit is running, delete ${claim}.`,
    );
  }

  /**
   * The lock's owner. A file with no readable owner may be one being written where a lock cannot
   * be created whole (or by an older orderkit, which wrote it in place): it is read again for up
   * to half a second before it is reported as unreadable, so that a second terminal is told the
   * send runs elsewhere, never to delete the lock of a run that is starting.
   */
  private async readSettled(consequence: string): Promise<Awaited<ReturnType<typeof readOwner>>> {
    const until = Date.now() + UNREADABLE_WAIT_MS;
    for (;;) {
      const current = await readOwner(this.path, consequence);
      if (!current || current.owner || Date.now() >= until) return current;
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /**
   * Releases the lock if this process holds it: deletes the file only while it still holds what
   * this process wrote (never a lock another process took after deciding this one had ended). A
   * stop that arrives meanwhile waits for it (see critical.ts): the lock is held until it is gone.
   */
  release(): Promise<void> {
    return uninterrupted(async () => {
      const mine = this.mine;
      if (mine === undefined) return;
      const now = await readStateText(this.path).catch(() => undefined);
      if (now === mine) await rm(this.path, { force: true });
      this.mine = undefined;
      HELD.delete(this);
    });
  }

  /** Synchronous release for exit handlers (as {@link release}). */
  releaseSync(): void {
    const mine = this.mine;
    if (mine === undefined) return;
    this.mine = undefined;
    HELD.delete(this);
    let now: string | undefined;
    try {
      now = readStateTextSync(this.path);
    } catch {
      now = undefined;
    }
    if (now === mine) rmSync(this.path, { force: true });
  }
}

/** A stale lock another process is clearing: its claim, and the claim's owner when readable. */
interface Blocked {
  claim: string;
  owner: LockOwner | undefined;
}

/** What a run refused by a lock held by `owner` (not known to have ended) is told. */
function held(what: string, path: string, owner: LockOwner | undefined, consequence: string): string {
  if (!owner)
    return `${what} is locked by ${path}, which cannot be read. ${consequence} If no other orderkit is running, delete ${path}.`;
  const since = `pid ${owner.pid} on ${owner.host}, since ${owner.startedAt}`;
  if (owner.host === hostname() && elsewhere(owner))
    return `${what} is locked by ${path}, taken in another pid space (${since}): another container or machine of this name sharing this directory, or this machine before it last started. ${consequence} If that run has ended, delete ${path}.`;
  return `${what} is in progress in another process (${since}). ${consequence} Wait for that process to finish, or stop it. If no such process runs (a container restarted under the same pid), delete ${path}.`;
}

/**
 * Deletes `path` if it still holds `staleText`, under a claim made exclusively and named after that
 * text (`<path>.break-<its hash>`): only the claim's maker ever deletes that lock, so no process
 * that read it stale can delete a fresh lock made in its place. A claim whose maker has ended is
 * cleared the same way, one level down, up to MAX_CLAIM_DEPTH. Undefined when done (the lock
 * deleted, or found already replaced); else the claim another process holds, and its owner.
 */
async function breakStale(
  path: string,
  staleText: string,
  ownerText: string,
  depth: number,
  consequence: string,
): Promise<Blocked | undefined> {
  const claim = `${path}.break-${createHash("sha256").update(staleText).digest("hex").slice(0, 16)}`;
  try {
    await createWhole(claim, ownerText);
  } catch (error) {
    if ((error as { code?: string }).code !== "EEXIST") throw error;
    const holder = await readOwner(claim, consequence, "claim");
    if (holder && ended(holder.owner) && depth + 1 < MAX_CLAIM_DEPTH)
      await breakStale(claim, holder.text, ownerText, depth + 1, consequence);
    await new Promise((r) => setTimeout(r, 50));
    return holder ? { claim, owner: holder.owner } : undefined;
  }
  try {
    const again = await readOwner(path);
    if (again?.text === staleText) await rm(path, { force: true });
  } finally {
    await rm(claim, { force: true });
  }
  return undefined;
}

/**
 * Releases `lock` once a run is done with it. One that cannot be removed is named on stderr, to be
 * deleted by hand: it never turns the run's result, or the error it ended with, into another.
 */
export async function letGo(lock: FileLock): Promise<void> {
  await lock.release().catch((error: { code?: string }) => {
    process.stderr.write(
      `${printableMessage(`warn  The lock ${lock.path} could not be removed (${error.code ?? String(error)}): once this user can write in ${dirname(lock.path)}, delete ${lock.path} if no orderkit is running.`)}\n`,
    );
  });
}

/** What a run stopped under a lock is told by default: nothing about a re-run it cannot vouch for. */
const STOPPED_HINT = "What it had already sent may still land: read it back before running it again.";

/**
 * Runs `work` while `lock` is held, and releases it however the run ends: on return, on a throw,
 * and on SIGINT/SIGTERM (see stop.ts), which say `stoppedHint` (of the outermost), so that a
 * stopped run never leaves a lock. A lock that cannot be released once the work is done is named
 * on stderr (see {@link letGo}).
 */
export async function whileLocked<T>(
  lock: FileLock,
  work: () => Promise<T>,
  stoppedHint: string | (() => string) = STOPPED_HINT,
): Promise<T> {
  installStopHandler();
  const said = saidOnStop(stoppedHint);
  try {
    return await work();
  } finally {
    await letGo(lock);
    said.end();
  }
}
