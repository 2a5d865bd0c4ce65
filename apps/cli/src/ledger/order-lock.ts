import { join } from "node:path";
import { serverKey } from "@orderkit/client";
import { hex128 } from "./digest.js";
import { FileLock, whileLocked } from "./lock.js";
import { makeStateDir, stateDir } from "./state-dir.js";
import { waitForStoppedWrites } from "./writes-in-flight.js";

/**
 * Takes the lock of one order (`<state dir>/orders/order-<id>.lock`): the commands that
 * change an order's recipients or check it out (`recipients add`, `recipients remove`, `checkout
 * submit`, `send`) hold it while they read the order back and write, so that two of them at once,
 * in two terminals, never both read "not there yet" and both send. A second one exits with code 4
 * and sends nothing. The lock is always in the user's state directory (`$ORDERKIT_STATE_DIR`, else
 * the XDG one): `--journal-dir` moves a send's ledger, never the order's lock, which two sends with
 * two journals must share. The lock is the order id's, whatever API host names it: one server
 * may have several names (a DNS alias, its address), and two runs through two of them would both
 * write; of two servers with one order id, one is refused while the other writes. `consequence` is what a refused run is
 * told it did (see {@link FileLock.acquire}). With `settleMs`, it returns once the writes a stopped
 * run left in flight are over: a run that held this lock until it was stopped has stopped by now.
 */
export async function lockOrder(orderId: number, consequence?: string, settleMs?: number): Promise<FileLock> {
  const lock = new FileLock(await orderLockPath(orderId, consequence));
  await lock.acquire(
    `A write on order ${orderId} (through any base URL: the lock is the order id's)`,
    consequence,
  );
  if (settleMs !== undefined)
    await waitForStoppedWrites(settleMs).catch(async (error: unknown) => {
      await lock.release().catch(() => {});
      throw error;
    });
  return lock;
}

/** The path of an order's lock (see {@link lockOrder}); its directory made when missing. */
export async function orderLockPath(orderId: number, consequence?: string): Promise<string> {
  return join(await orderLocksDir(consequence), `order-${orderId}.lock`);
}

/**
 * The path (without extension) under which one order of one API host keeps its state files in the
 * user's state directory (`<state dir>/orders/<key>`, made when missing): its owner, its people.
 * `consequence` is what a run that cannot make that directory is told it did.
 */
export async function orderStatePath(host: string, orderId: number, consequence?: string): Promise<string> {
  const dir = await orderLocksDir(consequence);
  const key = hex128(JSON.stringify([serverKey(host), orderId]));
  return join(dir, key);
}

/**
 * The directory of the order locks (`<state dir>/orders`), made when missing and checked writable
 * (see {@link makeStateDir}, which says `consequence` when it is not). A send checks it before it
 * makes an order, so that a directory it cannot write in never stops it with a Draft just made.
 */
export async function orderLocksDir(consequence?: string): Promise<string> {
  const dir = join(stateDir(undefined), "orders");
  await makeStateDir(dir, "the order locks", consequence);
  return dir;
}

/**
 * Runs `work` holding the order's lock (see {@link lockOrder}), released however it ends. With
 * `settleMs` (a `work` that reads the order back before it writes), `work` starts once the writes
 * a stopped run left in flight are over (see ledger/writes-in-flight.ts). `stoppedHint`
 * is what a stop (Ctrl-C) says, instead of the lock's "what it had already sent may still land".
 */
export async function whileOrderLocked<T>(
  orderId: number,
  work: () => Promise<T>,
  settleMs?: number,
  stoppedHint?: string | (() => string),
): Promise<T> {
  return whileLocked(await lockOrder(orderId, undefined, settleMs), work, stoppedHint);
}
