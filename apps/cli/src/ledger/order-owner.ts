import { readFile } from "node:fs/promises";
import { writeAtomic } from "./atomic.js";
import { orderStatePath } from "./order-lock.js";

/**
 * Which send's ledger entry records an order as its own, kept beside the order's lock
 * (`<state dir>/orders/<key>.owner`), where every ledger sees it: `--journal-dir` moves a send's
 * ledger, not this record, so a send of another journal cannot adopt the order while that entry
 * stands. Written when a send creates or adopts its order.
 */
export async function recordOrderOwner(host: string, orderId: number, entryPath: string): Promise<void> {
  await writeAtomic(
    `${await orderStatePath(host, orderId)}.owner`,
    `${JSON.stringify({ entry: entryPath })}\n`,
  );
}

/** The ledger entry path recorded as the order's owner; undefined when none is recorded (or unreadable). */
export async function orderOwner(host: string, orderId: number): Promise<string | undefined> {
  try {
    const value: unknown = JSON.parse(await readFile(`${await orderStatePath(host, orderId)}.owner`, "utf8"));
    const entry = (value as { entry?: unknown } | null)?.entry;
    return typeof entry === "string" ? entry : undefined;
  } catch {
    return undefined;
  }
}
