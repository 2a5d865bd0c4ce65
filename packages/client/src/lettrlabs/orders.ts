import type { LettrLabs } from "@orderkit/types";
import { signalProblem } from "../core/abort-listeners.js";
import { MAX_TIMER_MS } from "../core/client-options.js";
import { type Page, toPage } from "../core/page.js";
import { paginate, readBack } from "../core/paginate.js";
import { redact } from "../core/redact.js";
import { type Recovery, safeWrite } from "../core/safe-write.js";
import { sleep } from "../core/sleep.js";
import {
  idParam,
  type LettrLabsContext,
  type RequestOptions,
  safeWriteErrors,
  send,
  sendPayload,
  toLettrLabsError,
} from "./call.js";
import { createCheckout } from "./checkout.js";
import { lettrLabsError, listStalled } from "./errors.js";
import { createRecipients } from "./recipients.js";
import { createdOrderShape, listIn, objectShape, orderListShape } from "./shapes.js";
import { orderStatusMeaning } from "./status.js";

/** Filters and paging of `orders.list`. */
export type OrdersQuery = NonNullable<LettrLabs.operations["getOrders"]["parameters"]["query"]>;

/** Result of `orders.create`. */
export interface CreatedOrder {
  orderId: number;
  status: string;
  /** True when the create failed ambiguously and the order was found by reading back. */
  recovered: boolean;
}

/** Options of `orders.create`. */
export interface CreateOrderOptions extends RequestOptions {
  /**
   * Ids of the Draft orders that existed before the create was sent. Read by the client itself
   * when absent; pass the snapshot a previous process recorded to resume its create.
   */
  draftsBefore?: Iterable<number> | undefined;
  /**
   * A previous process sent this create (after recording `draftsBefore`) and stopped without
   * knowing the outcome: read the state back first, and create only when no order appeared.
   */
  resume?: boolean | undefined;
  /**
   * After a lost create, exactly one new empty Draft order may be this call's or another writer's:
   * LettrLabs orders carry no proof of who created them. This callback sees the candidate and
   * resolves `true` to take it as this call's; without it (or on `false`), the create throws
   * `LettrLabsAmbiguousWriteError` naming the candidate. Answer `true` only on evidence (it was
   * made from your template, by nobody else): any empty Draft that appeared from the create until
   * the read-back, `settleMs` after the failure, is a candidate, another writer's too.
   */
  confirmCandidate?: ((order: LettrLabs.Order) => boolean | Promise<boolean>) | undefined;
}

/** Options of `orders.waitForSettlement`. */
export interface WaitForSettlementOptions extends RequestOptions {
  /** Give up after this long. Default 120 000 ms. */
  timeoutMs?: number;
  /** Seconds between polls (the checkout's `pollAfterSeconds`), kept within 1 … 300. Default 5. */
  pollAfterSeconds?: number;
  /** Called after every poll with the status read. */
  onPoll?: (status: string, poll: number) => void;
}

/** Result of `orders.waitForSettlement`: the order settled (Paid or later). */
export interface Settlement {
  orderId: number;
  status: string;
  polls: number;
}

/** Poll interval bounds of `waitForSettlement`, in ms: never a tight loop, never a timer overflow. */
export const POLL_INTERVAL_MS = { min: 1000, max: 300_000, default: 5000 } as const;

/**
 * Whether an order of a Draft listing may be a Draft: all but those in a status known to be past
 * it, which a server that ignores the status filter (a static mock) lists too. A status spelled
 * otherwise ("draft") is kept: the listing's filter said Draft.
 */
const mayBeDraft = (order: LettrLabs.Order) => {
  const meaning = orderStatusMeaning(order.status);
  return meaning === "open" || meaning === "unknown";
};

const LIST_PAGE = 500;
/** The Draft orders, in pages of the largest size: what a create compares before and after. */
const DRAFTS: OrdersQuery = { status: "Draft", pageSize: LIST_PAGE };

export function createOrders(ctx: LettrLabsContext) {
  const { raw } = ctx;

  /** One page of the orders created through the API. */
  async function list(query: OrdersQuery = {}, options: RequestOptions = {}): Promise<Page<LettrLabs.Order>> {
    const payload = await sendPayload(
      ctx,
      "getOrders",
      () => raw.GET("/v1/order", { params: { query }, signal: options.signal }),
      orderListShape,
    );
    return toPage(payload.orders, { pageNumber: query.pageNumber ?? 0, pageSize: query.pageSize ?? 100 });
  }

  /** Every order matching `query`, page after page. */
  function iterate(
    query: OrdersQuery = {},
    options: RequestOptions = {},
  ): AsyncGenerator<LettrLabs.Order, void, undefined> {
    return pages(query, options, false);
  }

  /** `iterate`, `strict` for read-backs (see paginate). */
  function pages(query: OrdersQuery, options: RequestOptions, strict: boolean) {
    return paginate(
      (pageNumber, size) => list({ ...query, pageNumber, pageSize: size }, options),
      query.pageSize ?? 100,
      { invalid: listStalled("getOrders"), firstPage: query.pageNumber ?? 0, identity: (o) => o.id, strict },
    );
  }

  /** One order by id (throws LettrLabsNotFoundError when it is not listed). */
  async function retrieve(orderId: number, options: RequestOptions = {}): Promise<LettrLabs.Order> {
    const id = idParam(ctx, orderId, "orderId");
    const orders = await list({ id: String(id) }, options);
    const order = orders.find((o) => o.id === id);
    if (!order)
      throw lettrLabsError("not_found", { message: `Order ${id} was not found.`, operation: "getOrders" });
    return order;
  }

  /**
   * The ids of every Draft order now: the snapshot `create` compares with after a lost create. A
   * caller that may stop mid-create (the CLI) records it before sending and passes it back as
   * `draftsBefore` with `resume`.
   */
  async function draftIds(options: RequestOptions = {}): Promise<Set<number>> {
    const ids = new Set<number>();
    for await (const order of pages(DRAFTS, options, false)) if (mayBeDraft(order)) ids.add(order.id);
    return ids;
  }

  /**
   * Creates a Draft order from a template, at most once. `POST /v1/order` is not idempotent and an
   * order carries no proof of who created it, so after an ambiguous failure the Draft orders are
   * compared with those before: none new means the create was not applied (it is sent again);
   * new Drafts that already hold recipients are another writer's; exactly one new empty Draft is
   * ambiguous unless `confirmCandidate` takes it; several throw LettrLabsAmbiguousWriteError
   * naming them.
   */
  async function create(
    body: { templateId: number },
    options: CreateOrderOptions = {},
  ): Promise<CreatedOrder> {
    const operation = "createOrderFromTemplate";
    const templateId = idParam(ctx, body?.templateId, "templateId");
    if (options.resume && options.draftsBefore === undefined) {
      throw lettrLabsError("invalid_argument", {
        message:
          "orders.create: `resume` needs the `draftsBefore` snapshot recorded before the create was sent.",
        operation,
      });
    }
    // The snapshot decides nothing by itself (lenient, like `draftIds`); the read-back after a lost
    // create does, and is strict and read twice (see `readBack`): a server that ignores the page
    // number fails it, and a page served short once cannot hide the Draft this create made.
    const given = options.draftsBefore === undefined ? undefined : [...options.draftsBefore];
    // Ids as they were recorded (a snapshot that went through JSON may hold strings, which would
    // match no Draft and make an earlier one look new).
    if (given && !given.every((n) => Number.isSafeInteger(n) && n > 0))
      throw lettrLabsError("invalid_argument", {
        message: "orders.create: `draftsBefore` must hold order ids (positive integers).",
        operation,
      });
    const before = new Set(given ?? (await draftIds(options)));
    const probe = async (): Promise<Recovery<CreatedOrder>> => {
      const drafts = new Set<number>();
      await readBack(
        () => pages(DRAFTS, options, true),
        (o) => void (mayBeDraft(o) && drafts.add(o.id)),
      );
      const fresh = [...drafts].filter((id) => !before.has(id));
      const empty: number[] = [];
      for (const id of fresh) {
        const page = await recipients.list(id, { pageSize: 1 }, options);
        if (page.length === 0) empty.push(id);
      }
      if (empty.length === 0) return { state: "absent" };
      const [only] = empty;
      if (empty.length === 1 && only !== undefined) {
        const order = await retrieve(only, options);
        if (options.confirmCandidate && (await options.confirmCandidate(order)))
          return { state: "applied", value: { orderId: only, status: order.status, recovered: true } };
        return {
          state: "ambiguous",
          message: `The create may have been applied: order ${only} appeared as a new empty Draft, but LettrLabs orders carry no proof of who created them, so it may be another writer's. Check it, then continue with it (CLI: --order ${only}) or delete it.`,
          candidates: [only],
        };
      }
      return {
        state: "ambiguous",
        message: `The create may have been applied, but ${empty.length} new empty Draft orders appeared (${empty.join(", ")}); cannot tell which is this request's.`,
        candidates: empty,
      };
    };
    return safeWrite(ctx, safeWriteErrors(ctx), {
      operation,
      attempt: async () => {
        const payload = await sendPayload(
          ctx,
          operation,
          () => raw.POST("/v1/order", { body: { templateId }, signal: options.signal }),
          createdOrderShape,
        );
        return { orderId: payload.orderId, status: payload.status, recovered: false };
      },
      // A Draft that was there before this create cannot be the one it made (a misrouted answer, a
      // proxy's cache): the create was taken, and is read back as the Drafts show, never re-sent.
      check: (answer) =>
        before.has(answer.orderId) ? `it names order ${answer.orderId}, a Draft from before` : undefined,
      probe,
      resume: options.resume,
      readBack:
        options.draftsBefore === undefined
          ? "check the Draft orders (pass `draftsBefore` to make a create resumable)"
          : undefined,
      signal: options.signal,
    });
  }

  /** Deletes a Draft or Edits Needed order. */
  async function remove(orderId: number, options: RequestOptions = {}): Promise<LettrLabs.OrderRef> {
    const id = idParam(ctx, orderId, "orderId");
    return sendPayload(
      ctx,
      "deleteOrder",
      () => raw.DELETE("/v1/order/{id}", { params: { path: { id } }, signal: options.signal }),
      objectShape,
    );
  }

  /**
   * The proof PDF as bytes, whether the API answers with base64 in JSON or with application/pdf.
   * With `recipientId`, the mail-merge fields of that recipient are filled in.
   */
  async function proof(
    orderId: number,
    options: RequestOptions & { recipientId?: number } = {},
  ): Promise<Uint8Array> {
    const id = idParam(ctx, orderId, "orderId");
    const init = {
      parseAs: "arrayBuffer" as const,
      signal: options.signal,
      headers: { Accept: "application/json, application/pdf;q=0.9" },
    };
    const data =
      options.recipientId === undefined
        ? await send(ctx, "getOrderProof", () =>
            raw.GET("/v1/order/{id}/proof", { ...init, params: { path: { id } } }),
          )
        : await send(ctx, "getOrderRecipientProof", () =>
            raw.GET("/v1/order/{id}/proof/{recipient}", {
              ...init,
              params: { path: { id, recipient: idParam(ctx, options.recipientId, "recipientId") } },
            }),
          );
    return decodeProof(new Uint8Array(data as unknown as ArrayBuffer));
  }

  /** USPS delivery status of each recipient of an order. */
  async function deliveryStatus(orderId: number, options: RequestOptions = {}) {
    const id = idParam(ctx, orderId, "orderId");
    return sendPayload(
      ctx,
      "getRecipientDeliveryStatus",
      () =>
        raw.GET("/v1/order/{id}/recipient-delivery-status", {
          params: { path: { id } },
          signal: options.signal,
        }),
      listIn("recipients"),
    );
  }

  /**
   * Polls an order after checkout until its payment settles, by the status table: settled (Paid …
   * Mailed) returns; back to Draft/Edits Needed is a failed, retryable payment
   * (LettrLabsPaymentError); Cancelled, Refunded, Deleted or Error is final
   * (LettrLabsOrderClosedError); still pending at `timeoutMs` is a LettrLabsTimeoutError.
   */
  async function waitForSettlement(
    orderId: number,
    options: WaitForSettlementOptions = {},
  ): Promise<Settlement> {
    const operation = "waitForSettlement";
    const id = idParam(ctx, orderId, "orderId");
    const timeoutMs = options.timeoutMs ?? 120_000;
    // At most what a timer holds: a longer one fires at once (it would say "did not settle").
    if (!(Number.isFinite(timeoutMs) && timeoutMs > 0 && timeoutMs <= MAX_TIMER_MS)) {
      throw lettrLabsError("invalid_argument", {
        message: `timeoutMs must be a number of ms from 1 to ${MAX_TIMER_MS}, got ${typeof timeoutMs === "number" ? timeoutMs : typeof timeoutMs}.`,
        operation,
      });
    }
    const badSignal = signalProblem(options.signal);
    if (badSignal)
      throw lettrLabsError("invalid_argument", { message: `${operation}: ${badSignal.message}`, operation });
    const deadline = Date.now() + timeoutMs;
    const interval = pollInterval(options.pollAfterSeconds);
    // "Back in Draft" and "not listed" are concluded only when two polls in a row say so: one
    // listing served by a replica that lags behind the checkout shows the order as it was (Draft),
    // or not yet at all, and a payment failure invites a second checkout. A closed status is never
    // an older one, so it is final at once.
    let doubted: "open" | "missing" | undefined;
    const tooLate = (still: string) =>
      lettrLabsError("timeout", {
        // An unknown status, quoted: whatever a server put there (the key echoed) is redacted.
        message: redact(
          `Payment for order ${id} did not settle within ${timeoutMs} ms (${still}). Check again later; do not check out again.`,
          ctx.secrets,
        ),
        operation,
      });
    for (let poll = 1; ; poll++) {
      let order: LettrLabs.Order | undefined;
      // A read may take no longer than the time left (at least a second, or timeoutMs if less):
      // one slow listing must not hold the wait far past timeoutMs.
      const limit = AbortSignal.timeout(Math.max(deadline - Date.now(), Math.min(1000, timeoutMs)));
      try {
        order = await retrieve(id, {
          ...options,
          signal: options.signal ? AbortSignal.any([options.signal, limit]) : limit,
        });
      } catch (error) {
        if (limit.aborted && !options.signal?.aborted) throw tooLate("its status could not be read in time");
        // An answered list without the order: deleted, or not listed yet (HTTP 404s stay errors).
        const e = error as { kind?: string; status?: number };
        if (e.kind !== "not_found" || e.status !== undefined) throw error;
      }
      if (order) options.onPoll?.(order.status, poll);
      const meaning = order ? orderStatusMeaning(order.status) : "missing";
      if (meaning === "settled" && order) return { orderId: id, status: order.status, polls: poll };
      if (meaning === "missing" && doubted === meaning) {
        throw lettrLabsError("order_closed", {
          message: `Order ${id} is not listed (deleted, or not an order of this account): it will not be mailed.`,
          operation,
          orderStatus: "Deleted",
        });
      }
      if (meaning === "open" && doubted === meaning) {
        throw lettrLabsError("payment_failed", {
          message: `Payment for order ${id} failed: the order is back in ${order?.status}. Nothing was charged or mailed; it may be checked out again.`,
          operation,
          orderStatus: order?.status,
        });
      }
      if (meaning === "closed") {
        throw lettrLabsError("order_closed", {
          message: `Order ${id} is ${order?.status}: it will not be mailed.`,
          operation,
          orderStatus: order?.status,
        });
      }
      doubted = meaning === "open" || meaning === "missing" ? meaning : undefined;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw tooLate(`still ${order?.status ?? "not listed"}`);
      await sleep(Math.min(interval, remaining), options.signal).catch((e) => {
        throw toLettrLabsError(ctx, e, operation);
      });
    }
  }

  const recipients = createRecipients(ctx);
  return {
    list,
    iterate,
    retrieve,
    draftIds,
    create,
    delete: remove,
    proof,
    deliveryStatus,
    waitForSettlement,
    recipients,
    checkout: createCheckout(ctx, retrieve),
  };
}

/** The poll interval in ms for `pollAfterSeconds`, kept within {@link POLL_INTERVAL_MS}. */
export function pollInterval(pollAfterSeconds: number | undefined): number {
  const ms = (pollAfterSeconds ?? Number.NaN) * 1000;
  if (!Number.isFinite(ms)) return POLL_INTERVAL_MS.default;
  return Math.min(POLL_INTERVAL_MS.max, Math.max(POLL_INTERVAL_MS.min, ms));
}

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

function isPdf(bytes: Uint8Array): boolean {
  return PDF_MAGIC.every((b, i) => bytes[i] === b);
}

function decodeProof(bytes: Uint8Array): Uint8Array {
  if (isPdf(bytes)) return bytes;
  try {
    const text = new TextDecoder().decode(bytes).trim();
    let b64: unknown = text;
    if (text.startsWith('"')) b64 = JSON.parse(text);
    else if (text.startsWith("{")) b64 = (JSON.parse(text) as { payload?: unknown }).payload;
    if (typeof b64 === "string") {
      const binary = atob(b64.replace(/^data:application\/pdf;base64,/, "").replace(/\s+/g, ""));
      const out = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
      if (isPdf(out)) return out;
    }
  } catch {
    // fall through: not JSON, not base64
  }
  throw lettrLabsError("invalid_response", {
    message: "The proof is neither a PDF nor base64 of a PDF.",
    operation: "getOrderProof",
  });
}
