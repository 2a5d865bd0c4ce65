import { readFileSync, statSync } from "node:fs";
import { configPath, configText } from "./config.js";
import { hideSecret } from "./output.js";

/** Options whose value is a secret. */
const SECRET_OPTIONS = ["--api-key", "--client-secret"];
/** Environment variables that hold a secret. */
const SECRET_VARIABLES = ["LETTRLABS_API_KEY", "COMMERCELAYER_CLIENT_SECRET"];
/** A config file longer than this is not read here (a command reads it, and refuses it). */
const MAX_CONFIG_BYTES = 1 << 20;

/**
 * Hides, from the start of a run, every secret it was given (output.ts `hideSecret`): the keys in
 * the environment, those typed as `--api-key` or `--client-secret`, and those of the config file.
 * An error thrown before a command has resolved its credentials (commander's own, for a bad option
 * value; an id or a file name checked first) then never shows one, pasted in the wrong place
 * (review 214). A config file that is a pipe (`ORDERKIT_CONFIG=<(pass show orderkit)`) is read
 * here, once, and the command reads that same text (config.ts `configText`): so the run waits for
 * its writer first, as the command would. The file is read only as far as it reads: one a command
 * would refuse is left to that command.
 */
export async function hideGivenSecrets(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  // (Also without spaces or a CR around it, as a key copied with them is typed.)
  for (const name of SECRET_VARIABLES) for (const form of [env[name], env[name]?.trim()]) hideSecret(form);
  argv.forEach((arg, i) => {
    for (const name of SECRET_OPTIONS) {
      if (arg === name) hideSecret(argv[i + 1]);
      else if (arg.startsWith(`${name}=`)) hideSecret(arg.slice(name.length + 1));
    }
  });
  try {
    const path = configPath();
    const file = statSync(path);
    let text: string;
    if (file.isFIFO()) text = await configText(path);
    else if (file.isFile() && file.size <= MAX_CONFIG_BYTES) text = readFileSync(path, "utf8");
    else return;
    for (const secret of configSecrets(text)) hideSecret(secret);
  } catch {
    // No config file, or one that does not read: the command that needs it says so.
  }
}

/** A secret's key in a config file's text, and its value as JSON writes a string. */
const SECRET_ENTRY = /"(?:apiKey|clientSecret)"\s*:\s*("(?:[^"\\\r\n]|\\.)*")/g;

/**
 * The API key and client secret a config file's text holds. A file that is not valid JSON (a comma
 * too many, a brace missing) is refused by the command that reads it, but a run may print an
 * error before that: its secrets are found by their keys' names all the same.
 */
export function configSecrets(text: string): string[] {
  try {
    const config = JSON.parse(text.replace(/^\uFEFF/, "")) as {
      apiKey?: unknown;
      commercelayer?: { clientSecret?: unknown };
    } | null;
    return [config?.apiKey, config?.commercelayer?.clientSecret].filter(
      (v): v is string => typeof v === "string",
    );
  } catch {
    return [...text.matchAll(SECRET_ENTRY)].flatMap(([, quoted]) => {
      try {
        return [JSON.parse(quoted as string) as string];
      } catch {
        return [];
      }
    });
  }
}
