import type { paths } from "@orderkit/types/lettrlabs";
import { type Client, createQuerySerializer, defaultPathSerializer } from "openapi-fetch";
import { createApiCalls } from "../core/api-calls.js";
import {
  type CommonClientOptions,
  checkedBaseUrl,
  checkedOptions,
  isHeaderSafe,
  resolveCommonOptions,
} from "../core/client-options.js";
import { optionOrEnv, readEnv } from "../core/env.js";
import { redactingLogger } from "../core/logger.js";
import { rawClientOf } from "../core/raw-client.js";
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

/** Options of {@link createLettrLabsClient} (the common ones are shared with the Commerce Layer client). */
export interface LettrLabsClientOptions extends CommonClientOptions {
  /** API key (starts with `LL-API-`). Default: the `LETTRLABS_API_KEY` environment variable. */
  apiKey?: string | undefined;
  /** Default: `LETTRLABS_BASE_URL`, else `https://app.lettrlabs.com/api`. */
  baseUrl?: string | undefined;
}

/**
 * The shared part of a LettrLabs client (key, transport, timeouts, retries, write-safety
 * settings), without any resource. Build only the resources you use on it
 * (`lettrLabsMe(core)`, `lettrLabsOrders(core)`, ...) and a browser bundle carries only their
 * code; `createLettrLabsClient` builds them all, and `lettrLabsRaw(core)` gives the typed
 * openapi-fetch client. The settings live out of sight (the key is never an enumerable property),
 * so logging a core prints nothing secret.
 */
export interface LettrLabsCore extends LettrLabsCoreMark {}

/**
 * Type-only (never exists at run time): its private member makes {@link LettrLabsCore} nominal, so
 * a client or a spread copy of a core does not type-check where a core is expected.
 */
declare class LettrLabsCoreMark {
  private readonly lettrLabsCore: true;
}

const CONTEXTS = new WeakMap<LettrLabsCore, LettrLabsContext>();

/** Creates the shared part of a LettrLabs client; see {@link LettrLabsCore}. Same options as the client. */
export function createLettrLabsCore(given?: LettrLabsClientOptions): LettrLabsCore {
  const fail = (message: string) => lettrLabsError("invalid_argument", { message });
  const options = checkedOptions(given, ["apiKey", "baseUrl"], fail);
  const apiKey = options.apiKey ?? readEnv("LETTRLABS_API_KEY");
  if (!apiKey) {
    throw fail("No LettrLabs API key: pass `apiKey` or set LETTRLABS_API_KEY.");
  }
  if (!isHeaderSafe(apiKey)) {
    throw fail("The API key holds a character HTTP headers cannot carry (a line break?).");
  }
  const logger = redactingLogger(options.logger, () => [apiKey]);
  const common = resolveCommonOptions(options, logger, fail);
  const transport = createTransport(common.transport);
  const [url, urlName] = optionOrEnv(options.baseUrl, "baseUrl", "LETTRLABS_BASE_URL");
  const { calls, hub } = createApiCalls<paths>(
    {
      baseUrl: checkedBaseUrl(url ?? LETTRLABS_BASE_URL, urlName, fail),
      fetch: transport.send,
      headers: { "X-API-KEY": apiKey, Accept: "application/json" },
      // openapi-fetch's default, given explicitly: the calls' fast path does not bring one of its own.
      querySerializer: createQuerySerializer(),
      pathSerializer: defaultPathSerializer,
    },
    common.transport.timeoutMs,
  );
  const core = Object.freeze({}) as LettrLabsCore;
  CONTEXTS.set(core, {
    raw: calls,
    hub,
    logger,
    secrets: [apiKey],
    // recoveryRounds, backoff, settleMs, and the transport's maxRetryAfterMs (see SafeWriteContext)
    ...common,
  });
  return core;
}

/** The resource modules' context of a core made by {@link createLettrLabsCore}. */
export function contextOf(core: LettrLabsCore): LettrLabsContext {
  const ctx = CONTEXTS.get(core);
  if (!ctx) {
    throw lettrLabsError("invalid_argument", {
      message: "Pass a core made by createLettrLabsCore().",
    });
  }
  return ctx;
}

/**
 * The typed openapi-fetch client of a core, for any path (the client's `raw`): the same one on
 * every call. `use()` registers openapi-fetch middleware, which then sees every request of this
 * core, resource methods included, as real `Request`s. A bundle that never calls this leaves
 * openapi-fetch's `createClient` out.
 */
export function lettrLabsRaw(core: LettrLabsCore): Client<paths> {
  const ctx = contextOf(core);
  return rawClientOf(ctx.hub, () => ctx.secrets);
}

/**
 * Creates a LettrLabs client: typed resource methods that return the unwrapped payload and throw
 * LettrLabsError, with timeouts, safe retries and read-back protection against double orders,
 * double appends and double charges. `raw` is the typed openapi-fetch client for any path.
 */
export function createLettrLabsClient(options: LettrLabsClientOptions = {}) {
  const core = createLettrLabsCore(options);
  const ctx = contextOf(core);
  const analytics = createAnalytics(ctx);
  const catalog = createTemplates(ctx);
  return {
    /**
     * The typed openapi-fetch client for any path (returns `{ data, error, response }`; does not
     * throw on 4xx/5xx), with the key, timeouts, retries and redirect rules. `raw.use()` registers
     * openapi-fetch middleware, which then sees every request of this client, resource methods
     * included, as real `Request`s.
     */
    raw: lettrLabsRaw(core),
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
