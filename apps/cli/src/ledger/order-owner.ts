import { writeAtomic } from "./atomic.js";
import { orderStatePath } from "./order-lock.js";
import { stopIfNotPermitted } from "./state-dir.js";
import { readStateText } from "./state-file.js";

/**
 * Which send's ledger entry records an order as its own, kept beside the order's lock
 * (`<state dir>/orders/<key>.owner`), where every ledger sees it: `--journal-dir` moves a send's
 * ledger, not this record, so a send of another journal cannot adopt the order while that entry
 * stands. Written by every run of a send that holds its order.
 */
export async function recordOrderOwner(host: string, orderId: number, entryPath: string): Promise<void> {
  await writeAtomic(await orderOwnerPath(host, orderId), `${JSON.stringify({ entry: entryPath })}\n`);
}

/** Where the owner of an order is recorded. */
export async function orderOwnerPath(host: string, orderId: number): Promise<string> {
  return `${await orderStatePath(host, orderId)}.owner`;
}

/**
 * The ledger entry path recorded as the order's owner: undefined when none is recorded, null when
 * the record is damaged (unreadable, not JSON, no entry path).
 */
export async function orderOwner(host: string, orderId: number): Promise<string | undefined | null> {
  const path = await orderOwnerPath(host, orderId);
  let text: string;
  try {
    text = await readStateText(path);
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") return undefined;
    stopIfNotPermitted(error, path);
    return null;
  }
  try {
    const entry = (JSON.parse(text) as { entry?: unknown } | null)?.entry;
    return typeof entry === "string" ? entry : null;
  } catch {
    return null;
  }
}
