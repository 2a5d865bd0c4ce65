import type { LettrLabsClient, Logger } from "@orderkit/client";
import { readConfig } from "./config.js";
import { UsageError } from "./errors.js";

/** Options every command inherits from the root program. */
export interface GlobalOptions {
  apiKey?: string;
  baseUrl?: string;
  json?: boolean;
  verbose?: boolean;
}

const stderrLogger: Logger = {
  debug: (m) => process.stderr.write(`debug ${m}\n`),
  info: (m) => process.stderr.write(`info  ${m}\n`),
  warn: (m) => process.stderr.write(`warn  ${m}\n`),
  error: (m) => process.stderr.write(`error ${m}\n`),
};

/** Logs each request's method, path and status to stderr (headers, and so the key, are never shown). */
function loggingFetch(): typeof fetch {
  return async (input, init) => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    const started = performance.now();
    process.stderr.write(`→ ${init?.method ?? "GET"} ${url.pathname}${url.search}\n`);
    const res = await fetch(input, init);
    process.stderr.write(`← ${res.status} ${url.pathname} (${Math.round(performance.now() - started)} ms)\n`);
    return res;
  };
}

/** Where the LettrLabs API is, from --base-url, LETTRLABS_BASE_URL or the config file. */
export async function lettrlabsTarget(
  options: GlobalOptions,
): Promise<{ apiKey: string; baseUrl: string | undefined }> {
  const config = await readConfig();
  const apiKey = options.apiKey ?? process.env.LETTRLABS_API_KEY ?? config.apiKey;
  if (!apiKey) {
    throw new UsageError(
      "No LettrLabs API key: pass --api-key, set LETTRLABS_API_KEY, or run `orderkit config set api-key <key>`.",
    );
  }
  return { apiKey, baseUrl: options.baseUrl ?? process.env.LETTRLABS_BASE_URL ?? config.baseUrl };
}

/** Builds the LettrLabs client (loads @orderkit/client only now, keeping --help fast). */
export async function lettrlabs(options: GlobalOptions): Promise<LettrLabsClient> {
  const target = await lettrlabsTarget(options);
  const { createLettrLabsClient } = await import("@orderkit/client");
  return createLettrLabsClient({
    ...target,
    logger: options.verbose ? stderrLogger : undefined,
    fetch: options.verbose ? loggingFetch() : undefined,
  });
}

/** Parses a positive integer id argument (exit code 2 when it is not one). */
export function parseId(value: string, name = "id"): number {
  if (!/^[1-9][0-9]{0,15}$/.test(value))
    throw new UsageError(`${name} must be a positive integer, got "${value}".`);
  return Number(value);
}
