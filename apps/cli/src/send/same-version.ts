import { type PresentRecipients, recipientKey } from "@orderkit/client";
import { StoppedError } from "../errors.js";
import { type CsvScan, readAgain } from "./scan.js";

/** Lines listed in the stop message. */
const LISTED = 5;

/**
 * Stops a send whose order already holds some of the file's people with other mail-merge fields
 * than the file gives them now (`PresentRecipients.differs`): the order was filled from another
 * version of the file, and completing it would mix the two. Read before anything is appended, so
 * that the order is left as it was. This is the check that does not trust the ledger entry (which
 * may predate such checks, be rolled back, or be gone): it compares with what the server holds.
 * `advice` says how to go on with the order.
 */
export async function sameVersion(
  present: PresentRecipients,
  run: { csv: string; map: Record<string, string>; scan: Pick<CsvScan, "rows" | "rowHashes" | "skip"> },
  changed: (what: string) => Error,
  advice: string,
  /** How to go on when the only finding is someone the order holds twice. */
  twiceAdvice: string = advice,
  /** How to go on when the order holds people the file does not name. */
  foreignAdvice: string = twiceAdvice,
): Promise<void> {
  const lines: number[] = [];
  let count = 0;
  // The fields found to differ, in any row; and whether the order holds someone twice.
  const fields = new Set<string>();
  let twice = false;
  // The file's people the order holds: any other person on it is not this send's.
  const ours = new Set<string>();
  for await (const row of readAgain(run.csv, run.map, run.scan, changed)) {
    if (run.scan.skip.has(row.index)) continue;
    const key = recipientKey(row.recipient);
    if (present.has(key)) ours.add(key);
    const differ = present.differs(row.recipient, key);
    if (!differ) continue;
    count++;
    if (lines.length < LISTED) lines.push(row.line);
    for (const f of differ) fields.add(f);
    if (differ.length === 0) twice = true;
  }
  const others = present.size - ours.size;
  if (others > 0)
    throw new StoppedError(
      `The order of this send holds ${others === 1 ? "someone" : `${others} people`} not found in ${run.csv} by name and address: rows of another send, a request misrouted to it, or this file's people as the server rewrote them (a standardised address), which a resumed send cannot tell from others. Checking it out could mail someone twice, or someone not in the file. Nothing was appended. ${foreignAdvice}`,
    );
  if (count === 0) return;
  const where = `line${count > 1 ? "s" : ""} ${lines.join(", ")}${count > lines.length ? ` and ${count - lines.length} more` : ""}`;
  const people = `${count === 1 ? "the person" : `${count} people`} of ${where} of ${run.csv}`;
  if (fields.size === 0)
    throw new StoppedError(
      `The order of this send holds ${people} twice (two rows, or one name in two Unicode spellings, which orderkit 0.1.0 took for two people): checking it out would mail them twice. Nothing was appended. ${twiceAdvice}`,
    );
  const what = [
    ...(fields.size > 0 ? [`${[...fields].join(", ")} differ${fields.size === 1 ? "s" : ""}`] : []),
    ...(twice ? ["someone is on the order twice"] : []),
  ].join("; ");
  throw new StoppedError(
    `The order of this send already holds ${people} with other mail-merge text than the file gives them now (${what}): it was filled from another version of the file, or LettrLabs stored that text otherwise. Nothing was appended. ${advice}`,
  );
}
