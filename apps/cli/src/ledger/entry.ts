import { lstat } from "node:fs/promises";
import { UsageError } from "../errors.js";
import { writeAtomic } from "./atomic.js";
import { stopIfNotPermitted } from "./state-dir.js";
import { NOT_A_FILE, readStateText, TOO_LARGE } from "./state-file.js";

/** What identifies a send: the same meaning resumes the same ledger entry, from any directory or file. */
export interface SendMeaning {
  /** The API, normalised (`https://app.lettrlabs.com/api`: lower-case host, no default port, no trailing `/`). */
  host: string;
  templateId: number;
  postage: string;
  production: string;
  holdUntil: string | null;
  /** SHA-256 of the sorted recipient identities (parsed rows: not bytes, path, line endings or order). */
  recipientsDigest: string;
  /** Distinct valid recipients. */
  recipients: number;
}

/** One send in the ledger: its meaning and what has been done, written atomically after every step. */
export interface LedgerEntry {
  version: 2;
  key: string;
  meaning: SendMeaning;
  createdAt: string;
  updatedAt: string;
  /** The file last used (informational only). */
  source: string;
  /** Digest of the row order of the source last used: `rowsDone` is meaningful only for the same order. */
  rowOrderDigest: string;
  /**
   * What the rows sent hold, every field (the meaning keys the send by the recipients' identity
   * alone): rows changed in other fields (merge fields, say) are not the rows this send began
   * with. Absent in entries written before it was kept.
   */
  contentDigest?: string | undefined;
  /**
   * The recipients file holds this version's hashes (`recipientHash`: the two Unicode spellings of
   * a name folded to one). Absent in entries orderkit 0.1.0 made, whose hashes did not fold them:
   * a repeat check reads such a send's order to know its people in any spelling.
   */
  foldedKeys?: true | undefined;
  /** Draft order ids that existed before the create was sent (to find the order after a crash). */
  draftsBefore?: number[] | undefined;
  createStarted: boolean;
  orderId?: number | undefined;
  /**
   * True: the order was named with --order (adopted), not made from the template by this send;
   * set when such a send registers, before it reads the order. The API's orders do not say their
   * template, so the template this send was given is not known to be the order's: other sends'
   * repeat checks count its people whatever their template. False: the send's order is one it made
   * (also when --order named it). Absent in entries written before it was kept: see {@link isAdopted}.
   * Written first in the file, so that an entry cut short still says it.
   */
  adopted?: boolean | undefined;
  /** Data rows (by 0-based index) fully appended: rows below this index are on the order. */
  rowsDone: number;
  /** Rows being appended when the entry was last written; verified by read-back on resume. */
  inFlight?: { from: number; to: number } | undefined;
  /**
   * A pass that checks every row against the order's recipients (another row order, an adopted
   * order) has not finished: rows past `rowsDone` may be on the order already, so a resumed pass
   * checks them all too, until one reaches the end.
   */
  checkAll?: boolean | undefined;
  accepted: number;
  rejected: number;
  /**
   * Of `rejected`, those no reply named (a count, or a report that matched no row sent). Written
   * by versions that keep the people named beside the entry (`<key>.refused`); absent, a resumed
   * pass knows earlier refusals by their count only.
   */
  rejectedUnnamed?: number | undefined;
  /**
   * An append the server answered, but not as asked (a chunk answered for another order): what it
   * said. Its rows may be where reading this order back cannot see them, so every later run stops
   * until --restart.
   */
  answeredOtherwise?: string | undefined;
  proofSaved?: string | undefined;
  checkoutStarted: boolean;
  /** Checkout attempts sent (a failed payment allows another). */
  checkouts: number;
  /** Last status read from the server. */
  lastStatus?: string | undefined;
  settledAt?: string | undefined;
}

/**
 * Whether the entry's order was adopted (its template not known). An entry written before
 * `adopted` was kept says so by having an order without ever having started a create: only an
 * adoption sets one so.
 */
export function isAdopted(entry: LedgerEntry): boolean {
  return entry.adopted ?? (entry.orderId !== undefined && !entry.createStarted);
}

/** The ledger file is damaged, truncated or of another version: stop before anything is sent. */
export class LedgerError extends UsageError {
  override name = "LedgerError";
}

/** A check of one field of a state file (ledger entry, pending create). */
export type Check = (v: unknown) => boolean;
export const int: Check = (v) => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
export const str: Check = (v) => typeof v === "string";
const bool: Check = (v) => typeof v === "boolean";
export const opt =
  (check: Check): Check =>
  (v) =>
    v === undefined || check(v);
const ids: Check = (v) => Array.isArray(v) && v.every(int);
const range: Check = (v) => isObject(v) && int(v.from) && int(v.to) && (v.to as number) >= (v.from as number);

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const MEANING: Record<keyof SendMeaning, Check> = {
  host: str,
  templateId: int,
  postage: str,
  production: str,
  holdUntil: (v) => v === null || str(v),
  recipientsDigest: (v) => typeof v === "string" && /^[0-9a-f]{64}$/.test(v),
  recipients: int,
};

const ENTRY: Record<Exclude<keyof LedgerEntry, "meaning">, Check> = {
  version: (v) => v === 2,
  key: (v) => typeof v === "string" && /^[0-9a-f]{32}$/.test(v),
  createdAt: str,
  updatedAt: str,
  source: str,
  rowOrderDigest: str,
  contentDigest: opt(str),
  foldedKeys: opt((v) => v === true),
  draftsBefore: opt(ids),
  createStarted: bool,
  orderId: opt((v) => int(v) && (v as number) > 0),
  adopted: opt(bool),
  rowsDone: int,
  inFlight: opt(range),
  checkAll: opt(bool),
  accepted: int,
  rejected: int,
  rejectedUnnamed: opt(int),
  answeredOtherwise: opt(str),
  proofSaved: opt(str),
  checkoutStarted: bool,
  checkouts: int,
  lastStatus: opt(str),
  settledAt: opt(str),
};

/** The fields of `value` that do not match the schema (empty when it is a valid entry). */
export function entryProblems(value: unknown): string[] {
  if (!isObject(value)) return ["not a JSON object"];
  const problems: string[] = [];
  for (const [field, check] of Object.entries(ENTRY)) if (!check(value[field])) problems.push(field);
  if (!isObject(value.meaning)) problems.push("meaning");
  else
    for (const [field, check] of Object.entries(MEANING))
      if (!check(value.meaning[field])) problems.push(`meaning.${field}`);
  return problems;
}

/**
 * Reads and validates a ledger entry; undefined when there is none. A file that is not valid JSON
 * or does not match the schema stops the run with a message naming the file and what to do.
 */
export async function readEntry(path: string): Promise<LedgerEntry | undefined> {
  let text: string;
  try {
    text = await readStateText(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ENOENT") return undefined;
    stopIfNotPermitted(error, path);
    if (code === "EISDIR") throw damaged(path, "it is a directory, not a file", "");
    if (code === NOT_A_FILE) throw damaged(path, "it is a FIFO, a socket or a device, not a file", "");
    // A link that loops, or a file longer than any entry (a link into /proc): damage to the
    // ledger as much as a truncated file is. Anything else (an I/O error, no file descriptors
    // left) is named as it is, never a raw error.
    if (code === "ELOOP" || code === "ENOTDIR" || code === TOO_LARGE)
      throw damaged(path, `it cannot be read as a file (${code})`, "");
    throw new LedgerError(
      `The send ledger ${path} cannot be read (${code ?? String(error)}). Nothing was sent. Fix what keeps it from being read, and run again.`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw damaged(path, "it is not valid JSON (truncated or edited?)", text);
  }
  const problems = entryProblems(value);
  if (problems.length > 0)
    throw damaged(path, `these fields are missing or wrong: ${problems.join(", ")}`, text);
  return value as LedgerEntry;
}

/**
 * Reads a record orderkit keeps beside its ledger (an interrupted create's, a run of conversions')
 * and checks it (`problemsOf`: the fields missing or wrong); undefined when there is none. Read as
 * every state file is (`readStateText`: a FIFO in its place is never read). One this user may not read stops
 * as NotPermittedError; one that cannot be read otherwise, is not JSON, or fails its check throws
 * `damaged(why)`.
 */
export async function readRecord(
  path: string,
  problemsOf: (value: unknown) => string[],
  damaged: (why: string) => Error,
): Promise<unknown> {
  let text: string;
  try {
    text = await readStateText(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    // None, unless a link stands there to nothing (what it named is gone: not "no record").
    if (code === "ENOENT") {
      if ((await lstat(path).catch(() => undefined))?.isSymbolicLink())
        throw damaged("it is a link to nothing");
      return undefined;
    }
    stopIfNotPermitted(error, path);
    throw damaged(
      code === "EISDIR" || code === NOT_A_FILE
        ? "it is not a file"
        : `it cannot be read (${code ?? String(error)})`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw damaged("not valid JSON (truncated or edited?)");
  }
  const problems = problemsOf(value);
  if (problems.length > 0) throw damaged(`these fields are missing or wrong: ${problems.join(", ")}`);
  return value;
}

/** The LedgerError for a damaged entry at `path` (`text`: its contents, to name its order). */
/** What a damaged ledger entry's text (truncated, edited) still names. */
export interface DamagedNames {
  orderId?: number;
  host?: string;
  templateId?: number;
}

// A number counts only with what ends it: a file cut inside `"templateId": 77` names no template,
// not template 7.
const ORDER_ID = /"orderId"\s*:\s*(\d+)\s*[,}]/;
const TEMPLATE_ID = /"templateId"\s*:\s*(\d+)\s*[,}]/;
const HOST = /"host"\s*:\s*"([^"\\]+)"/;
const ADOPTED = /"adopted"\s*:\s*true/;
const ADOPTED_KEPT = /"adopted"\s*:/;
const NO_CREATE = /"createStarted"\s*:\s*false/;

/** The order, API and template a ledger entry's text names, read even from a damaged entry. */
export function namedIn(text: string): DamagedNames {
  const id = (re: RegExp) => {
    const n = Number(re.exec(text)?.[1]);
    return Number.isSafeInteger(n) && n > 0 ? n : undefined;
  };
  const orderId = id(ORDER_ID);
  // An adopted order's template is not known (see isAdopted): none is named.
  const adopted =
    ADOPTED.test(text) || (!ADOPTED_KEPT.test(text) && orderId !== undefined && NO_CREATE.test(text));
  const templateId = adopted ? undefined : id(TEMPLATE_ID);
  const host = HOST.exec(text)?.[1];
  return {
    ...(orderId === undefined ? {} : { orderId }),
    ...(host === undefined ? {} : { host }),
    ...(templateId === undefined ? {} : { templateId }),
  };
}

export function damaged(path: string, why: string, text: string): LedgerError {
  const order = namedIn(text).orderId;
  const inspect = order
    ? ` It names order ${order}: inspect it first (\`orderkit orders get ${order}\`, \`orderkit recipients list ${order}\`).`
    : "";
  return new LedgerError(
    `The send ledger ${path} is damaged: ${why}. Nothing was sent.${inspect} To discard it and start over, re-run with --restart.`,
  );
}

/** Writes an entry atomically (temp file, fsync, rename). */
export async function writeEntry(path: string, entry: LedgerEntry): Promise<void> {
  entry.updatedAt = new Date().toISOString();
  // `adopted` first: a file cut short still says it (namedIn), before the template it names.
  await writeAtomic(path, `${JSON.stringify({ adopted: entry.adopted, ...entry }, null, 2)}\n`);
}
