import type { Command } from "commander";
import { type GlobalOptions, lettrlabs, parseId } from "../context.js";
import { UsageError } from "../errors.js";
import { BOUNDS, integer } from "../options.js";
import { printJson, printRecord, printRows } from "../output.js";

type Opts = GlobalOptions & Record<string, string | boolean | undefined>;

const ORDER_COLUMNS: [string, string][] = [
  ["id", "Id"],
  ["status", "Status"],
  ["productType", "Product"],
  ["postageType", "Postage"],
  ["paidDate", "Paid"],
  ["mailedDate", "Mailed"],
];

export function registerOrders(program: Command): void {
  const orders = program.command("orders").summary("list, get, create and cancel orders");
  orders
    .command("list")
    .description("List orders created through the API (one page).")
    .option("--status <status>", "only this status (Draft, Payment Needed, Paid, Mailed, …)")
    .option("--page <n>", "page number, from 0", integer(0), 0)
    .option(
      "--page-size <n>",
      "orders per page (1-500)",
      integer(BOUNDS.pageSize.min, BOUNDS.pageSize.max),
      100,
    )
    .option("--all", "every page")
    .addHelpText("after", "\nExamples:\n  $ orderkit orders list --status Draft --json")
    .action(async (_o: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<Opts>();
      const ll = await lettrlabs(o);
      const { ORDER_STATUSES } = await import("@orderkit/client");
      if (o.status && !ORDER_STATUSES.includes(o.status as "Draft")) {
        throw new UsageError(`--status must be one of: ${ORDER_STATUSES.join(", ")}.`);
      }
      const query = {
        ...(o.status ? { status: o.status as "Draft" } : {}),
        pageNumber: Number(o.page),
        pageSize: Number(o.pageSize),
      };
      const rows = [];
      if (o.all) for await (const order of ll.orders.iterate(query)) rows.push(order);
      else rows.push(...(await ll.orders.list(query)));
      printRows(o.json as boolean, rows, ORDER_COLUMNS);
    });
  orders
    .command("get <order>")
    .description("Show one order.")
    .action(async (id: string, _o: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<Opts>();
      const order = await (await lettrlabs(o)).orders.retrieve(parseId(id, "order"));
      printRecord(o.json as boolean, order);
    });
  orders
    .command("create")
    .description("Create an empty Draft order from a template (at most once, even after a timeout).")
    .requiredOption("--template <id>", "template id")
    .action(async (_o: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<Opts>();
      const created = await (await lettrlabs(o)).orders.create({
        templateId: parseId(String(o.template), "--template"),
      });
      printRecord(o.json as boolean, { ...created });
    });
  orders
    .command("cancel <order>")
    .description("Delete a Draft or Edits Needed order.")
    .action(async (id: string, _o: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<Opts>();
      const result = await (await lettrlabs(o)).orders.delete(parseId(id, "order"));
      printRecord(o.json as boolean, { ...result });
    });

  program
    .command("proof <order>")
    .description("Save the proof PDF of an order.")
    .requiredOption("-o, --output <file.pdf>", "where to write the PDF")
    .option("--recipient <id>", "fill the mail-merge fields of this recipient")
    .action(async (id: string, _o: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<Opts>();
      const ll = await lettrlabs(o);
      const pdf = await ll.orders.proof(parseId(id, "order"), {
        ...(o.recipient ? { recipientId: parseId(String(o.recipient), "--recipient") } : {}),
      });
      const { checkOutputPath, writeOutput } = await import("../output-file.js");
      await writeOutput(checkOutputPath(String(o.output), "--output"), pdf);
      printRecord(o.json as boolean, { orderId: Number(id), file: o.output, bytes: pdf.length });
    });
  program
    .command("wait <order>")
    .description("Wait until an order's payment settles (Paid or later).")
    .option(
      "--timeout <seconds>",
      "give up after (1-86400)",
      integer(BOUNDS.waitSeconds.min, BOUNDS.waitSeconds.max),
      300,
    )
    .option(
      "--interval <seconds>",
      "seconds between polls (1-300)",
      integer(BOUNDS.pollSeconds.min, BOUNDS.pollSeconds.max),
      5,
    )
    .action(async (id: string, _o: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<Opts>();
      const settled = await (await lettrlabs(o)).orders.waitForSettlement(parseId(id, "order"), {
        timeoutMs: Number(o.timeout) * 1000,
        pollAfterSeconds: Number(o.interval),
      });
      printRecord(o.json as boolean, { ...settled });
    });
  program
    .command("delivery-status <order>")
    .description("USPS delivery status of each recipient of an order.")
    .action(async (id: string, _o: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<Opts>();
      const status = await (await lettrlabs(o)).orders.deliveryStatus(parseId(id, "order"));
      if (o.json) printJson(status);
      else
        printRows(false, status.recipients, [
          ["recipientId", "Recipient"],
          ["status", "Status"],
          ["statusDate", "Since"],
        ]);
    });
}
