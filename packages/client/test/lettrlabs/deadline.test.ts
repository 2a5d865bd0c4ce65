// The per-call Deadline of the fast path (one timer for the whole call, restarted per attempt):
// a stalled body still times out, each attempt gets the full timeout, backoff does not count,
// the caller's abort wins, and no timer holds the process once the call is over. The middleware path
// (real Requests) keeps the same rules.
import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { createLettrLabsClient, LettrLabsAbortError, LettrLabsTimeoutError } from "../../src/index.js";

type Handler = (n: number, res: import("node:http").ServerResponse) => void;
const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

/** A server answering /v1/me with `handle(attemptNumber, res)`; counts the requests. */
async function serve(handle: Handler) {
  let n = 0;
  const server = createServer((_req, res) => handle(n++, res));
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, requests: () => n };
}

const ME = JSON.stringify({ payload: { id: 1, email: "ops@example.com" } });
const ok = (res: import("node:http").ServerResponse) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.end(ME);
};
/** Sends the headers and half of the body, then nothing. */
const stallBody = (res: import("node:http").ServerResponse) => {
  res.writeHead(200, { "content-type": "application/json", "content-length": String(ME.length) });
  res.write(ME.slice(0, 10));
};
const client = (url: string, extra: Record<string, unknown> = {}) =>
  createLettrLabsClient({ apiKey: "LL-key", baseUrl: url, backoff: { baseMs: 1, capMs: 2 }, ...extra });
const timers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;

describe("the call's deadline", () => {
  it("times out a body that stalls after the headers arrived", async () => {
    const { url } = await serve((_n, res) => stallBody(res));
    const started = Date.now();
    const error = await client(url, { timeoutMs: 200, maxRetries: 0 })
      .me()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LettrLabsTimeoutError);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("gives every attempt the full timeout: a retry after a timeout can succeed", async () => {
    // The first attempt gets no answer; the second is answered after 300 ms, within its own 1,000
    // (a deadline for the whole call would have none left). The margin is wide: CI's host is loaded.
    const { url, requests } = await serve((n, res) => (n === 0 ? undefined : setTimeout(() => ok(res), 300)));
    const me = await client(url, { timeoutMs: 1_000, maxRetries: 1 }).me();
    expect(me.email).toBe("ops@example.com");
    expect(requests()).toBe(2);
  });

  it("does not count the wait before a retry against the next attempt", async () => {
    // 503 with Retry-After 2 s, then a 200 after 150 ms: with a 1,000 ms timeout the second
    // attempt only succeeds if the 2 s wait was not charged to it.
    const { url, requests } = await serve((n, res) => {
      if (n === 0) {
        res.writeHead(503, { "retry-after": "2" });
        res.end();
      } else setTimeout(() => ok(res), 150);
    });
    const me = await client(url, { timeoutMs: 1_000, maxRetries: 1 }).me();
    expect(me.email).toBe("ops@example.com");
    expect(requests()).toBe(2);
  });

  it("lets the caller abort during the wait before a retry, and then sends nothing more", async () => {
    const { url, requests } = await serve((_n, res) => {
      res.writeHead(503, { "retry-after": "2" });
      res.end();
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await client(url, { timeoutMs: 5_000, maxRetries: 3 })
      .me({ signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LettrLabsAbortError);
    expect(requests()).toBe(1);
  });

  it("reports an abort, not a timeout, when the caller's signal was already aborted", async () => {
    const { url, requests } = await serve((_n, res) => ok(res));
    const error = await client(url, { timeoutMs: 5_000 })
      .me({ signal: AbortSignal.abort() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LettrLabsAbortError);
    expect(requests()).toBe(0);
  });

  it("holds no timer after the calls are over", async () => {
    const { url } = await serve((_n, res) => ok(res));
    const ll = client(url, { timeoutMs: 60_000 });
    const controller = new AbortController();
    await ll.me();
    const before = timers();
    for (let i = 0; i < 50; i++) await ll.me(i % 2 ? { signal: controller.signal } : {});
    expect(timers()).toBeLessThanOrEqual(before);
  });

  it("lets a script end as soon as its calls are over, whatever the timeout", async () => {
    // The last window's timer stays armed for the next call, released (unref): a script whose
    // calls are done must not wait for it (60 s here). Run in its own process, on the build.
    const { url, requests } = await serve((_n, res) => ok(res));
    const dist = pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), "../../dist/index.js")).href;
    const script = `const { createLettrLabsClient } = await import(${JSON.stringify(dist)});
const ll = createLettrLabsClient({ apiKey: "LL-key", baseUrl: ${JSON.stringify(url)}, timeoutMs: 60000 });
await ll.me(); await Promise.all([ll.me(), ll.me()]); console.log("done");`;
    const started = Date.now();
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (c) => {
      out += c;
    });
    // Killed if still running at 30 s (its own 60 s timer would end it anyway).
    const stop = setTimeout(() => child.kill(), 30_000);
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    clearTimeout(stop);
    expect(code).toBe(0);
    expect(out.trim()).toBe("done");
    expect(requests()).toBe(3);
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 40_000);

  it("applies the same timeouts to real Requests when middleware is registered", async () => {
    const { url, requests } = await serve((n, res) => (n === 0 ? stallBody(res) : ok(res)));
    const ll = client(url, { timeoutMs: 1_000, maxRetries: 0 });
    let seen = 0;
    ll.raw.use({
      onRequest: ({ request }) => {
        seen++;
        return request;
      },
    });
    const error = await ll.me().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LettrLabsTimeoutError);
    expect((await ll.me()).email).toBe("ops@example.com");
    expect(seen).toBe(2);
    expect(requests()).toBe(2);
  });
});
