import { describe, expect, it } from "vitest";
import {
  createLettrLabsClient,
  LettrLabsAbortError,
  LettrLabsConnectionError,
  LettrLabsRateLimitError,
  LettrLabsServerError,
  LettrLabsTimeoutError,
  mayHaveApplied,
} from "../../src/index.js";
import { setup } from "./helpers.js";

describe("retries and timeouts", () => {
  it("retries a GET after 503 and returns the later 200", async () => {
    const { fake, ll, lines } = await setup();
    fake.inject("GET", /^\/v1\/me$/, { kind: "status", status: 503 }, 2);
    const me = await ll.me();
    expect(me.email).toBe("ops@example.com");
    expect(fake.count("GET", /^\/v1\/me$/)).toBe(3);
    expect(lines.filter((l) => l.startsWith("debug retrying GET /v1/me after HTTP 503"))).toHaveLength(2);
  });

  it("gives up after maxRetries and throws a server error without the body", async () => {
    const { fake, ll } = await setup();
    fake.inject(
      "GET",
      /^\/v1\/me$/,
      { kind: "status", status: 500, body: { message: "at Db.Query(SELECT secret)" } },
      5,
    );
    const error = await ll.me().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LettrLabsServerError);
    expect((error as Error).message).not.toContain("SELECT");
    expect(JSON.stringify(error)).not.toContain("SELECT");
    expect(fake.count("GET", /^\/v1\/me$/)).toBe(3);
  });

  it("honours Retry-After on 429", async () => {
    const { fake, ll } = await setup();
    fake.inject("GET", /^\/v1\/me$/, { kind: "status", status: 429, headers: { "retry-after": "0" } });
    await ll.me();
    expect(fake.count("GET", /^\/v1\/me$/)).toBe(2);
  });

  it("surfaces a Retry-After longer than the cap as a rate-limit error with retryAfterMs", async () => {
    const { fake, ll } = await setup({}, { maxRetryAfterMs: 1000 });
    fake.inject("GET", /^\/v1\/me$/, { kind: "status", status: 429, headers: { "retry-after": "120" } });
    const error = await ll.me().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LettrLabsRateLimitError);
    expect((error as LettrLabsRateLimitError).retryAfterMs).toBe(120_000);
    expect(fake.count("GET", /^\/v1\/me$/)).toBe(1);
  });

  it("times out each attempt and retries GETs, then throws a timeout error", async () => {
    const { fake, ll } = await setup({}, { timeoutMs: 100, maxRetries: 1 });
    fake.inject("GET", /^\/v1\/me$/, { kind: "delay", ms: 400 }, 2);
    const error = await ll.me().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LettrLabsTimeoutError);
    expect(fake.requests.filter((r) => r.path === "/v1/me").length + 0).toBeLessThanOrEqual(2);
  });

  it("stops at once, without retry, when the caller aborts", async () => {
    const { fake, ll } = await setup({}, { timeoutMs: 5000 });
    fake.inject("GET", /^\/v1\/me$/, { kind: "delay", ms: 1000 }, 3);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await ll.me({ signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LettrLabsAbortError);
    await new Promise((r) => setTimeout(r, 1100));
    expect(fake.requests.filter((r) => r.path === "/v1/me")).toHaveLength(1);
  });

  it("does not retry a POST after 503 (the create may have been applied)", async () => {
    const { fake, ll } = await setup();
    fake.inject("POST", /^\/v1\/order\/\d+\/checkout$/, { kind: "status", status: 503 }, 5);
    const order = fake.seedOrder();
    await ll.orders.checkout
      .submit(order.id, { postageType: "Standard", productionSpeed: "Normal" })
      .catch(() => undefined);
    expect(fake.count("POST", /checkout$/)).toBe(1);
  });

  it("reports a refused connection as a connection error", async () => {
    const { fake, ll } = await setup({}, { maxRetries: 0 });
    await fake.stop();
    const error = await ll.me().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LettrLabsConnectionError);
  });

  it("takes a port fetch never connects to (9, a 'bad port') as a connection that left nothing: a checkout says so, not 'may have gone through'", async () => {
    const ll = createLettrLabsClient({ apiKey: "sk_test_x", baseUrl: "http://127.0.0.1:9", maxRetries: 0 });
    const error = await ll.orders.checkout
      .submit(5, { postageType: "Standard", productionSpeed: "Normal" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LettrLabsConnectionError);
    expect((error as Error).message).toContain("bad port");
    expect(mayHaveApplied(error)).toBe(false);
  });
});
