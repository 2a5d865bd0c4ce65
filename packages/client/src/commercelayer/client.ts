import type { paths } from "@orderkit/types/commercelayer";
import type { Client } from "openapi-fetch";
import { abortable } from "../core/abort-listeners.js";
import { AFTER_UNCERTAIN } from "../core/after-uncertain.js";
import { createApiCalls } from "../core/api-calls.js";
import {
  type CommonClientOptions,
  checkedBaseUrl,
  checkedOptions,
  isHeaderSafe,
  resolveCommonOptions,
} from "../core/client-options.js";
import { optionOrEnv } from "../core/env.js";
import type { LightRequest } from "../core/light-request.js";
import { redactingLogger } from "../core/logger.js";
import { serializeSimplePath } from "../core/path.js";
import { RateLimitPacer, type RateLimitState } from "../core/rate-limit.js";
import { rawClientOf } from "../core/raw-client.js";
import { createTransport, type Transport } from "../core/transport.js";
import { createClAddresses } from "./addresses.js";
import { type CommerceLayerCredentials, clientSecretOf, credentialsTokens } from "./auth.js";
import type { CommerceLayerContext } from "./call.js";
import { createClCustomers } from "./customers.js";
import { commerceLayerError } from "./errors.js";
import { createClLineItems } from "./line-items.js";
import { createClMarkets } from "./markets.js";
import { createClOrders } from "./orders.js";
import { serializeQuery } from "./query.js";
import { type CommerceLayerTokens, fixedToken, tokenFactoryOf } from "./tokens.js";

/** Options of {@link createCommerceLayerCore} (the common ones are shared with the LettrLabs client). */
export interface CommerceLayerCoreOptions extends CommonClientOptions {
  /** The organization slug (the API is https://<organization>.commercelayer.io/api). Default: `COMMERCELAYER_ORGANIZATION`. */
  organization?: string | undefined;
  /** Use this token (until it expires or is rejected, then renewed by `tokens` when given). */
  accessToken?: string | undefined;
  /**
   * Where new tokens come from: `commerceLayerClientCredentials({ clientId, ... })`. Without it,
   * the core uses `accessToken` as it is, and a bundle carries no token code.
   */
  tokens?: CommerceLayerTokens | undefined;
  /** The API base URL. Default: `COMMERCELAYER_BASE_URL`, else the organization's. */
  baseUrl?: string | undefined;
}

/**
 * Options of {@link createCommerceLayerClient}: the core's, and the client credentials, from which
 * (or from their environment variables) the client makes its token source when no `tokens` is given.
 */
export interface CommerceLayerClientOptions extends CommerceLayerCoreOptions, CommerceLayerCredentials {}

/** The client credentials' option names: the client's, which a core refuses (it takes `tokens`). */
const CREDENTIALS = ["clientId", "clientSecret", "scope", "authUrl"] as const;
/**
 * Every string option of the client (a core checks them too, to refuse the credentials by name).
 * Written out, not spread: a top-level spread is code a bundler keeps in every bundle of the package.
 */
const STRING_OPTIONS = [
  "organization",
  "accessToken",
  "baseUrl",
  "clientId",
  "clientSecret",
  "scope",
  "authUrl",
] as const;

const fail = (message: string) => commerceLayerError("invalid_argument", { message });

/** How the client gets its tokens: from its credentials (the core itself takes only `tokens`). */
interface ClientTokens {
  /** The credentials' token source, or undefined without a client id (checks the credentials either way). */
  make(): CommerceLayerTokens | undefined;
  /** The error when there is neither a client id nor an access token. */
  missing: string;
  /** A client secret set without a client id: never sent, but redacted like every secret. */
  secret: string | undefined;
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

/**
 * Creates the shared part of a Commerce Layer client; see {@link CommerceLayerCore}. Same options
 * as the client, but client credentials come as `tokens: commerceLayerClientCredentials(...)`.
 */
export function createCommerceLayerCore(passed?: CommerceLayerCoreOptions): CommerceLayerCore {
  const options = checkedOptions<CommerceLayerClientOptions>(passed, STRING_OPTIONS, fail, ["tokens"]);
  // Refused, not ignored: a core given the client's credentials would never renew its token.
  if (CREDENTIALS.some((name) => options[name] !== undefined))
    throw fail(
      "A core takes client credentials as `tokens: commerceLayerClientCredentials({ clientId, ... })`.",
    );
  return makeCore(options, undefined);
}

/** A core from checked options; `client`: how the client makes its tokens (never a core's way). */
/**
 * True when `value` is a Commerce Layer organization slug (`acme` for acme.commercelayer.io):
 * letters, digits and hyphens, the rule `organization` is held to.
 */
export function isOrganizationSlug(value: string): boolean {
  return /^[a-z0-9-]+$/i.test(value);
}

function makeCore(options: CommerceLayerClientOptions, client: ClientTokens | undefined): CommerceLayerCore {
  const [org, orgName] = optionOrEnv(options.organization, "organization", "COMMERCELAYER_ORGANIZATION");
  const [base, baseName] = optionOrEnv(options.baseUrl, "baseUrl", "COMMERCELAYER_BASE_URL");
  // The organization makes the base URL: a slug (`acme`), not a domain or a name with spaces.
  if (base === undefined && org && !isOrganizationSlug(org))
    throw fail(`${orgName} must be an organization slug (acme for acme.commercelayer.io).`);
  const baseUrl = base ?? (org ? `https://${org}.commercelayer.io/api` : undefined);
  if (baseUrl === undefined) throw fail("Pass `organization` (or `baseUrl`).");
  const { accessToken } = options;
  const given = options.tokens ?? client?.make();
  const source = tokenFactoryOf(given);
  // A CommonJS require and an ESM import of this package are two copies, which do not know each other's.
  if (given !== undefined && !source)
    throw fail(
      "`tokens` must come from commerceLayerClientCredentials() of the same build (ESM or CommonJS).",
    );
  if (!source && !accessToken)
    throw fail(
      client?.missing ?? "Pass `accessToken`, or `tokens: commerceLayerClientCredentials({ clientId })`.",
    );
  if (accessToken !== undefined && !isHeaderSafe(accessToken)) {
    throw fail("`accessToken` holds a character HTTP headers cannot carry (a line break?).");
  }
  // Every token this client has sent: an older one may still be valid (and echoed by a reply to a
  // request that left before a renewal).
  const tokensSent = new Set<string>();
  const secrets = () => [source?.secret, client?.secret, accessToken, ...tokensSent];
  const logger = redactingLogger(options.logger, secrets);
  const resolved = resolveCommonOptions(options, logger, fail);
  const common = resolved.transport;
  const pacer = new RateLimitPacer(common.maxRetryAfterMs, logger);
  const transport = createTransport({ ...common, onResponse: (res) => pacer.observe(res.headers) });
  const tokens = source
    ? source.make({ transport: common, logger, secrets, accessToken })
    : fixedToken(accessToken as string);

  /** Sends `req` with `token`; a 401 the token source renews the token for is replayed once with the new one. */
  const sendWith = async (req: LightRequest, token: string): Promise<Response> => {
    tokensSent.add(token);
    req.headers.set("Authorization", `Bearer ${token}`);
    const response = await transport.send(req);
    if (response.status !== 401) return response;
    // Replayed with a renewed token: the mark of an attempt before that may have applied the
    // write (core/after-uncertain.ts) goes on to what the replay ends with.
    const uncertain = AFTER_UNCERTAIN.has(response);
    try {
      const fresh = await tokens.renew?.(token, response, req.signal);
      if (fresh === undefined) return response;
      tokensSent.add(fresh);
      req.headers.set("Authorization", `Bearer ${fresh}`);
      const replayed = await transport.send(req);
      if (uncertain) AFTER_UNCERTAIN.add(replayed);
      return replayed;
    } catch (error) {
      if (uncertain) AFTER_UNCERTAIN.add(error as object);
      throw error;
    }
  };
  // The fast path's LightRequest, the valid cached token and an open rate-limit window are taken
  // as they are: one async layer, and no turn of the event loop for what needs no wait.
  const authorizedFetch: Transport = (input) => {
    if (!pacer.delayMs() && !input.signal?.aborted) {
      const token = tokens.cached();
      if (token) return sendWith(input, token);
    }
    return waitingFetch(input);
  };
  /** The rest: a wait for the rate limit or for a token. */
  const waitingFetch = async (req: LightRequest): Promise<Response> => {
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
      pathSerializer: serializeSimplePath,
      headers: { Accept: "application/vnd.api+json", "Content-Type": "application/vnd.api+json" },
    },
    common.timeoutMs,
  );
  const ctx: CommerceLayerContext = {
    raw: calls,
    hub,
    logger,
    secrets,
    // recoveryRounds, backoff, settleMs, and the transport's maxRetryAfterMs (see SafeWriteContext)
    ...resolved,
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
  const ctx = clContextOf(core);
  return rawClientOf(ctx.hub, ctx.secrets);
}

/**
 * Creates a Commerce Layer client: OAuth2 tokens cached per instance, JSON:API bodies built from
 * typed inputs and responses flattened (raw document in `$document`), the shared retry/timeout/error
 * machinery, pacing from the X-Ratelimit-* headers, and no blind retry of a POST.
 */
export function createCommerceLayerClient(passed?: CommerceLayerClientOptions) {
  const options = checkedOptions(passed, STRING_OPTIONS, fail, ["tokens"]);
  const { clientId, clientSecret, scope, authUrl } = options;
  if (options.tokens !== undefined && CREDENTIALS.some((name) => options[name] !== undefined))
    throw fail("Pass either `tokens` or the client credentials (`clientId`, ...), not both.");
  // Client credentials (given or set) make the token source; without a client id, `accessToken` is used as it is.
  const core = makeCore(options, {
    make: () => credentialsTokens({ clientId, clientSecret, scope, authUrl }),
    missing: "Pass `clientId` (client credentials), `tokens` or `accessToken`.",
    secret: clientSecretOf(clientSecret),
  });
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
