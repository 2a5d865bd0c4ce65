import type { LettrLabs } from "@orderkit/types";
import { idParam, type LettrLabsContext, type RequestOptions, sendPayload } from "./call.js";
import { sendPlainWrite } from "./plain-write.js";
import { listIn, objectShape } from "./shapes.js";

function campaignIds(ctx: LettrLabsContext, ids: number | readonly number[]): string {
  const list = typeof ids === "number" ? [ids] : ids;
  return list.map((id, i) => idParam(ctx, id, `campaignIds[${i}]`)).join(",");
}

export function createAnalytics(ctx: LettrLabsContext) {
  const { raw } = ctx;
  return {
    /** Delivery and QR-code analytics of one or more campaigns (orders). */
    async analytics(
      ids: number | readonly number[],
      options: RequestOptions = {},
    ): Promise<LettrLabs.OrderAnalytics[]> {
      const Id = campaignIds(ctx, ids);
      const payload = await sendPayload(
        ctx,
        "getOrderAnalytics",
        () => raw.GET("/v1/order/analytics", { params: { query: { Id } }, signal: options.signal }),
        listIn("orders"),
      );
      return payload.orders;
    },
    /** Billing transactions of one or more campaigns (orders). */
    async transactions(
      ids: number | readonly number[],
      options: RequestOptions = {},
    ): Promise<LettrLabs.OrderTransactions[]> {
      const Id = campaignIds(ctx, ids);
      const payload = await sendPayload(
        ctx,
        "getOrderTransactions",
        () => raw.GET("/v1/order/transaction", { params: { query: { Id } }, signal: options.signal }),
        listIn("orders"),
      );
      return payload.orders;
    },
    recipientStatistics: {
      /** Records a statistic (a QR-code scan) for an order recipient. Not retried; a failure once it was sent is `ambiguous_write`. */
      async record(
        body: LettrLabs.OrderRecipientStatistic,
        options: RequestOptions = {},
      ): Promise<LettrLabs.OrderRecipientStatistic> {
        return sendPlainWrite(
          ctx,
          "scanOrderRecipientQrCode",
          "check the recipient's statistics",
          () => raw.POST("/v1/order-recipients-statistics", { body, signal: options.signal }),
          objectShape,
        );
      },
    },
  };
}
