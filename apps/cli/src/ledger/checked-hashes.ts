import { createHash } from "node:crypto";
import { writeAtomic } from "./atomic.js";
import { stopIfNotPermitted } from "./state-dir.js";
import { readStateBytes } from "./state-file.js";

/**
 * A file of sorted 52-bit hashes that carries its own check: the hashes, then the SHA-256 of
 * `context` and the hashes. `context` names what the hashes stand for (an order of a host, a
 * send), so that a copy cut short, edited, or moved to another one's place reads as damaged.
 */
export async function writeCheckedHashes(path: string, hashes: Float64Array, context: string): Promise<void> {
  const body = new Uint8Array(hashes.buffer, hashes.byteOffset, hashes.byteLength);
  const digest = digestOf(body, context);
  const bytes = new Uint8Array(body.byteLength + digest.byteLength);
  bytes.set(body);
  bytes.set(digest, body.byteLength);
  await writeAtomic(path, bytes);
}

/** The hashes a file of {@link writeCheckedHashes} holds; undefined when missing or damaged. */
export async function readCheckedHashes(path: string, context: string): Promise<Float64Array | undefined> {
  const bytes = await readStateBytes(path).catch((error) => {
    stopIfNotPermitted(error, path);
    return undefined;
  });
  if (!bytes || bytes.byteLength < 32) return undefined;
  const body = bytes.subarray(0, bytes.byteLength - 32);
  if (!digestOf(body, context).equals(bytes.subarray(bytes.byteLength - 32))) return undefined;
  return sortedHashes(body);
}

const digestOf = (body: Uint8Array, context: string) =>
  createHash("sha256").update(`${context}\n`).update(body).digest();

/** The hashes `bytes` hold; undefined unless a non-empty, strictly increasing list of 52-bit hashes. */
export function sortedHashes(bytes: Uint8Array): Float64Array | undefined {
  if (bytes.byteLength === 0 || bytes.byteLength % 8 !== 0) return undefined;
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  const hashes = new Float64Array(copy.buffer);
  let previous = -1;
  for (const h of hashes) {
    if (!(h > previous && h < 2 ** 52 && Number.isInteger(h))) return undefined;
    previous = h;
  }
  return hashes;
}
