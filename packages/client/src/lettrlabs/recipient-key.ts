import type { LettrLabs } from "@orderkit/types";

const STATE = /^[A-Za-z]{2}$/;
const ZIP = /^[0-9]{5}(-?[0-9]{4})?$/;
const SPACES = /\s+/g;

function norm(value: unknown): string {
  if (value === null || value === undefined) return "";
  const s = typeof value === "string" ? value : String(value);
  const lower = s.trim().toLowerCase();
  // Collapse inner runs of white space only when there are any (the common case has none).
  return lower.includes("  ") || lower.includes("\t") ? lower.replace(SPACES, " ") : lower;
}

/**
 * Identity of a recipient for duplicate detection and read-back: name, organisation and address,
 * case- and space-insensitive, ZIP cut to 5 digits (the API may add ZIP+4).
 */
export function recipientKey(r: Pick<LettrLabs.Recipient, "address" | "personal">): string {
  const a = r.address ?? ({} as Partial<LettrLabs.RecipientAddress>);
  const p = r.personal;
  const zip = a.zipCode === undefined || a.zipCode === null ? "" : String(a.zipCode).slice(0, 5);
  return `${norm(p?.firstName)}|${norm(p?.lastName)}|${norm(p?.toOrganization)}|${norm(a.address1)}|${norm(a.address2)}|${norm(a.city)}|${norm(a.state)}|${norm(zip)}`;
}

function missing(value: unknown): boolean {
  return typeof value !== "string" || value.length === 0 || value.trim() === "";
}

/** Why a recipient would be refused, checked before sending; undefined when it looks valid. */
export function recipientProblem(r: LettrLabs.Recipient | undefined): string | undefined {
  const a = r?.address;
  if (!a || typeof a !== "object") return "MISSING_ADDRESS";
  if (missing(a.address1)) return "MISSING_ADDRESS1";
  if (missing(a.city)) return "MISSING_CITY";
  if (missing(a.state)) return "MISSING_STATE";
  if (missing(a.zipCode)) return "MISSING_ZIPCODE";
  if (a.state.length !== 2 || !STATE.test(a.state)) return "INVALID_STATE";
  if (!ZIP.test(a.zipCode)) return "INVALID_ZIP";
  return undefined;
}

/**
 * A 52-bit FNV-1a hash of `recipientKey(r)` (a safe integer), for compact duplicate detection.
 * Equal recipients always hash equal; a hash match must be confirmed with the keys.
 */
export function recipientHash(r: Pick<LettrLabs.Recipient, "address" | "personal">): number {
  const key = recipientKey(r);
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 16777619) >>> 0;
    h2 = Math.imul(h2 ^ c, 2246822519) >>> 0;
  }
  return (h1 & 0xfffff) * 2 ** 32 + h2;
}
