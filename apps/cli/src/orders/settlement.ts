import {
  type LettrLabsClient,
  type LettrLabsError,
  LettrLabsOrderClosedError,
  LettrLabsPaymentError,
  LettrLabsTimeoutError,
  orderStatusMeaning,
  pollInterval,
} from "@orderkit/client";
import { StoppedError } from "../errors.js";

/** How the CLI waits for an order's payment to settle. */
export interface SettleOptions {
  /** Seconds between polls (the checkout's `pollAfterSeconds`, or `--interval`). */
  pollAfterSeconds?: number | undefined;
  /** Give up after this long, re-waits included. */
  timeoutMs: number;
  /** The order's status read once more (`send`'s never calls an order it checked out deleted). */
  reread: () => Promise<string>;
  say: (message: string) => void;
  /**
   * Return at the first reading of the order that is not open (being paid, paid, closed, or a
   * status this version does not know) instead of waiting for it to be paid: the check of a
   * Draft reading before a restart changes anything. A Draft or "not listed" verdict is still
   * confirmed as always.
   */
  firstNotOpen?: boolean;
}

/** Thrown from a poll to end the wait at the first reading that is not open ({@link SettleOptions.firstNotOpen}). */
class NotOpen {
  constructor(readonly status: string) {}
}

const operation = "waitForSettlement";

/**
 * The least time between the listings' verdict and the reading that confirms it: the server's
 * `pollAfterSeconds` may be 1 s, and a replica lagging a few seconds behind the checkout would
 * outlast readings that close together.
 */
export const CONFIRM_AFTER_MS = 5000;

/**
 * Waits until the order is paid (returns its status and how many readings it took): the one home
 * of this rule for `orderkit send` and `orderkit wait`. `waitForSettlement` concludes "back in
 * Draft" or "not listed" from two polls in a row; a listing served by a replica that lags behind
 * the checkout for longer than that shows the order as it was, and a payment failure invites a
 * second checkout. So before the CLI reports either, it waits one more interval (at least
 * {@link CONFIRM_AFTER_MS}) and reads the order again, and that reading decides (with no time left
 * for it, the wait times out): paid ends the wait; being paid waits on (once); Draft is a payment
 * failure, a closed status a closed order (each thrown as the client's error, `orderStatus` set).
 * Once a reading after the checkout showed the order being paid, any later "Draft" or "not listed"
 * stops with a `StoppedError` that says not to check out again: never a payment failure.
 */
export async function settleOrder(
  ll: LettrLabsClient,
  orderId: number,
  o: SettleOptions,
): Promise<{ status: string; polls: number }> {
  const until = Date.now() + o.timeoutMs;
  const interval = pollInterval(o.pollAfterSeconds);
  let sawPaying = false;
  // Readings of the order (a poll where it was not listed is not one).
  let polls = 0;
  const onPoll = (status: string) => {
    polls++;
    if (o.firstNotOpen && orderStatusMeaning(status) !== "open") throw new NotOpen(status);
  };
  for (;;) {
    let verdict: LettrLabsError;
    try {
      const settled = await ll.orders.waitForSettlement(orderId, {
        ...(o.pollAfterSeconds !== undefined ? { pollAfterSeconds: o.pollAfterSeconds } : {}),
        timeoutMs: Math.max(1, until - Date.now()),
        onPoll,
      });
      return { status: settled.status, polls };
    } catch (error) {
      if (error instanceof NotOpen) return { status: error.status, polls };
      verdict = error as LettrLabsError;
      const fromListings =
        verdict.kind === "payment_failed" ||
        (verdict.kind === "order_closed" && verdict.orderStatus === "Deleted");
      // A closed status (Cancelled, …) is never an older one: final at once, as in the client.
      if (!fromListings) throw error;
    }
    const seen = verdict.kind === "payment_failed" ? "back in Draft" : "missing";
    const confirmAfter = Math.max(interval, CONFIRM_AFTER_MS);
    if (until - Date.now() < confirmAfter) {
      // No time left to confirm the verdict: reading at once could take a lagging listing's word.
      throw new LettrLabsTimeoutError("timeout", {
        message: `Payment for order ${orderId} was not confirmed within ${Math.round(o.timeoutMs / 1000)} s: listings show it ${seen}, and there was no time left to read it again. Do not check it out again before it reads as Draft a while later.`,
        operation,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, confirmAfter));
    const now = await o.reread();
    polls++;
    const meaning = orderStatusMeaning(now);
    if (meaning === "settled" || (o.firstNotOpen && meaning !== "open")) return { status: now, polls };
    if (meaning === "pending" && !sawPaying && Date.now() < until) {
      sawPaying = true;
      o.say(`Order ${orderId} reads as ${now} (its listing lagged behind the checkout): still waiting…`);
      continue;
    }
    if (meaning === "pending" && Date.now() >= until) {
      throw new LettrLabsTimeoutError("timeout", {
        message: `Payment for order ${orderId} did not settle within ${Math.round(o.timeoutMs / 1000)} s (still ${now}). Check again later; do not check out again.`,
        operation,
      });
    }
    if (meaning === "unknown") {
      throw new StoppedError(
        `Order ${orderId} has a status this version does not know ("${now}"); not continuing.`,
      );
    }
    // Pending is handled above but here, after a reading that already showed it being paid.
    if (sawPaying) {
      throw new StoppedError(
        `Order ${orderId} reads as ${now}, and listings in between showed it ${seen}: it was checked out and its payment has not settled (an earlier reading showed it being paid). Do not check it out again or --restart; run the same command again later to go on waiting.`,
      );
    }
    if (meaning === "open") {
      throw new LettrLabsPaymentError("payment_failed", {
        message: `Payment for order ${orderId} failed: the order is in ${now}. Nothing was charged or mailed; it may be checked out again.`,
        operation,
        orderStatus: now,
      });
    }
    // Closed, or read as Deleted (not listed twice).
    throw new LettrLabsOrderClosedError("order_closed", {
      message: `Order ${orderId} is ${now}: it will not be mailed.`,
      operation,
      orderStatus: now,
    });
  }
}
