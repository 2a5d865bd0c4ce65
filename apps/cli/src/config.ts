import { statSync } from "node:fs";
import { chmod, chown, mkdir, readlink, realpath, stat, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { UsageError } from "./errors.js";
import { readTextOrPipe } from "./ledger/state-file.js";
import { isHttpUrl } from "./options.js";
import { hideSecretTrimmed } from "./output.js";

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

/** The text of each config file that is a pipe, as this run read it (read again, it is drained). */
const pipedTexts = new Map<string, Promise<string>>();

/**
 * The text of the config file at `path`. A pipe (`ORDERKIT_CONFIG=<(pass show orderkit)`) is read
 * once a run, and that reading kept: it is read to hide its secrets before a command that loads
 * the config runs, or before an error is printed (given-secrets.ts), and the command then reads
 * the same text.
 */
export function configText(path: string): Promise<string> {
  const kept = pipedTexts.get(path);
  if (kept) return kept;
  let pipe = false;
  try {
    pipe = statSync(path).isFIFO();
  } catch {
    // Missing or unreadable: the reading below says so.
  }
  const text = readTextOrPipe(path);
  if (pipe) {
    // Its failure is reported by the command that needs the file, not where it was first read.
    text.catch(() => undefined);
    pipedTexts.set(path, text);
  }
  return text;
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
    text = await configText(path);
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
  // Its secrets are hidden from what the run prints, as those it was given at the start are
  // (a file's at the start, a pipe's before a command runs: given-secrets.ts).
  const config = parsed as CliConfig;
  for (const secret of [config.apiKey, config.commercelayer?.clientSecret]) hideSecretTrimmed(secret);
  return config;
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

/** What an API address that {@link isHttpUrl} refuses is told, after the setting's name. */
export const NOT_AN_API_URL =
  "must be an absolute http(s) URL, such as https://example.com/api (no spaces, user, query or fragment)";

/**
 * What is wrong with `value` as the setting `key`, by the rules the clients hold it to (checked
 * before it is saved, and wherever it comes from when used), or undefined. Empty is unset.
 */
export async function settingProblem(key: ConfigKey, value: string): Promise<string | undefined> {
  if (value === "") return undefined;
  if (key === "base-url") return isHttpUrl(value) ? undefined : NOT_AN_API_URL;
  const { isHeaderSafe, isOrganizationSlug } = await import("@orderkit/client");
  if (key === "commercelayer.organization")
    return isOrganizationSlug(value)
      ? undefined
      : "must be an organization slug (acme for acme.commercelayer.io)";
  return isHeaderSafe(value)
    ? undefined
    : "holds a line break or another character a request cannot carry, or a space at either end (pasted with it?)";
}

/** A file-system refusal for this user (no write permission, a read-only file system). */
const refused = (error: unknown) =>
  ["EACCES", "EPERM", "EROFS"].includes((error as { code?: string }).code ?? "");

/**
 * Stores one value. The file is replaced whole (a crash leaves the old one or the new one), with
 * mode 0600 (it may hold secrets), under a lock beside it: two `config set` at once never lose a
 * setting. A link is followed (the file it names is changed, made if missing), a file mounted on
 * its own or hard-linked is written in place, and a file root replaces for another user stays
 * theirs. Where no lock or new file can be made (a directory this user may not write in), nothing
 * is saved: a message says so.
 */
export async function setConfig(key: ConfigKey, value: string): Promise<void> {
  const path = configPath();
  const [{ FileLock, whileLocked }, { writeAtomic }] = await Promise.all([
    import("./ledger/lock.js"),
    import("./ledger/atomic.js"),
  ]);
  // A pipe (`ORDERKIT_CONFIG=<(pass show orderkit)`) is read, never written: a file in its place
  // would keep what it fed in plain text, secrets too.
  if ((await stat(path).catch(() => undefined))?.isFIFO())
    throw new UsageError(
      `The config file ${path} is a pipe: orderkit reads it but cannot change it. Nothing was saved. Change what writes to it instead.`,
    );
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const target = await linkTarget(path);
  // Its directory too (a link to a file in one not made yet); if that fails, the lock says why.
  await mkdir(dirname(target), { recursive: true, mode: 0o700 }).catch(() => undefined);
  const cannot = (error: unknown) =>
    new UsageError(
      `The config file ${path} cannot be changed here (${(error as { code?: string }).code}: no lock or new file can be made in ${dirname(target)}): nothing was saved. Make that directory writable, or point ORDERKIT_CONFIG at a file in one that is.`,
    );
  const lock = new FileLock(`${target}.lock`);
  try {
    // Another `config set` holds it for milliseconds: waited for.
    await lock.acquireWithin(5_000, `Changing ${path}`, "Nothing was saved by this run.");
  } catch (error) {
    throw refused(error) ? cannot(error) : error;
  }
  await whileLocked(
    lock,
    async () => {
      const config = (await readConfig()) as Record<string, unknown>;
      const [first, second] = CONFIG_KEYS[key] as readonly string[];
      if (second === undefined) config[first as string] = value;
      else config[first as string] = { ...((config[first as string] as object) ?? {}), [second]: value };
      const text = `${JSON.stringify(config, null, 2)}\n`;
      const before = await stat(target).catch(() => undefined);
      // Replaced whole, unless a new file cannot take its place: a file mounted on its own (a
      // container's volume: the rename is refused, EBUSY) or with other hard links (which would
      // keep the old settings). Those are written in place, under the same lock.
      const inPlace = async () => {
        await writeFile(target, text, { mode: 0o600 });
        await chmod(target, 0o600);
      };
      await (before && before.nlink > 1 ? inPlace() : writeAtomic(target, text))
        .catch((error: unknown) => {
          if (before && ["EBUSY", "EXDEV"].includes((error as { code?: string }).code ?? ""))
            return inPlace();
          throw error;
        })
        .catch((error: unknown) => {
          throw refused(error) ? cannot(error) : error;
        });
      if (before && process.getuid?.() === 0 && (before.uid !== 0 || before.gid !== 0))
        await chown(target, before.uid, before.gid).catch(() => undefined);
    },
    "The setting may or may not have been saved: run `orderkit config get` to see.",
  );
}

/** The file `path` names, through links (one that names no file yet: where it points). */
async function linkTarget(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    let at = path;
    // A dangling link (a dotfiles manager's, before its first save): the file it points to.
    for (let hops = 0; hops < 8; hops++) {
      const next = await readlink(at).catch(() => undefined);
      if (next === undefined) return at;
      at = resolve(dirname(at), next);
    }
    return path;
  }
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
