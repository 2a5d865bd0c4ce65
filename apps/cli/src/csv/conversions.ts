import { isReadable, type LettrLabs } from "@orderkit/client";
import { UsageError } from "../errors.js";
import { normalizeHeader } from "./header-map.js";
import type { CsvRecord } from "./read.js";

/** The fields of a conversion that hold text (the spec's Conversion, less revenue and the addresses). */
export const CONVERSION_TEXT_FIELDS = [
  "firstName",
  "lastName",
  "fullName",
  "businessName",
  "couponCode",
  "primaryPhoneNumber",
  "secondaryPhoneNumber",
  "primaryEmail",
  "secondaryEmail",
  "type",
  "orderId",
  "storeId",
  "uniqueId",
  "crmId",
  "customerId",
  "eventDate",
] as const;
/** The two addresses of a conversion, and their fields (the spec's ConversionAddress). */
export const CONVERSION_ADDRESSES = ["primaryAddress", "secondaryAddress"] as const;
export const CONVERSION_ADDRESS_FIELDS = [
  "fullAddress",
  "address1",
  "address2",
  "city",
  "state",
  "zipCode",
  "country",
] as const;

/** The longest text the spec takes in a field (characters); the fields it does not bound are absent. */
export const CONVERSION_MAX_LENGTH: Readonly<
  Partial<Record<(typeof CONVERSION_TEXT_FIELDS)[number], number>>
> = {
  firstName: 255,
  lastName: 255,
  fullName: 255,
  businessName: 255,
  couponCode: 255,
  primaryPhoneNumber: 20,
  secondaryPhoneNumber: 20,
  primaryEmail: 255,
  secondaryEmail: 255,
  orderId: 255,
  storeId: 255,
  uniqueId: 255,
  crmId: 255,
  customerId: 255,
};

/** An RFC 3339 date-time, as the spec's `eventDate` is (`2026-11-30T14:05:00Z`, an offset or Z). */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/** Whether `text` is such a date-time, of a day the calendar has (not February 30). */
function isDateTime(text: string): boolean {
  const m = DATE_TIME.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * The fields that tell LettrLabs who converted (revenue alone matches no one). An address tells it
 * only with its street (`fullAddress` or `address1`): a country, a state or a city alone is
 * thousands of people.
 */
const IDENTIFIERS = [
  "primaryEmail",
  "secondaryEmail",
  "primaryPhoneNumber",
  "secondaryPhoneNumber",
  "couponCode",
] as const;

type Path = readonly [string] | readonly [(typeof CONVERSION_ADDRESSES)[number], string];

/** Every column name a conversion field takes, normalised as recipient headers are; no prototype. */
const COLUMNS: Record<string, Path> = Object.create(null);
for (const field of [...CONVERSION_TEXT_FIELDS, "revenue"]) COLUMNS[normalizeHeader(field)] = [field];
for (const address of CONVERSION_ADDRESSES)
  for (const field of CONVERSION_ADDRESS_FIELDS)
    COLUMNS[normalizeHeader(`${address}${field}`)] = [address, field];

/** Revenue as written in a CSV: a plain decimal (no sign, exponent, hex, or thousands separator). */
const DECIMAL = /^(\d+(\.\d*)?|\.\d+)$/;

/**
 * A plain decimal as JSON writes the number it stands for, when that number is the same amount:
 * without leading zeros, trailing fraction zeros or a trailing dot (`007.50` is `7.5`, `.5` is
 * `0.5`).
 */
function shortest(decimal: string): string {
  const [whole = "", fraction = ""] = decimal.split(".");
  const int = whole.replace(/^0+/, "") || "0";
  const frac = fraction.replace(/0+$/, "");
  return frac ? `${int}.${frac}` : int;
}

/**
 * Whether a plain decimal reaches LettrLabs as written: JSON writes its number as the same amount,
 * without an exponent. Not so past what a double keeps (`12345678901234567.89` is sent as
 * 12345678901234568) or below 0.000001 (`0.0000001` is sent as 1e-7).
 */
function sentAsWritten(decimal: string): boolean {
  return JSON.stringify(Number(decimal)) === shortest(decimal);
}

/** Whether `conversion` names who converted: a readable identifier (`isReadable`), or an address with its street. */
function identifies(conversion: Record<string, unknown>): boolean {
  return (
    IDENTIFIERS.some((field) => isReadable(conversion[field])) ||
    CONVERSION_ADDRESSES.some((name) => {
      const address = conversion[name] as Record<string, unknown> | undefined;
      return isReadable(address?.fullAddress) || isReadable(address?.address1);
    })
  );
}

/** The conversions of a CSV file, and how many of them carry no `orderId`. */
export interface ConversionsFile {
  conversions: LettrLabs.Conversion[];
  withoutOrderId: number;
}

/**
 * Turns the rows of a conversions CSV (`headers`, then `rows` of cells) into conversions, checking
 * all of them before anything is sent. Columns are matched to the API's fields case- and
 * separator-insensitively (`Primary Email`, `primary_email`, `primaryEmail`; an address field as
 * `primaryAddress.city` or `Primary Address City`). Refused (a UsageError naming the file, and the
 * line or column): a column that names no field (the API would drop it without a word, and with
 * `orderId` the only way it recognises a repeat) or two columns for one field (however spelt: one
 * name twice too), a row with fewer cells than the header or a cell under no column name, a revenue that is
 * not a plain decimal or that a JSON number would not carry as written (another amount, or exponent
 * form), and a row with no identifier (a readable email, phone or coupon code, or an address with
 * its street). Empty cells are left out. Lines are the file's (`CsvRecord.line`).
 */
export function conversionsFromCsv(
  header: CsvRecord,
  records: readonly CsvRecord[],
  file: string,
): ConversionsFile {
  const headers = header.cells;
  const paths: [number, Path][] = [];
  const unknown: string[] = [];
  const taken = new Map<string, string>();
  // Columns without a name (a header's trailing comma) must stay empty, as cells past the header do.
  const unnamed: number[] = [];
  headers.forEach((header, column) => {
    if (header === "") {
      unnamed.push(column);
      return;
    }
    const path = COLUMNS[normalizeHeader(header)];
    if (!path) {
      unknown.push(header);
      return;
    }
    const key = path.join(".");
    const other = taken.get(key);
    if (other !== undefined)
      throw new UsageError(`${file}: columns "${other}" and "${header}" are both ${key}. Nothing was sent.`);
    taken.set(key, header);
    paths.push([column, path]);
  });
  if (unknown.length > 0)
    throw new UsageError(
      `${file}: ${unknown.map((h) => `"${h}"`).join(", ")} ${unknown.length === 1 ? "names" : "name"} no conversion field (${[...CONVERSION_TEXT_FIELDS, "revenue"].join(", ")}, or ${CONVERSION_ADDRESSES.join("/")}.${CONVERSION_ADDRESS_FIELDS.join("|")}); LettrLabs would drop ${unknown.length === 1 ? "it" : "them"}. Nothing was sent.`,
    );
  if (!taken.has("revenue")) throw new UsageError(`${file}: no revenue column. Nothing was sent.`);
  /** The columns up to the last one with a name: a row may leave out unnamed ones after it. */
  const named = Math.max(...paths.map(([column]) => column)) + 1;
  let withoutOrderId = 0;
  const conversions = records.map(({ cells: row, line }) => {
    if (row.length < named)
      throw new UsageError(
        `${file} line ${line}: ${row.length} cells where the header names ${named} columns (a cell left out would move the others into the wrong fields). Nothing was sent.`,
      );
    if (
      row.slice(headers.length).some((cell) => cell !== "") ||
      unnamed.some((column) => (row[column] ?? "") !== "")
    )
      throw new UsageError(
        `${file} line ${line}: a cell under no column name (more cells than the header names). Nothing was sent.`,
      );
    const conversion: Record<string, unknown> = {};
    for (const [column, path] of paths) {
      const value = row[column] ?? "";
      if (value === "") continue;
      const [first, second] = path;
      if (second === undefined) conversion[first] = value;
      else
        conversion[first] = { ...(conversion[first] as Record<string, string> | undefined), [second]: value };
    }
    for (const [field, max] of Object.entries(CONVERSION_MAX_LENGTH)) {
      const value = conversion[field];
      if (typeof value === "string" && value.length > max)
        throw new UsageError(
          `${file} line ${line}: ${field} is ${value.length} characters long; LettrLabs takes at most ${max}. Nothing was sent.`,
        );
    }
    const when = conversion.eventDate;
    if (typeof when === "string" && !isDateTime(when))
      throw new UsageError(
        `${file} line ${line}: eventDate must be a date and time such as 2026-11-30T14:05:00Z, got ${JSON.stringify(when)}. Nothing was sent.`,
      );
    const revenue = conversion.revenue;
    if (typeof revenue !== "string" || !DECIMAL.test(revenue))
      throw new UsageError(
        `${file} line ${line}: revenue must be a plain decimal number of at least 0 (such as 120 or 19.99), got ${revenue === undefined ? "nothing" : JSON.stringify(revenue)}. Nothing was sent.`,
      );
    if (!sentAsWritten(revenue))
      throw new UsageError(
        `${file} line ${line}: revenue ${revenue} would reach LettrLabs as ${JSON.stringify(Number(revenue))} (a JSON number keeps about 15 significant digits, and writes an amount below 0.000001 with an exponent). Nothing was sent.`,
      );
    conversion.revenue = Number(revenue);
    if (!identifies(conversion))
      throw new UsageError(
        `${file} line ${line}: no identifier (an email, a phone number, a coupon code, or an address with its street): LettrLabs could not tell who converted. Nothing was sent.`,
      );
    if (!("orderId" in conversion)) withoutOrderId++;
    // An orderId LettrLabs could not tell from another (white space, a lone accent): refused, so
    // that the row is neither sent as recognisable nor sent twice.
    else if (!isReadable(conversion.orderId))
      throw new UsageError(
        `${file} line ${line}: orderId ${JSON.stringify(conversion.orderId)} has no letter or digit: give the order's id, or leave the cell empty. Nothing was sent.`,
      );
    return conversion as unknown as LettrLabs.Conversion;
  });
  return { conversions, withoutOrderId };
}
