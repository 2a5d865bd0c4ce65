import { mkdir } from "node:fs/promises";
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
 * Makes `dir` (with its parents, private to the user) where orderkit keeps `what`, or throws a
 * UsageError naming it (a file or a dangling link in its place, no permission): nothing was sent.
 */
export async function makeStateDir(dir: string, what: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 }).catch((error: { code?: string }) => {
    throw new UsageError(
      `The directory of ${what}, ${dir}, cannot be made (${error.code ?? String(error)}): check the state directory. Nothing was sent.`,
    );
  });
}
