import type { Logger } from "./logger.js";
import { sleep } from "./sleep.js";

/** The rate-limit state last reported by the server (`X-Ratelimit-*` headers). */
export interface RateLimitState {
  limit: number | undefined;
  /** Seconds. */
  interval: number | undefined;
  remaining: number | undefined;
}

/**
 * Paces requests from the `X-Ratelimit-Limit`, `-Interval` and `-Remaining` headers: when the
 * window is nearly used up, each request waits interval/limit before it is sent, so bulk work
 * slows down instead of hitting 429s. Never longer than `maxDelayMs` (the client's
 * `maxRetryAfterMs`): a window of one request a day is not a day's silent wait. A wait of a second
 * or more is logged.
 */
export class RateLimitPacer {
  readonly state: RateLimitState = { limit: undefined, interval: undefined, remaining: undefined };
  constructor(
    private readonly maxDelayMs = Number.POSITIVE_INFINITY,
    private readonly logger?: Logger,
  ) {}

  /** Records the headers of a response. */
  observe(headers: Headers): void {
    const read = (name: string) => {
      const value = headers.get(name);
      const n = value === null ? Number.NaN : Number(value);
      return Number.isFinite(n) ? n : undefined;
    };
    const limit = read("x-ratelimit-limit");
    if (limit === undefined) return;
    this.state.limit = limit;
    this.state.interval = read("x-ratelimit-interval") ?? this.state.interval;
    this.state.remaining = read("x-ratelimit-remaining");
  }

  /** How long the next request should wait, in ms (0 while the window has room). */
  delayMs(): number {
    const { limit, interval, remaining } = this.state;
    if (limit === undefined || interval === undefined || remaining === undefined || limit <= 0) return 0;
    if (remaining > Math.max(1, Math.floor(limit * 0.05))) return 0;
    return Math.min(Math.ceil((interval * 1000) / limit), this.maxDelayMs);
  }

  /** Waits as long as `delayMs()` says. */
  async wait(signal?: AbortSignal | null): Promise<void> {
    const ms = this.delayMs();
    if (ms >= 1000) this.logger?.info(`rate limit nearly used up: waiting ${ms} ms`);
    if (ms > 0) await sleep(ms, signal);
  }
}
