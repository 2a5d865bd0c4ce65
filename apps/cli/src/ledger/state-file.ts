import { closeSync, constants, fstatSync, openSync, readSync, type Stats, statSync } from "node:fs";
import { open, stat } from "node:fs/promises";
import { Socket } from "node:net";

/**
 * The one reader of the files orderkit keeps (ledger entries, recipients files, locks, records,
 * marks, notes): a FIFO, a socket or a device standing where one of them should be, itself or where
 * a link leads, is never read. A read of a FIFO waits for a writer for ever, and the run would hang
 * before its first request, or with a lock held. Each file is opened without waiting, then checked
 * through the very descriptor it is read from (`fstat`), so nothing swapped in after a check by
 * path is read either; nor is more than the file says it holds, nor more than any orderkit writes
 * (a link to a file of `/proc` says it is empty and may run on for gigabytes). What it throws
 * carries a `code`: the system's (`ENOENT`, `EACCES`, `ELOOP`, ...), `EISDIR` for a directory,
 * {@link NOT_A_FILE} or {@link TOO_LARGE}.
 */

/** The code the readers throw for a FIFO, a socket or a device. */
export const NOT_A_FILE = "not a file";
/**
 * The code the readers throw for a file longer than any orderkit writes, or longer than its size
 * says (a link to a file of `/proc`, which says 0 and may run to gigabytes).
 */
export const TOO_LARGE = "too large";

/** No state file is longer (a recipients file of 32 million people is 256 MiB). */
const MAX_BYTES = 256 * 2 ** 20;
/** How much of a file that says it is empty is read (a `/proc` file says 0 whatever it holds). */
const SIZELESS_BYTES = 64 * 2 ** 10;

/** Opened without waiting (a FIFO opened to read would wait for a writer for ever), never as the terminal. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

const failure = (code: string) => Object.assign(new Error(code), { code });

/** What stands at a path, or its descriptor, if it is not a state file to read: its code. */
const refusal = (kind: Stats): string | undefined =>
  kind.isDirectory() ? "EISDIR" : !kind.isFile() ? NOT_A_FILE : kind.size > MAX_BYTES ? TOO_LARGE : undefined;

/** An error opening a file, as the readers throw it: a socket cannot even be opened (ENXIO). */
const openFailure = (error: unknown) =>
  (error as { code?: string }).code === "ENXIO" ? failure(NOT_A_FILE) : error;

/**
 * Reads what the descriptor's check (`kind`) allows: its size, and a little more to see that it
 * ends there (a file that goes on is refused as TOO_LARGE), or SIZELESS_BYTES when it says 0. The
 * reads ask for multiples of 8 bytes where the file says 0 (`/proc/self/pagemap` refuses others).
 */
function bounded(kind: Stats, read: (buffer: Buffer, at: number) => number | Promise<number>) {
  const room = kind.size > 0 ? kind.size : SIZELESS_BYTES;
  const buffer = Buffer.allocUnsafe(room + 8);
  const fill = (at: number): Buffer | Promise<Buffer> => {
    if (at > room) throw failure(TOO_LARGE);
    const n = read(buffer, at);
    const next = (got: number) => (got === 0 ? buffer.subarray(0, at) : fill(at + got));
    return typeof n === "number" ? next(n) : n.then(next);
  };
  return fill(0);
}

/** The bytes of the state file at `path` (see the module's comment). */
export async function readStateBytes(path: string): Promise<Buffer> {
  // Checked by path before it is opened (opening some devices does something), and again through
  // the descriptor it is read from (something swapped in between is not read).
  const before = refusal(await stat(path));
  if (before) throw failure(before);
  const file = await open(path, OPEN_FLAGS).catch((error: unknown) => {
    throw openFailure(error);
  });
  try {
    const kind = await file.stat();
    const code = refusal(kind);
    if (code) throw failure(code);
    return await bounded(
      kind,
      async (buffer, at) => (await file.read(buffer, at, buffer.length - at, at)).bytesRead,
    );
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
  const before = refusal(statSync(path));
  if (before) throw failure(before);
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (error) {
    throw openFailure(error);
  }
  try {
    const kind = fstatSync(fd);
    const code = refusal(kind);
    if (code) throw failure(code);
    return (
      bounded(kind, (buffer, at) => readSync(fd, buffer, at, buffer.length - at, at)) as Buffer
    ).toString("utf8");
  } finally {
    closeSync(fd);
  }
}

/** How long a FIFO with no writer yet is given one to open it (a writer loop between two writes). */
const WRITER_GRACE_MS = 5_000;

/**
 * A file the user names to be read once (the config file, `ORDERKIT_CONFIG`), which may be a pipe
 * on purpose (`ORDERKIT_CONFIG=<(pass show orderkit)`): a FIFO is read as a socket is, as its
 * writer writes, until the writer closes it after writing. Never through a blocking read (one
 * cannot be stopped, not even by SIGTERM): a writer that has it open and has not written yet (a
 * pass phrase being typed) is waited for as long as it takes, and Ctrl-C stops the wait. A FIFO
 * with no writer is opened again until one comes, for WRITER_GRACE_MS, then reads as empty.
 * Anything else is read as a state file ({@link readStateText}). At most SIZELESS_BYTES from a
 * pipe (TOO_LARGE past it).
 */
export async function readTextOrPipe(path: string): Promise<string> {
  if (!(await stat(path)).isFIFO()) return readStateText(path);
  const until = performance.now() + WRITER_GRACE_MS;
  // One buffer for the first read of every opening (a FIFO with no writer is opened every 10 ms).
  const first = Buffer.allocUnsafe(SIZELESS_BYTES + 1);
  for (;;) {
    const text = await readPipeOnce(path, first);
    if (text.length > 0 || performance.now() > until) return text.toString("utf8");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * What one opening of the FIFO at `path` gives until its end, its first read into `first`: empty at
 * once when no writer has it open (Linux never reports the end of a FIFO that had no writer yet).
 */
async function readPipeOnce(path: string, first: Buffer): Promise<Buffer> {
  const fd = openSync(path, OPEN_FLAGS);
  let got: number;
  try {
    // What was opened is what was checked (not a device swapped in since).
    if (!fstatSync(fd).isFIFO()) throw failure(NOT_A_FILE);
    // 0: no writer (its end, or none yet); EAGAIN: a writer that has not written yet.
    got = readSyncOrNothing(fd, first);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  if (got === 0 || got > SIZELESS_BYTES) {
    closeSync(fd);
    if (got > 0) throw failure(TOO_LARGE);
    return first.subarray(0, 0);
  }
  // A writer has it open: read as it writes, through the event loop. The socket owns the
  // descriptor from here, and closes it.
  const pipe = new Socket({ fd, readable: true, writable: false });
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = got > 0 ? [first.subarray(0, got)] : [];
    let size = Math.max(0, got);
    const take = (chunk: Buffer) => {
      size += chunk.length;
      chunks.push(chunk);
      if (size > SIZELESS_BYTES) {
        pipe.destroy();
        reject(failure(TOO_LARGE));
      }
    };
    pipe.on("data", take);
    pipe.on("end", () => resolve(Buffer.concat(chunks)));
    pipe.on("error", reject);
  });
}

/** A read of what the pipe holds now, without waiting: its count, 0 at its end, -1 for none yet. */
function readSyncOrNothing(fd: number, buffer: Buffer): number {
  try {
    return readSync(fd, buffer, 0, buffer.length, null);
  } catch (error) {
    if ((error as { code?: string }).code === "EAGAIN") return -1;
    throw error;
  }
}
