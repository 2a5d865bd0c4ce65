import { createHash, randomBytes } from "node:crypto";
import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { serverKey } from "@orderkit/client";
import { namedLines } from "../csv/read.js";
import { markRecordKept, RepeatError, StoppedError } from "../errors.js";
import { writeAtomic } from "./atomic.js";
import { hex128 } from "./digest.js";
import { isObject, LedgerError, opt, readRecord, str } from "./entry.js";
import { FileLock, whileLocked } from "./lock.js";
import { definitelyNotCreated } from "./pending-create.js";
import { makeStateDir, stateDir, stopIfNotPermitted } from "./state-dir.js";
import { waitForStoppedWrites } from "./writes-in-flight.js";

// LettrLabs recognises a conversion sent again only by its orderId: one without is recorded again
// each time it is sent. So `conversions create` records, per API host, every such row it sends (a
// digest of the row), in one file per run under `<state dir>/conversions/<host key>/`, written
// before the request ("sending") and completed once answered ("done", with the rows LettrLabs
// refused). A later run is checked against every record, row by row, under one lock per host: a
// row a finished run recorded is a repeat (exit 5, unless --allow-repeat), and a row a run was
// sending when it stopped (killed, its answer lost) stops the run (exit 1) until the user has
// checked what LettrLabs holds and passes --restart. A file that grew since it was sent is refused
// for its old rows, not sent again whole. The records are the user's, in the state directory,
// whatever `--journal-dir` a `send` is given: one history per user and host.

/** A row without an orderId, as a run sends it: its digest, its line in the file, and its place in the request. */
export interface UnkeyedRow {
  digest: string;
  line: number;
  index: number;
}

/** One run's record. */
interface ConversionsRun {
  version: 1;
  /** When the run began (before it sent anything). */
  startedAt: string;
  /** The CSV it read. */
  file: string;
  /** "sending" from just before the request until it is answered; then "done". */
  state: "sending" | "done";
  doneAt?: string | undefined;
  /** The digests of the rows it sent without an orderId. */
  rows: string[];
  /** Of those, the rows LettrLabs refused (not recorded): they may be sent again. */
  refused?: string[] | undefined;
}

const digests = (v: unknown) => Array.isArray(v) && v.every((d) => typeof d === "string");

/** The fields of `value` that do not match a run's record (empty when it is valid). */
function runProblems(value: unknown): string[] {
  if (!isObject(value)) return ["not a JSON object"];
  const fields: Record<keyof ConversionsRun, (v: unknown) => boolean> = {
    version: (v) => v === 1,
    startedAt: str,
    file: str,
    state: (v) => v === "sending" || v === "done",
    doneAt: value.state === "done" ? str : opt(str),
    rows: digests,
    refused: opt(digests),
  };
  return Object.entries(fields)
    .filter(([field, check]) => !check(value[field]))
    .map(([field]) => field);
}

/**
 * A row's digest: 128 bits of SHA-256 over its JSON, the keys of every object in it sorted, as a
 * person would read it: text in one Unicode form (NFC), trimmed, its inner white space one space;
 * names, emails, a type and addresses in lower case (ids and coupon codes keep theirs: `AbC` and
 * `abc` may be two records); an `eventDate` as the instant it names. Two spellings of one event
 * are one row (a repeat refused is safer than an event recorded twice); the row is sent as written.
 */
export function conversionDigest(conversion: object): string {
  return hex128(JSON.stringify(readAs(conversion, "")));
}

/** The fields whose case is part of what they say: ids and coupon codes. */
const CASED: ReadonlySet<string> = new Set([
  "orderId",
  "storeId",
  "uniqueId",
  "crmId",
  "customerId",
  "couponCode",
]);

/** `value` as {@link conversionDigest} reads it (`key`: its field's name), objects' keys sorted. */
export function readAs(value: unknown, key: string): unknown {
  if (typeof value === "string") {
    const instant = key === "eventDate" ? Date.parse(value) : Number.NaN;
    // The digits of a second beyond the millisecond a Date keeps, trailing zeros aside.
    if (!Number.isNaN(instant))
      return `${new Date(instant).toISOString()}${/\.\d{3}(\d*)/.exec(value)?.[1]?.replace(/0+$/, "") ?? ""}`;
    const text = value.normalize("NFC").trim().replace(/\s+/g, " ");
    return CASED.has(key) ? text : text.toLowerCase();
  }
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map((v) => readAs(v, ""));
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, readAs((value as Record<string, unknown>)[k], k)]),
  );
}

/** Whether `error` carries a 2xx status: the server took the request as a success. */
function answered2xx(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" && status >= 200 && status < 300;
}

/** The lines of `rows`, named in a message. */
const linesOf = (rows: readonly UnkeyedRow[]) => namedLines(rows.map((r) => r.line));

/**
 * Sends the rows of a conversions file (`send`) so that its rows without an orderId (`rows`) are
 * recorded once per API host (see above), then shows the result (`deliver`). `refusedOf` names the
 * places in the request (`index`) of the rows LettrLabs refused in a result; undefined when the
 * result cannot say (then every row counts as recorded).
 */
export async function recordConversionsOnce<T>(
  options: {
    /** The API host, as the state directory keys it. */
    host: string;
    /** The CSV, as the user named it. */
    file: string;
    rows: readonly UnkeyedRow[];
    allowRepeat: boolean;
    restart: boolean;
    settleMs: number;
    say: (m: string) => void;
  },
  send: () => Promise<T>,
  refusedOf: (result: T) => ReadonlySet<number> | undefined,
  deliver: (result: T) => Promise<void>,
): Promise<void> {
  const host = serverKey(options.host);
  const key = createHash("sha256").update(host).digest("hex").slice(0, 24);
  const locks = join(stateDir(undefined), "conversions");
  const dir = join(locks, key);
  await makeStateDir(dir, "the records of conversions sent");
  await makeStateDir(locks, "the locks of conversions");
  const lock = new FileLock(join(locks, `${key}.lock`));
  await lock.acquire(`Recording conversions at ${host}`);
  await whileLocked(
    lock,
    async () => {
      // A run stopped until now has stopped: what it left in flight lands first.
      await waitForStoppedWrites(options.settleMs);
      const runs = await readRuns(dir);
      const mine = new Set(options.rows.map((r) => r.digest));
      const stopped = runs.filter(({ run }) => run.state === "sending" && run.rows.some((d) => mine.has(d)));
      if (stopped.length > 0 && !options.restart) {
        const held = new Set(stopped.flatMap(({ run }) => run.rows));
        const unknown = options.rows.filter((r) => held.has(r.digest));
        const first = stopped[0] as (typeof stopped)[number];
        throw new StoppedError(
          `${unknown.length} of the rows without an orderId in ${options.file} (${linesOf(unknown)}) were being sent by an earlier run (started ${first.run.startedAt}; its record: ${first.path}) that stopped before it knew whether LettrLabs recorded them. Nothing was sent. Check what LettrLabs holds (\`orderkit conversions list\`), then send only the rows it lacks, or re-run with --restart to send them all again.`,
        );
      }
      if (!options.allowRepeat) {
        // A row twice in this file would be recorded twice as well.
        const seen = new Map<string, UnkeyedRow>();
        const twice = options.rows.filter((r) => {
          if (!seen.has(r.digest)) seen.set(r.digest, r);
          else return true;
          return false;
        });
        if (twice.length > 0) {
          const first = twice[0] as UnkeyedRow;
          throw new RepeatError(
            `${twice.length} of the rows without an orderId in ${options.file} repeat an earlier row of it (${linesOf(twice)}; line ${first.line} repeats line ${seen.get(first.digest)?.line}): LettrLabs would record each of them. Nothing was sent. Remove the repeats, or re-run with --allow-repeat to record them all.`,
          );
        }
        const recorded = new Map<string, string>();
        for (const { run } of runs) {
          if (run.state !== "done") continue;
          const refused = new Set(run.refused);
          for (const d of run.rows) if (!refused.has(d)) recorded.set(d, run.doneAt ?? run.startedAt);
        }
        const repeats = options.rows.filter((r) => recorded.has(r.digest));
        if (repeats.length > 0)
          throw new RepeatError(
            `${repeats.length} of the ${options.rows.length} rows without an orderId in ${options.file} (${linesOf(repeats)}) were recorded by an earlier run (on ${recorded.get((repeats[0] as UnkeyedRow).digest)}): LettrLabs would record them twice. Nothing was sent. Remove them from the file, or re-run with --allow-repeat to record them again.`,
          );
      }
      // The user has checked the rows of the interrupted runs this file holds (--restart): they
      // leave those runs' records. Rows of other files those runs held stay in them, still
      // stopping the files that hold them.
      for (const { path, run } of stopped) {
        const others = run.rows.filter((d) => !mine.has(d));
        if (others.length === 0) {
          await forget(path);
          options.say(`Forgot the record of an interrupted run (${path}).`);
        } else {
          await writeAtomic(path, `${JSON.stringify({ ...run, rows: others }, null, 2)}\n`);
          options.say(
            `Forgot these rows in the record of an interrupted run (${path}); it still holds ${others.length} other row${others.length === 1 ? "" : "s"}, which stop the files that hold them until checked.`,
          );
        }
      }
      const now = new Date().toISOString();
      const path = join(dir, `${now.replace(/[:.]/g, "-")}-${randomBytes(4).toString("hex")}.json`);
      const run: ConversionsRun = {
        version: 1,
        startedAt: now,
        file: options.file,
        state: "sending",
        rows: [...mine],
      };
      const save = () => writeAtomic(path, `${JSON.stringify(run, null, 2)}\n`);
      await save();
      let result: T;
      try {
        result = await send();
      } catch (error) {
        // Refused, or never sent: nothing was recorded. Anything else may have been, a 2xx the
        // client took for a refusal (errors reported in its body) too: LettrLabs keeps the valid
        // rows of a request even when others are invalid.
        if (definitelyNotCreated(error) && !answered2xx(error)) await forget(path);
        else {
          options.say(
            `The record of this run is kept (${path}): LettrLabs may have recorded these rows. The next run of any of them stops until you have checked (\`orderkit conversions list\`) and pass --restart.`,
          );
          markRecordKept(error, path);
        }
        throw error;
      }
      run.state = "done";
      run.doneAt = new Date().toISOString();
      // A row is refused only when every row of its digest was (two rows of one digest, one taken).
      const refused = refusedOf(result) ?? new Set<number>();
      const taken = new Set(options.rows.filter((r) => !refused.has(r.index)).map((r) => r.digest));
      run.refused = run.rows.filter((d) => !taken.has(d));
      try {
        await save();
      } catch (error) {
        // The answer came: it is shown, and the record's failure said for what it is.
        await deliver(result);
        options.say(
          `LettrLabs answered (above) and recorded the rows it did not refuse, but the record of this run could not be completed (${path}: ${(error as { code?: string }).code ?? String(error)}). Leave those rows out of the files you send: a file holding one of them stops, as after an interrupted run, and --restart would record them twice.`,
        );
        markRecordKept(error, path);
        throw error;
      }
      await deliver(result);
    },
    "What it sent may have been recorded: the next run of these rows stops until you have checked (`orderkit conversions list`) and pass --restart.",
  );
}

/** The records of `dir`, oldest first. A record that cannot be read, or is damaged, stops the run. */
async function readRuns(dir: string): Promise<{ path: string; run: ConversionsRun }[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith(".json")).sort();
  } catch (error) {
    stopIfNotPermitted(error, dir);
    throw damaged(dir, `it cannot be listed (${(error as { code?: string }).code ?? String(error)})`);
  }
  const out: { path: string; run: ConversionsRun }[] = [];
  for (const name of names) {
    const path = join(dir, name);
    const run = (await readRecord(path, runProblems, (why) => damaged(path, why))) as
      | ConversionsRun
      | undefined;
    if (run !== undefined) out.push({ path, run });
  }
  return out;
}

/** Removes a record; one that cannot be removed is damaged. */
async function forget(path: string): Promise<void> {
  try {
    await rm(path, { force: true });
  } catch (error) {
    throw damaged(path, `it cannot be removed (${(error as { code?: string }).code ?? String(error)})`);
  }
}

function damaged(path: string, why: string): LedgerError {
  return new LedgerError(
    `The record of conversions sent ${path} is damaged: ${why}. Nothing was sent. It names rows LettrLabs may hold: check what it holds (\`orderkit conversions list\`), then move the file out of that directory to go on.`,
  );
}
