import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { FakeLettrLabs, type FakeLettrLabsOptions } from "./fake-lettrlabs.js";
import { specOf } from "./paths.js";
import { type PrismServer, startPrism } from "./prism.js";

/**
 * A local LettrLabs to try the CLI and your own code against: the stateful `FakeLettrLabs` behind
 * Prism's validation proxy (`prism proxy spec/lettrlabs/openapi.yaml … --errors`), so every request
 * and every response is checked against the spec, and behind that a recorder that counts what Prism
 * reported. Orders, recipients, prices and checkouts are real state; templates are seeded.
 *
 *   client ──▶ recorder (url) ──▶ Prism proxy --errors ──▶ templates ──▶ FakeLettrLabs
 */

/** A template as `GET /v1/templates` returns it. */
export interface SandboxTemplate {
  id: number;
  name: string;
  productType: string | null;
  handwrittenFont: string | null;
  thumbnailUrl: string | null;
  createdDate: string;
  updatedDate: string | null;
}

/** The template every sandbox starts with (the id the README and the demo use). */
export const SANDBOX_TEMPLATE: SandboxTemplate = {
  id: 12345,
  name: "Thank-you postcard",
  productType: "Postcard",
  handwrittenFont: "Bradley",
  thumbnailUrl: null,
  createdDate: "2026-01-05T09:00:00Z",
  updatedDate: null,
};

/** The API key a sandbox accepts unless told otherwise (not a secret: it only opens the sandbox). */
export const SANDBOX_API_KEY = "LL-API-sandbox";

/** One request through the sandbox, as the recorder saw Prism answer it. */
export interface SandboxExchange {
  method: string;
  /** Path and query, as sent. */
  path: string;
  status: number;
  /** What Prism found wrong with the request or the response (empty when both follow the spec). */
  violations: string[];
}

export interface LettrLabsSandboxOptions {
  /** Port of the sandbox's base URL on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** The API key to accept. Default `SANDBOX_API_KEY`. */
  apiKey?: string;
  /** Templates to seed. Default `[SANDBOX_TEMPLATE]`. */
  templates?: SandboxTemplate[];
  /** Behaviour of the fake behind the proxy (settlement polls, poll hint, payment failure, …). */
  fake?: Omit<FakeLettrLabsOptions, "apiKey">;
  /** Called after every request (the sandbox script logs them). */
  onExchange?: (exchange: SandboxExchange) => void;
}

export interface LettrLabsSandbox {
  /** Base URL to use as `LETTRLABS_BASE_URL` / `baseUrl` (no `/api` prefix, like Prism). */
  readonly url: string;
  readonly apiKey: string;
  /** The state behind the proxy: orders, recipients, checkouts, request counts. */
  readonly fake: FakeLettrLabs;
  readonly templates: ReadonlyMap<number, SandboxTemplate>;
  /** Every request so far, in order. */
  readonly exchanges: readonly SandboxExchange[];
  /** The exchanges Prism reported a spec violation for. */
  violations(): SandboxExchange[];
  /** Stops the recorder, Prism and the fake. Safe to call twice. */
  stop(): Promise<void>;
}

const PRISM_PROBLEM = "https://stoplight.io/prism/errors#";
/** Prism problems that mean "this request or response does not follow the spec". */
const SPEC_PROBLEMS = new Set([
  "UNPROCESSABLE_ENTITY",
  "VIOLATIONS",
  "UNAUTHORIZED",
  "NOT_ACCEPTABLE",
  "INVALID_CONTENT_TYPE",
  "NO_PATH_MATCHED_ERROR",
  "NO_METHOD_MATCHED_ERROR",
]);
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "upgrade",
  "content-length",
  "host",
]);

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Re-sends `req` (whose body was already read) to `target`, buffering the answer. */
function forward(req: IncomingMessage, body: Buffer, target: string, agent: Agent): Promise<Reply> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(req.headers))
    if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
  if (body.length > 0 || req.headers["content-length"] !== undefined)
    headers["content-length"] = String(body.length);
  return new Promise<Reply>((resolve, reject) => {
    const out = httpRequest(
      new URL(req.url ?? "/", target),
      { method: req.method ?? "GET", headers, agent },
      (res) => {
        readBody(res).then(
          (buffer) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: buffer }),
          reject,
        );
      },
    );
    out.once("error", reject);
    out.end(body);
  });
}

function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(reply.headers))
    if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
  headers["content-length"] = String(reply.body.length);
  res.writeHead(reply.status, headers);
  res.end(reply.body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = Buffer.from(JSON.stringify(value));
  send(res, { status, headers: { "content-type": "application/json; charset=utf-8" }, body });
}

function envelope(payload: unknown, errors: string[] = []) {
  return { payload, errors, warnings: [], hasErrors: errors.length > 0, hasWarnings: false };
}

interface Validation {
  location?: string[];
  severity?: string;
  message?: string;
}

function describeValidations(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return (list as Validation[]).map(
    (v) => `${v.severity ?? "Error"} at ${(v.location ?? []).join(".") || "-"}: ${v.message ?? "?"}`,
  );
}

/** What Prism reported about one exchange: its `sl-violations` header and its own problem answers. */
function violationsOf(reply: Reply): string[] {
  const found: string[] = [];
  const header = reply.headers["sl-violations"];
  if (typeof header === "string") {
    try {
      found.push(...describeValidations(JSON.parse(header)));
    } catch {
      found.push(header.slice(0, 500));
    }
  }
  const type = String(reply.headers["content-type"] ?? "");
  if (type.startsWith("application/problem+json")) {
    try {
      const problem = JSON.parse(reply.body.toString("utf8")) as {
        type?: string;
        title?: string;
        validation?: unknown;
      };
      const kind = problem.type?.startsWith(PRISM_PROBLEM) ? problem.type.slice(PRISM_PROBLEM.length) : "";
      if (SPEC_PROBLEMS.has(kind)) {
        const details = describeValidations(problem.validation);
        if (details.length === 0) found.push(`${kind}: ${problem.title ?? ""}`);
        for (const detail of details) if (!found.includes(detail)) found.push(detail);
      }
    } catch {
      // not JSON: not one of Prism's problems
    }
  }
  return found;
}

async function listen(server: Server, port: number): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function close(server: Server): Promise<void> {
  if (!server.listening) return;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** Starts a sandbox on 127.0.0.1 and resolves once every part of it answers. */
export async function startLettrLabsSandbox(
  options: LettrLabsSandboxOptions = {},
): Promise<LettrLabsSandbox> {
  const apiKey = options.apiKey ?? SANDBOX_API_KEY;
  const templates = new Map((options.templates ?? [SANDBOX_TEMPLATE]).map((t) => [t.id, t]));
  const exchanges: SandboxExchange[] = [];
  // A fresh local connection per hop: no race with a server closing an idle kept-alive socket.
  const agent = new Agent({ keepAlive: false });
  const fake = new FakeLettrLabs({ pollAfterSeconds: 1, ...options.fake, apiKey });

  // Templates in front of the fake (it accepts any template id); everything else goes to the fake.
  const templateLayer = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const { pathname } = new URL(req.url ?? "/", "http://sandbox");
      const method = req.method ?? "GET";
      const authorized = req.headers["x-api-key"] === apiKey;
      const one = pathname.match(/^\/v1\/templates\/(\d+)$/);
      if (method === "GET" && (pathname === "/v1/templates" || one)) {
        if (!authorized) return sendJson(res, 401, "Authorization key not valid");
        if (!one) return sendJson(res, 200, envelope([...templates.values()]));
        const template = templates.get(Number(one[1]));
        if (template) return sendJson(res, 200, envelope(template));
        return sendJson(res, 404, {
          ...envelope(null, [`Template ${one[1]} not found.`]),
          reasonCode: "NOT_FOUND",
        });
      }
      if (method === "POST" && pathname === "/v1/order" && authorized) {
        let templateId: unknown;
        try {
          templateId = (JSON.parse(body.toString("utf8")) as { templateId?: unknown }).templateId;
        } catch {
          templateId = undefined; // the fake answers malformed bodies
        }
        if (typeof templateId === "number" && !templates.has(templateId)) {
          const known = [...templates.keys()].join(", ") || "none";
          return sendJson(res, 400, {
            ...envelope(null, [`Template ${templateId} not found. Templates in this sandbox: ${known}.`]),
            reasonCode: "TEMPLATE_NOT_FOUND",
          });
        }
      }
      send(res, await forward(req, body, fake.url, agent));
    })().catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 502, envelope(null, [`Sandbox upstream failed: ${String(error)}`]));
      else res.destroy();
    });
  });

  let prism: PrismServer | undefined;
  const recorder = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const reply = await forward(req, body, prism?.url ?? "", agent);
      const exchange: SandboxExchange = {
        method: req.method ?? "GET",
        path: req.url ?? "/",
        status: reply.status,
        violations: violationsOf(reply),
      };
      exchanges.push(exchange);
      options.onExchange?.(exchange);
      send(res, reply);
    })().catch(() => {
      if (!res.headersSent) sendJson(res, 502, envelope(null, ["The sandbox's Prism did not answer."]));
      else res.destroy();
    });
  });

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await close(recorder);
    await prism?.stop();
    await close(templateLayer);
    await fake.stop();
    agent.destroy();
  };

  try {
    await fake.start();
    const upstream = await listen(templateLayer, 0);
    prism = await startPrism(specOf("lettrlabs"), { upstream, errors: true });
    const url = await listen(recorder, options.port ?? 0);
    return {
      url,
      apiKey,
      fake,
      templates,
      exchanges,
      violations: () => exchanges.filter((e) => e.violations.length > 0),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
