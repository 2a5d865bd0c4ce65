import { homedir } from "node:os";
import { join, resolve } from "node:path";

/**
 * Where `orderkit send` keeps its ledger: `--journal-dir`, else `$ORDERKIT_STATE_DIR`, else
 * `$XDG_STATE_HOME/orderkit`, else `~/.local/state/orderkit`. Per user, never per directory.
 */
export function stateDir(option: string | undefined): string {
  if (option) return resolve(option);
  if (process.env.ORDERKIT_STATE_DIR) return resolve(process.env.ORDERKIT_STATE_DIR);
  const base = process.env.XDG_STATE_HOME || join(homedir(), ".local", "state");
  return join(base, "orderkit");
}
