// A local server whose handler drives each response, for the timeout tests (get-timeouts,
// undici-timeout): it records every request's fate, and closes itself after each test.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach } from "vitest";

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

/** The body of a `me` answer (long enough to be cut into parts). */
export const ME = JSON.stringify({ payload: { id: 1, email: "ops@example.com", note: "x".repeat(2000) } });

/** What the server saw of one request: whether it finished its response, and whether the client closed the connection first. */
export interface Seen {
  finished: boolean;
  closed: Promise<void>;
  closedEarly: () => boolean;
}

/** Starts a server; `handle` gets each response, its request and its number (from 1). */
export async function serve(handle: (res: ServerResponse, req: IncomingMessage, n: number) => void) {
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
    handle(res, req, seen.length);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

/** Resolves with `p`, or with "hung" after `ms`. */
export const within = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<"hung">((r) => setTimeout(() => r("hung"), ms))]);

/** What a call ended with (its error, or its result), or "hung" after 3 s. */
export const outcomeOf = (call: Promise<unknown>) =>
  within(
    call.catch((e: unknown) => e),
    3_000,
  );

/** How a response goes: its headers after `head` ms, then the body in parts after each pause; the last part is held back when it never `ends`. */
export interface SlowAnswer {
  head: number;
  pauses: number[];
  ends: boolean;
  contentLength?: boolean;
}

/** Answers `ME` as `plan` says (nothing more once the client closed the connection). */
export function answerSlowly(res: ServerResponse, plan: SlowAnswer): void {
  setTimeout(() => {
    if (res.destroyed) return;
    res.writeHead(200, {
      "content-type": "application/json",
      ...(plan.contentLength ? { "content-length": String(ME.length) } : {}),
    });
    const size = Math.ceil(ME.length / plan.pauses.length);
    const next = (i: number) => {
      if (res.destroyed) return;
      if (i === plan.pauses.length) {
        if (plan.ends) res.end();
        return;
      }
      setTimeout(() => {
        if (res.destroyed) return;
        if (plan.ends || i < plan.pauses.length - 1) res.write(ME.slice(i * size, (i + 1) * size));
        next(i + 1);
      }, plan.pauses[i]);
    };
    next(0);
  }, plan.head);
}
