import type { LettrLabs } from "@orderkit/types";

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
 * The longest a recipient's name, organisation or address field may be, in UTF-16 code units
 * (the CLI refuses longer CSV cells too). No card prints more; and a field's identity (its key
 * for duplicate detection) folds Unicode forms, which takes time quadratic in a run of combining
 * marks: a 1000-character field costs well under a millisecond, a 160,000-character one seconds.
 */
export const MAX_FIELD_LENGTH = 1000;

/** The free-text identity fields, each under its group (state and ZIP have their own formats). */
const TEXT_FIELDS = [
  ["personal", "firstName"],
  ["personal", "lastName"],
  ["personal", "toOrganization"],
  ["address", "address1"],
  ["address", "address2"],
  ["address", "city"],
] as const;

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
    | "FIELD_TOO_LONG";
  /** The field at fault. */
  field:
    | "address"
    | "address1"
    | "address2"
    | "city"
    | "state"
    | "zipCode"
    | "firstName"
    | "lastName"
    | "toOrganization";
  message: string;
}

function blank(value: unknown): boolean {
  return typeof value !== "string" || value.trim() === "";
}

/**
 * The one recipient validator of the SDK and the CLI: every problem that would make the API
 * refuse the recipient, checked before sending (required address fields, a USPS state code, a
 * 5 or 9 digit ZIP), and names or address lines longer than {@link MAX_FIELD_LENGTH}. Empty when
 * the recipient looks valid.
 */
export function validateRecipient(r: LettrLabs.Recipient | undefined): RecipientProblem[] {
  const a = r?.address;
  if (!a || typeof a !== "object")
    return [{ code: "MISSING_ADDRESS", field: "address", message: "missing address" }];
  const problems: RecipientProblem[] = [];
  if (blank(a.address1))
    problems.push({ code: "MISSING_ADDRESS1", field: "address1", message: "missing address1" });
  if (blank(a.city)) problems.push({ code: "MISSING_CITY", field: "city", message: "missing city" });
  if (blank(a.state)) problems.push({ code: "MISSING_STATE", field: "state", message: "missing state" });
  else if (!US_STATE_CODES.has(a.state.trim().toUpperCase()))
    problems.push({ code: "INVALID_STATE", field: "state", message: `bad state code "${a.state}"` });
  if (blank(a.zipCode)) problems.push({ code: "MISSING_ZIPCODE", field: "zipCode", message: "missing zip" });
  else if (!ZIP.test(a.zipCode.trim()))
    problems.push({ code: "INVALID_ZIP", field: "zipCode", message: `bad ZIP "${a.zipCode}"` });
  for (const [group, field] of TEXT_FIELDS) {
    const value = (r?.[group] as Record<string, unknown> | null | undefined)?.[field];
    if (typeof value === "string" && value.length > MAX_FIELD_LENGTH)
      problems.push({
        code: "FIELD_TOO_LONG",
        field,
        message: `${field} is longer than ${MAX_FIELD_LENGTH} characters`,
      });
  }
  return problems;
}
