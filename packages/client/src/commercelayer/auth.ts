import type { CommerceLayer } from "@orderkit/types";
import { classifyThrown } from "../core/call.js";
import { isHeaderSafe } from "../core/client-options.js";
import { kindOfStatus } from "../core/errors.js";
import { LightRequest } from "../core/light-request.js";
import type { Logger } from "../core/logger.js";
import { redact, redactDeep, requestIdOf } from "../core/redact.js";
import type { HttpTransport } from "../core/transport.js";
import { commerceLayerError } from "./errors.js";

/** Where a client's tokens come from. */
export interface TokenSource {
  clientId?: string | undefined;
  clientSecret?: string | undefined;
  /** e.g. `market:code:usa`. */
  scope?: string | undefined;
  /** A token to use as is (refreshed with the client credentials when they are given too). */
  accessToken?: string | undefined;
  /** Default `https://auth.commercelayer.io`. */
  authUrl: string;
}

/** Seconds before expiry at which a cached token is renewed. */
const EXPIRY_MARGIN_S = 60;

/**
 * Gets and caches OAuth2 client-credentials tokens for one client instance: fetched lazily, reused
 * until shortly before expiry, one request shared by concurrent callers, renewed on demand after a
 * 401 INVALID_TOKEN. Tokens and secrets are never logged.
 */
export class TokenManager {
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

  /** True when a new token can be fetched (client credentials are known). */
  get canRefresh(): boolean {
    return Boolean(this.source.clientId);
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
    return this.pending;
  }

  /** Drops `token` if it is the cached one (after the API rejected it). */
  invalidate(token: string): void {
    if (this.token === token) {
      this.token = undefined;
      this.expiresAt = 0;
    }
  }

  private async fetchToken(): Promise<string> {
    const { clientId, clientSecret, scope, authUrl } = this.source;
    if (!clientId) {
      throw commerceLayerError("authentication", {
        message: "The access token was rejected or expired, and no clientId is configured to get a new one.",
        operation: "getAccessToken",
      });
    }
    const body: CommerceLayer.TokenRequest = { grant_type: "client_credentials", client_id: clientId };
    if (clientSecret) body.client_secret = clientSecret;
    if (scope) body.scope = scope;
    this.requests++;
    this.logger.debug(`requesting an access token${scope ? ` for scope ${scope}` : ""}`);
    const request = new LightRequest(`${authUrl.replace(/\/$/, "")}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(body),
    });
    let response: Response;
    let text: string;
    try {
      response = await this.transport.send(request);
      text = await response.text();
    } catch (error) {
      const { kind, message } = classifyThrown(error);
      throw commerceLayerError(kind, {
        message: redact(`getAccessToken: ${message}`, this.secrets()),
        operation: "getAccessToken",
        cause: error,
      });
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
    this.expiresAt = this.now() + Math.max(0, (token.expires_in ?? 7200) - EXPIRY_MARGIN_S) * 1000;
    return token.access_token;
  }
}
