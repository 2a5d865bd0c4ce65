import { createHash } from "node:crypto";
import { readdir, readFile, stat, unlink } from "node:fs/promises";
import { join } from "node:path";
import { alive } from "./alive.js";
import { writeAtomic } from "./atomic.js";
import { serverHost } from "./ledger.js";
import { makeStateDir, stateDir } from "./state-dir.js";

// A run killed (or stopped by Ctrl-C) while writes it sent were unanswered leaves the server
// applying them, for as long as it takes. Had it lived, it would have waited for their answers (up
// to the client's timeout) and then `--settle-ms` before reading anything back. A run that follows
// at once reads back after `--settle-ms` alone: a write still being applied is not there yet, and
// is sent again (the same recipients twice on an order, a second Draft). So each process records,
// per API origin, when it would give up on the last write it has sent and not had answered
// (`<state dir>/in-flight/<origin key>.<pid>.json`), removed once every write is answered; and a
// command that reads back before it writes first waits for any such record a stopped process left,
// as that process would have.

/** A record that says more than this far ahead was not written by this code (the longest --timeout-ms is 10 min). */
const FURTHEST_MS = 10 * 60_000 + 60_000;
/** How long a damaged record counts from its file's last change: the longest a write may take. */
const DAMAGED_MS = 10 * 60_000;

/** The directory of the records, made when missing. */
async function recordsDir(): Promise<string> {
  const dir = join(stateDir(undefined), "in-flight");
  await makeStateDir(dir, "the record of writes in flight");
  return dir;
}

/** One API origin, as its records are named: every loopback name one, a trailing dot dropped. */
export function originKey(url: string): string {
  return createHash("sha256")
    .update(serverHost(new URL(url).origin))
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
 * in flight there until it would give up on it (`timeoutMs` from now). The record cannot be written (no
 * state directory): said once on stderr, and the write goes on.
 */
export async function writeStarted(url: string, timeoutMs: number): Promise<void> {
  const key = originKey(url);
  const origin = origins.get(key) ?? { file: undefined, live: 0, until: 0, chain: Promise.resolve() };
  origins.set(key, origin);
  origin.live++;
  origin.until = Math.max(origin.until, Date.now() + timeoutMs);
  const until = origin.until;
  origin.chain = origin.chain.then(async () => {
    try {
      origin.file ??= join(await recordsDir(), `${key}.${process.pid}.json`);
      own.add(origin.file);
      await writeAtomic(origin.file, JSON.stringify({ pid: process.pid, until }));
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
  const origin = origins.get(originKey(url));
  if (!origin || --origin.live > 0) return;
  origin.until = 0;
  const { file } = origin;
  if (file) origin.chain = origin.chain.then(() => unlink(file).catch(() => {}));
}

/**
 * Waits until the writes a stopped process left in flight to `host`'s origin would have been given
 * up on, then `settleMs`, saying so through `say`: what they did is then read back, not sent again.
 * Records of running processes are theirs to keep (a write on the same order waits on its lock);
 * records of stopped ones are removed once waited for. A damaged record counts as a write of the
 * longest timeout, sent when the file last changed.
 */
export async function waitForStoppedWrites(
  host: string,
  settleMs: number,
  say: (message: string) => void,
): Promise<void> {
  const key = originKey(host);
  const dir = join(stateDir(undefined), "in-flight");
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.startsWith(`${key}.`) && n.endsWith(".json"));
  } catch {
    return; // none recorded yet
  }
  const now = Date.now();
  let latest = 0;
  const stopped: string[] = [];
  for (const name of names) {
    const file = join(dir, name);
    const pid = Number(name.slice(key.length + 1, -".json".length));
    if (own.has(file) || (pid !== process.pid && Number.isSafeInteger(pid) && pid > 0 && alive(pid)))
      continue;
    let until: number | undefined;
    try {
      const record = JSON.parse(await readFile(file, "utf8")) as { until?: unknown };
      if (typeof record.until === "number" && record.until <= now + FURTHEST_MS) until = record.until;
    } catch {}
    try {
      until ??= (await stat(file)).mtimeMs + DAMAGED_MS;
    } catch {
      continue; // removed meanwhile
    }
    stopped.push(file);
    latest = Math.max(latest, until);
  }
  const waitMs = latest > 0 ? latest + settleMs - now : 0;
  if (waitMs > 0) {
    say(
      `An earlier run stopped with writes to ${new URL(host).origin} unanswered, which the server may still be applying: waiting ${Math.ceil(waitMs / 1000)} s, as that run would have, so that what they did is read back, not sent again.`,
    );
    await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
  await Promise.all(stopped.map((file) => unlink(file).catch(() => {})));
}
