import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { UsageError } from "./errors.js";

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

/**
 * The stored settings. A file that is not a JSON object stops the command (exit code 2), naming
 * the file but quoting none of it: the parser's own message would show the text around the
 * mistake, which may be a secret.
 */
export async function readConfig(): Promise<CliConfig> {
  const path = configPath();
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ENOENT") return {};
    throw new UsageError(`The config file ${path} cannot be read (${code ?? "unknown error"}).`);
  }
  let parsed: unknown;
  try {
    // A byte-order mark, as some editors write one, is not part of the JSON.
    parsed = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    parsed = undefined;
  }
  const bad = configProblem(parsed);
  if (bad)
    throw new UsageError(
      `The config file ${path} ${bad}: fix it, or delete it and run \`orderkit config set\` again.`,
    );
  return parsed as CliConfig;
}

/** What is wrong with a parsed config file (naming the key, never its value), or undefined. */
function configProblem(parsed: unknown): string | undefined {
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === "object" && v !== null && !Array.isArray(v);
  if (!isObject(parsed)) return "is not a JSON object";
  for (const [key, [first, second]] of Object.entries(CONFIG_KEYS) as [string, readonly string[]][]) {
    // null is unset, as a missing key is.
    const top = parsed[first as string] ?? undefined;
    if (second !== undefined && top !== undefined && !isObject(top))
      return `holds "${first}" that is not an object`;
    const value =
      second === undefined ? top : ((top as Record<string, unknown> | undefined)?.[second] ?? undefined);
    if (value !== undefined && typeof value !== "string") return `holds "${key}" that is not a string`;
  }
  return undefined;
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

/**
 * The stored value, with secrets masked: nothing of a secret is shown but the LettrLabs key's
 * fixed `LL-API-` prefix (which tells a key from something pasted by mistake) and its length.
 */
export function displayValue(key: ConfigKey, value: string | undefined): string {
  if (value === undefined) return "(not set)";
  if (!SECRET_KEYS.has(key)) return value;
  return `${value.startsWith("LL-API-") ? "LL-API-" : ""}…(${value.length} chars)`;
}

/** An environment variable, an empty one counting as unset (as the client reads them). */
export function envValue(name: string): string | undefined {
  return process.env[name] || undefined;
}

export function getConfigValue(config: CliConfig, key: ConfigKey): string | undefined {
  const [first, second] = CONFIG_KEYS[key] as readonly string[];
  const top = (config as Record<string, unknown>)[first as string];
  const value = second === undefined ? top : (top as Record<string, unknown> | null | undefined)?.[second];
  return (value ?? undefined) as string | undefined;
}
