import type { LettrLabs } from "@orderkit/types";
import { idParam, type LettrLabsContext, type RequestOptions, sendPayload } from "./call.js";
import { sendPlainWrite } from "./plain-write.js";
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
     * a 422 carries per-recipient reasons in `error.recipientErrors`, and a failure once it was
     * sent (no answer, a 5xx) is `ambiguous_write`: check before sending it again.
     */
    async addRecipient(
      integrationOrderId: number,
      recipient: LettrLabs.IntegrationRecipient,
      options: RequestOptions = {},
    ) {
      const id = idParam(ctx, integrationOrderId, "integrationOrderId");
      return sendPlainWrite(
        ctx,
        "postIntegrationOrderRecipient",
        "check the automation's recipients in the LettrLabs app",
        () =>
          raw.POST("/v1/integration-orders/{id}/recipients", {
            params: { path: { id } },
            body: recipient,
            signal: options.signal,
          }),
        objectShape,
      );
    },
    /** Mails the neighbours of an address through an automation. Not retried; a failure once it was sent is `ambiguous_write`. */
    async mailByProximity(
      integrationOrderId: number,
      body: LettrLabs.MailByProximityRequest,
      options: RequestOptions = {},
    ) {
      const id = idParam(ctx, integrationOrderId, "integrationOrderId");
      return sendPlainWrite(
        ctx,
        "mailByProximity",
        "check the automation's mailings in the LettrLabs app",
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
