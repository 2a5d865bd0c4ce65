import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join } from "node:path";

/** The settings `orderkit config set` stores. */
export interface CliConfig {
  apiKey?: string;
  baseUrl?: string;
  commercelayer?: { organization?: string; clientId?: string; clientSecret?: string };
}

/** Keys accepted by `orderkit config set`, and where each lives. */
export const CONFIG_KEYS = {
  "api-key": ["apiKey"],
  "base-url": ["baseUrl"],
  "commercelayer.organization": ["commercelayer", "organization"],
  "commercelayer.client-id": ["commercelayer", "clientId"],
  "commercelayer.client-secret": ["commercelayer", "clientSecret"],
} as const;
export type ConfigKey = keyof typeof CONFIG_KEYS;
const SECRET_KEYS = new Set<ConfigKey>(["api-key", "commercelayer.client-secret"]);

/** `$ORDERKIT_CONFIG`, else `$XDG_CONFIG_HOME/orderkit/config.json`, else `~/.config/orderkit/config.json`. */
export function configPath(): string {
  if (process.env.ORDERKIT_CONFIG) return process.env.ORDERKIT_CONFIG;
  const base = process.env.XDG_CONFIG_HOME || join(homedir(), ".config");
  return join(base, "orderkit", "config.json");
}

export async function readConfig(): Promise<CliConfig> {
  try {
    return JSON.parse(await readFile(configPath(), "utf8")) as CliConfig;
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") return {};
    throw error;
  }
}

/** Stores one value; the file is created with mode 0600 (it may hold secrets). */
export async function setConfig(key: ConfigKey, value: string): Promise<void> {
  const config = (await readConfig()) as Record<string, unknown>;
  const [first, second] = CONFIG_KEYS[key] as readonly string[];
  if (second === undefined) config[first as string] = value;
  else config[first as string] = { ...((config[first as string] as object) ?? {}), [second]: value };
  const path = configPath();
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFile(path, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  await chmod(path, 0o600);
}

/** The stored value, with secrets masked. */
export function displayValue(key: ConfigKey, value: string | undefined): string {
  if (value === undefined) return "(not set)";
  return SECRET_KEYS.has(key) ? `${value.slice(0, 7)}…(${value.length} chars)` : value;
}

export function getConfigValue(config: CliConfig, key: ConfigKey): string | undefined {
  const [first, second] = CONFIG_KEYS[key] as readonly string[];
  const top = (config as Record<string, unknown>)[first as string];
  return (second === undefined ? top : (top as Record<string, unknown> | undefined)?.[second]) as
    | string
    | undefined;
}
