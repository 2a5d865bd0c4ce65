import type { LettrLabs } from "@orderkit/types";

const SPACES = /\s+/g;
/** White space that is not one plain space between two other characters. */
const OTHER_SPACE = /[^\S ]| {2}/;

/**
 * One field as identity sees it. With `fold`, Unicode compatibility forms are folded first
 * (NFKC: "é" written as one character or as "e" and an accent, full-width "Ｊｏ" and "Jo", "ﬁ" and
 * "fi" are one spelling), before the field is trimmed and its own `|` escaped, so that a folded
 * character can never pass for a separator (full-width "｜" becomes a plain, escaped `|`).
 */
function norm(value: unknown, fold: boolean): string {
  if (value === null || value === undefined) return "";
  const s = typeof value === "string" ? value : String(value);
  const lower = (fold ? s.normalize("NFKC") : s).trim().toLowerCase();
  // Collapse inner white space (runs, and any but a plain space: a tab, a line break, a no-break
  // space) only when there is some (the common case has none).
  return OTHER_SPACE.test(lower) ? lower.replace(SPACES, " ") : lower;
}

/** A field's own `|` and backslash, escaped so that no field can pass for a separator. */
const ESCAPED = /[\\|]/g;

/**
 * What sends a key down the field-by-field path: white space that `norm` would trim or collapse
 * (at a field's edge, doubled, or other than a space), or any character beyond ASCII (folded there).
 */
const MESSY = /^\s|\s$|\s\||\|\s|\s\s|[^\S ]|[^\0-\x7f]/;

/**
 * Identity of a recipient for duplicate detection and read-back: name, organisation and address,
 * case- and space-insensitive, Unicode spellings of one text folded to one (NFKC), ZIP cut to 5
 * characters (the API may add ZIP+4). Fields are joined by `|`, a field's own `|` and `\` escaped
 * with `\`, so two different recipients never share a key (`Jo / Ann|Smith` and `Jo|Ann / Smith`).
 * The common case (ASCII, no white space to trim or collapse, no `|` or `\` in a field) is one
 * string and one `toLowerCase`; anything else takes the field-by-field path, with the same result.
 */
export function recipientKey(r: Pick<LettrLabs.Recipient, "address" | "personal">): string {
  return identity(r, true);
}

/**
 * The key orderkit 0.1.0 computed: {@link recipientKey} without the Unicode folding (NFC and NFD
 * spellings of one name were two people). Only to recognise what an earlier version recorded.
 */
export function unfoldedRecipientKey(r: Pick<LettrLabs.Recipient, "address" | "personal">): string {
  return identity(r, false);
}

function identity(r: Pick<LettrLabs.Recipient, "address" | "personal">, fold: boolean): string {
  const a = r.address ?? ({} as Partial<LettrLabs.RecipientAddress>);
  const p = r.personal;
  const zipText = a.zipCode === undefined || a.zipCode === null ? "" : String(a.zipCode);
  // Trimmed before it is cut: " 78704" is 78704, not 7870.
  const zip = zipText.trim().slice(0, 5);
  const raw = `${p?.firstName ?? ""}|${p?.lastName ?? ""}|${p?.toOrganization ?? ""}|${a.address1 ?? ""}|${a.address2 ?? ""}|${a.city ?? ""}|${a.state ?? ""}|${zip}`;
  // Seven `|` and no backslash: no field holds either.
  if (!MESSY.test(raw) && !raw.includes("\\") && raw.split("|").length === 8) return raw.toLowerCase();
  return [
    p?.firstName,
    p?.lastName,
    p?.toOrganization,
    a.address1,
    a.address2,
    a.city,
    a.state,
    // Folded before it is cut: a full-width "７８７０４" is 78704.
    fold ? zipText.normalize("NFKC").trim().slice(0, 5) : zip,
  ]
    .map((value) => norm(value, fold).replace(ESCAPED, "\\$&"))
    .join("|");
}
