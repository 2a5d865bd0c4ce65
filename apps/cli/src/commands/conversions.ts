import type { LettrLabs } from "@orderkit/client";
import { lettrlabs, lettrlabsAt, parseId, settleMsOf } from "../context.js";
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
      "Record conversions from a CSV (columns named like the API's fields, in any case or spelling: primaryEmail, revenue, orderId, primaryAddress.city, ...). Give each row an orderId: without one, LettrLabs records it again each time it is sent, so each such row is sent once per API host (a later file holding one, or a row twice in one file, is refused, exit 5; after a lost answer or a killed run, a file holding its rows stops until --restart; a second terminal at once exits 4).",
    )
    .requiredOption("--csv <file>", "conversions CSV")
    .option(
      "--allow-repeat",
      "send rows without an orderId that an earlier run recorded, or that a file holds twice",
    )
    .option("--restart", "forget the interrupted runs of these rows (outcome unknown) and send them")
    .action(async (_o, cmd) => {
      const o = cmd.optsWithGlobals();
      const { csvRecords, namedLines } = await import("../csv/read.js");
      const records = [];
      // Spaces around a cell, outside its quotes, are not part of it (what is quoted is sent as written).
      for await (const record of csvRecords(o.csv, { trim: true })) records.push(record);
      const [header, ...rows] = records;
      if (header === undefined || rows.length === 0) throw new UsageError(`${o.csv}: no rows.`);
      const { conversionsFromCsv } = await import("../csv/conversions.js");
      const { conversions, withoutOrderId } = conversionsFromCsv(header, rows, o.csv);
      if (withoutOrderId > 0)
        note(
          `${withoutOrderId} of ${conversions.length} rows carry no orderId: LettrLabs records each of them as a new conversion each time it is sent. orderkit sends each once from this state directory (a later run holding one of them is refused, exit 5, unless --allow-repeat); sent from anywhere else, they are recorded again.`,
        );
      // The places of the refused rows, each named only where its result echoes it exactly (see
      // ledger/conversion-results.ts); undefined for an answer that cannot say, which names no row.
      const { refusedRows } = await import("../ledger/conversion-results.js");
      const refusedOf = (results: LettrLabs.ConversionResult[]) => refusedRows(conversions, results);
      const show = async (results: LettrLabs.ConversionResult[]) => {
        const places = refusedOf(results);
        if (!places)
          note(
            `LettrLabs answered ${results.length} results for ${conversions.length} rows${results.length === conversions.length ? ", which do not say plainly which rows it refused (a result that echoes no row exactly, or says neither valid nor refused)" : ""}: which rows it refused cannot be told, so none is named, and every row without an orderId counts as recorded. Check what it holds (\`orderkit conversions list\`).`,
          );
        const refused = [...(places ?? [])].map((i) => rows[i]?.line ?? i + 2);
        if (refused.length > 0)
          note(
            `${refused.length} of ${results.length} rows were refused by LettrLabs (${namedLines(refused)}); the others were recorded. Send only the refused rows again, once fixed: the whole file again would record the others twice (those without an orderId are refused as a repeat).`,
          );
        await printRows(o.json, results, [
          ["orderId", "Your order"],
          ["revenue", "Revenue"],
          ["isValid", "Valid"],
          ["validationErrors", "Problems"],
        ]);
      };
      if (withoutOrderId === 0) {
        // LettrLabs recognises each row by its orderId when it is sent again: no record is needed.
        await show(await (await lettrlabs(o)).conversions.create(conversions));
        return;
      }
      // Rows LettrLabs cannot recognise are sent once per API host, row by row: see
      // ledger/conversions-sent.ts.
      const { ll, host } = await lettrlabsAt(o);
      const { conversionDigest, recordConversionsOnce } = await import("../ledger/conversions-sent.js");
      const digestOf = conversions.map((c) => (c.orderId == null ? conversionDigest(c) : undefined));
      const unkeyed = digestOf.flatMap((digest, i) =>
        digest === undefined ? [] : [{ digest, line: rows[i]?.line ?? i + 2, index: i }],
      );
      await recordConversionsOnce(
        {
          host,
          file: o.csv,
          rows: unkeyed,
          allowRepeat: Boolean(o.allowRepeat),
          restart: Boolean(o.restart),
          settleMs: await settleMsOf(o),
          say: note,
        },
        () => ll.conversions.create(conversions),
        refusedOf,
        show,
      );
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
