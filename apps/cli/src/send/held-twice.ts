import type { LettrLabsClient } from "@orderkit/client";
import { recipientKey } from "@orderkit/client";

/** What {@link repeatsOnOrder} found: the order's rows, its distinct people, and the later rows of each person held twice. */
export interface RepeatsOnOrder {
  rows: number;
  people: number;
  /** The ids of the rows after each person's first (those without an id are counted, not named). */
  repeatIds: number[];
}

/**
 * The people an order holds more than once (by `recipientKey`: two rows of one person, however
 * written), from one read of every page of its recipients (each row once, by its id). A `send` reads
 * this before it checks out, when the price preview counts more cards than the people it accepted:
 * a write applied after its read-back had found it missing (later than the request timeout and
 * `--settle-ms`) holds those people twice, and an order is never paid with a person twice on it.
 */
export async function repeatsOnOrder(ll: LettrLabsClient, orderId: number): Promise<RepeatsOnOrder> {
  const seen = new Set<string>();
  const repeatIds: number[] = [];
  let rows = 0;
  for await (const r of ll.orders.recipients.iterate(orderId, { pageSize: 500 })) {
    rows++;
    const key = recipientKey(r);
    if (!seen.has(key)) seen.add(key);
    else if (typeof r.id === "number") repeatIds.push(r.id);
  }
  return { rows, people: seen.size, repeatIds };
}
