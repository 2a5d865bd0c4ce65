import { lettrlabs, lettrlabsAt, parseId, settleMsOf } from "../context.js";
import { hex128 } from "../ledger/digest.js";
import { note } from "../output.js";
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
    .option(
      "--restart",
      "forget the record of an interrupted run of this command (check the automation first)",
    )
    .option("--allow-repeat", "queue this person again although an earlier run queued them here")
    .action(async (id, _o, cmd) => {
      const o = cmd.optsWithGlobals();
      const automation = parseId(id, "automation");
      const recipient = {
        address1: o.address1,
        city: o.city,
        state: o.state.toUpperCase(),
        zipCode: o.zip,
        ...(o.address2 ? { address2: o.address2 } : {}),
        ...(o.firstName ? { firstName: o.firstName } : {}),
        ...(o.lastName ? { lastName: o.lastName } : {}),
        ...(o.organization ? { toOrganization: o.organization } : {}),
      };
      const { ll, host } = await lettrlabsAt(o);
      const { recipientKey } = await import("@orderkit/client");
      // The person as sent (a field left out and an empty one are one spelling to the key).
      const { firstName, lastName, toOrganization, ...address } = recipient;
      const { pendingCreates } = await import("../ledger/pending-create.js");
      // LettrLabs queues a recipient again each time it is sent, and an automation's queue cannot
      // be read: a run killed (or whose answer was lost) after sending leaves its record, and the
      // next run of this person for this automation stops until the user has checked and passes
      // --restart. A note written before the person is sent (completed once answered) makes the
      // same person for the same automation again a repeat (exit 5) unless --allow-repeat. (The
      // person as an order keys them: case and spacing aside.)
      // Recorded in the state directory whatever --journal-dir says elsewhere: a record in another
      // directory would not stop the next run, and nothing can read the queue back to find it.
      await pendingCreates(undefined).run(
        {
          command: "integration-orders add-recipient",
          host,
          automation,
          person: hex128(recipientKey({ address, personal: { firstName, lastName, toOrganization } })),
        },
        {
          restart: Boolean(o.restart),
          what: `Queuing a recipient in automation ${automation}`,
          say: note,
          snapshot: false,
          settleMs: await settleMsOf(o),
          unreadable: `Check automation ${automation}'s queue in the LettrLabs app (the API cannot list it)`,
          repeat: { allowed: Boolean(o.allowRepeat), done: `queued this person in automation ${automation}` },
        },
        async ({ record, save }) => {
          record.createStarted = true;
          await save();
          return ll.integrationOrders.addRecipient(automation, recipient);
        },
        (result) => printRecord(o.json, { ...result }),
      );
    });
}
