import { createHash } from "node:crypto";

/**
 * The name the state directory gives what `text` identifies: 128 bits of SHA-256, in hex (32
 * characters). Keys of ledger entries, journals, order state, pending creates, conversions and
 * people all come from here, so that no name or address is kept in plain text in a file name.
 */
export function hex128(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 32);
}
