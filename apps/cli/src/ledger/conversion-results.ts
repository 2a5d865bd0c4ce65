import type { LettrLabs } from "@orderkit/client";
import { readAs } from "./conversions-sent.js";

// LettrLabs answers a batch of conversions with one result per conversion, each echoing the
// conversion's fields with its validation. Nothing promises the results come in the rows' order,
// and which rows were refused decides what a later run may send again: a result taken for the
// wrong row records a refused row as sent (never sent again) and a recorded one as refused (sent,
// and recorded, twice). So a result answers the row whose fields it echoes.

/**
 * For each result, the place in `sent` of the conversion it answers; undefined when that cannot be
 * told. Results in the rows' order that agree with their rows are taken as they come (the common
 * answer, and the only reading of results that echo nothing). Otherwise each result must agree with
 * exactly one row once the others are placed: a result that agrees with none, or results that fit
 * several rows alike (two rows of one event), name no row. A result agrees with a row when every
 * field both hold says the same, read as the rows' digest reads them (one Unicode form, case and
 * white space aside where they do not count, an instant however written, a number however
 * written); a field only one of them holds (one the server adds, or leaves out) says nothing.
 */
export function answeredRows(
  sent: readonly LettrLabs.Conversion[],
  results: readonly object[],
): number[] | undefined {
  if (results.length !== sent.length) return undefined;
  // Typed as any object: a server's echo may write a field otherwise than the spec (a number as text).
  const echoed = results.map((result) => {
    const { isValid: _valid, validationErrors: _errors, ...fields } = result as Record<string, unknown>;
    return fields;
  });
  if (echoed.every((fields, i) => agrees(sent[i], fields, ""))) return echoed.map((_, i) => i);
  const fits = echoed.map((fields) => sent.flatMap((row, i) => (agrees(row, fields, "") ? [i] : [])));
  const places: (number | undefined)[] = echoed.map(() => undefined);
  const taken = new Set<number>();
  for (let placed = true; placed; ) {
    placed = false;
    for (const [k, rows] of fits.entries()) {
      if (places[k] !== undefined) continue;
      const left = rows.filter((i) => !taken.has(i));
      if (left.length === 0) return undefined;
      if (left.length > 1) continue;
      places[k] = left[0];
      taken.add(left[0] as number);
      placed = true;
    }
  }
  return places.every((i) => i !== undefined) ? (places as number[]) : undefined;
}

const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Whether `echo` says what `row` says, in every field both hold (see {@link answeredRows}). */
function agrees(row: unknown, echo: unknown, key: string): boolean {
  if (isPlain(row) && isPlain(echo))
    return Object.keys(echo).every(
      (k) =>
        row[k] === undefined ||
        row[k] === null ||
        echo[k] === undefined ||
        echo[k] === null ||
        agrees(row[k], echo[k], k),
    );
  if (typeof row === "number" || typeof echo === "number") {
    const a = typeof row === "string" && row.trim() !== "" ? Number(row) : row;
    const b = typeof echo === "string" && echo.trim() !== "" ? Number(echo) : echo;
    return typeof a === "number" && a === b;
  }
  return JSON.stringify(readAs(row, key)) === JSON.stringify(readAs(echo, key));
}
