import { lstat, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { answeredOtherwise, clFoldedText, mayHaveApplied, serverKey } from "@orderkit/client";
import { markRecordKept, RepeatError, StoppedError } from "../errors.js";
import { writeAtomic } from "./atomic.js";
import { hex128 } from "./digest.js";
import { type Check, int, isObject, LedgerError, opt, readRecord, str } from "./entry.js";
import { FileLock, whileLocked } from "./lock.js";
import { makeStateDir, stateDir, stopIfNotPermitted } from "./state-dir.js";
import { readStateText } from "./state-file.js";
import { waitForStoppedWrites } from "./writes-in-flight.js";

/**
 * What identifies a single-shot create (`orderkit orders create`, `orderkit commercelayer orders
 * create --reference`): the command, the API host, and the fields that make it the same order.
 */
export type CreateMeaning = { command: string; host: string } & Record<string, string | number | null>;

/**
 * The record of a single-shot create, written before the create is sent and removed once its
 * outcome is known. Found on the next run of the same create, it means the last run stopped (was
 * killed, lost its answer) without knowing whether the order was made: that run reads back first.
 */
export interface PendingCreate {
  version: 1;
  key: string;
  meaning: CreateMeaning;
  /** When the interrupted run started. */
  startedAt: string;
  updatedAt: string;
  /** Set just before the create is sent: only then can an order exist. */
  createStarted: boolean;
  /** LettrLabs: the Draft order ids before the create was sent (to find the order it made). */
  draftsBefore?: number[] | undefined;
  /**
   * The server answered the write, but not as asked (what it said): kept here too, for when the
   * marker beside the lock cannot be written. A run that finds it stops, as for the marker.
   */
  answered?: string | undefined;
}

/** What a create's work gets: its record, whether an earlier run left it, and how to save it. */
export interface PendingRun {
  record: PendingCreate;
  /** An earlier run of this create stopped after sending it, outcome unknown: read back first. */
  resumed: boolean;
  save: () => Promise<void>;
  /**
   * Records that the server answered the write, but not as asked (the client's `onAnswered`):
   * from then on every run of this meaning stops until --restart: every run with this state
   * directory (its marker), or, where the marker cannot be written, with this journal directory.
   */
  answered: (problem: string) => Promise<void>;
}

/** Order ids: positive safe integers. */
const orderIds: Check = (v) => Array.isArray(v) && v.every((x) => int(x) && (x as number) > 0);

/**
 * The fields of `value` that do not match a record of `key` (empty when it is valid). Only records
 * of a create about to be sent are ever written, so `createStarted` must be true, and a LettrLabs
 * create's must hold its Draft snapshot (`snapshot`): anything else was edited or damaged.
 */
function recordProblems(value: unknown, key: string, snapshot: boolean): string[] {
  if (!isObject(value)) return ["not a JSON object"];
  const fields: Record<keyof PendingCreate, Check> = {
    version: (v) => v === 1,
    key: (v) => v === key,
    // A host no run could go through (`zzz`, not an http(s) URL) was edited: --restart forgets
    // such a record like any damage (review 178).
    meaning: (v) => isObject(v) && typeof v.host === "string" && isRunHost(v.host),
    startedAt: str,
    updatedAt: str,
    createStarted: (v) => v === true,
    draftsBefore: snapshot ? orderIds : opt(orderIds),
    answered: opt(str),
  };
  return Object.entries(fields)
    .filter(([field, check]) => !check(value[field]))
    .map(([field]) => field);
}

/**
 * The create's order exists (found by reading back), but not as this run asked for it (another
 * customer or market under the same reference): the outcome is known, so the record is forgotten,
 * and nothing is created.
 */
export class CreateConflictError extends StoppedError {
  override name = "CreateConflictError";
}

/**
 * True when a failed create is known not to have made an order (the server refused it, or it was
 * never sent). Anything else (no answer, a 5xx, an ambiguous read-back, an abort, an error of
 * ours after sending) leaves the record, so that the next run reads back before creating.
 */
export function definitelyNotCreated(error: unknown): boolean {
  const kind = (error as { kind?: unknown } | null)?.kind;
  if (typeof kind !== "string" || typeof (error as { toJSON?: unknown }).toJSON !== "function") return false;
  return !mayHaveApplied(error) && kind !== "ambiguous_write" && kind !== "aborted";
}

/**
 * Single-shot creates in flight, one file per meaning under `<journal dir>/creates/`, each run of a
 * meaning under its lock: a second process running the same create is refused (exit 4), a re-run
 * after a stopped one resumes it (reads back first), and `--restart` forgets it. The locks are kept
 * under `<locks dir>/creates/`, the user's state directory, wherever the records are: two terminals
 * given two `--journal-dir` values run one create, never two at once.
 */
export class PendingCreates {
  readonly dir: string;
  readonly locks: string;

  constructor(journalDir: string, locksDir: string = journalDir) {
    this.dir = join(journalDir, "creates");
    this.locks = join(locksDir, "creates");
  }

  /**
   * The key an earlier version gave a meaning's record (128 bits of SHA-256 over its canonical
   * JSON, keys sorted), its host taken as the server it names ({@link serverKey}): such records are
   * still found (see `run`).
   */
  static keyOf(meaning: CreateMeaning): string {
    return digestOf({ ...meaning, host: serverKey(meaning.host) });
  }

  /**
   * The key of a meaning's record, marker and lock: its canonical digest without the host. One
   * server may have several names (a DNS alias, its address) that no key of a name tells apart,
   * and two runs of one create through two of them would both write; the same create on two
   * servers at once is refused while the other runs (exit 4).
   */
  static lockKeyOf(meaning: CreateMeaning): string {
    const { host: _, ...anywhere } = meaning;
    for (const field of FOLDED) {
      const value = anywhere[field];
      if (typeof value === "string") anywhere[field] = clFoldedText(value);
    }
    return digestOf(anywhere);
  }

  /**
   * The key the version before gave a meaning's record, marker and lock: {@link lockKeyOf} with a
   * reference as typed (such records and markers are still found, and its lock taken, see `run`).
   */
  static exactKeyOf(meaning: CreateMeaning): string {
    const { host: _, ...anywhere } = meaning;
    return digestOf(anywhere);
  }

  path(key: string): string {
    return join(this.dir, `${key}.json`);
  }

  /**
   * Runs one create of `meaning` under its lock. `work` must call `save()` after setting
   * `record.createStarted` (and, with `snapshot`, `record.draftsBefore`) and before sending.
   * `deliver` shows the result; only then is the record removed, so that a run stopped before the
   * user saw its order leaves the record for the next run. A failure that made no order, or a
   * {@link CreateConflictError}, removes it too; any other failure keeps it, and the user is told.
   */
  async run<T>(
    meaning: CreateMeaning,
    options: {
      restart: boolean;
      what: string;
      say: (m: string) => void;
      snapshot: boolean;
      /** The settle wait after the writes a stopped run left in flight (see ledger/writes-in-flight.ts). */
      settleMs: number;
      /**
       * For a write that cannot be read back (an automation's recipient): how the user checks
       * whether it landed. A run that finds an interrupted one's record then stops (nothing sent)
       * until the user has checked and passes --restart, instead of reading back.
       */
      unreadable?: string | undefined;
      /**
       * For a write the server applies again each time it is sent (an automation's recipient): a
       * note beside the lock (`<key>.sent`) is written before the write leaves ("sending") and
       * completed once it is answered ("done"); a later run of the same meaning that finds it is
       * refused as a repeat (exit 5), nothing sent, unless `allowed` (--allow-repeat). A note
       * "sending" keeps the note it replaced: --restart, and a write that surely did not land, put
       * that one back (or remove the note when there was none). `done` says what a finished run
       * did ("queued this person in automation 77").
       */
      repeat?: { allowed: boolean; done: string } | undefined;
    },
    work: (run: PendingRun) => Promise<T>,
    deliver: (result: T) => Promise<void> | void,
  ): Promise<T> {
    // The record, its marker and its lock are the meaning's whatever host names the server (a run
    // through another name of it must find what a killed one left); an earlier version's are keyed
    // with the reference as typed, or with the host too (`olderKeys`), and still found.
    const key = PendingCreates.lockKeyOf(meaning);
    // For a write that cannot be read back, what a kept record means for the next run. A run that
    // was itself a repeat (--allow-repeat over an earlier run's note) is sent again only with both
    // flags: --restart alone puts that earlier note back, which refuses.
    // (How the user checks, inside a sentence.)
    const checkHow = options.unreadable?.replace(/^\w/, (c) => c.toLowerCase());
    const stopsNextOf = (repeated: boolean) =>
      checkHow === undefined
        ? undefined
        : `the next run of this command stops until you have checked (${checkHow}): if it landed, delete the record this run left (the next run names it; later runs are then refused as a repeat); if not, pass ${repeated ? "--restart --allow-repeat" : "--restart"} to send it`;
    const stopsNext = stopsNextOf(false);
    // Where earlier versions kept this create's record and marker: keyed with the reference as
    // typed, and before that with the host too.
    const exact = PendingCreates.exactKeyOf(meaning);
    const olderKeys = [...new Set([exact, PendingCreates.keyOf(meaning)])].filter((k) => k !== key);
    const path = this.path(key);
    await makeStateDir(this.dir, "the records of interrupted creates");
    await makeStateDir(this.locks, "the locks of creates");
    const lock = new FileLock(join(this.locks, `${key}.lock`));
    const body = async (): Promise<T> => {
      // A run of this create stopped until now has stopped: what it left in flight lands first.
      await waitForStoppedWrites(options.settleMs);
      const marker = join(this.locks, `${key}.answered`);
      const olderMarkers = olderKeys.map((k) => join(this.locks, `${k}.answered`));
      // What an earlier run left, read before --restart: --restart forgets only what a run
      // through this server's name left (or a damaged record, whose host cannot be read).
      const readOrDamaged = (at: string, k: string) =>
        this.read(at, k, options.snapshot).catch((error: unknown) => {
          if (options.restart && error instanceof LedgerError) return undefined;
          throw error;
        });
      let record = await readOrDamaged(path, key);
      if (record) {
        // An older version's, left beside it: stale.
        for (const k of olderKeys) await this.forget(this.path(k));
      } else {
        // An older version's: under one of its keys, else under another host's (found by the
        // meaning it holds), which the host check below then names.
        let olderKey: string | undefined;
        let older: PendingCreate | undefined;
        for (const k of olderKeys) {
          older = await readOrDamaged(this.path(k), k);
          olderKey = k;
          if (older) break;
        }
        if (!older) {
          olderKey = await this.olderKeyElsewhere(key);
          older = olderKey === undefined ? undefined : await readOrDamaged(this.path(olderKey), olderKey);
        }
        if (older && olderKey !== undefined) {
          // Its note that the server answered otherwise, if any, was left beside it: it moves with
          // it, so that every later run reads it (review 179).
          const besideIt = join(this.locks, `${olderKey}.answered`);
          const note = await readStateText(besideIt).catch(() => undefined);
          if (note !== undefined && besideIt !== marker) {
            await writeAtomic(marker, note);
            await this.forget(besideIt);
          }
          record = { ...older, key };
          await writeAtomic(path, `${JSON.stringify(record, null, 2)}\n`);
          await this.forget(this.path(olderKey));
        }
      }
      let markedAt = marker;
      let marked = await readAnswered(marker);
      for (const m of olderMarkers) {
        if (marked) break;
        marked = await readAnswered(m);
        markedAt = m;
      }
      // Left by a run through another host: the same server by another name, or another server
      // (the same create there); which, no name tells. Resumed (or restarted) only through it.
      const foreign = (host: string | undefined): host is string =>
        host !== undefined && serverKey(host) !== serverKey(meaning.host);
      const left = [
        ...(record && foreign(record.meaning.host)
          ? [
              `the record of a run through ${record.meaning.host} that stopped before it knew the outcome (started ${record.startedAt}; ${path})`,
            ]
          : []),
        ...(marked && foreign(marked.host)
          ? [`the note that a run through ${marked.host} was answered otherwise (${markedAt})`]
          : []),
      ];
      if (left.length > 0)
        throw new StoppedError(
          `An earlier run of this command through another base URL left ${left.join(", and ")}; this run goes through ${meaning.host}. Nothing was sent. ${
            checkHow === undefined
              ? "If that base URL names this server, run the command through it (it reads back first; with --restart it sends again all the same). If it is another server, check what that run made there, and run the command there with --restart."
              : `That write cannot be read back: ${checkHow} on the server that base URL names. If it landed there, delete that record; if not, run the command through that base URL with --restart to send it.`
          }`,
        );
      if (options.restart) {
        for (const m of [marker, ...olderMarkers])
          if (await this.forget(m))
            options.say(`Forgot that an earlier run's write was answered otherwise (${m}).`);
        for (const p of [path, ...olderKeys.map((k) => this.path(k))])
          if (await this.forget(p)) options.say(`Forgot the record of an interrupted create (${p}).`);
        record = undefined;
      }
      const answer = options.restart ? undefined : (marked?.said ?? record?.answered);
      // (What the server answered, quoted at most 300 characters long: the advice comes after it.)
      const said = answer !== undefined && answer.length > 300 ? `${answer.slice(0, 300)}…` : answer;
      if (said !== undefined)
        throw new StoppedError(
          `An earlier run of this command was answered by the server, but not as asked (${said}): the server took that write, in a form that reading back by what was sent cannot find. Nothing was sent. Check what the server holds; to send it again all the same, run the same command with --restart (${marked?.said === answer ? markedAt : path}).`,
        );
      // What earlier runs of a write the server applies each time sent (see `repeat`): a run that
      // finished, or one that stopped before its answer (its record deleted since, or never
      // saved), is a repeat. --restart forgets only the second kind: a note "sending" goes back to
      // the note it replaced (a finished run's, when it was sent as a repeat), or goes.
      const sentNote = join(this.locks, `${key}.sent`);
      let sent = options.repeat ? await readSent(sentNote) : undefined;
      if (sent?.sending && options.restart) {
        if (sent.after === undefined) await this.forget(sentNote);
        else await writeAtomic(sentNote, `${JSON.stringify(sent.after)}\n`);
        options.say(`Forgot the note of an interrupted send (${sentNote}).`);
        sent = sent.after === undefined ? undefined : await readSent(sentNote);
      }
      const refused = Boolean(sent && options.repeat && !options.repeat.allowed);
      // A finished run's note first: its write landed, whatever record a run stopped after it left.
      if (refused && sent && !sent.sending)
        throw new RepeatError(
          `An earlier run of this command ${options.repeat?.done} (${sent.said}; its note: ${sentNote}). Nothing was sent. To send it again all the same, pass --allow-repeat.`,
        );
      if (record && options.unreadable !== undefined)
        throw new StoppedError(
          `An earlier run of this command stopped before it knew whether its write landed (started ${record.startedAt}; its record: ${path}), and that write cannot be read back. Nothing was sent. ${options.unreadable}: if it landed, delete that record to go on without sending it again; if not, run the same command with --restart to send it.`,
        );
      if (refused && sent)
        throw new RepeatError(
          `An earlier run of this command sent this write and stopped before it knew whether it landed (${sent.said}; its note: ${sentNote}). Nothing was sent. ${options.unreadable ?? "Check what the server holds"}: if it landed, nothing more is needed (later runs are refused the same way); if it did not, run the same command with --restart to send it.${sent.after === undefined ? "" : " That run was itself a repeat (--allow-repeat): the first copy is there already, so count the copies."}`,
        );
      // Noted before anything can leave, keeping the note it replaces (put back if the write
      // surely did not land, or by --restart) as an object (its size grows by one note a level).
      // A note there that cannot be read is kept as a finished run's: it may have been one.
      const sentBefore = sent ? (sent.fields ?? sentNoteFields("done", meaning.host)) : undefined;
      const noteSent = (state: "sending" | "done") =>
        writeAtomic(
          sentNote,
          `${JSON.stringify(sentNoteFields(state, meaning.host, state === "sending" ? sentBefore : undefined))}\n`,
        );
      if (options.repeat) await noteSent("sending");
      if (record)
        options.say(
          `An earlier run of this command stopped before it knew the outcome (started ${record.startedAt}): reading back before sending anything.`,
        );
      const resumed = record !== undefined;
      const now = new Date().toISOString();
      record ??= { version: 1, key, meaning, startedAt: now, updatedAt: now, createStarted: false };
      const current = record;
      let saved = resumed;
      const save = async () => {
        current.updatedAt = new Date().toISOString();
        await writeAtomic(path, `${JSON.stringify(current, null, 2)}\n`);
        saved = true;
      };
      // Where the fact that the server answered otherwise was kept (the marker, else the
      // record), or why it could not be: never thrown, so that the read-back still runs.
      let kept: string | undefined;
      let unkept: string | undefined;
      const answered = async (problem: string) => {
        if (kept !== undefined) return;
        try {
          await writeAtomic(
            marker,
            `${JSON.stringify({ answered: problem, at: new Date().toISOString(), host: meaning.host })}\n`,
          );
          kept = marker;
        } catch (error) {
          unkept = (error as { code?: string }).code ?? String(error);
          current.answered = problem;
          kept = await save().then(
            () => path,
            () => undefined,
          );
        }
      };
      let result: T;
      try {
        result = await work({ record: current, resumed, save, answered });
      } catch (error) {
        // A resumed run keeps its record on any failure: what failed may have been only a read
        // (a mistyped --order, a bad key), which says nothing about the interrupted write.
        if (answeredOtherwise(error)) {
          // Taken in a form a read-back cannot find: no later run may send it again.
          await answered((error as Error).message);
          options.say(
            kept === undefined
              ? `That could not be recorded (${unkept}): do not run this command again before checking what the server holds.`
              : `Every later run of this command with this ${kept === marker ? "state" : "journal"} directory stops (${kept}), so that this write is not sent again. Check what the server holds; --restart sends it again all the same.`,
          );
          if (kept !== undefined) markRecordKept(error, kept);
        } else if (
          saved &&
          (resumed || !definitelyNotCreated(error)) &&
          !(error instanceof CreateConflictError)
        ) {
          options.say(
            stopsNext === undefined
              ? `The record of this write is kept (${path}): run the same command again to read back and send it only if it did not land, or pass --restart to forget it.`
              : `The record of this write is kept (${path}): ${stopsNextOf(sentBefore !== undefined)}.`,
          );
          markRecordKept(error, path);
        } else {
          await this.forget(path).catch(() => undefined);
          if (options.repeat && (!saved || definitelyNotCreated(error)))
            await (sentBefore === undefined
              ? this.forget(sentNote)
              : writeAtomic(sentNote, `${JSON.stringify(sentBefore)}\n`)
            ).catch(() => undefined);
        }
        throw error;
      }
      // Completed as soon as it is answered, before the result is shown (a run that dies showing
      // it leaves a finished run's note). Left "sending" if that cannot be written: a later run
      // is refused all the same.
      if (options.repeat) await noteSent("done").catch(() => undefined);
      await deliver(result);
      // Answered otherwise, then found by reading back (a server whose filter matches the form
      // it keeps): the outcome is known, and nothing stops a later run. The marker goes first: a
      // run killed between the two leaves the record, whose next run reads back (and finds it).
      if (kept === marker) await this.forget(marker);
      await this.forget(path);
      return result;
    };
    await lock.acquire(options.what);
    return whileLocked(
      lock,
      async () => {
        if (exact === key) return body();
        // The version before locked this create by its reference as typed: a run of it going on
        // now holds that lock (review 179), and this one is refused as by its own.
        const asTyped = new FileLock(join(this.locks, `${exact}.lock`));
        await asTyped.acquire(options.what);
        try {
          return await body();
        } finally {
          await asTyped.release().catch(() => undefined);
        }
      },
      stopsNext === undefined
        ? "Run the same command again: it reads back before it creates anything."
        : `What it sent may have landed: ${stopsNext}.`,
    );
  }

  /**
   * The key of a record an older version left for this create through another host (keyed with
   * that host), or with its reference spelt otherwise (keyed as typed), found by the meaning it
   * holds; undefined when there is none.
   */
  private async olderKeyElsewhere(key: string): Promise<string | undefined> {
    let names: string[];
    try {
      names = (await readdir(this.dir)).filter((n) => n.endsWith(".json"));
    } catch {
      return undefined;
    }
    for (const name of names) {
      let held: { key?: unknown; meaning?: unknown };
      try {
        held = JSON.parse(await readStateText(join(this.dir, name)));
      } catch {
        continue; // damaged or not a file: found (and named) only under its own key
      }
      const meaning = held.meaning;
      if (
        isObject(meaning) &&
        typeof meaning.command === "string" &&
        typeof meaning.host === "string" &&
        typeof held.key === "string" &&
        name === `${held.key}.json` &&
        (held.key === PendingCreates.keyOf(meaning as CreateMeaning) ||
          held.key === PendingCreates.exactKeyOf(meaning as CreateMeaning)) &&
        PendingCreates.lockKeyOf(meaning as CreateMeaning) === key
      )
        return held.key;
    }
    return undefined;
  }

  /** Removes a record; true when there was one. A record that cannot be removed is damaged. */
  private async forget(path: string): Promise<boolean> {
    try {
      await rm(path);
      return true;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === "ENOENT") return false;
      throw damagedRecord(path, `it cannot be removed (${code ?? String(error)})`);
    }
  }

  private async read(path: string, key: string, snapshot: boolean): Promise<PendingCreate | undefined> {
    return (await readRecord(
      path,
      (value) => recordProblems(value, key, snapshot),
      (why) => damagedRecord(path, why),
    )) as PendingCreate | undefined;
  }
}

/**
 * A note orderkit leaves beside a lock, as JSON: its fields, or why it cannot be read, as a
 * predicate ("is damaged": a note that is there but unreadable, damaged or not a file), or
 * undefined when there is none. Never hangs on
 * a FIFO in its place (read as a lock is).
 */
async function readNote(path: string): Promise<Record<string, unknown> | string | undefined> {
  let text: string;
  try {
    text = await readStateText(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    // Absent, unless something stands in its place (a dangling link).
    if (code === "ENOENT" && !(await lstat(path).catch(() => undefined))) return undefined;
    stopIfNotPermitted(error, path);
    return `cannot be read (${code ?? String(error)})`;
  }
  try {
    const fields = JSON.parse(text) as unknown;
    if (isObject(fields)) return fields;
  } catch {}
  return "is damaged";
}

/**
 * What the run that left `marker` said of the answer, and the API host it went through when the
 * marker says (undefined when there is no marker).
 */
async function readAnswered(marker: string): Promise<{ said: string; host?: string } | undefined> {
  const note = await readNote(marker);
  if (note === undefined) return undefined;
  if (typeof note === "string") return { said: `its record ${marker} ${note}` };
  const { answered: said, host } = note;
  return {
    said: typeof said === "string" ? said : "its record says no more",
    ...(typeof host === "string" ? { host } : {}),
  };
}

/** A note of a send (see `repeat`): its state, when, through which host, and the note it replaced. */
function sentNoteFields(state: "sending" | "done", host: string, after?: object): Record<string, unknown> {
  return { state, at: new Date().toISOString(), host, ...(after === undefined ? {} : { after }) };
}

/**
 * What the note of an earlier run's send says (see `repeat`): whether it was still being sent,
 * when and through which host, the note it replaced (`after`), and its fields as read, or
 * undefined when there is none. A note that cannot be read or is damaged says a run finished: it
 * refuses the repeat, and --restart does not forget it.
 */
async function readSent(path: string): Promise<
  | {
      sending: boolean;
      said: string;
      after?: Record<string, unknown> | undefined;
      fields?: Record<string, unknown>;
    }
  | undefined
> {
  const note = await readNote(path);
  if (note === undefined) return undefined;
  if (typeof note === "string") return { sending: false, said: `its note ${note}` };
  const { state, at, host, after } = note;
  if (
    typeof at !== "string" ||
    (state !== "sending" && state !== "done") ||
    !(after === undefined || isObject(after))
  )
    return { sending: false, said: "its note is damaged" };
  return {
    sending: state === "sending",
    said: typeof host === "string" ? `at ${at}, through ${host}` : `at ${at}`,
    after,
    fields: note,
  };
}

function damagedRecord(path: string, why: string): LedgerError {
  return new LedgerError(
    `The record of an interrupted write ${path} is damaged: ${why}. Nothing was sent. The interrupted run may have sent its write (made the order or the line): check what the server holds first. To forget the record, re-run with --restart (remove the path by hand if it is not a file).`,
  );
}

/**
 * The pending creates recorded in `--journal-dir`, else in the state directory as for `orderkit
 * send`; their locks always in the state directory (as the order locks are: see order-lock.ts).
 */
export function pendingCreates(journalDir: string | undefined): PendingCreates {
  return new PendingCreates(stateDir(journalDir), stateDir(undefined));
}

/** Whether a run could have written `host`: an http(s) URL (what `normalizeHost` makes of a base URL). */
function isRunHost(host: string): boolean {
  try {
    return /^https?:$/.test(new URL(host).protocol);
  } catch {
    return false;
  }
}

/**
 * The fields of a meaning that the client compares in a folded form (a Commerce Layer reference,
 * see `clSameReference`): keyed in that form, so that two runs spelling one reference `R1` and
 * `r1` take one lock, and a note that one was answered otherwise stops the other. (A SKU the
 * client compares exactly, and so does this key: `ABC` and `abc` are two SKUs.)
 */
const FOLDED = ["reference"] as const;

/** 128 bits of SHA-256 over the canonical JSON of `meaning` (keys sorted). */
function digestOf(meaning: object): string {
  const canonical = JSON.stringify(Object.entries(meaning).sort(([a], [b]) => (a < b ? -1 : 1)));
  return hex128(canonical);
}
