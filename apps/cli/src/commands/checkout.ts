import { Option } from "@commander-js/extra-typings";
import { lettrlabs, lettrlabsAt, parseId, settleMsOf } from "../context.js";
import { futureIsoDate } from "../options.js";
import { printJson } from "../output.js";
import type { Program } from "../program.js";
import { checkoutQuestion, formatPreview, printRecord } from "../table.js";

const postage = () =>
  new Option("--postage <type>", "postage").choices(["Standard", "FirstClass"]).default("Standard");
const production = () =>
  new Option("--production <speed>", "production speed")
    .choices(["Normal", "ExpeditedFaster", "ExpeditedFastest"])
    .default("Normal");

export function registerCheckout(program: Program): void {
  const checkout = program.command("checkout").summary("price preview and payment");
  checkout
    .command("preview <order>")
    .description("Show what checking out would cost. Charges nothing.")
    .addOption(postage())
    .addOption(production())
    .option("--hold-until <date>", "hold mailing until this date (ISO 8601)", futureIsoDate)
    .action(async (id, _o, cmd) => {
      const o = cmd.optsWithGlobals();
      const { priceQueryOf } = await import("../orders/price-confirmed.js");
      const preview = await (await lettrlabs(o)).orders.checkout.preview(
        parseId(id, "order"),
        priceQueryOf(o),
      );
      if (o.json) {
        printJson(preview);
        return;
      }
      process.stdout.write(await formatPreview(preview));
    });
  checkout
    .command("submit <order>")
    .description(
      "Check out and pay (charges money; asks first unless --yes). Never retried blindly: refused, it reads the order back, and an order already checked out (an earlier run's checkout landed) is said to be so, with nothing sent (exit 0).",
    )
    .addOption(postage())
    .addOption(production())
    .option("--hold-until <date>", "hold mailing until this date (ISO 8601)", futureIsoDate)
    .option("--auto-bill", "charge the saved payment method when credits are short")
    .option("-y, --yes", "do not ask for confirmation")
    .action(async (id, _o, cmd) => {
      const o = cmd.optsWithGlobals();
      const orderId = parseId(id, "order");
      const { confirm, refuseWithoutTerminal } = await import("../prompt.js");
      if (!o.yes) refuseWithoutTerminal();
      const { ll } = await lettrlabsAt(o);
      const { whileOrderLocked } = await import("../ledger/order-lock.js");
      // One checkout (or recipient write) per order at a time, across terminals; under the lock, a
      // killed run's recipients still in flight land first, and no other terminal can add anyone
      // between the question and the checkout (the app can: the price is read again after it).
      let submitting = false;
      const settleMs = await settleMsOf(o);
      const outcome = await whileOrderLocked(
        orderId,
        async () => {
          if (!o.yes) {
            const { priceAgainAsConfirmed, priceQueryOf } = await import("../orders/price-confirmed.js");
            const priceQuery = priceQueryOf(o);
            const preview = await ll.orders.checkout.preview(orderId, priceQuery);
            process.stderr.write(`Price preview for order ${orderId}:\n${await formatPreview(preview)}`);
            await confirm(checkoutQuestion(orderId, preview, o.postage, o.production), false);
            // Paid only at the price confirmed: the app (or a writer without the lock) may have
            // changed the order while the question waited.
            await priceAgainAsConfirmed(ll, orderId, priceQuery, preview);
          }
          submitting = true;
          const { CHECKED_OUT, SETTLED } = await import("@orderkit/client");
          const { doneDespiteRefusal } = await import("../orders/done-despite-refusal.js");
          return ll.orders.checkout
            .submit(orderId, {
              postageType: o.postage,
              productionSpeed: o.production,
              ...(o.holdUntil ? { holdUntilDate: o.holdUntil } : {}),
              ...(o.autoBill ? { autoBill: true } : {}),
            })
            .catch(async (error: unknown) => {
              // Refused (a 4xx, or an answer that says it failed): the order may be checked out
              // already (an earlier run, killed or cut off while its checkout landed). Read it,
              // never send again.
              const order = await doneDespiteRefusal(error, {
                id: orderId,
                refused: (e) => {
                  const kind = (e as { kind?: unknown }).kind;
                  return kind === "validation" || kind === "conflict";
                },
                read: () => ll.orders.retrieve(orderId),
                readAgainAfterMs: settleMs,
                done: (current) => CHECKED_OUT.has(current.status),
                differs: (current) =>
                  checkedOutOtherwise(
                    current,
                    {
                      postage: o.postage,
                      production: o.production,
                      holdUntil: o.holdUntil,
                      autoBill: Boolean(o.autoBill),
                    },
                    SETTLED.has(current.status),
                  ),
                describe: (current) => current.status,
                quiet: Boolean(o.json),
              });
              return {
                orderId,
                status: order.status,
                pollAfterSeconds: 5,
                settlementExpectedWithinSeconds: undefined,
                recovered: true,
              };
            });
        },
        settleMs,
        () =>
          submitting
            ? `The checkout of order ${orderId} may have been sent: read the order (orderkit orders get ${orderId}) before checking it out again.`
            : "Nothing was charged.",
      );
      await printRecord(o.json, { ...outcome });
    });
}

/**
 * How an order checked out differs from the checkout this run asks for, or undefined. Its postage,
 * production speed and hold date are compared where the order says them; one it does not say counts
 * as this run's only where this run asks the default (Standard, Normal, no hold). `--auto-bill`
 * cannot be read back: an order still waiting for its payment (not settled) may not bill the saved
 * payment method as this run asks. A hold date listed without an offset is read as UTC.
 */
function checkedOutOtherwise(
  order: {
    status: string;
    postageType?: string | null;
    productionSpeed?: string | null;
    holdUntilDate?: string | null;
  },
  asked: { postage: string; production: string; holdUntil: string | undefined; autoBill: boolean },
  settled: boolean,
): string | undefined {
  const differences: string[] = [];
  const compare = (name: string, listed: string | null | undefined, wanted: string, usual: string) => {
    if (listed == null ? wanted !== usual : listed !== wanted)
      differences.push(`${name} ${listed ?? "not listed"}, not ${wanted}`);
  };
  compare("postage", order.postageType, asked.postage, "Standard");
  compare("production", order.productionSpeed, asked.production, "Normal");
  const instant = (date: string) => Date.parse(/(Z|[+-]\d{2}:?\d{2})$/i.test(date) ? date : `${date}Z`);
  const held = order.holdUntilDate == null ? undefined : instant(order.holdUntilDate);
  const wanted = asked.holdUntil === undefined ? undefined : instant(asked.holdUntil);
  if (order.holdUntilDate === undefined ? wanted !== undefined : held !== wanted)
    differences.push(
      `${order.holdUntilDate === undefined ? "a hold date not listed" : order.holdUntilDate === null ? "no hold date" : `a hold until ${order.holdUntilDate}`}, not ${asked.holdUntil ?? "none"}`,
    );
  if (asked.autoBill && !settled)
    differences.push(
      "its payment still pending, which may not bill the saved payment method as --auto-bill asks",
    );
  return differences.length === 0 ? undefined : `it was checked out with ${differences.join(", ")}`;
}
