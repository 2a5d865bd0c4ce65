import { rmSync } from "node:fs";
import { link, readFile, rm, stat, writeFile } from "node:fs/promises";
import { hostname } from "node:os";

import { LockedError } from "../errors.js";
import { draftPath } from "./atomic.js";

export { LockedError };

interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
}

const BREAKER_STALE_MS = 10_000;
/** How long a lock file with no readable owner is given to become readable (one being written). */
const UNREADABLE_WAIT_MS = 500;

/** The locks this process holds: a SIGINT or SIGTERM releases them all (a send holds two). */
const HELD = new Set<FileLock>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === "EPERM";
  }
}

async function readOwner(path: string): Promise<{ owner: LockOwner | undefined; text: string } | undefined> {
  try {
    const text = await readFile(path, "utf8");
    try {
      const owner = JSON.parse(text) as LockOwner;
      return { owner: typeof owner.pid === "number" ? owner : undefined, text };
    } catch {
      return { owner: undefined, text };
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ENOENT") return undefined;
    if (code === "EISDIR")
      throw new LockedError(`The lock ${path} is a directory, which orderkit never makes: remove it.`);
    throw new LockedError(
      `The lock file ${path} cannot be read (${code ?? String(error)}). If no other orderkit is running, delete it.`,
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
}

/**
 * An exclusive lock file (a hard link, or `O_EXCL`: either fails when the file exists) holding
 * the owner's pid, host and start time. A lock whose owner is a dead process on this host is stale
 * and is broken, under a second `O_EXCL` "breaker" file so that two processes never both break it
 * and steal each other's fresh lock. A lock held by a live process, or by another host, is never
 * broken.
 */
export class FileLock {
  private held = false;
  constructor(readonly path: string) {}

  /** Takes the lock, or throws LockedError describing the holder. */
  async acquire(what: string): Promise<void> {
    const me: LockOwner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
    let breaking = false;
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await createWhole(this.path, JSON.stringify(me));
        this.held = true;
        HELD.add(this);
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== "EEXIST") throw error;
      }
      const current = await this.readSettled();
      if (!current) continue;
      const { owner } = current;
      // Only a dead owner on this host is stale. A live pid is never taken as stale, not even our
      // own: two containers sharing a state volume and a hostname both run as pid 1, and pid and
      // host cannot tell a restarted container from a parallel one.
      const stale = owner !== undefined && owner.host === me.host && !alive(owner.pid);
      if (!stale) {
        throw new LockedError(
          owner
            ? `${what} is in progress in another process (pid ${owner.pid} on ${owner.host}, since ${owner.startedAt}). Wait for it to finish, or stop it; nothing was sent by this run. If no such process runs (a container restarted under the same pid), delete ${this.path}.`
            : `${what} is locked by ${this.path}, which cannot be read. If no other orderkit is running, delete that file.`,
        );
      }
      breaking = !(await this.breakStale(current.text));
    }
    throw new LockedError(
      breaking
        ? `${what} is locked by ${this.path}, left by a process that has ended, and another orderkit is clearing it (${this.path}.break). Nothing was sent by this run: run it again in a few seconds. A ${this.path}.break left by a process that was killed is ignored once it is ${BREAKER_STALE_MS / 1000} s old.`
        : `${what}: could not take the lock ${this.path}. Nothing was sent by this run: run it again.`,
    );
  }

  /**
   * The lock's owner. A file with no readable owner may be one being written where a lock cannot
   * be created whole (or by an older orderkit, which wrote it in place): it is read again for up
   * to half a second before it is reported as unreadable, so that a second terminal is told the
   * send runs elsewhere, never to delete the lock of a run that is starting.
   */
  private async readSettled(): Promise<Awaited<ReturnType<typeof readOwner>>> {
    const until = Date.now() + UNREADABLE_WAIT_MS;
    for (;;) {
      const current = await readOwner(this.path);
      if (!current || current.owner || Date.now() >= until) return current;
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /**
   * Deletes the lock if it still holds `staleText`, under the breaker file. False when another
   * process holds the breaker (one that is breaking it now, or one that died doing so, whose
   * breaker is cleared once it is BREAKER_STALE_MS old).
   */
  private async breakStale(staleText: string): Promise<boolean> {
    const breaker = `${this.path}.break`;
    try {
      await writeFile(breaker, String(process.pid), { flag: "wx", mode: 0o600 });
    } catch (error) {
      if ((error as { code?: string }).code !== "EEXIST") throw error;
      const info = await stat(breaker).catch(() => undefined);
      if (info && Date.now() - info.mtimeMs > BREAKER_STALE_MS) await rm(breaker, { force: true });
      await new Promise((r) => setTimeout(r, 50));
      return false;
    }
    try {
      const again = await readOwner(this.path);
      if (again?.text === staleText) await rm(this.path, { force: true });
    } finally {
      await rm(breaker, { force: true });
    }
    return true;
  }

  /** Releases the lock if this process holds it. */
  async release(): Promise<void> {
    if (!this.held) return;
    this.held = false;
    HELD.delete(this);
    await rm(this.path, { force: true });
  }

  /** Synchronous release for exit handlers. */
  releaseSync(): void {
    if (!this.held) return;
    this.held = false;
    HELD.delete(this);
    rmSync(this.path, { force: true });
  }
}

/**
 * Runs `work` while `lock` is held, and releases it however the run ends: on return, on a throw,
 * and on SIGINT/SIGTERM (which then exit 130/143, releasing every lock this process holds), so
 * that a stopped run never leaves a lock.
 */
export async function whileLocked<T>(lock: FileLock, work: () => Promise<T>): Promise<T> {
  const onSignal = (signal: NodeJS.Signals) => {
    for (const held of [...HELD]) held.releaseSync();
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    return await work();
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    await lock.release();
  }
}
