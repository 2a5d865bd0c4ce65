import { closeSync, constants, fstatSync, openSync, readFileSync, type Stats } from "node:fs";
import { open } from "node:fs/promises";

/**
 * The one reader of the files orderkit keeps (ledger entries, recipients files, locks, records,
 * marks, notes): a FIFO, a socket or a device standing where one of them should be, itself or where
 * a link leads, is never read. A read of a FIFO waits for a writer for ever, and the run would hang
 * before its first request, or with a lock held. Each file is opened without waiting, then checked
 * through the very descriptor it is read from (`fstat`), so nothing swapped in after a check by
 * path is read either. What it throws carries a `code`: the system's (`ENOENT`, `EACCES`, ...),
 * `EISDIR` for a directory, or {@link NOT_A_FILE}.
 */

/** The code the readers throw for a FIFO, a socket or a device. */
export const NOT_A_FILE = "not a file";

/** Opened without waiting (a FIFO opened to read would wait for a writer for ever). */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

const notAFile = (kind: Stats) => {
  const code = kind.isDirectory() ? "EISDIR" : NOT_A_FILE;
  return Object.assign(new Error(code), { code });
};

/** An error opening a file, as the readers throw it: a socket cannot even be opened (ENXIO). */
const openFailure = (error: unknown) =>
  (error as { code?: string }).code === "ENXIO"
    ? Object.assign(new Error(NOT_A_FILE), { code: NOT_A_FILE })
    : error;

/** The bytes of the state file at `path` (see the module's comment). */
export async function readStateBytes(path: string): Promise<Buffer> {
  const file = await open(path, OPEN_FLAGS).catch((error: unknown) => {
    throw openFailure(error);
  });
  try {
    const kind = await file.stat();
    if (!kind.isFile()) throw notAFile(kind);
    return await file.readFile();
  } finally {
    await file.close();
  }
}

/** The text (UTF-8) of the state file at `path`. */
export async function readStateText(path: string): Promise<string> {
  return (await readStateBytes(path)).toString("utf8");
}

/** {@link readStateText}, synchronously (for a stop's release of its lock). */
export function readStateTextSync(path: string): string {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (error) {
    throw openFailure(error);
  }
  try {
    const kind = fstatSync(fd);
    if (!kind.isFile()) throw notAFile(kind);
    return readFileSync(fd, "utf8");
  } finally {
    closeSync(fd);
  }
}
