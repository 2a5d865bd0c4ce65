import { lettrlabs, parseId } from "../context.js";
import type { Program } from "../program.js";
import { printRecord, printRows } from "../table.js";

export function registerIntegrationOrders(program: Program): void {
  const io = program.command("integration-orders").summary("automations (trickle orders)");
  io.command("list")
    .description("List automations.")
    .action(async (_o, cmd) => {
      const o = cmd.optsWithGlobals();
      const list = await (await lettrlabs(o)).integrationOrders.list();
      await printRows(o.json, list, [
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
    .action(async (id, _o, cmd) => {
      const o = cmd.optsWithGlobals();
      const result = await (await lettrlabs(o)).integrationOrders.addRecipient(parseId(id, "automation"), {
        address1: o.address1,
        city: o.city,
        state: o.state.toUpperCase(),
        zipCode: o.zip,
        ...(o.address2 ? { address2: o.address2 } : {}),
        ...(o.firstName ? { firstName: o.firstName } : {}),
        ...(o.lastName ? { lastName: o.lastName } : {}),
        ...(o.organization ? { toOrganization: o.organization } : {}),
      });
      await printRecord(o.json, { ...result });
    });
}
