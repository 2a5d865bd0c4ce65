import { createHash } from "node:crypto";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { FileLock, whileLocked } from "./lock.js";
import { stateDir } from "./state-dir.js";

/**
 * Takes the lock of one order of one API host (`<state dir>/orders/<key>.lock`): the commands that
 * add recipients to an order or check it out (`recipients add`, `checkout submit`, `send`) hold it
 * while they read the order back and write, so that two of them at once, in two terminals, never
 * both read "not there yet" and both send. A second one exits with code 4 and sends nothing.
 */
export async function lockOrder(
  journalDir: string | undefined,
  host: string,
  orderId: number,
): Promise<FileLock> {
  const dir = join(stateDir(journalDir), "orders");
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const key = createHash("sha256")
    .update(JSON.stringify([host, orderId]))
    .digest("hex")
    .slice(0, 32);
  const lock = new FileLock(join(dir, `${key}.lock`));
  await lock.acquire(`A write on order ${orderId}`);
  return lock;
}

/** Runs `work` holding the order's lock (see {@link lockOrder}), released however it ends. */
export async function whileOrderLocked<T>(
  journalDir: string | undefined,
  host: string,
  orderId: number,
  work: () => Promise<T>,
): Promise<T> {
  return whileLocked(await lockOrder(journalDir, host, orderId), work);
}
