import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { hashRecipientKey, type LettrLabsClient } from "@orderkit/client";
import { writeAtomic } from "../ledger/atomic.js";
import { sortedHashes } from "../ledger/ledger.js";
import { orderStatePath } from "../ledger/order-lock.js";

/**
 * The people an order holds, as the server lists them, each hashed as this version keys a person
 * (`recipientKey`: Unicode forms folded): sorted, distinct. One read of every page of the order.
 */
export async function peopleOnOrder(ll: LettrLabsClient, orderId: number): Promise<Float64Array> {
  const hashes = Float64Array.from(await ll.orders.recipients.presentKeys(orderId), hashRecipientKey).sort();
  let n = 0;
  for (let i = 0; i < hashes.length; i++)
    if (i === 0 || hashes[i] !== hashes[i - 1]) hashes[n++] = hashes[i] as number;
  return hashes.subarray(0, n);
}

/**
 * {@link peopleOnOrder}, kept once the order is `fixed` (paid: its recipients can no longer change) in the user's state directory beside the order's lock (`orders/<key>.people`: the hashes,
 * then the SHA-256 of them), and read from there by later runs. A kept copy that is damaged or
 * truncated is read from the server again; an order not fixed is always read from the server.
 */
export async function keptPeopleOnOrder(
  ll: LettrLabsClient,
  host: string,
  orderId: number,
  fixed: boolean,
): Promise<Float64Array> {
  const path = `${await orderStatePath(host, orderId)}.people`;
  if (fixed) {
    const kept = await readFile(path).then(checked, () => undefined);
    if (kept) return kept;
  }
  const people = await peopleOnOrder(ll, orderId);
  if (fixed && people.length > 0) {
    const body = new Uint8Array(people.buffer, people.byteOffset, people.byteLength);
    const digest = createHash("sha256").update(body).digest();
    const bytes = new Uint8Array(body.byteLength + digest.byteLength);
    bytes.set(body);
    bytes.set(digest, body.byteLength);
    await writeAtomic(path, bytes);
  }
  return people;
}

/** The hashes a kept copy holds; undefined when its digest or its hashes are wrong. */
function checked(bytes: Uint8Array): Float64Array | undefined {
  if (bytes.byteLength < 32) return undefined;
  const body = bytes.subarray(0, bytes.byteLength - 32);
  const digest = createHash("sha256").update(body).digest();
  if (!digest.equals(bytes.subarray(bytes.byteLength - 32))) return undefined;
  return sortedHashes(body);
}
