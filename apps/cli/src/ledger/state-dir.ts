import { accessSync, constants } from "node:fs";
import { access, lstat, mkdir, stat } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { NotPermittedError, UsageError } from "../errors.js";

/**
 * Where `orderkit send` keeps its ledger: `--journal-dir`, else `$ORDERKIT_STATE_DIR`, else
 * `$XDG_STATE_HOME/orderkit`, else `~/.local/state/orderkit`. Per user, never per directory: a
 * relative `ORDERKIT_STATE_DIR` is refused (each working directory would have a ledger of its own,
 * and the same list would be paid for once in each), and a relative `XDG_STATE_HOME` is ignored,
 * as the XDG Base Directory specification says.
 */
export function stateDir(option: string | undefined): string {
  if (option) return resolve(option);
  const own = process.env.ORDERKIT_STATE_DIR;
  if (own) {
    if (!isAbsolute(own))
      throw new UsageError(
        `ORDERKIT_STATE_DIR must be an absolute path (it is "${own}"): the state directory is one per user, and a relative one would be another in each working directory. Nothing was sent.`,
      );
    return resolve(own);
  }
  const xdg = process.env.XDG_STATE_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join(homedir(), ".local", "state");
  return join(base, "orderkit");
}

/**
 * Makes `dir` (with its parents, private to the user) where orderkit keeps `what`, and checks that
 * this user can write in it, or throws a UsageError naming it and saying `consequence` (by default,
 * that nothing was sent), and the parent at fault when there is one. (A file or a dangling link
 * in its place, no permission; or a directory made by another user, as one `sudo orderkit`
 * leaves, which would otherwise fail later naming a temporary file in it.)
 */
export async function makeStateDir(
  dir: string,
  what: string,
  consequence = "Nothing was sent.",
): Promise<void> {
  const fail = (doing: string) => async (error: { code?: string }) => {
    throw new UsageError(
      `The directory of ${what}, ${dir}, cannot be ${doing} (${error.code ?? String(error)})${await atFault(dir)}: check that path and who owns it. ${consequence}`,
    );
  };
  await mkdir(dir, { recursive: true, mode: 0o700 }).catch(fail("made"));
  await access(dir, constants.W_OK | constants.X_OK).catch(fail("written"));
}

/**
 * What stops `dir` from being made or written, when it is one of its parents (the deepest that
 * exists): a link to nothing, not a directory, or one this user cannot write in. Empty when that
 * is `dir` itself, or nothing is found.
 */
async function atFault(dir: string): Promise<string> {
  let at = dir;
  while ((await lstat(at).catch(() => undefined)) === undefined) {
    if (dirname(at) === at) return "";
    at = dirname(at);
  }
  if (at === dir) return "";
  const target = await stat(at).catch(() => undefined);
  if (target === undefined) return `: ${at} is a link to nothing`;
  if (!target.isDirectory()) return `: ${at} is not a directory`;
  const writable = await access(at, constants.W_OK | constants.X_OK).then(
    () => true,
    () => false,
  );
  return writable ? "" : `: this user cannot write in ${at}`;
}

/**
 * Throws a NotPermittedError naming `path` when `error` (from reading it) says this user may not
 * read it: a file another user made, as a `sudo orderkit` run leaves them in the state directory.
 * Else returns, for the reader to go on as it would (missing, damaged). Every reader of orderkit's
 * own files calls it first: such a file taken for damaged or missing would let a repeat check
 * pass, or ask for `--allow-repeat`, for people the other user's run mailed.
 */
export function stopIfNotPermitted(error: unknown, path: string): void {
  const code = (error as { code?: string } | undefined)?.code;
  if (code !== "EACCES" && code !== "EPERM") return;
  // A directory on the way that this user cannot enter is named, not a file that may not exist.
  const closed = closedAbove(path);
  throw new NotPermittedError(
    `${closed === undefined ? `${path} cannot be read` : `${closed} cannot be entered`} by this user (${code}): it belongs to another, as the files of a \`sudo orderkit\` run do. The run stopped there: nothing more was sent. Give orderkit's files back to this user (for example, sudo chown -R "$(id -un)" ${shellQuoted(stateDir(undefined))}, and the same for any --journal-dir), then run the same command again.`,
  );
}

/** The outermost directory above `path` that this user cannot enter, if any. */
function closedAbove(path: string): string | undefined {
  let closed: string | undefined;
  for (let at = dirname(path); dirname(at) !== at; at = dirname(at))
    try {
      accessSync(at, constants.X_OK);
    } catch (error) {
      if ((error as { code?: string }).code === "EACCES") closed = at;
    }
  return closed;
}

/** A path as a POSIX shell reads it back: quoted when it holds anything but plain characters. */
export function shellQuoted(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replaceAll("'", "'\\''")}'`;
}
