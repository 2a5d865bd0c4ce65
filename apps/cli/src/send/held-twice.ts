import type { LettrLabsClient } from "@orderkit/client";
import { recipientKey } from "@orderkit/client";
import { StoppedError } from "../errors.js";
import { cardsPriced } from "../table.js";

/** What {@link repeatsOnOrder} found: the order's rows, its distinct people, and the later rows of each person held twice. */
interface RepeatsOnOrder {
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
async function repeatsOnOrder(ll: LettrLabsClient, orderId: number): Promise<RepeatsOnOrder> {
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

/**
 * Stops the send before its checkout (nothing charged) when `preview` prices more cards than the
 * `accepted` people (or gives no count) and order `orderId` then holds a person twice, naming the
 * rows to remove; also when its rows carry no ids to count them by.
 */
export async function stopIfPricedOverPeople(
  ll: LettrLabsClient,
  orderId: number,
  preview: Parameters<typeof cardsPriced>[0],
  accepted: number,
): Promise<void> {
  const priced = cardsPriced(preview);
  if (priced > 0 && priced <= accepted) return;
  const { rows, people, repeatIds, withoutId } = await repeatsOnOrder(ll, orderId);
  if (rows === people && (withoutId === 0 || priced === 0)) return;
  if (rows === people)
    throw new StoppedError(
      `The price preview of order ${orderId} counts ${priced} cards for the ${accepted} people this send accepted, and the order lists ${withoutId} of its recipients without ids, which cannot be counted apart: a write applied after it had been read back as missing may have put people on it twice. Nothing was charged. Check who the order holds in the LettrLabs app and remove any repeats, then run the same command again.`,
    );
  const shown = repeatIds.slice(0, 20).join(" ");
  const more =
    repeatIds.length > 20
      ? ` (and ${repeatIds.length - 20} more: \`orderkit recipients list ${orderId}\`)`
      : "";
  const remove =
    repeatIds.length > 0
      ? `Remove the repeated rows (\`orderkit recipients remove ${orderId} ${shown}\`${more})`
      : `Remove the repeated rows (\`orderkit recipients list ${orderId}\`, then \`orderkit recipients remove\`)`;
  throw new StoppedError(
    `Order ${orderId} holds ${rows - people} ${rows - people === 1 ? "person" : "people"} twice (${rows} recipients for ${people} people): a write applied after it had been read back as missing (later than the request timeout and --settle-ms) added them again. Nothing was charged. ${remove}, then run the same command again.`,
  );
}
