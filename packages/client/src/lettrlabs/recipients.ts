import type { LettrLabs } from "@orderkit/types";
import { abortable } from "../core/abort-listeners.js";
import { abortedError } from "../core/errors.js";
import { listBodySerializer } from "../core/json-list-body.js";
import { type Page, toPage } from "../core/page.js";
import { paginate, readBack } from "../core/paginate.js";
import { redact } from "../core/redact.js";
import {
  markAnsweredOtherwise,
  mayHaveApplied,
  notSent,
  safeWrite,
  waitToReadBack,
} from "../core/safe-write.js";
import {
  idParam,
  type LettrLabsContext,
  type RequestOptions,
  safeWriteErrors,
  sendPayload,
  toLettrLabsError,
} from "./call.js";
import { type LettrLabsError, lettrLabsError, listStalled } from "./errors.js";
import { PendingRows, type TakenChunk, unnumbered } from "./pending-rows.js";
import { PresentRecipients } from "./present-recipients.js";
import { recipientKey } from "./recipient-key.js";
import { appendResultShape, objectShape, recipientListShape } from "./shapes.js";

/** Search and paging of `recipients.list`. */
export type RecipientsQuery = NonNullable<LettrLabs.operations["getOrderRecipients"]["parameters"]["query"]>;

/** Progress of a bulk append, reported after every chunk. */
export interface AppendProgress {
  /**
   * Recipients to send (valid, de-duplicated). Rows are checked as they are sent, so rows not
   * checked yet count as to be sent: the figure can only go down, and is exact once every row has
   * been checked (at the latest in the last report).
   */
  total: number;
  /** Recipients whose chunk is settled (acknowledged or verified). */
  done: number;
  accepted: number;
  rejected: number;
}

/** Options of `recipients.append`. */
export interface AppendOptions extends RequestOptions {
  /** Recipients per request. Default and maximum 1000 (the API's per-request limit). */
  chunkSize?: number;
  /** Requests in flight at once. Default 4. */
  concurrency?: number;
  /**
   * Called after every settled chunk. If it throws, no further chunk is started and, once the
   * chunks in flight are settled, its error is rethrown as is (what was appended stays appended).
   */
  onProgress?: (progress: AppendProgress) => void;
  /**
   * A previous process may have sent (some of) these recipients and stopped without knowing the
   * outcome: read the order's recipients first and send only the missing ones.
   */
  resume?: boolean | undefined;
  /**
   * Called, and awaited, as soon as a chunk is answered for another order, before the append ends
   * (other chunks may still be in flight): those rows may be on that order, where reading this
   * one back cannot see them, so a caller that resumes appends (the CLI) records it at once, and
   * no later run sends them again, even after a stop that comes before the append's error.
   */
  onAnswered?: ((problem: string) => Promise<void> | void) | undefined;
}

/** A recipient that was not added, with its position in the input. */
export interface RejectedRecipient {
  /** Index in the input array, or -1 when the API's report could not be matched to the input. */
  index: number;
  /**
   * The server's reason (such as `DoNotMail`), or `NotAdded` for a row its answer counted as refused
   * (do-not-mail, duplicated, invalid address) without naming it, found missing by reading back.
   * For a row refused before sending, the code of its first problem (see `validateRecipient`), or
   * `UNREADABLE` for a row that threw when it was read (a getter, a Proxy) or that JSON cannot
   * write (a BigInt, a cycle): never sent.
   */
  reason: string;
  /**
   * For a row refused before sending: the field at fault (`zipCode`; the path of an unknown one,
   * such as `address.adress2`).
   */
  field?: string;
}

/**
 * The `reason` of a rejected row the server counted as refused (do-not-mail, duplicated, invalid
 * address) without naming it, found missing by reading the order back.
 */
const UNNAMED_REFUSAL = "NotAdded";

/** The merged result of a bulk append. */
export interface AppendSummary {
  orderId: number;
  /** Recipients given. */
  submitted: number;
  /** Recipients sent (given, minus duplicates and locally invalid ones). */
  sent: number;
  /**
   * Recipients the API added. After a read-back (see `recovered`) this counts the rows found on
   * the order, which includes any that were there before this call (the API refuses a repeat of
   * those as `Duplicate`, and a read-back cannot tell them apart).
   */
  accepted: number;
  /** Recipients not added: refused locally or reported undeliverable by the API. */
  rejected: RejectedRecipient[];
  /** Input rows repeating an earlier row; not sent. */
  duplicates: { index: number; duplicateOf: number }[];
  /**
   * Recipients found on the order by a read-back (not re-sent): added by a request whose answer
   * was lost, or that counted fewer added than it was sent without naming which rows it refused,
   * or already on the order before this call.
   */
  recovered: number;
  /** Recipients re-sent because read-back showed they were missing. */
  resent: number;
  /** HTTP requests made for the appends (read-backs not counted). */
  requests: number;
}

const MAX_CHUNK = 1000;

function finish(summary: AppendSummary): AppendSummary {
  return { ...summary, rejected: [...summary.rejected].sort((a, b) => a.index - b.index) };
}
const READ_PAGE = 500;
const recipientsBody = /* @__PURE__ */ listBodySerializer("recipients");

export function createRecipients(ctx: LettrLabsContext) {
  const { raw } = ctx;

  /** One page of an order's recipients. */
  async function list(
    orderId: number,
    query: RecipientsQuery = {},
    options: RequestOptions = {},
  ): Promise<Page<LettrLabs.Recipient>> {
    const id = idParam(ctx, orderId, "orderId");
    const payload = await sendPayload(
      ctx,
      "getOrderRecipients",
      () => raw.GET("/v1/order/{id}/recipients", { params: { path: { id }, query }, signal: options.signal }),
      recipientListShape,
    );
    return toPage(payload.recipients, { pageNumber: query.pageNumber ?? 0, pageSize: query.pageSize ?? 100 });
  }

  /** Every recipient of an order, page after page. */
  function iterate(
    orderId: number,
    query: RecipientsQuery = {},
    options: RequestOptions = {},
  ): AsyncGenerator<LettrLabs.Recipient, void, undefined> {
    return pages(orderId, query, options, false);
  }

  /** `iterate`, `strict` for read-backs (see paginate). */
  function pages(orderId: number, query: RecipientsQuery, options: RequestOptions, strict: boolean) {
    return paginate(
      (pageNumber, size) => list(orderId, { ...query, pageNumber, pageSize: size }, options),
      query.pageSize ?? 100,
      {
        invalid: listStalled("getOrderRecipients"),
        firstPage: query.pageNumber ?? 0,
        identity: (r) => r.id ?? recipientKey(r),
        strict,
      },
    );
  }

  /** Removes recipients by id (safe to repeat). */
  async function remove(
    orderId: number,
    recipientIds: readonly number[],
    options: RequestOptions = {},
  ): Promise<LettrLabs.OrderRef> {
    const id = idParam(ctx, orderId, "orderId");
    const recipientsIds = recipientIds.map((r, i) => idParam(ctx, r, `recipientIds[${i}]`));
    return sendPayload(
      ctx,
      "deleteOrderRecipients",
      () =>
        raw.DELETE("/v1/order/{id}/recipients", {
          params: { path: { id } },
          body: { recipientsIds },
          signal: options.signal,
        }),
      objectShape,
    );
  }

  /**
   * The identity (`recipientKey`) of every recipient already on the order: the read-back that
   * decides which rows are sent again (read twice, strict: see `readBack` and `paginate`).
   */
  async function presentKeys(orderId: number, options: RequestOptions = {}): Promise<Set<string>> {
    const keys = new Set<string>();
    await readBack(readAll(orderId, options), (r) => keys.add(recipientKey(r)));
    return keys;
  }

  /**
   * The recipients already on the order, who they are and what their mail-merge fields say: the
   * read-back of `presentKeys`, for a caller that must not complete an order holding rows of
   * another version of its list (see `PresentRecipients.differs`).
   */
  async function present(orderId: number, options: RequestOptions = {}): Promise<PresentRecipients> {
    const held = new PresentRecipients();
    await readBack(readAll(orderId, options), (r, again) => held.add(r, again));
    return held;
  }

  const readAll = (orderId: number, options: RequestOptions) => () =>
    pages(orderId, { pageSize: READ_PAGE }, options, true);

  /**
   * Appends any number of recipients, exactly once each. Splits them into chunks of at most 1000,
   * sends them with bounded concurrency and merges the results. Rows repeating an earlier row and
   * rows missing a required address field are reported, not sent. A chunk whose outcome is unknown
   * (timeout, dropped connection, 5xx) is never re-sent blindly: once the other chunks are done,
   * the order's recipients are read back (always, whatever the retry settings) and only the
   * missing ones are sent again, within the client's recovery rounds. A failure part-way carries
   * what was applied in `error.partial`. Each row is taken as JSON writes it. Rows are read again
   * to confirm a repeat or to read back: do not change them until the append has ended.
   */
  async function append(
    orderId: number,
    recipients: readonly LettrLabs.Recipient[],
    options: AppendOptions = {},
  ): Promise<AppendSummary> {
    const operation = "appendOrderRecipients";
    const id = idParam(ctx, orderId, "orderId");
    if (!Array.isArray(recipients))
      throw lettrLabsError("invalid_argument", {
        message: `${operation}: recipients must be an array.`,
        operation,
      });
    for (const name of ["chunkSize", "concurrency"] as const) {
      const value: unknown = options[name];
      // Anything else ("abc", {}) would make no chunk or no worker: nothing sent, and a summary.
      if (value !== undefined && !(typeof value === "number" && !Number.isNaN(value))) {
        throw lettrLabsError("invalid_argument", {
          message: `${name} must be a number, got ${typeof value === "number" ? value : typeof value}.`,
          operation,
        });
      }
    }
    const chunkSize = Math.min(MAX_CHUNK, Math.max(1, Math.floor(options.chunkSize ?? MAX_CHUNK)));
    const concurrency = Math.max(1, Math.floor(options.concurrency ?? 4));
    // Chunks whose answer counted rows as refused without naming them (a do-not-mail count): their
    // unnamed rows, and how many of them the answer says it refused. When the read-back misses no
    // more of them than that, the missing are those refused, reported as rejected and never sent
    // again; missing more, which are which is unknown, and they are sent again.
    const countedOut: { rows: number[]; refused: number; reasons: string[] }[] = [];
    let answeredElsewhere = false;
    const summary: AppendSummary = {
      orderId: id,
      submitted: recipients.length,
      sent: 0,
      accepted: 0,
      rejected: [],
      duplicates: [],
      recovered: 0,
      resent: 0,
      requests: 0,
    };

    const rows = new PendingRows(recipients, summary);
    // Rows to send in the next attempt; until then, the first attempt takes them from `rows` as it goes.
    let pending: number[] = options.resume ? rows.take(Number.POSITIVE_INFINITY) : [];
    const progress: AppendProgress = { total: 0, done: 0, accepted: 0, rejected: 0 };
    let reportedTotal = -1;
    // An exception from onProgress is the caller's: no more chunks are started, and once the
    // chunks in flight are settled it is rethrown as is (never taken for an ambiguous append).
    let callbackFailure: { error: unknown } | undefined;
    const report = () => {
      progress.total = summary.sent + rows.unchecked;
      reportedTotal = progress.total;
      try {
        options.onProgress?.({ ...progress });
      } catch (error) {
        callbackFailure ??= { error };
      }
    };
    // Rows whose chunk failed ambiguously in the last attempt (all rows when resuming).
    let uncertain: number[] = options.resume ? pending : [];
    let firstAttempt = true;

    // A read-back that found rows of `recipients` on the order with other mail-merge fields.
    let otherVersion: Error | undefined;
    /**
     * Reads the order back and counts the rows of `indexes` found on it as recovered (summary and
     * progress); returns the indexes of those missing. A row the order holds with other
     * mail-merge fields than given is not this row, and is not sent again either: the order holds
     * another version of the list, and completing it would mix the two. That stops the append.
     */
    const readBack = async (indexes: readonly number[]): Promise<number[]> => {
      const held = await present(id, options);
      const changed: number[] = [];
      const missing = indexes.filter((i) => {
        const r = rows.rowAt(i);
        const key = recipientKey(r);
        if (!held.has(key)) return true;
        if (held.differs(r, key)) changed.push(i);
        return false;
      });
      if (changed.length > 0) {
        const first = changed[0] as number;
        const fields = held.differs(rows.rowAt(first)) ?? [];
        const listed = `${changed.slice(0, 5).join(", ")}${changed.length > 5 ? ", …" : ""}`;
        const how =
          fields.length > 0
            ? `differs in ${fields.join(", ")}`
            : "is on the order twice (two rows, or two spellings of one name)";
        otherVersion = withPartial(
          lettrLabsError("conflict", {
            message: `${operation}: order ${id} holds ${changed.length} of these recipients twice or with other mail-merge text than given (input index ${listed}; the first ${how}): another version of the list was sent to it, or the server stored it otherwise. Nothing more was appended. Send the list as it was, or remove those recipients from the order first.`,
            operation,
          }),
          "",
        );
        throw otherVersion;
      }
      const found = indexes.length - missing.length;
      summary.recovered += found;
      summary.accepted += found;
      progress.accepted += found;
      progress.done += found;
      if (found > 0) report();
      return missing;
    };

    const withPartial = (error: unknown, note: string): Error => {
      // Check the rows not reached yet, so the partial summary lists every duplicate and invalid
      // row and counts every recipient that was to be sent, as if all had been checked up front.
      rows.take(Number.POSITIVE_INFINITY);
      // Anything thrown that is not a LettrLabsError (a throwing onProgress, say) is wrapped, its
      // own error kept as the cause.
      const e = toLettrLabsError(ctx, error, operation);
      return lettrLabsError(e.kind, {
        message: `${e.message}${note}`,
        status: e.status,
        operation,
        requestId: e.requestId,
        reasonCode: e.reasonCode,
        errors: e.errors,
        recipientErrors: e.recipientErrors,
        candidates: e.candidates,
        retryAfterMs: e.retryAfterMs,
        cause: error,
        partial: finish(summary),
      });
    };
    const confirmedBeforeAbort = (error: Error) =>
      withPartial(error, ` ${summary.accepted} recipients were confirmed before the abort.`);

    if (recipients.length === 0 || (options.resume && pending.length === 0)) return finish(summary);
    let result: AppendSummary;
    try {
      result = await safeWrite<AppendSummary>(ctx, safeWriteErrors(ctx), {
        operation,
        resume: options.resume,
        signal: options.signal,
        attempt: async () => {
          let nextChunk: () => TakenChunk | undefined;
          const lazy = firstAttempt && !options.resume;
          // Never more workers than chunks there can be (also caps `concurrency: Infinity`).
          const workers = Math.min(
            concurrency,
            Math.ceil((lazy ? recipients.length : pending.length) / chunkSize),
          );
          // The rows this attempt has not taken yet (taking them all).
          let untaken: () => number[];
          if (lazy) {
            nextChunk = () => {
              if (callbackFailure) return undefined;
              const chunk = rows.takeChunk(chunkSize);
              return chunk.rows.length > 0 ? chunk : undefined;
            };
            untaken = () => rows.take(Number.POSITIVE_INFINITY);
          } else {
            if (!firstAttempt) summary.resent += pending.length;
            const rest = pending;
            let at = 0;
            nextChunk = () => {
              if (at >= rest.length || callbackFailure) return undefined;
              const chunk = rest.slice(at, at + chunkSize);
              at += chunkSize;
              return { rows: chunk, body: undefined };
            };
            untaken = () => {
              const left = rest.slice(at);
              at = rest.length;
              return left;
            };
          }
          firstAttempt = false;
          const failed: number[] = [];
          // Rows of chunks whose handling threw (refused, or a reply that could not be used).
          const unsettled: number[] = [];
          // A chunk's request cut short by the caller's abort while on its way.
          let cutShort = false;
          let ambiguous: unknown;
          try {
            await runPool(nextChunk, Math.max(1, workers), async (chunk) => {
              try {
                await sendChunk(chunk.rows, chunk.body);
              } catch (error) {
                unsettled.push(...chunk.rows);
                throw error;
              }
            });
          } catch (error) {
            // The caller's abort: when it cut a chunk short (even if it then surfaced from a wait),
            // the protocol says the append may have been applied; `abortedUnsure` adds the summary.
            // A chunk the abort cut short, or one that had already failed ambiguously: the append
            // may have been applied, even when the abort itself only stopped a wait.
            const aborted = (abort: unknown) =>
              cutShort || ambiguous !== undefined
                ? toLettrLabsError(ctx, abortedError(abort), operation)
                : abort;
            if ((error as LettrLabsError).kind === "aborted") throw aborted(error);
            // Should the protocol read back (a failure that may have been applied), every row not
            // confirmed is in question, not only those of the chunks that failed ambiguously.
            uncertain = [...new Set([...failed, ...unsettled, ...untaken()])];
            // A chunk failed for sure (refused, or could not be sent) while others' outcome is
            // unknown: read those back first, so that the partial summary says what the order holds.
            let unconfirmed = failed.length > 0 ? ` ${failed.length} more recipients are unconfirmed.` : "";
            if (failed.length > 0) {
              try {
                // The same wait as the protocol's before its read-back: a chunk still being applied
                // must not be called "not added".
                await waitToReadBack(ctx.settleMs, options.signal);
                const absent = new Set(await readBack(failed));
                unconfirmed =
                  absent.size > 0
                    ? ` ${absent.size} more were not added (verified by reading the order back); it is safe to send them again.`
                    : "";
                const found = new Set(failed.filter((i) => !absent.has(i)));
                uncertain = uncertain.filter((i) => !found.has(i));
              } catch (readError) {
                // Aborted meanwhile: the abort is what the caller gets.
                if ((readError as LettrLabsError).kind === "aborted") throw aborted(readError);
                if (readError === otherVersion) throw readError;
                // Unreadable: those rows may have been added, so the append as a whole may have
                // been applied in part: an ambiguous write, whatever failed first.
                throw withPartial(
                  safeWriteErrors(ctx).ambiguous({
                    message: `${operation}: a chunk failed (${(error as Error).message}) and reading the order back failed too: ${failed.length} recipients may have been added.`,
                    operation,
                    candidates: [],
                    cause: error,
                  }),
                  ` ${summary.accepted} recipients were confirmed before the failure; append again with \`resume: true\` (it reads the order back first), never blindly.`,
                );
              }
            }
            throw withPartial(
              error,
              ` ${summary.accepted} recipients were added before the failure.${unconfirmed}`,
            );
          }
          // Rows checked after the last report (repeats, invalid rows) change the total: say so.
          if (summary.sent + rows.unchecked !== reportedTotal) report();
          uncertain = failed;
          if (ambiguous !== undefined) throw ambiguous;
          return finish(summary);

          /** Sends one chunk and counts its outcome (a chunk whose outcome is unknown goes to `failed`). */
          async function sendChunk(
            chunk: number[],
            bytes: Uint8Array<ArrayBuffer> | undefined,
          ): Promise<void> {
            summary.requests++;
            // The rows as sent, made only when read: when the chunk's bytes were written as it was
            // taken, nothing reads them (the rows are not read again). Otherwise they are made
            // where the request is built, as any body: a row that cannot be read there makes the
            // request one that cannot be sent (invalid_argument), never a pipeline failure.
            let sent: LettrLabs.Recipient[] | undefined;
            const payload = {
              get recipients(): LettrLabs.Recipient[] {
                sent ??= chunk.map((i) => unnumbered(rows.rowAt(i)));
                return sent;
              },
            };
            let result: LettrLabs.AppendResult;
            try {
              // Aborted before this chunk left (between chunks): nothing of it can be applied.
              if (options.signal?.aborted) throw abortedError(options.signal.reason, true);
              result = await sendPayload(
                ctx,
                operation,
                () =>
                  raw.PUT("/v1/order/{id}/recipients", {
                    params: { path: { id } },
                    body: payload,
                    // Sent as UTF-8 bytes: those written as the rows were checked (see PendingRows),
                    // or made by jsonListBody. A middleware's own body is serialized as it is.
                    bodySerializer: (body: Record<string, unknown>, headers?: Headers) =>
                      body === payload && bytes ? bytes : recipientsBody(body, headers),
                    signal: options.signal,
                  }),
                appendResultShape,
              );
            } catch (error) {
              // A chunk cut short by the caller's abort may have been applied too: its rows are
              // unconfirmed, whichever failure came first.
              if ((error as LettrLabsError).kind === "aborted") {
                failed.push(...chunk);
                cutShort ||= !notSent(error);
              }
              if (!mayHaveApplied(error)) throw error;
              ctx.logger.warn(
                `append of ${chunk.length} recipients to order ${id} failed ambiguously; will verify by read-back`,
              );
              ambiguous ??= error;
              failed.push(...chunk);
              return;
            }
            // Answered for another order (a misrouted request, a proxy's cache): these rows may be
            // on that order, to be mailed with it; never counted as ours, nor sent again to ours.
            // Compared as text: a server may send the id as a string.
            if (result.orderId != null && `${result.orderId}` !== `${id}`) {
              const other =
                typeof result.orderId === "number"
                  ? result.orderId
                  : redact(String(result.orderId), ctx.secrets);
              const message = `${operation}: a chunk of ${chunk.length} recipients for order ${id} was answered for order ${other}: they may be on order ${other}. Check both orders before sending them again.`;
              // The caller's hook may fail or never settle (its own abort ends the wait): this
              // error is thrown all the same, never one that would have these rows read back and
              // sent again. What the hook threw is kept as its cause.
              let hookFailure: unknown;
              if (!answeredElsewhere) {
                answeredElsewhere = true;
                const hook = options.onAnswered;
                if (hook)
                  await abortable(async () => hook(message), options.signal ?? null).catch((e: unknown) => {
                    hookFailure = e;
                  });
              }
              throw safeWriteErrors(ctx).ambiguous({
                message,
                operation,
                candidates: [id, other],
                cause: hookFailure,
              });
            }
            // Outside the try: an error thrown by onProgress is the caller's, not an ambiguous append.
            let rejected: RejectedRecipient[];
            try {
              rejected = matchUndeliverable(result, chunk, (i) => rows.rowAt(i), ctx.secrets);
            } catch (cause) {
              // Applied, but its reply cannot be read: which rows were taken is unknown, so they
              // are read back with the chunks whose outcome is unknown.
              ambiguous ??= lettrLabsError("invalid_response", {
                message: `${operation}: the reply to a chunk of ${chunk.length} recipients could not be read.`,
                operation,
                cause,
              });
              failed.push(...chunk);
              return;
            }
            const most = chunk.length - rejected.length;
            const counted = result.acceptedRecipients ?? result.totalRecipients ?? most;
            if (counted < most) {
              // Fewer added than sent, and the rest not all named (a do-not-mail count without
              // the rows, a list cut short): which rows were taken is unknown, so those not named
              // are read back with the chunks whose outcome is unknown, never counted as added.
              // A refusal named but matched to no row (an address the server standardised) is of
              // one of those rows: its reason goes to the row the read-back finds missing.
              const matched = rejected.filter((r) => r.index >= 0);
              const unmatched = rejected.filter((r) => r.index < 0).map((r) => r.reason);
              summary.rejected.push(...matched);
              const named = new Set(matched.map((r) => r.index));
              const unnamed = chunk.filter((i) => !named.has(i));
              const u = result.undeliverable;
              const count = (n: unknown) => (typeof n === "number" && n > 0 ? n : 0);
              const refusals = count(u?.doNotMail) + count(u?.duplicated) + count(u?.invalidAddress);
              const refused = Math.min(
                unnamed.length - counted,
                Math.max(refusals - matched.length, unmatched.length),
              );
              if (refused > 0) countedOut.push({ rows: unnamed, refused, reasons: unmatched });
              ambiguous ??= lettrLabsError("invalid_response", {
                message: `${operation}: a chunk of ${chunk.length} recipients was answered with ${counted} added and ${rejected.length} named as not added.`,
                operation,
              });
              failed.push(...unnamed);
              progress.rejected += matched.length;
              progress.done += matched.length;
              return;
            }
            summary.rejected.push(...rejected);
            // The server's count, within what the chunk can account for.
            const accepted = Math.max(0, Math.min(most, counted));
            summary.accepted += accepted;
            progress.accepted += accepted;
            progress.rejected += rejected.length;
            progress.done += chunk.length;
            report();
          }
        },
        probe: async () => {
          let missing: number[];
          try {
            missing = await readBack(uncertain);
          } catch (error) {
            if (otherVersion && error === otherVersion) return { state: "failed", error: otherVersion };
            throw error;
          }
          const found = uncertain.length - missing.length;
          // Missing, and no more of a chunk's rows than its answer counted as refused: rejected.
          const gone = new Set(missing);
          const refused: number[] = [];
          for (const chunk of countedOut) {
            const lost = chunk.rows.filter((i) => gone.has(i));
            if (lost.length > chunk.refused) continue;
            refused.push(...lost);
            // The reason of a refusal matched to no row goes to the row found missing only when it
            // cannot be another's: as many rows missing as such refusals, all for the same reason.
            const [reason] = chunk.reasons;
            const lend = lost.length === chunk.reasons.length && chunk.reasons.every((r) => r === reason);
            for (const index of lost)
              summary.rejected.push({ index, reason: lend ? (reason as string) : UNNAMED_REFUSAL });
          }
          if (refused.length > 0) {
            const taken = new Set(refused);
            missing = missing.filter((i) => !taken.has(i));
            progress.rejected += refused.length;
            progress.done += refused.length;
            report();
          }
          countedOut.length = 0;
          ctx.logger.info(
            `read-back of order ${id}: ${found} already added, ${refused.length} refused, ${missing.length} to send`,
          );
          pending = missing;
          uncertain = [];
          return missing.length === 0 ? { state: "applied", value: finish(summary) } : { state: "absent" };
        },
        notApplied: (error) =>
          withPartial(
            error,
            ` ${pending.length} recipients were not added (verified by reading the order back); it is safe to send them again.`,
          ),
        abortedUnsure: confirmedBeforeAbort,
      });
    } catch (error) {
      // The caller's own exception comes first, even when a chunk in flight then failed too.
      if (callbackFailure) throw callbackFailure.error;
      // A chunk answered for another order: taken, where reading this order back cannot see it.
      if (answeredElsewhere) markAnsweredOtherwise(error);
      // Every abort says what was confirmed, the ones with nothing in flight too (cut short
      // between chunks, or before a re-send).
      if (
        (error as LettrLabsError).kind === "aborted" &&
        (error as { partial?: unknown }).partial === undefined
      )
        throw confirmedBeforeAbort(error as Error);
      throw error;
    }
    if (callbackFailure) throw callbackFailure.error;
    return result;
  }

  return { list, iterate, append, delete: remove, presentKeys, present };
}

function matchUndeliverable(
  result: LettrLabs.AppendResult,
  chunk: readonly number[],
  rowAt: (index: number) => LettrLabs.Recipient,
  secrets: readonly string[],
): RejectedRecipient[] {
  // Only entries that are objects, and never more than the chunk has rows.
  const listed = result.undeliverable?.undeliverableRecipients ?? [];
  const entries = listed
    .filter((entry) => typeof entry === "object" && entry !== null)
    .slice(0, chunk.length);
  if (entries.length === 0) return [];
  const byKey = new Map(chunk.map((i) => [recipientKey(rowAt(i)), i]));
  const named = new Set<number>();
  const rejected: RejectedRecipient[] = [];
  for (const entry of entries) {
    const index = entry.address
      ? (byKey.get(recipientKey({ address: entry.address, personal: entry.personal })) ?? -1)
      : -1;
    // A row named twice (once per reason, say) is one row refused: listed once, by its first reason.
    if (index >= 0) {
      if (named.has(index)) continue;
      named.add(index);
    }
    // Server text, which a result, an error's `partial` and the CLI show: redacted as any echo.
    rejected.push({ index, reason: redact(String(entry.reason ?? "Undeliverable"), secrets) });
  }
  return rejected;
}

/** Runs `work` over the items `next` yields, at most `limit` in flight; stops taking items after a failure. */
async function runPool<T>(
  next: () => T | undefined,
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    for (let item = next(); item !== undefined && !failure; item = failure ? undefined : next()) {
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  if (failure) throw failure.error;
}
