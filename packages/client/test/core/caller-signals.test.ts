// A caller's signal shared by many calls (one AbortController for a whole job), the largest
// timeout, and fake timers that move Date but not performance.now: regressions from the review
// of the shared timeouts. Each case asserts on what the signals and the fake servers saw.
import { getEventListeners } from "node:events";
import { FakeCommerceLayer } from "@orderkit/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import { onAbort } from "../../src/core/abort-listeners.js";
import { MAX_TIMER_MS } from "../../src/core/client-options.js";
import { Deadline, Deadlines } from "../../src/core/deadline.js";
import { sleep } from "../../src/core/sleep.js";
import { CommerceLayerAbortError, createCommerceLayerClient } from "../../src/index.js";

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

describe("one abort listener per signal", () => {
  it("50 sleeps on one signal add one listener, and an abort rejects all 50 with its reason", async () => {
    const controller = new AbortController();
    const sleeps = Array.from({ length: 50 }, () => sleep(60_000, controller.signal));
    expect(listeners(controller.signal)).toBe(1);
    const reason = new Error("job cancelled");
    controller.abort(reason);
    const results = await Promise.allSettled(sleeps);
    expect(results.every((r) => r.status === "rejected" && r.reason === reason)).toBe(true);
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
    expect(vi.getTimerCount()).toBe(0);
  });
});
