import type { LettrLabs } from "@orderkit/types";
import { jsonCopy, jsonWrites } from "../core/json-copy.js";
import { idParam, type LettrLabsContext, type RequestOptions, sendPayload } from "./call.js";
import { lettrLabsError } from "./errors.js";
import { sendPlainWrite } from "./plain-write.js";
import {
  RETURN_ADDRESS_FIELDS,
  type RecipientProblem,
  unknownField,
  validateRecipient,
} from "./recipient-validation.js";
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
     * Adds one recipient to an automation (queued for mailing when it is Active). Its name and
     * address are checked first by the rules of an order's recipients ({@link validateRecipient}:
     * address1, city, a US state code, a ZIP, no field over MAX_FIELD_LENGTH): one that breaks them
     * is `invalid_argument`, naming every problem, and nothing is sent. Not retried; a 422 carries
     * per-recipient reasons in `error.recipientErrors`, and a failure once it was sent (no answer,
     * a 5xx) is `ambiguous_write`: check before sending it again.
     */
    async addRecipient(
      integrationOrderId: number,
      recipient: LettrLabs.IntegrationRecipient,
      options: RequestOptions = {},
    ) {
      const id = idParam(ctx, integrationOrderId, "integrationOrderId");
      const operation = "postIntegrationOrderRecipient";
      // Checked as JSON sends it, and that copy sent (a `toJSON` or a getter cannot answer apart).
      const sent = jsonCopy(recipient) as LettrLabs.IntegrationRecipient;
      if (sent === undefined && typeof recipient === "object" && recipient !== null)
        throw lettrLabsError("invalid_argument", {
          message: `${operation}: the recipient cannot be written as JSON (a BigInt, or a cycle?). Nothing was sent.`,
          operation,
        });
      const problems = integrationRecipientProblems(sent);
      if (problems.length > 0)
        throw lettrLabsError("invalid_argument", {
          message: `${operation}: ${problems.map((p) => p.message).join("; ")}. Nothing was sent.`,
          operation,
        });
      return sendPlainWrite(
        ctx,
        operation,
        "check the automation's recipients in the LettrLabs app",
        () =>
          raw.POST("/v1/integration-orders/{id}/recipients", {
            params: { path: { id } },
            body: sent,
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

/** The fields of an automation's recipient (the spec's IntegrationRecipient). */
export const INTEGRATION_RECIPIENT_FIELDS: ReadonlySet<string> = /* @__PURE__ */ new Set(
  /* @__PURE__ */ (
    "firstName lastName toOrganization address1 address2 city state zipCode country custom1 custom2 custom3 " +
    "custom4 custom5 custom6 image1 image2 image3 image4 image5 image6 salutation birthDay anniversary " +
    "returnTitle returnFirstName returnLastName returnOrganization returnAddress1 returnAddress2 returnCity " +
    "returnState returnZip qrUrl email fullAddress"
  ).split(" "),
);

/**
 * What is wrong with an automation's recipient, by the rules of an order's recipients: its flat
 * name, address and return-address fields checked as the `personal`, `address` and `metadata`
 * groups of one.
 */
export function integrationRecipientProblems(recipient: LettrLabs.IntegrationRecipient): RecipientProblem[] {
  if (!recipient || typeof recipient !== "object")
    return [{ code: "MISSING_ADDRESS", field: "address", message: "missing recipient" }];
  const r = recipient as Record<string, unknown>;
  // A field the API does not have is dropped by it without a word (a misspelt `adress2` mails the
  // card without the apartment): refused, as an order recipient's is.
  let unknown: RecipientProblem[] = [];
  for (const field of Object.keys(r))
    if (r[field] !== undefined && !INTEGRATION_RECIPIENT_FIELDS.has(field))
      unknown = unknownField(unknown, field);
  // What JSON sends of it: its own enumerable fields (a getter on a class, or an inherited field,
  // would be checked and then left out of the request).
  const group = (names: readonly string[]) =>
    Object.fromEntries(names.filter((n) => jsonWrites(r, n) && r[n] != null).map((n) => [n, r[n]]));
  return [
    ...unknown,
    ...validateRecipient({
      address: group([
        "address1",
        "address2",
        "city",
        "state",
        "zipCode",
        "country",
      ]) as LettrLabs.RecipientAddress,
      personal: group(["firstName", "lastName", "toOrganization", "salutation"]),
      metadata: group(RETURN_ADDRESS_FIELDS),
    }),
  ];
}
