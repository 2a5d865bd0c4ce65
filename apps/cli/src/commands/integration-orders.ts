import type { Command } from "commander";
import { type GlobalOptions, lettrlabs, parseId } from "../context.js";
import { printRecord, printRows } from "../output.js";

type Opts = GlobalOptions & Record<string, string | boolean | undefined>;

export function registerIntegrationOrders(program: Command): void {
  const io = program.command("integration-orders").summary("automations (trickle orders)");
  io.command("list")
    .description("List automations.")
    .action(async (_o: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<Opts>();
      const list = await (await lettrlabs(o)).integrationOrders.list();
      printRows(o.json as boolean, list, [
        ["id", "Id"],
        ["name", "Name"],
        ["status", "Status"],
        ["integrationType", "Integration"],
        ["templateId", "Template"],
      ]);
    });
  io.command("add-recipient <automation>")
    .description("Queue one recipient in an automation.")
    .requiredOption("--address1 <street>", "street address")
    .requiredOption("--city <city>", "city")
    .requiredOption("--state <code>", "two-letter state code")
    .requiredOption("--zip <zip>", "ZIP code")
    .option("--first-name <name>", "first name")
    .option("--last-name <name>", "last name")
    .option("--address2 <line>", "second address line")
    .option("--organization <name>", "organization")
    .addHelpText(
      "after",
      "\nExamples:\n  $ orderkit integration-orders add-recipient 77 --first-name Maria --address1 '2150 N Lincoln Ave' --city Chicago --state IL --zip 60614",
    )
    .action(async (id: string, _o: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<Opts>();
      const result = await (await lettrlabs(o)).integrationOrders.addRecipient(parseId(id, "automation"), {
        address1: String(o.address1),
        city: String(o.city),
        state: String(o.state).toUpperCase(),
        zipCode: String(o.zip),
        ...(o.address2 ? { address2: String(o.address2) } : {}),
        ...(o.firstName ? { firstName: String(o.firstName) } : {}),
        ...(o.lastName ? { lastName: String(o.lastName) } : {}),
        ...(o.organization ? { toOrganization: String(o.organization) } : {}),
      });
      printRecord(o.json as boolean, { ...result });
    });
}
