import type { LettrLabsError } from "@orderkit/client";
import { lettrlabs, lettrlabsAt, parseId, settleMsOf } from "../context.js";
import { StoppedError, UsageError } from "../errors.js";
import { BOUNDS, boundedOption, id, pageOptions } from "../options.js";
import { note, printJson } from "../output.js";
import type { Program } from "../program.js";
import { printRecord, printRows } from "../table.js";

const ORDER_COLUMNS: [string, string][] = [
  ["id", "Id"],
  ["status", "Status"],
  ["productType", "Product"],
  ["postageType", "Postage"],
  ["paidDate", "Paid"],
  ["mailedDate", "Mailed"],
];

export function registerOrders(program: Program): void {
  const orders = program.command("orders").summary("list, get, create and cancel orders");
  orders
    .command("list")
    .description("List orders created through the API (one page).")
    .option("--status <status>", "only this status (Draft, Payment Needed, Paid, Mailed, …)")
    .addOption(pageOptions("orders")[0])
    .addOption(pageOptions("orders")[1])
    .option("--all", "every page")
    .action(async (_o, cmd) => {
      const o = cmd.optsWithGlobals();
      const ll = await lettrlabs(o);
      const { ORDER_STATUSES, isOrderStatus } = await import("@orderkit/client");
      if (o.status !== undefined && !isOrderStatus(o.status)) {
        throw new UsageError(`--status must be one of: ${ORDER_STATUSES.join(", ")}.`);
      }
      const query = {
        ...(o.status !== undefined ? { status: o.status } : {}),
        pageNumber: o.page,
        pageSize: o.pageSize,
      };
      const rows = [];
      if (o.all) for await (const order of ll.orders.iterate(query)) rows.push(order);
      else rows.push(...(await ll.orders.list(query)));
      await printRows(o.json, rows, ORDER_COLUMNS);
    });
  orders
    .command("get <order>")
    .description("Show one order.")
    .action(async (id, _o, cmd) => {
      const o = cmd.optsWithGlobals();
      const order = await (await lettrlabs(o)).orders.retrieve(parseId(id, "order"));
      await printRecord(o.json, order);
    });
  orders
    .command("create")
    .description(
      "Create an empty Draft order from a template, at most once: even after a timeout, and even\n" +
        "when a run is killed mid-create (the next run of the same command reads back first).",
    )
    .requiredOption("--template <id>", "template id", id)
    .option(
      "--order <id>",
      "after an interrupted create: take this order, one of the new Drafts it named, as its order",
      id,
    )
    .option("--restart", "forget an interrupted create of this template and create a new order")
    .option("--journal-dir <dir>", "where interrupted creates are recorded (default: as for send)")
    .action(async (_o, cmd) => {
      const o = cmd.optsWithGlobals();
      const { ll, host } = await lettrlabsAt(o);
      const { pendingCreates } = await import("../ledger/pending-create.js");
      const { createFromTemplateOnce } = await import("../orders/create-from-template.js");
      if (o.order !== undefined && o.restart) throw new UsageError("Pass --order or --restart, not both.");
      const meaning = {
        command: "orders create",
        host,
        templateId: o.template,
      };
      await pendingCreates(o.journalDir).run(
        meaning,
        {
          restart: Boolean(o.restart),
          what: `Creating an order from template ${o.template}`,
          say: note,
          snapshot: true,
          settleMs: await settleMsOf(o),
        },
        async ({ record, resumed, save }) => {
          if (o.order === undefined)
            return createFromTemplateOnce(ll, o.template, record, save, {
              yes: false,
              whose: "the order this create made",
              say: note,
            });
          // The user's answer to an ambiguous create: only an order that appeared after the
          // interrupted create's snapshot, and is still open, can be its order.
          if (!resumed)
            throw new UsageError(
              `--order: there is no interrupted create of template ${o.template} to continue; nothing was created.`,
            );
          if (record.draftsBefore?.includes(o.order))
            throw new UsageError(
              `Order ${o.order} existed before the interrupted create: it is not the order that create made.`,
            );
          // The probe's own test for a candidate: a Draft that appeared since, and holds nothing.
          const order = await ll.orders.retrieve(o.order);
          if (order.status !== "Draft")
            throw new UsageError(`Order ${order.id} is ${order.status}: it is not a new Draft.`);
          if ((await ll.orders.recipients.list(order.id, { pageSize: 1 })).length > 0)
            throw new UsageError(
              `Order ${order.id} already holds recipients: it is another writer's, not the empty Draft the create made.`,
            );
          return { orderId: order.id, status: order.status, recovered: true };
        },
        (created) => printRecord(o.json, { ...created }),
      );
    });
  orders
    .command("cancel <order>")
    .description("Delete a Draft or Edits Needed order.")
    .action(async (id, _o, cmd) => {
      const o = cmd.optsWithGlobals();
      const result = await (await lettrlabs(o)).orders.delete(parseId(id, "order"));
      await printRecord(o.json, { ...result });
    });

  program
    .command("proof <order>")
    .description("Save the proof PDF of an order.")
    .requiredOption("-o, --output <file.pdf>", "where to write the PDF")
    .option("--recipient <id>", "fill the mail-merge fields of this recipient", id)
    .action(async (id, _o, cmd) => {
      const o = cmd.optsWithGlobals();
      const ll = await lettrlabs(o);
      const pdf = await ll.orders.proof(parseId(id, "order"), {
        ...(o.recipient ? { recipientId: o.recipient } : {}),
      });
      const { checkOutputPath, writeOutput } = await import("../output-file.js");
      await writeOutput(checkOutputPath(o.output, "--output"), pdf);
      await printRecord(o.json, { orderId: Number(id), file: o.output, bytes: pdf.length });
    });
  program
    .command("wait <order>")
    .description("Wait until an order's payment settles (Paid or later).")
    .addOption(boundedOption("--timeout <seconds>", "give up after", BOUNDS.waitSeconds, 300))
    .addOption(boundedOption("--interval <seconds>", "seconds between polls", BOUNDS.pollSeconds, 5))
    .action(async (id, _o, cmd) => {
      const o = cmd.optsWithGlobals();
      const ll = await lettrlabs(o);
      const orderId = parseId(id, "order");
      // No read of its own first: one listing may lag behind a checkout made a moment ago (see
      // settleOrder, which `send` waits with too).
      const { settleOrder } = await import("../orders/settlement.js");
      const settled = await settleOrder(ll, orderId, {
        timeoutMs: o.timeout * 1000,
        pollAfterSeconds: o.interval,
        reread: async () => (await ll.orders.retrieve(orderId)).status,
        say: note,
      }).catch((error: unknown) => {
        const e = error as LettrLabsError;
        // Closed: said as it is, without `send`'s hint to start over with --restart.
        if (e.kind === "order_closed") throw new StoppedError(e.message);
        if (e.kind !== "payment_failed") throw error;
        throw new UsageError(
          `Order ${orderId} is ${e.orderStatus ?? "Draft"}: it has not been checked out, or its payment failed (nothing was charged), so there is nothing to wait for.`,
        );
      });
      await printRecord(o.json, { orderId, ...settled });
    });
  program
    .command("delivery-status <order>")
    .description("USPS delivery status of each recipient of an order.")
    .action(async (id, _o, cmd) => {
      const o = cmd.optsWithGlobals();
      const status = await (await lettrlabs(o)).orders.deliveryStatus(parseId(id, "order"));
      if (o.json) printJson(status);
      else
        await printRows(false, status.recipients, [
          ["recipientId", "Recipient"],
          ["status", "Status"],
          ["statusDate", "Since"],
        ]);
    });
}
