import type { LettrLabs } from "@orderkit/types";
import { jsonCopy, jsonWrites } from "../core/json-copy.js";
import { shown } from "../core/shown.js";
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
      const sent = checkedBody(operation, "the recipient", recipient, integrationRecipientProblems);
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
    /**
     * Mails the neighbours of an address through an automation. The body is checked first
     * ({@link proximityProblems}: the address by the rules of an order's recipients, a radius above
     * 0, a whole number of recipients from 1, no other field): one that breaks them is
     * `invalid_argument`, naming every problem, and nothing is sent. Not retried; a failure once it
     * was sent is `ambiguous_write`.
     */
    async mailByProximity(
      integrationOrderId: number,
      body: LettrLabs.MailByProximityRequest,
      options: RequestOptions = {},
    ) {
      const id = idParam(ctx, integrationOrderId, "integrationOrderId");
      const sent = checkedBody("mailByProximity", "the request", body, proximityProblems);
      return sendPlainWrite(
        ctx,
        "mailByProximity",
        "check the automation's mailings in the LettrLabs app",
        () =>
          raw.POST("/v1/integration-orders/{id}-by-proximity", {
            params: { path: { id } },
            body: sent,
            signal: options.signal,
          }),
        objectShape,
      );
    },
  };
}

/**
 * `value` as JSON sends it, once nothing is wrong with that copy (a `toJSON` or a getter cannot
 * answer the check one way and the request another): else `invalid_argument`, naming `what` and
 * every problem, and nothing is sent.
 */
function checkedBody<T>(
  operation: string,
  what: string,
  value: T,
  problemsOf: (sent: T) => { message: string }[],
): T {
  const sent = jsonCopy(value) as T;
  const problems =
    sent === undefined && typeof value === "object" && value !== null
      ? [{ message: `${what} cannot be written as JSON (a BigInt, or a cycle?)` }]
      : problemsOf(sent);
  if (problems.length > 0)
    throw lettrLabsError("invalid_argument", {
      message: `${operation}: ${problems.map((p) => p.message).join("; ")}. Nothing was sent.`,
      operation,
    });
  return sent;
}

/** The fields of `body` (those JSON writes: not undefined) that are not `known`, each a problem. */
function unknownFields(body: Record<string, unknown>, known: ReadonlySet<string>): RecipientProblem[] {
  let unknown: RecipientProblem[] = [];
  for (const field of Object.keys(body))
    if (body[field] !== undefined && !known.has(field)) unknown = unknownField(unknown, field);
  return unknown;
}

/** A mailing by proximity's fields (the spec's MailByProximityRequest). */
const PROXIMITY_FIELDS: ReadonlySet<string> = /* @__PURE__ */ new Set([
  "address",
  "radiusInMiles",
  "maxRecipients",
]);

/**
 * What is wrong with a mailing by proximity: its address by the rules of an order's recipients
 * (`validateRecipient`); `radiusInMiles` a finite number above 0 and `maxRecipients` a whole
 * number from 1 when given (the spec's bounds; not null, which is what JSON sends for NaN and
 * Infinity); and no field the request does not have: a misspelt limit (`maxRecipient`) would be
 * dropped by the API without a word, and the mailing go out without it.
 */
function proximityProblems(body: LettrLabs.MailByProximityRequest): { message: string }[] {
  if (!body || typeof body !== "object" || Array.isArray(body))
    return [{ message: "the request must be an object" }];
  const b = body as Record<string, unknown>;
  const problems: { message: string }[] = unknownFields(b, PROXIMITY_FIELDS);
  const { radiusInMiles: radius, maxRecipients: most } = b;
  if (radius !== undefined && !(typeof radius === "number" && Number.isFinite(radius) && radius > 0))
    problems.push({ message: `radiusInMiles must be a number above 0, got ${shown(radius)}` });
  if (most !== undefined && !(Number.isSafeInteger(most) && (most as number) >= 1))
    problems.push({ message: `maxRecipients must be a whole number from 1, got ${shown(most)}` });
  return [...problems, ...validateRecipient({ address: b.address as LettrLabs.RecipientAddress })];
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
  const unknown = unknownFields(r, INTEGRATION_RECIPIENT_FIELDS);
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
