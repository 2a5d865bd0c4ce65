import type { LettrLabs } from "@orderkit/client";
import { lettrlabs, lettrlabsAt, parseId, settleMsOf } from "../context.js";
import { UsageError } from "../errors.js";
import { mapPair, pageOptions } from "../options.js";
import type { Program } from "../program.js";
import { printRecord, printRows } from "../table.js";

export function registerRecipients(program: Program): void {
  const recipients = program.command("recipients").summary("list, add and remove an order's recipients");
  recipients
    .command("list <order>")
    .description("List an order's recipients.")
    .option("--query <text>", "search name, address or organization")
    .addOption(pageOptions("recipients")[0])
    .addOption(pageOptions("recipients")[1])
    .action(async (id, _o, cmd) => {
      const o = cmd.optsWithGlobals();
      const list = await (await lettrlabs(o)).orders.recipients.list(parseId(id, "order"), {
        ...(o.query ? { query: o.query } : {}),
        pageNumber: o.page,
        pageSize: o.pageSize,
      });
      const rows = list.map((r) => ({
        id: r.id,
        name: [r.personal?.firstName, r.personal?.lastName].filter(Boolean).join(" "),
        address: [r.address.address1, r.address.address2].filter(Boolean).join(", "),
        city: r.address.city,
        state: r.address.state,
        zip: r.address.zipCode,
      }));
      await printRows(o.json, o.json ? list : rows, [
        ["id", "Id"],
        ["name", "Name"],
        ["address", "Address"],
        ["city", "City"],
        ["state", "St"],
        ["zip", "ZIP"],
      ]);
    });
  recipients
    .command("add <order>")
    .description(
      "Append the recipients of a CSV to a Draft order, each at most once: recipients already on the\n" +
        "order are read back first (after --settle-ms, 1 s by default, in case an earlier run's request\n" +
        "is still being applied) and not sent again, so re-running after a failure or a kill is safe.",
    )
    .requiredOption("--csv <file>", "recipients CSV")
    .option("--map <column=field>", "map a CSV column to a recipient field (repeatable)", mapPair, {})
    .action(async (id, _o, cmd) => {
      const o = cmd.optsWithGlobals();
      const { readRecipients } = await import("../csv/read.js");
      const rows: LettrLabs.Recipient[] = [];
      const invalid: string[] = [];
      for await (const row of readRecipients(o.csv, { map: o.map })) {
        if (row.problems.length > 0) invalid.push(`  line ${row.line}: ${row.problems.join("; ")}`);
        else rows.push(row.recipient);
      }
      if (rows.length === 0 && invalid.length === 0)
        throw new UsageError(`${o.csv} holds no recipients (a header only?): nothing was sent.`);
      if (invalid.length > 0)
        throw new UsageError(
          `${invalid.length} invalid rows; nothing was sent:\n${invalid.slice(0, 50).join("\n")}`,
        );
      const orderId = parseId(id, "order");
      const { ll } = await lettrlabsAt(o);
      const { whileOrderLocked } = await import("../ledger/order-lock.js");
      // One writer per order at a time: two runs at once would both read "not there yet".
      const summary = await whileOrderLocked(
        orderId,
        () => ll.orders.recipients.append(orderId, rows, { resume: true }),
        await settleMsOf(o),
      );
      await printRecord(o.json, {
        ...summary,
        rejected: summary.rejected.length,
        duplicates: summary.duplicates.length,
      });
    });
  recipients
    .command("remove <order> <recipientIds...>")
    .description("Remove recipients from a Draft order.")
    .action(async (id, ids, _o, cmd) => {
      const o = cmd.optsWithGlobals();
      const orderId = parseId(id, "order");
      const recipientIds = ids.map((r) => parseId(r, "recipient id"));
      const { ll } = await lettrlabsAt(o);
      const { whileOrderLocked } = await import("../ledger/order-lock.js");
      // A removal shifts the pages another run's read-back is walking: it waits its turn too.
      const result = await whileOrderLocked(
        orderId,
        () => ll.orders.recipients.delete(orderId, recipientIds),
        await settleMsOf(o),
      );
      await printRecord(o.json, { ...result });
    });
}
