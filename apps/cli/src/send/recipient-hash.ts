import { type LettrLabs, recipientKey } from "@orderkit/client";

/**
 * A 52-bit FNV-1a hash of a recipient's identity (`recipientKey`), a safe integer: the CLI keeps
 * one number a row to find repeats and to record a send's recipients in the ledger. Equal
 * recipients always hash equal; a match is confirmed with the full key where it matters.
 */
export function recipientHash(r: Pick<LettrLabs.Recipient, "address" | "personal">): number {
  return hashKey(recipientKey(r));
}

/** The hash of an identity already computed with `recipientKey`. */
export function hashKey(key: string): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 16777619) >>> 0;
    h2 = Math.imul(h2 ^ c, 2246822519) >>> 0;
  }
  return (h1 & 0xfffff) * 2 ** 32 + h2;
}
