// A GET that times out (core/deadline.ts, the transport): the timeout ends the call with the
// timeout error, and the connection of a response the caller gave up on is closed (asserted on
// the server's sockets), never left to hang: a dangling fetch would hold its socket, and keep a
// script's process alive, until undici's own 300 s header timeout.
//
// Measured and refused (2026-12-01): sending GETs without a signal and racing them by the timeout
// instead (undici's per-signal bookkeeping is 6–13 µs a request). It could not close a connection
// whose headers never came, and a script then stayed alive for five minutes after its timeout.
// Since session 52, calls on Node's global fetch go without a signal once it is seen to take an
// undici dispatcher, which aborts the request itself (core/undici-timeout.ts): after this file's
// first call, these cases run that way (undici-timeout.test.ts asserts which way each call went).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createLettrLabsClient, LettrLabsTimeoutError } from "../../src/index.js";
import { answerSlowly, ME, serve, within } from "./slow-server.js";

describe("a GET that times out", () => {
  it("closes its connection: a late answer finds it gone", async () => {
    let answer: (() => void) | undefined;
    const { url, seen } = await serve((res) => {
      answer = () => {
        // Headers and part of the body, then nothing: only the client can end this connection.
        res.writeHead(200, { "content-type": "application/json" });
        res.write(ME.slice(0, 50));
      };
    });
    const client = createLettrLabsClient({ apiKey: "LL-k", baseUrl: url, timeoutMs: 400, maxRetries: 0 });
    const error = await client.me().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LettrLabsTimeoutError);
    expect(seen).toHaveLength(1);
    answer?.();
    expect(await within(seen[0]?.closed as Promise<void>, 5_000)).not.toBe("hung");
    expect(seen[0]?.closedEarly()).toBe(true);
  });

  it("stops reading a body that stalls, and closes its connection at once", async () => {
    const { url, seen } = await serve((res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": String(ME.length) });
      res.write(ME.slice(0, 50));
    });
    const client = createLettrLabsClient({ apiKey: "LL-k", baseUrl: url, timeoutMs: 150, maxRetries: 0 });
    const error = await client.me().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LettrLabsTimeoutError);
    expect(await within(seen[0]?.closed as Promise<void>, 5_000)).not.toBe("hung");
    expect(seen[0]?.closedEarly()).toBe(true);
  });

  it("any schedule of a slow server: the whole body or a timeout, never a part; no connection left hanging", async () => {
    // Each run: the headers after `head` ms, then the body in chunks with pauses, and maybe no end.
    // Whatever the timing, a call returns the exact body or times out, and a response the server
    // never ends is closed by the client.
    const schedule = fc.record({
      head: fc.integer({ min: 0, max: 120 }),
      pauses: fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 4 }),
      ends: fc.boolean(),
      contentLength: fc.boolean(),
    });
    type Schedule = { head: number; pauses: number[]; ends: boolean; contentLength: boolean };
    let current: Schedule | undefined;
    const { url, seen } = await serve((res) => answerSlowly(res, current as Schedule));
    const client = createLettrLabsClient({ apiKey: "LL-k", baseUrl: url, timeoutMs: 100, maxRetries: 0 });
    await fc.assert(
      fc.asyncProperty(schedule, async (plan) => {
        current = plan;
        const before = seen.length;
        const outcome = await client.me().then(
          (me) => ({ me }),
          (error: unknown) => ({ error }),
        );
        if ("me" in outcome) expect(JSON.stringify({ payload: outcome.me })).toBe(ME);
        else expect(outcome.error).toBeInstanceOf(LettrLabsTimeoutError);
        const request = seen[before];
        // On a loaded machine the timeout may come before the server saw the request at all.
        if (!request) {
          expect("error" in outcome).toBe(true);
          return;
        }
        // A response that never ends must not stay open: the client closes it (at once, or when
        // its late headers come).
        if (!plan.ends) {
          expect("error" in outcome).toBe(true);
          expect(await within(request?.closed as Promise<void>, 5_000)).not.toBe("hung");
          expect(request?.finished).toBe(false);
        }
      }),
      { numRuns: 40, seed: 20261201 },
    );
  }, 120_000);
});
