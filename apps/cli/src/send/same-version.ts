import type { PresentRecipients } from "@orderkit/client";
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
): Promise<void> {
  const lines: number[] = [];
  let count = 0;
  let fields: string[] | undefined;
  for await (const row of readAgain(run.csv, run.map, run.scan, changed)) {
    if (run.scan.skip.has(row.index)) continue;
    const differ = present.differs(row.recipient);
    if (!differ) continue;
    count++;
    if (lines.length < LISTED) lines.push(row.line);
    fields ??= differ;
  }
  if (count === 0) return;
  const where = `line${count > 1 ? "s" : ""} ${lines.join(", ")}${count > lines.length ? ` and ${count - lines.length} more` : ""}`;
  const people = `${count === 1 ? "the person" : `${count} people`} of ${where} of ${run.csv}`;
  throw new StoppedError(
    `The order of this send already holds ${people} with other mail-merge fields (${(fields ?? []).join(", ")}) than the file gives them now: it was filled from another version of the file. Nothing was appended. ${advice}`,
  );
}
