import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { lstat, mkdir, readdir, realpath, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, resolve } from "node:path";
import { NotPermittedError, UsageError } from "../errors.js";
import { writeAtomic } from "./atomic.js";
import { readCheckedHashes, sortedHashes, writeCheckedHashes } from "./checked-hashes.js";
import { hex128 } from "./digest.js";
import {
  type DamagedNames,
  type LedgerEntry,
  namedIn,
  readEntry,
  type SendMeaning,
  writeEntry,
} from "./entry.js";
import { FileLock, letGo } from "./lock.js";
import { sendOrdersDir } from "./send-orders.js";
import { makeStateDir, shellQuoted, stopIfNotPermitted } from "./state-dir.js";
import { readStateBytes, readStateText } from "./state-file.js";

/**
 * A send recorded in the ledger (active or archived), found by its recipients file. `entry` is
 * undefined when its entry file is missing or damaged: such a send still counts for repeat checks.
 */
export interface RecordedSend {
  entry: LedgerEntry | undefined;
  /** Why `entry` is undefined. */
  problem: "missing" | "damaged" | undefined;
  archived: boolean;
  /** Recorded in another ledger (another `--journal-dir`, or the default one). */
  foreign: boolean;
  entryPath: string;
  recipientsPath: string;
  /** Today's hashes of a send orderkit 0.1.0 began and this version took over (see `Ledger.writeFolded`). */
  foldedPath: string;
  /** What a damaged entry's text still names: its order (which it may have mailed), API and template. */
  damagedNames?: DamagedNames | undefined;
}

/**
 * The per-user ledger of sends (`<state dir>/sends/`): one entry per meaning (`<key>.json`), the
 * sorted recipient hashes of each (`<key>.recipients`), a lock per entry held for the whole run,
 * and a short registry lock under which a new send checks for repeats and registers itself.
 * `--restart` moves an entry to `archive/`, where repeat checks still see it.
 *
 * `--journal-dir` puts a send's ledger elsewhere, but one user's ledgers are one record: the
 * registry lock is always the user's state directory's (`home`), each journal used is remembered
 * there (`<home>/journals/`), and repeat checks read every ledger so remembered.
 *
 * Every send registered in any ledger also leaves a registration in the user's state directory
 * (`<home>/registered/<ledger id>.<key>.<stamp>`), one per copy of it the ledger holds (active or
 * archived). Every repeat check requires them all: a send deleted by hand, a ledger restored from
 * an older copy, a journal relinked to another one or forgotten with the list of journals stops
 * every send instead of letting its recipients be paid for twice.
 */
export class Ledger {
  /** This ledger's directory (`--journal-dir`, else the user's state directory). */
  readonly dir: string;
  readonly sends: string;
  readonly archive: string;
  /** The user's state directory (where the registry lock and the list of journals live). */
  readonly home: string;
  /** Whether this process holds the registry lock (see {@link withRegistry}). */
  private registryHeld = false;
  /** The registration of this run's own copy of each send (removed again if the send is refused). */
  private readonly enrolled = new Map<string, string>();
  /** The journal record this run made (removed again if its only send is refused). */
  private recordMade: string | undefined;

  constructor(dir: string, home: string = dir) {
    this.dir = resolve(dir);
    this.home = resolve(home);
    this.sends = join(this.dir, "sends");
    this.archive = join(this.sends, "archive");
  }

  /**
   * Checked before this run touches its ledger: a journal the user's state directory remembers
   * must still hold its sends (the mark its `sends/` got when its first send registered). One that
   * is gone or was replaced (deleted, moved, unmounted, a link repointed) stops the run, naming
   * its record, before anything here recreates it empty and the same list is sent again.
   */
  async checkOpen(): Promise<void> {
    if (this.dir === this.home) return;
    if (await this.movedHere()) await this.withRegistry(() => this.followMove());
    const places = new Set([await realPath(this.dir), this.dir]);
    for (const { record, dir } of await this.records())
      if (dir !== undefined && places.has(dir)) await requireMark(dir, record);
  }

  /**
   * The user's journal records, and the place each names. `read` decides what a record that
   * cannot be read is: by default it names none; the repeat check ({@link ledgers}) stops on it.
   */
  private async records(
    read: (record: string) => Promise<string | undefined> = (record) =>
      readStateText(record).catch((error) => {
        stopIfNotPermitted(error, record);
        return undefined;
      }),
  ): Promise<{ record: string; name: string; dir: string | undefined }[]> {
    const journals = join(this.home, "journals");
    const found = [];
    for (const name of await listDir(journals, undefined)) {
      const record = join(journals, name);
      found.push({ record, name, dir: await read(record) });
    }
    return found;
  }

  /**
   * The record of a journal moved here, if this is one: this ledger's mark names the record it
   * was remembered under, that record names another place which no longer holds a ledger, and no
   * record names this one (a copy whose original is gone has its own record: its original's
   * record stays, and stops the run as a journal gone). Pointing the record here keeps every
   * registration it carries: a send the move lost still stops the run, as missing from here.
   */
  private async movedHere(): Promise<string | undefined> {
    const id = await markedId(join(this.sends, LEDGER_MARK));
    if (id === undefined) return undefined;
    const record = join(this.home, "journals", id);
    const named = await readStateText(record).catch((error) => {
      stopIfNotPermitted(error, record);
      return undefined;
    });
    const real = await realPath(this.dir);
    if (named === undefined || !isAbsolute(named) || (await realPath(named)) === real) return undefined;
    if (await holdsLedger(named)) return undefined;
    return (await this.idsOf(real)).length === 0 ? record : undefined;
  }

  /** Points the record of a journal moved here (see {@link movedHere}) at this place, under the registry lock. */
  private async followMove(): Promise<void> {
    const record = await this.movedHere();
    if (record === undefined) return;
    await writeAtomic(record, await realPath(this.dir));
  }

  /**
   * Remembers this ledger among the user's journals, when a send registers in it (under the
   * registry lock, before its entry is written): its `sends/` gets a mark, and the user's state
   * directory a record naming its real path (a link repointed later does not hide it). A journal
   * whose sends were all refused is never remembered, so deleting it blocks nothing.
   */
  async remember(): Promise<void> {
    if (this.dir === this.home) return;
    await mkdir(this.sends, { recursive: true, mode: 0o700 });
    const real = await realPath(this.dir);
    // Remembered already: by its own record, or by the record that followed it here (a move).
    const remembered = (await this.idsOf(real)).filter((id) => id !== HOME_ID);
    const own = basename(this.recordPath(real));
    let record: string | undefined;
    if (remembered.length === 0) {
      // A journal made where one that moved away was (its record followed it) gets a record of its own.
      record = this.recordPath(real);
      for (let n = 1; existsSync(record); n++) record = this.recordPath(`${real}\n${n}`);
    }
    const id = record ? basename(record) : remembered.includes(own) ? own : (remembered[0] as string);
    // The mark names the record this journal is remembered under, so that a move is followed (a
    // copy's mark, naming its original's record, is made its own once the copy has a record).
    const mark = join(this.sends, LEDGER_MARK);
    const marked = await markedId(mark);
    if (marked === undefined || !(remembered.includes(marked) || marked === id))
      await writeAtomic(mark, `${MARK_LINE}${id}\n`);
    if (record === undefined) return;
    await mkdir(join(this.home, "journals"), { recursive: true, mode: 0o700 });
    await writeAtomic(record, real);
    this.recordMade = record;
  }

  /**
   * Registers the send `key` of this ledger in the user's state directory, once its entry and
   * recipients file are written: as many registrations as this ledger holds copies of it (active
   * and archived), so a new send adds one, and a send registered by an older version, or by a run
   * killed before its registration, gets its own. Needs only the send's own lock: another send's
   * check reads the registrations before the ledgers, and the files exist before these do. (Every
   * other send held beyond its registrations is registered by the next check under the registry
   * lock: see {@link recorded}.)
   */
  async enrol(key: string, source: string): Promise<void> {
    const real = await realPath(this.dir);
    const short = async () => {
      const ids = await this.idsOf(real);
      const registered = (await this.registrations()).filter((r) => r.key === key && ids.includes(r.id));
      const held = (await this.heldIn(real)).get(key) ?? 0;
      const id = await this.idFor(real, ids);
      return id === undefined || held <= registered.length ? undefined : { id, n: held - registered.length };
    };
    if (!this.registryHeld) {
      // A re-run of a registered send takes no lock. One never registered (an older version's, a
      // run killed before its registration) is, with every other such copy, by a check under the
      // registry lock (which also stops the run if a registered send was lost meanwhile).
      if ((await short()) !== undefined) await this.withRegistry(() => this.recorded(key));
      return;
    }
    const missing = await short();
    if (!missing) return;
    const made = await this.register(missing.id, key, missing.n, this.dir, source);
    // The newest is this run's own copy: the one a refusal takes back (see forget).
    this.enrolled.set(key, made.at(-1) as string);
  }

  /** Writes `n` registrations of the send `key` in the ledger `id` (at `ledger`, from `source`). */
  private async register(
    id: string,
    key: string,
    n: number,
    ledger: string,
    source: string,
  ): Promise<string[]> {
    const dir = join(this.home, "registered");
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const note = `${JSON.stringify({ ledger, key, registeredAt: new Date().toISOString(), source })}\n`;
    const made: string[] = [];
    for (let i = 0; i < n; i++) {
      const path = join(dir, `${id}.${key}.${stampNow()}`);
      await writeFile(path, note, { flag: "wx", mode: 0o600 });
      made.push(path);
    }
    return made;
  }

  /**
   * The id new registrations of the ledger at real path `real` carry: `home` for the user's own,
   * else the record of its real path, else another record naming it (none: not remembered yet).
   */
  private async idFor(real: string, ids: string[]): Promise<string | undefined> {
    if (ids.includes(HOME_ID)) return HOME_ID;
    const own = basename(this.recordPath(real));
    return ids.includes(own) ? own : ids[0];
  }

  /** The ids the ledger at real path `real` is registered under: `home`, and its journal records. */
  private async idsOf(real: string): Promise<string[]> {
    const ids = real === (await realPath(this.home)) ? [HOME_ID] : [];
    for (const { name, dir } of await this.records())
      if (RECORD.test(name) && dir !== undefined && isAbsolute(dir) && (await realPath(dir)) === real)
        ids.push(name);
    return ids;
  }

  /** How many copies of each send the ledger at `dir` holds (active, and each archived one). */
  private async heldIn(dir: string): Promise<Map<string, number>> {
    const held = new Map<string, number>();
    const sends = join(dir, "sends");
    for (const [list, archived] of [
      [sends, false],
      [join(sends, "archive"), true],
    ] as const)
      for (const stem of new Set((await listDir(list, undefined)).map(stemOf)))
        if (stem !== undefined) countCopy(held, stem, archived);
    return held;
  }

  /** Every registration in the user's state directory (a damaged name is no registration). */
  private async registrations(): Promise<Registration[]> {
    const dir = join(this.home, "registered");
    const found: Registration[] = [];
    for (const name of (await listDir(dir, undefined)).sort()) {
      const m = REGISTRATION.exec(name);
      if (m) found.push({ id: m[1] as string, key: m[2] as string, name });
    }
    return found;
  }

  /** Where the user's state directory records the journal at `dir`. */
  private recordPath(dir: string): string {
    return join(this.home, "journals", hex128(dir));
  }

  /**
   * Every ledger directory of the user, each once by its real path (a journal reached through a
   * symlink, or spelled two ways, is one): this one first, the user's own, and each journal
   * remembered (with its record). A remembered journal that cannot be read, or no longer holds
   * its sends, stops the run: its sends would otherwise go unseen by the repeat check.
   */
  async ledgers(): Promise<{ dir: string; record?: string; ids: string[] }[]> {
    const ids = new Map<string, string[]>([[await realPath(this.home), [HOME_ID]]]);
    const found = new Map<string, string | undefined>([
      [await realPath(this.dir), undefined],
      [await realPath(this.home), undefined],
    ]);
    const strict = (record: string) => readStateText(record).catch(unlessMissing(record, undefined, record));
    for (const { record, name, dir } of await this.records(strict)) {
      if (dir === undefined) continue;
      if (!isAbsolute(dir))
        throw new UsageError(
          `The journal record ${record} is damaged (it names no absolute path): the sends of that journal cannot be checked for repeats. Nothing was sent. Delete ${goneForGood(record)} if that journal's sends are gone for good.`,
        );
      await requireMark(dir, record);
      const real = await realPath(dir);
      if (!found.has(real)) found.set(real, record);
      if (RECORD.test(name)) ids.set(real, [...(ids.get(real) ?? []), name]);
    }
    return [...found].map(([dir, record]) => ({ dir, record, ids: ids.get(dir) ?? [] }));
  }

  /** The entry key of a meaning (128 bits of SHA-256 over its canonical JSON). */
  static keyOf(meaning: SendMeaning): string {
    const canonical = JSON.stringify([
      meaning.host,
      meaning.templateId,
      meaning.postage,
      meaning.production,
      meaning.holdUntil,
      meaning.recipientsDigest,
    ]);
    return hex128(canonical);
  }

  entryPath(key: string): string {
    return join(this.sends, `${key}.json`);
  }

  recipientsPath(key: string): string {
    return join(this.sends, `${key}.recipients`);
  }

  /** Today's hashes of the people of a send orderkit 0.1.0 began, beside its own (see `writeFolded`). */
  foldedPath(key: string): string {
    return join(this.sends, `${key}.folded`);
  }

  /**
   * Who LettrLabs refused of a send on its order (sorted hashes, checked against the send and
   * the order), beside its entry: a resumed pass takes only these people, missing from the order,
   * for those refused (see `writeRefused`).
   */
  refusedPath(key: string): string {
    return join(this.sends, `${key}.refused`);
  }

  /**
   * Stores who LettrLabs refused of send `key` on order `orderId` (`sorted`: the people its
   * replies named); none named removes the file. The entry's `rejectedUnnamed` says how many
   * more it refused without naming them, and that this file is kept.
   */
  async writeRefused(key: string, orderId: number, sorted: Float64Array): Promise<void> {
    const path = this.refusedPath(key);
    if (sorted.length > 0) return writeCheckedHashes(path, sorted, refusedContext(key, orderId));
    // A directory left there reads as damaged (counts decide) until a pass names someone refused:
    // that write stops the send, naming the `rm -r` to run.
    await rm(path, { force: true }).catch((error) => stopIfNotPermitted(error, path));
  }

  /** The people {@link writeRefused} stored for send `key` on order `orderId`; undefined when missing or damaged. */
  readRefused(key: string, orderId: number): Promise<Float64Array | undefined> {
    return readCheckedHashes(this.refusedPath(key), refusedContext(key, orderId));
  }

  /**
   * Stores, beside a send orderkit 0.1.0 began and this version goes on with, its people as this
   * version hashes them (`sorted`): its recipients file holds 0.1.0's hashes (its entry's key is
   * their digest), which do not tell a name spelled otherwise in another list.
   */
  writeFolded(key: string, sorted: Float64Array): Promise<void> {
    return writeCheckedHashes(this.foldedPath(key), sorted, foldedContext(key));
  }

  /**
   * The lock held while a send of this meaning runs, taken once every directory a send of this
   * ledger writes in is made and found writable (see {@link makeDirs}).
   */
  async lockEntry(key: string): Promise<FileLock> {
    await this.makeDirs();
    const lock = new FileLock(join(this.sends, `${key}.lock`));
    await lock.acquire("This send (the same recipients, template and options)");
    return lock;
  }

  /**
   * Makes every directory a send of this ledger writes in, and checks that this user can write in
   * each: its `sends/`; in the user's state directory, the registry's, the registrations', the
   * send orders' and, for a journal elsewhere, the list of journals. One another user made (a
   * `sudo orderkit`) stops the run here, with exit 2 naming it, before anything is sent: never
   * once its order is made.
   */
  private async makeDirs(): Promise<void> {
    const dirs: [dir: string, what: string][] = [
      [this.sends, "the send ledger"],
      // Made by the first --restart; until then, nothing is written there.
      ...(existsSync(this.archive)
        ? [[this.archive, "the sends --restart archived"] as [string, string]]
        : []),
      [join(this.home, "registered"), "the registrations of sends"],
      [sendOrdersDir(this.home), "the records of each send's orders"],
    ];
    if (this.dir !== this.home) {
      // The list of journals is made only once a journal is remembered (its absence says none
      // is): until then, the place it will be made in is checked.
      const journals = join(this.home, "journals");
      dirs.push(
        [join(this.home, "sends"), "the registry of sends"],
        existsSync(journals) ? [journals, "the list of journals"] : [this.home, "orderkit's own records"],
      );
    }
    for (const [dir, what] of dirs) await makeStateDir(dir, what);
  }

  /**
   * Runs `work` under the user's registry lock, shared by every journal (waits up to ~10 s for
   * another process's hold, then throws LockedError).
   */
  async withRegistry<T>(work: () => Promise<T>): Promise<T> {
    if (this.registryHeld) return work();
    const dir = join(this.home, "sends");
    await makeStateDir(dir, "the send ledger");
    const lock = new FileLock(join(dir, "registry.lock"));
    await lock.acquireWithin(
      REGISTRY_WAIT_MS,
      "A check of the registry of sends (every send of this user registers there)",
    );
    this.registryHeld = true;
    try {
      return await work();
    } finally {
      this.registryHeld = false;
      await letGo(lock);
    }
  }

  read(key: string): Promise<LedgerEntry | undefined> {
    return readEntry(this.entryPath(key));
  }

  write(entry: LedgerEntry): Promise<void> {
    return writeEntry(this.entryPath(entry.key), entry);
  }

  /** True when the entry's recipients file exists (a registered send). */
  hasRecipients(key: string): boolean {
    return existsSync(this.recipientsPath(key));
  }

  /** Stores the sorted recipient hashes of a send. */
  async writeRecipients(key: string, sorted: Float64Array): Promise<void> {
    await writeAtomic(
      this.recipientsPath(key),
      new Uint8Array(sorted.buffer, sorted.byteOffset, sorted.byteLength),
    );
  }

  /**
   * Deletes an entry and its recipients file (a registration that did nothing, refused), and the
   * registrations this run made for it, first, under the registry lock: a check that read them
   * before finds the send missing only outside the lock, and then checks again under it.
   */
  async forget(key: string): Promise<void> {
    const registration = this.enrolled.get(key);
    if (registration !== undefined) await rm(registration, { force: true });
    this.enrolled.delete(key);
    await rm(this.entryPath(key), { force: true });
    await rm(this.recipientsPath(key), { force: true });
    await rm(this.foldedPath(key), { force: true });
    await rm(this.refusedPath(key), { force: true });
    // A journal this run remembered for this send alone is forgotten too: deleting it blocks nothing.
    if (this.recordMade && (await this.heldIn(this.dir)).size === 0) {
      await rm(this.recordMade, { force: true });
      await rm(join(this.sends, LEDGER_MARK), { force: true });
      this.recordMade = undefined;
    }
  }

  /** Moves an entry (and its recipients) to the archive, where repeat checks still find it. */
  async archiveEntry(key: string): Promise<void> {
    await mkdir(this.archive, { recursive: true, mode: 0o700 });
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    for (const [from, suffix] of [
      [this.entryPath(key), "json"],
      [this.recipientsPath(key), "recipients"],
      [this.foldedPath(key), "folded"],
      [this.refusedPath(key), "refused"],
    ] as const) {
      if (existsSync(from)) await rename(from, join(this.archive, `${key}-${stamp}.${suffix}`));
    }
  }

  /**
   * Every other recorded send (active and archived), by its entry or its recipients file (either
   * may be missing: a run killed while registering, a deleted file), with its entry when that can
   * be read. `exceptKey` (the active entry of the send being run) is left out. A registered send
   * its ledger no longer holds, or a registration of a journal no longer remembered, stops the run
   * (found outside the registry lock, it is checked again under it: a refused send being forgotten
   * in another terminal is no loss). Under the lock, when nothing is lost, every copy held beyond
   * its registrations (an older version's send, a deleted registration) is registered.
   */
  async recorded(exceptKey: string): Promise<RecordedSend[]> {
    // Read before the ledgers: a send's files are written before its registrations, and deleted after.
    const registrations = await this.registrations();
    const found: RecordedSend[] = [];
    const ledgers = await this.ledgers();
    const unaccounted: { dir: string; missing: Registration[] }[] = [];
    /** Copies held beyond their registrations (an older version's sends, a deleted registration). */
    const unregistered: { id: string; key: string; n: number; ledger: string }[] = [];
    for (const { dir: ledger, record, ids } of ledgers) {
      /** How many copies of each send this ledger holds (active, and each archived one). */
      const held = new Map<string, number>();
      const foreign = ledger !== ledgers[0]?.dir;
      const sends = join(ledger, "sends");
      for (const [dir, archived] of [
        [sends, false],
        [join(sends, "archive"), true],
      ] as const) {
        // A ledger whose first send stopped early has none; a dangling link in its place stops the run.
        const stems = new Set((await listDir(dir, record)).map(stemOf));
        for (const stem of stems) {
          if (stem === undefined) continue;
          countCopy(held, stem, archived);
          if (stem === exceptKey && !archived && !foreign) continue;
          const entryPath = join(dir, `${stem}.json`);
          let entry: LedgerEntry | undefined;
          let problem: RecordedSend["problem"];
          let damagedNames: DamagedNames | undefined;
          try {
            entry = await readEntry(entryPath);
            if (!entry) problem = "missing";
          } catch (error) {
            if (error instanceof NotPermittedError) throw error;
            problem = "damaged";
            damagedNames = await readStateText(entryPath).then(namedIn, () => undefined);
          }
          found.push({
            entry,
            problem,
            archived,
            foreign,
            entryPath,
            recipientsPath: join(dir, `${stem}.recipients`),
            foldedPath: join(dir, `${stem}.folded`),
            damagedNames,
          });
        }
      }
      const mine = registrations.filter((r) => ids.includes(r.id));
      const missing = missingFrom(mine, held);
      if (missing.length > 0) unaccounted.push({ dir: ledger, missing });
      const id = await this.idFor(ledger, ids);
      const counted = new Map<string, number>();
      for (const r of mine) counted.set(r.key, (counted.get(r.key) ?? 0) + 1);
      if (id !== undefined)
        for (const [key, n] of held)
          if (n > (counted.get(key) ?? 0))
            unregistered.push({ id, key, n: n - (counted.get(key) ?? 0), ledger });
    }
    const known = new Set(ledgers.flatMap((l) => l.ids));
    const orphans = registrations.filter((r) => !known.has(r.id));
    if (unaccounted.length === 0 && orphans.length === 0) {
      if (this.registryHeld)
        for (const u of unregistered)
          await this.register(u.id, u.key, u.n, u.ledger, "(held before it was registered)");
      return found;
    }
    if (!this.registryHeld) return this.withRegistry(() => this.recorded(exceptKey));
    if (orphans.length > 0) {
      const { id, name } = orphans[0] as Registration;
      const record = join(this.home, "journals", id);
      const journal = await readStateText(join(this.home, "registered", name))
        .then((text) => (JSON.parse(text) as { ledger?: unknown }).ledger)
        .catch(() => undefined);
      const where = typeof journal === "string" ? ` ${journal}` : "";
      const others = new Set(orphans.map((r) => r.id)).size - 1;
      throw new UsageError(
        `Sends were registered in the journal${where}, which the user's state directory no longer remembers (its record ${record} is gone: the list of journals deleted?)${others > 0 ? `, and in ${others} more such journals` : ""}: they cannot be checked for repeats, and their orders may be paid. Nothing was sent. Put the record back (a file holding that journal's real path${where ? `: printf %s ${shellQuoted(journal as string)} > ${shellQuoted(record)}` : ""}), or delete ${shellQuoted(join(this.home, "registered"))}/${id}.* if that journal's sends are gone for good.`,
      );
    }
    throw await this.lostSends(unaccounted[0] as { dir: string; missing: Registration[] });
  }

  /** The stop for registered sends the ledger `dir` no longer holds, naming what to delete. */
  private async lostSends({ dir, missing }: { dir: string; missing: Registration[] }): Promise<UsageError> {
    const paths = missing.map((r) => join(this.home, "registered", r.name));
    const note = await readStateText(paths[0] as string)
      .then((text) => JSON.parse(text) as { ledger?: unknown; source?: unknown })
      .catch(() => ({}) as { ledger?: unknown; source?: unknown });
    const given =
      typeof note.ledger === "string" && note.ledger !== dir ? `${note.ledger} (now ${dir})` : dir;
    const what = typeof note.source === "string" ? ` (a send of ${note.source})` : "";
    let remedy = `delete ${paths.map(shellQuoted).join(" ")}`;
    if (paths.length > 5) {
      const list = join(this.home, "registered-missing.txt");
      await writeAtomic(list, `${paths.join("\n")}\n`);
      const quoted = shellQuoted(list);
      remedy = `delete the ${paths.length} registrations listed in ${list} (tr '\\n' '\\0' < ${quoted} | xargs -0 rm --)`;
    }
    return new UsageError(
      `The send ledger ${given} is missing ${missing.length === 1 ? "a send" : `${missing.length} sends`} registered in it${what}: deleted, restored from an older copy, or its journal relinked to another? Their recipients cannot be checked for repeats, and their orders may be paid. Nothing was sent. Put them back, or ${remedy} if those sends are gone for good.`,
    );
  }
}

/** A path as the file system resolves it (symlinks followed); the absolute path when it does not exist. */
export function realPath(path: string): Promise<string> {
  return realpath(path).catch(() => resolve(path));
}

/**
 * How long a command waits for another process's hold of the registry lock (usually a moment; longer
 * when that process reads an order from the server under it, and then this command stops, exit 4).
 */
const REGISTRY_WAIT_MS = 10_000;

/** The ledger id of the user's own ledger in registrations (a journal's is its record's name). */
const HOME_ID = "home";

/** A journal record's name (a copy of one under another name is read, but carries no registrations). */
const RECORD = /^[0-9a-f]{32}$/;

/** A registration's name: `<ledger id>.<key>.<stamp>`. */
const REGISTRATION = /^(home|[0-9a-f]{32})\.([0-9a-f]{32})\.[0-9a-z]+$/;

/** A registration of a send: its ledger's id, the send's key, and its file's name. */
interface Registration {
  id: string;
  key: string;
  name: string;
}

/** A unique, time-ordered suffix of a registration's name. */
const stampNow = () => `${Date.now().toString(36).padStart(9, "0")}${Math.random().toString(36).slice(2, 8)}`;

/** The send a ledger file belongs to (`<stem>.json` or `<stem>.recipients`); undefined for others. */
const stemOf = (name: string) => /^(.+)\.(recipients|json)$/.exec(name)?.[1];

/** What a send's refused people are checked against: the send and its order. */
const refusedContext = (key: string, orderId: number) => JSON.stringify(["refused", key, orderId]);

/** What a send's folded hashes are checked against: the send (an archived copy keeps its key). */
export const foldedContext = (key: string) => `today's hashes of send ${key}`;

/** The key of the send a file stem names (an archived copy's stem ends in its stamp). */
export const keyOfStem = (stem: string) => stem.slice(0, 32);

/** Counts one copy of the send whose file stem is `stem` (an archived copy's ends in its stamp). */
function countCopy(held: Map<string, number>, stem: string, archived: boolean): void {
  const key = archived ? keyOfStem(stem) : stem;
  held.set(key, (held.get(key) ?? 0) + 1);
}

/**
 * The registrations (oldest first) a ledger holding `held` copies of each send cannot account
 * for: of each key, the newest beyond the number of copies held.
 */
function missingFrom(registrations: Registration[], held: Map<string, number>): Registration[] {
  const byKey = new Map<string, Registration[]>();
  for (const r of registrations) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
  return [...byKey].flatMap(([key, all]) => all.slice(held.get(key) ?? 0));
}

/** What marks a remembered journal's `sends/` as holding its sends (see {@link Ledger.remember}). */
const LEDGER_MARK = ".orderkit-ledger";

/** A mark's first line; the second names the journal's record (marks of older versions have none). */
const MARK_LINE = "orderkit send ledger\n";

/** The record a journal's mark names; undefined when it names none, or there is no mark. */
async function markedId(mark: string): Promise<string | undefined> {
  const text = await readStateText(mark).catch((error) => {
    stopIfNotPermitted(error, mark);
    return "";
  });
  const id = text.startsWith(MARK_LINE) ? text.slice(MARK_LINE.length).trim() : "";
  return RECORD.test(id) ? id : undefined;
}

/** Whether `dir` holds a send ledger (its mark), or cannot be read to tell. */
function holdsLedger(dir: string): Promise<boolean> {
  return stat(join(dir, "sends", LEDGER_MARK)).then(
    () => true,
    (error: { code?: string }) => error.code !== "ENOENT" && error.code !== "ENOTDIR",
  );
}

/** Stops the run unless the remembered journal `dir` still holds its sends (its mark). */
async function requireMark(dir: string, record: string): Promise<void> {
  const mark = join(dir, "sends", LEDGER_MARK);
  // Anything there (a FIFO swapped in, say) shows the journal is in place, as holdsLedger takes it:
  // only a mark gone says its sends are (deleted, unmounted), and the way out it names is to
  // forget them. The next send registered there writes the mark anew.
  const there = await stat(mark).then(() => true, unlessMissing(mark, false, record));
  if (!there)
    throw new UsageError(
      `The journal ${dir}, used by an earlier send, is missing or no longer holds its sends (deleted, moved, unmounted, replaced): they cannot be checked for repeats. Nothing was sent. Put it back (moved? run the next send with --journal-dir set to its new place, and its record follows it), or delete ${goneForGood(record)} if its sends are gone for good.`,
    );
}

/** What the user deletes to say a remembered journal's sends are gone for good: its record and registrations. */
function goneForGood(record: string): string {
  return `${shellQuoted(record)} and ${shellQuoted(join(dirname(dirname(record)), "registered"))}/${basename(record)}.*`;
}

/** The names in a directory: none when it does not exist; a dangling link in its place stops the run. */
async function listDir(dir: string, record: string | undefined): Promise<string[]> {
  return readdir(dir).catch(async (error: { code?: string }) => {
    if (
      error.code === "ENOENT" &&
      (await lstat(dir).then(
        () => true,
        () => false,
      ))
    )
      error = { code: "a dangling link" };
    return unlessMissing(dir, [] as string[], record)(error);
  });
}

/**
 * A reader's fallback for a missing file or directory; any other failure stops the run, naming it
 * (and the record of the journal it belongs to, which the user deletes if that journal is gone).
 */
function unlessMissing<T>(path: string, fallback: T, record?: string) {
  return (error: { code?: string }): T => {
    if (error.code === "ENOENT") return fallback;
    stopIfNotPermitted(error, path);
    throw new UsageError(
      `${path} cannot be read (${error.code ?? String(error)}): the send ledger cannot be checked for repeats. Nothing was sent. Fix it${record ? `, or delete ${goneForGood(record)} if that journal's sends are gone for good` : ""}.`,
    );
  };
}

/**
 * Reads a recipients file (sorted Float64 hashes); undefined when it is damaged: not a non-empty,
 * strictly increasing list of 52-bit hashes, or, given the digest its entry records
 * (`meaning.recipientsDigest`, SHA-256 of these bytes), not the list that entry was made from. A
 * missing file throws (ENOENT).
 */
export async function readHashes(path: string, digest?: string): Promise<Float64Array | undefined> {
  const bytes = await readStateBytes(path);
  if (digest !== undefined && createHash("sha256").update(bytes).digest("hex") !== digest) return undefined;
  return sortedHashes(bytes);
}

/** True when the sorted array holds `value` (binary search). */
export function includesSorted(sorted: Float64Array, value: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const x = sorted[mid] as number;
    if (x === value) return true;
    if (x < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** How many values two sorted arrays share. */
export function overlap(a: Float64Array, b: Float64Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}

/**
 * The API host as the state directory keys it (sends, creates): lower-case origin without default
 * port, path without trailing `/`. Unchanged since the first ledgers, so that an older send's entry
 * is found again (order locks go further: see order-lock.ts). A URL that is not one is an input
 * error (exit code 2).
 */
export function normalizeHost(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new UsageError(
      "The base URL is not a URL: check --base-url, LETTRLABS_BASE_URL or the config file.",
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new UsageError(
      "The base URL must be an http(s) URL: check --base-url, LETTRLABS_BASE_URL or the config file.",
    );
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}
