import type { paths } from "@orderkit/types/commercelayer";
import type { Client } from "openapi-fetch";
import { abortable } from "../core/abort-listeners.js";
import { createApiCalls } from "../core/api-calls.js";
import {
  type CommonClientOptions,
  checkedBaseUrl,
  checkedOptions,
  isHeaderSafe,
  resolveCommonOptions,
} from "../core/client-options.js";
import { optionOrEnv, readEnv } from "../core/env.js";
import { LightRequest, toOutgoing } from "../core/light-request.js";
import { redactingLogger } from "../core/logger.js";
import { RateLimitPacer, type RateLimitState } from "../core/rate-limit.js";
import { rawClientOf } from "../core/raw-client.js";
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

/** Options of {@link createCommerceLayerClient} (the common ones are shared with the LettrLabs client). */
export interface CommerceLayerClientOptions extends CommonClientOptions {
  /** The organization slug (the API is https://<organization>.commercelayer.io/api). Default: `COMMERCELAYER_ORGANIZATION`. */
  organization?: string | undefined;
  /** OAuth2 client id (sales channel or integration). Default: `COMMERCELAYER_CLIENT_ID`. */
  clientId?: string | undefined;
  /** Client secret (integrations only). Default: `COMMERCELAYER_CLIENT_SECRET`. */
  clientSecret?: string | undefined;
  /** Token scope, e.g. `market:code:usa` (required for sales channels). Default: `COMMERCELAYER_SCOPE`. */
  scope?: string | undefined;
  /** Use this token (renewed with clientId/clientSecret when those are given too). */
  accessToken?: string | undefined;
  /** The API base URL. Default: `COMMERCELAYER_BASE_URL`, else the organization's. */
  baseUrl?: string | undefined;
  /** The token server. Default: `COMMERCELAYER_AUTH_URL`, else `https://auth.commercelayer.io`. */
  authUrl?: string | undefined;
}

/**
 * The shared part of a Commerce Layer client (token cache, transport, pacing, write-safety
 * settings), without any resource. Build only the resources you use on it
 * (`commerceLayerOrders(core)`, ...) and a browser bundle carries only their code;
 * `createCommerceLayerClient` builds them all, and `commerceLayerRaw(core)` gives the typed
 * openapi-fetch client. Secrets and tokens are never enumerable properties, so logging a core
 * prints nothing secret.
 */
export interface CommerceLayerCore extends CommerceLayerCoreMark {
  /** The latest X-Ratelimit-* values seen. */
  readonly rateLimit: RateLimitState;
  /** Token requests made so far. */
  readonly tokenRequests: number;
}

/**
 * Type-only (never exists at run time): its private member makes {@link CommerceLayerCore}
 * nominal, so a client or a spread copy of a core does not type-check where a core is expected.
 */
declare class CommerceLayerCoreMark {
  private readonly commerceLayerCore: true;
}

const CONTEXTS = new WeakMap<CommerceLayerCore, CommerceLayerContext>();

/** The resource modules' context of a core made by {@link createCommerceLayerCore}. */
export function clContextOf(core: CommerceLayerCore): CommerceLayerContext {
  const ctx = CONTEXTS.get(core);
  if (!ctx) {
    throw commerceLayerError("invalid_argument", {
      message: "Pass a core made by createCommerceLayerCore().",
    });
  }
  return ctx;
}

/** Creates the shared part of a Commerce Layer client; see {@link CommerceLayerCore}. Same options as the client. */
export function createCommerceLayerCore(passed?: CommerceLayerClientOptions): CommerceLayerCore {
  const fail = (message: string) => commerceLayerError("invalid_argument", { message });
  const given = checkedOptions(
    passed,
    ["organization", "clientId", "clientSecret", "scope", "accessToken", "baseUrl", "authUrl"],
    fail,
  );
  const [org, orgName] = optionOrEnv(given.organization, "organization", "COMMERCELAYER_ORGANIZATION");
  const [base, baseName] = optionOrEnv(given.baseUrl, "baseUrl", "COMMERCELAYER_BASE_URL");
  const [auth, authName] = optionOrEnv(given.authUrl, "authUrl", "COMMERCELAYER_AUTH_URL");
  const options: CommerceLayerClientOptions = {
    ...given,
    organization: org,
    clientId: given.clientId ?? readEnv("COMMERCELAYER_CLIENT_ID"),
    clientSecret: given.clientSecret ?? readEnv("COMMERCELAYER_CLIENT_SECRET"),
    scope: given.scope ?? readEnv("COMMERCELAYER_SCOPE"),
  };
  // The organization makes the base URL: a slug (`acme`), not a domain or a name with spaces.
  if (base === undefined && org && !/^[a-z0-9-]+$/i.test(org))
    throw fail(`${orgName} must be an organization slug (acme for acme.commercelayer.io).`);
  const baseUrl = base ?? (org ? `https://${org}.commercelayer.io/api` : undefined);
  if (baseUrl === undefined) throw fail("Pass `organization` (or `baseUrl`).");
  if (!options.clientId && !options.accessToken) {
    throw fail("Pass `clientId` (client credentials) or `accessToken`.");
  }
  if (options.accessToken !== undefined && !isHeaderSafe(options.accessToken)) {
    throw fail("`accessToken` holds a character HTTP headers cannot carry (a line break?).");
  }
  // Every token this client has sent: an older one may still be valid (and echoed by a reply to a
  // request that left before a renewal).
  const tokensSent = new Set<string>();
  const secrets = () => [options.clientSecret, options.accessToken, ...tokensSent];
  const logger = redactingLogger(options.logger, secrets);
  const pacer = new RateLimitPacer();
  const resolved = resolveCommonOptions(options, logger, fail);
  const common = resolved.transport;
  const transport = createTransport({ ...common, onResponse: (res) => pacer.observe(res.headers) });
  // Token requests are safe to repeat: each just issues another token.
  const authTransport = createTransport({ ...common, idempotentMethods: new Set(["POST"]) });
  const tokens = new TokenManager(
    {
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      scope: options.scope,
      accessToken: options.accessToken,
      authUrl: checkedBaseUrl(auth ?? "https://auth.commercelayer.io", authName, fail),
    },
    authTransport,
    logger,
    secrets,
  );

  /** Adds the bearer token; after a 401 INVALID_TOKEN, renews it once and replays the request. */
  /** Sends `req` with `token`; a 401 INVALID_TOKEN (with a way to renew) renews it and replays once. */
  const sendWith = async (req: LightRequest, token: string): Promise<Response> => {
    tokensSent.add(token);
    req.headers.set("Authorization", `Bearer ${token}`);
    const response = await transport.send(req);
    if (response.status !== 401 || !tokens.canRefresh) return response;
    const text = await response.clone().text();
    if (!text.includes("INVALID_TOKEN")) return response;
    logger.debug("access token rejected (INVALID_TOKEN); renewing it and replaying the request");
    tokens.invalidate(token);
    const fresh = await abortable(() => tokens.get(), req.signal);
    tokensSent.add(fresh);
    req.headers.set("Authorization", `Bearer ${fresh}`);
    return transport.send(req);
  };
  // The fast path's LightRequest, the valid cached token and an open rate-limit window are taken
  // as they are: one async layer, and no turn of the event loop for what needs no wait.
  const authorizedFetch: Transport = (input) => {
    if (input instanceof LightRequest && !pacer.delayMs() && !input.signal?.aborted) {
      const token = tokens.cached();
      if (token) return sendWith(input, token);
    }
    return waitingFetch(input);
  };
  /** The rest: a real Request (from middleware), a wait for the rate limit or for a token. */
  const waitingFetch = async (input: Request | LightRequest): Promise<Response> => {
    const req = input instanceof LightRequest ? input : await toOutgoing(input);
    await pacer.wait(req.signal);
    // The caller's abort ends the wait for a token at once (and sends none when it came first).
    const cached = req.signal?.aborted ? undefined : tokens.cached();
    return sendWith(req, cached ?? (await abortable(() => tokens.get(), req.signal)));
  };

  const { calls, hub } = createApiCalls<paths>(
    {
      baseUrl: checkedBaseUrl(baseUrl, baseName, fail),
      fetch: authorizedFetch,
      querySerializer: serializeQuery,
      headers: { Accept: "application/vnd.api+json", "Content-Type": "application/vnd.api+json" },
    },
    common.timeoutMs,
  );
  const ctx: CommerceLayerContext = {
    raw: calls,
    hub,
    logger,
    secrets,
    recoveryRounds: resolved.recoveryRounds,
    backoff: resolved.backoff,
    settleMs: resolved.settleMs,
  };
  const core = Object.freeze({
    get rateLimit() {
      return { ...pacer.state };
    },
    get tokenRequests() {
      return tokens.requests;
    },
  }) as CommerceLayerCore;
  CONTEXTS.set(core, ctx);
  return core;
}

/**
 * The typed openapi-fetch client of a core (the client's `raw`; bracket-style query serialisation
 * and auth included): the same one on every call. `use()` registers openapi-fetch middleware,
 * which then sees every request of this core, resource methods included, as real `Request`s. A
 * bundle that never calls this leaves openapi-fetch's `createClient` out.
 */
export function commerceLayerRaw(core: CommerceLayerCore): Client<paths> {
  return rawClientOf(clContextOf(core).hub);
}

/**
 * Creates a Commerce Layer client: OAuth2 tokens cached per instance, JSON:API bodies built from
 * typed inputs and responses flattened (raw document in `$document`), the shared retry/timeout/error
 * machinery, pacing from the X-Ratelimit-* headers, and no blind retry of a POST.
 */
export function createCommerceLayerClient(options: CommerceLayerClientOptions = {}) {
  const core = createCommerceLayerCore(options);
  const ctx = clContextOf(core);
  return {
    /** The typed openapi-fetch client (bracket-style query serialisation and auth included). */
    raw: commerceLayerRaw(core),
    orders: createClOrders(ctx),
    lineItems: createClLineItems(ctx),
    addresses: createClAddresses(ctx),
    markets: createClMarkets(ctx),
    customers: createClCustomers(ctx),
    /** The latest X-Ratelimit-* values seen. */
    get rateLimit() {
      return core.rateLimit;
    },
    /** Token requests made so far. */
    get tokenRequests() {
      return core.tokenRequests;
    },
  };
}

/** The client returned by {@link createCommerceLayerClient}. */
export type CommerceLayerClient = ReturnType<typeof createCommerceLayerClient>;
