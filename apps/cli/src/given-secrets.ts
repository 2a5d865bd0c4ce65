import { closeSync, fstatSync, openSync, readSync, statSync } from "node:fs";
import { configPath, configText } from "./config.js";
import { hideSecret, hideSecretTrimmed } from "./output.js";

/** Options whose value is a secret. */
const SECRET_OPTIONS = ["--api-key", "--client-secret"];
/** Environment variables that hold a secret. */
const SECRET_VARIABLES = ["LETTRLABS_API_KEY", "COMMERCELAYER_CLIENT_SECRET"];
/** How much of a config file is read at the start for its secrets (a larger one: its start). */
const CONFIG_BYTES_READ = 16 << 20;
/** At most this many secrets are taken from one config file's text. */
const MAX_CONFIG_SECRETS = 16;

/**
 * Hides, from the start of a run, every secret it was given (output.ts `hideSecret`): the keys in
 * the environment, those typed as `--api-key` or `--client-secret`, and those of the config file
 * when it is a file (its first 16 MiB). An error thrown before a command has resolved its credentials
 * (commander's own, for a bad option value; an id or a file name checked first) then never shows
 * one, pasted in the wrong place (review 214). A config file that is a pipe
 * (`ORDERKIT_CONFIG=<(pass show orderkit)`) is not read here: a run that never needs it (help,
 * `config path`) must not wait for its writer. Its secrets are known before any other command runs
 * (program.ts, `preAction`) and before any error is printed ({@link secretsKnown}).
 */
export function hideGivenSecrets(argv: readonly string[], env: NodeJS.ProcessEnv): void {
  for (const name of SECRET_VARIABLES) hideSecretTrimmed(env[name]);
  argv.forEach((arg, i) => {
    for (const name of SECRET_OPTIONS) {
      if (arg === name) hideSecret(argv[i + 1]);
      else if (arg.startsWith(`${name}=`)) hideSecret(arg.slice(name.length + 1));
    }
  });
  try {
    const path = configPath();
    if (!statSync(path).isFile()) return;
    const fd = openSync(path, "r");
    try {
      const file = fstatSync(fd);
      if (!file.isFile()) return;
      // (A file larger than a config can sensibly be is read only as far as that.)
      const bytes = Buffer.allocUnsafe(Math.min(file.size, CONFIG_BYTES_READ));
      const read = readSync(fd, bytes, 0, bytes.length, 0);
      hideConfigSecrets(bytes.subarray(0, read).toString("utf8"));
    } finally {
      closeSync(fd);
    }
  } catch {
    // No config file, or one that does not read: the command that needs it says so.
  }
}

/** Commander's error output, held until the secrets of a config given as a pipe are known. */
const held: (() => void)[] = [];

/** Holds `write` (commander's error output) until {@link secretsKnown} or {@link writeHeld}. */
export function holdUntilSecretsKnown(write: () => void): void {
  held.push(write);
}

/** Writes what was held, in order (before a run that printed no error ends). */
export function writeHeld(): void {
  for (let write = held.shift(); write; write = held.shift()) write();
}

/**
 * Called before a command that loads the config runs (program.ts) and before any error is
 * printed (main.ts): the secrets of a config file given as a pipe are hidden (read now, once a
 * run: config.ts `configText`), then commander's held error output is written.
 */
export async function secretsKnown(): Promise<void> {
  try {
    const path = configPath();
    if (statSync(path).isFIFO()) hideConfigSecrets(await configText(path));
  } catch {
    // A pipe that does not read: the error printed is about something else, or says so.
  }
  writeHeld();
}

/** Hides the secrets a config file's text holds ({@link configSecrets}). */
function hideConfigSecrets(text: string): void {
  for (const secret of configSecrets(text)) hideSecretTrimmed(secret);
}

/**
 * A secret's key in a config file's text that is not valid JSON, as JSON writes it or as a hand
 * edit may (its name unquoted or in single quotes, `=` for `:`), not inside another name
 * (`old_apiKey`), and its value: quoted (group 1, double quotes; 2, single; a line break in it
 * too, as a key pasted with one), or bare up to a comma, brace or space (3), but not `null`,
 * `true` or `false` (unset, not a secret).
 */
const LOOSE_ENTRY =
  /(?<![\w$-])["']?(?:apiKey|clientSecret)["']?\s*[:=]\s*(?:("(?:[^"\\]|\\.)*")|'([^']*)'|(?!(?:null|true|false)(?![^\s"',}\]]))([^\s"',}\]]+))/g;

/** The same in valid JSON (a key named twice: JSON keeps the last): a member with a string value. */
const JSON_ENTRY = /[{,]\s*"(?:apiKey|clientSecret)"\s*:\s*("(?:[^"\\]|\\.)*")/g;

/**
 * The API key and client secret a config file's text holds: as JSON reads them, and as found by
 * their keys' names, so that a file that is not valid JSON (a comma too many, a brace missing,
 * cut short) or that names a key twice has them all found. A command refuses such a file, but a
 * run may print an error before that.
 */
function configSecrets(text: string): string[] {
  const found = new Set<string>();
  let entries = LOOSE_ENTRY;
  try {
    const config = JSON.parse(text.replace(/^\uFEFF/, "")) as {
      apiKey?: unknown;
      commercelayer?: { clientSecret?: unknown };
    } | null;
    for (const value of [config?.apiKey, config?.commercelayer?.clientSecret])
      if (typeof value === "string") found.add(value);
    entries = JSON_ENTRY;
  } catch {
    // Not JSON: what the keys' names find is all there is.
  }
  for (const [, quoted, single, bare] of text.matchAll(entries)) {
    if (found.size >= MAX_CONFIG_SECRETS) break;
    if (quoted === undefined) found.add((single ?? bare) as string);
    else {
      let value = quoted.slice(1, -1);
      try {
        value = JSON.parse(quoted) as string;
      } catch {
        // An escape JSON does not know (`\q`): the text between the quotes.
      }
      found.add(value);
    }
  }
  return [...found];
}
