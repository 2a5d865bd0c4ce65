import { lettrlabs, parseId } from "../context.js";
import { printJson } from "../output.js";
import type { Program } from "../program.js";
import { printRecord, printRows } from "../table.js";

function ids(value: string): number[] {
  return value.split(",").map((v) => parseId(v.trim(), "campaign id"));
}

export function registerAccount(program: Program): void {
  program
    .command("me")
    .description("Show the account that owns the API key (checks the key).")
    .action(async (_o, cmd) => {
      const o = cmd.optsWithGlobals();
      await printRecord(o.json, { ...(await (await lettrlabs(o)).me()) });
    });
  const templates = program.command("templates").summary("card and letter templates");
  templates
    .command("list")
    .description("List templates.")
    .action(async (_o, cmd) => {
      const o = cmd.optsWithGlobals();
      const list = await (await lettrlabs(o)).templates.list();
      await printRows(o.json, list, [
        ["id", "Id"],
        ["name", "Name"],
        ["productType", "Product"],
        ["handwrittenFont", "Font"],
      ]);
    });
  templates
    .command("get <template>")
    .description("Show one template.")
    .action(async (id, _o, cmd) => {
      const o = cmd.optsWithGlobals();
      await printRecord(o.json, {
        ...(await (await lettrlabs(o)).templates.retrieve(parseId(id, "template"))),
      });
    });
  program
    .command("fonts")
    .description("List handwriting fonts.")
    .action(async (_o, cmd) => {
      const o = cmd.optsWithGlobals();
      await printRows(o.json, await (await lettrlabs(o)).fonts(), [
        ["id", "Id"],
        ["name", "Name"],
        ["label", "Label"],
      ]);
    });
  program
    .command("analytics")
    .description("Delivery and QR-scan analytics of campaigns (orders).")
    .requiredOption("--orders <ids>", "comma-separated order ids")
    .action(async (_o, cmd) => {
      const o = cmd.optsWithGlobals();
      const list = await (await lettrlabs(o)).analytics(ids(o.orders));
      if (o.json) printJson(list);
      else
        await printRows(false, list, [
          ["orderId", "Order"],
          ["campaignName", "Campaign"],
          ["totalCards", "Cards"],
          ["mailed", "Mailed"],
          ["inTransit", "In transit"],
          ["delivered", "Delivered"],
          ["undeliverable", "Undeliv."],
        ]);
    });
  program
    .command("transactions")
    .description("Billing transactions of campaigns (orders).")
    .requiredOption("--orders <ids>", "comma-separated order ids")
    .action(async (_o, cmd) => {
      const o = cmd.optsWithGlobals();
      const list = await (await lettrlabs(o)).transactions(ids(o.orders));
      if (o.json) printJson(list);
      else
        await printRows(false, list, [
          ["orderId", "Order"],
          ["volume", "Volume"],
          ["totalPrice", "Total"],
          ["costPerPiece", "Per piece"],
          ["paidDate", "Paid"],
        ]);
    });
}
