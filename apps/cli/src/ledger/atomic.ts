import { mkdir, open, rename, rm } from "node:fs/promises";
import { dirname } from "node:path";
import { uninterrupted } from "./critical.js";

/** A file of this process's own beside `path`, to be written before it takes `path`'s place. */
export const draftPath = (path: string): string =>
  `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;

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
    throw error;
  }
  const dir = await open(dirname(path), "r").catch(() => undefined);
  if (dir) {
    await dir.sync().catch(() => undefined);
    await dir.close();
  }
}
