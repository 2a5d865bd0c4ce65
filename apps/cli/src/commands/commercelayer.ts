import type { FlatOrder } from "@orderkit/client";
import { commercelayer, commercelayerAt, settleMsOf, writesSentSoFar } from "../context.js";
import { StoppedError, UsageError } from "../errors.js";
import { BOUNDS, boundedOption, httpUrl, integer, text } from "../options.js";
import { note, printJson } from "../output.js";
import type { Program } from "../program.js";
import { printRecord, printRows } from "../table.js";

const ORDER_COLUMNS: [string, string][] = [
  ["id", "Id"],
  ["number", "Number"],
  ["status", "Status"],
  ["payment_status", "Payment"],
  ["fulfillment_status", "Fulfillment"],
  ["formatted_total_amount", "Total"],
  ["customer_email", "Customer"],
];

/** The plain (non-null, non-object) fields of a flattened resource: what a person's view shows. */
function scalarFields(resource: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(resource).filter(([, v]) => v !== null && typeof v !== "object"));
}

function orderRecord(order: FlatOrder): Record<string, unknown> {
  const { line_items, market, ...rest } = order;
  return {
    ...scalarFields(rest),
    ...(market ? { market: (market as { name?: string; id: string }).name ?? market.id } : {}),
    ...(line_items ? { line_items: line_items.length } : {}),
  };
}

export function registerCommerceLayer(program: Program): void {
  const cl = program
    .command("commercelayer")
    .summary("Commerce Layer orders (OAuth client credentials)")
    .option("--organization <slug>", "organization slug (default: $COMMERCELAYER_ORGANIZATION)")
    .option("--client-id <id>", "OAuth client id (default: $COMMERCELAYER_CLIENT_ID)")
    .option(
      "--client-secret <secret>",
      "client secret, integrations only (default: $COMMERCELAYER_CLIENT_SECRET)",
    )
    .option("--scope <scope>", "token scope, e.g. market:code:usa (default: $COMMERCELAYER_SCOPE)")
    .option(
      "--cl-base-url <url>",
      "API base URL override (default: $COMMERCELAYER_BASE_URL, else https://<organization>.commercelayer.io/api)",
      httpUrl,
    )
    .option(
      "--auth-url <url>",
      "auth host override (default: $COMMERCELAYER_AUTH_URL, else https://auth.commercelayer.io)",
      httpUrl,
    );
  const orders = cl.command("orders").summary("list, get, create, place and cancel orders");
  orders
    .command("list")
    .description("List orders (integration credentials).")
    .option("--status <status>", "only this status (draft, pending, placed, approved, cancelled, ...)")
    .addOption(boundedOption("--page-size <n>", "orders per page", BOUNDS.clPageSize, 25))
    .option("--all", "every matching order (keyset pagination)")
    .action(async (_o, cmd) => {
      const o = cmd.optsWithGlobals();
      const client = await commercelayer(o);
      const { isClOrderStatus, CL_ORDER_STATUS_MEANING } = await import("@orderkit/client");
      if (o.status !== undefined && !isClOrderStatus(o.status))
        throw new UsageError(`--status must be one of: ${Object.keys(CL_ORDER_STATUS_MEANING).join(", ")}.`);
      const filter = o.status !== undefined ? { status_eq: o.status } : {};
      const rows: FlatOrder[] = [];
      if (o.all) for await (const order of client.orders.iterate({ filter })) rows.push(order);
      else
        rows.push(
          ...(await client.orders.list({
            filter,
            sort: ["-created_at"],
            page: { size: o.pageSize },
          })),
        );
      await printRows(o.json, rows, ORDER_COLUMNS);
    });
  orders
    .command("get <order>")
    .description("Show one order, with its line items.")
    .action(async (id, _o, cmd) => {
      const o = cmd.optsWithGlobals();
      const order = await (await commercelayer(o)).orders.retrieve(id, { include: ["line_items", "market"] });
      if (o.json) printJson(order);
      else {
        await printRecord(false, orderRecord(order));
        // (A server that links line items one by one, not as a list, still has them shown.)
        const linked: unknown = order.line_items;
        const items = (Array.isArray(linked) ? linked : linked ? [linked] : []).filter(
          (li): li is Record<string, unknown> & { id: string; type: string } =>
            typeof li === "object" && li !== null && "sku_code" in li,
        );
        if (items.length > 0)
          await printRows(false, items, [
            ["sku_code", "SKU"],
            ["name", "Name"],
            ["quantity", "Qty"],
            ["formatted_total_amount", "Total"],
          ]);
      }
    });
  orders
    .command("create")
    .description(
      "Create a draft order in a market. With --reference it is made at most once: after a timeout,\n" +
        "and after a run killed mid-create (the next run of the same command looks the reference up first).\n" +
        "One case is left: a create the server applies more than --settle-ms after the client gave up on it\n" +
        "(its timeout) is not seen by the read-back, and can be made twice.",
    )
    .option("--market <id>", "market id (optional when the token is scoped to a market)", text)
    .option("--email <email>", "customer email", text)
    .option(
      "--reference <ref>",
      "your own id for the order: it is looked up first, and an order that has it is returned, not made again",
      text,
    )
    .option("--restart", "forget the record of an interrupted create of this reference")
    .option("--journal-dir <dir>", "where interrupted creates are recorded (default: as for send)")
    .action(async (_o, cmd) => {
      const o = cmd.optsWithGlobals();
      if (o.reference === undefined && o.restart)
        throw new UsageError("--restart applies to a create with --reference.");
      const { client, baseUrl } = await commercelayerAt(o);
      const input = {
        attributes: {
          ...(o.email !== undefined ? { customer_email: o.email } : {}),
          ...(o.reference !== undefined ? { reference: o.reference } : {}),
        },
        ...(o.market !== undefined
          ? { relationships: { market: { type: "markets" as const, id: o.market } } }
          : {}),
      };
      const show = (order: FlatOrder) => (o.json ? printJson(order) : printRecord(false, orderRecord(order)));
      const reference = o.reference;
      if (reference === undefined) return show(await client.orders.create(input));
      // A reference names one order: it is looked up before anything is made, and the create is
      // recorded before it is sent, so that a run killed mid-create is resumed by the next one.
      const { CreateConflictError, pendingCreates } = await import("../ledger/pending-create.js");
      const { normalizeHost } = await import("../ledger/ledger.js");
      // How an order of this reference differs from what was asked (the server may make it
      // otherwise: a token scoped to another market, an email it rewrites), and what of it cannot
      // be checked: an email the answer leaves out, or a market it leaves out (a server ignoring
      // `include`) whose read fails. Either stops the command (exit 1): the order is never taken
      // as made as asked on no evidence (review 215).
      const notAsAsked = async (order: FlatOrder): Promise<{ wrong?: string; unchecked?: string }> => {
        const wrong: string[] = [];
        const unchecked: string[] = [];
        const email: unknown = order.customer_email;
        if (o.email !== undefined) {
          if (email === undefined) unchecked.push("customer email");
          else if (typeof email !== "string" || email.toLowerCase() !== o.email.toLowerCase())
            wrong.push(
              `customer ${typeof email === "string" ? email : email === null ? "(none)" : JSON.stringify(email)}`,
            );
        }
        if (o.market !== undefined) {
          let market: unknown = order.market;
          if (market === undefined)
            market = await client.orders.market(order.id).catch((error: unknown) =>
              // No market (its relationship empty) is one; a read that fails tells nothing.
              (error as { kind?: unknown }).kind === "not_found" ? null : undefined,
            );
          const id = (market as { id?: unknown } | null | undefined)?.id;
          if (market === undefined) unchecked.push("market");
          else if (id !== o.market) wrong.push(`market ${typeof id === "string" ? id : "(none)"}`);
        }
        return {
          ...(wrong.length > 0 ? { wrong: wrong.join(" and ") } : {}),
          ...(unchecked.length > 0 ? { unchecked: unchecked.join(" and ") } : {}),
        };
      };
      const uncheckable = (what: string) =>
        `its ${what} could not be checked (the server's answer leaves it out, and reading it failed)`;
      const checkIt = (id: string) =>
        `check it (\`orderkit commercelayer orders get ${id}\`) before placing it`;
      const meaning = {
        command: "commercelayer orders create",
        host: normalizeHost(baseUrl),
        reference,
      };
      // Whether the order came from an earlier run's create, interrupted, found by reading back:
      // that run may have asked for another market or email than this one.
      let fromEarlierRun = false;
      const made = await pendingCreates(o.journalDir).run(
        meaning,
        {
          restart: Boolean(o.restart),
          what: `Creating the order with reference ${reference}`,
          say: note,
          snapshot: false,
          settleMs: await settleMsOf(o),
        },
        async ({ record, resumed, save, answered }) => {
          if (!resumed) {
            const found = await client.orders.list({
              filter: { reference_eq: reference },
              include: ["market"],
              page: { size: 2 },
            });
            // A listing that did not keep to its filter (a server ignoring it, a redirect) says
            // nothing about this reference: nothing is created on its word.
            const { clSameReference } = await import("@orderkit/client");
            const stray = found.find((f) => !clSameReference(f.reference, reference));
            if (stray)
              throw new Error(
                `The look-up of reference ${reference} listed order ${stray.id} of another reference: the server did not keep to the filter, and nothing was created. Check the orders of that reference before running this again.`,
              );
            // More than one, listed or counted (the page holds two at most), or no count to tell.
            // The count as the server sent it: `meta.recordCount` falls back to the page's length.
            const count = found.$document.meta?.record_count;
            if (found.length > 1 || typeof count !== "number" || count > found.length)
              throw new CreateConflictError(
                typeof count === "number"
                  ? `Several orders already have reference ${reference} (${count} in all: ${found.map((f) => f.id).join(", ")}, …): nothing was created.`
                  : `The look-up of reference ${reference} came without its count: nothing was created.`,
              );
            const [existing] = found;
            if (existing) {
              const { wrong, unchecked } = await notAsAsked(existing);
              if (wrong)
                throw new CreateConflictError(
                  `Order ${existing.id} already has reference ${reference}, with ${wrong}, not as asked: nothing was created. The server may have made it otherwise than asked (a token scoped to another market, say): ${checkIt(existing.id)}.`,
                );
              if (unchecked)
                throw new CreateConflictError(
                  `Order ${existing.id} already has reference ${reference}, but ${uncheckable(unchecked)}: nothing was created; ${checkIt(existing.id)}.`,
                );
              note(`Order ${existing.id} already has reference ${reference}: nothing was created.`);
              return existing;
            }
            record.createStarted = true;
            await save();
          }
          // Made by this command (this run, or an earlier one found by reading back): reported as
          // made, even when the server made it otherwise than asked.
          // A resumed run whose read-back finds the order sends no write: the order is the
          // earlier run's. One it does not find, this run creates.
          const sentBefore = writesSentSoFar();
          const order = await client.orders.create(
            input,
            { include: ["market"] },
            { resume: resumed, onAnswered: answered },
          );
          fromEarlierRun = resumed && writesSentSoFar() === sentBefore;
          return order;
        },
        show,
      );
      const { wrong, unchecked } = await notAsAsked(made);
      if (wrong || unchecked)
        throw new StoppedError(
          `Order ${made.id} was created with reference ${reference}, but ${wrong ? `with ${wrong}, not as asked: ${fromEarlierRun ? "it was made by an earlier run of this command, interrupted, which may have asked for it so (another --market or --email), or " : ""}the server made it otherwise (a token scoped to another market, say)` : uncheckable(unchecked as string)}. It exists, and running this command again creates no other: ${checkIt(made.id)}, or cancel it (\`orderkit commercelayer orders cancel ${made.id}\`).`,
        );
    });
  for (const [name, summary] of [
    ["place", "Place the order (authorizes the payment)."],
    ["cancel", "Cancel the order."],
  ] as const) {
    orders
      .command(`${name} <order>`)
      .description(summary)
      .action(async (id, _o, cmd) => {
        const o = cmd.optsWithGlobals();
        const client = await commercelayer(o);
        const { clTriggerDone } = await import("@orderkit/client");
        const { doneDespiteRefusal } = await import("../orders/done-despite-refusal.js");
        // Refused (422): the order may already be in that state (an earlier run, killed or cut off
        // while its request landed). Read it, never send again.
        const order = await client.orders[name](id).catch((error: unknown) =>
          doneDespiteRefusal(error, {
            id,
            refused: (e) => (e as { status?: unknown }).status === 422,
            read: () => client.orders.retrieve(id),
            done: (current) => clTriggerDone(current, `_${name}`),
            describe: (current) => `${current.status} (payment ${current.payment_status ?? "unknown"})`,
            notDone: (current) =>
              current.status === "placing"
                ? ": its placement is under way; check it again before placing it again"
                : "",
            quiet: Boolean(o.json),
          }),
        );
        // Answered, but not (yet) in the trigger's state: a placement under way is said; any other
        // state is no success.
        if (!clTriggerDone(order, `_${name}`)) {
          const check = `check it (\`orderkit commercelayer orders get ${id}\`) before sending the ${name} again`;
          if (name !== "place" || order.status !== "placing")
            throw new StoppedError(
              `Order ${id} was answered ${order.status ?? "without a status"} (payment ${order.payment_status ?? "unknown"}), not ${name === "place" ? "placed" : "cancelled"}: ${check}.`,
            );
          note(`Order ${id} is placing: its placement is under way; ${check}.`);
        }
        if (o.json) printJson(order);
        else await printRecord(false, orderRecord(order));
      });
  }
  const lineItems = cl.command("line-items").summary("an order's line items");
  lineItems
    .command("add <order>")
    .description("Add an item to an order by SKU code.")
    .requiredOption("--sku <code>", "SKU code", text)
    .requiredOption(
      "--quantity <n>",
      `quantity (${BOUNDS.quantity.min}-${BOUNDS.quantity.max})`,
      integer(BOUNDS.quantity.min, BOUNDS.quantity.max),
    )
    .option(
      "--merge",
      "merge into an existing line of the same SKU instead of adding a line (a repeat may add the quantity again: use `line-items set` to re-run safely)",
    )
    .action(async (order, _o, cmd) => {
      const o = cmd.optsWithGlobals();
      const quantity = o.quantity;
      const item = await (await commercelayer(o)).lineItems.create({
        order,
        sku_code: o.sku,
        quantity,
        ...(o.merge ? { _update_quantity: true } : {}),
      });
      const { order: _order, ...rest } = item;
      if (o.json) printJson(item);
      else await printRecord(false, scalarFields(rest));
    });
  lineItems
    .command("set <order>")
    .description(
      "Make the order hold exactly this quantity of a SKU, on one line. Safe to run again after a\n" +
        "failure or a kill: the order's lines of the SKU are read first, then one is created or updated.\n" +
        "One case is left: a line the server creates more than --settle-ms after the client gave up on it\n" +
        "(its timeout) is not seen by the read-back, and can be created twice.",
    )
    .requiredOption("--sku <code>", "SKU code", text)
    .requiredOption(
      "--quantity <n>",
      `quantity (${BOUNDS.quantity.min}-${BOUNDS.quantity.max})`,
      integer(BOUNDS.quantity.min, BOUNDS.quantity.max),
    )
    .option("--restart", "forget the record of an interrupted run of this command")
    .option("--journal-dir <dir>", "where interrupted writes are recorded (default: as for send)")
    .action(async (order, _o, cmd) => {
      const o = cmd.optsWithGlobals();
      const { client, baseUrl } = await commercelayerAt(o);
      const { pendingCreates } = await import("../ledger/pending-create.js");
      const { normalizeHost } = await import("../ledger/ledger.js");
      const meaning = {
        command: "commercelayer line-items set",
        host: normalizeHost(baseUrl),
        order,
        sku: o.sku,
      };
      // Recorded like a create: a run killed while its line was being created is resumed by the
      // next, which waits for that request to land before reading the order's lines.
      await pendingCreates(o.journalDir).run(
        meaning,
        {
          restart: Boolean(o.restart),
          what: `Setting ${o.sku} on order ${order}`,
          say: note,
          snapshot: false,
          settleMs: await settleMsOf(o),
        },
        // Recorded just before the write leaves: a run that failed while reading leaves no record.
        ({ record, resumed, save, answered }) =>
          client.lineItems.set(
            { order, sku_code: o.sku, quantity: o.quantity },
            {
              resume: resumed,
              onAnswered: answered,
              beforeWrite: async () => {
                record.createStarted = true;
                await save();
              },
            },
          ),
        (line) => (o.json ? printJson(line) : printRecord(false, scalarFields(line))),
      );
    });
}
