import type { LettrLabs } from "@orderkit/client";
import { conversionDigest, readAs } from "./conversions-sent.js";

// LettrLabs answers a batch of conversions with one result per conversion, each echoing the
// conversion's fields with its validation. Nothing promises the results come in the rows' order,
// and which rows were refused decides what a later run may send again: a result taken for the
// wrong row records a refused row as sent (never sent again) and a recorded one as refused (sent,
// and recorded, twice). So a result answers the row whose fields it echoes.

/**
 * For each result, the place in `sent` of the conversion it answers; undefined when that cannot be
 * told. A result agrees with a row when every field both hold says the same, read as the rows'
 * digest reads them (one Unicode form, case and white space aside where they do not count, an
 * instant however written, a number however written); a field only one of them holds (one the
 * server adds, rewrites out of recognition, or leaves out) says nothing. So each result must agree
 * with rows of one digest only (rows alike, sent twice with --allow-repeat, are one event): a
 * result that agrees with no row, or with rows of two digests (a row whose fields are a subset of
 * another's, a field that told them apart left out or rewritten), names no row, even in the rows'
 * order, which alone proves nothing. Each digest's results then take its rows in order, and must
 * be as many.
 */
export function answeredRows(
  sent: readonly LettrLabs.Conversion[],
  results: readonly unknown[],
): number[] | undefined {
  if (results.length !== sent.length || !results.every(isPlain)) return undefined;
  const digests = sent.map((row) => conversionDigest(row));
  const rowsOf = new Map<string, number[]>();
  for (const [i, digest] of digests.entries()) rowsOf.set(digest, [...(rowsOf.get(digest) ?? []), i]);
  const places: number[] = [];
  for (const result of results as Record<string, unknown>[]) {
    // Typed as any object: a server's echo may write a field otherwise than the spec (a number as text).
    const { isValid: _valid, validationErrors: _errors, ...fields } = result;
    const fits = new Set(digests.filter((_, i) => agrees(sent[i], fields, "")));
    if (fits.size !== 1) return undefined;
    const next = rowsOf.get([...fits][0] as string)?.shift();
    if (next === undefined) return undefined;
    places.push(next);
  }
  return places;
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
