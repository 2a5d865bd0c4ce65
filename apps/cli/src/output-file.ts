import {
  constants,
  createWriteStream,
  lstatSync,
  openSync,
  realpathSync,
  statSync,
  type WriteStream,
} from "node:fs";
import { open } from "node:fs/promises";
import { dirname, resolve, sep } from "node:path";
import { UsageError } from "./errors.js";
import { stateDir } from "./ledger/state-dir.js";

/** Flags for writing an output file: never through a symlink, created with mode 0600. */
const WRITE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | (constants.O_NOFOLLOW ?? 0);

/** The user's state directory, when it can be told (a relative ORDERKIT_STATE_DIR is refused where it is used). */
function userStateDir(): string[] {
  try {
    return [stateDir(undefined)];
  } catch {
    return [];
  }
}

/** `path` with its links resolved, as far as it exists. */
function realOrAsIs(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/**
 * Refuses an output path that would destroy something: a symlink (it would write elsewhere), one
 * of the command's input files (e.g. `--rejects` or `--proof` naming the CSV being sent), or a file
 * inside the user's state directory or one of `keepOut` (a journal): a proof written over a ledger
 * entry.
 */
export function checkOutputPath(
  path: string,
  option: string,
  inputs: readonly string[] = [],
  keepOut: readonly string[] = [],
): string {
  const target = resolve(path);
  const parent = realOrAsIs(dirname(target));
  for (const dir of [...keepOut, ...userStateDir()]) {
    const kept = realOrAsIs(resolve(dir));
    if (parent === kept || parent.startsWith(kept + sep))
      throw new UsageError(
        `${option} ${path} is inside orderkit's state directory ${dir}; write it elsewhere.`,
      );
  }
  let link = false;
  try {
    link = lstatSync(target).isSymbolicLink();
  } catch {
    return target;
  }
  if (link) throw new UsageError(`${option} ${path} is a symbolic link; refusing to write through it.`);
  const out = statSync(target);
  for (const input of inputs) {
    const inStat = statSync(input, { throwIfNoEntry: false });
    if (inStat && inStat.dev === out.dev && inStat.ino === out.ino)
      throw new UsageError(`${option} ${path} is the input file ${input}; refusing to overwrite it.`);
  }
  if (!out.isFile()) throw new UsageError(`${option} ${path} is not a regular file.`);
  return target;
}

/** An output file that cannot be opened, as a usage error (exit 2): a missing directory, no permission. */
function cannotWrite(path: string, error: unknown): UsageError {
  const code = (error as { code?: unknown }).code;
  const why =
    code === "ENOENT" ? "its directory does not exist" : typeof code === "string" ? code : String(error);
  return new UsageError(`${path}: cannot write it (${why}).`);
}

/** Writes an output file (mode 0600, never through a symlink). */
export async function writeOutput(path: string, data: Uint8Array | string): Promise<void> {
  const file = await open(path, WRITE_FLAGS, 0o600);
  try {
    await file.writeFile(data);
  } finally {
    await file.close();
  }
}

/**
 * A write stream for an output file (mode 0600, never through a symlink); one that cannot be
 * opened is a usage error (exit 2).
 */
export function outputStream(path: string): WriteStream {
  let fd: number;
  try {
    fd = openSync(path, WRITE_FLAGS, 0o600);
  } catch (error) {
    throw cannotWrite(path, error);
  }
  return createWriteStream(path, { fd });
}
