import type { LettrLabs } from "@orderkit/client";
import {
  CONVERSION_ADDRESS_FIELDS,
  CONVERSION_ADDRESSES,
  CONVERSION_TEXT_FIELDS,
} from "../csv/conversions.js";
import { readAs } from "./conversions-sent.js";
import { isObject } from "./entry.js";

// LettrLabs answers a batch of conversions with one result per conversion, each echoing the
// conversion's fields with its validation. Nothing promises the results come in the rows' order,
// and which rows were refused decides what a later run may send again: a result taken for the
// wrong row records a refused row as sent (never sent again) and a recorded one as refused (sent,
// and recorded, twice). So a row is named refused only where its result echoes it exactly.

/**
 * The places of the rows LettrLabs refused, read from its results; undefined when that cannot be
 * told. The results are taken in the rows' order, and only where every result (when any is
 * refused: `isValid: false`, the only kind whose row is sent again) echoes the row at its place
 * exactly: the same fields of a conversion, each saying the same, read as the rows' digest reads
 * them (one Unicode form, case and white space aside where they do not count, an instant however
 * written, a revenue however written); fields that are no conversion's (an id the server adds) and
 * null ones aside; or, for a row that carries an orderId (LettrLabs's own key), where it names that
 * orderId (carried by no other row) and contradicts no field. A refused result rewritten into the row at its place (a
 * coupon's case, a time to the second) is then caught by that row's own result, found elsewhere
 * (review 170). A result that leaves a field out, adds one or rewrites one (a phone number in
 * another format), a result that does not say plainly whether its row was recorded (`isValid` not
 * a boolean, or `true` beside problems), or an answer of another count, names no row: every row then counts as
 * recorded, and the user checks what LettrLabs holds. Matching results to rows by partial echoes
 * was tried and dropped (reviews 168, 169): a row whose fields are a subset of another's, or a
 * rewritten field, made the wrong row refused, and the row recorded was sent again.
 */
export function refusedRows(
  sent: readonly LettrLabs.Conversion[],
  results: readonly unknown[],
): Set<number> | undefined {
  if (results.length !== sent.length || !results.every(isObject)) return undefined;
  const all = results as Record<string, unknown>[];
  // Each result must say plainly whether its row was recorded: `isValid` a boolean, and not `true`
  // beside problems (review 171: a result with `isValid: null` and problems counted as recorded,
  // and the user was told so).
  if (!all.every(saysPlainly)) return undefined;
  const refused = new Set(all.flatMap((result, i) => (result.isValid === false ? [i] : [])));
  if (refused.size === 0) return refused;
  const rows = sent.map((row) => leavesOf(row as Record<string, unknown>));
  // An orderId two rows carry names neither (review 171: answered out of order, the wrong line was named).
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const row of rows) {
    const id = row.get("orderId")?.text;
    if (id !== undefined) (seen.has(id) ? repeated : seen).add(id);
  }
  for (const [i, result] of all.entries()) {
    const row = rows[i] as Leaves;
    const echo = leavesOf(result);
    if (!echoesExactly(row, echo) && !sameOrder(row, echo, repeated)) return undefined;
  }
  return refused;
}

/** Whether a result says yes or no: `isValid` a boolean, and no problems listed beside a yes. */
function saysPlainly(result: Record<string, unknown>): boolean {
  if (result.isValid === false) return true;
  if (result.isValid !== true) return false;
  const problems = result.validationErrors;
  return problems === undefined || problems === null || (Array.isArray(problems) && problems.length === 0);
}

/** The fields of a conversion, as paths (`primaryAddress.city`). */
const CONVERSION_PATHS: ReadonlySet<string> = new Set([
  ...CONVERSION_TEXT_FIELDS,
  "revenue",
  ...CONVERSION_ADDRESSES.flatMap((address) => CONVERSION_ADDRESS_FIELDS.map((f) => `${address}.${f}`)),
]);

/** A field's value (`raw`), as the digest reads it (`read`), and that as text. */
interface Leaf {
  raw: unknown;
  read: unknown;
  text: string;
}
/** The fields of a conversion that hold a value, by path; any other field (or a group that is not an object) as its own path. */
type Leaves = Map<string, Leaf>;

/**
 * A field no row holds: an object below a conversion's address group, or an array anywhere. A row
 * read from a CSV holds text and numbers only, so such a field never says what a row's field says;
 * it is not read further (review 171: a result nested thousands deep overflowed the stack).
 */
const NOT_A_ROWS: Leaf = { raw: undefined, read: undefined, text: "\u0000 not a row's value" };

function leavesOf(value: Record<string, unknown>, prefix = "", out: Leaves = new Map()): Leaves {
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined || v === null) continue;
    // Conversions nest one level (an address group's fields); nothing deeper is a conversion's.
    if (isObject(v) && prefix === "") leavesOf(v, `${key}.`, out);
    else if (typeof v === "object") out.set(`${prefix}${key}`, NOT_A_ROWS);
    else {
      const read = readAs(v, key);
      out.set(`${prefix}${key}`, { raw: v, read, text: JSON.stringify(read) });
    }
  }
  return out;
}

/** The finite number a field says: a number, or text that writes one as the digest reads it (`1E1`, ` 10 `). */
function numberOf(leaf: Leaf): number | undefined {
  const n =
    typeof leaf.raw === "number"
      ? leaf.raw
      : typeof leaf.read === "string" && leaf.read !== ""
        ? Number(leaf.read)
        : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Whether two fields (at `path`) say the same: the revenue as numbers (`10`, `"10.00"`), any other
 * as the digest reads it (a ZIP or a phone number written as a JSON number is not its text: "02134").
 */
function same(a: Leaf, b: Leaf, path: string): boolean {
  if (path === "revenue") {
    const x = numberOf(a);
    return x !== undefined && x === numberOf(b);
  }
  return a.text === b.text;
}

/**
 * Whether `echo` names the orderId of `row`, and says nothing else otherwise: LettrLabs tells
 * conversions apart by their orderId (rows that carry one are not in the record of rows sent once,
 * so naming one refused only tells the user which line to fix).
 */
function sameOrder(row: Leaves, echo: Leaves, repeated: ReadonlySet<string>): boolean {
  const mine = row.get("orderId");
  const theirs = echo.get("orderId");
  if (mine === undefined || theirs === undefined || repeated.has(mine.text) || !same(mine, theirs, "orderId"))
    return false;
  for (const [path, leaf] of echo) {
    const held = row.get(path);
    if (held !== undefined && !same(held, leaf, path)) return false;
  }
  return true;
}

/** Whether `echo` holds exactly the conversion fields `row` holds, each saying the same. */
function echoesExactly(row: Leaves, echo: Leaves): boolean {
  let held = 0;
  for (const [path, leaf] of echo) {
    if (!CONVERSION_PATHS.has(path)) continue;
    const mine = row.get(path);
    if (mine === undefined || !same(mine, leaf, path)) return false;
    held++;
  }
  return held === [...row.keys()].filter((path) => CONVERSION_PATHS.has(path)).length;
}
