import { createWriteStream } from "node:fs";
import { recipientHash } from "@orderkit/client";
import { stringify } from "csv-stringify";
import { readRecipients } from "../csv/read.js";
import { HashSet52 } from "./hash-set.js";

/** What the validation pass found in the CSV. */
export interface CsvScan {
  rows: number;
  valid: number;
  /** Data-row indexes not to send (invalid or duplicate). */
  skip: Set<number>;
  invalid: { line: number; problems: string[] }[];
  invalidCount: number;
  duplicates: { line: number }[];
  duplicateCount: number;
  ignoredColumns: string[];
}

const LISTED = 1000;

/**
 * First pass over the CSV: counts rows, validates each, finds repeated rows (by a 52-bit hash of
 * the recipient's identity, kept in a compact table of at most ~16 bytes a row), and writes rejected rows to
 * `rejectsPath` when given. Nothing is sent.
 */
export async function scanCsv(
  path: string,
  map: Record<string, string>,
  rejectsPath?: string,
): Promise<CsvScan> {
  const scan: CsvScan = {
    rows: 0,
    valid: 0,
    skip: new Set(),
    invalid: [],
    invalidCount: 0,
    duplicates: [],
    duplicateCount: 0,
    ignoredColumns: [],
  };
  const seen = new HashSet52();
  let rejects: ReturnType<typeof stringify> | undefined;
  let done: Promise<void> | undefined;
  for await (const row of readRecipients(path, {
    map,
    onHeader: (mapping, headers) => {
      scan.ignoredColumns = mapping.ignored;
      if (rejectsPath) {
        rejects = stringify({ header: true, columns: [...headers, "error"] });
        const out = createWriteStream(rejectsPath);
        rejects.pipe(out);
        done = new Promise((resolve, reject) => {
          out.on("finish", () => resolve());
          out.on("error", reject);
        });
      }
    },
  })) {
    scan.rows++;
    if (row.problems.length > 0) {
      scan.invalidCount++;
      scan.skip.add(row.index);
      if (scan.invalid.length < LISTED) scan.invalid.push({ line: row.line, problems: row.problems });
      rejects?.write([...row.cells, row.problems.join("; ")]);
      continue;
    }
    if (!seen.add(recipientHash(row.recipient))) {
      scan.duplicateCount++;
      scan.skip.add(row.index);
      if (scan.duplicates.length < LISTED) scan.duplicates.push({ line: row.line });
      continue;
    }
    scan.valid++;
  }
  rejects?.end();
  await done;
  return scan;
}
