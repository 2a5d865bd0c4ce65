import { createHash } from "node:crypto";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { UsageError } from "../errors.js";
import { normalizeHost } from "./ledger.js";
import { FileLock, whileLocked } from "./lock.js";
import { stateDir } from "./state-dir.js";

/**
 * Takes the lock of one order of one API host (`<state dir>/orders/<key>.lock`): the commands that
 * change an order's recipients or check it out (`recipients add`, `recipients remove`, `checkout
 * submit`, `send`) hold it while they read the order back and write, so that two of them at once,
 * in two terminals, never both read "not there yet" and both send. A second one exits with code 4
 * and sends nothing. The lock is always in the user's state directory (`$ORDERKIT_STATE_DIR`, else
 * the XDG one): `--journal-dir` moves a send's ledger, never the order's lock, which two sends with
 * two journals must share. `host` is `normalizeHost()`'s; see {@link lockHost}.
 */
/** This machine's loopback names, as WHATWG URLs spell them (`[::ffff:7f00:1]` is 127.0.0.1). */
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|0\.0\.0\.0|\[::1?\]|\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\])$/;

/**
 * The host an order lock is keyed by: `normalizeHost()`'s, with a trailing dot dropped and every
 * loopback name as one (a lock shared by two servers is only a wait; a server with two keys is two
 * writers).
 */
export function lockHost(host: string): string {
  const url = new URL(host);
  url.hostname = url.hostname.replace(/\.$/, "");
  if (LOOPBACK.test(url.hostname)) url.hostname = "127.0.0.1";
  return normalizeHost(url.href);
}

export async function lockOrder(host: string, orderId: number): Promise<FileLock> {
  const dir = join(stateDir(undefined), "orders");
  await mkdir(dir, { recursive: true, mode: 0o700 }).catch((error: { code?: string }) => {
    throw new UsageError(
      `The order locks' directory ${dir} cannot be made (${error.code ?? String(error)}): check the state directory.`,
    );
  });
  const key = createHash("sha256")
    .update(JSON.stringify([lockHost(host), orderId]))
    .digest("hex")
    .slice(0, 32);
  const lock = new FileLock(join(dir, `${key}.lock`));
  await lock.acquire(`A write on order ${orderId}`);
  return lock;
}

/** Runs `work` holding the order's lock (see {@link lockOrder}), released however it ends. */
export async function whileOrderLocked<T>(host: string, orderId: number, work: () => Promise<T>): Promise<T> {
  return whileLocked(await lockOrder(host, orderId), work);
}
