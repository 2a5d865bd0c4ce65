import type { LettrLabs } from "@orderkit/types";

const SPACES = /\s+/g;

function norm(value: unknown): string {
  if (value === null || value === undefined) return "";
  const s = typeof value === "string" ? value : String(value);
  const lower = s.trim().toLowerCase();
  // Collapse inner runs of white space only when there are any (the common case has none).
  return lower.includes("  ") || lower.includes("\t") ? lower.replace(SPACES, " ") : lower;
}

/** White space that `norm` would trim or collapse: at a field's edge, doubled, or a tab/line break. */
const MESSY = /^\s|\s$|\s\||\|\s|\s\s|[\t\n\r\f\v]/;

/**
 * Identity of a recipient for duplicate detection and read-back: name, organisation and address,
 * case- and space-insensitive, ZIP cut to 5 digits (the API may add ZIP+4). The common case (no
 * white space to trim or collapse) is one string and one `toLowerCase`; anything else takes the
 * field-by-field path, with the same result.
 */
export function recipientKey(r: Pick<LettrLabs.Recipient, "address" | "personal">): string {
  const a = r.address ?? ({} as Partial<LettrLabs.RecipientAddress>);
  const p = r.personal;
  const zip = a.zipCode === undefined || a.zipCode === null ? "" : String(a.zipCode).slice(0, 5);
  const raw = `${p?.firstName ?? ""}|${p?.lastName ?? ""}|${p?.toOrganization ?? ""}|${a.address1 ?? ""}|${a.address2 ?? ""}|${a.city ?? ""}|${a.state ?? ""}|${zip}`;
  if (!MESSY.test(raw)) return raw.toLowerCase();
  return `${norm(p?.firstName)}|${norm(p?.lastName)}|${norm(p?.toOrganization)}|${norm(a.address1)}|${norm(a.address2)}|${norm(a.city)}|${norm(a.state)}|${norm(zip)}`;
}
