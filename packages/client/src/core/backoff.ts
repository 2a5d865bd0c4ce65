/** Retry timing: exponential backoff with full jitter, and the server's Retry-After. */
export interface BackoffOptions {
  /** First delay ceiling in ms. Default 500. */
  baseMs?: number;
  /** Largest delay ceiling in ms. Default 8000. */
  capMs?: number;
  /** Random source in [0, 1); injectable for tests. */
  random?: () => number;
}

/** Full-jitter delay before retry number `attempt` (0 for the first retry). */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? 500;
  const cap = options.capMs ?? 8000;
  const random = options.random ?? Math.random;
  return Math.floor(random() * Math.min(cap, base * 2 ** attempt));
}

/**
 * Reads `retry-after-ms`, then `retry-after` (delta seconds or an HTTP date), in ms.
 * Returns undefined when absent or unreadable.
 */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = headers.get("retry-after-ms");
  if (ms !== null && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.ceil(Number(ms));
  const value = headers.get("retry-after");
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
