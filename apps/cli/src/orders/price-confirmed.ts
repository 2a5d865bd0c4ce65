import type { LettrLabs, LettrLabsClient, PreviewOptions } from "@orderkit/client";
import { StoppedError } from "../errors.js";
import { usd } from "../output.js";
import { amountToPay, cardsPriced } from "../table.js";

type Preview = Pick<LettrLabs.CheckoutPreview, "lineItems" | "totalCharges" | "totalCredits" | "balance">;

/** The price query of a checkout's options (`--postage`, `--production`, `--hold-until`). */
export function priceQueryOf(o: {
  postage: LettrLabs.PostageType;
  production: LettrLabs.ProductionSpeed;
  holdUntil?: string | undefined;
}): PreviewOptions {
  return {
    postage: o.postage,
    production: o.production,
    ...(o.holdUntil ? { holdUntilDate: o.holdUntil } : {}),
  };
}

/** An amount in whole cents (`0.1 + 0.2` is 30), or undefined when the preview leaves it out. */
const cents = (amount: number | undefined) => (amount === undefined ? undefined : Math.round(amount * 100));

/**
 * What a preview prices, as compared: cards, total charges, credits and what is to pay, in cents.
 * Each counts: with the whole order paid by credits, people added change the charges and the
 * credits, not what is to pay.
 */
const priced = (p: Preview) => [
  cardsPriced(p),
  cents(p.totalCharges),
  cents(p.totalCredits),
  cents(amountToPay(p)),
];

/**
 * Stops a checkout before it is sent (nothing charged) when the price preview read once the user
 * confirmed differs from the one confirmed: in cards, charges, credits or what is to pay. People
 * added to the order or taken off meanwhile (in the app, by another writer) or credits spent
 * elsewhere would otherwise be paid for without being asked. (`send` and `checkout submit`; a
 * `send` run again checks the order against its file before it asks again.)
 */
export function stopIfPriceChanged(orderId: number, confirmed: Preview, now: Preview): void {
  const [then, current] = [priced(confirmed), priced(now)];
  if (then.every((value, i) => value === current[i])) return;
  const said = (p: Preview) => {
    const cards = cardsPriced(p);
    return `${cards > 0 ? `${cards} cards, ` : ""}charges ${usd(p.totalCharges)}, credits ${usd(p.totalCredits)}, ${usd(amountToPay(p))} to pay`;
  };
  throw new StoppedError(
    `The price of order ${orderId} changed after it was confirmed: ${said(confirmed)} then; ${said(now)} now (someone may have changed the order, or spent credits, meanwhile). Nothing was charged. Check who the order holds (\`orderkit recipients list ${orderId}\`), then run the same command again: it asks at the new price (a \`send\` first checks the order against its file).`,
  );
}

/**
 * Once the user has confirmed `confirmed`: prices order `orderId` again, runs `check` on that
 * preview (a `send`'s count of who the order holds), and stops unless it prices what was
 * confirmed ({@link stopIfPriceChanged}). Returns the new preview.
 */
export async function priceAgainAsConfirmed(
  ll: LettrLabsClient,
  orderId: number,
  query: PreviewOptions,
  confirmed: LettrLabs.CheckoutPreview,
  check?: (now: LettrLabs.CheckoutPreview) => Promise<void>,
): Promise<LettrLabs.CheckoutPreview> {
  const now = await ll.orders.checkout.preview(orderId, query);
  await check?.(now);
  stopIfPriceChanged(orderId, confirmed, now);
  return now;
}
