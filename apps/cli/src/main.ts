// The orderkit CLI after `cli.ts`: only commander and the command definitions load here; the API
// client, CSV and progress modules load when a command runs, so `--help` stays fast.
import { CommanderError } from "@commander-js/extra-typings";
import { createCliProgram } from "./commands/register-all.js";
import { answeredOtherwiseHint, CliError, EXIT, hintFor, recordKeptAfter } from "./errors.js";
import { hideGivenSecrets, secretsKnown, writeHeld } from "./given-secrets.js";
import { installStopHandler } from "./ledger/stop.js";
import { printableMessage, safeJson } from "./output.js";

// The secrets this run was given are hidden from everything it prints, from the start.
hideGivenSecrets(process.argv.slice(2), process.env);
const program = createCliProgram();

function fail(code: number, message: string, json: boolean, extra: Record<string, unknown> = {}): never {
  if (json) process.stderr.write(`${safeJson({ error: { message, exitCode: code, ...extra } })}\n`);
  else process.stderr.write(`error: ${printableMessage(message)}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  const json = process.argv.includes("--json");
  // Ctrl-C or SIGTERM, whenever it comes: says so (a JSON error line under --json), exits 130/143.
  installStopHandler();
  try {
    await program.parseAsync(process.argv);
    writeHeld();
  } catch (error) {
    // Help or the version shown.
    if (error instanceof CommanderError && error.exitCode === 0) {
      writeHeld();
      process.exit(EXIT.ok);
    }
    // Before any error is printed, the secrets of a config file given as a pipe are known (read
    // now if no command read it), and hidden from it.
    await secretsKnown();
    if (error instanceof CommanderError) process.exit(EXIT.usage);
    // The record of an interrupted create, kept after this error: the JSON error line names it.
    const path = recordKeptAfter(error);
    const kept = path === undefined ? {} : { recordKept: path };
    if (error instanceof CliError) fail(error.exitCode, error.message, json, kept);
    if ((error as { name?: string }).name === "CsvError")
      fail(EXIT.usage, (error as Error).message, json, kept);
    const e = error as {
      kind?: string;
      name?: string;
      cause?: unknown;
      message?: string;
      operation?: string;
      retryAfterMs?: number;
      status?: number;
      toJSON?: () => Record<string, unknown>;
    };
    if (typeof e.kind === "string" && typeof e.toJSON === "function") {
      const { answeredOtherwise, mayHaveApplied } = await import("@orderkit/client");
      const hint = answeredOtherwise(error)
        ? answeredOtherwiseHint(e.name)
        : hintFor(e, mayHaveApplied(error));
      // An argument the client refused before sending anything is an input error, like ours.
      const code = e.kind === "invalid_argument" ? EXIT.usage : EXIT.api;
      if (json) fail(code, e.message ?? "API error", true, { ...e.toJSON(), hint, ...kept });
      process.stderr.write(
        `error: ${printableMessage(String(e.message))}\n${hint ? `hint: ${printableMessage(hint)}\n` : ""}`,
      );
      process.exit(code);
    }
    fail(EXIT.api, error instanceof Error ? error.message : String(error), json, kept);
  }
}

await main();
