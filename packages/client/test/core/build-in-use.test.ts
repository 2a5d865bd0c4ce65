import { getEventListeners } from "node:events";
import { expect, inject, it } from "vitest";
import { sleep } from "../../src/core/sleep.js";
import { createLettrLabsClient } from "../../src/index.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Which build's modules this vitest project runs the client on (vitest.config.ts). */
    build: "node" | "browser";
  }
}

// vitest.config.ts runs some suites a second time on the browser build's modules. This holds that
// each project runs the modules it says, one check per swapped module.
const browser = inject("build") === "browser";

it("on-abort: two waits on one signal are one listener in Node's module, two in the browser build's", async () => {
  const controller = new AbortController();
  const waits = [sleep(60_000, controller.signal), sleep(60_000, controller.signal)];
  expect(getEventListeners(controller.signal, "abort")).toHaveLength(browser ? 2 : 1);
  controller.abort();
  for (const wait of waits) await expect(wait).rejects.toMatchObject({ kind: "aborted" });
  expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
});

it("deadline and undici-timeout: Node's share one signal between calls at once and hand the global fetch a dispatcher; the browser build's do neither", async () => {
  const sent: RequestInit[] = [];
  const original = globalThis.fetch;
  // The global fetch, as the client finds it when made (it takes undici timing only there).
  globalThis.fetch = (async (_url: string | URL | Request, init?: RequestInit) => {
    sent.push(init ?? {});
    const profile = { id: 1, email: "ops@example.com", firstName: "T", lastName: "U", company: "C" };
    const body = {
      payload: profile,
      errors: [],
      errorDetails: [],
      warnings: [],
      hasErrors: false,
      hasWarnings: false,
    };
    return new Response(JSON.stringify(body), {
      status: 200,
      headers: { "content-type": "application/json" },
    });
  }) as typeof fetch;
  try {
    const ll = createLettrLabsClient({ apiKey: "LL-build-in-use", baseUrl: "http://127.0.0.1:9" });
    await Promise.all([ll.me(), ll.me()]);
  } finally {
    globalThis.fetch = original;
  }
  expect(sent).toHaveLength(2);
  expect(sent.map((init) => "dispatcher" in init)).toEqual([!browser, !browser]);
  expect(sent[0]?.signal).toBeInstanceOf(AbortSignal);
  expect(sent[0]?.signal === sent[1]?.signal).toBe(!browser);
});

it("undici-timeout: on the global fetch Node's hands a write a dispatcher (never through a fetch option), and keeps manual on a fetch that does not take it; the browser build's neither", async () => {
  const sent: RequestInit[] = [];
  const record = (async (_url: string | URL | Request, init?: RequestInit) => {
    sent.push(init ?? {});
    return new Response(JSON.stringify({ payload: null, hasErrors: false }), {
      status: 200,
      headers: { "content-type": "application/json" },
    });
  }) as typeof fetch;
  const calls = async (ll: ReturnType<typeof createLettrLabsClient>) => {
    await ll.raw.GET("/v1/me");
    await ll.raw.PUT("/v1/order/{id}/recipients", {
      params: { path: { id: 1 } },
      body: { recipients: [] },
    });
  };
  const original = globalThis.fetch;
  globalThis.fetch = record;
  try {
    await calls(createLettrLabsClient({ apiKey: "LL-build-in-use", baseUrl: "http://127.0.0.1:9" }));
  } finally {
    globalThis.fetch = original;
  }
  await calls(
    createLettrLabsClient({ apiKey: "LL-build-in-use", baseUrl: "http://127.0.0.1:9", fetch: record }),
  );
  // This global fetch never passes the dispatcher on, so Node's keeps "manual" (write-once.test.ts
  // has the fetch that does).
  expect(sent.map((init) => `${init.method} ${init.redirect} ${"dispatcher" in init}`)).toEqual([
    // (raw's GET has no Deadline: never timed through a dispatcher.)
    "GET manual false",
    `PUT manual ${!browser}`,
    "GET manual false",
    "PUT manual false",
  ]);
});
