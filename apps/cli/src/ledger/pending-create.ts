import { createHash } from "node:crypto";
import { mkdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { mayHaveApplied } from "@orderkit/client";
import { writeAtomic } from "./atomic.js";
import { LedgerError } from "./entry.js";
import { FileLock, whileLocked } from "./lock.js";
import { stateDir } from "./state-dir.js";

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
}

/** What a create's work gets: its record, whether an earlier run left it, and how to save it. */
export interface PendingRun {
  record: PendingCreate;
  /** An earlier run of this create stopped after sending it, outcome unknown: read back first. */
  resumed: boolean;
  save: () => Promise<void>;
}

const isIds = (v: unknown) =>
  Array.isArray(v) && v.every((x) => typeof x === "number" && Number.isSafeInteger(x) && x > 0);

/** The fields of `value` that do not match a record of `key` (empty when it is valid). */
function recordProblems(value: unknown, key: string): string[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return ["not a JSON object"];
  const v = value as Record<string, unknown>;
  const meaning = v.meaning as Record<string, unknown> | null | undefined;
  const checks: [string, boolean][] = [
    ["version", v.version === 1],
    ["key", v.key === key],
    ["meaning", typeof meaning === "object" && meaning !== null && typeof meaning.host === "string"],
    ["startedAt", typeof v.startedAt === "string"],
    ["updatedAt", typeof v.updatedAt === "string"],
    ["createStarted", typeof v.createStarted === "boolean"],
    ["draftsBefore", v.draftsBefore === undefined || isIds(v.draftsBefore)],
  ];
  return checks.filter(([, ok]) => !ok).map(([field]) => field);
}

/**
 * True when a failed create is known not to have made an order (the server refused it, or it was
 * never sent). Anything else (no answer, a 5xx, an ambiguous read-back, an abort, an error of
 * ours after sending) leaves the record, so that the next run reads back before creating.
 */
function definitelyNotCreated(error: unknown): boolean {
  const kind = (error as { kind?: unknown } | null)?.kind;
  if (typeof kind !== "string" || typeof (error as { toJSON?: unknown }).toJSON !== "function") return false;
  return !mayHaveApplied(error) && kind !== "ambiguous_write" && kind !== "aborted";
}

/**
 * Single-shot creates in flight, one file per meaning under `<state dir>/creates/`, each run of a
 * meaning under its lock: a second process running the same create waits for nothing and is
 * refused (exit 4), a re-run after a stopped one resumes it (reads back first), and `--restart`
 * forgets it.
 */
export class PendingCreates {
  readonly dir: string;

  constructor(stateDir: string) {
    this.dir = join(stateDir, "creates");
  }

  /** The record key of a meaning (128 bits of SHA-256 over its canonical JSON, keys sorted). */
  static keyOf(meaning: CreateMeaning): string {
    const canonical = JSON.stringify(Object.entries(meaning).sort(([a], [b]) => (a < b ? -1 : 1)));
    return createHash("sha256").update(canonical).digest("hex").slice(0, 32);
  }

  path(key: string): string {
    return join(this.dir, `${key}.json`);
  }

  /**
   * Runs one create of `meaning` under its lock. `work` must call `save()` after setting
   * `record.createStarted` and before sending. The record is removed when `work` succeeds or fails
   * in a way that made no order; kept (and the user told) otherwise.
   */
  async run<T>(
    meaning: CreateMeaning,
    options: { restart: boolean; what: string; say: (m: string) => void },
    work: (run: PendingRun) => Promise<T>,
  ): Promise<T> {
    const key = PendingCreates.keyOf(meaning);
    const path = this.path(key);
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const lock = new FileLock(join(this.dir, `${key}.lock`));
    await lock.acquire(options.what);
    return whileLocked(lock, async () => {
      let record = options.restart ? undefined : await this.read(path, key);
      if (
        options.restart &&
        (await rm(path).then(
          () => true,
          () => false,
        ))
      )
        options.say(`Forgot the record of an interrupted create (${path}); creating a new order.`);
      const resumed = record?.createStarted === true;
      if (record && resumed)
        options.say(
          `An earlier run of this create stopped before it knew the outcome (started ${record.startedAt}): reading back before creating.`,
        );
      const now = new Date().toISOString();
      record ??= { version: 1, key, meaning, startedAt: now, updatedAt: now, createStarted: false };
      const current = record;
      let saved = resumed;
      const save = async () => {
        current.updatedAt = new Date().toISOString();
        await writeAtomic(path, `${JSON.stringify(current, null, 2)}\n`);
        saved = true;
      };
      try {
        const result = await work({ record: current, resumed, save });
        await rm(path, { force: true });
        return result;
      } catch (error) {
        if (saved && !definitelyNotCreated(error)) {
          options.say(
            `The record of this create is kept (${path}): run the same command again to read back and create only if no order appeared, or pass --restart to forget it.`,
          );
        } else await rm(path, { force: true });
        throw error;
      }
    });
  }

  private async read(path: string, key: string): Promise<PendingCreate | undefined> {
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch (error) {
      if ((error as { code?: string }).code === "ENOENT") return undefined;
      throw error;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = undefined;
    }
    const problems =
      value === undefined ? ["not valid JSON (truncated or edited?)"] : recordProblems(value, key);
    if (problems.length > 0)
      throw new LedgerError(
        `The record of an interrupted create ${path} is damaged (${problems.join(", ")}). Nothing was sent. The interrupted run may have made an order: check your recent orders first. To forget the record and create a new order, re-run with --restart.`,
      );
    return value as PendingCreate;
  }
}

/** The pending creates of the state directory (`--journal-dir`, else as for `orderkit send`). */
export function pendingCreates(journalDir: string | undefined): PendingCreates {
  return new PendingCreates(stateDir(journalDir));
}
