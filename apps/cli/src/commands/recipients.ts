import type { Command } from "commander";
import { type GlobalOptions, lettrlabs, parseId } from "../context.js";
import { UsageError } from "../errors.js";
import { BOUNDS, integer } from "../options.js";
import { printRecord, printRows } from "../output.js";

type Opts = GlobalOptions & Record<string, string | boolean | string[] | undefined>;
const collect = (value: string, previous: string[]) => [...previous, value];

export function registerRecipients(program: Command): void {
  const recipients = program.command("recipients").summary("list, add and remove an order's recipients");
  recipients
    .command("list <order>")
    .description("List an order's recipients.")
    .option("--query <text>", "search name, address or organization")
    .option("--page <n>", "page number, from 0", integer(0), 0)
    .option(
      "--page-size <n>",
      "recipients per page (1-500)",
      integer(BOUNDS.pageSize.min, BOUNDS.pageSize.max),
      100,
    )
    .action(async (id: string, _o: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<Opts>();
      const list = await (await lettrlabs(o)).orders.recipients.list(parseId(id, "order"), {
        ...(o.query ? { query: String(o.query) } : {}),
        pageNumber: Number(o.page),
        pageSize: Number(o.pageSize),
      });
      const rows = list.map((r) => ({
        id: r.id,
        name: [r.personal?.firstName, r.personal?.lastName].filter(Boolean).join(" "),
        address: [r.address.address1, r.address.address2].filter(Boolean).join(", "),
        city: r.address.city,
        state: r.address.state,
        zip: r.address.zipCode,
      }));
      printRows(o.json as boolean, o.json ? list : rows, [
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
    .description("Append the recipients of a CSV to a Draft order (each at most once).")
    .requiredOption("--csv <file>", "recipients CSV")
    .option("--map <column=field>", "map a CSV column to a recipient field (repeatable)", collect, [])
    .action(async (id: string, _o: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<Opts>();
      const { readRecipients } = await import("../csv/read.js");
      const map = Object.fromEntries((o.map as string[]).map((p) => p.split("=") as [string, string]));
      const rows = [];
      const invalid: string[] = [];
      for await (const row of readRecipients(String(o.csv), { map })) {
        if (row.problems.length > 0) invalid.push(`  line ${row.line}: ${row.problems.join("; ")}`);
        else rows.push(row.recipient);
      }
      if (invalid.length > 0)
        throw new UsageError(
          `${invalid.length} invalid rows; nothing was sent:\n${invalid.slice(0, 50).join("\n")}`,
        );
      const summary = await (await lettrlabs(o)).orders.recipients.append(parseId(id, "order"), rows);
      printRecord(o.json as boolean, {
        ...summary,
        rejected: summary.rejected.length,
        duplicates: summary.duplicates.length,
      });
    });
  recipients
    .command("remove <order> <recipientIds...>")
    .description("Remove recipients from a Draft order.")
    .action(async (id: string, ids: string[], _o: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<Opts>();
      const result = await (await lettrlabs(o)).orders.recipients.delete(
        parseId(id, "order"),
        ids.map((r) => parseId(r, "recipient id")),
      );
      printRecord(o.json as boolean, { ...result });
    });
}
