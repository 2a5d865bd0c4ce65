import {
  CONFIG_KEYS,
  type ConfigKey,
  configPath,
  displayValue,
  getConfigValue,
  readConfig,
  setConfig,
  settingProblem,
} from "../config.js";
import { UsageError } from "../errors.js";
import { note, printable, printJson } from "../output.js";
import type { Program } from "../program.js";
import { printRecord } from "../table.js";

function key(name: string): ConfigKey {
  if (!(name in CONFIG_KEYS))
    // Quoted only when it looks like a key name: arguments given the wrong way round (the value
    // first) would print the secret.
    throw new UsageError(
      `Unknown key${/^[a-z][a-z.-]{0,39}$/.test(name) ? ` "${name}"` : ""}. Keys: ${Object.keys(CONFIG_KEYS).join(", ")}.`,
    );
  return name as ConfigKey;
}

export function registerConfig(program: Program): void {
  const config = program.command("config").summary("stored settings (file mode 0600)");
  config
    .command("set <key> <value>")
    .description(`Store a setting. Keys: ${Object.keys(CONFIG_KEYS).join(", ")}.`)
    .action(async (name: string, value: string) => {
      const problem = await settingProblem(key(name), value);
      if (problem) throw new UsageError(`${name} ${problem}. Nothing was saved.`);
      await setConfig(key(name), value);
      note(`Saved ${name} in ${configPath()}.`);
    });
  config
    .command("get [key]")
    .description("Show stored settings (secrets masked).")
    .action(async (name, _o, cmd) => {
      const stored = await readConfig();
      const keys = name ? [key(name)] : (Object.keys(CONFIG_KEYS) as ConfigKey[]);
      const record = Object.fromEntries(keys.map((k) => [k, displayValue(k, getConfigValue(stored, k))]));
      await printRecord(cmd.optsWithGlobals().json, record);
    });
  config
    .command("path")
    .description("Print the config file's path.")
    .action((_o, cmd) => {
      // Under --json, as every command's output: `{ "path": "…" }`.
      if (cmd.optsWithGlobals().json) printJson({ path: configPath() });
      else process.stdout.write(`${printable(configPath())}\n`);
    });
}
