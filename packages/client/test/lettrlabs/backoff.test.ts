import { describe, expect, it } from "vitest";
import { backoffDelay, retryAfterMs } from "../../src/core/backoff.js";

describe("backoff", () => {
  it("grows exponentially with full jitter under a cap", () => {
    expect(backoffDelay(0, { random: () => 0.999 })).toBe(499);
    expect(backoffDelay(3, { random: () => 0.5 })).toBe(2000);
    expect(backoffDelay(10, { random: () => 0.999 })).toBe(7992);
    expect(backoffDelay(2, { random: () => 0 })).toBe(0);
  });

  it("reads Retry-After as seconds, as an HTTP date, and retry-after-ms first", () => {
    const now = Date.parse("2026-11-23T10:00:00Z");
    expect(retryAfterMs(new Headers({ "retry-after": "3" }), now)).toBe(3000);
    expect(retryAfterMs(new Headers({ "retry-after": "Mon, 23 Nov 2026 10:00:30 GMT" }), now)).toBe(30_000);
    expect(retryAfterMs(new Headers({ "retry-after": "Mon, 23 Nov 2026 09:00:00 GMT" }), now)).toBe(0);
    expect(retryAfterMs(new Headers({ "retry-after-ms": "250", "retry-after": "9" }), now)).toBe(250);
    expect(retryAfterMs(new Headers({ "retry-after": "soon" }), now)).toBeUndefined();
    expect(retryAfterMs(new Headers(), now)).toBeUndefined();
  });
});
