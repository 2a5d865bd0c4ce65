import { constants } from "node:fs";
import { access, mkdir } from "node:fs/promises";
import { homedir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import { UsageError } from "../errors.js";

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
 * that nothing was sent). (A file or a
 * dangling link in its place, no permission; or a directory made by another user, as one
 * `sudo orderkit` leaves, which would otherwise fail later naming a temporary file in it.)
 */
export async function makeStateDir(
  dir: string,
  what: string,
  consequence = "Nothing was sent.",
): Promise<void> {
  const fail = (doing: string) => (error: { code?: string }) => {
    throw new UsageError(
      `The directory of ${what}, ${dir}, cannot be ${doing} (${error.code ?? String(error)}): check that path and who owns it. ${consequence}`,
    );
  };
  await mkdir(dir, { recursive: true, mode: 0o700 }).catch(fail("made"));
  await access(dir, constants.W_OK | constants.X_OK).catch(fail("written"));
}
