import type { CommerceLayerClient, LettrLabsClient, Logger } from "@orderkit/client";
import {
  type ConfigKey,
  configPath,
  envValue,
  NOT_AN_API_URL,
  readConfig,
  settingProblem,
} from "./config.js";
import { UsageError } from "./errors.js";
import { saidOnStop } from "./ledger/stop.js";
import { writeEnded, writeStarted } from "./ledger/writes-in-flight.js";
import { BOUNDS, integer, isHttpUrl } from "./options.js";
import { hideInOutput, note, printableMessage } from "./output.js";
import { tuneForRequests } from "./runtime-flags.js";

/** Options every command inherits from the root program. */
export interface GlobalOptions {
  apiKey?: string;
  baseUrl?: string;
  json?: boolean;
  verbose?: boolean;
  /** Milliseconds to wait before reading back after a write whose outcome is unknown (client default when absent). */
  settleMs?: number;
  /** Milliseconds a request attempt may take (else `ORDERKIT_TIMEOUT_MS`, else the client's default). */
  timeoutMs?: number;
}

const stderrLogger: Logger = {
  debug: (m) => process.stderr.write(`debug ${printableMessage(m)}\n`),
  info: (m) => process.stderr.write(`info  ${printableMessage(m)}\n`),
  warn: (m) => process.stderr.write(`warn  ${printableMessage(m)}\n`),
};

/**
 * The per-attempt timeout: --timeout-ms, else ORDERKIT_TIMEOUT_MS (held to the same bounds), else
 * the client's default.
 */
async function requestTimeoutMs(options: GlobalOptions): Promise<number> {
  if (options.timeoutMs !== undefined) return options.timeoutMs;
  const fromEnv = envValue("ORDERKIT_TIMEOUT_MS");
  if (fromEnv === undefined) return (await import("@orderkit/client")).CLIENT_DEFAULTS.timeoutMs;
  try {
    return integer(BOUNDS.timeoutMs.min, BOUNDS.timeoutMs.max)(fromEnv);
  } catch (error) {
    throw new UsageError(`ORDERKIT_TIMEOUT_MS: ${(error as Error).message} Nothing was sent.`);
  }
}

/** What the global options set on either client: --verbose's logger and logging fetch, --settle-ms, the timeout. */
async function globalClientOptions(options: GlobalOptions) {
  const timeoutMs = await requestTimeoutMs(options);
  return {
    logger: options.verbose ? stderrLogger : undefined,
    fetch: watchingWrites(options.verbose ? loggingFetch() : (input, init) => fetch(input, init), timeoutMs),
    settleMs: options.settleMs,
    timeoutMs,
  };
}

let writesSent = 0;

/** How many writes this run has sent so far (token requests aside): a step that sent none made nothing. */
export const writesSentSoFar = (): number => writesSent;

/**
 * Sends through `send`; once a write has been sent, a stop (Ctrl-C) says that it may have landed.
 * (A command under a lock says its own, which comes first: see ledger/stop.ts.) A token request
 * changes nothing on the server.
 */
function watchingWrites(send: typeof fetch, timeoutMs: number): typeof fetch {
  let said = false;
  return async (input, init) => {
    const method = (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
    if (method === "GET" || method === "HEAD") return send(input, init);
    const url = String(input instanceof Request ? input.url : input);
    const { pathname } = new URL(url);
    if (pathname.endsWith("/oauth/token")) return send(input, init);
    if (!said) {
      said = true;
      saidOnStop(
        `A write had been sent (${method} ${pathname}), and may have landed: check what the server holds before running this command again.`,
      );
    }
    writesSent += 1;
    // Recorded before it leaves, until answered: a run right after this one is killed waits for it.
    await writeStarted(url, timeoutMs);
    try {
      return await send(input, init);
    } finally {
      writeEnded(url);
    }
  };
}

/** The settle wait before a read-back: --settle-ms, else the client's default. */
export async function settleMsOf(options: GlobalOptions): Promise<number> {
  return options.settleMs ?? (await import("@orderkit/client")).CLIENT_DEFAULTS.settleMs;
}

/**
 * Logs each request's method, path and status to stderr, or how it failed (timed out, aborted, the
 * connection's error code): headers, and so the key, are never shown.
 */
function loggingFetch(): typeof fetch {
  return async (input, init) => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    const method = (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
    const started = performance.now();
    const took = () => `(${Math.round(performance.now() - started)} ms)`;
    // Through note(): a path may hold what a server chose (an id), and so a secret it echoed.
    note(`→ ${method} ${url.pathname}${url.search}`);
    let res: Response;
    try {
      res = await fetch(input, init);
    } catch (error) {
      note(`✕ ${method} ${url.pathname} ${howItFailed(error)} ${took()}`);
      throw error;
    }
    note(`← ${res.status} ${url.pathname} ${took()}`);
    return res;
  };
}

/** A request's failure in a few words: its timeout, an abort, or the connection's error code. */
function howItFailed(error: unknown): string {
  const { name, cause } = (error ?? {}) as { name?: unknown; cause?: { code?: unknown } };
  if (name === "TimeoutError") return "timed out";
  if (name === "AbortError") return "aborted";
  const code = cause?.code;
  return `failed${typeof code === "string" ? ` (${code})` : ""}`;
}

/** Where the LettrLabs API is, from --base-url, LETTRLABS_BASE_URL or the config file. */
export async function lettrlabsTarget(
  options: GlobalOptions,
): Promise<{ apiKey: string; baseUrl: string | undefined }> {
  const config = await readConfig();
  const apiKey = await setting("api-key", [options.apiKey, "--api-key"], "LETTRLABS_API_KEY", config.apiKey);
  if (!apiKey) {
    throw new UsageError(
      "No LettrLabs API key: pass --api-key, set LETTRLABS_API_KEY, or run `orderkit config set api-key <key>`.",
    );
  }
  const baseUrl = await setting(
    "base-url",
    [options.baseUrl, "--base-url"],
    "LETTRLABS_BASE_URL",
    config.baseUrl,
    true,
    (url, source) => refusePlainHttp(url, source, "the API key"),
  );
  await hideSecret(apiKey);
  return { apiKey, baseUrl };
}

/**
 * A setting from its flag, else its environment variable, else the config file, held to the rules
 * `config set` applies (`settingProblem`): one that breaks them stops the command (exit 2), naming
 * where it came from, before the client is made (whose message would name its own option). Empty
 * is unset. `also` checks a value further, told where it came from.
 */
async function setting(
  key: ConfigKey,
  [flag, flagName]: [string | undefined, string],
  env: string,
  configured: string | undefined,
  checked = true,
  also?: (value: string, source: string) => Promise<void>,
): Promise<string | undefined> {
  const fromEnv = envValue(env);
  const [value, source] =
    flag !== undefined
      ? [flag, flagName]
      : fromEnv !== undefined
        ? [fromEnv, env]
        : [configured, `${key} in the config file ${configPath()}`];
  const problem = value === undefined || !checked ? undefined : await settingProblem(key, value);
  if (problem) throw new UsageError(`${source} ${problem}.`);
  if (value) await also?.(value, source);
  return value || undefined;
}

/**
 * A URL setting from the environment or the config file, checked as the flags are (`httpUrl`): a
 * relative URL, which the client takes for a browser's, means nothing here.
 */
function urlSetting(value: string | undefined, source: string): string | undefined {
  if (value !== undefined && !isHttpUrl(value)) throw new UsageError(`${source} ${NOT_AN_API_URL}.`);
  return value;
}

/**
 * Refuses (exit 2) an API address over plain http to a host other than this machine: the key, the
 * client secret or the token would cross the network in the clear. `ORDERKIT_ALLOW_HTTP=1` allows
 * it (a mock in a private network).
 */
async function refusePlainHttp(url: string | undefined, source: string, secret: string): Promise<void> {
  if (url === undefined || envValue("ORDERKIT_ALLOW_HTTP") === "1") return;
  const { protocol, hostname } = new URL(url);
  if (protocol !== "http:") return;
  // (As written: `localhost.`, with its dot, is a name DNS resolves, not the machine's own.)
  if ((await import("@orderkit/client")).isLoopbackHost(hostname)) return;
  throw new UsageError(
    `${source} is plain http to ${hostname}: ${secret} would cross the network unencrypted. Nothing was sent. Use https (http is taken only for this machine, such as 127.0.0.1), or set ORDERKIT_ALLOW_HTTP=1 for a server on a private network.`,
  );
}

/** Builds the LettrLabs client (loads @orderkit/client only now, keeping --help fast). */
export async function lettrlabs(
  options: GlobalOptions,
  target?: { apiKey: string; baseUrl: string | undefined },
): Promise<LettrLabsClient> {
  target ??= await lettrlabsTarget(options);
  const { createLettrLabsClient } = await import("@orderkit/client");
  tuneForRequests();
  return createLettrLabsClient({
    ...target,
    baseUrl: forClient(options.baseUrl, "LETTRLABS_BASE_URL", target.baseUrl),
    ...(await globalClientOptions(options)),
  });
}

/**
 * What the client is given for a setting the CLI resolved (`resolved`: flag, else environment
 * variable `env`, else config file): nothing when it came from `env`, which the client then reads
 * itself, so that its errors name the variable the user set, not the option.
 */
function forClient(flag: string | undefined, env: string, resolved: string | undefined): string | undefined {
  return flag ?? (envValue(env) === undefined ? resolved : undefined);
}

/**
 * The LettrLabs client with the API host it talks to, normalised as the state directory keys it
 * (order locks, records): one host however its URL is spelled.
 */
export async function lettrlabsAt(options: GlobalOptions): Promise<{ ll: LettrLabsClient; host: string }> {
  const target = await lettrlabsTarget(options);
  const ll = await lettrlabs(options, target);
  const [{ LETTRLABS_BASE_URL }, { normalizeHost }] = await Promise.all([
    import("@orderkit/client"),
    import("./ledger/ledger.js"),
  ]);
  return { ll, host: normalizeHost(target.baseUrl ?? LETTRLABS_BASE_URL) };
}

/** Options of the Commerce Layer commands (beyond the global ones). */
export interface CommerceLayerOptions extends GlobalOptions {
  organization?: string;
  clientId?: string;
  clientSecret?: string;
  scope?: string;
  clBaseUrl?: string;
  authUrl?: string;
}

/** The Commerce Layer settings from flags, else the client's own COMMERCELAYER_* variables, else the config file. */
async function commercelayerSettings(o: CommerceLayerOptions) {
  const config = (await readConfig()).commercelayer ?? {};
  const baseUrl = o.clBaseUrl ?? urlSetting(envValue("COMMERCELAYER_BASE_URL"), "COMMERCELAYER_BASE_URL");
  // Held to the slug rule only where it makes the API's address (no base URL given), as the client does.
  const organization = await setting(
    "commercelayer.organization",
    [o.organization, "--organization"],
    "COMMERCELAYER_ORGANIZATION",
    config.organization,
    baseUrl === undefined,
  );
  const clientId = await setting(
    "commercelayer.client-id",
    [o.clientId, "--client-id"],
    "COMMERCELAYER_CLIENT_ID",
    config.clientId,
  );
  const clientSecret = await setting(
    "commercelayer.client-secret",
    [o.clientSecret, "--client-secret"],
    "COMMERCELAYER_CLIENT_SECRET",
    config.clientSecret,
  );
  if (o.authUrl === undefined) urlSetting(envValue("COMMERCELAYER_AUTH_URL"), "COMMERCELAYER_AUTH_URL");
  // A flag wins over a variable: --organization names its own API, which a COMMERCELAYER_BASE_URL
  // naming another host would silently replace.
  if (o.organization !== undefined && o.clBaseUrl === undefined && baseUrl !== undefined) {
    const url = new URL(baseUrl);
    const host = url.hostname.replace(/\.$/, "");
    if (
      host !== `${o.organization}.commercelayer.io`.toLowerCase() ||
      url.protocol !== "https:" ||
      url.pathname.replace(/\/+$/, "") !== "/api"
    )
      throw new UsageError(
        `--organization ${o.organization} and COMMERCELAYER_BASE_URL (${url.origin}${url.pathname}) name two APIs: pass --cl-base-url to say which, or unset COMMERCELAYER_BASE_URL.`,
      );
  }
  await refusePlainHttp(
    baseUrl,
    o.clBaseUrl !== undefined ? "--cl-base-url" : "COMMERCELAYER_BASE_URL",
    "the access token",
  );
  await refusePlainHttp(
    o.authUrl ?? envValue("COMMERCELAYER_AUTH_URL"),
    o.authUrl !== undefined ? "--auth-url" : "COMMERCELAYER_AUTH_URL",
    "the client secret",
  );
  if (!organization && !baseUrl)
    throw new UsageError("No organization: pass --organization or set COMMERCELAYER_ORGANIZATION.");
  if (!clientId) throw new UsageError("No client id: pass --client-id or set COMMERCELAYER_CLIENT_ID.");
  await hideSecret(clientSecret);
  return { organization, clientId, clientSecret, baseUrl };
}

/**
 * Sends through `send`; the bearer token a request carries (the access token the Commerce Layer
 * client got with the client credentials) is hidden in all this run prints from then on, as the
 * client secret is: a server may echo it. A token renewed mid-run is hidden from its first request
 * on. (The client hands its fetch a `Headers`.)
 */
function hidingBearerTokens(
  send: typeof fetch,
  redact: (text: string, secrets: readonly string[]) => string,
): typeof fetch {
  let seen: string | null | undefined;
  return (input, init) => {
    const headers =
      init?.headers instanceof Headers ? init.headers : input instanceof Request ? input.headers : undefined;
    const authorization = headers?.get("authorization");
    if (authorization && authorization !== seen) {
      seen = authorization;
      // All that follows the scheme: a token may hold a space (no header can end in one).
      hideInOutput(authorization.replace(/^bearer[ \t]+/i, ""), redact);
    }
    return send(input, init);
  };
}

/** Hides `secret` in all this run prints from now on, whatever a server echoes (output.ts). */
async function hideSecret(secret: string | undefined): Promise<void> {
  hideInOutput(secret, (await import("@orderkit/client")).redactSecrets);
}

/**
 * Builds the Commerce Layer client (loads @orderkit/client only now), with the API base URL it
 * reaches (`--cl-base-url`, else the organization's): what a recorded write is keyed by.
 */
export async function commercelayerAt(
  o: CommerceLayerOptions,
): Promise<{ client: CommerceLayerClient; baseUrl: string }> {
  const settings = await commercelayerSettings(o);
  const { createCommerceLayerClient, redactSecrets } = await import("@orderkit/client");
  tuneForRequests();
  const shared = await globalClientOptions(o);
  const client = createCommerceLayerClient({
    ...settings,
    organization: forClient(o.organization, "COMMERCELAYER_ORGANIZATION", settings.organization),
    baseUrl: o.clBaseUrl,
    scope: o.scope,
    authUrl: o.authUrl,
    ...shared,
    fetch: hidingBearerTokens(shared.fetch, redactSecrets),
  });
  return { client, baseUrl: settings.baseUrl ?? `https://${settings.organization}.commercelayer.io/api` };
}

/** Builds the Commerce Layer client (loads @orderkit/client only now). */
export async function commercelayer(o: CommerceLayerOptions): Promise<CommerceLayerClient> {
  return (await commercelayerAt(o)).client;
}

/** Parses a positive integer id argument (exit code 2 when it is not one). */
export function parseId(value: string, name = "id"): number {
  if (!/^[1-9][0-9]{0,15}$/.test(value) || !Number.isSafeInteger(Number(value)))
    throw new UsageError(
      `${name} must be a positive integer (at most ${Number.MAX_SAFE_INTEGER}), got "${value}".`,
    );
  return Number(value);
}
