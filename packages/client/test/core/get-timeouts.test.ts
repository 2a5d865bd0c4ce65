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
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { createLettrLabsClient, LettrLabsTimeoutError } from "../../src/index.js";

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

const ME = JSON.stringify({ payload: { id: 1, email: "ops@example.com", note: "x".repeat(2000) } });

/** What the server saw of one request: whether it finished its response, and whether the client closed the connection first. */
interface Seen {
  finished: boolean;
  closed: Promise<void>;
  closedEarly: () => boolean;
}

/** A server whose handler drives each response; it records every request's fate. */
async function serve(handle: (res: ServerResponse, req: IncomingMessage) => void) {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let closedEarly = false;
    const entry: Seen = {
      finished: false,
      closed: new Promise((resolve) =>
        res.on("close", () => {
          closedEarly = !res.writableFinished;
          resolve();
        }),
      ),
      closedEarly: () => closedEarly,
    };
    res.on("finish", () => {
      entry.finished = true;
    });
    seen.push(entry);
    handle(res, req);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

/** Resolves with `p`, or with "hung" after `ms`. */
const within = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<"hung">((r) => setTimeout(() => r("hung"), ms))]);

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
    const { url, seen } = await serve((res) => {
      const plan = current as Schedule;
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(200, {
          "content-type": "application/json",
          ...(plan.contentLength ? { "content-length": String(ME.length) } : {}),
        });
        const size = Math.ceil(ME.length / plan.pauses.length);
        let at = 0;
        const next = (i: number) => {
          if (res.destroyed) return;
          if (i === plan.pauses.length) {
            if (plan.ends) res.end();
            return;
          }
          setTimeout(() => {
            if (res.destroyed) return;
            // The last chunk is held back when the response never ends.
            if (plan.ends || i < plan.pauses.length - 1) res.write(ME.slice(at, at + size));
            at += size;
            next(i + 1);
          }, plan.pauses[i]);
        };
        next(0);
      }, plan.head);
    });
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
