import type { LettrLabs } from "@orderkit/types";
import { backoffDelay } from "../core/backoff.js";
import { paginate } from "../core/paginate.js";
import { sleep } from "../core/sleep.js";
import {
  type CallOptions,
  idParam,
  type LettrLabsContext,
  send,
  sendPayload,
  toLettrLabsError,
} from "./call.js";
import { createCheckout } from "./checkout.js";
import { LettrLabsAmbiguousWriteError, lettrLabsError, mayHaveApplied } from "./errors.js";
import { createRecipients } from "./recipients.js";
import { EDITABLE, SETTLED } from "./status.js";

/** Filters and paging of `orders.list`. */
export type OrdersQuery = NonNullable<LettrLabs.operations["getOrders"]["parameters"]["query"]>;

/** Result of `orders.create`. */
export interface CreatedOrder {
  orderId: number;
  status: string;
  /** True when the create failed ambiguously and the order was found by reading back. */
  recovered: boolean;
}

/** Options of `orders.waitForSettlement`. */
export interface WaitForSettlementOptions extends CallOptions {
  /** Give up after this long. Default 120 000 ms. */
  timeoutMs?: number;
  /** Seconds between polls (the checkout's `pollAfterSeconds`). Default 5. */
  pollAfterSeconds?: number;
  /** Called after every poll with the status read. */
  onPoll?: (status: string, poll: number) => void;
}

/** Result of `orders.waitForSettlement`. */
export interface Settlement {
  orderId: number;
  status: string;
  polls: number;
}

const LIST_PAGE = 500;

export function createOrders(ctx: LettrLabsContext) {
  const { raw } = ctx;

  /** One page of the orders created through the API. */
  async function list(query: OrdersQuery = {}, options: CallOptions = {}): Promise<LettrLabs.Order[]> {
    const payload = await sendPayload(ctx, "getOrders", () =>
      raw.GET("/v1/order", { params: { query }, signal: options.signal }),
    );
    return payload.orders;
  }

  /** Every order matching `query`, page after page. */
  function iterate(
    query: OrdersQuery = {},
    options: CallOptions = {},
  ): AsyncGenerator<LettrLabs.Order, void, undefined> {
    const pageSize = query.pageSize ?? 100;
    return paginate((pageNumber) => list({ ...query, pageNumber, pageSize }, options), pageSize, {
      firstPage: query.pageNumber ?? 0,
      identity: (o) => o.id,
    });
  }

  /** One order by id (throws LettrLabsNotFoundError when it is not listed). */
  async function get(orderId: number, options: CallOptions = {}): Promise<LettrLabs.Order> {
    const id = idParam(ctx, orderId, "orderId");
    const orders = await list({ id: String(id) }, options);
    const order = orders.find((o) => o.id === id);
    if (!order)
      throw lettrLabsError("not_found", { message: `Order ${id} was not found.`, operation: "getOrders" });
    return order;
  }

  async function draftIds(options: CallOptions): Promise<Set<number>> {
    const ids = new Set<number>();
    for await (const order of iterate({ status: "Draft", pageSize: LIST_PAGE }, options)) ids.add(order.id);
    return ids;
  }

  /**
   * Creates a Draft order from a template, at most once. `POST /v1/order` is not idempotent, so
   * after an ambiguous failure (timeout, dropped connection, 5xx) the client compares the Draft
   * orders before and after: one new order is returned as this call's; none means the order was not
   * created and the call is retried; several, or an unreadable list, throw
   * LettrLabsAmbiguousWriteError naming the candidates.
   */
  async function create(body: { templateId: number }, options: CallOptions = {}): Promise<CreatedOrder> {
    const templateId = idParam(ctx, body?.templateId, "templateId");
    const before = await draftIds(options);
    for (let attempt = 0; ; attempt++) {
      try {
        const payload = await sendPayload(ctx, "createOrderFromTemplate", () =>
          raw.POST("/v1/order", { body: { templateId }, signal: options.signal }),
        );
        return { orderId: payload.orderId, status: payload.status, recovered: false };
      } catch (error) {
        if (!mayHaveApplied(error)) throw error;
        ctx.logger.warn(`createOrderFromTemplate failed ambiguously; checking whether the order exists`);
        let after: Set<number>;
        try {
          after = await draftIds(options);
        } catch (readError) {
          throw new LettrLabsAmbiguousWriteError({
            message:
              "The order may have been created, and the Draft orders could not be read to check. Do not retry blindly: list Draft orders first.",
            operation: "createOrderFromTemplate",
            candidates: [],
            cause: readError,
          });
        }
        const fresh = [...after].filter((id) => !before.has(id));
        if (fresh.length === 1) {
          ctx.logger.info(`order ${fresh[0]} was created despite the failure; using it`);
          return { orderId: fresh[0] as number, status: "Draft", recovered: true };
        }
        if (fresh.length > 1) {
          throw new LettrLabsAmbiguousWriteError({
            message: `The order may have been created, but ${fresh.length} new Draft orders appeared (${fresh.join(", ")}); cannot tell which is this request's.`,
            operation: "createOrderFromTemplate",
            candidates: fresh,
            cause: error,
          });
        }
        if (attempt >= ctx.maxRetries) throw error;
        ctx.logger.debug(`no order was created; retrying createOrderFromTemplate`);
        await sleep(backoffDelay(attempt), options.signal).catch((e) => {
          throw toLettrLabsError(ctx, e, "createOrderFromTemplate");
        });
      }
    }
  }

  /** Deletes a Draft or Edits Needed order. */
  async function cancel(orderId: number, options: CallOptions = {}): Promise<LettrLabs.OrderRef> {
    const id = idParam(ctx, orderId, "orderId");
    return sendPayload(ctx, "deleteOrder", () =>
      raw.DELETE("/v1/order/{id}", { params: { path: { id } }, signal: options.signal }),
    );
  }

  /**
   * The proof PDF as bytes, whether the API answers with base64 in JSON or with application/pdf.
   * With `recipientId`, the mail-merge fields of that recipient are filled in.
   */
  async function proof(
    orderId: number,
    options: CallOptions & { recipientId?: number } = {},
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
  async function deliveryStatus(orderId: number, options: CallOptions = {}) {
    const id = idParam(ctx, orderId, "orderId");
    return sendPayload(ctx, "getRecipientDeliveryStatus", () =>
      raw.GET("/v1/order/{id}/recipient-delivery-status", {
        params: { path: { id } },
        signal: options.signal,
      }),
    );
  }

  /**
   * Polls an order after checkout until payment settles (Paid or later). A rollback to Draft is a
   * failed payment (LettrLabsPaymentError); no answer within `timeoutMs` is a LettrLabsTimeoutError.
   */
  async function waitForSettlement(
    orderId: number,
    options: WaitForSettlementOptions = {},
  ): Promise<Settlement> {
    const id = idParam(ctx, orderId, "orderId");
    const deadline = Date.now() + (options.timeoutMs ?? 120_000);
    const interval = Math.max(0, (options.pollAfterSeconds ?? 5) * 1000);
    for (let poll = 1; ; poll++) {
      const order = await get(id, options);
      options.onPoll?.(order.status, poll);
      if (SETTLED.has(order.status)) return { orderId: id, status: order.status, polls: poll };
      if (EDITABLE.has(order.status) || order.status === "Error") {
        throw lettrLabsError("payment_failed", {
          message: `Payment for order ${id} failed: the order is back in ${order.status}. Nothing was mailed.`,
          operation: "waitForSettlement",
        });
      }
      if (order.status !== "Payment Needed") return { orderId: id, status: order.status, polls: poll };
      const wait = Math.min(interval, deadline - Date.now());
      if (wait < 0 || Date.now() + wait >= deadline) {
        throw lettrLabsError("timeout", {
          message: `Payment for order ${id} did not settle within ${options.timeoutMs ?? 120_000} ms (still Payment Needed). Check again later; do not check out again.`,
          operation: "waitForSettlement",
        });
      }
      await sleep(wait, options.signal).catch((e) => {
        throw toLettrLabsError(ctx, e, "waitForSettlement");
      });
    }
  }

  return {
    list,
    iterate,
    get,
    create,
    cancel,
    proof,
    deliveryStatus,
    waitForSettlement,
    recipients: createRecipients(ctx),
    checkout: createCheckout(ctx, get),
  };
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
