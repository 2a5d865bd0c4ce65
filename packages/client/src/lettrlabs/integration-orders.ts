import type { LettrLabs } from "@orderkit/types";
import { idParam, type LettrLabsContext, type RequestOptions, sendPayload } from "./call.js";
import { arrayShape, objectShape } from "./shapes.js";

/** Paging of `integrationOrders.list`. */
export type IntegrationOrdersQuery = NonNullable<
  LettrLabs.operations["getIntegrationOrders"]["parameters"]["query"]
>;

export function createIntegrationOrders(ctx: LettrLabsContext) {
  const { raw } = ctx;
  return {
    /** The account's automations. */
    async list(
      query: IntegrationOrdersQuery = {},
      options: RequestOptions = {},
    ): Promise<LettrLabs.IntegrationOrder[]> {
      return sendPayload(
        ctx,
        "getIntegrationOrders",
        () => raw.GET("/v1/integration-orders", { params: { query }, signal: options.signal }),
        arrayShape,
      );
    },
    /**
     * Adds one recipient to an automation (queued for mailing when it is Active). Not retried;
     * a 422 carries per-recipient reasons in `error.recipientErrors`.
     */
    async addRecipient(
      integrationOrderId: number,
      recipient: LettrLabs.IntegrationRecipient,
      options: RequestOptions = {},
    ) {
      const id = idParam(ctx, integrationOrderId, "integrationOrderId");
      return sendPayload(
        ctx,
        "postIntegrationOrderRecipient",
        () =>
          raw.POST("/v1/integration-orders/{id}/recipients", {
            params: { path: { id } },
            body: recipient,
            signal: options.signal,
          }),
        objectShape,
      );
    },
    /** Mails the neighbours of an address through an automation. Not retried. */
    async mailByProximity(
      integrationOrderId: number,
      body: LettrLabs.MailByProximityRequest,
      options: RequestOptions = {},
    ) {
      const id = idParam(ctx, integrationOrderId, "integrationOrderId");
      return sendPayload(
        ctx,
        "mailByProximity",
        () =>
          raw.POST("/v1/integration-orders/{id}-by-proximity", {
            params: { path: { id } },
            body,
            signal: options.signal,
          }),
        objectShape,
      );
    },
  };
}
