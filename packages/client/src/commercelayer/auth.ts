import type { CommerceLayer } from "@orderkit/types";
import { abortable } from "../core/abort-listeners.js";
import { retryAfterMs } from "../core/backoff.js";
import { classifyThrown } from "../core/call.js";
import {
  type CommonClientOptions,
  checkedBaseUrl,
  checkedOptions,
  isHeaderSafe,
} from "../core/client-options.js";
import { optionOrEnv, readEnv } from "../core/env.js";
import { kindOfStatus, TransportError } from "../core/errors.js";
import { LightRequest } from "../core/light-request.js";
import type { Logger } from "../core/logger.js";
import { redactDeep, requestIdOf } from "../core/redact.js";
import { createTransport, type HttpTransport } from "../core/transport.js";
import { thrownError } from "./call.js";
import { commerceLayerError } from "./errors.js";
import { type CommerceLayerTokens, registerTokens, type TokenProvider } from "./tokens.js";

/** Client credentials of a Commerce Layer application (sales channel or integration). */
export interface CommerceLayerCredentials {
  /** OAuth2 client id. Default: `COMMERCELAYER_CLIENT_ID`. */
  clientId?: string | undefined;
  /** Client secret (integrations only). Default: `COMMERCELAYER_CLIENT_SECRET`. */
  clientSecret?: string | undefined;
  /** Token scope, e.g. `market:code:usa` (required for sales channels). Default: `COMMERCELAYER_SCOPE`. */
  scope?: string | undefined;
  /** The token server. Default: `COMMERCELAYER_AUTH_URL`, else `https://auth.commercelayer.io`. */
  authUrl?: string | undefined;
}

/** Where a client's tokens come from. */
export interface TokenSource {
  clientId: string;
  clientSecret?: string | undefined;
  /** e.g. `market:code:usa`. */
  scope?: string | undefined;
  /** A token to use as is until it expires or is rejected, then renewed with the client credentials. */
  accessToken?: string | undefined;
  /** Default `https://auth.commercelayer.io`. */
  authUrl: string;
}

/**
 * Client-credentials tokens for `createCommerceLayerCore({ tokens })`: fetched when first needed,
 * cached per core until shortly before they expire, one request shared by concurrent calls, and
 * renewed once when the API rejects one (401 INVALID_TOKEN). `createCommerceLayerClient` makes this
 * itself from its `clientId` option; a core takes it as an argument, so that a bundle whose core
 * only has an `accessToken` carries no token code. Each option falls back to its environment
 * variable. Throws a CommerceLayerArgumentError when no client id is given or set, or when an
 * option is not a string.
 */
export function commerceLayerClientCredentials(credentials?: CommerceLayerCredentials): CommerceLayerTokens {
  const tokens = credentialsTokens(credentials);
  if (!tokens) throw fail("Pass `clientId` (or set COMMERCELAYER_CLIENT_ID).");
  return tokens;
}

const fail = (message: string) => commerceLayerError("invalid_argument", { message });

/**
 * The token source of `credentials` (each option, else its environment variable), or undefined
 * when there is no client id (an empty one given is none). Every option is checked either way,
 * so that a client given an `accessToken` still refuses a mistyped `authUrl`.
 */
export function credentialsTokens(credentials?: CommerceLayerCredentials): CommerceLayerTokens | undefined {
  const given = checkedOptions<CommerceLayerCredentials & CommonClientOptions>(
    credentials,
    ["clientId", "clientSecret", "scope", "authUrl"],
    fail,
    [],
    false,
  );
  const clientId = given.clientId ?? readEnv("COMMERCELAYER_CLIENT_ID");
  const clientSecret = clientSecretOf(given.clientSecret);
  const scope = given.scope ?? readEnv("COMMERCELAYER_SCOPE");
  const [auth, authName] = optionOrEnv(given.authUrl, "authUrl", "COMMERCELAYER_AUTH_URL");
  const authUrl = checkedBaseUrl(auth ?? "https://auth.commercelayer.io", authName, fail);
  if (!clientId) return undefined;
  return registerTokens({
    secret: clientSecret,
    // Token requests are safe to repeat: each just issues another token.
    make: ({ transport, logger, secrets, accessToken }) =>
      new TokenManager(
        { clientId, clientSecret, scope, accessToken, authUrl },
        createTransport({ ...transport, idempotentMethods: new Set(["POST"]) }),
        logger,
        secrets,
      ),
  });
}

/** The client secret: the one given, else `COMMERCELAYER_CLIENT_SECRET`. */
export function clientSecretOf(given: string | undefined): string | undefined {
  return given ?? readEnv("COMMERCELAYER_CLIENT_SECRET");
}

/**
 * A token request that failed without a refusal (no answer, a 5xx, no token in the answer): the
 * request it was for never left (a token is got before a request leaves), so that request failed
 * to connect, and says why (never "may have been applied"). A refusal (bad credentials: a 4xx)
 * and an abort stay as they are; a 3xx (answered without a `Location`) is no refusal, and is
 * unsent like a 5xx.
 */
const unsent = (error: unknown): never => {
  const { kind, status = 500 } = error as { kind?: string; status?: number };
  throw kind === "aborted" || (status < 500 && status > 399)
    ? error
    : new TransportError("connection", `No access token: ${(error as Error).message}`, true, {
        cause: error,
      });
};

/** Seconds before expiry at which a cached token is renewed. */
const EXPIRY_MARGIN_S = 60;

/**
 * Gets and caches OAuth2 client-credentials tokens for one client instance: fetched lazily, reused
 * until shortly before expiry, one request shared by concurrent callers, renewed on demand after a
 * 401 INVALID_TOKEN. Tokens and secrets are never logged.
 */
export class TokenManager implements TokenProvider {
  private token: string | undefined;
  private expiresAt = 0;
  private pending: Promise<string> | undefined;
  /** Token requests sent so far (for tests and diagnostics). */
  requests = 0;

  constructor(
    private readonly source: TokenSource,
    private readonly transport: HttpTransport,
    private readonly logger: Logger,
    /** The client's secrets, redacted from every error (a token server may echo the request). */
    private readonly secrets: () => readonly (string | undefined)[],
    private readonly now: () => number = Date.now,
  ) {
    if (source.accessToken) {
      this.token = source.accessToken;
      this.expiresAt = Number.POSITIVE_INFINITY;
    }
  }

  /** The cached token while it is valid (no wait, no promise), else undefined. */
  cached(): string | undefined {
    return this.token && this.now() < this.expiresAt ? this.token : undefined;
  }

  /** A valid access token. */
  async get(): Promise<string> {
    const cached = this.cached();
    if (cached) return cached;
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = undefined;
    });
    return this.pending.catch(unsent);
  }

  /**
   * After a 401: when the API says the token is invalid (INVALID_TOKEN: expired, revoked), drops it
   * if it is still the cached one and returns a new one (the caller's abort ends the wait);
   * otherwise undefined (the 401 stands).
   */
  async renew(rejected: string, response: Response, signal: AbortSignal | null): Promise<string | undefined> {
    if (!(await response.clone().text()).includes("INVALID_TOKEN")) return undefined;
    this.logger.debug("access token rejected (INVALID_TOKEN); renewing it and replaying the request");
    if (this.token === rejected) {
      this.token = undefined;
      this.expiresAt = 0;
    }
    // The 401 stands whatever the renewal does: a renewal that fails is an authentication error
    // (the request was refused, never "may have been applied"); the caller's abort stays one.
    return abortable(() => this.get(), signal).catch((error: unknown) => {
      if (signal?.aborted) throw error;
      throw commerceLayerError("authentication", {
        message: `The access token was refused (HTTP 401), and renewing it failed: ${(error as Error).message}`,
        status: 401,
        operation: "getAccessToken",
        cause: error,
      });
    });
  }

  private async fetchToken(): Promise<string> {
    const { clientId, clientSecret, scope, authUrl } = this.source;
    const body: CommerceLayer.TokenRequest = { grant_type: "client_credentials", client_id: clientId };
    if (clientSecret) body.client_secret = clientSecret;
    if (scope) body.scope = scope;
    this.requests++;
    this.logger.debug(`requesting an access token${scope ? ` for scope ${scope}` : ""}`);
    const request = new LightRequest(`${authUrl.replace(/\/$/, "")}/oauth/token`, {
      method: "POST",
      headers: new Headers({ "content-type": "application/json", accept: "application/json" }),
      body: JSON.stringify(body),
    });
    let response: Response;
    let text: string;
    try {
      response = await this.transport.send(request);
      text = await response.text();
    } catch (error) {
      const { kind, message } = classifyThrown(error);
      throw thrownError(this.secrets(), "getAccessToken", kind, message, error);
    }
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!response.ok) {
      const errors = (parsed as { errors?: unknown } | undefined)?.errors;
      const list = redactDeep(
        Array.isArray(errors) ? (errors as CommerceLayer.ErrorObject[]) : [],
        this.secrets(),
      );
      throw commerceLayerError(kindOfStatus(response.status), {
        message: `getAccessToken failed (HTTP ${response.status})${response.status < 500 && list[0]?.detail ? `: ${list[0].detail}` : "."}`,
        status: response.status,
        requestId: requestIdOf(response, this.secrets()),
        retryAfterMs: retryAfterMs(response.headers),
        operation: "getAccessToken",
        errors: response.status < 500 ? list : [],
      });
    }
    const token = parsed as CommerceLayer.TokenResponse | undefined;
    // A token no header can carry would fail in fetch, whose error quotes it in full.
    if (typeof token?.access_token !== "string" || !token.access_token || !isHeaderSafe(token.access_token)) {
      throw commerceLayerError("invalid_response", {
        message: "getAccessToken: the response holds no usable access_token.",
        operation: "getAccessToken",
      });
    }
    this.token = token.access_token;
    // Renewed a minute before it expires, or halfway through a shorter life (never at every call).
    // A lifetime that is no positive number (missing, 0, text) counts as the default two hours: the
    // API's 401 INVALID_TOKEN renews a token that lived less.
    const given = token.expires_in;
    const life = typeof given === "number" && given > 0 ? given : 7200;
    this.expiresAt = this.now() + (life - Math.min(EXPIRY_MARGIN_S, life / 2)) * 1000;
    return token.access_token;
  }
}
