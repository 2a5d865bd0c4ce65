/** Exit codes of the CLI. */
export const EXIT = { ok: 0, api: 1, usage: 2, refused: 3, busy: 4, repeat: 5 } as const;

/** An error the CLI reports as one line with its own exit code (no stack trace). */
export class CliError extends Error {
  /** The process exit code (see {@link EXIT}). */
  readonly exitCode: number = EXIT.api;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A usage or input error (exit code 2). */
export class UsageError extends CliError {
  override readonly exitCode = EXIT.usage;
}

/**
 * A file orderkit keeps that this user may not read (another user's, as a `sudo orderkit` run
 * leaves them): exit code 2. Never taken for a missing or damaged file (see `stopIfNotPermitted`).
 */
export class NotPermittedError extends UsageError {}

/** The send cannot go on (e.g. its order was cancelled): exit code 1. */
export class StoppedError extends CliError {}

/** The user (or a missing TTY) refused the confirmation (exit code 3). */
export class RefusedError extends CliError {
  override readonly exitCode = EXIT.refused;
}

/** Another process is running the same send or single-shot create (exit code 4). */
export class LockedError extends CliError {
  override readonly exitCode = EXIT.busy;
}

/**
 * A lock path no run can ever take as it is (a directory, a link, a FIFO: nothing orderkit makes),
 * until the user removes it: exit code 4, and waiting for it does not help.
 */
export class BrokenLockError extends LockedError {}

/** These recipients were already sent (or overlap an earlier send) and --allow-repeat was not given (exit code 5). */
export class RepeatError extends CliError {
  override readonly exitCode = EXIT.repeat;
}

/**
 * Errors after which the record of an interrupted create was kept, with that record's path: under
 * `--json` the error line names it (`recordKept`), so that a script knows a re-run reads back
 * before it sends, rather than learning it from the note above.
 */
const KEPT_RECORDS = new WeakMap<object, string>();

/** Marks `error` as one after which the record at `path` was kept. */
export function markRecordKept(error: unknown, path: string): void {
  if (typeof error === "object" && error !== null) KEPT_RECORDS.set(error, path);
}

/** The path of the record kept after `error`, if any. */
export function recordKeptAfter(error: unknown): string | undefined {
  return typeof error === "object" && error !== null ? KEPT_RECORDS.get(error) : undefined;
}

/** LettrLabs writes that cannot be read back by what was sent: a repeat may apply them twice. */
const PLAIN_WRITES = new Set([
  "postIntegrationOrderRecipient",
  "mailByProximity",
  "createConversions",
  "addAddressBookEntry",
  "scanOrderRecipientQrCode",
]);

/**
 * The hint after a write the server answered, but not as asked (the client's `answeredOtherwise`),
 * by the API of the error's class (`name`).
 */
export function answeredOtherwiseHint(name: string | undefined): string {
  return name?.startsWith("CommerceLayer")
    ? "The server took the write, in a form that reading back by what was sent cannot find. Check what the server holds (`orderkit commercelayer orders get <order>`, `orders list`) before sending anything again."
    : "The server took the write, somewhere reading back by what was sent cannot see (another order, another form). Check the orders it names (`orderkit orders get <id>`, `orderkit recipients list <id>`) before sending anything again.";
}

/** What {@link hintFor} reads of an API error (either client's). */
export interface ApiErrorFacts {
  kind?: string | undefined;
  message?: string | undefined;
  retryAfterMs?: number | undefined;
  operation?: string | undefined;
  /** The error class's name (`CommerceLayer…` errors get Commerce Layer hints). */
  name?: string | undefined;
  status?: number | undefined;
  cause?: unknown;
}

/** The wait a rate-limited request was told to make, as advice. */
const rateLimited = (retryAfterMs: number | undefined) =>
  retryAfterMs && Number.isFinite(retryAfterMs)
    ? `Rate limited: wait ${Math.ceil(retryAfterMs / 1000)} s and run again.`
    : "Rate limited: wait and run again.";

/**
 * A hint for an API error, printed under the message. `mayHaveApplied` is false when the request
 * surely never left (the client's `mayHaveApplied`): no "may have been applied" hint then.
 */
export function hintFor(error: ApiErrorFacts, mayHaveApplied = true): string | undefined {
  const { kind, retryAfterMs, operation, status } = error;
  if (operation === "waitForSettlement" && kind === "timeout")
    return "The payment has not settled yet. Re-run the same command later: it waits again and never checks out twice.";
  // The client's connection error for a port fetch refuses outright (the Fetch standard's "bad
  // ports"): no network or server problem, and nothing left.
  if (kind === "connection" && error.message?.includes("(bad port)"))
    return "fetch never connects to this port (the Fetch standard blocks some, such as 6000 or 5060): serve the API on another port. Nothing was sent.";
  if (error.name?.startsWith("CommerceLayer")) return commerceLayerHint(error, mayHaveApplied);
  // A refusal of a write the client sent again after an attempt that may have applied it (a
  // delete answered 404 the second time): that attempt may have done it (review 214).
  // (With a status: a write answered 2xx without its resource is a not_found without one.)
  if (
    mayHaveApplied &&
    status !== undefined &&
    (kind === "not_found" || kind === "conflict" || kind === "validation")
  )
    return "An earlier attempt of this write got no usable answer, and may have applied it (a delete may have deleted it): check before running it again (`orderkit orders list`, `orderkit recipients list <order>`).";
  switch (kind) {
    case "authentication":
      return "Check the API key: --api-key, LETTRLABS_API_KEY, or `orderkit config set api-key <key>`.";
    case "permission":
      return "The account's plan may not include API access.";
    case "not_found":
      // The order listing itself answered 404 (an order missing from it has no status): the API's
      // address is the likelier mistake.
      return operation === "getOrders" && status === 404
        ? "The API answered 404 to the order listing: check --base-url (or LETTRLABS_BASE_URL)."
        : "Check the id (`orderkit orders list`).";
    case "rate_limit":
      return rateLimited(retryAfterMs);
    case "connection":
    case "timeout":
      return "Check the network and --base-url (or LETTRLABS_BASE_URL), then run the same command again (a send resumes where it stopped).";
    case "server":
    case "invalid_response":
      return "The server failed. Running the same command again is safe (a send resumes where it stopped).";
    case "ambiguous_write":
      return operation === "createConversions"
        ? "Nothing was repeated. LettrLabs may have recorded them: check (`orderkit conversions list`). The same rows without an orderId stop the next run until --restart."
        : operation !== undefined && PLAIN_WRITES.has(operation)
          ? "Nothing was repeated. Running the command again may apply it twice: check first, as the message says."
          : operation === "appendOrderRecipients"
            ? "Nothing was repeated. Check the order's recipients (`orderkit recipients list <order>`) before adding any again: the order could not be read back reliably."
            : "Nothing was repeated. Inspect the candidates listed: `orderkit send` continues with one through --order <id>; a create run again reads back again, and --restart makes a new order.";
    case "payment_failed":
      return "The order is back in Draft and nothing was charged. Fix the payment method and re-run.";
    case "order_closed":
      return "The order will not be mailed. To send these recipients as a new order, re-run with --restart.";
    case "middleware":
      return "A raw.use() middleware or the request pipeline failed; nothing is retried blindly.";
    case "redirect":
      return "The server redirected the request (orderkit follows no redirect): check --base-url (or LETTRLABS_BASE_URL).";
    default:
      return undefined;
  }
}

/** Kinds of a token request's failure that say the token server failed, not the credentials. */
const TOKEN_SERVER_FAILURES = new Set([
  "server",
  "connection",
  "timeout",
  "rate_limit",
  "invalid_response",
  "redirect",
]);

/**
 * The cause the client gives its refusal of a document whose results would be too large written
 * out: a RangeError whose message (its `TOO_LARGE`) asks for fewer includes.
 */
const isTooLarge = (cause: unknown) =>
  (cause as Error | undefined)?.name === "RangeError" &&
  String((cause as Error).message).includes("ask for fewer includes");

/** Commerce Layer writes sent once, never read back: after a failure they may have been applied. */
const CL_PLAIN_WRITES = new Set(["createLineItem", "updateLineItem", "deleteLineItem"]);

/** Hints for the Commerce Layer commands (their credentials and safe re-runs differ). */
function commerceLayerHint(error: ApiErrorFacts, mayHaveApplied: boolean): string | undefined {
  const { kind, operation } = error;
  const write = operation !== undefined && !/^(retrieve|list)/.test(operation);
  const lostAnswer =
    mayHaveApplied && operation !== undefined && CL_PLAIN_WRITES.has(operation)
      ? "The line may have been changed all the same: check the order (`orderkit commercelayer orders get <order>`) before running this again. `line-items set` can be re-run safely; `line-items add` may add the quantity a second time."
      : "Reads can be re-run. A create with --reference, re-run, looks the reference up first; so does `line-items set` for its SKU (`line-items add` may add the quantity a second time). Place and cancel are never re-sent: check the order (`orderkit commercelayer orders get <id>`) before running them again.";
  // A write that may have been applied all the same although this error says otherwise (a re-send
  // refused after an attempt that may still land): the advice of a lost answer comes too.
  const andIfLost = (hint: string) => (mayHaveApplied && write ? `${hint} ${lostAnswer}` : hint);
  switch (kind) {
    case "authentication":
    case "permission": {
      // A token refused, then a renewal the token server failed (not refused): not the credentials.
      const renewal = (error.cause as { kind?: unknown } | undefined)?.kind;
      const credentials =
        typeof renewal === "string" && TOKEN_SERVER_FAILURES.has(renewal)
          ? "The token server failed while the access token was being renewed: the credentials may be right. Check --auth-url (or COMMERCELAYER_AUTH_URL) and run the command again later."
          : "Check the credentials: --client-id/--client-secret (or COMMERCELAYER_CLIENT_ID/_SECRET), --scope and --organization.";
      return andIfLost(credentials);
    }
    case "invalid_response":
      // A read refused because its results would be too large written out: the same answer comes
      // again on a re-run, and the commands' includes are fixed. Told by the client's own
      // RangeError under it, never by the message (which may quote what a server sent).
      if (!write && isTooLarge(error.cause))
        return "The answer was refused whole (nothing was cut short): its included resources refer to each other so often that the result would be too large to use. Running the command again reads the same answer: check that --cl-base-url (or COMMERCELAYER_BASE_URL) is a Commerce Layer API.";
      return lostAnswer;
    case "connection":
    case "timeout":
    case "server":
      return lostAnswer;
    case "ambiguous_write":
      return operation === "createOrder"
        ? "Nothing was repeated. Check the orders named (`orderkit commercelayer orders get <order>`) before creating again. With --reference, a re-run reads back again and makes no second order; once you have checked, --restart forgets the interrupted create and looks the reference up afresh."
        : "Nothing was repeated. Check the order (`orderkit commercelayer orders get <order>`) before running the command again.";
    case "rate_limit":
      return andIfLost(rateLimited(error.retryAfterMs));
    case "redirect":
      return andIfLost(
        "The server redirected the request (orderkit follows no redirect): check --cl-base-url (or COMMERCELAYER_BASE_URL) and --auth-url (or COMMERCELAYER_AUTH_URL).",
      );
    default:
      // A write that may have been applied all the same although this error says otherwise: answered
      // 2xx without its resource (a not_found without a status), or a re-send refused (a 404, 409,
      // 422...) after an attempt that may still land. The advice of a lost answer. A plain refusal,
      // or a read, gets none.
      return mayHaveApplied && write ? lostAnswer : undefined;
  }
}
