import { Option } from "@commander-js/extra-typings";
import { BOUNDS, boundedOption, futureIsoDate, id, mapPair } from "../options.js";
import type { Program } from "../program.js";

export function registerSend(program: Program): void {
  program
    .command("send")
    .summary("create an order from a template, add a CSV of recipients, preview, check out")
    .description(
      "The whole order flow in one command. Each send is recorded in a per-user ledger\n" +
        "(~/.local/state/orderkit, or $ORDERKIT_STATE_DIR, or --journal-dir) keyed by what it means: the API,\n" +
        "the template, the options and the recipients (not the file, its path, line endings or row order).\n" +
        "Running it again after a crash, Ctrl-C or network loss resumes: it never creates a second order,\n" +
        "appends a row twice or checks out twice. Two runs of the same send never run at once (exit 4),\n" +
        "and recipients already sent with the same template are reported, not mailed again (exit 5),\n" +
        "unless --allow-repeat. Sends made through another base URL count as far as this server holds\n" +
        "their orders (another name of it does; a mock's orders are not on it).",
    )
    .requiredOption("--template <id>", "template id (from the LettrLabs app)", id)
    .requiredOption("--csv <file>", "recipients CSV (header row required)")
    .addOption(
      new Option("--postage <type>", "postage").choices(["Standard", "FirstClass"]).default("Standard"),
    )
    .addOption(
      new Option("--production <speed>", "production speed")
        .choices(["Normal", "ExpeditedFaster", "ExpeditedFastest"])
        .default("Normal"),
    )
    .option("--hold-until <date>", "hold mailing until this date (ISO 8601)", futureIsoDate)
    .option("--proof <file.pdf>", "save the proof PDF here")
    .option("-y, --yes", "check out without asking (required without a terminal)")
    .option("--dry-run", "stop after the price preview; charge nothing")
    .option("--restart", "archive this send's ledger entry and start over (a new order)")
    .option("--allow-repeat", "send even if some recipients were already sent with this template")
    .option("--skip-invalid", "send the valid rows; write invalid ones to a rejects CSV")
    .option("--rejects <file>", "where --skip-invalid writes rejected rows (default <csv>.rejects.csv)")
    .option("--map <column=field>", "map a CSV column to a recipient field (repeatable)", mapPair, {})
    .option("--order <id>", "continue with this existing Draft order instead of creating one", id)
    .option(
      "--journal-dir <dir>",
      "where the send ledger is kept (default: $ORDERKIT_STATE_DIR or ~/.local/state/orderkit)",
    )
    .addOption(boundedOption("--chunk-size <n>", "recipients per request", BOUNDS.chunkSize, 1000))
    .addOption(boundedOption("--concurrency <n>", "requests in flight", BOUNDS.concurrency, 4))
    .option("--no-wait", "do not wait for payment to settle")
    .addOption(
      boundedOption("--wait-timeout <seconds>", "how long to wait for settlement", BOUNDS.waitSeconds, 300),
    )
    .action(async (_opts, cmd) => {
      const { runSend } = await import("../send/flow.js");
      await runSend(cmd.optsWithGlobals());
    });
}
