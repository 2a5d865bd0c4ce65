import { hashRecipientKey, type LettrLabsClient, recipientKey, settle } from "@orderkit/client";
import { StoppedError } from "../errors.js";
import { includesSorted } from "../ledger/ledger.js";
import { HashList } from "./hash-list.js";

/** How many ids of rows holding people who are not on the list a stop names. */
const NAMED = 20;

/** What a send checks its order against before paying for it. */
export interface ListOfSend {
  /** The send's people: sorted, distinct 52-bit hashes of their `recipientKey`s. */
  people: Float64Array;
  /**
   * Those of them LettrLabs refused when they were sent, as this run found them: sorted, distinct
   * hashes of those its replies named, and how many it refused without naming them (a reply that
   * gives a count, or names a row otherwise than it was sent): as many missing people as that,
   * and no more, are taken for those.
   */
  refused: { people: Float64Array; unnamed: number };
  /** The list's file, as the user named it (for the message). */
  csv: string;
  /**
   * How `orderkit recipients add <order>` reads the people of the list from its file (`--csv`, and
   * the send's `--map`), for the advice to put back those the order lacks; undefined when it
   * cannot (a file with invalid rows, which `recipients add` refuses whole).
   */
  putBack: string[] | undefined;
  /** The settle wait before a listing that lacks people is read again (--settle-ms). */
  settleMs: number;
}

/**
 * The longest listing read for a list: twice its people, and a thousand rows more. An order
 * listing more cannot hold the list alone (a server serving pages without end, say).
 */
const listingBound = (list: ListOfSend): number => 2 * list.people.length + 1000;

/** Who an order holds, against a list: see {@link stopUnlessOrderHoldsList}. */
interface AgainstList {
  /** The order's people the list does not name, the rows they fill, and (at most NAMED of) those rows' ids. */
  strangers: number;
  strangerRows: number;
  strangerIds: number[];
  /** The list's people the order lacks, not counting those LettrLabs refused. */
  missing: number;
  /** The listing went on past {@link listingBound}. */
  endless: boolean;
}

/**
 * One read of every page of the order's recipients, each person hashed as `send` keys them: 8
 * bytes a row, plus the pager's note of each row's id. A listing is not read past
 * {@link listingBound}.
 */
async function againstList(ll: LettrLabsClient, orderId: number, list: ListOfSend): Promise<AgainstList> {
  const people = new HashList();
  const strangers = new HashList();
  const strangerIds: number[] = [];
  const bound = listingBound(list);
  let rows = 0;
  let strangerRows = 0;
  let endless = false;
  for await (const r of ll.orders.recipients.iterate(orderId, { pageSize: 500 })) {
    if (++rows > bound) {
      endless = true;
      break;
    }
    const hash = hashRecipientKey(recipientKey(r));
    people.push(hash);
    if (includesSorted(list.people, hash)) continue;
    strangers.push(hash);
    strangerRows++;
    if (typeof r.id === "number" && strangerIds.length < NAMED) strangerIds.push(r.id);
  }
  const held = people.finish().distinct;
  let missing = 0;
  for (const person of list.people)
    if (!includesSorted(held, person) && !includesSorted(list.refused.people, person)) missing++;
  missing = Math.max(0, missing - list.refused.unnamed);
  return {
    strangers: strangers.finish().distinct.length,
    strangerRows,
    strangerIds,
    missing,
    endless,
  };
}

/**
 * Stops a send before its checkout (nothing charged) unless order `orderId` holds exactly its
 * list: nobody the list does not name (put on in the LettrLabs app while the order waited, say),
 * and every person of it but those LettrLabs refused (person by person, not by their count). The
 * price preview counts cards, not people, so one person taken off and another put on would
 * otherwise be paid for, and the person taken off reported as mailed. Anyone the list does not
 * name stops it at once (a listing that lags hides rows, it does not make them up); people missing
 * are read again once after the settle wait (a listing may lag behind the latest appends). One read
 * of every page of the order (500 recipients a page).
 */
export async function stopUnlessOrderHoldsList(
  ll: LettrLabsClient,
  orderId: number,
  list: ListOfSend,
): Promise<void> {
  let now = await againstList(ll, orderId, list);
  if (now.strangers === 0 && now.missing === 0 && !now.endless) return;
  if (now.strangers === 0 && !now.endless) {
    await settle(list.settleMs);
    const again = await againstList(ll, orderId, list);
    if (again.strangers === 0 && again.missing === 0 && !again.endless) return;
    if (again.strangers > 0 || again.endless) now = again;
  }
  throw new StoppedError(
    `Order ${orderId} does not hold the people of ${list.csv}: ${why(orderId, list, now)}`,
  );
}

/** What is wrong with the order, and the way on. */
function why(orderId: number, list: ListOfSend, now: AgainstList): string {
  const { strangers, strangerRows, strangerIds, missing } = now;
  const people = (n: number) => `${n} ${n === 1 ? "person" : "people"}`;
  const listed = `\`orderkit recipients list ${orderId}\``;
  const restart = `or, to send the whole file as a new order instead, cancel it (\`orderkit orders cancel ${orderId}\`) and re-run with --restart`;
  const charged = "Nothing was charged.";
  if (now.endless)
    return `its listing went on past ${listingBound(list)} recipients, more than it can hold for ${people(list.people.length)}. ${charged} Check it (${listed}) before paying for it.`;
  const { unnamed } = list.refused;
  const lacking =
    unnamed > 0
      ? `${people(missing)} of the file ${missing === 1 ? "is" : "are"} not on it beyond the ${unnamed} LettrLabs refused without naming them`
      : `${people(missing)} of the file ${missing === 1 ? "is" : "are"} not on it, though LettrLabs did not refuse them`;
  const holding = `it holds ${people(strangers)} the file does not name (${strangerRows} ${strangerRows === 1 ? "row" : "rows"})`;
  if (strangers > 0 && missing > 0)
    // Both at once: edited in the app, or the server keeps these people otherwise than they were
    // sent (a standardised address makes the file's own people look like others): never advise
    // taking rows off.
    return `${holding}, and ${lacking}. They may have been edited in the LettrLabs app, or the server may keep some of this file's people otherwise than they were sent (a standardised address, say), in which case those rows are this file's own. ${charged} Check who it holds (${listed}) before changing anything; then run the same command again, ${restart}.`;
  if (strangers > 0) {
    const all = strangerIds.length === strangerRows;
    const remove =
      strangerIds.length === 0
        ? `take them off (${listed} shows them; they are listed without ids)`
        : `take them off (\`orderkit recipients remove ${orderId} ${strangerIds.join(" ")}\`${all ? "" : `, then the other ${strangerRows - strangerIds.length} ${listed} shows`})`;
    return `${holding}, put on it since this send appended its rows (in the LettrLabs app, say). ${charged} To mail the file's people alone, ${remove} and run the same command again, ${restart}.`;
  }
  const putBack = list.putBack
    ? `Put them back (\`orderkit recipients add ${orderId} ${list.putBack.join(" ")}\` adds those the order lacks) and run the same command again, ${restart}`
    : `Put them back in the LettrLabs app and run the same command again, ${restart}`;
  return `${lacking} (taken off in the LettrLabs app, say), and this send would report them as mailed. ${charged} ${putBack}.`;
}
