import type { LettrLabs } from "@orderkit/types";

const SPACES = /\s+/g;
/** White space that is not one plain space between two other characters. */
const OTHER_SPACE = /[^\S ]| {2}/;

/**
 * The longest field whose Unicode forms are folded (in UTF-16 code units, once trimmed and its
 * inner white space collapsed, as it is compared): 8 times `MAX_FIELD_LENGTH`
 * (recipient-validation.ts). Folding takes time quadratic in a run of combining marks, and a field
 * the SDK would send is never longer than MAX_FIELD_LENGTH: written in any other canonical form
 * (at most 4 times as long) or case, a server's copy of it stays under this. A longer field (from
 * a server, or given to `recipientKey` directly) is compared as it is, lower-cased. Written out,
 * not as a product: an expression would be kept in every bundle (a test holds the two together).
 */
export const MAX_FOLDED_LENGTH = 8000;

/**
 * `text` in `form`, or as it is when longer than {@link MAX_FOLDED_LENGTH} once trimmed and its
 * inner white space collapsed (padding does not keep a field from being folded).
 */
export function folded(text: string, form: UnicodeForm): string {
  return text.length > MAX_FOLDED_LENGTH && collapsed(text).length > MAX_FOLDED_LENGTH
    ? text
    : text.normalize(form);
}

/**
 * One field as identity sees it: trimmed, lower-cased and, with `fold`, in one Unicode form (NFC,
 * after lower-casing: "é" written as one character or as "e" and an accent is one spelling). Only
 * canonical forms are folded: compatibility forms ("½", "²", "ª", full-width letters) stay what
 * they are, so "Apt 1ª" and "Apt 1A" remain two addresses. Its own `|` is escaped after.
 */
function norm(value: unknown, fold: boolean): string {
  if (value === null || value === undefined) return "";
  const s = typeof value === "string" ? value : String(value);
  // Lower-cased before white space is collapsed, as 0.1.0 did: a final sigma is chosen by its
  // neighbours, and U+FEFF, which `\s` collapses, is not a word break to toLowerCase. Inner white
  // space (runs, and any but a plain space: a tab, a line break, a no-break space) collapsed before
  // folding, which is the same as after (folding makes and takes away no white space), and folded
  // when it fits once collapsed: a copy padded with spaces is still folded.
  const spaced = collapsed(s.toLowerCase());
  return fold ? folded(spaced, "NFC") : spaced;
}

/** `s` trimmed, its inner white space collapsed to one space (itself when there is none). */
function collapsed(s: string): string {
  const trimmed = s.trim();
  return OTHER_SPACE.test(trimmed) ? trimmed.replace(SPACES, " ") : trimmed;
}

/** A field's own `|` and backslash, escaped so that no field can pass for a separator. */
const ESCAPED = /[\\|]/g;

/** White space that `norm` would trim or collapse: at a field's edge, doubled, or other than a space. */
const MESSY = /^\s|\s$|\s\||\|\s|\s\s|[^\S ]/;
/** Any character beyond ASCII: what only the slower, Unicode-aware steps need to look at. */
export const BEYOND_ASCII = /[^\0-\x7f]/;

/** A Unicode form a row may have been written in (see `unfoldedRecipientKey`). */
export type UnicodeForm = "NFC" | "NFD";

/**
 * Identity of a recipient for duplicate detection and read-back: name, organisation and address,
 * case- and space-insensitive, the two Unicode spellings of an accented letter folded to one (NFC),
 * ZIP cut to 5 characters (the API may add ZIP+4). Fields are joined by `|`, a field's own `|` and
 * `\` escaped with `\`, so two different recipients never share a key (`Jo / Ann|Smith` and
 * `Jo|Ann / Smith`). The common case (no white space to trim or collapse, no `|` or `\` in a field)
 * is one string, one `toLowerCase` and, beyond ASCII, one `normalize`; anything else takes the
 * field-by-field path, with the same result.
 */
export function recipientKey(r: Pick<LettrLabs.Recipient, "address" | "personal">): string {
  return identity(r, true);
}

/**
 * The key orderkit 0.1.0 computed: {@link recipientKey} without the Unicode folding (the NFC and
 * NFD spellings of one name were two people). With `form`, the key 0.1.0 gave the same row written
 * in that form (as another export of the list may have written it). Only to recognise what that
 * version recorded.
 */
export function unfoldedRecipientKey(
  r: Pick<LettrLabs.Recipient, "address" | "personal">,
  form?: UnicodeForm,
): string {
  return identity(r, false, form);
}

/**
 * 0.1.0's keys of `r` as written, written composed (NFC) and written decomposed (NFD), each once
 * (in that order, repeats left out): `unfoldedRecipientKey(r)`, then `unfoldedRecipientKey(r, form)`
 * for each form that gives another key. One pass over the row in the common case.
 */
export function unfoldedRecipientKeys(r: Pick<LettrLabs.Recipient, "address" | "personal">): string[] {
  const raw = joined(r);
  const fast = plain(raw) && raw.length <= MAX_FOLDED_LENGTH && !BEYOND_ASCII.test(zipOf(r));
  const keys = [fast ? raw.toLowerCase() : identity(r, false)];
  for (const form of ["NFC", "NFD"] as const) {
    const key = fast ? raw.normalize(form).toLowerCase() : identity(r, false, form);
    if (!keys.includes(key)) keys.push(key);
  }
  return keys;
}

const zipOf = (r: Pick<LettrLabs.Recipient, "address" | "personal">): string => {
  const z = r.address?.zipCode;
  return z === undefined || z === null ? "" : String(z);
};

/** The i-th identity field of a recipient as given, in the key's order (the ZIP last, uncut). */
export function identityField(r: Pick<LettrLabs.Recipient, "address" | "personal">, i: number): unknown {
  const a = r.address;
  const p = r.personal;
  switch (i) {
    case 0:
      return p?.firstName;
    case 1:
      return p?.lastName;
    case 2:
      return p?.toOrganization;
    case 3:
      return a?.address1;
    case 4:
      return a?.address2;
    case 5:
      return a?.city;
    case 6:
      return a?.state;
    default:
      return a?.zipCode;
  }
}

/** The identity fields joined by `|` as given, the ZIP trimmed and cut to 5 characters. */
function joined(r: Pick<LettrLabs.Recipient, "address" | "personal">): string {
  const a = r.address ?? ({} as Partial<LettrLabs.RecipientAddress>);
  const p = r.personal;
  // Trimmed before it is cut: " 78704" is 78704, not 7870.
  const zip = zipOf(r).trim().slice(0, 5);
  return `${p?.firstName ?? ""}|${p?.lastName ?? ""}|${p?.toOrganization ?? ""}|${a.address1 ?? ""}|${a.address2 ?? ""}|${a.city ?? ""}|${a.state ?? ""}|${zip}`;
}

/** Seven `|` and no backslash: no field holds either. One test, no string made (a split made eight a row). */
const SEVEN_BARS = /^[^|\\]*(?:\|[^|\\]*){7}$/;

/** Seven `|`, no backslash and no white space to trim or collapse: no field holds either. */
const plain = (raw: string): boolean => SEVEN_BARS.test(raw) && !MESSY.test(raw);

function identity(
  r: Pick<LettrLabs.Recipient, "address" | "personal">,
  fold: boolean,
  form?: UnicodeForm,
): string {
  const zipText = zipOf(r);
  const raw = joined(r);
  const normalized = fold || form !== undefined;
  // A ZIP with more than ASCII is normalized before it is cut (`1234e` and a combining accent is
  // `1234é`), on the other path. Normalizing the joined fields is normalizing each: a `|` never
  // combines with what is beside it.
  // Longer than MAX_FOLDED_LENGTH in all: each field decides for itself whether it is folded.
  if (plain(raw) && raw.length <= MAX_FOLDED_LENGTH && !(normalized && BEYOND_ASCII.test(zipText))) {
    if (!normalized || !BEYOND_ASCII.test(raw)) return raw.toLowerCase();
    return form ? raw.normalize(form).toLowerCase() : raw.toLowerCase().normalize("NFC");
  }
  const written = (value: unknown) => (form && typeof value === "string" ? folded(value, form) : value);
  return [
    ...Array.from({ length: 7 }, (_, i) => identityField(r, i)),
    (normalized ? folded(zipText, form ?? "NFC") : zipText).trim().slice(0, 5),
  ]
    .map((value) => norm(written(value), fold).replace(ESCAPED, "\\$&"))
    .join("|");
}
