import { existsSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import {
  answeredOtherwise,
  hashRecipientKey,
  type LettrLabs,
  type LettrLabsClient,
  type LettrLabsError,
  type PresentRecipients,
  serverKey,
  settle,
} from "@orderkit/client";
import type { GlobalOptions } from "../context.js";
import { lettrlabs, lettrlabsTarget, settleMsOf } from "../context.js";
import { NotPermittedError, RepeatError, StoppedError, UsageError } from "../errors.js";
import { readCheckedHashes } from "../ledger/checked-hashes.js";
import { damaged, isAdopted, type LedgerEntry, readEntry, type SendMeaning } from "../ledger/entry.js";
import {
  foldedContext,
  includesSorted,
  keyOfStem,
  Ledger,
  normalizeHost,
  overlap,
  type RecordedSend,
  readHashes,
  realPath,
} from "../ledger/ledger.js";
import { type FileLock, letGo, whileLocked } from "../ledger/lock.js";
import { lockOrder, orderLocksDir } from "../ledger/order-lock.js";
import { orderOwner, orderOwnerPath, recordOrderOwner } from "../ledger/order-owner.js";
import {
  type AdoptionIndex,
  adoptionIndex,
  noteSendOrder,
  readRecord,
  type SendOrder,
  sendOrders,
  sendOrdersDir,
} from "../ledger/send-orders.js";
import { shellQuoted, stateDir, stopIfNotPermitted } from "../ledger/state-dir.js";
import { waitForStoppedWrites } from "../ledger/writes-in-flight.js";
import { createFromTemplateOnce } from "../orders/create-from-template.js";
import { priceAgainAsConfirmed, priceQueryOf } from "../orders/price-confirmed.js";
import { CONFIRM_AFTER_MS, settleOrder } from "../orders/settlement.js";
import { note, printable, printJson, usd } from "../output.js";
import { checkOutputPath, writeOutput } from "../output-file.js";
import { startProgress } from "../progress.js";
import { confirm } from "../prompt.js";
import { tuneForRequests } from "../runtime-flags.js";
import { checkoutQuestion, formatPreview } from "../table.js";
import { HashList } from "./hash-list.js";
import { HashPairs } from "./hash-pairs.js";
import { stopIfPricedOverPeople } from "./held-twice.js";
import { stopUnlessOrderHoldsList } from "./order-holds-list.js";
import { keptPeople, keptPeopleOnOrder, peopleOnOrder } from "./people-on-order.js";
import { sameVersion } from "./same-version.js";
import { type CsvScan, readAgain, scanCsv } from "./scan.js";

/** Options of `orderkit send` (numbers and ids already parsed and bounded by commander). */
export interface SendOptions extends GlobalOptions {
  template: number;
  csv: string;
  postage: LettrLabs.PostageType;
  production: LettrLabs.ProductionSpeed;
  holdUntil?: string;
  proof?: string;
  yes?: boolean;
  dryRun?: boolean;
  restart?: boolean;
  allowRepeat?: boolean;
  skipInvalid?: boolean;
  rejects?: string;
  map: Record<string, string>;
  journalDir?: string;
  chunkSize: number;
  concurrency: number;
  order?: number;
  wait: boolean;
  waitTimeout: number;
}

/** The `--json` result of `orderkit send` (documented in the README). */
export interface SendResult {
  orderId: number;
  status: string;
  resumed: boolean;
  dryRun: boolean;
  rows: { total: number; valid: number; invalid: number; duplicates: number };
  recipients: { accepted: number; rejected: number };
  proof: string | null;
  price: { totalCharges: number; totalCredits: number | null; balance: number | null } | null;
  checkout: { status: string } | null;
  journal: string;
}

/**
 * `orderkit send`: validate the CSV, then create the order, append the recipients, save the proof,
 * preview the price, confirm, check out and wait for settlement. The send is recorded in a per-user
 * ledger keyed by what it means (API, template, options, recipients), under a lock held for the
 * whole run; every decision on resume is re-derived from the server (order status, recipient
 * read-back), the ledger only narrowing the search.
 */
export async function runSend(options: SendOptions): Promise<void> {
  // Before the scan: it streams the whole CSV, which is what grows the young generation.
  tuneForRequests();
  const csv = resolve(options.csv);
  if (!existsSync(csv)) throw new UsageError(`${options.csv}: no such file.`);
  const stat = statSync(csv);
  if (stat.isDirectory()) throw new UsageError(`${options.csv}: is a directory, not a CSV file.`);
  // Read more than once (checked, then sent, each row compared with what was checked): a pipe or
  // a device would give nothing, or something else, the second time.
  if (!stat.isFile())
    throw new UsageError(
      `${options.csv}: not a regular file (a pipe?). send reads its CSV more than once: save it to a file first.`,
    );
  const map = options.map;
  const say = (m: string) => note(m);

  // 1. Validate every row before anything is sent.
  // The journal and the user's state directory: the ledger's, and where no output file may go.
  const stateDirs = [stateDir(options.journalDir), stateDir(undefined)] as const;
  const rejectsPath = options.skipInvalid
    ? checkOutputPath(options.rejects ?? `${csv}.rejects.csv`, "--rejects", [csv], [stateDirs[0]])
    : undefined;
  if (options.proof) checkOutputPath(options.proof, "--proof", [csv], [stateDirs[0]]);
  const scan = await scanCsv(csv, map, rejectsPath);
  reportScan(scan, options, rejectsPath, say);

  // 2. The ledger entry of what this send means, locked for the whole run.
  const target = await lettrlabsTarget(options);
  const { LETTRLABS_BASE_URL } = await import("@orderkit/client");
  // Keyed by the server (`localhost` and `127.0.0.1` are one), so that the same send through two
  // spellings is one send; an entry an older version keyed by the host as written is still found.
  const written = normalizeHost(target.baseUrl ?? LETTRLABS_BASE_URL);
  let meaning: SendMeaning = {
    host: serverKey(written),
    templateId: options.template,
    postage: options.postage,
    production: options.production,
    holdUntil: options.holdUntil ?? null,
    recipientsDigest: scan.digest,
    recipients: scan.hashes.length,
  };
  let key = Ledger.keyOf(meaning);
  const ledger = new Ledger(...stateDirs);
  await ledger.checkOpen();
  const known = (k: string) => existsSync(ledger.entryPath(k)) || ledger.hasRecipients(k);
  if (written !== meaning.host && !known(key) && known(Ledger.keyOf({ ...meaning, host: written }))) {
    meaning = { ...meaning, host: written };
    key = Ledger.keyOf(meaning);
  }
  // The same send begun by orderkit 0.1.0, which keyed it by its own count of these people (it
  // took a name's two Unicode spellings for two people): this run goes on with that entry, its
  // order and its records, as 0.1.0 would have (its order is checked against the file like any).
  let takenOver = false;
  if (scan.earlierDigest !== undefined && !known(key)) {
    for (const host of new Set([meaning.host, written])) {
      const earlier = { ...meaning, host, recipientsDigest: scan.earlierDigest };
      if (!known(Ledger.keyOf(earlier))) continue;
      meaning = earlier;
      key = Ledger.keyOf(earlier);
      // Its recipients file holds 0.1.0's hashes, whatever writes it again (a repair, --restart).
      if (scan.earlierHashes) scan.recorded = scan.earlierHashes;
      takenOver = true;
      say("Going on with the send orderkit 0.1.0 began for this list (it keyed the list otherwise).");
      break;
    }
  }
  // Every directory this send writes in is made and checked writable before anything is sent
  // (the ledger's by lockEntry): one it could not write in would stop it with a Draft just made.
  await orderLocksDir();
  const lock = await ledger.lockEntry(key);
  const onStop = {
    hint: "Run the same command again: it reads back what landed before it sends anything more.",
  };
  await whileLocked(
    lock,
    async () => {
      // Other sends' repeat checks then know this list's people in any spelling (0.1.0's hashes,
      // which its entry keeps, do not tell a name another list writes otherwise).
      if (takenOver) await ledger.writeFolded(key, scan.hashes);
      const adopting =
        options.order !== undefined &&
        !(await sendOrders(ledger.home, key)).some((o) => o.orderId === options.order && !o.adopted);
      await sendLocked({
        options,
        target,
        csv,
        map,
        scan,
        meaning,
        key,
        ledger,
        say,
        takenOver,
        onStop,
        adopting,
        settleMs: await settleMsOf(options),
      });
    },
    () => onStop.hint,
  );
}

/** What a stop advises once an append of this send was answered for another order. */
const misroutedStopHint = (entryPath: string) =>
  `An append of this send was answered for another order (kept in ${entryPath}): check the orders it named (orderkit orders get <id>) before sending anything. Running this send again stops until it is given --restart.`;

function reportScan(
  scan: CsvScan,
  options: SendOptions,
  rejectsPath: string | undefined,
  say: (m: string) => void,
) {
  if (scan.ignoredColumns.length > 0)
    say(`Ignoring columns: ${scan.ignoredColumns.join(", ")} (map them with --map).`);
  if (scan.extraCellRows > 0)
    say(`${scan.extraCellRows} rows have more cells than the header; the extra cells were ignored.`);
  if (scan.invalidCount > 0) {
    const lines = scan.invalid.map((r) => `  line ${r.line}: ${r.problems.join("; ")}`);
    const more =
      scan.invalidCount > scan.invalid.length
        ? `\n  … and ${scan.invalidCount - scan.invalid.length} more`
        : "";
    if (!options.skipInvalid) {
      throw new UsageError(
        `${scan.invalidCount} of ${scan.rows} rows are invalid; nothing was sent:\n${lines.join("\n")}${more}\nFix them, or pass --skip-invalid to send the rest.`,
      );
    }
    say(`Skipping ${scan.invalidCount} invalid rows (written to ${rejectsPath}).`);
  }
  if (scan.duplicateCount > 0) {
    say(
      `Skipping ${scan.duplicateCount} duplicate rows (lines ${scan.duplicates
        .slice(0, 10)
        .map((d) => d.line)
        .join(", ")}${scan.duplicateCount > 10 ? ", …" : ""}).`,
    );
  }
  if (scan.valid === 0) throw new UsageError(`${options.csv}: no valid recipient rows.`);
}

interface Run {
  options: SendOptions;
  /** The API key and base URL, read once. */
  target: Awaited<ReturnType<typeof lettrlabsTarget>>;
  /** What a stop (Ctrl-C) advises: a re-run, until an append is answered for another order. */
  onStop: { hint: string };
  csv: string;
  map: Record<string, string>;
  scan: CsvScan;
  meaning: SendMeaning;
  key: string;
  ledger: Ledger;
  say: (m: string) => void;
  /** This run goes on with the entry orderkit 0.1.0 made for the list (see `send`). */
  takenOver?: boolean;
  /**
   * --order names an order this send did not make (none of its records in send-orders/ says it
   * made it): the order's template is not known (`LedgerEntry.adopted`).
   */
  adopting: boolean;
  /** The settle wait before a read-back (--settle-ms, else the client's). */
  settleMs: number;
  /** Made by `sharedPeople` when first needed, and let go with the scan's hashes. */
  earlierPairs?: HashPairs | undefined;
  /** The orders of orderkit 0.1.0's sends as this run read them (see `readOrder010`): each once a run. */
  orders010?: Map<string, Promise<Order010>>;
  /** Orders of sends through other hosts, as this run's host lists them (once a run each; see heldHereToo). */
  ordersHere?: Map<number, { read: Promise<OrderHere>; ahead: boolean }>;
}

/**
 * The send, under its entry's lock; once it knows its order, it also holds that order's lock
 * (ledger/order-lock.ts), so that a `recipients add` or `checkout submit` on the same order in
 * another terminal waits its turn instead of racing this run's read-backs.
 */
async function sendLocked(run: Run): Promise<void> {
  const held = new Map<number, FileLock>();
  // Once per order: a restart that keeps its old Draft and adopts it with --order locks it once.
  const lockTheOrder = async (orderId: number, consequence?: string) => {
    if (!held.has(orderId)) held.set(orderId, await lockOrder(orderId, consequence, run.settleMs));
  };
  try {
    await sendUnderLocks(run, lockTheOrder);
  } finally {
    for (const lock of held.values()) await letGo(lock);
  }
}

async function sendUnderLocks(
  run: Run,
  lockTheOrder: (orderId: number, consequence?: string) => Promise<void>,
): Promise<void> {
  const { options, scan, key, ledger, say } = run;
  const json = Boolean(options.json);
  const ll = await lettrlabs(options, run.target);
  const { orderStatusMeaning } = await import("@orderkit/client");
  // Under this send's lock, before anything is read back: the writes a stopped run left in flight
  // are over (an order's lock, taken later, waits for those of other commands on it).
  await waitForStoppedWrites(run.settleMs);

  // The restart's adoption of --order, judged before it archived anything, under the order's lock
  // (held to the end of the run): the order is then taken on that judgement. Judging it again after
  // the archive could refuse it on a later reading, with the entry already archived.
  let restartAdoption: Adoption | undefined;
  if (options.restart && (ledger.hasRecipients(key) || existsSync(ledger.entryPath(key)))) {
    // Restart: a Draft this send created and never checked out is deleted (its recipients were
    // never mailed), and the entry archived. Whatever can refuse the restart runs first (the order
    // it adopts, the repeat check with this send's own record included), so a refused restart
    // changes nothing.
    const old = await ledger.read(key).catch(() => undefined);
    if (options.order !== undefined) {
      await lockTheOrder(options.order);
      restartAdoption = await adoptable(ll, run, options.order, { restarting: true, current: old });
    }
    // Kept when this restart adopts it again (--order).
    let drop: number | undefined;
    if (
      old?.orderId !== undefined &&
      old.checkouts === 0 &&
      options.order !== old.orderId &&
      // A checkout a newer copy of this entry started (recorded in the state directory) is no Draft to delete.
      !(await readRecord(ledger.home, key, old.orderId))?.checkoutStarted
    ) {
      // Locked before the status is read: the decision to delete is made on what no other
      // terminal can change meanwhile.
      await lockTheOrder(old.orderId);
      const status = await currentStatus(ll, old.orderId, old).catch(() => undefined);
      if (status !== undefined && orderStatusMeaning(status) === "open") drop = old.orderId;
    }
    // The Draft about to be deleted holds these people: it is no repeat.
    await readOrdersOf010(ll, run);
    await readOrdersHere(ll, run);
    await ledger.withRegistry(() => checkRepeats(ll, run, "", { skipOrders: [drop, options.order] }));
    if (drop !== undefined && old) {
      await ll.orders.delete(drop);
      // Recorded, so that later repeat checks need not read a deleted order again.
      old.lastStatus = "Deleted";
      await ledger.write(old);
      say(`Deleted Draft order ${drop} of the previous send (never checked out).`);
    }
    await ledger.withRegistry(() => ledger.archiveEntry(key));
    say(
      `Archived the previous send of these recipients${old?.orderId ? ` (order ${old.orderId})` : ""}; starting over.`,
    );
  }
  let entry = await ledger.read(key);
  // Well-formed, yet past the end of this very file (same rows in the same order): an edited or
  // damaged entry. Trusting it would skip rows and check out an incomplete order.
  const past = Math.max(entry?.rowsDone ?? 0, entry?.inFlight?.to ?? 0);
  if (entry && entry.rowOrderDigest === scan.rowOrderDigest && past > scan.rows)
    throw damaged(
      ledger.entryPath(key),
      `it records rows done up to ${past}, but the file has ${scan.rows}`,
      JSON.stringify(entry),
    );
  // Registered by an earlier run whose entry is gone. With --order, the order named is adopted as
  // any is (open, holding only this list's people, nobody else's; its rows compared with the file
  // before anything is added), and that registration stays whatever this run does, for the repeat
  // checks of later sends.
  const registeredBefore = !entry && ledger.hasRecipients(key);
  if (registeredBefore && options.order === undefined) {
    throw new UsageError(
      `The ledger entry of this send is missing (${ledger.entryPath(key)}), though the send was registered: it may have been deleted while a send ran. Nothing was sent. Its order may be a Draft or already paid: check your recent orders (\`orderkit orders list\`). Re-run with --order <id> to continue a Draft, or --restart to start over (sending again then needs --allow-repeat).`,
    );
  }
  const resumed = entry !== undefined;
  if (!entry) entry = await register(ll, run);
  else {
    // Idempotent: a journal whose entry predates its record, or a send its registration (an older
    // version, a run killed while registering), gets one.
    await ledger.remember();
    await ledger.enrol(key, run.csv);
    // This send's own recipients file, missing or damaged (a run killed while registering, an
    // edit), is written again: the repeat checks of other sends read it.
    if (
      !(await readHashes(ledger.recipientsPath(key), entry.meaning.recipientsDigest).catch((error) => {
        stopIfNotPermitted(error, ledger.recipientsPath(key));
        return undefined;
      }))
    )
      await writeRecords(ledger, key, scan);
    // Registered without an order: checked again before one is created or adopted (with one, in
    // step 3, once the order reads as still open). Under the registry lock, as a registration:
    // about to adopt, the entry says so first, so that no send of another template registers
    // between this check and the adoption without seeing it.
    const unordered = entry;
    if (unordered.orderId === undefined) {
      await readOrdersOf010(ll, run);
      await readOrdersHere(ll, run);
      await ledger.withRegistry(async () => {
        if (run.adopting && unordered.adopted !== true) {
          unordered.adopted = true;
          await ledger.write(unordered);
        }
        await checkRepeats(ll, run);
      });
    }
  }
  const save = () => ledger.write(entry as LedgerEntry);
  const e = entry;
  if (e.answeredOtherwise !== undefined)
    throw new StoppedError(
      `An earlier run's append to order ${e.orderId} was answered by the server, but not as asked (${e.answeredOtherwise.length > 300 ? `${e.answeredOtherwise.slice(0, 300)}…` : e.answeredOtherwise}): those recipients may be on another order, where reading order ${e.orderId} back cannot see them. Nothing was sent. Check the orders named before sending anything; to send the file as a new order all the same, run the same command with --restart (${ledger.entryPath(key)}).`,
    );
  if (options.order !== undefined && e.orderId !== undefined && e.orderId !== options.order) {
    throw new UsageError(
      `This send's ledger (${ledger.entryPath(key)}) already names order ${e.orderId}; --order ${options.order} is another order. Nothing was sent. Re-run without --order to go on with order ${e.orderId}, or with --restart to start over.`,
    );
  }

  // An order this send already has, which its ledger entry no longer names (the entry restored
  // from a copy taken before the create, a backup of its journal followed as a move): this send
  // goes on with it, never creates another (nor adopts another with --order).
  /** People LettrLabs refused when an earlier run of this send sent them to the order this run adopts. */
  let refusedBefore = 0;
  if (e.orderId === undefined) {
    const lost = await lostOrder(ll, run, lockTheOrder);
    if (lost !== undefined && options.order !== undefined && options.order !== lost.orderId)
      throw new UsageError(
        `This send already has order ${lost.orderId} (recorded in ${ledger.home}/send-orders), which its ledger entry ${ledger.entryPath(key)} does not name (a run stopped before saving it, or the entry restored from an older copy); --order ${options.order} is another order. Nothing was sent. Re-run without --order to go on with order ${lost.orderId}.`,
      );
    // Named by --order too (as the message of a missing entry says to): the same order, found.
    if (lost !== undefined && (options.order === undefined || options.order === lost.orderId)) {
      // A checkout once started is confirmed before any other.
      takeOrder(e, lost.orderId);
      e.adopted = lost.adopted;
      e.createStarted = true;
      e.checkoutStarted ||= lost.checkoutStarted;
      await save();
      say(
        `This send already has order ${lost.orderId}, which its ledger entry did not name (a run stopped before saving it, or the entry restored from an older copy): going on with that order.`,
      );
    }
  }

  const result = (status: string, preview?: LettrLabs.CheckoutPreview): SendResult => ({
    orderId: e.orderId as number,
    status,
    resumed,
    dryRun: Boolean(options.dryRun),
    rows: {
      total: scan.rows,
      valid: scan.valid,
      invalid: scan.invalidCount,
      duplicates: scan.duplicateCount,
    },
    recipients: { accepted: e.accepted, rejected: e.rejected },
    proof: e.proofSaved ?? null,
    price: preview
      ? {
          totalCharges: preview.totalCharges,
          totalCredits: preview.totalCredits ?? null,
          balance: preview.balance ?? null,
        }
      : null,
    checkout: e.checkoutStarted && status !== "Draft" ? { status } : null,
    journal: ledger.entryPath(key),
  });

  // 3. The order: re-derived from the server when the ledger names one.
  let status: string;
  const resuming = e.orderId !== undefined;
  // Whether a run of this send has seen its order settled (read before this run's confirmation
  // below, which records what it finds: a run that finds it paid is still the first to see it so).
  const seenSettled = e.settledAt !== undefined;
  if (e.orderId !== undefined) {
    await namedOrderIsOurs(run, e);
    await lockTheOrder(e.orderId);
    status = await currentStatus(ll, e.orderId, e);
  } else if (options.order !== undefined) {
    await lockTheOrder(options.order);
    let adoption: Adoption;
    try {
      adoption = restartAdoption ?? (await adoptable(ll, run, options.order));
    } catch (error) {
      // Refused: a send registered by this very run (nothing done yet) is forgotten, so that it
      // does not stand in the way of the send that owns the order, or of a later run.
      // (A mark set before the check stays: this send's records may still hold an order it adopted.)
      if (!resumed && !registeredBefore) await ledger.withRegistry(() => ledger.forget(key));
      throw error;
    }
    const { order, inherited, held } = adoption;
    refusedBefore = adoption.refused;
    takeOrder(e, order.id);
    // Being paid or paid (this send's own checkout), it holds the people it will mail: counted so.
    if (held) {
      e.accepted = held.held;
      e.rejected = held.missing;
    }
    e.adopted = run.adopting;
    // An earlier send of the ledger checked this order out (a --restart that adopts it again):
    // its checkout may be landing, so it is confirmed below as this send's own would be.
    if (inherited > e.checkouts) {
      e.checkouts = inherited;
      e.checkoutStarted = true;
    }
    // Recorded before the entry names it: an entry naming an order its send has no record of
    // stops (namedOrderIsOurs).
    await noteSendOrder(ledger.home, key, order.id, {
      checkoutStarted: checkedOutBefore(e),
      adopted: e.adopted,
    });
    await save();
    status = adoption.status;
  } else {
    e.orderId = await createOrder(ll, e, options, save, say);
    // Made from its template: a mark left by an adoption that never happened (a run stopped
    // before it read the order) goes.
    e.adopted = false;
    // An order this run made (or found empty after a lost create) holds nobody yet: rows an entry
    // without an order counts as done (a damaged or edited entry) are sent to it all the same.
    startOver(e);
    await noteSendOrder(ledger.home, key, e.orderId, { checkoutStarted: false, adopted: false });
    // Refused, the lock's own message says who holds it (or what is wrong with it, and what to
    // delete), and that this run made the order and mailed nobody: a Draft is mailed only once
    // checked out.
    await lockTheOrder(
      e.orderId,
      `This run created Draft order ${e.orderId} and mailed nobody; once the lock is free, run the same command again: it goes on with that order.`,
    );
    await save();
    status = "Draft";
  }
  const orderId = e.orderId as number;
  // A checkout another copy of this entry started (a ledger restored from an older copy, the
  // order adopted again with --order) is confirmed before any other.
  if (!e.checkoutStarted && (await readRecord(ledger.home, key, orderId))?.checkoutStarted) {
    e.checkoutStarted = true;
    await save();
  }
  // Every run that holds the order records this send as its owner again (a run stopped before the
  // record was written, a record deleted meanwhile).
  await recordOrderOwner(run.meaning.host, orderId, ledger.entryPath(key));
  await noteSendOrder(ledger.home, key, orderId, {
    checkoutStarted: checkedOutBefore(e),
    adopted: isAdopted(e),
  });
  if (resuming && orderStatusMeaning(status) === "open" && !checkedOutBefore(e)) {
    // Not checked out yet, and still open: the repeat check runs again on every run. Another send
    // may have mailed these people since this one was registered, and an --allow-repeat given to
    // an earlier run of this one (a --dry-run, say) is not a standing permission.
    await readOrdersHere(ll, run);
    await checkRepeats(ll, run, key, {
      ownOrder: orderId,
      anyTemplate: isAdopted(e) || run.adopting,
    });
  }
  if (orderStatusMeaning(status) === "open" && checkedOutBefore(e)) {
    // An earlier checkout of this send (or of the earlier send whose order this one adopts) went
    // through, failed, or its outcome is unknown (a run stopped during it): one reading in Draft
    // may come from a listing that lags behind it, and checking out on it could charge twice. The
    // settlement rule decides first (settleOrder: polls an interval apart and a reading at least
    // 5 s later), whatever --no-wait says: paid ends the send, and only an order confirmed open is
    // checked out again.
    say(
      `Order ${orderId} reads as ${status} after an earlier checkout: confirming whether that checkout went through before anything else…`,
    );
    status = await confirmedAfterCheckout(ll, run, orderId, e);
    // Recorded as seen by the comparison with the file below, in the same save, when no run saw
    // it so before: a run stopped before that comparison (a kill, a failed read) leaves it to the
    // next run.
    if (seenSettled && orderStatusMeaning(status) === "settled") e.settledAt = new Date().toISOString();
    e.lastStatus = status;
    await save();
  }
  if (resuming && orderStatusMeaning(status) !== "settled")
    say(`Resuming order ${orderId} (${status}; ledger ${ledger.entryPath(key)}).`);
  const meaningNow = orderStatusMeaning(status);

  if (meaningNow === "closed") {
    e.lastStatus = status;
    await save();
    throw new StoppedError(
      `Order ${orderId} is ${status}: this send ended without mailing. To send these recipients again as a new order, re-run with --restart.`,
    );
  }
  if (meaningNow === "unknown") {
    throw new StoppedError(
      `Order ${orderId} has a status this version does not know ("${status}"); not continuing.`,
    );
  }
  if ((meaningNow === "settled" || meaningNow === "pending") && (e.checkAll || (resuming && !seenSettled))) {
    // Taken rather than made (adopted with --order, found lost), or checked out by this send and
    // not yet seen settled by it (paid elsewhere after a failed payment, a --no-wait run): no
    // longer open, it takes nobody more and mails only whom it holds. Compared with the file
    // before anything is said to be sent: people missing beyond those LettrLabs refused when they
    // were sent (removed in the app, or by `orderkit recipients remove`, before it was paid) stop
    // the send. Those refused are counted by the entry, by the copy this run adopts the order
    // from, and by the order's record in the state directory (written as its checkout started:
    // an entry restored from an older copy, or lost, keeps no count). Once per send: the save
    // that records the counts records the order as seen settled.
    const refused = Math.max(
      e.rejected,
      refusedBefore,
      (await readRecord(ledger.home, key, orderId))?.refused ?? 0,
    );
    const now = await heldOfList(ll, run, orderId);
    if (now.missing > refused)
      throw new StoppedError(
        `Order ${orderId} is ${status} and holds ${now.held} of the ${scan.hashes.length} recipients of ${run.csv}: the other ${now.missing} are not on it${refused > 0 ? ` (LettrLabs refused ${refused} of them when they were sent)` : ""}, and it cannot take recipients. They were not mailed by this send. Nothing was added or charged. See who it holds (\`orderkit recipients list ${orderId}\`), and send the others from a file of their own.`,
      );
    e.accepted = now.held;
    e.rejected = now.missing;
    e.checkAll = undefined;
    if (meaningNow === "settled") e.settledAt ??= new Date().toISOString();
    await save();
  }
  if (meaningNow === "settled") {
    e.lastStatus = status;
    e.settledAt ??= new Date().toISOString();
    await save();
    // The same people, with other fields than those sent: the order holds what was sent then.
    const other =
      e.contentDigest !== undefined && e.contentDigest !== scan.contentDigest
        ? ` It holds these people as they were sent then: ${run.csv} now has other fields for them (merge fields, say), which were not sent.`
        : "";
    const already = `Already sent as order ${orderId} on ${e.createdAt.slice(0, 10)}, status ${status}.${other} Nothing more was done.`;
    say(already);
    finish(json, result(status), already);
    return;
  }

  // 4. Recipients, at most once each (only while the order is open).
  // The recipient hashes (8 bytes a row) have done their work: the repeat check, the ledger's
  // recipients file and an adopted order's check all ran above. Letting them go before the appends
  // keeps a long send's memory from growing with its rows while requests are in flight.
  // The checkout compares the order with these people (stopUnlessOrderHoldsList): read again then
  // from the send's recipients file, except for a send going on with an entry orderkit 0.1.0 made,
  // whose file holds that version's hashes (kept here instead: such sends are rare and small).
  const keptForCheckout = scan.recorded === scan.hashes ? undefined : scan.hashes;
  scan.hashes = EMPTY_HASHES;
  scan.recorded = EMPTY_HASHES;
  scan.earlierHashes = undefined;
  scan.others = EMPTY_HASHES;
  run.earlierPairs = undefined;
  // An order that existed before this run is checked against the file even when the entry counts
  // every row as done: before it is paid, it must hold them (rows removed since, or an entry
  // edited to count rows it never sent, stop the send instead).
  // Who LettrLabs refused, as this run's pass over the file found them (every pass of an open
  // order's run); none known without one, and then every person missing stops the checkout.
  let refused: RefusedPeople = { people: EMPTY_HASHES, unnamed: 0 };
  if (
    meaningNow === "open" &&
    (resuming || e.rowsDone < scan.rows || e.rowOrderDigest !== scan.rowOrderDigest)
  ) {
    refused = await appendRows(ll, e, run, save, resuming);
  }

  // 5. Proof.
  if (options.proof && e.proofSaved !== resolve(options.proof)) {
    const pdf = await ll.orders.proof(orderId);
    await writeOutput(checkOutputPath(options.proof, "--proof", [run.csv], [run.ledger.dir]), pdf);
    e.proofSaved = resolve(options.proof);
    await save();
    say(`Saved the proof to ${options.proof} (${pdf.length} bytes).`);
  }

  // 6. Checkout, when the order is still open: always with the price preview and a confirmation.
  let preview: LettrLabs.CheckoutPreview | undefined;
  let pollAfterSeconds: number | undefined;
  if (meaningNow === "open") {
    // An earlier checkout of this send either failed (the order went back to Draft) or has not
    // landed yet (a run stopped during it): the submit below reads the order back first (resume),
    // after the client's settle wait, and sends a checkout only if the order is still open.
    const checkoutBefore = checkedOutBefore(e);
    if (checkoutBefore)
      say(
        `Order ${orderId} is ${status} after an earlier checkout (its payment failed, or it is still being applied): it is read back before checking out again.`,
      );
    const priceQuery = priceQueryOf(options);
    preview = await ll.orders.checkout.preview(orderId, priceQuery);
    if (!json)
      process.stdout.write(`\nPrice preview for order ${orderId}:\n${await formatPreview(preview)}\n`);
    // The order holds this list, or nothing is paid: the price preview counts cards, not people.
    // First, so that a stranger on two rows is named as one, not as a person held twice.
    const list = options.dryRun
      ? undefined
      : {
          people: keptForCheckout ?? (await peopleOfSend(run, e)),
          refused,
          csv: run.csv,
          putBack: scan.invalidCount > 0 ? undefined : ["--csv", shellQuoted(run.csv), ...mapArgs(run.map)],
          settleMs: run.settleMs,
        };
    if (list) await stopUnlessOrderHoldsList(ll, orderId, list);
    // More cards priced than people accepted (or no count): read who the order holds, and never
    // pay for a person twice (a write applied after its read-back found it missing; held-twice.ts).
    await stopIfPricedOverPeople(ll, orderId, preview, e.accepted);
    if (!list) {
      finish(
        json,
        result(status, preview),
        checkoutBefore
          ? "Dry run: nothing was charged by this run. An earlier checkout of this order was started; run the same command without --dry-run: it reads the order back, and checks out only if that one did not go through."
          : "Dry run: nothing was charged. Run the same command without --dry-run to check out this order.",
      );
      return;
    }
    await confirm(
      checkoutQuestion(orderId, preview, options.postage, options.production, e.accepted),
      Boolean(options.yes),
    );
    // Priced again once confirmed (a late copy may have landed while the question waited), and
    // read again when that count is over; then paid only at the price confirmed.
    preview = await priceAgainAsConfirmed(ll, orderId, priceQuery, preview, (now) =>
      stopIfPricedOverPeople(ll, orderId, now, e.accepted),
    );
    // A question answered on a terminal may have waited while the order was edited keeping its
    // count (the price, compared just now, would show any other change): read whole again.
    if (!options.yes) await stopUnlessOrderHoldsList(ll, orderId, list);
    e.checkoutStarted = true;
    e.checkouts++;
    await save();
    await noteSendOrder(ledger.home, key, orderId, {
      checkoutStarted: true,
      adopted: isAdopted(e),
      refused: e.rejected,
    });
    const outcome = await ll.orders.checkout.submit(
      orderId,
      {
        postageType: options.postage,
        productionSpeed: options.production,
        ...(options.holdUntil ? { holdUntilDate: options.holdUntil } : {}),
      },
      { resume: checkoutBefore },
    );
    status = outcome.status;
    pollAfterSeconds = outcome.pollAfterSeconds;
    e.lastStatus = status;
    await save();
    say(
      `Checked out order ${orderId}: ${status}${outcome.recovered ? " (confirmed by reading the order back)" : ""}.`,
    );
  } else if (options.dryRun) {
    finish(
      json,
      result(status),
      `Dry run: order ${orderId} is already checked out (${status}); nothing more was charged.`,
    );
    return;
  }

  // 7. Settlement (see settleOrder: the order's own reading decides what listings concluded).
  if (options.wait && orderStatusMeaning(status) === "pending") {
    say(`Waiting for payment to settle…`);
    try {
      ({ status } = await settleOrder(ll, orderId, {
        pollAfterSeconds,
        timeoutMs: options.waitTimeout * 1000,
        reread: () => currentStatus(ll, orderId, e),
        say,
      }));
    } catch (error) {
      // A verdict the order's reading confirmed (back in Draft, closed): the ledger records it, so
      // that a re-run checks out again only after a payment failure read that way.
      const confirmed = (error as LettrLabsError).orderStatus;
      if (
        confirmed !== undefined &&
        ["payment_failed", "order_closed"].includes((error as LettrLabsError).kind)
      ) {
        e.lastStatus = confirmed;
        await save();
      }
      throw error;
    }
    e.settledAt = new Date().toISOString();
    e.lastStatus = status;
    await save();
  }
  finish(json, { ...result(status, preview), checkout: { status } }, `Order ${orderId} is ${status}.`);
}

/**
 * The order's status now. A deleted order is no longer listed: it reads as Deleted only when the
 * list answered twice without it, and never when the ledger saw the order checked out (a paid
 * order cannot be deleted, so its absence is an error of the list, not proof).
 */
async function currentStatus(ll: LettrLabsClient, orderId: number, entry?: LedgerEntry): Promise<string> {
  for (let read = 1; ; read++) {
    try {
      return (await ll.orders.retrieve(orderId)).status;
    } catch (error) {
      // Only an answered list that lacks the order means it is gone (an HTTP 404 is an error: a
      // wrong URL, a proxy), and only when a second read a moment later agrees.
      const e = error as LettrLabsError;
      if (e.kind !== "not_found" || e.status !== undefined) throw error;
      if (read < 2) {
        await new Promise((r) => setTimeout(r, 1000));
        continue;
      }
      if (entry && sawCheckedOut(entry)) {
        throw new StoppedError(
          `Order ${orderId} is not listed, but this send checked it out (last seen ${entry.lastStatus ?? "checked out"}): not treating it as deleted. Check it in the LettrLabs app.`,
        );
      }
      return "Deleted";
    }
  }
}

/**
 * The status of an order read as open after a checkout of it, as the settlement rule decides it
 * (settleOrder: polls an interval apart and a reading at least 5 s later): a listing that lags
 * behind the checkout shows the order as it was. Paid or being paid as it finds it; open (the
 * payment failed) only when the confirming reading says so.
 */
async function confirmedAfterCheckout(
  ll: LettrLabsClient,
  run: Run,
  orderId: number,
  entry: LedgerEntry | undefined,
  firstNotOpen = false,
): Promise<string> {
  try {
    return (
      await settleOrder(ll, orderId, {
        firstNotOpen,
        pollAfterSeconds: 1,
        // Never less than the rule needs to conclude (a small --wait-timeout would otherwise stop
        // every re-run before it could tell a failed payment from a lagging listing).
        timeoutMs: Math.max(run.options.waitTimeout * 1000, CONFIRM_MIN_MS),
        reread: () => currentStatus(ll, orderId, entry),
        say: run.say,
      })
    ).status;
  } catch (error) {
    const failed = error as LettrLabsError;
    if (failed.kind !== "payment_failed" || failed.orderStatus === undefined) throw error;
    return failed.orderStatus;
  }
}

/**
 * The least time a resumed send gives settleOrder to confirm an earlier checkout's outcome: two
 * polls a second apart, the confirming reading and some slack.
 */
const CONFIRM_MIN_MS = CONFIRM_AFTER_MS + 10_000;
/** What `scan.hashes` holds once the appends begin (see step 4). */
const EMPTY_HASHES = new Float64Array(0);

/**
 * True when this send sent a checkout before (gone through, failed, or of unknown outcome). An
 * entry marked as having started one with no count (damaged or hand-edited) counts too.
 */
function checkedOutBefore(entry: LedgerEntry): boolean {
  return entry.checkouts > 0 || entry.checkoutStarted;
}

/** True when the ledger recorded a checkout that went through for this send. */
function sawCheckedOut(entry: LedgerEntry): boolean {
  return (
    entry.settledAt !== undefined ||
    (entry.checkouts > 0 &&
      entry.lastStatus !== undefined &&
      entry.lastStatus !== "Draft" &&
      entry.lastStatus !== "Edits Needed")
  );
}

/** Why a send recorded by orderkit 0.1.0 holding some of these people counts as another send. */
const EARLIER_SPELLING =
  ' orderkit 0.1.0 recorded some of them under another Unicode spelling of a name ("é" as one character, or as "e" and an accent), which it took for someone else.';

/**
 * This list begun by orderkit 0.1.0 (the same people, as that version counted them), not finished:
 * 0.1.0 did not fold a name's two Unicode spellings, so this version keys the list otherwise and
 * takes the send for another one (when its own entry exists too; otherwise this run goes on with
 * 0.1.0's). Going on anyway would leave the other entry's order to be completed later.
 */
const beganByEarlier = (orderId: number | undefined, when: string, status: string | undefined) =>
  `This list was begun on ${when} by orderkit 0.1.0${orderId === undefined ? ", which has no order recorded yet (running, or interrupted: it may have made one)" : ` as order ${orderId} (status ${status}, not mailed yet)`}, under another entry of this ledger than this version's. ${orderId === undefined ? "Check your recent orders (`orderkit orders list`) and cancel any Draft of it" : `Cancel order ${orderId} (\`orderkit orders cancel ${orderId}\`)`}, then run this again. --allow-repeat does not go past this: that order would still be completed by the other entry. Do not run 0.1.0 on this list again: it does not see what this version sends.`;

/**
 * How many of this list's people a send records (its sorted `hashes`): by today's hash, by a hash
 * orderkit 0.1.0 gave them, or, for a send 0.1.0 made, among `more` (keyed as this version keys a
 * person); each person counted once. `byEarlier`: some were found only by 0.1.0's spellings or in
 * `more`.
 */
async function sharedPeople(
  run: Run,
  hashes: Float64Array,
  /** `recordedByEarlier(run.scan, hashes)`, which the caller has found. */
  byEarlier: boolean,
  /** More of that send's people, keyed as today: on 0.1.0's order, or its list's as taken over. */
  more: readonly Float64Array[] = [],
): Promise<{ count: number; byEarlier: boolean }> {
  const { scan } = run;
  const direct = overlap(scan.hashes, hashes);
  if (!byEarlier && more.length === 0) return { count: direct, byEarlier: false };
  // The people found otherwise than in `hashes`, each once.
  const found = new HashList();
  if (byEarlier) {
    run.earlierPairs ??= await earlierPairs(run);
    run.earlierPairs.matches(hashes, found);
  }
  for (const people of more)
    for (const h of people) if (includesSorted(scan.hashes, h) && !includesSorted(hashes, h)) found.push(h);
  const otherwise = found.distinctCount();
  return { count: direct + otherwise, byEarlier: otherwise > 0 };
}

/**
 * Each valid row's hashes of 0.1.0 (as written, composed, decomposed) beside today's, from one more
 * read of the file: made once a run, only when another send's records hold one of them (the scan
 * keeps eight bytes a row, not a pair of hashes for every row with an accent).
 */
async function earlierPairs(run: Run): Promise<HashPairs> {
  const { earlierRecipientHashes, recipientHash } = await import("@orderkit/client");
  const pairs = new HashPairs();
  run.say(
    `Reading ${run.csv} again: another send recorded some of these people as orderkit 0.1.0 spelled them.`,
  );
  const changed = (what: string) =>
    new UsageError(
      `${run.csv} changed while it was being checked (${what}): stopped before sending anything more. Run the command again once the file is saved.`,
    );
  for await (const row of readAgain(run.csv, run.map, run.scan, changed)) {
    if (row.problems.length > 0) continue;
    const now = recipientHash(row.recipient);
    for (const h of earlierRecipientHashes(row.recipient, now)) if (h !== now) pairs.push(h, now);
  }
  return pairs;
}

/** True when `hashes` (sorted) holds a hash 0.1.0 may have given a person of this list that is not today's. */
function recordedByEarlier(scan: CsvScan, hashes: Float64Array): boolean {
  for (const list of [scan.earlierHashes, scan.others]) {
    if (!list) continue;
    for (let i = 0, j = 0; i < list.length && j < hashes.length; ) {
      const a = list[i] as number;
      const b = hashes[j] as number;
      if (a < b) i++;
      else if (a > b) j++;
      else if (!includesSorted(scan.hashes, a)) return true;
      else {
        i++;
        j++;
      }
    }
  }
  return false;
}

/** Whether a send was recorded through another host than `meaning`'s (its entry, or what is left of a damaged one, says). */
function recordedElsewhere(previous: RecordedSend, meaning: SendMeaning): boolean {
  const host = (previous.entry?.meaning ?? previous.damagedNames)?.host;
  return host !== undefined && serverKey(host) !== serverKey(meaning.host);
}

/**
 * The order ids sends through this run's host record (any of them, archived too), and the orders
 * this send made or adopted (send-orders/, which outlive an entry restored from an older copy).
 */
async function ordersRecordedHere(run: Run, recorded: readonly RecordedSend[]): Promise<Set<number>> {
  const ids = new Set<number>();
  for (const previous of recorded)
    if (!recordedElsewhere(previous, run.meaning) && previous.entry?.orderId !== undefined)
      ids.add(previous.entry.orderId);
  for (const own of await sendOrders(run.ledger.home, run.key)) ids.add(own.orderId);
  return ids;
}

/** How many of this list's people a send's recipients file holds; undefined when it cannot be read. */
async function sharedByFile(
  run: Run,
  previous: RecordedSend,
  entry: LedgerEntry,
): Promise<number | undefined> {
  const filed = await readHashes(previous.recipientsPath, entry.meaning.recipientsDigest).catch((error) => {
    stopIfNotPermitted(error, previous.recipientsPath);
    return undefined;
  });
  return filed && overlap(run.scan.hashes, filed);
}

/** An order of a send through another host, as this run's host lists it: its people unless closed. */
type OrderHere = { status: string; people?: Float64Array | undefined };

/**
 * {@link OrderHere} of `orderId`, read under the registry lock. A reading kept from before it
 * (`ahead`: read ahead of the lock, or by an earlier check) is taken only when it can no longer
 * change (closed, not listed, or paid); any other is read again, once (the send that made it may
 * have added people since). A failed read is not kept.
 */
function orderHere(ll: LettrLabsClient, run: Run, orderId: number): Promise<OrderHere> {
  run.ordersHere ??= new Map();
  const memo = run.ordersHere;
  const kept = memo.get(orderId);
  if (kept && !kept.ahead) return kept.read;
  const read = (async () => {
    const { orderStatusMeaning } = await import("@orderkit/client");
    const earlier = await kept?.read.catch(() => undefined);
    if (earlier) {
      const meaning = orderStatusMeaning(earlier.status);
      if (meaning === "closed" || meaning === "settled") return earlier;
    }
    const status = await currentStatus(ll, orderId);
    return orderStatusMeaning(status) === "closed"
      ? { status }
      : { status, people: await peopleOnOrder(ll, orderId) };
  })();
  read.catch(() => memo.get(orderId)?.read === read && memo.delete(orderId));
  memo.set(orderId, { read, ahead: false });
  return read;
}

/**
 * Reads, before the registry lock is taken, the orders of sends through other hosts that a repeat
 * check will read (see heldHereToo): their statuses listed many ids a request, and the people of
 * those paid four at a time, so that the check, under the lock every send shares, does not hold it
 * a second or more for each (an order not listed is read twice, a second apart).
 */
async function readOrdersHere(ll: LettrLabsClient, run: Run): Promise<void> {
  const queue: number[] = [];
  const adoption = adoptionIndex(run.ledger.home);
  const recorded = await run.ledger.recorded(run.key);
  const here = await ordersRecordedHere(run, recorded);
  for (const previous of recorded) {
    const { entry } = previous;
    const orderId = entry?.orderId;
    if (!entry || orderId === undefined || here.has(orderId) || !recordedElsewhere(previous, run.meaning))
      continue;
    if (queue.includes(orderId) || run.ordersHere?.has(orderId)) continue;
    if (!(await mayHoldThem(previous, run.meaning, run.adopting, adoption, true))) continue;
    if ((await sharedByFile(run, previous, entry)) === 0) continue;
    queue.push(orderId);
  }
  if (queue.length === 0) return;
  // Their statuses by listing, many ids a request: an order not listed is listed again a second
  // later before it counts as not there (as currentStatus does one at a time).
  const statuses = new Map<number, string>();
  const list = async (ids: number[]) => {
    for (let at = 0; at < ids.length; at += LISTED_AT_ONCE) {
      const chunk = ids.slice(at, at + LISTED_AT_ONCE);
      for await (const order of ll.orders.iterate({ id: chunk.join(",") })) {
        // An order not asked for: the server did not keep to the filter (it may list them all).
        if (!chunk.includes(order.id)) throw new Error("the listing did not keep to its ids");
        statuses.set(order.id, order.status);
      }
    }
  };
  try {
    await list(queue);
    const missing = queue.filter((id) => !statuses.has(id));
    if (missing.length > 0) {
      await new Promise((r) => setTimeout(r, 1000));
      await list(missing);
      for (const id of missing) if (!statuses.has(id)) statuses.set(id, "Deleted");
    }
  } catch {
    // Read one at a time under the lock instead (and said there when they cannot be read).
    return;
  }
  // Kept only what can no longer change: a closed order, and a paid one's people. The others are
  // read under the lock (see orderHere), where reading them now would be read again.
  const { orderStatusMeaning } = await import("@orderkit/client");
  run.ordersHere ??= new Map();
  const memo = run.ordersHere;
  const meaningOf = (id: number) => orderStatusMeaning(statuses.get(id) as string);
  for (const id of queue)
    if (meaningOf(id) === "closed")
      memo.set(id, { read: Promise.resolve({ status: statuses.get(id) as string }), ahead: true });
  const paid = queue.filter((id) => meaningOf(id) === "settled");
  await Promise.all(
    Array.from({ length: Math.min(4, paid.length) }, async () => {
      for (let next = paid.shift(); next !== undefined; next = paid.shift()) {
        const status = statuses.get(next) as string;
        const people = await peopleOnOrder(ll, next).catch(() => undefined);
        if (people) memo.set(next, { read: Promise.resolve({ status, people }), ahead: true });
      }
    }),
  );
}

/** How many order ids one listing of orders asks for (`id`, comma-separated). */
const LISTED_AT_ONCE = 50;

/**
 * A send recorded through another host is another server's (a mock, staging) or another name of
 * this one (a DNS alias, a proxy, its address): no key of a name tells which. Only one whose
 * recipients file shares people with this list (or cannot be read) is looked at, by what this
 * server holds: its order, read through this run's host. Not listed here (after two reads), or
 * closed: another server's order, or none that mails; not a repeat. Holding people of this list
 * here: they were sent (whatever that send's template and options: they are on an order of this
 * account). Otherwise, a send that may still be adding people is one this run cannot tell from
 * another server's, and stops it: one with no order yet, or whose order is open here and that
 * never checked out (unless archived: a --restart ended it). The repeat's text, or undefined.
 */
async function heldHereToo(
  ll: LettrLabsClient,
  run: Run,
  previous: RecordedSend,
  entry: LedgerEntry,
): Promise<string | undefined> {
  const { orderId } = entry;
  if (orderId === undefined && previous.archived) return undefined;
  const inFile = await sharedByFile(run, previous, entry);
  if (inFile === 0) return undefined;
  const { orderStatusMeaning } = await import("@orderkit/client");
  const host = entry.meaning.host;
  const through = `a send through ${host} started ${entry.createdAt.slice(0, 10)}, ${previous.entryPath}`;
  const some = (n: number | undefined) =>
    n === undefined
      ? "Some of these recipients may be"
      : n === run.scan.hashes.length
        ? `These ${n} recipients are`
        : `${n} of these ${run.scan.hashes.length} recipients are`;
  const whichServer = `if ${host} is another server (a mock), re-run this with --allow-repeat.`;
  if (orderId === undefined)
    return `${some(inFile)} in ${through}, which has no order yet (running, or interrupted): if ${host} names this server, finish that send through it first; ${whichServer}`;
  let here: OrderHere;
  try {
    here = await orderHere(ll, run, orderId);
  } catch (error) {
    return `Order ${orderId} (${through}) could not be read through ${run.meaning.host} (${printable((error as Error).message)}): if both name one server, it may hold these recipients. Run this again, or check that order.`;
  }
  const { status, people } = here;
  if (!people) return undefined;
  const shared = overlap(run.scan.hashes, people);
  if (shared > 0)
    return orderStatusMeaning(status) === "open"
      ? `${some(shared)} on order ${orderId} (status ${status}, not checked out yet) as ${run.meaning.host} lists it, which ${through} made: both hosts name this server. Finish that send through ${host}, or cancel order ${orderId} first.`
      : `${some(shared)} on order ${orderId} (status ${status}) as ${run.meaning.host} lists it, which ${through} made: both hosts name this server.`;
  if (previous.archived || checkedOutBefore(entry) || orderStatusMeaning(status) !== "open") return undefined;
  return `${some(inFile)} in ${through}, not finished, whose order ${orderId} is listed here (status ${status}, not mailed yet; it holds none of them now): if ${host} names this server, that send may be adding them to it; finish it through ${host} first. ${whichServer[0]?.toUpperCase()}${whichServer.slice(1)}`;
}

/**
 * Whether a recorded send may hold people of a send of `meaning` at all: one through another host
 * (unless `anyHost`), or of another API or template does not, nor an archived one that never had
 * an order, nor a Draft a restart deleted (recorded as it did so: gone for good). A damaged entry
 * may, unless what is left of it names another API or template.
 */
async function mayHoldThem(
  previous: RecordedSend,
  meaning: SendMeaning,
  anyTemplate: boolean,
  adoption: AdoptionIndex,
  /** A send through another host is looked at too (see heldHereToo). */
  anyHost = false,
): Promise<boolean> {
  const { entry } = previous;
  const named = entry?.meaning ?? previous.damagedNames ?? {};
  if (!anyHost && recordedElsewhere(previous, meaning)) return false;
  // An adopted order's template is not known (`LedgerEntry.adopted`, and the send's records in
  // send-orders/, whatever its entry says now), neither on that send nor on this one when it adopts
  // (`anyTemplate`): its people count whatever the template.
  if (
    !anyTemplate &&
    named.templateId !== undefined &&
    named.templateId !== meaning.templateId &&
    !(entry !== undefined && isAdopted(entry)) &&
    !(await adoption.adopted(
      entry?.key ?? keyOfStem(basename(previous.entryPath)),
      entry ? entry.orderId : previous.damagedNames?.orderId,
    ))
  )
    return false;
  if (entry && entry.orderId === undefined && previous.archived) return false;
  return !(previous.archived && entry?.lastStatus === "Deleted");
}

/** Today's hashes of a send 0.1.0 began that this version took over (`Ledger.writeFolded`), if any. */
function readFolded(previous: RecordedSend): Promise<Float64Array | undefined> {
  const key = keyOfStem(basename(previous.foldedPath, ".folded"));
  return readCheckedHashes(previous.foldedPath, foldedContext(key));
}

/**
 * The order of a send orderkit 0.1.0 made, or of a send whose entry is damaged (which may be one),
 * when it may hold people of this list under spellings of their names that its hashes do not tell
 * (its entry does not say its hashes are folded, and 0.1.0 may have keyed this list's people
 * otherwise): who is on it is then read from the order itself.
 */
function orderOf010(run: Run, previous: RecordedSend): number | undefined {
  if (!run.scan.keyedOtherwiseBy010) return undefined;
  const { entry } = previous;
  if (!entry) return previous.problem === "damaged" ? previous.damagedNames?.orderId : undefined;
  return entry.foldedKeys === true ? undefined : entry.orderId;
}

/** What a run found of an order of 0.1.0's send (see `orderOf010`). */
interface Order010 {
  status: string;
  /**
   * Its people, keyed as today; undefined when it is closed or could not be read (or is not listed,
   * and none were kept when it was last read as paid).
   */
  people?: Float64Array | undefined;
  /** Not listed by the server, though its send checked it out (deleted in the app, another account). */
  unlisted?: boolean;
}

/**
 * Reads an order of 0.1.0's send: its status, then, unless it is closed, its people keyed as today
 * (kept once the order is paid: its recipients can no longer change; a payment still settling may
 * fail, and the order be edited again). Once a run, whatever the outcome: a read that failed is not
 * tried again under the registry lock. Never throws, but for people kept in a file this user may
 * not read (see stopIfNotPermitted).
 */
async function readOrder010(
  ll: LettrLabsClient,
  run: Run,
  orderId: number,
  entry?: LedgerEntry,
): Promise<Order010> {
  run.orders010 ??= new Map();
  // An order not listed is gone only for an entry that never saw it checked out (currentStatus).
  const memo = `${orderId}:${entry !== undefined && sawCheckedOut(entry)}`;
  let read = run.orders010.get(memo);
  if (!read) {
    read = (async () => {
      const { orderStatusMeaning } = await import("@orderkit/client");
      const host = run.meaning.host;
      let status: string;
      try {
        status = await currentStatus(ll, orderId, entry);
      } catch (error) {
        // Checked out, so never deleted: the people kept when it was last read as paid, if any.
        if (error instanceof StoppedError)
          return { status: "not listed", unlisted: true, people: await keptPeople(host, orderId) };
        status = "unknown (could not be read)";
      }
      const meaning = orderStatusMeaning(status);
      // A damaged entry cannot say whether it checked its order out, so an order not listed reads
      // as Deleted for it: people kept when it was read as paid show it was (never deleted, then).
      if (meaning === "closed")
        return !entry && status === "Deleted"
          ? { status, people: await keptPeople(host, orderId) }
          : { status };
      const state = meaning === "settled" ? "paid" : meaning === "open" ? "editable" : "other";
      const people = await keptPeopleOnOrder(ll, host, orderId, state).catch((error) => {
        // Another user's file (a sudo run's) is never taken for people that could not be read.
        if (error instanceof NotPermittedError) throw error;
        return undefined;
      });
      return { status, people };
    })();
    run.orders010.set(memo, read);
  }
  return read;
}

/**
 * Reads, before the registry lock is taken, the orders of 0.1.0's sends that a repeat check will
 * read (see `orderOf010`), four at a time, so that the check, under the lock every send shares,
 * does not hold it while they are read.
 */
async function readOrdersOf010(ll: LettrLabsClient, run: Run): Promise<void> {
  if (!run.scan.keyedOtherwiseBy010) return;
  const queue: { orderId: number; entry?: LedgerEntry }[] = [];
  const adoption = adoptionIndex(run.ledger.home);
  for (const previous of await run.ledger.recorded(run.key)) {
    const orderId = orderOf010(run, previous);
    const { entry } = previous;
    if (orderId === undefined || !(await mayHoldThem(previous, run.meaning, run.adopting, adoption)))
      continue;
    queue.push(entry ? { orderId, entry } : { orderId });
  }
  await Promise.all(
    Array.from({ length: Math.min(4, queue.length) }, async () => {
      for (let next = queue.shift(); next; next = queue.shift())
        await readOrder010(ll, run, next.orderId, next.entry);
    }),
  );
}

/**
 * Refuses (exit 5) when any of these recipients were already sent with the same template to the
 * same API, are on an order of another send that is not finished, or belong to a send whose ledger
 * entry is missing or damaged, unless --allow-repeat. Orders found closed do not count.
 */
async function checkRepeats(
  ll: LettrLabsClient,
  run: Run,
  exceptKey: string = run.key,
  /**
   * `ownOrder`: this send's order (a resumed run; named in the refusal). Records of that order,
   * of `skipOrders` (a Draft a restart is about to delete, the order it adopts), and of the order
   * `--order` adopts, are this send's own, not repeats.
   */
  {
    ownOrder,
    skipOrders = [],
    anyTemplate = run.adopting,
  }: {
    ownOrder?: number;
    skipOrders?: (number | undefined)[];
    /** This send's order is adopted (its template unknown): sends of every template count. */
    anyTemplate?: boolean;
  } = {},
): Promise<void> {
  const { options, scan, meaning, key, ledger, say } = run;
  const own = new Set([...skipOrders, ownOrder, options.order].filter((id) => id !== undefined));
  const { orderStatusMeaning } = await import("@orderkit/client");
  const repeats: string[] = [];
  // This list, begun by 0.1.0 and not finished: refused even with --allow-repeat (see beganByEarlier).
  let begunEarlier = false;
  const adoption = adoptionIndex(ledger.home);
  const recorded = await ledger.recorded(exceptKey);
  const ordersHere = await ordersRecordedHere(run, recorded);
  // Every check reads again, once, what may have changed since an earlier reading (orderHere).
  for (const kept of run.ordersHere?.values() ?? []) kept.ahead = true;
  for (const previous of recorded) {
    const { entry } = previous;
    const elsewhere = recordedElsewhere(previous, meaning);
    // A damaged entry through another host is not looked for: its order is not known to be one.
    if (elsewhere && !entry) continue;
    if (!(await mayHoldThem(previous, meaning, anyTemplate, adoption, elsewhere))) continue;
    // This send's own record without an order (a --restart after a lost create) is not a repeat;
    // the same send in another journal is another run of it.
    if (entry && entry.orderId === undefined && entry.key === key && !previous.foreign) continue;
    if (entry?.orderId !== undefined && own.has(entry.orderId)) continue;
    if (entry && elsewhere) {
      // An order id a send through this host records is that send's here (checked as its own):
      // another host's order of that id is another server's.
      if (entry.orderId !== undefined && ordersHere.has(entry.orderId)) continue;
      const repeat = await heldHereToo(ll, run, previous, entry);
      if (repeat) repeats.push(repeat);
      continue;
    }
    let status: string | undefined;
    const statusOf = async (orderId: number) =>
      (status ??= await currentStatus(ll, orderId, entry).catch(() => "unknown (could not be read)"));
    // A send 0.1.0 made (or a damaged entry's): its order as this run read it, before the lock.
    const orderId010 = orderOf010(run, previous);
    const read010 = orderId010 === undefined ? undefined : await readOrder010(ll, run, orderId010, entry);
    if (read010 && entry) status = read010.status;
    // Who is on that send: its recipients file or, when that is missing or damaged (a run killed
    // while registering, an edit), the recipients its order holds, as the server lists them.
    let hashes = await readHashes(previous.recipientsPath, entry?.meaning.recipientsDigest).catch((error) => {
      stopIfNotPermitted(error, previous.recipientsPath);
      return undefined;
    });
    if (!hashes && entry?.orderId !== undefined) {
      if (orderStatusMeaning(await statusOf(entry.orderId)) === "closed") continue;
      hashes = read010?.people ?? (await peopleOnOrder(ll, entry.orderId).catch(() => undefined));
    }
    if (!hashes) {
      repeats.push(
        !entry
          ? `A send whose ledger entry is ${previous.problem} (${previous.entryPath}) has a missing or damaged recipients file: it cannot be told whether these recipients are on it, and its order may already be paid. Check your recent orders (\`orderkit orders list\`).`
          : entry.orderId === undefined
            ? `Another send started ${entry.createdAt.slice(0, 10)} (${previous.entryPath}) has no order yet (running, or interrupted) and a missing or damaged recipients file: re-run that send to finish it (it writes the file again).`
            : `The recipients of order ${entry.orderId} (another send, ${previous.entryPath}; status ${status}) could not be read, and its recipients file is missing or damaged: it may already hold these recipients. Check that order (\`orderkit recipients list ${entry.orderId}\`).`,
      );
      continue;
    }
    // A closed order does not count (below): found so before the file is read again to tell who
    // 0.1.0's hashes stand for.
    const earlierHash = recordedByEarlier(scan, hashes);
    if (
      entry?.orderId !== undefined &&
      earlierHash &&
      orderStatusMeaning(await statusOf(entry.orderId)) === "closed"
    )
      continue;
    // A send orderkit 0.1.0 made recorded a person with an accented name under that name's
    // spelling then, which may be none this list's rows are written in (fields in two forms, a
    // keyboard's own): its order, as the server lists it and keyed as today, says who is on it,
    // and so do today's hashes of a send 0.1.0 began that this version took over.
    const more: Float64Array[] = [];
    // (Only a list 0.1.0 may have keyed otherwise can meet a person these hold and its hashes do not.)
    const folded =
      entry?.foldedKeys === true || !scan.keyedOtherwiseBy010 ? undefined : await readFolded(previous);
    if (folded) more.push(folded);
    // Who is on that order, unless its list's people are known otherwise (a list taken over).
    if (read010 && orderId010 !== undefined) {
      if (read010.people) more.push(read010.people);
      else if (entry && !folded && read010.unlisted) {
        repeats.push(
          `Order ${orderId010} (a send of orderkit 0.1.0, ${previous.entryPath}), which that send checked out, is not listed by the server: this API key may be another account's, or the server's list is incomplete. Its people cannot be read, and 0.1.0 may have recorded some of these people under another spelling of their names. Check that order in the LettrLabs app, and run this with the API key of the account that made it.`,
        );
        continue;
      } else if (entry && !folded && orderStatusMeaning(read010.status) !== "closed") {
        repeats.push(
          `The recipients of order ${orderId010} (a send of orderkit 0.1.0, ${previous.entryPath}; status ${read010.status}) could not be read: 0.1.0 may have recorded some of these people under another spelling of their names, and that order may hold them. Check that order (\`orderkit recipients list ${orderId010}\`), or run this again.`,
        );
        continue;
      }
    }
    const { count: shared, byEarlier } = await sharedPeople(run, hashes, earlierHash, more);
    if (shared === 0) continue;
    const why = byEarlier ? EARLIER_SPELLING : "";
    // This very send (these people as 0.1.0 counted them, the same options), begun before an upgrade.
    const sameList =
      scan.earlierDigest !== undefined &&
      entry !== undefined &&
      entry.meaning.recipientsDigest === scan.earlierDigest &&
      entry.meaning.postage === meaning.postage &&
      entry.meaning.production === meaning.production &&
      entry.meaning.holdUntil === meaning.holdUntil;
    const all = shared === scan.hashes.length;
    const who = all ? `These ${shared} recipients` : `${shared} of these ${scan.hashes.length} recipients`;
    if (!entry) {
      repeats.push(
        `${who} belong to a send whose ledger entry is ${previous.problem} (${previous.entryPath}): its order may already be paid. Check your recent orders (\`orderkit orders list\`).${why}`,
      );
      continue;
    }
    const when = entry.createdAt.slice(0, 10);
    if (entry.orderId === undefined) {
      if (sameList) {
        repeats.push(beganByEarlier(undefined, when, undefined));
        begunEarlier = true;
        continue;
      }
      repeats.push(
        `${who} are in another send started ${when} that has no order yet (running, or interrupted): re-run that send to finish it.${why}`,
      );
      continue;
    }
    const meaningNow = orderStatusMeaning(await statusOf(entry.orderId));
    if (meaningNow === "closed") continue;
    if (sameList && meaningNow === "open") {
      repeats.push(beganByEarlier(entry.orderId, when, status));
      begunEarlier = true;
      continue;
    }
    repeats.push(
      meaningNow === "open"
        ? entry.checkouts > 0
          ? `${who} are already on order ${entry.orderId} (${when}, status ${status}), which that send checked out (its payment failed, or the checkout is still being applied): finish that send, or cancel the order first.`
          : `${who} are in another send, not finished, whose order is ${entry.orderId} (${when}, status ${status}, not mailed yet; it may hold some of them or none): finish that send, or cancel the order first.`
        : all && shared === hashes.length
          ? `${who} were already sent as order ${entry.orderId} on ${when}, status ${status}.`
          : `${who} were mailed in order ${entry.orderId} (${when}, status ${status}).`,
    );
    if (why) repeats[repeats.length - 1] += why;
  }
  if (repeats.length === 0) return;
  if (begunEarlier)
    throw new RepeatError(`${repeats.join("\n")}\nNothing was created or charged by this run.`);
  if (!options.allowRepeat) {
    throw new RepeatError(
      ownOrder === undefined
        ? `${repeats.join("\n")}\nNothing was created or charged. To mail them again anyway, re-run with --allow-repeat.`
        : `${repeats.join("\n")}\nThis send's order ${ownOrder} was not checked out, and nothing was charged by this run. To go on anyway, re-run with --allow-repeat.`,
    );
  }
  say(`${repeats.join("\n")}\nSending anyway (--allow-repeat).`);
}

/**
 * Whether `orderId` can be this send's order (`--order`), read under the order's lock: refuses
 * (exit 2) an order that is not open (unless this very send checked it out before, and it is being
 * paid or paid), that holds anyone outside this list, or that another
 * unfinished send records as its own (an active entry of any of the user's ledgers, or the owner
 * recorded beside the order's lock): the two lists would share the order, and that send would then
 * report its people as sent, or pay for both lists. At a --restart, a Draft reading of an order a
 * send of this list checked out is confirmed (confirmedAfterCheckout) before it is judged. Returns
 * the {@link Adoption}: the order, its status, and the most checkouts a send of this list recorded
 * on it (a --restart that adopts its old order again).
 */
async function adoptable(
  ll: LettrLabsClient,
  run: Run,
  orderId: number,
  restart: {
    /** A --restart, about to archive this send's entry (if any) once the order is adopted. */
    restarting: boolean;
    /** That entry: its count of refused people counts. */
    current?: LedgerEntry | undefined;
  } = { restarting: false },
): Promise<Adoption> {
  const { orderStatusMeaning } = await import("@orderkit/client");
  const host = serverKey(run.meaning.host);
  const refuse = (path: string, owner: LedgerEntry | null | undefined) =>
    new UsageError(
      `Order ${orderId} is the order of another send (${path}${owner ? `, started ${owner.createdAt.slice(0, 10)}` : ""}): adopting it would put two lists on one order. Nothing was added or charged. ${
        // A send that saw its order paid is over: re-running it only says so.
        owner?.settledAt !== undefined
          ? `That send is finished (its order was paid${owner.lastStatus ? `, last seen ${owner.lastStatus}` : ""}): give another order, or none (this send then makes its own).`
          : "Re-run that send to finish it, or give another order."
      }`,
    );
  let inherited = 0;
  // The most people LettrLabs refused when a copy of this very send (this entry, an archived one)
  // sent them to this order: they are not on it, and were never to be.
  const { current } = restart;
  let refused = current?.orderId === orderId ? current.rejected : 0;
  for (const other of await run.ledger.recorded(run.key)) {
    const owner = other.entry;
    if (owner?.orderId !== orderId) continue;
    if (owner.key === run.key && serverKey(owner.meaning.host) === host)
      refused = Math.max(refused, owner.rejected);
    if (serverKey(owner.meaning.host) !== host) {
      // Another host's send of this order id: through another name of this server, the same order
      // (its list would share it, and that send report people it never mailed); on another server
      // (a mock), another order of the same id, which no key of a name tells apart.
      // (An order this send made itself, recorded in send-orders/, is its own whatever names it.)
      if (run.adopting && !other.archived && !checkedOutBefore(owner))
        throw new UsageError(
          `Order ${orderId} is also the order of another send, not finished, through ${owner.meaning.host} (${other.entryPath}, started ${owner.createdAt.slice(0, 10)}): if that host names this server, adopting it would put two lists on one order. Nothing was added or charged. Finish that send through that host, or give another order, or none (this send then makes its own).`,
        );
      continue;
    }
    if (!other.archived) throw refuse(other.entryPath, owner);
    inherited = Math.max(inherited, owner.checkouts, owner.checkoutStarted ? 1 : 0);
  }
  const recorded = await orderOwner(run.meaning.host, orderId);
  if (recorded === null)
    throw new UsageError(
      `The owner record of order ${orderId} (${await orderOwnerPath(run.meaning.host, orderId)}) is damaged: it cannot be told whether another send owns the order. Nothing was added or charged. Re-run the send that made the order, or delete that file if none does.`,
    );
  if (
    recorded !== undefined &&
    (await realPath(recorded)) !== (await realPath(run.ledger.entryPath(run.key)))
  ) {
    // Archived or deleted since (a --restart): no longer anyone's. A damaged one still is.
    const owner = await readEntry(recorded).catch(() => null);
    if (owner === null || owner?.orderId === orderId) throw refuse(recorded, owner);
  }
  // This very send (the same list, template and options) checked the order out before (recorded in
  // send-orders/, kept by --restart): an order being paid or paid is its own, which the flow then
  // confirms and waits on. Refusing it would make the outcome hang on a listing's lag: a stale
  // Draft was adopted and confirmed, the truth refused (and once the restart had archived the
  // entry, refused for ever).
  // (Another list's checkout of it is not enough: a paid order holding part of an edited list
  // would be reported as this send's, already sent, and the rest never mailed.)
  const record = await readRecord(run.ledger.home, run.key, orderId);
  const checkedOutHere = record?.checkoutStarted === true;
  if (checkedOutHere) inherited = Math.max(inherited, 1);
  refused = Math.max(refused, record?.refused ?? 0);
  const order = await ll.orders.retrieve(orderId);
  let status: string = order.status;
  // This send's entry about to be archived, when it names this order: once archived, its checkouts
  // count as an archived copy's do.
  const ownEntry = current?.orderId === orderId ? current : undefined;
  if (restart.restarting && ownEntry)
    inherited = Math.max(inherited, ownEntry.checkouts, ownEntry.checkoutStarted ? 1 : 0);
  if (restart.restarting && inherited > 0 && orderStatusMeaning(status) === "open") {
    // A restart, about to archive this send's entry, of an order a send of this list checked out
    // (an archived copy, the order's record in send-orders/, or the entry itself, made before
    // those records were): a Draft reading may be a listing that lags behind that checkout.
    // Confirmed first, so that an order paid meanwhile (lacking people taken off it) is refused
    // before anything is archived; once archived, a re-run would take the order as this list's,
    // already sent.
    run.say(
      `Order ${orderId} reads as ${status} after an earlier checkout: confirming whether that checkout went through before the restart changes anything…`,
    );
    // Until the first reading that is not open: being paid is judged below as it is (a restart
    // with --no-wait does not wait on the payment here).
    status = await confirmedAfterCheckout(ll, run, orderId, ownEntry, true);
  }
  const meaning = orderStatusMeaning(status);
  const ownCheckout = checkedOutHere && (meaning === "pending" || meaning === "settled");
  if (meaning !== "open" && !ownCheckout)
    throw new UsageError(`Order ${order.id} is ${status}; it cannot take recipients.`);
  // Only an order holding nothing but recipients of this list can be this send's.
  const held = heldOf(await ll.orders.recipients.presentKeys(order.id), run.scan.hashes);
  if (held.foreign > 0) {
    throw new UsageError(
      `Order ${order.id} holds ${held.foreign} recipients that are not in this list: it is not this send's order. Nothing was added or charged.`,
    );
  }
  if (meaning === "open") return { order, status, inherited, refused };
  // Being paid or paid, it mails only whom it holds: it is this send's only if the people it lacks
  // are those LettrLabs refused when they were sent (else the rest would be reported as sent).
  if (held.missing > refused)
    throw new UsageError(
      `Order ${order.id} is ${status} and holds ${held.held} of the ${run.scan.hashes.length} recipients of ${run.csv}: the other ${held.missing} are not on it${refused > 0 ? ` (LettrLabs refused ${refused} of them when they were sent)` : ""}, and it cannot take recipients. Nothing was added or charged. See who it holds (\`orderkit recipients list ${order.id}\`), and send the others from a file of their own.`,
    );
  return { order, status, inherited, held, refused };
}

/** An order `adoptable` found this send may take. */
interface Adoption {
  order: LettrLabs.Order;
  /**
   * Its status: as read, or as the restart's confirmation found it. An open one is confirmed
   * again before a checkout (step 3): a listing may lag longer than the rule's wait, and only a
   * fresh reading keeps an order paid meanwhile from taking appends.
   */
  status: string;
  /** The most checkouts a send of this list recorded on it (archived copies, its record, a restart's own entry). */
  inherited: number;
  /** Being paid or paid: whom of the list it holds. */
  held?: HeldOfList;
  /** The most people LettrLabs refused when a copy of this send sent them to it. */
  refused: number;
}

/** How many of a list's people an order holds, how many it lacks, and how many people outside the list it holds. */
interface HeldOfList {
  held: number;
  missing: number;
  foreign: number;
}

/** Counts the people of `hashes` (a list's, sorted and distinct) among an order's recipient keys, in one walk. */
function heldOf(present: Iterable<string>, hashes: Float64Array): HeldOfList {
  const held = new Set<number>();
  let foreign = 0;
  for (const k of present) {
    const h = hashRecipientKey(k);
    if (includesSorted(hashes, h)) held.add(h);
    else foreign++;
  }
  return { held: held.size, missing: hashes.length - held.size, foreign };
}

/** `--map` options giving `map` again, each quoted for a shell. */
function mapArgs(map: Record<string, string> | undefined): string[] {
  return Object.entries(map ?? {}).flatMap(([column, field]) => ["--map", shellQuoted(`${column}=${field}`)]);
}

/**
 * The people of this send as its recipients file holds them (checked against the entry's digest),
 * read again for the checkout's comparison; a file changed or removed since the run began stops it.
 */
async function peopleOfSend(run: Run, entry: LedgerEntry): Promise<Float64Array> {
  const path = run.ledger.recipientsPath(run.key);
  const people = await readHashes(path, entry.meaning.recipientsDigest).catch((error) => {
    stopIfNotPermitted(error, path);
    return undefined;
  });
  if (people) return people;
  throw new StoppedError(
    `The recipients file of this send (${path}) was changed or removed while it ran. Nothing was charged. Run the same command again: it writes the file anew.`,
  );
}

/** {@link heldOf} the order's recipients as the server lists them now. */
async function heldOfList(ll: LettrLabsClient, run: Run, orderId: number): Promise<HeldOfList> {
  return heldOf(await ll.orders.recipients.presentKeys(orderId), run.scan.hashes);
}

/**
 * Stops (a damaged entry) when the entry names an order its send has no record of: the orders a
 * send makes or adopts are recorded in the state directory (`send-orders/`) before its entry names
 * them, so an entry edited to name another order would otherwise have this list appended to it,
 * and checked out, beside the order it was mailed on. Nothing is checked when no order of this
 * send is recorded (entries older than those records). An order adopted by a version that did not
 * record it is adopted again with --restart --order, through the adoption's checks.
 */
async function namedOrderIsOurs(run: Run, entry: LedgerEntry): Promise<void> {
  const { ledger, key } = run;
  const orderId = entry.orderId;
  if (orderId === undefined) return;
  const made = (await sendOrders(ledger.home, key)).map((o) => o.orderId);
  if (made.length === 0 || made.includes(orderId)) return;
  throw damaged(
    ledger.entryPath(key),
    `it names order ${orderId}, which this send neither made nor adopted (its orders: ${made.join(", ")}, recorded in ${sendOrdersDir(ledger.home)}). If this send adopted it with --order, run the same command with --restart --order ${orderId}`,
    JSON.stringify(entry),
  );
}

/**
 * Makes `orderId` this send's order, taken rather than created (adopted with --order, or found
 * lost from its entry). Saved with the order: every row is checked against it (it may hold some or
 * all of them), never appended again, also by a run stopped before the appends begin.
 */
function takeOrder(entry: LedgerEntry, orderId: number): void {
  entry.orderId = orderId;
  entry.checkAll = true;
  startOver(entry);
}

/** No row of the file counts as done on the entry's order any more: the counts start again at 0. */
function startOver(entry: LedgerEntry): void {
  entry.rowsDone = 0;
  entry.inFlight = undefined;
  entry.accepted = 0;
  entry.rejected = 0;
  entry.rejectedUnnamed = 0;
}

/**
 * The newest order recorded for this send in the user's state directory that no copy of it in any
 * ledger names (active or archived): one its ledger entry lost. Undefined when there is none.
 */
async function lostOrder(
  ll: LettrLabsClient,
  run: Run,
  lockTheOrder: (orderId: number) => Promise<void>,
): Promise<SendOrder | undefined> {
  const orders = await sendOrders(run.ledger.home, run.key);
  if (orders.length === 0) return undefined;
  // Named by a copy of this send, or by another send (which adopted it since): not lost. (A send
  // through another host naming its id names another server's order, or one it could not adopt.)
  const named = new Set<number>();
  for (const other of await run.ledger.recorded(run.key))
    if (other.entry?.orderId !== undefined && !recordedElsewhere(other, run.meaning))
      named.add(other.entry.orderId);
  const host = serverKey(run.meaning.host);
  const mine = await realPath(run.ledger.entryPath(run.key));
  for (const candidate of orders.filter((o) => !named.has(o.orderId)).reverse()) {
    const id = candidate.orderId;
    // Read under the order's lock, as an adoption is: what it holds cannot change meanwhile.
    await lockTheOrder(id);
    const owner = await orderOwner(host, id);
    // The owner beside the order's lock is another send's entry (another list, or another copy
    // that names it): another list's order now. Its entry gone, the order is read below.
    if (typeof owner === "string" && (await realPath(owner)) !== mine) {
      if (basename(owner) !== `${run.key}.json`) continue;
      const entry = await readEntry(owner).catch(() => null);
      if (entry === null || entry?.orderId === id) continue;
    }
    // Deleted since (a --restart whose archive is gone, the app): no one was mailed through it.
    if ((await currentStatus(ll, id)) === "Deleted") {
      if (!candidate.checkoutStarted) continue;
      throw new StoppedError(
        `Order ${id}, made by an earlier run of this send (recorded in ${run.ledger.home}/send-orders), is not listed, but its checkout was started: not treating it as deleted. Nothing was sent. Check it in the LettrLabs app; to let this send make an order of its own, delete ${join(run.ledger.home, "send-orders", `${run.key}.${id}`)}.`,
      );
    }
    let ours = 0;
    let foreign = 0;
    for (const k of await ll.orders.recipients.presentKeys(id))
      if (includesSorted(run.scan.hashes, hashRecipientKey(k))) ours++;
      else foreign++;
    if (foreign === 0) return candidate;
    if (ours > 0)
      throw new UsageError(
        `Order ${id}, made by an earlier run of this send (recorded in ${run.ledger.home}/send-orders), now also holds ${foreign} recipients of another list: this send cannot tell what of it was mailed. Nothing was sent. Check that order (orderkit orders get ${id}); to let this send make an order of its own, delete ${join(run.ledger.home, "send-orders", `${run.key}.${id}`)}.`,
      );
    // Holds only other people: another list's order now, never this send's.
  }
  return undefined;
}

/**
 * Writes a send's recipients file and, for a list orderkit 0.1.0 began (whose file holds 0.1.0's
 * hashes), today's hashes of its people beside it (`Ledger.writeFolded`), which other sends' repeat
 * checks read: a --restart archives both and registers the list again.
 */
async function writeRecords(ledger: Ledger, key: string, scan: CsvScan): Promise<void> {
  await ledger.writeRecipients(key, scan.recorded);
  if (scan.recorded !== scan.hashes) await ledger.writeFolded(key, scan.hashes);
}

/** Registers a new send under the registry lock, after the repeat check. */
async function register(ll: LettrLabsClient, run: Run): Promise<LedgerEntry> {
  const { scan, meaning, key, ledger } = run;
  await readOrdersOf010(ll, run);
  await readOrdersHere(ll, run);
  return ledger.withRegistry(async () => {
    await checkRepeats(ll, run);
    await ledger.remember();
    const now = new Date().toISOString();
    const entry: LedgerEntry = {
      version: 2,
      key,
      meaning,
      createdAt: now,
      updatedAt: now,
      source: run.csv,
      rowOrderDigest: scan.rowOrderDigest,
      contentDigest: scan.contentDigest,
      // Not for the send 0.1.0 began, whose hashes this run keeps (see `send`).
      ...(scan.recorded === scan.hashes ? { foldedKeys: true as const } : {}),
      // Known to other sends' repeat checks from now on, before the order is even read.
      ...(run.adopting ? { adopted: true } : {}),
      createStarted: false,
      rowsDone: 0,
      accepted: 0,
      rejected: 0,
      checkoutStarted: false,
      checkouts: 0,
    };
    await ledger.write(entry);
    await writeRecords(ledger, key, scan);
    await ledger.enrol(key, run.csv);
    return entry;
  });
}

/** Creates the order at most once, through the client's safe create (resumed after a crash). */
async function createOrder(
  ll: LettrLabsClient,
  entry: LedgerEntry,
  options: SendOptions,
  save: () => Promise<void>,
  say: (m: string) => void,
): Promise<number> {
  const created = await createFromTemplateOnce(ll, options.template, entry, save, {
    yes: Boolean(options.yes),
    whose: "this send's order",
    say,
  });
  say(
    created.recovered
      ? `Found order ${created.orderId}, created by the interrupted run.`
      : `Created order ${created.orderId} from template ${options.template}.`,
  );
  return created.orderId;
}

/**
 * What a send stopped over its file says of its order: what the order holds, how to go on with it,
 * and how to send the file as it is now instead (a changed file is another send, or, changed only
 * in fields other than the recipients' identity, this one, which must not go on with it).
 */
function draftAdvice(entry: LedgerEntry, orderId: number, holds: string): string {
  const state = entry.checkoutStarted
    ? `was checked out before, and its payment has not gone through (it is not mailed)`
    : `is not checked out (a Draft, never mailed)`;
  return `Order ${orderId} ${state}: ${holds}. Run the same command again with the file (and any --map) as it was when this send began to go on with that order. To send the file as it is now instead, cancel that order (\`orderkit orders cancel ${orderId}\`), then run the command again with --restart.`;
}

/**
 * Who the pass before this one recorded as refused on order `orderId`: the people its replies
 * named (`<key>.refused`), and how many more it refused unnamed (the entry's `rejectedUnnamed`).
 * Undefined when that is not known: an entry of an older version, or a record missing or damaged
 * (none is kept when nobody was named: then every refusal was unnamed).
 */
async function earlierRefused(
  run: Run,
  orderId: number,
  entry: LedgerEntry,
  refused: number,
): Promise<RefusedPeople | undefined> {
  const unnamed = entry.rejectedUnnamed;
  if (unnamed === undefined || unnamed > refused) return undefined;
  const people = await run.ledger.readRefused(run.key, orderId);
  if (people) return { people, unnamed };
  return unnamed === refused ? { people: EMPTY_HASHES, unnamed } : undefined;
}

/** Whom LettrLabs refused in a pass over the file: those it named, and how many it did not. */
interface RefusedPeople {
  /** Sorted, distinct hashes of the refused people the replies named (or the recount found). */
  people: Float64Array;
  /** Refused rows no reply named as sent (a count, or a report that matched no row). */
  unnamed: number;
}

/**
 * Appends the rows the order does not hold yet. `resumed`: the order existed before this run (its
 * entry named it), so the rows left are checked against the order's recipients whatever the entry
 * says: an entry is a file, and one rolled back (a backup, a snapshot) or edited by hand can name
 * fewer rows done than the order holds. Only an order this run created is trusted to be empty.
 * Returns whom LettrLabs refused in this pass, also kept beside the entry (`<key>.refused`) for
 * the next pass's recount.
 */
async function appendRows(
  ll: LettrLabsClient,
  entry: LedgerEntry,
  run: Run,
  save: () => Promise<void>,
  resumed: boolean,
): Promise<RefusedPeople> {
  const { options, scan, say } = run;
  const orderId = entry.orderId as number;
  // The same recipients (the send's key), with other fields changed (merge fields, say): the rows
  // already sent hold what the file held then, and this file must not complete them.
  if (entry.contentDigest !== undefined && entry.contentDigest !== scan.contentDigest) {
    if (entry.rowsDone > 0 || entry.inFlight !== undefined)
      throw new StoppedError(
        `The rows of ${run.csv} are not those this send began with: the same people (by name and address), but some of their fields changed since (a merge field, the spelling or letter case of a name, or the columns --map reads, say). Nothing more was appended. ${
          // 0.1.0 kept both spellings of a name as two rows, where this version skips the second:
          // the same file gives another digest, and only starting over sends it.
          run.takenOver && scan.apartFor010
            ? `orderkit 0.1.0 began this send, and if the file is as it was then, the rows this version skips as duplicates (one name in two Unicode spellings) are what differs: 0.1.0 took them for two people, and its order may hold someone twice. Cancel order ${orderId} (\`orderkit orders cancel ${orderId}\`), then run the command again with --restart.`
            : draftAdvice(entry, orderId, "it holds rows as the file held them then")
        }`,
      );
  }
  entry.contentDigest = scan.contentDigest;
  // Past rowsDone, the ledger narrows the search only for the same rows in the same order;
  // otherwise (another file order; an adopted order, whose entry step 3 saved with checkAll) every
  // row is checked against the order's recipients, and every re-run checks them all too until one
  // pass has reached the end (a run stopped midway has sent rows of another order past its rowsDone).
  const reorder = entry.rowOrderDigest !== scan.rowOrderDigest;
  // A run stopped while rows were in flight: the server may still be applying them. The client's
  // rule for every read-back applies: wait settleMs first, so that they are found, not sent again.
  const unsure = entry.inFlight !== undefined;
  if (reorder) {
    entry.checkAll = true;
    entry.rowOrderDigest = scan.rowOrderDigest;
    startOver(entry);
  }
  entry.source = run.csv;
  const verifyAll = entry.checkAll === true || resumed;
  const inFlight = entry.inFlight;
  const { recipientKey } = await import("@orderkit/client");
  // Every later read of the file must give the rows the scan checked (and keyed this send by): a
  // file changed since (saved again, replaced, a pipe) stops the send before the first row that
  // differs is sent.
  const changed = (what: string) =>
    new StoppedError(
      `${run.csv} changed while it was being sent (${what}): stopped before sending it. ${draftAdvice(entry, orderId, "it holds only rows that were sent as checked")}`,
    );
  let present: PresentRecipients | undefined;
  if (verifyAll || inFlight) {
    // A resumed pass waits too: an entry rolled back to a copy saved before an append's own save
    // no longer says that the append was in flight.
    if (unsure || resumed) await settle(run.settleMs);
    present = await ll.orders.recipients.present(orderId);
    say(`Verified ${present.size} recipients already on order ${orderId}.`);
    if (present.size > 0)
      await sameVersion(
        present,
        run,
        changed,
        draftAdvice(entry, orderId, "it holds those people as the other version gave them"),
        `Cancel order ${orderId} (\`orderkit orders cancel ${orderId}\`), then run the command again with --restart.`,
        `Check who order ${orderId} holds (\`orderkit recipients list ${orderId}\`), then finish it yourself (\`orderkit recipients add\`, \`orderkit checkout submit\`), or cancel it (\`orderkit orders cancel ${orderId}\`) and run the command again with --restart.`,
      );
  }
  const batchRows = options.chunkSize * options.concurrency;
  const progress = await startProgress("Appending recipients", scan.valid);
  let done = 0;
  for (let i = 0; i < entry.rowsDone; i++) if (!scan.skip.has(i)) done++;
  progress.update(done);
  // A resumed pass counts the people the order holds afresh: an entry that names too few rows done
  // (rolled back, edited) may carry a count of its own that is wrong either way.
  const recount = resumed && present !== undefined;
  // Rows the entry counts as done that the order does not hold: refused by the server (what the
  // entry counts as rejected), or not explained by it (below).
  const refusedBefore = entry.rejected;
  let missing = 0;
  // Who those refused are (by the pass's recount, and by each append's reply): the checkout holds
  // the order's missing people to them, person by person, not to their count.
  const refusedPeople = new HashList();
  let refusedUnnamed = 0;
  // What the pass before recorded of who was refused: the recount takes only those people, missing
  // from the order, for refused, and as many others as it refused without naming them. Without
  // that record (an entry of an older version, the file damaged or removed), their count decides.
  const earlier = recount ? await earlierRefused(run, orderId, entry, refusedBefore) : undefined;
  let missingUnnamed = 0;
  const carried = () => (earlier ? Math.min(missingUnnamed, earlier.unnamed) : 0);
  // The record is written again at the pass's first save, and whenever it names more.
  let recordStale = true;
  const push = (person: number) => {
    refusedPeople.push(person);
    recordStale = true;
  };
  if (recount) {
    entry.accepted = 0;
    entry.rejected = 0;
  }
  const doneBefore = entry.rowsDone;
  /** Stops before anything is appended when more rows are missing from the order than the entry saw refused. */
  const explained = () => {
    if (!recount || missing <= refusedBefore) return;
    throw new UsageError(
      `${missing} rows of ${run.csv} that the ledger counts as sent are not on order ${orderId}, and only ${refusedBefore} were refused by LettrLabs: removed from the order since, or a damaged ledger entry (${run.ledger.entryPath(run.key)}). Nothing was appended or paid. Check the order (orderkit orders get ${orderId}); to send the whole file as a new order instead, re-run with --restart${checkedOutBefore(entry) ? ` --allow-repeat (order ${orderId} was checked out before, so --restart leaves it as it is: make sure it is never paid)` : ""}.`,
    );
  };
  let batch: LettrLabs.Recipient[] = [];
  let from = entry.rowsDone;
  const flush = async (to: number) => {
    if (batch.length > 0) {
      entry.inFlight = { from, to };
      await save();
      const summary = await ll.orders.recipients
        .append(orderId, batch, {
          chunkSize: options.chunkSize,
          concurrency: options.concurrency,
          onProgress: (p) => progress.update(done + p.done, `${entry.accepted + p.accepted} accepted`),
          // Recorded at once (a stop may come before the append's error): rows taken where reading
          // this order back cannot see them must never be sent by a later run.
          onAnswered: async (problem) => {
            entry.answeredOtherwise = problem.slice(0, 300);
            run.onStop.hint = misroutedStopHint(run.ledger.entryPath(run.key));
            await save();
          },
        })
        .catch(async (error: unknown) => {
          // Saved again: the hook's own save may have failed (a full disk a moment ago).
          if (answeredOtherwise(error)) {
            entry.answeredOtherwise ??= (error as Error).message.slice(0, 300);
            run.onStop.hint = misroutedStopHint(run.ledger.entryPath(run.key));
            await save().catch((saveError: unknown) => {
              const why = `That could not be recorded in ${run.ledger.entryPath(run.key)} (${(saveError as { code?: string }).code ?? String(saveError)}): do not run this send again before checking the orders named.`;
              run.onStop.hint = `An append of this send was answered for another order. ${why}`;
              say(why);
            });
          }
          throw error;
        });
      entry.accepted += summary.accepted;
      // Every row sent and not accepted, whether or not the reply lists it (a server may give only
      // counts): the resumed pass's check compares the rows an order lacks with this figure.
      entry.rejected += batch.length - summary.accepted;
      let named = 0;
      for (const { index } of summary.rejected) {
        const refused = batch[index];
        if (refused) {
          push(hashRecipientKey(recipientKey(refused)));
          named++;
        }
      }
      // Refused rows the reply did not name, or named otherwise than sent: who they are is unknown.
      refusedUnnamed += Math.max(0, batch.length - summary.accepted - named);
      done += batch.length;
    }
    entry.rowsDone = to;
    entry.inFlight = undefined;
    entry.rejectedUnnamed = refusedUnnamed + carried();
    if (recordStale) {
      await run.ledger.writeRefused(run.key, orderId, refusedPeople.copy().finish().distinct);
      recordStale = false;
    }
    await save();
    progress.update(done, `${entry.accepted} accepted`);
    batch = [];
    from = to;
  };
  try {
    for await (const row of readAgain(run.csv, run.map, scan, changed)) {
      if (scan.skip.has(row.index)) continue;
      if (row.index < doneBefore) {
        if (recount) {
          if (present?.has(recipientKey(row.recipient))) entry.accepted++;
          else {
            missing++;
            entry.rejected++;
            const person = hashRecipientKey(recipientKey(row.recipient));
            if (!earlier || includesSorted(earlier.people, person)) push(person);
            else missingUnnamed++;
          }
        }
        continue;
      }
      explained();
      const check = verifyAll || (inFlight !== undefined && row.index < inFlight.to);
      if (present && check && present.has(recipientKey(row.recipient))) {
        entry.accepted++;
        done++;
        continue;
      }
      batch.push(row.recipient);
      if (batch.length >= batchRows) await flush(row.index + 1);
    }
    explained();
    await flush(scan.rows);
    if (entry.checkAll) {
      entry.checkAll = undefined;
      await save();
    }
    return { people: refusedPeople.finish().distinct, unnamed: refusedUnnamed + carried() };
  } finally {
    progress.stop();
  }
}

function finish(json: boolean, result: SendResult, headline: string): void {
  if (json) {
    printJson(result);
    return;
  }
  const lines = [
    headline,
    `  order        ${result.orderId} (${result.status})${result.resumed ? ", resumed" : ""}`,
    `  rows         ${result.rows.total} read, ${result.rows.valid} valid, ${result.rows.invalid} invalid, ${result.rows.duplicates} duplicate`,
    `  recipients   ${result.recipients.accepted} accepted, ${result.recipients.rejected} undeliverable`,
    `  proof        ${result.proof ?? "-"}`,
    `  price        ${result.price ? `${usd(result.price.balance ?? result.price.totalCharges)} to pay (${usd(result.price.totalCharges)} charges)` : "-"}`,
  ];
  process.stdout.write(`${lines.map(printable).join("\n")}\n`);
}
