import { rm } from "node:fs/promises";
import { hashRecipientKey, type LettrLabsClient, serverKey } from "@orderkit/client";
import { readCheckedHashes, writeCheckedHashes } from "../ledger/checked-hashes.js";
import { orderStatePath } from "../ledger/order-lock.js";
import { HashList } from "./hash-list.js";

/**
 * The people an order holds, as the server lists them, each hashed as this version keys a person
 * (`recipientKey`: Unicode forms folded): sorted, distinct. One read of every page of the order.
 */
export async function peopleOnOrder(ll: LettrLabsClient, orderId: number): Promise<Float64Array> {
  const people = new HashList();
  for (const key of await ll.orders.recipients.presentKeys(orderId)) people.push(hashRecipientKey(key));
  return people.finish().distinct;
}

/**
 * {@link peopleOnOrder}, kept once the order is `paid` (its recipients can no longer change) in
 * the user's state directory beside the order's lock (`orders/<key>.people`, checked against the
 * host and the order), and read from there by later runs. A kept copy that is damaged, cut short
 * or another order's is read from the server again. An order not paid is always read there, and
 * one seen `editable` again lets go of what was kept of it (an order edited again after its
 * payment and paid again between two runs, never seen editable, keeps the copy of its first
 * payment); any other reading (a status that could not be read, a payment settling) leaves it.
 */
export async function keptPeopleOnOrder(
  ll: LettrLabsClient,
  host: string,
  orderId: number,
  state: "paid" | "editable" | "other",
): Promise<Float64Array> {
  const { path, context } = await kept(host, orderId);
  if (state === "paid") {
    const people = await readCheckedHashes(path, context);
    if (people) return people;
  } else if (state === "editable") {
    // Editable again (support set it back to Edits Needed): what was kept may change.
    await rm(path, { force: true });
  }
  const people = await peopleOnOrder(ll, orderId);
  if (state === "paid" && people.length > 0) await writeCheckedHashes(path, people, context);
  return people;
}

/** The people {@link keptPeopleOnOrder} kept for an order, without reading the server; undefined if none. */
export async function keptPeople(host: string, orderId: number): Promise<Float64Array | undefined> {
  const { path, context } = await kept(host, orderId);
  return readCheckedHashes(path, context);
}

/** Where an order's people are kept, and what the copy is checked against (its host and id). */
async function kept(host: string, orderId: number): Promise<{ path: string; context: string }> {
  return {
    path: `${await orderStatePath(host, orderId)}.people`,
    context: JSON.stringify(["people on order", serverKey(host), orderId]),
  };
}
