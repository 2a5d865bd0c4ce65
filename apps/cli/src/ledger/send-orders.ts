import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { UsageError } from "../errors.js";
import { writeAtomic } from "./atomic.js";
import { stopIfNotPermitted } from "./state-dir.js";
import { readStateText } from "./state-file.js";

/**
 * The orders of each send, recorded in the user's state directory (`send-orders/<key>.<order id>`),
 * where no move, copy or restore of a ledger reaches: a ledger entry restored from a copy taken
 * before its send had an order (or before its checkout) would otherwise create, or check out, that
 * order a second time. Each record says whether a checkout of that order was ever started.
 */
export interface SendOrder {
  orderId: number;
  /** A checkout of this order was started by some run of the send (set before it is sent). */
  checkoutStarted: boolean;
  /**
   * The send adopted this order (`--order`) rather than made it from its template: the order's
   * template is not known (see `LedgerEntry.adopted`), and an entry that finds it again keeps that.
   */
  adopted: boolean;
  /**
   * How many of the send's people LettrLabs refused when they were sent to this order, as its
   * checkout started (the most recorded): people it lacks for that reason. Kept here, where a
   * restored or lost ledger entry does not take it away. Undefined in records older than it.
   */
  refused?: number | undefined;
}

/** What a record says of its order; each mark, once recorded, stays recorded (`refused`: the most). */
export type SendOrderMarks = Omit<SendOrder, "orderId">;

/** The directory of these records in the state directory `home`. */
export const sendOrdersDir = (home: string): string => join(home, "send-orders");

/** Where the record of the send `key`'s order `orderId` is kept. */
function recordPath(home: string, key: string, orderId: number): string {
  return join(sendOrdersDir(home), `${key}.${orderId}`);
}

/**
 * Records that the send `key` has the order `orderId` (with `checkoutStarted`, that a checkout of
 * it is about to be sent; with `adopted`, that the send adopted it). A mark once recorded stays.
 */
export async function noteSendOrder(
  home: string,
  key: string,
  orderId: number,
  marks: SendOrderMarks,
): Promise<void> {
  const before = await readRecord(home, key, orderId);
  const most = Math.max(marks.refused ?? -1, before?.refused ?? -1);
  const next: SendOrderMarks = {
    checkoutStarted: marks.checkoutStarted || before?.checkoutStarted === true,
    adopted: marks.adopted || before?.adopted === true,
    ...(most >= 0 ? { refused: most } : {}),
  };
  if (
    before?.checkoutStarted === next.checkoutStarted &&
    before.adopted === next.adopted &&
    before.refused === next.refused
  )
    return;
  await writeAtomic(recordPath(home, key, orderId), `${JSON.stringify(next)}\n`);
}

/**
 * The record of one order of the send `key`; undefined when none was made. A damaged record
 * counts as a checkout started and as adopted (the cautious readings: the order is then confirmed
 * before any checkout, and its people count for every template).
 */
export async function readRecord(home: string, key: string, orderId: number): Promise<SendOrder | undefined> {
  const path = recordPath(home, key, orderId);
  let text: string;
  try {
    text = await readStateText(path);
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") return undefined;
    stopIfNotPermitted(error, path);
    return { orderId, checkoutStarted: true, adopted: true };
  }
  try {
    const value = JSON.parse(text) as {
      checkoutStarted?: unknown;
      adopted?: unknown;
      refused?: unknown;
    } | null;
    const refused = value?.refused;
    return {
      orderId,
      checkoutStarted: value?.checkoutStarted !== false,
      adopted: value?.adopted === true,
      ...(Number.isSafeInteger(refused) && (refused as number) >= 0 ? { refused: refused as number } : {}),
    };
  } catch {
    return { orderId, checkoutStarted: true, adopted: true };
  }
}

/** The names of the records in `home` (none when the directory does not exist yet). */
async function recordNames(home: string): Promise<string[]> {
  const dir = sendOrdersDir(home);
  return readdir(dir).catch((error: { code?: string }) => {
    if (error.code === "ENOENT") return [] as string[];
    throw new UsageError(
      `${dir} cannot be read (${error.code ?? String(error)}): the orders of sends cannot be checked. Nothing more was sent. Fix it, then run the same command again.`,
    );
  });
}

/** Which orders sends adopted, by their records, read once per send and only when asked. */
export interface AdoptionIndex {
  /**
   * Whether the send `key` adopted `orderId`, by its records; with no order (an entry that names
   * none: restored from a copy taken before, or lost), whether it adopted any.
   */
  adopted(key: string, orderId: number | undefined): Promise<boolean>;
}

/**
 * The adoptions recorded in `home`: whatever a send's entry says now, the orders its records say it
 * adopted count for every template. The directory is listed once; a send's records are read the
 * first time it is asked about.
 */
export function adoptionIndex(home: string): AdoptionIndex {
  let names: Promise<string[]> | undefined;
  const byKey = new Map<string, Promise<Set<number>>>();
  const adoptedOf = async (key: string) => {
    names ??= recordNames(home);
    const orders = await sendOrders(home, key, await names);
    return new Set(orders.filter((o) => o.adopted).map((o) => o.orderId));
  };
  return {
    async adopted(key, orderId) {
      const orders = byKey.get(key) ?? adoptedOf(key);
      byKey.set(key, orders);
      const set = await orders;
      return orderId === undefined ? set.size > 0 : set.has(orderId);
    },
  };
}

/** Every order recorded for the send `key`, oldest id first (`names`: the directory, when listed already). */
export async function sendOrders(home: string, key: string, names?: readonly string[]): Promise<SendOrder[]> {
  names ??= await recordNames(home);
  const ids = names
    .filter((name) => name.startsWith(`${key}.`))
    .map((name) => Number(name.slice(key.length + 1)))
    .filter((id) => Number.isSafeInteger(id) && id > 0)
    .sort((a, b) => a - b);
  const found: SendOrder[] = [];
  for (const id of ids) {
    const record = await readRecord(home, key, id);
    if (record) found.push(record);
  }
  return found;
}
