import type { LettrLabs } from "@orderkit/types";

const STATE = /^[A-Za-z]{2}$/;
const ZIP = /^[0-9]{5}(-?[0-9]{4})?$/;

function norm(value: unknown): string {
  return value === null || value === undefined ? "" : String(value).trim().toLowerCase().replace(/\s+/g, " ");
}

/**
 * Identity of a recipient for duplicate detection and read-back: name, organisation and address,
 * case- and space-insensitive, ZIP cut to 5 digits (the API may add ZIP+4).
 */
export function recipientKey(r: Pick<LettrLabs.Recipient, "address" | "personal">): string {
  const a = r.address ?? ({} as Partial<LettrLabs.RecipientAddress>);
  const p = r.personal ?? {};
  return [
    p.firstName,
    p.lastName,
    p.toOrganization,
    a.address1,
    a.address2,
    a.city,
    a.state,
    String(a.zipCode ?? "").slice(0, 5),
  ]
    .map(norm)
    .join("|");
}

/** Why a recipient would be refused, checked before sending; undefined when it looks valid. */
export function recipientProblem(r: LettrLabs.Recipient | undefined): string | undefined {
  const a = r?.address;
  if (!a || typeof a !== "object") return "MISSING_ADDRESS";
  for (const field of ["address1", "city", "state", "zipCode"] as const) {
    if (typeof a[field] !== "string" || a[field].trim() === "") return `MISSING_${field.toUpperCase()}`;
  }
  if (!STATE.test(a.state)) return "INVALID_STATE";
  if (!ZIP.test(a.zipCode)) return "INVALID_ZIP";
  return undefined;
}
