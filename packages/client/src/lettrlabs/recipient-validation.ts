import type { LettrLabs } from "@orderkit/types";
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

const ZIP = /^[0-9]{5}(-?[0-9]{4})?$/;

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
const GROUP_FIELDS: readonly ReadonlySet<string>[] = [
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

/** Records that `path` is no field of the API's (see OWN_FIELDS). */
function unknownField(problems: RecipientProblem[], path: string): void {
  problems.push({
    code: "UNKNOWN_FIELD",
    field: path,
    message: `unknown field ${shown(path)} (the API has none of that name, and would drop it)`,
  });
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
    | "FIELD_TOO_LONG"
    | "UNKNOWN_FIELD";
  /**
   * The field at fault: its name within its group (`firstName`, `city`, `address2`, ...); for an
   * unknown field, its path (`address.adress2`, `persnal`).
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

function blank(value: unknown): boolean {
  return typeof value !== "string" || value.trim() === "";
}

/**
 * The one recipient validator of the SDK and the CLI: every problem that would make the API
 * refuse the recipient, checked before sending (required address fields, a USPS state code, a
 * 5 or 9 digit ZIP), and any field of its name or address longer than {@link MAX_FIELD_LENGTH}
 * (each named once). Empty when the recipient looks valid.
 */
export function validateRecipient(r: LettrLabs.Recipient | undefined): RecipientProblem[] {
  const a = r?.address;
  if (!a || typeof a !== "object")
    return [{ code: "MISSING_ADDRESS", field: "address", message: "missing address" }];
  const problems: RecipientProblem[] = [];
  // Address fields over the limit are named as such, and not checked for a format too.
  const long = new Set<string>();
  const tooLong: RecipientProblem[] = [];
  // (A key whose value is undefined is never sent: JSON leaves it out.)
  for (const field in r)
    if (
      !OWN_FIELDS.has(field) &&
      Object.hasOwn(r, field) &&
      (r as Record<string, unknown>)[field] !== undefined
    )
      unknownField(problems, field);
  for (let g = 0; g < GROUPS.length; g++) {
    const group = GROUPS[g] as (typeof GROUPS)[number];
    const fields = r[group];
    if (!fields || typeof fields !== "object") continue;
    const known = GROUP_FIELDS[g] as ReadonlySet<string>;
    // for-in, not Object.entries: this runs for every row of a bulk append, and makes no array.
    for (const field in fields) {
      // Own fields only: inherited ones are never sent.
      if (!Object.hasOwn(fields, field)) continue;
      const value = (fields as Record<string, unknown>)[field];
      if (!known.has(field) && value !== undefined) unknownField(problems, `${group}.${field}`);
      if (group === "metadata") continue;
      if (
        typeof value === "string" ? value.length <= MAX_FIELD_LENGTH : textLength(value) <= MAX_FIELD_LENGTH
      )
        continue;
      if (group === "address") long.add(field);
      tooLong.push({
        code: "FIELD_TOO_LONG",
        field,
        message: `${field} is longer than ${MAX_FIELD_LENGTH} characters`,
      });
    }
  }
  if (blank(a.address1))
    problems.push({ code: "MISSING_ADDRESS1", field: "address1", message: "missing address1" });
  if (blank(a.city)) problems.push({ code: "MISSING_CITY", field: "city", message: "missing city" });
  if (blank(a.state)) problems.push({ code: "MISSING_STATE", field: "state", message: "missing state" });
  else if (!long.has("state") && !US_STATE_CODES.has(a.state.trim().toUpperCase()))
    problems.push({ code: "INVALID_STATE", field: "state", message: `bad state code ${shown(a.state)}` });
  if (blank(a.zipCode)) problems.push({ code: "MISSING_ZIPCODE", field: "zipCode", message: "missing zip" });
  else if (!long.has("zipCode") && !ZIP.test(a.zipCode.trim()))
    problems.push({ code: "INVALID_ZIP", field: "zipCode", message: `bad ZIP ${shown(a.zipCode)}` });
  return tooLong.length > 0 ? [...problems, ...tooLong] : problems;
}
