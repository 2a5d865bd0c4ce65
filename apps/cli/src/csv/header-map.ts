/**
 * Maps CSV header names to recipient fields, case- and separator-insensitively:
 * "First Name", "first_name" and "firstName" all become `personal.firstName`.
 */

/** A recipient field, as a dotted path into the nested recipient. */
export type FieldPath = `address.${string}` | `personal.${string}` | `metadata.${string}`;

/** Without a prototype: a header named `constructor` or `toString` is no alias. */
const ALIASES: Record<string, FieldPath> = Object.create(null);
function alias(field: FieldPath, ...names: string[]) {
  for (const name of names) ALIASES[normalizeHeader(name)] = field;
}

/** Lower-cases and drops every character that is not a letter or digit. */
export function normalizeHeader(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}

alias("personal.firstName", "firstName", "first", "fname", "givenName");
alias("personal.lastName", "lastName", "last", "lname", "surname", "familyName");
alias("personal.toOrganization", "toOrganization", "organization", "organisation", "company", "business");
alias("personal.salutation", "salutation");
alias("address.address1", "address1", "address", "street", "streetAddress", "addressLine1", "address_line_1");
alias("address.address2", "address2", "addressLine2", "apt", "suite", "unit");
alias("address.city", "city", "town");
alias("address.state", "state", "province", "region", "stateCode");
alias(
  "address.zipCode",
  "zipCode",
  "zip",
  "zip_code",
  "zipcode",
  "postalCode",
  "postal_code",
  "postcode",
  "zip5",
);
alias("address.zip4", "zip4", "plus4");
alias("address.country", "country");
for (let i = 1; i <= 6; i++) {
  alias(`metadata.custom${i}`, `custom${i}`, `customField${i}`);
  alias(`metadata.image${i}`, `image${i}`);
}
for (const f of [
  "returnTitle",
  "returnFirstName",
  "returnLastName",
  "returnOrganization",
  "returnAddress1",
  "returnAddress2",
  "returnCity",
  "returnState",
] as const) {
  alias(`metadata.${f}`, f);
}
alias("metadata.returnZip", "returnZip", "returnZipCode", "returnPostalCode");
alias("metadata.email", "email", "emailAddress");
alias("metadata.qrUrl", "qrUrl", "qrCodeUrl");
alias("metadata.text", "text");
alias("metadata.text2", "text2");

/**
 * Resolves a field name given by the user (`--map col=field`): a dotted path such as
 * `metadata.custom1`, or any alias (`zip`, `First Name`).
 */
export function resolveField(name: string): FieldPath | undefined {
  const dotted = /^(address|personal|metadata)\.([A-Za-z0-9]+)$/.exec(name);
  if (!dotted) return ALIASES[normalizeHeader(name)];
  // A field of that group spelled in another case (`address.Address2`) is that field.
  const known = ALIASES[normalizeHeader(dotted[2] as string)];
  return known?.startsWith(`${dotted[1]}.`) ? known : (name as FieldPath);
}

/** Result of mapping a header row. */
export interface HeaderMapping {
  /** Field of each column, or undefined for an ignored column. */
  fields: (FieldPath | undefined)[];
  /** Columns that map to nothing. */
  ignored: string[];
  /** `--map` columns the header does not have (a typo would drop that field from every card). */
  unmatched: string[];
}

/** Maps each header to a field, applying `overrides` (header → field) first. */
export function mapHeaders(
  headers: readonly string[],
  overrides: Readonly<Record<string, string>> = {},
): HeaderMapping {
  const byNorm = new Map(Object.entries(overrides).map(([col, field]) => [normalizeHeader(col), field]));
  const fields: (FieldPath | undefined)[] = [];
  const ignored: string[] = [];
  for (const header of headers) {
    const override = byNorm.get(normalizeHeader(header));
    const field = override !== undefined ? resolveField(override) : ALIASES[normalizeHeader(header)];
    fields.push(field);
    if (!field) ignored.push(header);
  }
  const present = new Set(headers.map(normalizeHeader));
  const unmatched = Object.keys(overrides).filter((column) => !present.has(normalizeHeader(column)));
  return { fields, ignored, unmatched };
}
