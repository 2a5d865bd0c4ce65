import { type LettrLabs, recipientKey } from "@orderkit/client";

/** FNV-1a of the recipient's identity key, folded into 52 bits (a safe integer). */
export function recipientHash(recipient: LettrLabs.Recipient): number {
  const key = recipientKey(recipient);
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 16777619) >>> 0;
    h2 = Math.imul(h2 ^ c, 2246822519) >>> 0;
  }
  return (h1 & 0xfffff) * 2 ** 32 + h2;
}
