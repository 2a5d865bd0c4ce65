// A caller's signal shared by many calls (one AbortController for a whole job), the largest
// timeout, and fake timers that move Date but not performance.now: regressions from the review
// of the shared timeouts. Each case asserts on what the signals and the fake servers saw.
import { getEventListeners } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { FakeCommerceLayer, FakeLettrLabs } from "@orderkit/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import { abortable } from "../../src/core/abort-listeners.js";
import { MAX_TIMER_MS } from "../../src/core/client-options.js";
import { Deadline, Deadlines } from "../../src/core/deadline.js";
import { TransportError } from "../../src/core/errors.js";
import { onAbort } from "../../src/core/on-abort.js";
import { sleep } from "../../src/core/sleep.js";
import {
  CommerceLayerAbortError,
  type CommerceLayerError,
  createCommerceLayerClient,
  createLettrLabsClient,
  LettrLabsAbortError,
  type LettrLabsError,
} from "../../src/index.js";
import { watchTimerRefs } from "./timer-refs.js";

const listeners = (signal: AbortSignal) => getEventListeners(signal, "abort").length;

/** Node 20's AbortSignal.any keeps one weak reference per derived signal on its source: how many. */
function dependants(signal: AbortSignal): number {
  const key = Object.getOwnPropertySymbols(signal).find((s) => String(s).includes("Dependant"));
  const set = key ? (signal as unknown as Record<symbol, Set<unknown> | undefined>)[key] : undefined;
  return set?.size ?? 0;
}

/** Collects process warnings by name while `run` runs (and a little after). */
async function warningsDuring(run: () => Promise<void>): Promise<string[]> {
  const names: string[] = [];
  const onWarning = (w: Error) => names.push(w.name);
  process.on("warning", onWarning);
  try {
    await run();
    await new Promise((r) => setTimeout(r, 20));
  } finally {
    process.off("warning", onWarning);
  }
  return names;
}

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(stops.splice(0).map((s) => s()));
});

/** A LettrLabs client whose fetch answers at once, without a socket. */
const stubLettrLabs = (extra: object = {}) =>
  createLettrLabsClient({
    apiKey: "LL-stub",
    baseUrl: "https://ll.example.test",
    fetch: async () =>
      new Response('{"payload":{"id":1,"email":"a@b.test"},"errors":[],"hasErrors":false}', {
        headers: { "content-type": "application/json" },
      }),
    ...extra,
  });

describe("one abort listener per signal", () => {
  it("50 sleeps on one signal add one listener, and an abort rejects all 50 as aborts", async () => {
    const controller = new AbortController();
    const sleeps = Array.from({ length: 50 }, () => sleep(60_000, controller.signal));
    expect(listeners(controller.signal)).toBe(1);
    const reason = new Error("job cancelled");
    controller.abort(reason);
    const results = await Promise.allSettled(sleeps);
    // Each as an abort (whatever the reason), the reason kept as the cause.
    expect(
      results.every(
        (r) =>
          r.status === "rejected" &&
          r.reason instanceof TransportError &&
          r.reason.kind === "aborted" &&
          r.reason.cause === reason,
      ),
    ).toBe(true);
    expect(listeners(controller.signal)).toBe(0);
  });

  it("a waiter that stopped waiting is not woken, and an aborted signal wakes at once", () => {
    const controller = new AbortController();
    const woken: string[] = [];
    const stop = onAbort(controller.signal, () => woken.push("a"));
    onAbort(controller.signal, () => woken.push("b"));
    stop();
    controller.abort();
    expect(woken).toEqual(["b"]);
    onAbort(controller.signal, () => woken.push("late"));
    expect(woken).toEqual(["b", "late"]);
  });

  it("a waiter that throws does not keep the later ones waiting, and its error is reported, not swallowed", async () => {
    const controller = new AbortController();
    const woken: string[] = [];
    const reported: unknown[] = [];
    const boom = new Error("waiter failed");
    const onUncaught = (error: unknown) => reported.push(error);
    // Vitest reports uncaught exceptions as failures: this test takes the one it expects.
    const before = process.listeners("uncaughtException");
    process.removeAllListeners("uncaughtException");
    process.on("uncaughtException", onUncaught);
    try {
      onAbort(controller.signal, () => woken.push("a"));
      onAbort(controller.signal, () => {
        throw boom;
      });
      onAbort(controller.signal, () => woken.push("c"));
      controller.abort();
      expect(woken).toEqual(["a", "c"]);
      await new Promise((r) => setTimeout(r, 0));
      expect(reported).toEqual([boom]);
    } finally {
      process.off("uncaughtException", onUncaught);
      for (const listener of before) process.on("uncaughtException", listener);
    }
  });
});

describe("nothing left behind on a caller's signal", () => {
  it("leaving twice never drops a later waiter (a retry stops an attempt, then starts another)", () => {
    const controller = new AbortController();
    const woken: string[] = [];
    const stopA = onAbort(controller.signal, () => woken.push("a"));
    stopA();
    const stopB = onAbort(controller.signal, () => woken.push("b"));
    stopA();
    expect(listeners(controller.signal)).toBe(1);
    const deadlines = new Deadlines(30_000);
    const first = new Deadline(deadlines, controller.signal);
    first.start();
    first.stop();
    const second = new Deadline(deadlines, controller.signal);
    const signal = second.start();
    first.stop();
    first.stop();
    controller.abort();
    expect(woken).toEqual(["b"]);
    expect(signal.aborted).toBe(true);
    stopB();
    second.stop();
  });

  it("a waiter that leaves takes the signal's listener with it when it was the last", () => {
    const controller = new AbortController();
    const stopA = onAbort(controller.signal, () => undefined);
    const stopB = onAbort(controller.signal, () => undefined);
    expect(listeners(controller.signal)).toBe(1);
    stopA();
    expect(listeners(controller.signal)).toBe(1);
    stopB();
    expect(listeners(controller.signal)).toBe(0);
    // An aborted signal wakes at once and gets no listener.
    const aborted = AbortSignal.abort();
    let woken = 0;
    onAbort(aborted, () => woken++);
    expect(woken).toBe(1);
    expect(listeners(aborted)).toBe(0);
  });

  it.each([
    ["default timeout", {}],
    ["no timeout", { timeoutMs: 0 }],
  ])(
    "%s: a per-call AbortSignal.any(...) keeps no listener once its call is over (Node 20 would keep it alive)",
    async (_name, extra) => {
      const ll = stubLettrLabs(extra);
      const job = new AbortController();
      const perCall = Array.from({ length: 20 }, () =>
        AbortSignal.any([job.signal, new AbortController().signal]),
      );
      for (const signal of perCall) await ll.me({ signal });
      expect(perCall.map(listeners)).toEqual(perCall.map(() => 0));
      expect(listeners(job.signal)).toBe(0);
    },
  );
});

describe("a caller's abort during a wait is an abort, whatever its reason", () => {
  it.each([
    ["an Error", () => new Error("job cancelled")],
    ["a string", () => "stop"],
    ["AbortSignal.timeout", undefined],
  ])(
    "%s during the create's re-send back-off: CommerceLayerAbortError, one order at most",
    async (_name, reason) => {
      const fake = await new FakeCommerceLayer().start();
      stops.push(() => fake.stop());
      const cl = createCommerceLayerClient({
        baseUrl: fake.url,
        authUrl: fake.url,
        clientId: "client-wait",
        maxRetries: 0,
        backoff: { baseMs: 5_000, capMs: 5_000, random: () => 0.99 },
      });
      fake.inject("POST", /^\/orders$/, { status: 502 });
      const controller = new AbortController();
      const signal = reason ? controller.signal : AbortSignal.timeout(300);
      if (reason) setTimeout(() => controller.abort(reason()), 300);
      const started = Date.now();
      const error = (await cl.orders
        .create({ attributes: { reference: "WAIT-1" } }, {}, { signal })
        .catch((e: unknown) => e)) as CommerceLayerError;
      expect(error).toBeInstanceOf(CommerceLayerAbortError);
      expect(error.kind).toBe("aborted");
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(fake.orders.size).toBe(0);
    },
  );

  it("a custom reason during the settlement poll's wait: LettrLabsAbortError", async () => {
    const fake = await new FakeLettrLabs({ pollsUntilSettled: 1000 }).start();
    stops.push(() => fake.stop());
    const ll = createLettrLabsClient({ apiKey: fake.options.apiKey, baseUrl: fake.url });
    const order = fake.seedOrder();
    await ll.orders.recipients.append(order.id, [
      { address: { address1: "1 Main St", city: "Austin", state: "TX", zipCode: "78704" } },
    ]);
    await ll.orders.checkout.submit(order.id, { postageType: "Standard", productionSpeed: "Normal" });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("job cancelled")), 200);
    const error = (await ll.orders
      .waitForSettlement(order.id, { pollAfterSeconds: 5, signal: controller.signal })
      .catch((e: unknown) => e)) as LettrLabsError;
    expect(error).toBeInstanceOf(LettrLabsAbortError);
    expect(order.checkouts).toBe(1);
  });

  it("the wait for a renewed token after a 401 ends at once when the caller aborts", async () => {
    const fake = await new FakeCommerceLayer({ tokenDelayMs: 1_500 }).start();
    stops.push(() => fake.stop());
    const [order] = fake.seedOrders(1);
    const cl = createCommerceLayerClient({ baseUrl: fake.url, authUrl: fake.url, clientId: "client-renew" });
    await cl.orders.retrieve(order?.id as string);
    fake.revokeTokens();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const error = await cl.orders
      .retrieve(order?.id as string, {}, { signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommerceLayerAbortError);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(listeners(controller.signal)).toBe(0);
  });

  it("abortable lets go of the signal when its work throws at once", async () => {
    const controller = new AbortController();
    const result = abortable(() => {
      throw new Error("sync");
    }, controller.signal);
    await expect(result).rejects.toThrow("sync");
    expect(listeners(controller.signal)).toBe(0);
  });

  it("the wait for a token: a signal aborted first sends no token request; one aborted later ends the wait at once", async () => {
    const fake = await new FakeCommerceLayer({ tokenDelayMs: 2_000 }).start();
    stops.push(() => fake.stop());
    const [order] = fake.seedOrders(1);
    const cl = createCommerceLayerClient({ baseUrl: fake.url, authUrl: fake.url, clientId: "client-token" });
    const early = await cl.orders
      .retrieve(order?.id as string, {}, { signal: AbortSignal.abort() })
      .catch((e: unknown) => e);
    expect(early).toBeInstanceOf(CommerceLayerAbortError);
    expect(fake.tokenRequests).toBe(0);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const late = await cl.orders
      .retrieve(order?.id as string, {}, { signal: controller.signal })
      .catch((e: unknown) => e);
    expect(late).toBeInstanceOf(CommerceLayerAbortError);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe("a caller's signal shared by many calls", () => {
  it.each([
    ["default timeout", {}],
    ["no timeout (timeoutMs 0)", { timeoutMs: 0 }],
  ])(
    "%s: 2,000 calls over sockets leave it one listener, no weak references, no warning",
    async (_name, extra) => {
      const fake = await new FakeCommerceLayer().start();
      stops.push(() => fake.stop());
      const [order] = fake.seedOrders(1);
      const cl = createCommerceLayerClient({
        baseUrl: fake.url,
        authUrl: fake.url,
        clientId: "client-shared",
        ...extra,
      });
      const job = new AbortController();
      const warnings = await warningsDuring(async () => {
        for (let round = 0; round < 50; round++)
          await Promise.all(
            Array.from({ length: 40 }, () =>
              cl.orders.retrieve(order?.id as string, {}, { signal: job.signal }),
            ),
          );
      });
      expect(warnings).not.toContain("MaxListenersExceededWarning");
      expect(listeners(job.signal)).toBeLessThanOrEqual(1);
      expect(dependants(job.signal)).toBeLessThan(50);
      expect(fake.requests.filter((r) => r.method === "GET")).toHaveLength(2_000);
    },
  );

  it("paced by the rate limit, 40 calls in flight on one signal print no listener warning", async () => {
    const fake = await new FakeCommerceLayer({ rateLimit: { limit: 30, interval: 1 } }).start();
    stops.push(() => fake.stop());
    const [order] = fake.seedOrders(1);
    const cl = createCommerceLayerClient({ baseUrl: fake.url, authUrl: fake.url, clientId: "client-paced" });
    const job = new AbortController();
    const warnings = await warningsDuring(async () => {
      for (let round = 0; round < 3; round++)
        await Promise.all(
          Array.from({ length: 40 }, () =>
            cl.orders.retrieve(order?.id as string, {}, { signal: job.signal }),
          ),
        );
    });
    expect(warnings).not.toContain("MaxListenersExceededWarning");
    expect(listeners(job.signal)).toBeLessThanOrEqual(1);
  });

  it("aborting it ends exactly the calls that carry it, as aborts", async () => {
    // A fetch that never answers: only the signal it is given can end it.
    const sent: AbortSignal[] = [];
    const hang = (_url: unknown, init?: RequestInit) =>
      new Promise<Response>((_, reject) => {
        const signal = init?.signal as AbortSignal;
        sent.push(signal);
        signal.addEventListener("abort", () => reject(signal.reason), { once: true });
      });
    const cl = createCommerceLayerClient({
      baseUrl: "https://o.example.test/api",
      accessToken: "tok-abort",
      maxRetries: 0,
      fetch: hang as typeof fetch,
    });
    const job = new AbortController();
    const other = new AbortController();
    const mine = Array.from({ length: 5 }, () => cl.orders.retrieve("ord1", {}, { signal: job.signal }));
    const theirs = cl.orders.retrieve("ord1", {}, { signal: other.signal });
    const plain = cl.orders.retrieve("ord1");
    await new Promise((r) => setTimeout(r, 20));
    job.abort(new Error("job cancelled"));
    const results = await Promise.allSettled(mine);
    expect(results.every((r) => r.status === "rejected" && r.reason instanceof CommerceLayerAbortError)).toBe(
      true,
    );
    // The same window, other signals: still running.
    expect(sent).toHaveLength(7);
    expect(sent.filter((s) => s.aborted)).toHaveLength(5);
    other.abort();
    await expect(theirs).rejects.toBeInstanceOf(CommerceLayerAbortError);
    expect(sent.filter((s) => s.aborted)).toHaveLength(6);
    expect(listeners(job.signal)).toBeLessThanOrEqual(1);
    void plain.catch(() => undefined);
  });
});

describe("timer edges", () => {
  it("a Retry-After longer than a timer holds never fires at once (no TimeoutOverflowWarning, no burst of requests)", async () => {
    const fake = await new FakeLettrLabs().start();
    stops.push(() => fake.stop());
    fake.inject("GET", /\/v1\/me$/, { kind: "status", status: 503, headers: { "retry-after": "2592000" } });
    const ll = createLettrLabsClient({
      apiKey: fake.options.apiKey,
      baseUrl: fake.url,
      maxRetryAfterMs: 1e12,
    });
    const controller = new AbortController();
    const warnings = await warningsDuring(async () => {
      const call = ll.me({ signal: controller.signal }).catch((e: unknown) => e);
      await new Promise((r) => setTimeout(r, 200));
      expect(fake.count("GET", /\/v1\/me$/)).toBe(1);
      controller.abort();
      expect(await call).toBeInstanceOf(LettrLabsAbortError);
    });
    expect(warnings).not.toContain("TimeoutOverflowWarning");
  });

  it("a middleware's own TypeError stays a pipeline failure, even one that carries a Node error code", async () => {
    const fake = await new FakeLettrLabs().start();
    stops.push(() => fake.stop());
    const ll = createLettrLabsClient({ apiKey: fake.options.apiKey, baseUrl: fake.url, maxRetries: 0 });
    ll.raw.use({
      onRequest({ request }) {
        new URL("not a url");
        return request;
      },
    });
    const error = (await ll.me().catch((e: unknown) => e)) as LettrLabsError;
    expect(error.kind).toBe("middleware");
    expect(fake.requests).toHaveLength(0);
  });

  it("a socket dropped while the body streams is a connection error, not a pipeline failure", async () => {
    const server: Server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
      res.write('{"payload":');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    stops.push(() => new Promise((r) => server.close(() => r())));
    const ll = createLettrLabsClient({
      apiKey: "LL-drop",
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      maxRetries: 0,
    });
    const error = (await ll.me().catch((e: unknown) => e)) as LettrLabsError;
    expect(error.kind).toBe("connection");
  });

  it("the largest timeout a client accepts never fires early (the delay is clamped to what a timer holds)", async () => {
    const deadlines = new Deadlines(MAX_TIMER_MS);
    const warnings = await warningsDuring(async () => {
      const signals = Array.from({ length: 50 }, () => new Deadline(deadlines, null).start());
      await new Promise((r) => setTimeout(r, 10));
      expect(signals.filter((s) => s.aborted)).toHaveLength(0);
    });
    expect(warnings).not.toContain("TimeoutOverflowWarning");
  });

  it("fake timers that move Date but not performance.now never shorten a timeout", () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const timers = watchTimerRefs();
    const deadlines = new Deadlines(30_000);
    const first = new Deadline(deadlines, null);
    const a = first.start();
    vi.advanceTimersByTime(29_000);
    const second = new Deadline(deadlines, null);
    const b = second.start();
    expect(b).not.toBe(a);
    vi.advanceTimersByTime(1_500);
    expect(a.aborted).toBe(true);
    expect(b.aborted).toBe(false);
    first.stop();
    second.stop();
    // Only the open bucket's timer stays armed, released (nothing holds the process open).
    expect(timers.held()).toBe(0);
    expect(timers.armed()).toBeLessThanOrEqual(1);
    timers.restore();
  });
});
