import type { RawResult } from "../core/call.js";
import { mayHaveApplied, notSent } from "../core/safe-write.js";
import { type LettrLabsContext, sendPayload } from "./call.js";
import { LettrLabsError, lettrLabsError } from "./errors.js";

/**
 * Sends a write the API gives no way to read back by what the caller sent (an automation's
 * recipient, a conversion, an address-book entry, a QR scan): once, never retried. When it may
 * have been applied (no answer, an abort while it was on its way, a 5xx, an unreadable 2xx), it
 * fails as `ambiguous_write` saying so and what to `check` before sending it again, never as a
 * plain connection error that a caller would simply repeat (and so apply twice).
 */
export async function sendPlainWrite<D extends { payload?: unknown }>(
  ctx: LettrLabsContext,
  operation: string,
  check: string,
  run: () => Promise<RawResult<D>>,
  expect?: (payload: unknown) => boolean,
): Promise<NonNullable<D["payload"]>> {
  try {
    return await sendPayload(ctx, operation, run, expect);
  } catch (error) {
    if (
      error instanceof LettrLabsError &&
      (mayHaveApplied(error) || (error.kind === "aborted" && !notSent(error)))
    ) {
      throw lettrLabsError("ambiguous_write", {
        message: `${error.message.replace(/\.?$/, ".")} It may have been applied: ${check} before sending it again.`,
        operation,
        status: error.status,
        requestId: error.requestId,
        cause: error,
      });
    }
    throw error;
  }
}
