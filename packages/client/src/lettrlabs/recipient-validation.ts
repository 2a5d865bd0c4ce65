import type { LettrLabs } from "@orderkit/types";
import { hasToJSON } from "../core/json-bytes.js";
import { jsonCopy, jsonWrites } from "../core/json-copy.js";
import { isReadable } from "../core/readable.js";
import { shown } from "../core/shown.js";

/**
 * USPS state and territory codes, including military (AA, AE, AP). Marked pure, so that a bundle
 * that never validates a recipient drops it (a bundler cannot tell that `split` has no side effect).
 */
export const US_STATE_CODES: ReadonlySet<string> = /* @__PURE__ */ new Set(
  /* @__PURE__ */ (
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA " +
    "RI SC SD TN TX UT VT VA WA WV WI WY PR VI GU AS MP AA AE AP"
  ).split(" "),
);

/**
 * Whether `zip` is a ZIP as the API takes it: 5 digits, or ZIP+4 with or without its dash. A loop
 * over its characters, not a regular expression: it runs for every row of a bulk append.
 */
export function isZip(zip: string): boolean {
  const n = zip.length;
  if (n !== 5 && n !== 9 && n !== 10) return false;
  for (let i = 0; i < n; i++) {
    const c = zip.charCodeAt(i);
    // ZIP+4 written with its dash has it sixth, and only there.
    if (i === 5 && n === 10 ? c !== 45 : !(c >= 48 && c <= 57)) return false;
  }
  return true;
}

/** US_STATE_CODES as bits, by `(first letter - A) * 26 + (second letter - A)`. */
const STATE_BITS = /* @__PURE__ */ stateBits();

function stateBits(): Int32Array {
  const bits = new Int32Array(22);
  for (const code of US_STATE_CODES) {
    const k = (code.charCodeAt(0) - 65) * 26 + code.charCodeAt(1) - 65;
    bits[k >> 5] = (bits[k >> 5] as number) | (1 << (k & 31));
  }
  return bits;
}

/**
 * Whether `state` is one of US_STATE_CODES (as the set holds them when this module loads: it is
 * read once, into bits), for any value, by two letters and a bit: it runs for every row of a bulk
 * append.
 */
export function isUsStateCode(state: unknown): boolean {
  if (typeof state !== "string" || state.length !== 2) return false;
  const a = state.charCodeAt(0) - 65;
  const b = state.charCodeAt(1) - 65;
  if (a < 0 || a > 25 || b < 0 || b > 25) return false;
  const k = a * 26 + b;
  return ((STATE_BITS[k >> 5] as number) & (1 << (k & 31))) !== 0;
}

/**
 * The longest any field of a recipient's name or address may be, in UTF-16 code units (the CLI
 * refuses longer CSV cells, merge fields too). No card prints more; and comparing recipients
 * folds a field's Unicode forms, which takes time quadratic in a run of combining marks (a
 * 1000-character field costs about a millisecond at worst, a 160,000-character one seconds).
 */
export const MAX_FIELD_LENGTH = 1000;

/**
 * The groups of a recipient's fields. Those of its name and address have that limit; merge fields
 * (`metadata`: a letter's text, image URLs) have none; comparing them folds at most
 * MAX_FOLDED_LENGTH characters of each.
 */
const GROUPS = ["personal", "address", "metadata"] as const;

/** A set of the words of `names`. */
const words = (names: string): ReadonlySet<string> => new Set(names.split(" "));

/**
 * The fields the API has (the spec's Recipient, RecipientAddress, RecipientPersonal and
 * RecipientMetadata). Anything else would be dropped by the API without a word (a misspelt
 * `adress2` mails the card without the apartment): it is refused. By group, in GROUPS' order.
 */
const OWN_FIELDS = /* @__PURE__ */ words("id address personal metadata");
export const GROUP_FIELDS: readonly ReadonlySet<string>[] = [
  /* @__PURE__ */ words("firstName lastName toOrganization salutation"),
  /* @__PURE__ */ words("address1 address2 city state zipCode zip4 zip2 country"),
  /* @__PURE__ */ words(
    "custom1 custom2 custom3 custom4 custom5 custom6 image1 image2 image3 image4 image5 image6 salutation " +
      "returnTitle returnFirstName returnLastName returnOrganization returnAddress1 returnAddress2 returnCity " +
      "returnState returnZip email qrUrl text text2 radiusPinStreet radiusPinAddress fullAddress " +
      "dpvConfirmationCode deliveryStatus",
  ),
];

/**
 * Whether `path` names a field of a recipient the API has: `address.address2`, `metadata.custom1`,
 * `personal.firstName`, or one of the recipient's own (`address`, `id`).
 */
export function isRecipientField(path: string): boolean {
  const dot = path.indexOf(".");
  if (dot < 0) return OWN_FIELDS.has(path);
  const group = (GROUPS as readonly string[]).indexOf(path.slice(0, dot));
  return (
    group >= 0 &&
    path.indexOf(".", dot + 1) < 0 &&
    (GROUP_FIELDS[group] as ReadonlySet<string>).has(path.slice(dot + 1))
  );
}

/** `problems` with `path` recorded as no field of the API's (see OWN_FIELDS). */
/** `problems` with one more: the field at `path`, which the API does not have. */
export function unknownField(problems: RecipientProblem[] | undefined, path: string): RecipientProblem[] {
  return withProblem(
    problems,
    "UNKNOWN_FIELD",
    path,
    `unknown field ${shown(path)} (the API has none of that name, and would drop it)`,
  );
}

/** How long a field is as the SDK reads it (a value other than text, as it would be written out). */
function textLength(value: unknown): number {
  if (value === null || value === undefined) return 0;
  // An object is printed as JSON in comparisons and as String() in identity: the longer counts,
  // of those that can be made (a null-prototype object has no String(), a BigInt no JSON).
  let n = -1;
  try {
    n = String(value).length;
  } catch {}
  if (typeof value === "object")
    try {
      n = Math.max(n, (JSON.stringify(value) ?? "").length);
    } catch {}
  // Neither can be made (a cycle and a throwing toString): no API could take it.
  return n < 0 ? Number.POSITIVE_INFINITY : n;
}

/** A field's value in a message: at most 40 characters of it. */

/** Why a recipient would be refused, with a machine code and a sentence for people. */
export interface RecipientProblem {
  code:
    | "MISSING_ADDRESS"
    | "MISSING_ADDRESS1"
    | "MISSING_CITY"
    | "MISSING_STATE"
    | "MISSING_ZIPCODE"
    | "INVALID_STATE"
    | "INVALID_ZIP"
    | "INCOMPLETE_RETURN_ADDRESS"
    | "INVALID_GROUP"
    | "FIELD_TOO_LONG"
    | "UNKNOWN_FIELD";
  /**
   * The field at fault: its name within its group (`firstName`, `city`, `address2`,
   * `returnZip`, ...); for an unknown field, its path (`address.adress2`, `persnal`); for an
   * incomplete return address, the first field it lacks; for a group that is not an object
   * (`INVALID_GROUP`), `personal` or `metadata`.
   */
  field:
    | "address"
    | "address1"
    | "address2"
    | "city"
    | "state"
    | "zipCode"
    | "firstName"
    | "lastName"
    | "toOrganization"
    | "salutation"
    | (string & {});
  message: string;
}

/** Not a string, or only white space. A string starting with a printable ASCII character is neither. */
export function blank(value: unknown): boolean {
  if (typeof value !== "string") return true;
  const c = value.charCodeAt(0);
  return !(c > 32 && c < 127) && value.trim() === "";
}

/**
 * The one recipient validator of the SDK and the CLI: every problem that would make the API
 * refuse the recipient, checked before sending (required address fields, a USPS state code, a
 * 5 or 9 digit ZIP, a return address in `metadata` whole or absent, `personal` and `metadata`
 * objects when given), and any field of its name
 * or address longer than {@link MAX_FIELD_LENGTH} (each named once). Empty when the recipient
 * looks valid.
 */
export function validateRecipient(r: LettrLabs.Recipient | undefined): RecipientProblem[] {
  return recipientProblems(r) ?? [];
}

/**
 * {@link validateRecipient}'s problems, or `undefined` when there is none. This runs for every row
 * of a bulk append: a valid row allocates nothing (the list is made on the first problem; for-in
 * makes no array of keys).
 */
export function recipientProblems(r: LettrLabs.Recipient | undefined): RecipientProblem[] | undefined {
  const a = r?.address;
  if (!a || typeof a !== "object")
    return [{ code: "MISSING_ADDRESS", field: "address", message: "missing address" }];
  let problems: RecipientProblem[] | undefined;
  // Only own enumerable fields are sent (what JSON writes). for-in, not Object.keys: it makes no
  // array (twice as fast here). A key whose value is undefined is never sent: JSON leaves it out.
  for (const field in r)
    if (
      !OWN_FIELDS.has(field) &&
      Object.hasOwn(r, field) &&
      (r as Record<string, unknown>)[field] !== undefined
    )
      problems = unknownField(problems, field);
  problems = checkGroup(problems, 0, r.personal);
  const before = problems?.length ?? 0;
  problems = checkGroup(problems, 1, a);
  const m = r.metadata;
  problems = checkGroup(problems, 2, m);
  if (m && typeof m === "object") problems = returnAddressProblems(problems, m as Record<string, unknown>);
  if (blank(a.address1)) problems = withProblem(problems, "MISSING_ADDRESS1", "address1", "missing address1");
  if (blank(a.city)) problems = withProblem(problems, "MISSING_CITY", "city", "missing city");
  const state = a.state;
  // A value that is not text (a number) is a bad one, not a missing one.
  if (state != null && typeof state !== "string")
    problems = withProblem(problems, "INVALID_STATE", "state", `bad state code ${shown(state)} (not text)`);
  else if (blank(state)) problems = withProblem(problems, "MISSING_STATE", "state", "missing state");
  else if (
    !isUsStateCode(state) &&
    !isUsStateCode(state.trim().toUpperCase()) &&
    !namedLong(problems, before, "state")
  )
    problems = withProblem(problems, "INVALID_STATE", "state", `bad state code ${shown(state)}`);
  const zip = a.zipCode;
  if (zip != null && typeof zip !== "string")
    problems = withProblem(problems, "INVALID_ZIP", "zipCode", `bad ZIP ${shown(zip)} (not text)`);
  else if (blank(zip)) problems = withProblem(problems, "MISSING_ZIPCODE", "zipCode", "missing zip");
  else if (!isZip(zip) && !isZip(zip.trim()) && !namedLong(problems, before, "zipCode"))
    problems = withProblem(problems, "INVALID_ZIP", "zipCode", `bad ZIP ${shown(zip)}`);
  // Fields over the limit are named after the other problems.
  if (!problems || problems.length < 2) return problems;
  const over = (p: RecipientProblem) => p.code === "FIELD_TOO_LONG";
  return [...problems.filter((p) => !over(p)), ...problems.filter(over)];
}

/**
 * The fields of a return-address override: a recipient's `metadata` has them (an automation's
 * recipient, flat). The first four are what an override must have, all of them: the API takes a
 * complete return address or none.
 */
export const RETURN_ADDRESS_FIELDS: readonly string[] = /* @__PURE__ */ (
  "returnAddress1 returnCity returnState returnZip returnAddress2 returnTitle returnFirstName " +
  "returnLastName returnOrganization"
).split(" ");

/**
 * `problems` with those of a return-address override in `m` (a recipient's metadata): once any of
 * its fields holds something (not null, not blank), the street, city, state and ZIP must all be
 * readable text (`isReadable`), the state a USPS code and the ZIP a ZIP: a card otherwise goes
 * out with half of another return address, or none. Only the fields JSON sends count (own and
 * enumerable). Internal.
 */
export function returnAddressProblems(
  problems: RecipientProblem[] | undefined,
  m: Record<string, unknown>,
): RecipientProblem[] | undefined {
  const sent = (field: string) => jsonWrites(m, field);
  const holds = (field: string) => {
    const value = sent(field) ? m[field] : undefined;
    return value != null && (typeof value !== "string" || value.trim() !== "");
  };
  if (!RETURN_ADDRESS_FIELDS.some(holds)) return problems;
  let out = problems;
  const readable = (field: string) => sent(field) && isReadable(m[field]);
  const missing = RETURN_ADDRESS_FIELDS.slice(0, 4).filter((field) => !readable(field));
  if (missing[0])
    out = withProblem(
      out,
      "INCOMPLETE_RETURN_ADDRESS",
      missing[0],
      `return address without ${missing.join(", ")} as text (give a complete return address or none)`,
    );
  const state = m.returnState as string;
  const zip = m.returnZip as string;
  if (readable("returnState") && !isUsStateCode(state.trim().toUpperCase()))
    out = withProblem(out, "INVALID_STATE", "returnState", `bad return state code ${shown(state)}`);
  if (readable("returnZip") && !isZip(zip.trim()))
    out = withProblem(out, "INVALID_ZIP", "returnZip", `bad return ZIP ${shown(zip)}`);
  return out;
}

/**
 * Whether an address field was named as over the limit (from `problems[from]` on, where the address
 * group's begin): it is not checked for a format too.
 */
function namedLong(problems: RecipientProblem[] | undefined, from: number, field: string): boolean {
  return problems?.some((p, i) => i >= from && p.code === "FIELD_TOO_LONG" && p.field === field) === true;
}

/**
 * Per group, the names of the fields of a recent row that are known, in its order (its first 32).
 * Rows of one list have their fields in one order, so a name is mostly found known by comparing it
 * with the name at its place here (one comparison), not by a lookup in the group's set. Filled, so
 * that no place reads through to `Array.prototype`.
 */
export const RECENT: string[][] = [
  /* @__PURE__ */ unfilled(),
  /* @__PURE__ */ unfilled(),
  /* @__PURE__ */ unfilled(),
];

/** A memo of RECENT, its places filled. Called in RECENT's literal, each call marked pure (see US_STATE_CODES). */
function unfilled(): string[] {
  return new Array<string>(32).fill("");
}

/**
 * `problems` with those of the fields of group `g` of GROUPS (unknown names and, for name and
 * address, lengths): its own enumerable fields, those JSON sends.
 */
function checkGroup(
  problems: RecipientProblem[] | undefined,
  g: number,
  fields: unknown,
): RecipientProblem[] | undefined {
  if (fields == null) return problems;
  // A name or merge fields that are not an object of fields (a string, a number, a list, a Date
  // JSON writes as a string): the API has no such shape, and a card would go without them.
  if (
    typeof fields !== "object" ||
    Array.isArray(fields) ||
    (hasToJSON(fields) && !isObjectOfFields(jsonCopy(fields)))
  ) {
    const name = GROUPS[g] as string;
    return withProblem(
      problems,
      "INVALID_GROUP",
      name,
      `${name} is not an object of fields: ${shown(fields)}`,
    );
  }
  const recent = RECENT[g] as string[];
  const known = GROUP_FIELDS[g] as ReadonlySet<string>;
  // Inherited fields are never sent. A plain object inherits an enumerable one only from a polluted
  // Object.prototype: its names are checked for their own only when they would be refused (each
  // check costs); any other prototype's are skipped unread.
  const proto: unknown = Object.getPrototypeOf(fields);
  const plain = proto === Object.prototype || proto === null;
  let out = problems;
  let i = -1;
  for (const field in fields) {
    i++;
    if (!plain && !Object.hasOwn(fields, field)) continue;
    const value = (fields as Record<string, unknown>)[field];
    if (value === undefined) continue;
    let unknown = false;
    if (!(i < 32 && recent[i] === field)) {
      if (!known.has(field)) unknown = true;
      else if (i < 32) recent[i] = field;
    }
    const fits =
      g === 2 ||
      (typeof value === "string" ? value.length <= MAX_FIELD_LENGTH : textLength(value) <= MAX_FIELD_LENGTH);
    if ((fits && !unknown) || !Object.hasOwn(fields, field)) continue;
    if (unknown) out = unknownField(out, `${GROUPS[g]}.${field}`);
    if (!fits)
      out = withProblem(
        out,
        "FIELD_TOO_LONG",
        field,
        `${field} is longer than ${MAX_FIELD_LENGTH} characters`,
      );
  }
  return out;
}

/** `problems` (a new list when undefined) with one more. */
function withProblem(
  problems: RecipientProblem[] | undefined,
  code: RecipientProblem["code"],
  field: string,
  message: string,
): RecipientProblem[] {
  const out = problems ?? [];
  out.push({ code, field, message });
  return out;
}

/** A plain JSON object (what JSON writes for an object of fields), not a list or a bare value. */
function isObjectOfFields(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
