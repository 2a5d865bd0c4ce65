import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { CHECKED_OUT, EDITABLE, type LettrLabs, type LettrLabsClient, recipientKey } from "@orderkit/client";
import type { GlobalOptions } from "../context.js";
import { lettrlabs, lettrlabsTarget } from "../context.js";
import { readRecipients } from "../csv/read.js";
import { UsageError } from "../errors.js";
import {
  fileSha256,
  journalPath,
  readJournal,
  removeJournal,
  type SendJournal,
  writeJournal,
} from "../journal.js";
import { formatPreview, note, printJson, usd } from "../output.js";
import { startProgress } from "../progress.js";
import { confirm } from "../prompt.js";
import { scanCsv } from "./scan.js";

/** Options of `orderkit send`. */
export interface SendOptions extends GlobalOptions {
  template: string;
  csv: string;
  postage: LettrLabs.PostageType;
  production: LettrLabs.ProductionSpeed;
  holdUntil?: string;
  proof?: string;
  yes?: boolean;
  dryRun?: boolean;
  restart?: boolean;
  skipInvalid?: boolean;
  rejects?: string;
  map: string[];
  journalDir: string;
  chunkSize: string;
  concurrency: string;
  order?: string;
  wait: boolean;
  waitTimeout: string;
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

function positive(value: string, name: string, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new UsageError(`${name} must be an integer from 1 to ${max}.`);
  return n;
}

function parseMap(pairs: string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    if (eq < 1 || eq === pair.length - 1) throw new UsageError(`--map takes column=field, got "${pair}".`);
    map[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return map;
}

/**
 * `orderkit send`: create the order, append the CSV, save the proof, preview the price, confirm,
 * check out and wait for settlement. Every step is recorded in a journal first, so running the
 * same command again after any interruption resumes without repeating a create, an append or a
 * checkout.
 */
export async function runSend(options: SendOptions): Promise<void> {
  const templateId = Number(options.template);
  if (!Number.isInteger(templateId) || templateId < 1)
    throw new UsageError("--template must be a positive integer id.");
  const chunkSize = positive(options.chunkSize, "--chunk-size", 1000);
  const concurrency = positive(options.concurrency, "--concurrency", 16);
  const waitTimeoutMs = positive(options.waitTimeout, "--wait-timeout") * 1000;
  let holdUntil: string | null = null;
  if (options.holdUntil) {
    const date = new Date(options.holdUntil);
    if (Number.isNaN(date.getTime()))
      throw new UsageError(`--hold-until is not a date: "${options.holdUntil}".`);
    holdUntil = date.toISOString();
  }
  const map = parseMap(options.map);
  const csv = resolve(options.csv);
  const json = Boolean(options.json);
  const say = (m: string) => note(m);

  // 1. Validate every row before anything is sent.
  const rejectsPath = options.skipInvalid ? resolve(options.rejects ?? `${csv}.rejects.csv`) : undefined;
  const scan = await scanCsv(csv, map, rejectsPath);
  if (scan.ignoredColumns.length > 0)
    say(`Ignoring columns: ${scan.ignoredColumns.join(", ")} (map them with --map).`);
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

  // 2. The journal for these inputs.
  const target = await lettrlabsTarget(options);
  const inputs = {
    templateId,
    csv,
    csvSha256: await fileSha256(csv),
    postage: options.postage,
    production: options.production,
    holdUntil,
    baseUrl: target.baseUrl ?? "default",
    map,
    skipInvalid: Boolean(options.skipInvalid),
  };
  const path = journalPath(options.journalDir, inputs);
  if (options.restart) await removeJournal(path);
  const existing = await readJournal(path);
  const journal: SendJournal = existing ?? {
    version: 1,
    inputs,
    rowsDone: 0,
    accepted: 0,
    rejected: 0,
    updatedAt: "",
  };
  const resumed = existing !== undefined;
  const save = () => writeJournal(path, journal);
  if (resumed) {
    if (journal.settled)
      say(
        `Already sent: order ${journal.orderId} is ${journal.settled.status}. Use --restart to send again.`,
      );
    else
      say(
        `Resuming (journal ${path}): order ${journal.orderId ?? "not created yet"}, ${journal.rowsDone}/${scan.rows} rows done.`,
      );
  }
  const ll = await lettrlabs(options);

  // 3. The order, created at most once.
  if (journal.orderId === undefined)
    journal.orderId = await obtainOrder(ll, journal, templateId, options.order, save, say);
  const orderId = journal.orderId;

  // 4. Recipients, appended at most once each.
  if (journal.rowsDone < scan.rows && !journal.checkoutStarted) {
    await appendRows(ll, journal, {
      csv,
      map,
      skip: scan.skip,
      rows: scan.rows,
      valid: scan.valid,
      chunkSize,
      concurrency,
      save,
      say,
    });
  }

  // 5. Proof.
  if (options.proof && journal.proofSaved !== resolve(options.proof)) {
    const pdf = await ll.orders.proof(orderId);
    await writeFile(resolve(options.proof), pdf);
    journal.proofSaved = resolve(options.proof);
    await save();
    say(`Saved the proof to ${options.proof} (${pdf.length} bytes).`);
  }

  // 6. Price preview.
  let preview: LettrLabs.CheckoutPreview | undefined;
  if (!journal.checkoutStarted) {
    preview = await ll.orders.checkout.preview(orderId, {
      postage: options.postage,
      production: options.production,
      ...(holdUntil ? { holdUntilDate: holdUntil } : {}),
    });
    if (!json) process.stdout.write(`\nPrice preview for order ${orderId}:\n${formatPreview(preview)}\n`);
  }

  const result = (status: string): SendResult => ({
    orderId,
    status,
    resumed,
    dryRun: Boolean(options.dryRun),
    rows: {
      total: scan.rows,
      valid: scan.valid,
      invalid: scan.invalidCount,
      duplicates: scan.duplicateCount,
    },
    recipients: { accepted: journal.accepted, rejected: journal.rejected },
    proof: journal.proofSaved ?? null,
    price: preview
      ? {
          totalCharges: preview.totalCharges,
          totalCredits: preview.totalCredits ?? null,
          balance: preview.balance ?? null,
        }
      : null,
    checkout: journal.checkout ? { status: journal.checkout.status } : null,
    journal: path,
  });

  if (options.dryRun) {
    finish(
      json,
      result("Draft"),
      "Dry run: nothing was charged. Run the same command without --dry-run to check out this order.",
    );
    return;
  }

  // 7. Confirmation, then checkout at most once.
  if (!journal.checkout) {
    if (journal.checkoutStarted) {
      const status = (await ll.orders.get(orderId)).status;
      if (CHECKED_OUT.has(status)) journal.checkout = { status, pollAfterSeconds: 5 };
      else if (!EDITABLE.has(status))
        throw new UsageError(`Order ${orderId} is ${status}; not checking out.`);
      await save();
    }
    if (!journal.checkout) {
      await confirm(
        `Check out order ${orderId}: ${scan.valid} recipients, ${options.postage} postage, ${options.production} production, ${usd(preview?.balance ?? preview?.totalCharges)} to pay?`,
        Boolean(options.yes),
      );
      journal.checkoutStarted = true;
      await save();
      const outcome = await ll.orders.checkout.submit(orderId, {
        postageType: options.postage,
        productionSpeed: options.production,
        ...(holdUntil ? { holdUntilDate: holdUntil } : {}),
      });
      journal.checkout = { status: outcome.status, pollAfterSeconds: outcome.pollAfterSeconds };
      await save();
      say(
        `Checked out order ${orderId}: ${outcome.status}${outcome.recovered ? " (confirmed by reading the order back)" : ""}.`,
      );
    }
  }

  // 8. Settlement.
  if (!journal.settled && options.wait) {
    say(`Waiting for payment to settle (polling every ${journal.checkout.pollAfterSeconds} s)…`);
    const settled = await ll.orders.waitForSettlement(orderId, {
      pollAfterSeconds: journal.checkout.pollAfterSeconds,
      timeoutMs: waitTimeoutMs,
    });
    journal.settled = { status: settled.status };
    await save();
  }
  const status = journal.settled?.status ?? journal.checkout.status;
  finish(json, { ...result(status), checkout: { status } }, `Order ${orderId} is ${status}.`);
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
  process.stdout.write(`${lines.join("\n")}\n`);
}

async function obtainOrder(
  ll: LettrLabsClient,
  journal: SendJournal,
  templateId: number,
  adopt: string | undefined,
  save: () => Promise<void>,
  say: (m: string) => void,
): Promise<number> {
  if (adopt) {
    const order = await ll.orders.get(Number(adopt));
    if (!EDITABLE.has(order.status))
      throw new UsageError(`Order ${order.id} is ${order.status}; it cannot take recipients.`);
    journal.orderId = order.id;
    await save();
    return order.id;
  }
  const drafts = async () => {
    const ids: number[] = [];
    for await (const o of ll.orders.iterate({ status: "Draft", pageSize: 500 })) ids.push(o.id);
    return ids;
  };
  if (journal.createStarted && journal.draftsBefore) {
    // A previous run was interrupted around the create: find its order instead of making another.
    const before = new Set(journal.draftsBefore);
    const fresh = (await drafts()).filter((id) => !before.has(id));
    if (fresh.length === 1) {
      journal.orderId = fresh[0] as number;
      await save();
      say(`Found order ${journal.orderId}, created by the interrupted run.`);
      return journal.orderId;
    }
    if (fresh.length > 1) {
      throw new UsageError(
        `The interrupted run may have created one of these Draft orders: ${fresh.join(", ")}. Re-run with --order <id> to continue with the right one.`,
      );
    }
  }
  journal.draftsBefore = await drafts();
  journal.createStarted = true;
  await save();
  const created = await ll.orders.create({ templateId });
  journal.orderId = created.orderId;
  await save();
  say(`Created order ${created.orderId} from template ${templateId}.`);
  return created.orderId;
}

async function appendRows(
  ll: LettrLabsClient,
  journal: SendJournal,
  o: {
    csv: string;
    map: Record<string, string>;
    skip: Set<number>;
    rows: number;
    valid: number;
    chunkSize: number;
    concurrency: number;
    save: () => Promise<void>;
    say: (m: string) => void;
  },
): Promise<void> {
  const orderId = journal.orderId as number;
  // Rows that were in flight when a previous run stopped: keep only those the order lacks.
  let present: Set<string> | undefined;
  if (journal.inFlight) {
    present = new Set();
    for await (const r of ll.orders.recipients.iterate(orderId, { pageSize: 500 }))
      present.add(recipientKey(r));
    o.say(`Verified ${present.size} recipients already on order ${orderId}.`);
  }
  const inFlight = journal.inFlight;
  const batchRows = o.chunkSize * o.concurrency;
  const progress = await startProgress("Appending recipients", o.valid);
  let done = journal.rowsDone - [...o.skip].filter((i) => i < journal.rowsDone).length;
  progress.update(done);
  let batch: LettrLabs.Recipient[] = [];
  let from = journal.rowsDone;
  const flush = async (to: number) => {
    if (batch.length > 0) {
      journal.inFlight = { from, to };
      await o.save();
      const summary = await ll.orders.recipients.append(orderId, batch, {
        chunkSize: o.chunkSize,
        concurrency: o.concurrency,
        onProgress: (p) => progress.update(done + p.done, `${journal.accepted + p.accepted} accepted`),
      });
      journal.accepted += summary.accepted;
      journal.rejected += summary.rejected.length + summary.duplicates.length;
      done += batch.length;
    }
    journal.rowsDone = to;
    journal.inFlight = undefined;
    await o.save();
    progress.update(done, `${journal.accepted} accepted`);
    batch = [];
    from = to;
  };
  try {
    for await (const row of readRecipients(o.csv, { map: o.map })) {
      if (row.index < journal.rowsDone || o.skip.has(row.index)) continue;
      if (present && inFlight && row.index < inFlight.to && present.has(recipientKey(row.recipient))) {
        journal.accepted++;
        done++;
        continue;
      }
      batch.push(row.recipient);
      if (batch.length >= batchRows) await flush(row.index + 1);
    }
    await flush(o.rows);
  } finally {
    progress.stop();
  }
}
