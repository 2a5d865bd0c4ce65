import type { LettrLabs } from "@orderkit/types";
import { jsonCopy } from "../core/json-copy.js";
import { redact } from "../core/redact.js";
import { safeWrite } from "../core/safe-write.js";
import { sleep } from "../core/sleep.js";
import { idParam, type LettrLabsContext, type RequestOptions, safeWriteErrors, sendPayload } from "./call.js";
import { type LettrLabsError, lettrLabsError } from "./errors.js";
import { checkoutShape, previewShape } from "./shapes.js";
import { orderStatusMeaning } from "./status.js";

/** Options of a price preview. */
export interface PreviewOptions extends RequestOptions {
  postage?: LettrLabs.PostageType;
  production?: LettrLabs.ProductionSpeed;
  /** ISO 8601 date; must be after the normal production completion date. */
  holdUntilDate?: string;
}

/** Options of `checkout.submit`. */
export interface SubmitOptions extends RequestOptions {
  /**
   * A previous process may have sent this checkout and stopped without knowing the outcome: read
   * the order's status first, and send only when it is still open.
   */
  resume?: boolean | undefined;
}

/** Result of `checkout.submit`. */
export interface CheckoutOutcome {
  orderId: number;
  /** Usually "Payment Needed": payment settles asynchronously (see `waitForSettlement`). */
  status: string;
  /** Seconds to wait before polling the order (default 5 when the API does not say). */
  pollAfterSeconds: number;
  settlementExpectedWithinSeconds: number | undefined;
  /** True when the submit failed ambiguously and the order's status showed it went through. */
  recovered: boolean;
}

/** The spec's postage types and production speeds (a Record, so that the spec's unions stay exhaustive). */
const POSTAGE: Record<LettrLabs.PostageType, true> = { Standard: true, FirstClass: true };
const SPEED: Record<LettrLabs.ProductionSpeed, true> = {
  Normal: true,
  ExpeditedFaster: true,
  ExpeditedFastest: true,
};

/** The keys a checkout body may have (the spec allows no others). */
const BODY_KEYS: Record<keyof LettrLabs.CheckoutRequest, true> = {
  postageType: true,
  productionSpeed: true,
  autoBill: true,
  holdUntilDate: true,
};

/** An RFC 3339 date-time, as the spec's `format: date-time` means (`Date.parse` takes "Jan 5" too). */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))$/i;

/** True when `text` is an RFC 3339 date-time of a real day (no 30 February, no hour 24; a leap second is one). */
const isDateTime = (text: unknown): boolean => {
  const m = typeof text === "string" ? DATE_TIME.exec(text) : null;
  if (!m) return false;
  const [year, month, day, hour, minute, second, , , offsetHour = 0, offsetMinute = 0] = m
    .slice(1)
    .map((part) => (part === undefined ? undefined : Number(part)));
  const daysInMonth = new Date(Date.UTC(year as number, month as number, 0)).getUTCDate();
  return (
    (month as number) >= 1 &&
    (month as number) <= 12 &&
    (day as number) >= 1 &&
    (day as number) <= daysInMonth &&
    (hour as number) <= 23 &&
    (minute as number) <= 59 &&
    (second as number) <= 60 &&
    (offsetHour as number) <= 23 &&
    (offsetMinute as number) <= 59
  );
};

/**
 * The body as JSON will send it, when it is a checkout body (checked before anything is charged),
 * else undefined. The check and the request use the same plain copy, so that no getter,
 * `toJSON`, inherited or non-enumerable key can make what is sent differ from what was checked
 * (a dropped `holdUntilDate` would mail at once): the spec's postage and speed, no key the spec
 * does not know (a misspelt `holdUntil`), a boolean `autoBill`, a `holdUntilDate` that is an
 * RFC 3339 date-time.
 */
function checkoutBodyOf(body: unknown): LettrLabs.CheckoutRequest | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  // Each own enumerable value read once (a getter or Proxy cannot answer the check and JSON apart).
  const given: Record<string, unknown> = { ...body };
  const sent = jsonCopy(given) as Record<string, unknown> | undefined;
  return typeof sent === "object" &&
    sent !== null &&
    Object.hasOwn(POSTAGE, sent.postageType as string) &&
    Object.hasOwn(SPEED, sent.productionSpeed as string) &&
    Object.keys(sent).every((key) => Object.hasOwn(BODY_KEYS, key)) &&
    // A key the caller set that JSON does not send as set is no body: inherited or non-enumerable,
    // or a value JSON drops or turns into null (a function, an invalid Date, NaN). One set to
    // undefined or null is a key left out.
    Object.keys(BODY_KEYS).every((key) =>
      Object.hasOwn(given, key) ? given[key] == null || sent[key] != null : !(key in body),
    ) &&
    ["undefined", "boolean"].includes(typeof sent.autoBill) &&
    (sent.holdUntilDate == null || isDateTime(sent.holdUntilDate))
    ? (sent as unknown as LettrLabs.CheckoutRequest)
    : undefined;
}

export function createCheckout(
  ctx: LettrLabsContext,
  getOrder: (id: number, options?: RequestOptions) => Promise<LettrLabs.Order>,
) {
  const { raw } = ctx;

  /** The price of checking out with these options. Charges nothing. */
  async function preview(orderId: number, options: PreviewOptions = {}): Promise<LettrLabs.CheckoutPreview> {
    const id = idParam(ctx, orderId, "orderId");
    const query: NonNullable<LettrLabs.operations["previewOrderCheckout"]["parameters"]["query"]> = {};
    if (options.postage) query.postage = options.postage;
    if (options.production) query.production = options.production;
    if (options.holdUntilDate) query.holdUntilDate = options.holdUntilDate;
    return sendPayload(
      ctx,
      "previewOrderCheckout",
      () => raw.GET("/v1/order/{id}/checkout", { params: { path: { id }, query }, signal: options.signal }),
      previewShape,
    );
  }

  /**
   * Checks out and pays. Never re-sent automatically: after an ambiguous failure (or with
   * `resume`, before sending) the order's status decides, by the status table: pending or settled
   * means it went through (returned with `recovered: true`); open (Draft) means it did not (the
   * original error is thrown, saying it is safe to try again); closed (Cancelled, Refunded, Deleted,
   * Error) throws LettrLabsOrderClosedError; an unreadable or unknown status throws
   * LettrLabsAmbiguousWriteError.
   */
  async function submit(
    orderId: number,
    body: LettrLabs.CheckoutRequest,
    options: SubmitOptions = {},
  ): Promise<CheckoutOutcome> {
    const operation = "submitOrderCheckout";
    const id = idParam(ctx, orderId, "orderId");
    const sent = checkoutBodyOf(body);
    if (!sent)
      throw lettrLabsError("invalid_argument", {
        message: `${operation}: the body must be { postageType, productionSpeed, autoBill?, holdUntilDate? } with values of LettrLabs.CheckoutRequest.`,
        operation,
      });
    // An answer that names another order (a misrouted request, a proxy's cache) is no proof that
    // this order was checked out, nor that nothing was charged: the order's status decides, and
    // "still open" cannot say the other order was not charged.
    let answeredFor: number | string | undefined;
    return safeWrite<CheckoutOutcome>(ctx, safeWriteErrors(ctx), {
      operation,
      attempt: async () => {
        const payload = await sendPayload(
          ctx,
          operation,
          () =>
            raw.POST("/v1/order/{id}/checkout", {
              params: { path: { id } },
              body: sent,
              signal: options.signal,
            }),
          checkoutShape,
        );
        // Compared as text: a server may send the id as a string.
        if (payload.orderId != null && `${payload.orderId}` !== `${id}`) {
          // Quoted, and listed among the candidates: whatever the server put there is redacted.
          answeredFor =
            typeof payload.orderId === "number"
              ? payload.orderId
              : redact(String(payload.orderId), ctx.secrets);
          throw lettrLabsError("invalid_response", {
            message: `${operation}: answered for order ${answeredFor}.`,
            operation,
          });
        }
        return {
          orderId: id,
          status: payload.orderStatus ?? payload.status,
          pollAfterSeconds: payload.pollAfterSeconds ?? 5,
          settlementExpectedWithinSeconds: payload.settlementExpectedWithinSeconds,
          recovered: false,
        };
      },
      probe: async () => {
        let status = (await getOrder(id, options)).status;
        // A listing may lag behind the checkout: "still open" (which says a new checkout is safe)
        // is concluded from a second reading, settleMs after the first.
        if (orderStatusMeaning(status) === "open") {
          await sleep(ctx.settleMs, options.signal);
          status = (await getOrder(id, options)).status;
        }
        const meaning = orderStatusMeaning(status);
        if (meaning === "pending" || meaning === "settled") {
          return {
            state: "applied",
            value: {
              orderId: id,
              status,
              pollAfterSeconds: 5,
              settlementExpectedWithinSeconds: undefined,
              recovered: true,
            },
          };
        }
        if (meaning === "open" && answeredFor !== undefined) {
          return {
            state: "ambiguous",
            message: `The checkout of order ${id} was answered for order ${answeredFor}, which may have been charged; order ${id} is ${status}. Check both before checking out again.`,
            candidates: [id, answeredFor],
          };
        }
        if (meaning === "open") return { state: "absent" };
        if (meaning === "closed") {
          return {
            state: "failed",
            error: lettrLabsError("order_closed", {
              message: `Order ${id} is ${status}: it cannot be checked out.`,
              operation,
              orderStatus: status,
            }),
          };
        }
        return {
          state: "ambiguous",
          message: `The checkout of order ${id} may have gone through and the order is now "${status}". Check it in the app before trying again.`,
          candidates: [id],
        };
      },
      rounds: 0,
      resume: options.resume,
      unreadable: `The checkout of order ${id} may have gone through, and its status could not be read. Do not check out again before reading the order's status.`,
      signal: options.signal,
      notApplied: (error) => {
        const e = error as LettrLabsError;
        return lettrLabsError(e.kind, {
          message: `${e.message} The order was still open when read back: nothing was charged by then. A checkout the server is still working on may yet go through: read the order again a while later, and check it out again only while it stays open.`,
          status: e.status,
          operation,
          cause: error,
        });
      },
    });
  }

  return { preview, submit };
}
