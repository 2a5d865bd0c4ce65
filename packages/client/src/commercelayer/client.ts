import type { paths } from "@orderkit/types/commercelayer";
import type { BackoffOptions } from "../core/backoff.js";
import { type LightRequest, toOutgoing } from "../core/light-request.js";
import { type Logger, redactingLogger } from "../core/logger.js";
import { RateLimitPacer } from "../core/rate-limit.js";
import { createApiClients } from "../core/raw-client.js";
import { createTransport, type Transport } from "../core/transport.js";
import { createClAddresses } from "./addresses.js";
import { TokenManager } from "./auth.js";
import type { CommerceLayerContext } from "./call.js";
import { createClCustomers } from "./customers.js";
import { commerceLayerError } from "./errors.js";
import { createClLineItems } from "./line-items.js";
import { createClMarkets } from "./markets.js";
import { createClOrders } from "./orders.js";
import { serializeQuery } from "./query.js";

/** Options of {@link createCommerceLayerClient}. */
export interface CommerceLayerClientOptions {
  /** The organization slug: the API is https://<organization>.commercelayer.io/api. */
  organization?: string | undefined;
  /** OAuth2 client id (sales channel or integration). */
  clientId?: string | undefined;
  /** Client secret (integrations only). */
  clientSecret?: string | undefined;
  /** Token scope, e.g. `market:code:usa` (required for sales channels). */
  scope?: string | undefined;
  /** Use this token (renewed with clientId/clientSecret when those are given too). */
  accessToken?: string | undefined;
  /** Overrides the API base URL (default from `organization`). */
  baseUrl?: string | undefined;
  /** Default `https://auth.commercelayer.io`. */
  authUrl?: string | undefined;
  /** Timeout of each attempt, in ms. Default 15 000. */
  timeoutMs?: number | undefined;
  /** Transport retries of requests that are safe to repeat. Default 2. */
  maxRetries?: number | undefined;
  /**
   * Recovery rounds of the safe writes: how many times a create that reading back proved
   * unapplied is sent again. Independent of `maxRetries`. Default 2. (Triggers are never re-sent.)
   */
  recoveryRounds?: number | undefined;
  backoff?: BackoffOptions | undefined;
  fetch?: typeof fetch | undefined;
  /** Receives debug/info/warn/error lines; secrets and tokens are always redacted. */
  logger?: Logger | undefined;
}

/**
 * Creates a Commerce Layer client: OAuth2 tokens cached per instance, JSON:API bodies built from
 * typed inputs and responses flattened (raw document in `$document`), the shared retry/timeout/error
 * machinery, pacing from the X-Ratelimit-* headers, and no blind retry of a POST.
 */
export function createCommerceLayerClient(options: CommerceLayerClientOptions) {
  const baseUrl =
    options.baseUrl ??
    (options.organization ? `https://${options.organization}.commercelayer.io/api` : undefined);
  if (!baseUrl)
    throw commerceLayerError("invalid_argument", { message: "Pass `organization` (or `baseUrl`)." });
  if (!options.clientId && !options.accessToken) {
    throw commerceLayerError("invalid_argument", {
      message: "Pass `clientId` (client credentials) or `accessToken`.",
    });
  }
  const maxRetries = options.maxRetries ?? 2;
  let currentToken: string | undefined = options.accessToken;
  const secrets = () => [options.clientSecret, currentToken, options.accessToken];
  const logger = redactingLogger(options.logger, secrets);
  const pacer = new RateLimitPacer();
  const common = {
    fetch: options.fetch,
    timeoutMs: options.timeoutMs ?? 15_000,
    maxRetries,
    backoff: options.backoff,
    logger,
  };
  const transport = createTransport({ ...common, onResponse: (res) => pacer.observe(res.headers) });
  // Token requests are safe to repeat: each just issues another token.
  const authTransport = createTransport({ ...common, idempotentMethods: new Set(["POST"]) });
  const tokens = new TokenManager(
    {
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      scope: options.scope,
      accessToken: options.accessToken,
      authUrl: options.authUrl ?? "https://auth.commercelayer.io",
    },
    authTransport,
    logger,
  );

  /** Adds the bearer token; after a 401 INVALID_TOKEN, renews it once and replays the request. */
  const authorizedFetch: Transport = async (input) => {
    const req = await toOutgoing(input as unknown as Request | LightRequest);
    await pacer.wait(req.signal);
    const token = await tokens.get();
    currentToken = token;
    req.headers.set("Authorization", `Bearer ${token}`);
    const response = await transport.send(req);
    if (response.status !== 401 || !tokens.canRefresh) return response;
    const text = await response.clone().text();
    if (!text.includes("INVALID_TOKEN")) return response;
    logger.debug("access token rejected (INVALID_TOKEN); renewing it and replaying the request");
    tokens.invalidate(token);
    const fresh = await tokens.get();
    currentToken = fresh;
    req.headers.set("Authorization", `Bearer ${fresh}`);
    return transport.send(req);
  };

  const { raw, calls } = createApiClients<paths>({
    baseUrl,
    fetch: authorizedFetch,
    querySerializer: serializeQuery as never,
    headers: { Accept: "application/vnd.api+json", "Content-Type": "application/vnd.api+json" },
  });
  const ctx: CommerceLayerContext = {
    raw: calls,
    logger,
    secrets,
    recoveryRounds: options.recoveryRounds ?? 2,
    backoff: options.backoff,
  };
  return {
    /** The typed openapi-fetch client (bracket-style query serialisation and auth included). */
    raw,
    orders: createClOrders(ctx),
    lineItems: createClLineItems(ctx),
    addresses: createClAddresses(ctx),
    markets: createClMarkets(ctx),
    customers: createClCustomers(ctx),
    /** The latest X-Ratelimit-* values seen. */
    get rateLimit() {
      return { ...pacer.state };
    },
    /** Token requests made so far. */
    get tokenRequests() {
      return tokens.requests;
    },
  };
}

/** The client returned by {@link createCommerceLayerClient}. */
export type CommerceLayerClient = ReturnType<typeof createCommerceLayerClient>;
