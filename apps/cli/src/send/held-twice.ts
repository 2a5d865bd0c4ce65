import type { LettrLabsClient } from "@orderkit/client";
import { recipientKey } from "@orderkit/client";

/** What {@link repeatsOnOrder} found: the order's rows, its distinct people, and the later rows of each person held twice. */
export interface RepeatsOnOrder {
  rows: number;
  people: number;
  /** The ids of the rows after each person's first. */
  repeatIds: number[];
  /**
   * Rows the server listed without an id. The listing tells rows apart by their ids, and rows
   * without one by their person: two rows of one person without ids are listed once, and cannot
   * be counted (nor removed by id).
   */
  withoutId: number;
}

/**
 * The people an order holds more than once (by `recipientKey`: two rows of one person, however
 * written), from one read of every page of its recipients (each row once, by its id). A `send` reads
 * this before it checks out, when a price preview counts more cards than the people it accepted or
 * gives no count: a write applied after its read-back had found it missing (later than the request
 * timeout and `--settle-ms`) holds those people twice, and an order is never paid with a person
 * twice on it.
 */
export async function repeatsOnOrder(ll: LettrLabsClient, orderId: number): Promise<RepeatsOnOrder> {
  const seen = new Set<string>();
  const repeatIds: number[] = [];
  let rows = 0;
  let withoutId = 0;
  for await (const r of ll.orders.recipients.iterate(orderId, { pageSize: 500 })) {
    rows++;
    if (typeof r.id !== "number") withoutId++;
    const key = recipientKey(r);
    if (!seen.has(key)) seen.add(key);
    else if (typeof r.id === "number") repeatIds.push(r.id);
  }
  return { rows, people: seen.size, repeatIds, withoutId };
}
