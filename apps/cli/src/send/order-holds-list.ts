import { hashRecipientKey, type LettrLabsClient, recipientKey, settle } from "@orderkit/client";
import { StoppedError } from "../errors.js";
import { includesSorted, overlap } from "../ledger/ledger.js";
import { HashList } from "./hash-list.js";

/** How many ids of people who are not on the list a stop names. */
const NAMED = 20;

/** Who an order holds, against a list: see {@link stopUnlessOrderHoldsList}. */
interface AgainstList {
  /** The list's people the order holds (each once, however many rows). */
  held: number;
  /** The order's people the list does not name, and the ids of (at most NAMED of) their rows. */
  strangers: number;
  strangerIds: number[];
  /** Rows of those people listed without an id (they cannot be named). */
  strangersWithoutId: number;
}

/** What a send checks its order against before paying for it. */
export interface ListOfSend {
  /** The send's people: sorted, distinct 52-bit hashes of their `recipientKey`s. */
  people: Float64Array;
  /** How many of them LettrLabs refused when they were sent (the most any record of the send counts). */
  refused: number;
  /** The list's file, as the user named it (for the message). */
  csv: string;
  /** The settle wait before a listing that disagrees is read again (--settle-ms). */
  settleMs: number;
}

/** One read of every page of the order's recipients, each person hashed as `send` keys them. */
async function againstList(ll: LettrLabsClient, orderId: number, list: Float64Array): Promise<AgainstList> {
  const people = new HashList();
  const strangerIds: number[] = [];
  let strangerRows = 0;
  let strangersWithoutId = 0;
  for await (const r of ll.orders.recipients.iterate(orderId, { pageSize: 500 })) {
    const hash = hashRecipientKey(recipientKey(r));
    people.push(hash);
    if (includesSorted(list, hash)) continue;
    strangerRows++;
    if (typeof r.id !== "number") strangersWithoutId++;
    else if (strangerIds.length < NAMED) strangerIds.push(r.id);
  }
  const distinct = people.finish().distinct;
  const held = overlap(list, distinct);
  return {
    held,
    strangers: strangerRows === 0 ? 0 : distinct.length - held,
    strangerIds,
    strangersWithoutId,
  };
}

/**
 * Stops a send before its checkout (nothing charged) unless order `orderId` holds exactly its
 * list: nobody the list does not name (put on in the LettrLabs app, or by `orderkit recipients
 * add`, while the order waited), and every person of it but at most those LettrLabs refused. The
 * price preview counts cards, not people, so one person taken off and another put on would
 * otherwise be paid for, and the person taken off reported as mailed. A listing that disagrees is
 * read again once after the settle wait (a listing may lag behind the latest appends) before the
 * send stops. One read of every page of the order (500 recipients a page) and 8 bytes a person.
 */
export async function stopUnlessOrderHoldsList(
  ll: LettrLabsClient,
  orderId: number,
  list: ListOfSend,
): Promise<void> {
  const agrees = (now: AgainstList) => now.strangers === 0 && list.people.length - now.held <= list.refused;
  let now = await againstList(ll, orderId, list.people);
  if (agrees(now)) return;
  await settle(list.settleMs);
  now = await againstList(ll, orderId, list.people);
  if (agrees(now)) return;
  const missing = list.people.length - now.held;
  const problems: string[] = [];
  if (now.strangers > 0) {
    const ids = now.strangerIds.join(" ");
    const unnamed = now.strangers > now.strangerIds.length;
    problems.push(
      `it holds ${now.strangers} ${now.strangers === 1 ? "person" : "people"} who ${now.strangers === 1 ? "is" : "are"} not in ${list.csv} (put on it in the LettrLabs app, or by \`orderkit recipients add\`, since this send appended its rows)${
        ids
          ? `: take ${unnamed ? "them" : now.strangers === 1 ? "that row" : "those rows"} off with \`orderkit recipients remove ${orderId} ${ids}\`${unnamed ? ` (and the others \`orderkit recipients list ${orderId}\` shows)` : ""}`
          : ` (listed without ids: see \`orderkit recipients list ${orderId}\`)`
      }`,
    );
  }
  if (missing > list.refused) {
    problems.push(
      `${missing} ${missing === 1 ? "person" : "people"} of ${list.csv} ${missing === 1 ? "is" : "are"} not on it${list.refused > 0 ? `, and LettrLabs refused only ${list.refused} when they were sent` : ""} (taken off in the app, or by \`orderkit recipients remove\`), so this send would report them as mailed`,
    );
  }
  throw new StoppedError(
    `Order ${orderId} does not hold the people of ${list.csv}: ${problems.join("; and ")}. Nothing was charged. Put the order right and run the same command again, or, to send the whole file as a new order instead, cancel it (\`orderkit orders cancel ${orderId}\`) and re-run with --restart.`,
  );
}
