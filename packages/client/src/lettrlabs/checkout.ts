import type { LettrLabs } from "@orderkit/types";
import { type CallOptions, idParam, type LettrLabsContext, sendPayload } from "./call.js";
import { LettrLabsAmbiguousWriteError, lettrLabsError, mayHaveApplied } from "./errors.js";
import { CHECKED_OUT, EDITABLE } from "./status.js";

/** Options of a price preview. */
export interface PreviewOptions extends CallOptions {
  postage?: LettrLabs.PostageType;
  production?: LettrLabs.ProductionSpeed;
  /** ISO 8601 date; must be after the normal production completion date. */
  holdUntilDate?: string;
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

export function createCheckout(
  ctx: LettrLabsContext,
  getOrder: (id: number, options?: CallOptions) => Promise<LettrLabs.Order>,
) {
  const { raw } = ctx;

  /** The price of checking out with these options. Charges nothing. */
  async function preview(orderId: number, options: PreviewOptions = {}): Promise<LettrLabs.CheckoutPreview> {
    const id = idParam(ctx, orderId, "orderId");
    const query: NonNullable<LettrLabs.operations["previewOrderCheckout"]["parameters"]["query"]> = {};
    if (options.postage) query.postage = options.postage;
    if (options.production) query.production = options.production;
    if (options.holdUntilDate) query.holdUntilDate = options.holdUntilDate;
    return sendPayload(ctx, "previewOrderCheckout", () =>
      raw.GET("/v1/order/{id}/checkout", { params: { path: { id }, query }, signal: options.signal }),
    );
  }

  /**
   * Checks out and pays. Never retried automatically: after an ambiguous failure the order's status
   * decides. Payment Needed, Paid or later means it went through (returned with `recovered: true`);
   * Draft means it did not (the original error is thrown, saying it is safe to try again); an
   * unreadable status throws LettrLabsAmbiguousWriteError.
   */
  async function submit(
    orderId: number,
    body: LettrLabs.CheckoutRequest,
    options: CallOptions = {},
  ): Promise<CheckoutOutcome> {
    const id = idParam(ctx, orderId, "orderId");
    try {
      const payload = await sendPayload(ctx, "submitOrderCheckout", () =>
        raw.POST("/v1/order/{id}/checkout", { params: { path: { id } }, body, signal: options.signal }),
      );
      return {
        orderId: id,
        status: payload.orderStatus ?? payload.status,
        pollAfterSeconds: payload.pollAfterSeconds ?? 5,
        settlementExpectedWithinSeconds: payload.settlementExpectedWithinSeconds,
        recovered: false,
      };
    } catch (error) {
      if (!mayHaveApplied(error)) throw error;
      ctx.logger.warn(`checkout of order ${id} failed ambiguously; reading the order's status`);
      let status: string;
      try {
        status = (await getOrder(id, options)).status;
      } catch (readError) {
        throw new LettrLabsAmbiguousWriteError({
          message: `The checkout of order ${id} may have gone through, and its status could not be read. Do not check out again before reading the order's status.`,
          operation: "submitOrderCheckout",
          candidates: [id],
          cause: readError,
        });
      }
      if (CHECKED_OUT.has(status)) {
        return {
          orderId: id,
          status,
          pollAfterSeconds: 5,
          settlementExpectedWithinSeconds: undefined,
          recovered: true,
        };
      }
      if (EDITABLE.has(status)) {
        const e = error as { kind: Parameters<typeof lettrLabsError>[0]; message: string; status?: number };
        throw lettrLabsError(e.kind, {
          message: `${e.message} The order is still ${status}: nothing was charged, and it is safe to check out again.`,
          status: e.status,
          operation: "submitOrderCheckout",
          cause: error,
        });
      }
      throw new LettrLabsAmbiguousWriteError({
        message: `The checkout of order ${id} failed and the order is now "${status}". Check it in the app before trying again.`,
        operation: "submitOrderCheckout",
        candidates: [id],
        cause: error,
      });
    }
  }

  return { preview, submit };
}
