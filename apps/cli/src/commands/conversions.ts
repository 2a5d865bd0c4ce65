import { lettrlabs, parseId } from "../context.js";
import { UsageError } from "../errors.js";
import { pageOptions } from "../options.js";
import { note } from "../output.js";
import type { Program } from "../program.js";
import { printRecord, printRows } from "../table.js";

export function registerConversions(program: Program): void {
  const conversions = program.command("conversions").summary("record outcomes for attribution");
  conversions
    .command("list")
    .description("List recorded conversions.")
    .addOption(pageOptions("conversions")[0])
    .addOption(pageOptions("conversions")[1])
    .action(async (_o, cmd) => {
      const o = cmd.optsWithGlobals();
      const list = await (await lettrlabs(o)).conversions.list({
        pageNumber: o.page,
        pageSize: o.pageSize,
      });
      await printRows(o.json, list, [
        ["id", "Id"],
        ["orderId", "Your order"],
        ["revenue", "Revenue"],
        ["primaryEmail", "Email"],
        ["eventDate", "When"],
      ]);
    });
  conversions
    .command("create")
    .description(
      "Record conversions from a CSV (columns named like the API's fields, in any case or spelling: primaryEmail, revenue, orderId, primaryAddress.city, ...). Give each row an orderId: without one, LettrLabs records it again each time it is sent.",
    )
    .requiredOption("--csv <file>", "conversions CSV")
    .action(async (_o, cmd) => {
      const o = cmd.optsWithGlobals();
      const { csvRecords } = await import("../csv/read.js");
      const records = [];
      // Spaces around a cell, outside its quotes, are not part of it (what is quoted is sent as written).
      for await (const record of csvRecords(o.csv, { trim: true })) records.push(record);
      const [header, ...rows] = records;
      if (header === undefined || rows.length === 0) throw new UsageError(`${o.csv}: no rows.`);
      const { conversionsFromCsv } = await import("../csv/conversions.js");
      const { conversions, withoutOrderId } = conversionsFromCsv(header, rows, o.csv);
      if (withoutOrderId > 0)
        note(
          `${withoutOrderId} of ${conversions.length} rows carry no orderId: LettrLabs records each of them as a new conversion, so sending this file again records them again.`,
        );
      const results = await (await lettrlabs(o)).conversions.create(conversions);
      // Results come in the rows' order: the refused ones are named by their line in the file.
      const refused = results.flatMap((r, i) => (r.isValid === false ? [rows[i]?.line ?? i + 2] : []));
      if (refused.length > 0)
        note(
          `${refused.length} of ${results.length} rows were refused by LettrLabs (line${refused.length === 1 ? "" : "s"} ${refused.slice(0, 20).join(", ")}${refused.length > 20 ? ", …" : ""}); the others were recorded. Send only the refused rows again, once fixed: sending the whole file again records the others again unless they carry an orderId.`,
        );
      await printRows(o.json, results, [
        ["orderId", "Your order"],
        ["revenue", "Revenue"],
        ["isValid", "Valid"],
        ["validationErrors", "Problems"],
      ]);
    });
  conversions
    .command("remove <conversion>")
    .description("Delete a conversion.")
    .action(async (id, _o, cmd) => {
      const o = cmd.optsWithGlobals();
      await printRecord(o.json, {
        ...(await (await lettrlabs(o)).conversions.delete(parseId(id, "conversion"))),
      });
    });
  conversions
    .command("status <conversion>")
    .description("Processing status of a conversion upload.")
    .action(async (id, _o, cmd) => {
      const o = cmd.optsWithGlobals();
      await printRecord(o.json, {
        ...(await (await lettrlabs(o)).conversions.status(parseId(id, "conversion"))),
      });
    });
}
