import type { LettrLabs } from "@orderkit/types";

const SPACES = /\s+/g;
/** White space that is not one plain space between two other characters. */
const OTHER_SPACE = /[^\S ]| {2}/;

function norm(value: unknown): string {
  if (value === null || value === undefined) return "";
  const s = typeof value === "string" ? value : String(value);
  const lower = s.trim().toLowerCase();
  // Collapse inner white space (runs, and any but a plain space: a tab, a line break, a no-break
  // space) only when there is some (the common case has none).
  return OTHER_SPACE.test(lower) ? lower.replace(SPACES, " ") : lower;
}

/** A field's own `|` and backslash, escaped so that no field can pass for a separator. */
const ESCAPED = /[\\|]/g;

/** White space that `norm` would trim or collapse: at a field's edge, doubled, or other than a plain space. */
const MESSY = /^\s|\s$|\s\||\|\s|\s\s|[^\S ]/;

/**
 * Identity of a recipient for duplicate detection and read-back: name, organisation and address,
 * case- and space-insensitive, ZIP cut to 5 digits (the API may add ZIP+4). Fields are joined by
 * `|`, a field's own `|` and `\` escaped with `\`, so two different recipients never share a key
 * (`Jo / Ann|Smith` and `Jo|Ann / Smith`). The common case (no white space to trim or collapse, no
 * `|` or `\` in a field) is one string and one `toLowerCase`; anything else takes the
 * field-by-field path, with the same result.
 */
export function recipientKey(r: Pick<LettrLabs.Recipient, "address" | "personal">): string {
  const a = r.address ?? ({} as Partial<LettrLabs.RecipientAddress>);
  const p = r.personal;
  // Trimmed before it is cut: " 78704" is 78704, not 7870.
  const zip = a.zipCode === undefined || a.zipCode === null ? "" : String(a.zipCode).trim().slice(0, 5);
  const raw = `${p?.firstName ?? ""}|${p?.lastName ?? ""}|${p?.toOrganization ?? ""}|${a.address1 ?? ""}|${a.address2 ?? ""}|${a.city ?? ""}|${a.state ?? ""}|${zip}`;
  // Seven `|` and no backslash: no field holds either.
  if (!MESSY.test(raw) && !raw.includes("\\") && raw.split("|").length === 8) return raw.toLowerCase();
  return [p?.firstName, p?.lastName, p?.toOrganization, a.address1, a.address2, a.city, a.state, zip]
    .map((value) => norm(value).replace(ESCAPED, "\\$&"))
    .join("|");
}
