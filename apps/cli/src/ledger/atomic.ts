import { lstat, mkdir, open, readdir, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { UsageError } from "../errors.js";
import { alive } from "./alive.js";
import { uninterrupted } from "./critical.js";
import { shellQuoted } from "./state-dir.js";

/** A file of this process's own beside `path`, to be written before it takes `path`'s place. */
export const draftPath = (path: string): string =>
  `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;

/** How old a draft of a process that is not running must be to be deleted (see sweepDrafts). */
const ABANDONED_MS = 60 * 60 * 1000;
/** The files whose drafts this process has looked for (once each). */
const SWEPT = new Set<string>();

/**
 * Deletes the drafts of `path` (see {@link draftPath}) left by processes killed while writing
 * them (`kill -9`, a power cut): a regular file named as one, of a pid not running here, last
 * written over an hour ago. A draft of a live process, or a recent one (its process may run in
 * another container sharing the directory), is kept. Looked for once per file and process; never
 * throws (it only tidies).
 */
export async function sweepDrafts(path: string): Promise<void> {
  if (SWEPT.has(path)) return;
  SWEPT.add(path);
  const name = basename(path);
  const dir = dirname(path);
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const each of names) {
    if (!each.startsWith(`${name}.`) || !each.endsWith(".tmp")) continue;
    const pid = /^\.(\d+)\.[0-9a-z]*\.tmp$/.exec(each.slice(name.length))?.[1];
    if (pid === undefined || alive(Number(pid))) continue;
    const draft = join(dir, each);
    const kind = await lstat(draft).catch(() => undefined);
    if (kind?.isFile() && Date.now() - kind.mtimeMs > ABANDONED_MS)
      await rm(draft, { force: true }).catch(() => {});
  }
}

/**
 * Writes a file atomically and durably: a temp file beside it, fsync, rename over the target, then
 * fsync of the directory. A crash leaves the old or the new file, never half of one; a stop
 * (Ctrl-C under a lock) waits for it, and leaves no temporary file (see critical.ts).
 */
export function writeAtomic(path: string, data: string | Uint8Array): Promise<void> {
  return uninterrupted(() => write(path, data));
}

async function write(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = draftPath(path);
  const file = await open(tmp, "w", 0o600);
  try {
    try {
      await file.writeFile(data);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(tmp, path);
  } catch (error) {
    // A full disk, a file-size limit, a rename refused: no draft is left beside the file.
    await rm(tmp, { force: true });
    // A directory where the file goes (which no orderkit makes) refuses every write of it: named,
    // not a raw rename error on every run.
    if ((error as { code?: string }).code === "EISDIR")
      throw new UsageError(
        `${path} is a directory, which orderkit never makes: its state file cannot be written there. Remove the directory (rm -r ${shellQuoted(path)}) and run the same command again.`,
      );
    throw error;
  }
  const dir = await open(dirname(path), "r").catch(() => undefined);
  if (dir) {
    await dir.sync().catch(() => undefined);
    await dir.close();
  }
  await sweepDrafts(path);
}
