import type { LettrLabs } from "@orderkit/client";
import { StoppedError } from "../errors.js";
import { usd } from "../output.js";
import { cardsPriced } from "../table.js";

type Preview = Pick<LettrLabs.CheckoutPreview, "lineItems" | "totalCharges" | "balance">;

/** What a checkout question says is paid: the balance after credits, else the total charges. */
const toPay = (preview: Preview): number => preview.balance ?? preview.totalCharges;

/**
 * Stops a send before its checkout (nothing charged) when the price preview read once the user
 * confirmed differs from the one confirmed, in cards or in what is to pay: people added to the
 * order meanwhile (in the app, by another writer, none of them twice) or credits spent elsewhere
 * would otherwise be paid for without being asked (`send`, `checkout submit`). A `send` run again
 * checks the order against its file (people not in it, or missing from it, stop that run) before
 * it asks again.
 */
export function stopIfPriceChanged(orderId: number, confirmed: Preview, now: Preview): void {
  const [cardsThen, cardsNow] = [cardsPriced(confirmed), cardsPriced(now)];
  const [payThen, payNow] = [toPay(confirmed), toPay(now)];
  if (cardsThen === cardsNow && payThen === payNow) return;
  const cards = (n: number) => (n > 0 ? `${n} cards, ` : "");
  throw new StoppedError(
    `The price of order ${orderId} changed after it was confirmed: ${cards(cardsThen)}${usd(payThen)} to pay then, ${cards(cardsNow)}${usd(payNow)} now (someone may have changed the order, or spent credits, meanwhile). Nothing was charged. Check who the order holds (\`orderkit recipients list ${orderId}\`), then run the same command again: it asks at the new price (a \`send\` first checks the order against its file).`,
  );
}
