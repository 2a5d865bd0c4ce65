import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";

/** What `orderkit send` has done so far for one set of inputs; written atomically after every step. */
export interface SendJournal {
  version: 1;
  inputs: SendInputs;
  /** Draft order ids that existed before the create was sent (to find the order after a crash). */
  draftsBefore?: number[];
  createStarted?: boolean;
  orderId?: number;
  /** Data rows (by 0-based index) fully appended: rows below this index are on the order. */
  rowsDone: number;
  /** Rows being appended when the journal was last written; verified by read-back on resume. */
  inFlight?: { from: number; to: number };
  accepted: number;
  rejected: number;
  proofSaved?: string;
  checkoutStarted?: boolean;
  checkout?: { status: string; pollAfterSeconds: number };
  settled?: { status: string };
  updatedAt: string;
}

/** The inputs that identify one send: the same inputs resume the same journal. */
export interface SendInputs {
  templateId: number;
  csv: string;
  csvSha256: string;
  postage: string;
  production: string;
  holdUntil: string | null;
  baseUrl: string;
  map: Record<string, string>;
  skipInvalid: boolean;
}

/** SHA-256 of a file, streamed. */
export async function fileSha256(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** The journal's file for these inputs. */
export function journalPath(dir: string, inputs: SendInputs): string {
  const id = createHash("sha256").update(JSON.stringify(inputs)).digest("hex").slice(0, 16);
  return join(resolve(dir), `send-${id}.json`);
}

/** Reads a journal, or undefined when there is none. */
export async function readJournal(path: string): Promise<SendJournal | undefined> {
  try {
    return JSON.parse(await readFile(path, "utf8")) as SendJournal;
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") return undefined;
    throw error;
  }
}

/** Writes the journal atomically (temp file + rename), so a crash never leaves half a file. */
export async function writeJournal(path: string, journal: SendJournal): Promise<void> {
  journal.updatedAt = new Date().toISOString();
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(journal, null, 2), { mode: 0o600 });
  await rename(tmp, path);
}

export async function removeJournal(path: string): Promise<void> {
  await rm(path, { force: true });
}
