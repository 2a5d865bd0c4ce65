import type { Logger } from "../core/logger.js";
import type { TransportOptions } from "../core/transport.js";

/** What a core asks of its access tokens: the static `accessToken`, or client credentials (auth.ts). */
export interface TokenProvider {
  /** The cached token while it is valid (no wait, no promise), else undefined. */
  cached(): string | undefined;
  /** A valid access token (fetched when none is cached). */
  get(): Promise<string>;
  /**
   * After a 401 to a request sent with `rejected`: a new token to replay the request with once, or
   * undefined to return the 401 as it is (absent: a token that cannot be renewed).
   */
  renew?(rejected: string, response: Response, signal: AbortSignal | null): Promise<string | undefined>;
  /** Token requests sent so far. */
  readonly requests: number;
}

/** What a core lends its token source: its transport settings, logger and secrets. */
export interface TokenDeps {
  /** The core's common transport settings (timeouts, retries, fetch, logger). */
  readonly transport: TransportOptions;
  readonly logger: Logger;
  /** The core's secrets, redacted from every error (a token server may echo the request). */
  readonly secrets: () => readonly (string | undefined)[];
  /** The core's `accessToken`, used until it expires or is rejected. */
  readonly accessToken: string | undefined;
}

/** A registered token source: its secret (redacted by the core) and how a core makes its provider. */
export interface TokenFactory {
  readonly secret: string | undefined;
  make(deps: TokenDeps): TokenProvider;
}

/**
 * Type-only (never exists at run time): its private member makes {@link CommerceLayerTokens}
 * nominal, so only what `commerceLayerClientCredentials()` returns type-checks as one.
 */
declare class CommerceLayerTokensMark {
  private readonly commerceLayerTokens: true;
}

/**
 * Where a Commerce Layer core gets its access tokens from, for `createCommerceLayerCore({ tokens })`:
 * made by `commerceLayerClientCredentials(...)`. Opaque: it holds no enumerable property, so logging
 * it prints nothing secret.
 */
export interface CommerceLayerTokens extends CommerceLayerTokensMark {}

const FACTORIES = new WeakMap<object, TokenFactory>();

/** Registers a token source; returns the opaque value users pass as `tokens`. */
export function registerTokens(factory: TokenFactory): CommerceLayerTokens {
  const tokens = Object.freeze({}) as CommerceLayerTokens;
  FACTORIES.set(tokens, factory);
  return tokens;
}

/** The factory behind a `tokens` option, or undefined when the value was not made by this package. */
export function tokenFactoryOf(tokens: unknown): TokenFactory | undefined {
  return typeof tokens === "object" && tokens !== null ? FACTORIES.get(tokens) : undefined;
}

/** A provider of one fixed token: the core's `accessToken` when no token source is given. */
export function fixedToken(token: string): TokenProvider {
  return { cached: () => token, get: async () => token, requests: 0 };
}
