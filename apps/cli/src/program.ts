import { Command, Option } from "@commander-js/extra-typings";
import { holdUntilSecretsKnown, secretsKnown } from "./given-secrets.js";
import { BOUNDS, httpUrl, integer, refuseAmbiguousOptions } from "./options.js";
import { printableMessage, safeJson } from "./output.js";
import { VERSION } from "./version.js";

/** The commands that never read the config file (`parent name`). */
const NEEDS_NO_CONFIG: ReadonlySet<string> = new Set(["config path", "config set"]);

/**
 * The root program and its global options. Commands are registered on it with typed options
 * (commander's extra typings): every action receives options of the types their parsers return.
 */
export function createProgram() {
  return (
    new Command("orderkit")
      .description(
        "Send direct mail through LettrLabs from your own data: safely, resumably, with a price check.",
      )
      .version(VERSION, "-V, --version")
      // Commander's own errors quote what was typed (a bad option value, an unknown command): as
      // every error, escaped for the terminal, or the JSON error line under --json; what may be a
      // secret masked (maskTyped).
      .configureOutput({
        // (Written, and what follows it on stderr, once the secrets of a config given as a pipe
        // are known: given-secrets.ts.)
        outputError: (text) =>
          holdUntilSecretsKnown(() => {
            const message = maskTyped(text.replace(/^error: /, "")).trimEnd();
            process.stderr.write(
              process.argv.includes("--json")
                ? `${safeJson({ error: { message, exitCode: 2 } })}\n`
                : `error: ${printableMessage(message)}\n`,
            );
          }),
        writeErr: (text) => holdUntilSecretsKnown(() => process.stderr.write(text)),
      })
      // Before any command runs: an option repeated, or given another option as its value.
      .hook("preAction", (_root, action) => refuseAmbiguousOptions(action, process.argv.slice(2)))
      // Then the secrets of a config file given as a pipe are known (read now, once), so that
      // nothing a command prints before it loads the config (a note naming a column or a file)
      // shows one. The commands that never load it do not wait for the pipe's writer.
      .hook("preAction", async (_root, action) => {
        if (!NEEDS_NO_CONFIG.has(`${action.parent?.name()} ${action.name()}`)) await secretsKnown();
      })
      .option("--api-key <key>", "LettrLabs API key (default: $LETTRLABS_API_KEY or the config file)")
      .option(
        "--base-url <url>",
        "API base URL (default: $LETTRLABS_BASE_URL or https://app.lettrlabs.com/api)",
        httpUrl,
      )
      .option("--json", "machine-readable output on stdout")
      .option("-v, --verbose", "log each request (the key is never shown)")
      .addOption(
        new Option(
          "--settle-ms <ms>",
          `after a write whose outcome is unknown (or a run that stopped mid-write), wait this long before reading back, so that a late write is found rather than sent again (${BOUNDS.settleMs.min}-${BOUNDS.settleMs.max}, default 1000)`,
        ).argParser(integer(BOUNDS.settleMs.min, BOUNDS.settleMs.max)),
      )
      .addOption(
        new Option(
          "--timeout-ms <ms>",
          `give up on a request attempt after this long; a write the server applies later than this plus --settle-ms is read back as missing and sent again, so keep it above what the API takes; a run started right after this one is killed waits as long for its unanswered writes (${BOUNDS.timeoutMs.min}-${BOUNDS.timeoutMs.max}, default $ORDERKIT_TIMEOUT_MS or 30000)`,
        ).argParser(integer(BOUNDS.timeoutMs.min, BOUNDS.timeoutMs.max)),
      )
  );
}

/**
 * Commander's error text with what was typed and may be a secret masked: an unknown option's value
 * (`--client-secrt=<secret>`, `-x<secret>`), an option given as another's value
 * (`--settle-ms --client-secret=<secret>`), an unknown command that is not a mistyped one (a
 * secret taken as a command: `--client-secret= <secret>`, `--api-key = <key>`), and the user and
 * password of a URL. A typo of a name stays readable. (The secrets this run was given, wherever
 * they show, are hidden from all it prints: given-secrets.ts.)
 */
export function maskTyped(text: string, argv: readonly string[] = process.argv.slice(2)): string {
  return (
    text
      .replace(/(unknown option ')(.*)'/, (_, head: string, typed: string) => {
        const shown = typed.startsWith("--")
          ? typed.includes("=")
            ? `${typed.slice(0, typed.indexOf("=") + 1)}…`
            : typed
          : typed.length > 2
            ? `${typed.slice(0, 2)}…`
            : typed;
        return `${head}${shown}'`;
      })
      // An option taken as another's value: `--settle-ms --client-secret=<secret>`.
      .replace(/(argument '-[^=']*=)(.*)(' is invalid)/, "$1…$3")
      // An unknown command is quoted only as a mistyped one: a word close to a command (commander
      // suggests that one) and not right after an option given an empty value. Anything else may
      // be a value typed out of place, a secret among them (`--api-key = <key>`).
      .replace(
        /(unknown command ')(.*)'(\n\(Did you mean [^\n]*\?\))?/,
        (whole, head: string, typed: string, suggestion: string | undefined) =>
          suggestion !== undefined && /^[a-z][a-z-]{0,30}$/i.test(typed) && !afterEmptyValue(typed, argv)
            ? whole
            : `${head}…' (not quoted: it may be a value typed out of place)`,
      )
      // A URL's user and password (`--base-url http://user:<key>@host` refused): never quoted.
      // (Up to the last `@` of the word: a password may hold `@`, `/`, `#` or a quote.)
      .replace(/([a-z][a-z0-9+.-]*:\/\/)\S*@/gi, "$1…@")
  );
}

/**
 * True when `word` comes right after an option given an empty value (`--api-key= <key>`: the shell
 * split what was meant as the value, and commander takes it for a command). Such a word is a value,
 * perhaps a secret, even when it reads like a name.
 */
function afterEmptyValue(word: string, argv: readonly string[]): boolean {
  return argv.some((arg, i) => arg === word && i > 0 && /^-[^=]*=$/.test(argv[i - 1] as string));
}

/** The root program, with its typed global options. */
export type Program = ReturnType<typeof createProgram>;
