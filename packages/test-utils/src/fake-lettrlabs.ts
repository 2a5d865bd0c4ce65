import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One recipient as the fake stores it. */
export interface StoredRecipient {
  id: number;
  address: Record<string, unknown>;
  personal?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
}

/** One order as the fake stores it. */
export interface StoredOrder {
  id: number;
  templateId: number;
  status: string;
  recipients: StoredRecipient[];
  checkouts: number;
  pollsUntilSettled: number;
  createdAt: number;
  /** What the checkout asked for (listed with the order; until then Standard, Normal, no hold). */
  postageType?: string;
  productionSpeed?: string;
  holdUntilDate?: string | null;
}

/** What a scripted fault does to the next matching request. */
export type Fault =
  | {
      kind: "status";
      status: number;
      body?: unknown;
      headers?: Record<string, string>;
      rawBody?: string;
      contentType?: string;
    }
  /** Apply the request (the write happens), then destroy the socket without answering. */
  | { kind: "drop-after-apply" }
  /** Destroy the socket without applying the request. */
  | { kind: "drop-before-apply" }
  /** Apply the request, but answer only after `ms` (longer than the client's timeout to force one). */
  | { kind: "delay"; ms: number }
  /**
   * Apply the request only after `ms`, even when the client has given up by then (a slow server
   * that finishes what it started), then answer if the connection is still open.
   */
  | { kind: "apply-late"; ms: number }
  /** Apply the request, then answer with this status and body instead (e.g. a 2xx of the wrong shape). */
  | { kind: "apply-then"; status: number; body?: unknown; rawBody?: string }
  /** Run `effect` first (e.g. another writer creating a Draft at the same moment), then the `next` fault. */
  | { kind: "side-effect"; effect: (fake: FakeLettrLabs) => void; next?: Fault };

interface FaultRule {
  method: string;
  path: RegExp;
  fault: Fault;
  times: number;
  after: number;
}

export interface FakeLettrLabsOptions {
  apiKey?: string;
  /** How the proof is sent: a JSON string of base64 (default) or raw application/pdf. */
  proofAs?: "json-base64" | "pdf";
  /** Polls of the order after checkout before it settles. Default 1. */
  pollsUntilSettled?: number;
  /** When true, a checkout's payment fails and the order rolls back to Draft. */
  paymentFails?: boolean;
  /** pollAfterSeconds sent with a checkout. Default 0. */
  pollAfterSeconds?: number;
  /** Delay every append by this many ms (to make long runs interruptible). */
  appendDelayMs?: number;
  /** Largest accepted recipients per append request. Default 1000. */
  maxPerAppend?: number;
  /**
   * Most items a list page holds, whatever `pageSize` asks for (page numbers stay honoured, in
   * pages of this size): a server whose cap is below the one the spec infers. Default: no cap.
   */
  maxPageSize?: number;
  /** With `maxPageSize`: a page starts at `pageNumber` × the asked size, not the served one. */
  pageOffsetByAskedSize?: boolean;
  /** Every page number serves the first page (a server that ignores `pageNumber`, such as a static mock). */
  ignorePageNumber?: boolean;
  /** Page numbers count from 1, and 0 is taken as 1 (the first page is served twice). */
  pagesFromOne?: boolean;
}

/** A minimal valid PDF served as the proof. */
export const FAKE_PROOF_PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
  "latin1",
);

/**
 * A stateful, scriptable stand-in for the LettrLabs API on 127.0.0.1: it keeps orders,
 * recipients and checkouts in memory, counts every request, and injects faults on demand.
 * Tests assert on its state, never on the client's internals.
 */
export class FakeLettrLabs {
  readonly orders = new Map<number, StoredOrder>();
  /** Recipients queued on each automation (integration order), in arrival order. */
  readonly integrationRecipients = new Map<number, unknown[]>();
  /** Mailings by proximity asked of each automation (their request bodies), in arrival order. */
  readonly proximityMailings = new Map<number, unknown[]>();
  /** Conversions recorded, in arrival order. */
  readonly conversions: unknown[] = [];
  readonly requests: { method: string; path: string; status: number }[] = [];
  readonly options: Required<FakeLettrLabsOptions>;
  private readonly rules: FaultRule[] = [];
  /**
   * A fault schedule consulted for every request after the scripted rules (for randomized fault
   * tests): receives the request's method, path and 0-based position, returns a fault or nothing.
   */
  schedule: ((request: { method: string; path: string; index: number }) => Fault | undefined) | undefined;
  private seen = 0;
  private server: Server | undefined;
  private nextOrderId = 1000;
  private nextRecipientId = 500000;
  url = "";

  /**
   * The page of `list` a request asks for: `pageSize` items (100 by default), at most
   * `maxPageSize`, from `pageNumber` × the served size (or × the asked size, with
   * `pageOffsetByAskedSize`).
   */
  private pageOf<T>(list: readonly T[], query: URLSearchParams): T[] {
    const asked = Number(query.get("pageSize") ?? 100);
    const size = Math.min(asked, this.options.maxPageSize);
    const asked0 = Number(query.get("pageNumber") ?? 0);
    const page = this.options.ignorePageNumber
      ? 0
      : this.options.pagesFromOne
        ? Math.max(0, asked0 - 1)
        : asked0;
    const from = page * (this.options.pageOffsetByAskedSize ? asked : size);
    return list.slice(from, from + size);
  }

  constructor(options: FakeLettrLabsOptions = {}) {
    this.options = {
      apiKey: "LL-API-test-key",
      proofAs: "json-base64",
      pollsUntilSettled: 1,
      paymentFails: false,
      pollAfterSeconds: 0,
      appendDelayMs: 0,
      maxPerAppend: 1000,
      maxPageSize: Number.POSITIVE_INFINITY,
      pageOffsetByAskedSize: false,
      ignorePageNumber: false,
      pagesFromOne: false,
      ...options,
    };
  }

  /** Starts listening on a free port of 127.0.0.1. */
  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req, res);
    });
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Scripts `fault` for `times` requests matching method and path, after letting `after` through. */
  inject(method: string, path: RegExp, fault: Fault, times = 1, after = 0): this {
    this.rules.push({ method: method.toUpperCase(), path, fault, times, after });
    return this;
  }

  /** Number of requests seen for a method and path pattern. */
  count(method: string, path: RegExp): number {
    return this.requests.filter((r) => r.method === method && path.test(r.path)).length;
  }

  /** Adds an order directly (for list and pagination tests). */
  seedOrder(status = "Draft", templateId = 1): StoredOrder {
    const order: StoredOrder = {
      id: this.nextOrderId++,
      templateId,
      status,
      recipients: [],
      checkouts: 0,
      pollsUntilSettled: this.options.pollsUntilSettled,
      createdAt: Date.now(),
    };
    this.orders.set(order.id, order);
    return order;
  }

  private takeFault(method: string, path: string): Fault | undefined {
    const index = this.seen++;
    const rule = this.rules.find((r) => r.method === method && r.path.test(path) && r.times > 0);
    if (!rule) return this.schedule?.({ method, path, index });
    if (rule.after > 0) {
      rule.after--;
      return undefined;
    }
    rule.times--;
    return rule.fault;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", "http://localhost");
    const path = url.pathname;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");

    let fault = this.takeFault(method, path);
    if (fault?.kind === "side-effect") {
      fault.effect(this);
      fault = fault.next;
    }
    const log = (status: number) => this.requests.push({ method, path, status });

    if (fault?.kind === "drop-before-apply") {
      log(0);
      req.socket.destroy();
      return;
    }
    if (fault?.kind === "status") {
      log(fault.status);
      const body = fault.rawBody ?? JSON.stringify(fault.body ?? { message: "injected" });
      res.writeHead(fault.status, {
        "content-type": fault.contentType ?? "application/json",
        ...fault.headers,
      });
      res.end(body);
      return;
    }

    if (req.headers["x-api-key"] !== this.options.apiKey) {
      log(401);
      res.writeHead(401, { "content-type": "application/json" });
      res.end(JSON.stringify("Authorization key not valid"));
      return;
    }

    let result: { status: number; body: unknown; contentType?: string };
    try {
      const body = raw ? (JSON.parse(raw) as unknown) : undefined;
      if (fault?.kind === "apply-late") await new Promise((r) => setTimeout(r, fault.ms));
      if (
        path.match(/^\/v1\/order\/\d+\/recipients$/) &&
        method === "PUT" &&
        this.options.appendDelayMs > 0
      ) {
        await new Promise((r) => setTimeout(r, this.options.appendDelayMs));
      }
      result = this.route(method, path, url.searchParams, body);
    } catch (error) {
      result = { status: 400, body: envelope(null, [`Malformed request: ${String(error)}`]) };
    }

    if (fault?.kind === "drop-after-apply") {
      log(0);
      req.socket.destroy();
      return;
    }
    if (fault?.kind === "apply-then") {
      log(fault.status);
      res.writeHead(fault.status, { "content-type": "application/json" });
      res.end(fault.rawBody ?? JSON.stringify(fault.body ?? null));
      return;
    }
    if (fault?.kind === "delay") await new Promise((r) => setTimeout(r, fault.ms));
    if (fault?.kind === "delay" || fault?.kind === "apply-late") {
      if (req.socket.destroyed) {
        log(0);
        return;
      }
    }
    log(result.status);
    if (result.contentType === "application/pdf") {
      res.writeHead(result.status, { "content-type": "application/pdf" });
      res.end(result.body as Buffer);
      return;
    }
    const text = JSON.stringify(result.body);
    res.writeHead(result.status, {
      "content-type": "application/json; charset=utf-8",
      "content-length": Buffer.byteLength(text),
      "x-request-id": `req-${this.requests.length}`,
    });
    res.end(text);
  }

  private order(path: string): StoredOrder | undefined {
    const id = Number(path.split("/")[3]);
    return this.orders.get(id);
  }

  private route(
    method: string,
    path: string,
    query: URLSearchParams,
    body: unknown,
  ): { status: number; body: unknown; contentType?: string } {
    const notFound = {
      status: 404,
      body: { ...envelope(null, ["Order not found."]), reasonCode: "NOT_FOUND" },
    };
    if (method === "GET" && path === "/v1/me") {
      const profile = {
        id: 1,
        email: "ops@example.com",
        firstName: "Test",
        lastName: "User",
        company: "Example",
      };
      return { status: 200, body: { ...envelope(profile), profile } };
    }
    const automation = path.match(/^\/v1\/integration-orders\/(\d+)\/recipients$/);
    if (automation && method === "POST") {
      const id = Number(automation[1]);
      const queued = this.integrationRecipients.get(id) ?? [];
      queued.push(body);
      this.integrationRecipients.set(id, queued);
      return {
        status: 200,
        body: envelope({ integrationOrderId: id, recipientId: queued.length, queued: true }),
      };
    }
    const proximity = path.match(/^\/v1\/integration-orders\/(\d+)-by-proximity$/);
    if (proximity && method === "POST") {
      const id = Number(proximity[1]);
      const asked = this.proximityMailings.get(id) ?? [];
      asked.push(body);
      this.proximityMailings.set(id, asked);
      const most = (body as { maxRecipients?: unknown } | null)?.maxRecipients;
      return {
        status: 200,
        body: envelope({ integrationOrderId: id, queuedRecipients: typeof most === "number" ? most : 25 }),
      };
    }
    if (path === "/v1/conversions" && method === "POST") {
      const list = Array.isArray(body) ? body : [];
      this.conversions.push(...list);
      // As the spec has it: each conversion as sent, with its validation.
      return {
        status: 200,
        body: envelope(list.map((c) => ({ ...(c as object), isValid: true, validationErrors: [] }))),
      };
    }
    if (path === "/v1/conversions" && method === "GET") {
      const size = Number(query.get("pageSize") ?? 100);
      const page = Number(query.get("pageNumber") ?? 0);
      const records = this.conversions.map((c, i) => ({ ...(c as object), id: i + 1 }));
      return { status: 200, body: envelope(records.slice(page * size, (page + 1) * size)) };
    }
    if (path === "/v1/order" && method === "POST") {
      const templateId = (body as { templateId?: unknown } | undefined)?.templateId;
      if (typeof templateId !== "number")
        return { status: 400, body: envelope(null, ["templateId is required."]) };
      const order = this.seedOrder("Draft", templateId);
      return { status: 200, body: envelope({ orderId: order.id, status: order.status }) };
    }
    if (path === "/v1/order" && method === "GET") {
      let list = [...this.orders.values()].filter((o) => o.status !== "Deleted");
      const ids = query.get("id");
      if (ids) {
        const wanted = new Set(ids.split(",").map(Number));
        list = list.filter((o) => wanted.has(o.id));
      }
      const status = query.get("status");
      if (status) list = list.filter((o) => o.status === status);
      for (const o of list) this.tick(o);
      const orders = this.pageOf(
        list.sort((a, b) => b.id - a.id),
        query,
      ).map((o) => ({
        id: o.id,
        status: o.status,
        postageType: o.postageType ?? "Standard",
        productionSpeed: o.productionSpeed ?? "Normal",
        holdUntilDate: o.holdUntilDate ?? null,
        productType: "Postcard",
      }));
      return { status: 200, body: envelope({ orderId: 0, status: "", orders }) };
    }
    const orderMatch = path.match(/^\/v1\/order\/(\d+)(\/.*)?$/);
    if (orderMatch) {
      const order = this.order(path);
      if (!order || order.status === "Deleted") return notFound;
      const rest = orderMatch[2] ?? "";
      const editable = order.status === "Draft" || order.status === "Edits Needed";
      if (rest === "" && method === "DELETE") {
        if (!editable)
          return {
            status: 400,
            body: {
              ...envelope(null, ["Order cannot be deleted."]),
              reasonCode: "ORDER_NOT_DELETABLE_STATUS",
            },
          };
        order.status = "Deleted";
        return { status: 200, body: envelope({ orderId: order.id, status: "Deleted" }) };
      }
      if (rest === "/recipients" && method === "PUT") {
        if (!editable) return { status: 400, body: envelope(null, ["Order has an invalid status."]) };
        const recipients = (body as { recipients?: StoredRecipient[] } | undefined)?.recipients;
        if (!Array.isArray(recipients) || recipients.length === 0)
          return { status: 400, body: envelope(null, ["recipients is required."]) };
        if (recipients.length > this.options.maxPerAppend)
          return { status: 400, body: envelope(null, [`At most ${this.options.maxPerAppend} recipients.`]) };
        let accepted = 0;
        const undeliverable: unknown[] = [];
        for (const r of recipients) {
          const a = r.address ?? {};
          if (!a.address1 || !a.city || !a.state || !a.zipCode) {
            undeliverable.push({ ...r, reason: "InvalidAddress" });
            continue;
          }
          order.recipients.push({ ...r, id: this.nextRecipientId++ });
          accepted++;
        }
        return {
          status: 200,
          body: envelope({
            orderId: order.id,
            status: order.status,
            submittedRecipients: recipients.length,
            acceptedRecipients: accepted,
            totalRecipients: accepted,
            deliverable: { addressValidated: accepted, addressInvalidated: 0 },
            undeliverable: {
              duplicated: 0,
              doNotMail: 0,
              invalidAddress: undeliverable.length,
              undeliverableRecipients: undeliverable,
            },
          }),
        };
      }
      if (rest === "/recipients" && method === "GET") {
        const recipients = this.pageOf(order.recipients, query);
        return { status: 200, body: envelope({ orderId: order.id, status: order.status, recipients }) };
      }
      if (rest === "/recipients" && method === "DELETE") {
        if (!editable) return { status: 400, body: envelope(null, ["Order has an invalid status."]) };
        const ids = new Set((body as { recipientsIds?: number[] }).recipientsIds ?? []);
        order.recipients = order.recipients.filter((r) => !ids.has(r.id));
        return { status: 200, body: envelope({ orderId: order.id, status: order.status }) };
      }
      if (rest.startsWith("/proof") && method === "GET") {
        if (this.options.proofAs === "pdf")
          return { status: 200, body: FAKE_PROOF_PDF, contentType: "application/pdf" };
        return { status: 200, body: FAKE_PROOF_PDF.toString("base64") };
      }
      if (rest === "/checkout" && method === "GET") {
        const n = order.recipients.length;
        const rate = query.get("postage") === "FirstClass" ? 3.1 : 2.45;
        const total = Math.round(n * rate * 100) / 100;
        return {
          status: 200,
          body: envelope({
            orderId: order.id,
            status: order.status,
            lineItems: [{ name: "Handwritten card", quantity: n, rate, tax: 0, total, subItems: [] }],
            credits: [],
            totalCharges: total,
            totalTax: 0,
            totalCredits: 0,
            balance: total,
          }),
        };
      }
      if (rest === "/checkout" && method === "POST") {
        if (order.status === "Payment Needed")
          return { status: 400, body: envelope(null, ["A checkout is already settling."]) };
        if (!editable) return { status: 400, body: envelope(null, ["Order has an invalid status."]) };
        order.checkouts++;
        order.status = "Payment Needed";
        const asked = (body ?? {}) as {
          postageType?: string;
          productionSpeed?: string;
          holdUntilDate?: string;
        };
        order.postageType = asked.postageType;
        order.productionSpeed = asked.productionSpeed;
        order.holdUntilDate = asked.holdUntilDate ?? null;
        order.pollsUntilSettled = this.options.pollsUntilSettled;
        return {
          status: 200,
          body: envelope({
            orderId: order.id,
            status: order.status,
            orderStatus: order.status,
            pollAfterSeconds: this.options.pollAfterSeconds,
            settlementExpectedWithinSeconds: 60,
          }),
        };
      }
      if (rest === "/recipient-delivery-status" && method === "GET") {
        const recipients = order.recipients.map((r) => ({
          recipientId: r.id,
          status: "Waiting on USPS Info",
        }));
        return { status: 200, body: envelope({ orderId: order.id, status: order.status, recipients }) };
      }
    }
    return { status: 404, body: envelope(null, [`No route for ${method} ${path}`]) };
  }

  /** Advances settlement of an order being read after checkout. */
  private tick(order: StoredOrder): void {
    if (order.status !== "Payment Needed") return;
    if (order.pollsUntilSettled > 0) {
      order.pollsUntilSettled--;
      return;
    }
    order.status = this.options.paymentFails ? "Draft" : "Paid";
  }
}

/** A LettrLabs answer's envelope around `payload` (`hasErrors` when `errors` holds any). */
export function envelope(payload: unknown, errors: string[] = []) {
  return {
    payload,
    errors,
    errorDetails: [],
    warnings: [],
    hasErrors: errors.length > 0,
    hasWarnings: false,
  };
}
