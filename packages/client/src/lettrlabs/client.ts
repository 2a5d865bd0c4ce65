import type { paths } from "@orderkit/types/lettrlabs";
import type { BackoffOptions } from "../core/backoff.js";
import { readEnv } from "../core/env.js";
import { type Logger, redactingLogger } from "../core/logger.js";
import { createApiClients } from "../core/raw-client.js";
import { createTransport } from "../core/transport.js";
import { createAddressBook } from "./address-book.js";
import { createAnalytics } from "./analytics.js";
import type { LettrLabsContext } from "./call.js";
import { createConversions } from "./conversions.js";
import { lettrLabsError } from "./errors.js";
import { createIntegrationOrders } from "./integration-orders.js";
import { createOrders } from "./orders.js";
import { createProfile } from "./profile.js";
import { createTemplates } from "./templates.js";

/** The production API. */
export const LETTRLABS_BASE_URL = "https://app.lettrlabs.com/api";

/** Options of {@link createLettrLabsClient}. */
export interface LettrLabsClientOptions {
  /** API key (starts with `LL-API-`). Default: the `LETTRLABS_API_KEY` environment variable. */
  apiKey?: string | undefined;
  /** Default `https://app.lettrlabs.com/api`. */
  baseUrl?: string | undefined;
  /** Timeout of each attempt, in ms. Default 30 000. */
  timeoutMs?: number | undefined;
  /** Transport retries of requests that are safe to repeat (GET, DELETE; a write only when surely unsent). Default 2. */
  maxRetries?: number | undefined;
  /**
   * Recovery rounds of the safe writes: how many times a create or an append that reading back
   * proved unapplied is sent again. Independent of `maxRetries`. Default 2. (A checkout is never
   * re-sent.)
   */
  recoveryRounds?: number | undefined;
  /** Longest Retry-After honoured, in ms; a longer one surfaces as LettrLabsRateLimitError. Default 60 000. */
  maxRetryAfterMs?: number | undefined;
  /** Backoff tuning (mostly for tests). */
  backoff?: BackoffOptions | undefined;
  /** A fetch to use instead of `globalThis.fetch`. */
  fetch?: typeof fetch | undefined;
  /** Receives debug/info/warn/error lines; the API key is always redacted. */
  logger?: Logger | undefined;
}

/**
 * Creates a LettrLabs client: typed resource methods that return the unwrapped payload and throw
 * LettrLabsError, with timeouts, safe retries and read-back protection against double orders,
 * double appends and double charges. `raw` is the typed openapi-fetch client for any path.
 */
export function createLettrLabsClient(options: LettrLabsClientOptions = {}) {
  const apiKey = options.apiKey ?? readEnv("LETTRLABS_API_KEY");
  if (!apiKey) {
    throw lettrLabsError("invalid_argument", {
      message: "No LettrLabs API key: pass `apiKey` or set LETTRLABS_API_KEY.",
    });
  }
  const maxRetries = options.maxRetries ?? 2;
  const logger = redactingLogger(options.logger, () => [apiKey]);
  const transport = createTransport({
    fetch: options.fetch,
    timeoutMs: options.timeoutMs ?? 30_000,
    maxRetries,
    maxRetryAfterMs: options.maxRetryAfterMs,
    backoff: options.backoff,
    logger,
  });
  const { raw, calls } = createApiClients<paths>({
    baseUrl: options.baseUrl ?? LETTRLABS_BASE_URL,
    fetch: transport.fetch,
    headers: { "X-API-KEY": apiKey, Accept: "application/json" },
  });
  const ctx: LettrLabsContext = {
    raw: calls,
    logger,
    secrets: [apiKey],
    recoveryRounds: options.recoveryRounds ?? 2,
    backoff: options.backoff,
  };
  const analytics = createAnalytics(ctx);
  const catalog = createTemplates(ctx);
  return {
    /**
     * The typed openapi-fetch client for any path (returns `{ data, error, response }`; does not
     * throw on 4xx/5xx), with the key, timeouts, retries and redirect rules. `raw.use()` registers
     * openapi-fetch middleware, which then sees every request of this client, resource methods
     * included, as real `Request`s.
     */
    raw,
    /** The profile of the account that owns the API key. */
    me: createProfile(ctx),
    orders: createOrders(ctx),
    analytics: analytics.analytics,
    transactions: analytics.transactions,
    recipientStatistics: analytics.recipientStatistics,
    conversions: createConversions(ctx),
    templates: catalog.templates,
    fonts: catalog.fonts,
    integrationOrders: createIntegrationOrders(ctx),
    addressBook: createAddressBook(ctx),
  };
}

/** The client returned by {@link createLettrLabsClient}. */
export type LettrLabsClient = ReturnType<typeof createLettrLabsClient>;
