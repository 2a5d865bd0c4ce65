// Timeouts without a signal on Node's fetch (core/undici-timeout.ts): once the global fetch is seen
// to take an undici dispatcher, attempts go without a signal and their timeout aborts them through
// the dispatcher. Asserted on what fetch was given and on what the server saw (requests, and
// connections the client closed), over seeded schedules of a slow server and a slow connect.

import { getEventListeners } from "node:events";
import { FakeLettrLabs } from "@orderkit/test-utils";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { TimedAttempt } from "../../src/core/undici-timeout.js";
import { createLettrLabsClient, LettrLabsTimeoutError } from "../../src/index.js";
import { answerSlowly, ME, outcomeOf, serve, within } from "./slow-server.js";

const GLOBAL_DISPATCHER = Symbol.for("undici.globalDispatcher.1");
type Dispatch = (options: object, handler: object) => boolean;
const globals = globalThis as unknown as Record<symbol, { dispatch: Dispatch; isMockActive?: boolean }>;
const realFetch = globalThis.fetch;
// Node loads undici's global dispatcher with its first fetch.
await realFetch("data:,").then((r) => r.text());
const realDispatcher = globals[GLOBAL_DISPATCHER];

afterEach(() => {
  globalThis.fetch = realFetch;
  globals[GLOBAL_DISPATCHER] = realDispatcher as { dispatch: Dispatch };
});

/** What the global fetch was given, call by call (installed before the client is made). */
function recordFetch(pass: (init: RequestInit) => RequestInit = (init) => init) {
  const given: { signal: boolean; dispatcher: boolean }[] = [];
  globalThis.fetch = ((url: string, init: RequestInit & { dispatcher?: unknown }) => {
    given.push({ signal: init.signal != null, dispatcher: init.dispatcher !== undefined });
    return realFetch(url, pass(init));
  }) as typeof fetch;
  return given;
}

describe("timeouts through undici's dispatcher", () => {
  it("the first call probes with its signal; later calls go without one, and still time out, closing their connection", async () => {
    const { url, seen } = await serve((res, _req, n) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": String(ME.length) });
      // The third request: headers and part of the body, then nothing.
      if (n === 3) res.write(ME.slice(0, 50));
      else res.end(ME);
    });
    const given = recordFetch();
    const client = createLettrLabsClient({ apiKey: "LL-k", baseUrl: url, timeoutMs: 300, maxRetries: 0 });
    await client.me();
    await client.me();
    const error = await client.me().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LettrLabsTimeoutError);
    expect(given).toEqual([
      { signal: true, dispatcher: true },
      { signal: false, dispatcher: true },
      { signal: false, dispatcher: true },
    ]);
    expect(await within(seen[2]?.closed as Promise<void>, 5_000)).not.toBe("hung");
    expect(seen[2]?.finished).toBe(false);
  });

  it("a request whose headers never come times out, and its connection is closed", async () => {
    const { url, seen } = await serve((res, _req, n) => {
      if (n === 1) res.end(ME);
    });
    const given = recordFetch();
    const client = createLettrLabsClient({ apiKey: "LL-k", baseUrl: url, timeoutMs: 200, maxRetries: 0 });
    await client.me();
    const error = await client.me().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LettrLabsTimeoutError);
    expect(given[1]).toEqual({ signal: false, dispatcher: true });
    expect(await within(seen[1]?.closed as Promise<void>, 5_000)).not.toBe("hung");
  });

  it("a custom fetch, or a global fetch that drops the dispatcher, keeps its signals, and its timeouts", async () => {
    const { url, seen } = await serve((res, _req, n) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": String(ME.length) });
      if (n % 3 === 0) res.write(ME.slice(0, 50));
      else res.end(ME);
    });
    // A fetch that ignores the option (a browser's, a mocking library's) never calls the probe.
    const given = recordFetch(({ dispatcher: _, ...init }: RequestInit & { dispatcher?: unknown }) => init);
    const dropping = createLettrLabsClient({ apiKey: "LL-k", baseUrl: url, timeoutMs: 200, maxRetries: 0 });
    await dropping.me();
    await dropping.me();
    expect(await dropping.me().catch((e: unknown) => e)).toBeInstanceOf(LettrLabsTimeoutError);
    expect(given.map((g) => g.signal)).toEqual([true, true, true]);
    globalThis.fetch = realFetch;
    const customGiven: boolean[] = [];
    const custom = createLettrLabsClient({
      apiKey: "LL-k",
      baseUrl: url,
      timeoutMs: 200,
      maxRetries: 0,
      fetch: (input, init) => {
        customGiven.push(init?.signal != null && !("dispatcher" in (init ?? {})));
        return realFetch(input, init);
      },
    });
    await custom.me();
    await custom.me();
    expect(await custom.me().catch((e: unknown) => e)).toBeInstanceOf(LettrLabsTimeoutError);
    expect(customGiven).toEqual([true, true, true]);
    for (const i of [2, 5]) expect(await within(seen[i]?.closed as Promise<void>, 5_000)).not.toBe("hung");
  });

  it("a timeout while the request waits for its connection fails it at once; the connection it gets is closed unused", async () => {
    const { url, seen } = await serve((res) => res.end(ME));
    recordFetch();
    const client = createLettrLabsClient({ apiKey: "LL-k", baseUrl: url, timeoutMs: 150, maxRetries: 0 });
    await client.me();
    // The dispatcher holds the next request, as undici does while it connects.
    const held: (() => void)[] = [];
    globals[GLOBAL_DISPATCHER] = {
      dispatch: (options, handler) => {
        held.push(() => (realDispatcher as { dispatch: Dispatch }).dispatch(options, handler));
        return true;
      },
    };
    const error = await outcomeOf(client.me());
    expect(error).toBeInstanceOf(LettrLabsTimeoutError);
    expect(held).toHaveLength(1);
    globals[GLOBAL_DISPATCHER] = realDispatcher as { dispatch: Dispatch };
    held[0]?.();
    // The connection comes, and is closed before anything is written: the server sees no request.
    await new Promise((r) => setTimeout(r, 300));
    expect(seen).toHaveLength(1);
    // And the client goes on.
    expect(await client.me()).toMatchObject({ id: 1 });
    expect(seen).toHaveLength(2);
  });

  it("any schedule of slow connects and slow answers, 1 to 6 calls at once: the whole body or a timeout, and no connection left open", async () => {
    // Per request: how long the dispatcher holds it (a slow connect), when the headers come, the
    // body's pauses, and whether it ends. Calls run in groups at once, sharing their timeout's window.
    const request = fc.record({
      connect: fc.integer({ min: 0, max: 150 }),
      head: fc.integer({ min: 0, max: 150 }),
      pauses: fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 3 }),
      ends: fc.boolean(),
    });
    type Plan = { connect: number; head: number; pauses: number[]; ends: boolean };
    const plans = new Map<string, Plan>();
    const { url, seen } = await serve((res, req) => {
      const plan = plans.get(String(req.headers["x-plan"])) ?? {
        connect: 0,
        head: 0,
        pauses: [0],
        ends: true,
      };
      answerSlowly(res, plan);
    });
    const given = recordFetch();
    const client = createLettrLabsClient({ apiKey: "LL-k", baseUrl: url, timeoutMs: 120, maxRetries: 0 });
    await client.me();
    // Each request dispatched takes the next plan: held for its connect time, then passed to
    // undici's own dispatcher with the plan's id as a header, for the server.
    let queue: Plan[] = [];
    let next = 0;
    globals[GLOBAL_DISPATCHER] = {
      dispatch: (options, handler) => {
        const plan = queue.shift() as Plan;
        const id = `p${next++}`;
        plans.set(id, plan);
        const o = options as { headers: Record<string, string> | string[][] };
        if (Array.isArray(o.headers)) o.headers.push(["x-plan", id]);
        else o.headers = { ...o.headers, "x-plan": id };
        setTimeout(() => (realDispatcher as { dispatch: Dispatch }).dispatch(options, handler), plan.connect);
        return true;
      },
    };
    await fc.assert(
      fc.asyncProperty(fc.array(request, { minLength: 1, maxLength: 6 }), async (group) => {
        queue = [...group];
        const before = seen.length;
        const outcomes = await Promise.all(
          group.map(() =>
            client.me().then(
              (me) => ({ me }),
              (error: unknown) => ({ error }),
            ),
          ),
        );
        for (const outcome of outcomes) {
          if ("me" in outcome) expect(JSON.stringify({ payload: outcome.me })).toBe(ME);
          else expect(outcome.error).toBeInstanceOf(LettrLabsTimeoutError);
        }
        // No more answers than responses that end.
        expect(outcomes.filter((o) => "me" in o).length).toBeLessThanOrEqual(
          group.filter((p) => p.ends).length,
        );
        // Every request the server got is over by the end: answered, or its connection closed by
        // the client (one that never ends, unfinished).
        await new Promise((r) => setTimeout(r, 250));
        for (const got of seen.slice(before)) expect(await within(got.closed, 5_000)).not.toBe("hung");
      }),
      { numRuns: 25, seed: 20261205 },
    );
    expect(given.length).toBeGreaterThan(25);
    expect(given.slice(1).every((g) => !g.signal && g.dispatcher)).toBe(true);
  }, 120_000);
});

describe("timeouts through undici's dispatcher, on a patched fetch or dispatcher (review 180)", () => {
  /** A server that answers its first `answered` requests and then stalls before its headers. */
  async function stallingAfter(answered: number) {
    return serve((res, _req, n) => {
      if (n <= answered) res.end(ME);
    });
  }

  it("a global fetch that routes one host past the dispatcher: that host's client keeps its signals and its timeouts", async () => {
    const a = await stallingAfter(1);
    const b = await stallingAfter(1);
    const given = new Map<string, boolean[]>();
    globalThis.fetch = ((url: string, init: RequestInit & { dispatcher?: unknown }) => {
      const host = new URL(url).origin;
      given.set(host, [...(given.get(host) ?? []), init.signal != null]);
      // B's requests go past whatever dispatcher they were given (a proxy agent of its own, say).
      return realFetch(url, host === b.url ? { ...init, dispatcher: undefined } : init);
    }) as typeof fetch;
    const ca = createLettrLabsClient({ apiKey: "LL-k", baseUrl: a.url, timeoutMs: 200, maxRetries: 0 });
    const cb = createLettrLabsClient({ apiKey: "LL-k", baseUrl: b.url, timeoutMs: 200, maxRetries: 0 });
    await ca.me();
    await cb.me();
    expect(await outcomeOf(cb.me())).toBeInstanceOf(LettrLabsTimeoutError);
    expect(await outcomeOf(ca.me())).toBeInstanceOf(LettrLabsTimeoutError);
    expect(given.get(b.url)).toEqual([true, true]);
    expect(given.get(a.url)).toEqual([true, false]);
  });

  it("a request a taken fetch sends past its dispatcher still times out; the client keeps signals after it", async () => {
    const { url } = await stallingAfter(2);
    let bypass = false;
    const given: boolean[] = [];
    globalThis.fetch = ((u: string, init: RequestInit & { dispatcher?: unknown }) => {
      given.push(init.signal != null);
      return realFetch(u, bypass ? { ...init, dispatcher: undefined } : init);
    }) as typeof fetch;
    const client = createLettrLabsClient({ apiKey: "LL-k", baseUrl: url, timeoutMs: 200, maxRetries: 0 });
    await client.me();
    await client.me();
    bypass = true;
    expect(await outcomeOf(client.me())).toBeInstanceOf(LettrLabsTimeoutError);
    expect(await outcomeOf(client.me())).toBeInstanceOf(LettrLabsTimeoutError);
    expect(given).toEqual([true, false, false, true]);
  });

  it("a request sent again through the same dispatcher (a 421, a fetch that retries with the same init) is timed again", async () => {
    // After the warm-up: a 503 and a 421, each followed by a request that stalls.
    const { url, seen } = await serve((res, _req, n) => {
      if (n === 1) res.end(ME);
      else if (n === 2) res.writeHead(503).end();
      else if (n === 4) res.writeHead(421).end();
    });
    globalThis.fetch = (async (u: string, init: RequestInit) => {
      const first = await realFetch(u, init);
      if (first.status !== 503) return first;
      await first.arrayBuffer();
      return realFetch(u, init);
    }) as typeof fetch;
    const client = createLettrLabsClient({ apiKey: "LL-k", baseUrl: url, timeoutMs: 200, maxRetries: 0 });
    await client.me();
    expect(await outcomeOf(client.me())).toBeInstanceOf(LettrLabsTimeoutError);
    expect(await outcomeOf(client.me())).toBeInstanceOf(LettrLabsTimeoutError);
    // The warm-up, the 503 and its retry, the 421 and undici's own retry.
    expect(seen).toHaveLength(5);
    for (const i of [2, 4]) expect(await within(seen[i]?.closed as Promise<void>, 5_000)).not.toBe("hung");
  });

  it("a dispatcher that hands over an abort before it connects (undici's RetryAgent): the call fails at its timeout, and nothing is sent", async () => {
    const { url, seen } = await stallingAfter(1);
    recordFetch();
    const client = createLettrLabsClient({ apiKey: "LL-k", baseUrl: url, timeoutMs: 150, maxRetries: 0 });
    await client.me();
    const aborts: unknown[] = [];
    // As RetryHandler does: onConnect at once, with an abort that only notes the reason, and the
    // request itself later (here, never).
    globals[GLOBAL_DISPATCHER] = {
      dispatch: (_options, handler) => {
        (handler as { onConnect: (abort: (reason: unknown) => void) => void }).onConnect((reason) =>
          aborts.push(reason),
        );
        return true;
      },
    };
    const error = await outcomeOf(client.me());
    expect(error).toBeInstanceOf(LettrLabsTimeoutError);
    expect((error as Error).cause).toBeInstanceOf(Error);
    expect(aborts.length).toBeGreaterThanOrEqual(1);
    expect(seen).toHaveLength(1);
  });

  it("the timeout error's cause chain is the signal path's: the TimeoutError itself under the transport error", async () => {
    const { url } = await serve((res, _req, n) => {
      if (n === 1) return res.end(ME);
      if (n === 3) {
        res.writeHead(200, { "content-type": "application/json", "content-length": String(ME.length) });
        res.write(ME.slice(0, 50));
      }
    });
    recordFetch();
    const client = createLettrLabsClient({ apiKey: "LL-k", baseUrl: url, timeoutMs: 150, maxRetries: 0 });
    await client.me();
    // Before the headers, then while the body is read.
    for (let i = 0; i < 2; i++) {
      const error = (await client.me().catch((e: unknown) => e)) as Error & {
        cause?: Error & { cause?: Error };
      };
      expect(error).toBeInstanceOf(LettrLabsTimeoutError);
      expect(error.cause?.cause?.name).toBe("TimeoutError");
    }
  });
});

describe("timeouts through undici's dispatcher, on a fetch that sends again (review 181)", () => {
  it("a fetch that sends again after the timeout (a retrying wrapper's pause): the call fails at its timeout, and the late request is never sent", async () => {
    const { url, seen } = await serve((res, _req, n) => {
      if (n === 1) res.end(ME);
      else if (n === 2) res.writeHead(503).end();
    });
    globalThis.fetch = (async (u: string, init: RequestInit) => {
      const first = await realFetch(u, init);
      if (first.status !== 503) return first;
      await first.arrayBuffer();
      await new Promise((r) => setTimeout(r, 2_500));
      return realFetch(u, init);
    }) as typeof fetch;
    const client = createLettrLabsClient({ apiKey: "LL-k", baseUrl: url, timeoutMs: 150, maxRetries: 0 });
    await client.me();
    // At its timeout, not after the wrapper's pause.
    expect(
      await within(
        client.me().catch((e: unknown) => e),
        2_000,
      ),
    ).toBeInstanceOf(LettrLabsTimeoutError);
    await new Promise((r) => setTimeout(r, 2_700));
    expect(seen).toHaveLength(2);
  });

  it("two requests of one attempt in flight at once (a hedging wrapper): each is timed, and neither's news reaches the other", async () => {
    // #2: a 503 whose body comes late and is never read; #3: the answer, whole (run 1) or stalled (run 2).
    let stall = false;
    const { url, seen } = await serve((res, _req, n) => {
      if (n === 1) return res.end(ME);
      if (n % 2 === 0) {
        res.writeHead(503, { "content-type": "text/plain" });
        res.write("busy");
        setTimeout(() => res.end(" still"), 60);
        return;
      }
      res.writeHead(200, { "content-type": "application/json", "content-length": String(ME.length) });
      res.write(ME.slice(0, 100));
      if (!stall) setTimeout(() => res.end(ME.slice(100)), 120);
    });
    globalThis.fetch = (async (u: string, init: RequestInit) => {
      const first = await realFetch(u, init);
      if (first.status !== 503) return first;
      return realFetch(u, init);
    }) as typeof fetch;
    const client = createLettrLabsClient({ apiKey: "LL-k", baseUrl: url, timeoutMs: 250, maxRetries: 0 });
    await client.me();
    expect(JSON.stringify({ payload: await client.me() })).toBe(ME);
    stall = true;
    expect(await outcomeOf(client.me())).toBeInstanceOf(LettrLabsTimeoutError);
    expect(seen).toHaveLength(5);
    expect(await within(seen[4]?.closed as Promise<void>, 5_000)).not.toBe("hung");
    expect(seen[4]?.closedEarly()).toBe(true);
  });

  it("a request a patched fetch sends after its call was answered (a background refresh) is not sent untimed; that client keeps signals", async () => {
    const { url, seen } = await serve((res) => res.end(ME));
    const given: boolean[] = [];
    const background: Promise<unknown>[] = [];
    globalThis.fetch = (async (u: string, init: RequestInit) => {
      given.push(init.signal != null);
      const response = await realFetch(u, init);
      // Once the caller has its answer, the same request again, "to refresh a cache".
      background.push(
        new Promise((r) => setTimeout(r, 50)).then(() => realFetch(u, init).then((again) => again.text())),
      );
      return response;
    }) as typeof fetch;
    const client = createLettrLabsClient({ apiKey: "LL-k", baseUrl: url, timeoutMs: 500, maxRetries: 0 });
    await client.me();
    await client.me();
    const refreshes = await Promise.allSettled(background);
    // The probe's refresh carries its signal and goes; the timed call's is refused, unsent.
    expect(refreshes.map((r) => r.status)).toEqual(["fulfilled", "rejected"]);
    expect(seen).toHaveLength(3);
    await client.me();
    await Promise.allSettled(background);
    expect(given).toEqual([true, false, true]);
  });

  it("a write keeps its signal, even once the client's reads go without one", async () => {
    const fake = await new FakeLettrLabs().start();
    try {
      const methods: [string, boolean][] = [];
      globalThis.fetch = ((u: string, init: RequestInit) => {
        methods.push([String(init.method), init.signal != null]);
        return realFetch(u, init);
      }) as typeof fetch;
      const client = createLettrLabsClient({
        apiKey: fake.options.apiKey,
        baseUrl: fake.url,
        timeoutMs: 2_000,
      });
      await client.me();
      await client.me();
      const created = await client.orders.create({ templateId: 1 });
      expect(fake.orders.get(created.orderId)).toBeDefined();
      expect(methods.slice(0, 2)).toEqual([
        ["GET", true],
        ["GET", false],
      ]);
      const writes = methods.filter(([method]) => method !== "GET");
      expect(writes).toEqual([["POST", true]]);
    } finally {
      await fake.stop();
    }
  });

  it("a wrapper that dispatches after the timeout (a slow token refresh): nothing is sent, and the client probes again rather than keep signals for good", async () => {
    const { url, seen } = await serve((res) => res.end(ME));
    let slow = false;
    const given: boolean[] = [];
    globalThis.fetch = (async (u: string, init: RequestInit) => {
      given.push(init.signal != null);
      if (slow) {
        slow = false;
        await new Promise((r) => setTimeout(r, 300));
      }
      return realFetch(u, init);
    }) as typeof fetch;
    const client = createLettrLabsClient({ apiKey: "LL-k", baseUrl: url, timeoutMs: 100, maxRetries: 0 });
    await client.me();
    await client.me();
    slow = true;
    expect(await outcomeOf(client.me())).toBeInstanceOf(LettrLabsTimeoutError);
    await new Promise((r) => setTimeout(r, 400));
    expect(seen).toHaveLength(2);
    await client.me();
    await client.me();
    expect(given).toEqual([true, false, false, true, false]);
  });
});

describe("TimedAttempt", () => {
  const handler = () => {
    const calls: string[] = [];
    return {
      calls,
      onConnect: () => calls.push("connect"),
      onError: (e: Error) => calls.push(`error:${e.name}`),
      onHeaders: () => true,
      onData: () => true,
      onComplete: () => calls.push("complete"),
    };
  };

  it("ended before fetch dispatched it: the request fails, and is never passed on", () => {
    const passed: object[] = [];
    globals[GLOBAL_DISPATCHER] = {
      dispatch: (o) => {
        passed.push(o);
        return true;
      },
    };
    const attempt = new TimedAttempt({ takes: true });
    const controller = new AbortController();
    attempt.follow(controller.signal, () => undefined);
    controller.abort(new DOMException("", "TimeoutError"));
    const h = handler();
    attempt.dispatch({}, h);
    expect(h.calls).toEqual(["error:TimeoutError"]);
    expect(passed).toEqual([]);
  });

  it("attempts that share a signal share one abort listener on it, and each is timed out by it", () => {
    globals[GLOBAL_DISPATCHER] = { dispatch: () => true };
    const controller = new AbortController();
    const failed: string[] = [];
    // The listener stays when its attempts are over (sequential calls add none each).
    const first = new TimedAttempt({ takes: true });
    first.follow(controller.signal, () => failed.push("first"));
    first.settle();
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
    const attempts = Array.from({ length: 16 }, (_, i) => {
      const attempt = new TimedAttempt({ takes: true });
      attempt.follow(controller.signal, (error) => failed.push(`${i}:${error.name}`));
      return attempt;
    });
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
    // One answered before the timeout: it is no longer woken.
    (attempts[3] as TimedAttempt).settle();
    const h = handler();
    (attempts[5] as TimedAttempt).dispatch({}, h);
    controller.abort(new DOMException("", "TimeoutError"));
    expect(failed).toHaveLength(15);
    expect(failed).not.toContain("3:TimeoutError");
    expect(failed.every((f) => f.endsWith(":TimeoutError"))).toBe(true);
    // The request in flight was ended with the timeout.
    expect(h.calls).toEqual(["error:TimeoutError"]);
    // A later attempt on the aborted signal times out at once.
    const late = new TimedAttempt({ takes: true });
    late.follow(controller.signal, (error) => failed.push(`late:${error.name}`));
    expect(failed.at(-1)).toBe("late:TimeoutError");
  });

  it("reports the global dispatcher's mocking, and passes a handler of another shape on untouched", () => {
    const passed: object[] = [];
    globals[GLOBAL_DISPATCHER] = {
      dispatch: (_o, h) => {
        passed.push(h);
        return true;
      },
      isMockActive: true,
    };
    const attempt = new TimedAttempt({});
    expect(attempt.isMockActive).toBe(true);
    const other = { onRequestStart: () => undefined };
    attempt.dispatch({}, other as never);
    expect(passed).toEqual([other]);
    expect(attempt.connected).toBe(false);
  });

  it("a timeout after the request completed changes nothing", () => {
    let aborted = 0;
    globals[GLOBAL_DISPATCHER] = {
      dispatch: (_o, h) => {
        const x = h as ReturnType<typeof handler>;
        (x.onConnect as (abort: () => void) => void)(() => aborted++);
        x.onComplete();
        return true;
      },
    };
    const attempt = new TimedAttempt({ takes: true });
    const controller = new AbortController();
    attempt.follow(controller.signal, () => undefined);
    const h = handler();
    attempt.dispatch({}, h);
    controller.abort(new DOMException("", "TimeoutError"));
    expect(h.calls).toEqual(["connect", "complete"]);
    expect(aborted).toBe(0);
  });
});

describe("a timed GET goes with redirect: error, and its redirect is told as with manual", () => {
  /** A server that answers `me` first, then each later request with the redirect `plan` says. */
  async function redirecting(plan: () => { status: number; headers: Record<string, string> }) {
    return serve((res, _req, n) => {
      if (n === 1) {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(ME);
        return;
      }
      const { status, headers } = plan();
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify({ payload: null, hasErrors: true, errors: ["moved"] }));
    });
  }
  /** How a call ended, as a user sees it. */
  const shown = (error: unknown) => {
    const e = error as { kind?: string; status?: number; requestId?: string; message?: string };
    return { kind: e.kind, status: e.status, requestId: e.requestId, message: e.message };
  };

  it("a redirect to another origin: refused naming its status and that origin, sent once, and the other origin sees nothing", async () => {
    const other = await serve((res) => res.end(ME));
    const { url, seen } = await redirecting(() => ({
      status: 301,
      headers: { location: `${other.url}/v1/me` },
    }));
    const redirects: (string | undefined)[] = [];
    recordFetch((init) => {
      redirects.push(init.redirect);
      return init;
    });
    const client = createLettrLabsClient({ apiKey: "LL-k", baseUrl: url, maxRetries: 2 });
    await client.me();
    const error = await client.me().catch((e: unknown) => e);
    expect(shown(error)).toMatchObject({
      kind: "redirect",
      message: `getMe: GET was redirected (HTTP 301) to another origin (${other.url}): no redirect is followed. Check the base URL.`,
    });
    expect(redirects).toEqual(["manual", "error"]);
    expect(seen).toHaveLength(2);
    expect(other.seen).toHaveLength(0);
  });

  it("seeded: every redirect status, with a Location (same origin, another, none) and a request id or not, ends as it does through a fetch that sends it with manual", async () => {
    const other = await serve((res) => res.end(ME));
    let next = { status: 301, headers: {} as Record<string, string> };
    const { url, seen } = await redirecting(() => next);
    recordFetch();
    const timed = createLettrLabsClient({ apiKey: "LL-k", baseUrl: url, maxRetries: 0 });
    await timed.me();
    const manual = createLettrLabsClient({
      apiKey: "LL-k",
      baseUrl: url,
      maxRetries: 0,
      fetch: (input, init) => realFetch(input, init),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(301, 302, 303, 307, 308),
        fc.constantFrom(undefined, "/v1/me?again", `${other.url}/v1/me`, "http://[::1"),
        fc.option(fc.stringMatching(/^[a-z0-9-]{1,12}$/), { nil: undefined }),
        async (status, location, requestId) => {
          next = {
            status,
            headers: {
              ...(location === undefined ? {} : { location }),
              ...(requestId === undefined ? {} : { "x-request-id": requestId }),
            },
          };
          const before = seen.length;
          const viaTimed = shown(await timed.me().catch((e: unknown) => e));
          expect(seen.length - before).toBe(1);
          const viaManual = shown(await manual.me().catch((e: unknown) => e));
          expect(viaTimed).toEqual(
            location === undefined
              ? // A 3xx without a Location is an answer: here without the body undici dropped.
                { ...viaManual, message: expect.stringContaining(`(HTTP ${status})`) }
              : viaManual,
          );
          expect(viaTimed.kind).toBe(location === undefined ? "api" : "redirect");
          // (A refused redirect is no answer: it carries no request id, by either way.)
          expect(viaTimed.requestId).toBe(location === undefined ? requestId : undefined);
        },
      ),
      { seed: 20261206, numRuns: 40 },
    );
    expect(other.seen).toHaveLength(0);
  });
});
