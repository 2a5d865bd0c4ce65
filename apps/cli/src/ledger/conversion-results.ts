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
  for (const [i, digest] of digests.entries()) {
    const list = rowsOf.get(digest);
    if (list) list.push(i);
    else rowsOf.set(digest, [i]);
  }
  const rows = sent.map((row) => leavesOf(row as Record<string, unknown>));
  const index = indexOf(rows);
  const places: number[] = [];
  for (const result of results as Record<string, unknown>[]) {
    // Typed as any object: a server's echo may write a field otherwise than the spec (a number as text).
    const { isValid: _valid, validationErrors: _errors, ...fields } = result;
    const echo = leavesOf(fields);
    const fits = new Set<string>();
    for (const i of index.candidates(echo)) {
      if (agrees(rows[i] as Leaves, echo)) fits.add(digests[i] as string);
      if (fits.size > 1) return undefined;
    }
    if (fits.size !== 1) return undefined;
    const next = rowsOf.get([...fits][0] as string)?.shift();
    if (next === undefined) return undefined;
    places.push(next);
  }
  return places;
}

const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** A field's value (`raw`), and its text as the digest reads it. */
interface Leaf {
  raw: unknown;
  text: string;
}
/** The fields of a conversion that hold a value, by path (`primaryAddress.city`). */
type Leaves = Map<string, Leaf>;

function leavesOf(value: Record<string, unknown>, prefix = "", out: Leaves = new Map()): Leaves {
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined || v === null) continue;
    if (isPlain(v)) leavesOf(v, `${prefix}${key}.`, out);
    else out.set(`${prefix}${key}`, { raw: v, text: JSON.stringify(readAs(v, key)) });
  }
  return out;
}

/** A number, or text that writes one: the number. */
const numberOf = (raw: unknown): number | undefined =>
  typeof raw === "number" ? raw : typeof raw === "string" && raw.trim() !== "" ? Number(raw) : undefined;

/** Whether two fields say the same: as numbers when either is one, else as the digest reads them. */
function same(a: Leaf, b: Leaf): boolean {
  if (typeof a.raw === "number" || typeof b.raw === "number") {
    const x = numberOf(a.raw);
    return x !== undefined && !Number.isNaN(x) && x === numberOf(b.raw);
  }
  return a.text === b.text;
}

/** Whether `echo` says what `row` says, in every field both hold (see {@link answeredRows}). */
function agrees(row: Leaves, echo: Leaves): boolean {
  for (const [path, leaf] of echo) {
    const mine = row.get(path);
    if (mine !== undefined && !same(mine, leaf)) return false;
  }
  return true;
}

/** The fields a result is looked up by: those that usually tell conversions apart. */
const INDEXED = [
  "primaryEmail",
  "orderId",
  "primaryPhoneNumber",
  "couponCode",
  "uniqueId",
  "crmId",
  "customerId",
  "eventDate",
];

/** A field's key in the index: two fields that say the same (see `same`) have one key. */
function keyOf(leaf: Leaf): string {
  const n = numberOf(leaf.raw);
  return n !== undefined && !Number.isNaN(n) ? `#${n}` : leaf.text;
}

/**
 * The rows a result may agree with, without comparing it with every row: by the indexed field it
 * holds whose value the fewest rows share or leave out (a row without the field may agree). All
 * rows for a result that holds none.
 */
function indexOf(rows: readonly Leaves[]) {
  const byValue = new Map<string, Map<string, number[]>>();
  const without = new Map<string, number[]>();
  for (const field of INDEXED) {
    const values = new Map<string, number[]>();
    const lacking: number[] = [];
    for (const [i, row] of rows.entries()) {
      const leaf = row.get(field);
      if (leaf === undefined) lacking.push(i);
      else {
        const key = keyOf(leaf);
        const list = values.get(key);
        if (list) list.push(i);
        else values.set(key, [i]);
      }
    }
    byValue.set(field, values);
    without.set(field, lacking);
  }
  const all = rows.map((_, i) => i);
  return {
    candidates(echo: Leaves): number[] {
      let best = all;
      for (const field of INDEXED) {
        const leaf = echo.get(field);
        if (leaf === undefined) continue;
        const same = byValue.get(field)?.get(keyOf(leaf)) ?? [];
        const lacking = without.get(field) ?? [];
        if (same.length + lacking.length < best.length) best = [...same, ...lacking];
      }
      return best;
    },
  };
}
