import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** An order as the fake stores it. */
export interface FakeClOrder {
  id: string;
  attributes: Record<string, unknown>;
  marketId: string | undefined;
  lineItems: string[];
}

export interface FakeCommerceLayerOptions {
  /** expires_in of issued tokens, in seconds. Default 7200. */
  expiresIn?: number;
  /** X-Ratelimit-Limit / -Interval sent with every API response. */
  rateLimit?: { limit: number; interval: number };
  /** Delay token responses (to observe concurrent callers). Default 0. */
  tokenDelayMs?: number;
  /**
   * A server that keeps what it is sent in another form (say, upper-cased): the SKU code of each
   * line item created, the reference of each order created. Filters match the stored form only.
   */
  storedAs?: (value: string) => string;
  /**
   * A server whose answer to a create shows what it stored in another form (say, upper-cased),
   * while it keeps, and filters on, what it was sent: the reference of an order created, the SKU
   * code of a line item created.
   */
  answeredAs?: (value: string) => string;
  /** What issued access tokens start with, before their number (`tok-1`, `tok-2`…). Default `tok-`. */
  tokenPrefix?: string;
  /**
   * A server that makes every order in this market, whatever market the create names (as for a
   * token scoped to one market).
   */
  marketOfToken?: string;
  /**
   * A server that ignores `include` for relationships: an order's relationships carry links only,
   * no data, and nothing is included (`GET /orders/{id}/market` still reads its market).
   */
  relationshipsWithoutData?: boolean;
}

interface Body {
  grant_type?: string;
  client_id?: string;
  scope?: string;
  data?: {
    attributes?: Record<string, unknown>;
    relationships?: Record<string, { data?: { id?: string } | null }>;
  };
}

/**
 * What a scripted fault does: answer with this status instead, apply and drop the connection, or
 * apply only after `lateMs` (even when the client has given up by then), or only once `heldUntil`
 * settles (a test's own gate, no clock; `onHeld` is called as the request is held), then answer if
 * the connection is still open; or apply it, then answer `applyThen` with no body (a 3xx without a
 * `Location`, say).
 */
export type ClFault =
  | { status: number; headers?: Record<string, string>; body?: unknown }
  | { applyThen: number }
  | { lateMs: number }
  | { heldUntil: Promise<unknown>; onHeld?: () => void }
  | "drop-after-apply";
type Fault = ClFault;

/**
 * A scriptable stand-in for Commerce Layer on 127.0.0.1: the token endpoint and the orders and
 * line items resources, stateful, with request counts, token revocation and fault injection.
 */
export class FakeCommerceLayer {
  readonly orders = new Map<string, FakeClOrder>();
  readonly lineItems = new Map<string, { id: string; orderId: string; sku_code: string; quantity: number }>();
  readonly requests: {
    method: string;
    path: string;
    query: string;
    status: number;
    auth: string | undefined;
  }[] = [];
  readonly validTokens = new Set<string>();
  tokenRequests = 0;
  /** Triggers applied, by name (`_place`, `_capture`, …): how many times each really took effect. */
  readonly applied: Record<string, number> = {};
  /** A fault schedule consulted for API requests no scripted fault matched (randomized tests). */
  schedule: ((request: { method: string; path: string; index: number }) => ClFault | undefined) | undefined;
  private seen = 0;
  url = "";
  private server: Server | undefined;
  private nextId = 1;
  private remaining = 0;
  private readonly faults: { method: string; path: RegExp; fault: Fault; times: number }[] = [];

  constructor(readonly options: FakeCommerceLayerOptions = {}) {
    this.remaining = options.rateLimit?.limit ?? 0;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Makes every token issued so far invalid (as when it expires early). */
  revokeTokens(): void {
    this.validTokens.clear();
  }

  inject(method: string, path: RegExp, fault: Fault, times = 1): this {
    this.faults.push({ method, path, fault, times });
    return this;
  }

  /** Ids sorted the way the fake's "sort=id" sorts them. */
  newId(): string {
    return `id${String(this.nextId++).padStart(6, "0")}`;
  }

  seedOrders(n: number, attributes: Record<string, unknown> = {}): FakeClOrder[] {
    return Array.from({ length: n }, () => this.addOrder({ status: "draft", ...attributes }, undefined));
  }

  private addOrder(attributes: Record<string, unknown>, marketId: string | undefined): FakeClOrder {
    const order: FakeClOrder = {
      id: this.newId(),
      attributes: {
        status: "draft",
        payment_status: "unpaid",
        fulfillment_status: "unfulfilled",
        ...attributes,
      },
      marketId,
      lineItems: [],
    };
    this.orders.set(order.id, order);
    return order;
  }

  private resource(o: FakeClOrder) {
    const links = (name: string) => ({ links: { related: `/orders/${o.id}/${name}` } });
    return {
      id: o.id,
      type: "orders",
      attributes: o.attributes,
      relationships: this.options.relationshipsWithoutData
        ? { market: links("market"), line_items: links("line_items") }
        : {
            market: { data: o.marketId ? { type: "markets", id: o.marketId } : null },
            line_items: { data: o.lineItems.map((id) => ({ type: "line_items", id })) },
          },
    };
  }

  private lineItemResource(id: string) {
    const li = this.lineItems.get(id);
    if (!li) return undefined;
    return {
      id,
      type: "line_items",
      attributes: { sku_code: li.sku_code, quantity: li.quantity },
      relationships: { order: { data: { type: "orders", id: li.orderId } } },
    };
  }

  private included(orders: FakeClOrder[], include: string[]) {
    const out: unknown[] = [];
    if (this.options.relationshipsWithoutData) return out;
    if (include.includes("line_items"))
      for (const o of orders) for (const id of o.lineItems) out.push(this.lineItemResource(id));
    if (include.includes("market")) {
      for (const id of new Set(orders.map((o) => o.marketId).filter(Boolean)))
        out.push({ id, type: "markets", attributes: { name: "USA", code: "usa" } });
    }
    return out;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://x");
    const method = req.method ?? "GET";
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString()) as Body) : undefined;
    const auth = req.headers.authorization;
    let answerAs: number | undefined;
    const send = (asked: number, answer: unknown, headers: Record<string, string> = {}) => {
      const status = answerAs ?? asked;
      const payload = answerAs === undefined ? answer : undefined;
      if (req.socket.destroyed) {
        this.requests.push({ method, path: url.pathname, query: url.search, status: 0, auth });
        return;
      }
      this.requests.push({ method, path: url.pathname, query: url.search, status, auth });
      res.writeHead(status, {
        "content-type": url.pathname === "/oauth/token" ? "application/json" : "application/vnd.api+json",
        ...headers,
      });
      res.end(payload === undefined ? undefined : JSON.stringify(payload));
    };
    const scripted = this.faults.find((f) => f.method === method && f.path.test(url.pathname) && f.times > 0);
    if (scripted) scripted.times--;
    const scheduled =
      scripted || url.pathname === "/oauth/token"
        ? undefined
        : this.schedule?.({ method, path: url.pathname, index: this.seen++ });
    const fault = scripted ?? (scheduled ? { fault: scheduled } : undefined);
    const injected = fault?.fault;
    if (typeof injected === "object" && "applyThen" in injected) answerAs = injected.applyThen;
    else if (typeof injected === "object" && "lateMs" in injected)
      await new Promise((r) => setTimeout(r, injected.lateMs));
    else if (typeof injected === "object" && "heldUntil" in injected) {
      injected.onHeld?.();
      await injected.heldUntil;
    } else if (typeof injected === "object") {
      send(
        injected.status,
        injected.body ?? { errors: [{ title: "injected", status: String(injected.status) }] },
        injected.headers,
      );
      return;
    }

    if (url.pathname === "/oauth/token" && method === "POST") {
      this.tokenRequests++;
      if (this.options.tokenDelayMs) await new Promise((r) => setTimeout(r, this.options.tokenDelayMs));
      if (body?.grant_type !== "client_credentials" || !body.client_id) {
        send(401, {
          errors: [
            {
              title: "Invalid client",
              code: "UNAUTHORIZED",
              status: "401",
              detail: "Invalid client credentials.",
            },
          ],
        });
        return;
      }
      const token = `${this.options.tokenPrefix ?? "tok-"}${this.tokenRequests}`;
      this.validTokens.add(token);
      send(200, {
        access_token: token,
        token_type: "bearer",
        expires_in: this.options.expiresIn ?? 7200,
        scope: body.scope ?? "market:all",
        created_at: 0,
      });
      return;
    }
    const token = auth?.replace(/^Bearer /, "");
    if (!token || !this.validTokens.has(token)) {
      send(401, {
        errors: [
          {
            title: "Invalid token",
            code: "INVALID_TOKEN",
            status: "401",
            detail: "The access token you provided is invalid.",
          },
        ],
      });
      return;
    }
    const rl: Record<string, string> = {};
    if (this.options.rateLimit) {
      this.remaining = Math.max(0, this.remaining - 1);
      Object.assign(rl, {
        "x-ratelimit-limit": String(this.options.rateLimit.limit),
        "x-ratelimit-interval": String(this.options.rateLimit.interval),
        "x-ratelimit-remaining": String(this.remaining),
      });
    }
    const q = (name: string) => url.searchParams.get(name);
    const include = (q("include") ?? "").split(",").filter(Boolean);
    if (url.pathname === "/orders" && method === "GET") {
      let list = [...this.orders.values()];
      for (const [key, value] of url.searchParams) {
        const m = key.match(/^filter\[q\]\[(.+)\]$/);
        if (!m) continue;
        const pred = m[1] as string;
        // As the API (Ransack): a blank value is ignored, the predicate with it.
        if (/^\p{White_Space}*$/u.test(value)) continue;
        if (pred === "id_gt") list = list.filter((o) => o.id > value);
        else if (pred.endsWith("_eq"))
          list = list.filter((o) => String(o.attributes[pred.slice(0, -3)]) === value);
        else if (pred.endsWith("_in")) {
          // As the API reads a list: split at every comma.
          const values = new Set(value.split(","));
          list = list.filter((o) => values.has(String(o.attributes[pred.slice(0, -3)])));
        }
      }
      if (q("sort") === "id") list.sort((a, b) => (a.id < b.id ? -1 : 1));
      const size = Number(q("page[size]") ?? 10);
      const number = Number(q("page[number]") ?? 1);
      const page = list.slice((number - 1) * size, number * size);
      send(
        200,
        {
          data: page.map((o) => this.resource(o)),
          included: this.included(page, include),
          meta: { record_count: list.length, page_count: Math.ceil(list.length / size) },
        },
        rl,
      );
      return;
    }
    if (url.pathname === "/orders" && method === "POST") {
      const attributes = { ...(body?.data?.attributes ?? {}) };
      const { storedAs } = this.options;
      if (storedAs && typeof attributes.reference === "string")
        attributes.reference = storedAs(attributes.reference);
      const order = this.addOrder(
        attributes,
        this.options.marketOfToken ?? body?.data?.relationships?.market?.data?.id,
      );
      if (fault?.fault === "drop-after-apply") {
        this.requests.push({ method, path: url.pathname, query: url.search, status: 0, auth });
        req.socket.destroy();
        return;
      }
      const created = { ...this.resource(order), attributes: { ...order.attributes } };
      const { answeredAs } = this.options;
      if (answeredAs && typeof created.attributes.reference === "string")
        created.attributes.reference = answeredAs(created.attributes.reference);
      send(201, { data: created }, rl);
      return;
    }
    const one = url.pathname.match(/^\/orders\/([^/]+)$/);
    if (one) {
      const order = this.orders.get(one[1] as string);
      if (!order) {
        send(404, { errors: [{ title: "Record not found", code: "RECORD_NOT_FOUND", status: "404" }] });
        return;
      }
      if (method === "PATCH") {
        const attrs = (body?.data?.attributes ?? {}) as Record<string, unknown>;
        if (attrs._place) {
          if (order.attributes.status === "placed") {
            send(422, {
              errors: [
                {
                  title: "cannot transition",
                  code: "VALIDATION_ERROR",
                  status: "422",
                  source: { pointer: "/data/attributes/_place" },
                },
              ],
            });
            return;
          }
          Object.assign(order.attributes, { status: "placed", payment_status: "authorized" });
        }
        for (const name of Object.keys(attrs))
          if (name.startsWith("_")) this.applied[name] = (this.applied[name] ?? 0) + 1;
        if (attrs._capture) order.attributes.payment_status = "paid";
        if (attrs._cancel) Object.assign(order.attributes, { status: "cancelled", payment_status: "voided" });
        if (attrs._approve) order.attributes.status = "approved";
        if (attrs._refund) order.attributes.payment_status = "refunded";
        for (const [k, v] of Object.entries(attrs)) if (!k.startsWith("_")) order.attributes[k] = v;
        if (fault?.fault === "drop-after-apply") {
          this.requests.push({ method, path: url.pathname, query: url.search, status: 0, auth });
          req.socket.destroy();
          return;
        }
      }
      if (method === "DELETE") {
        this.orders.delete(order.id);
        send(204, undefined, rl);
        return;
      }
      send(200, { data: this.resource(order), included: this.included([order], include) }, rl);
      return;
    }
    const orderMarket = url.pathname.match(/^\/orders\/([^/]+)\/market$/);
    if (orderMarket && method === "GET") {
      const order = this.orders.get(decodeURIComponent(orderMarket[1] as string));
      if (!order) {
        send(404, { errors: [{ title: "not found", code: "RECORD_NOT_FOUND", status: "404" }] }, rl);
        return;
      }
      const market = order.marketId
        ? { id: order.marketId, type: "markets", attributes: { name: "USA", code: "usa" } }
        : null;
      send(200, { data: market }, rl);
      return;
    }
    const orderLines = url.pathname.match(/^\/orders\/([^/]+)\/line_items$/);
    if (orderLines && method === "GET") {
      const order = this.orders.get(orderLines[1] as string);
      if (!order) {
        send(404, { errors: [{ title: "Record not found", code: "RECORD_NOT_FOUND", status: "404" }] });
        return;
      }
      const sku = q("filter[q][sku_code_eq]");
      const ids = order.lineItems.filter((id) => sku === null || this.lineItems.get(id)?.sku_code === sku);
      send(
        200,
        {
          data: ids.map((id) => this.lineItemResource(id)),
          meta: { record_count: ids.length, page_count: 1 },
        },
        rl,
      );
      return;
    }
    const oneLine = url.pathname.match(/^\/line_items\/([^/]+)$/);
    if (oneLine && (method === "GET" || method === "PATCH")) {
      const li = this.lineItems.get(oneLine[1] as string);
      if (!li) {
        send(404, { errors: [{ title: "Record not found", code: "RECORD_NOT_FOUND", status: "404" }] });
        return;
      }
      if (method === "PATCH") {
        const quantity = body?.data?.attributes?.quantity;
        if (quantity !== undefined) li.quantity = Number(quantity);
        if (fault?.fault === "drop-after-apply") {
          this.requests.push({ method, path: url.pathname, query: url.search, status: 0, auth });
          req.socket.destroy();
          return;
        }
      }
      send(200, { data: this.lineItemResource(li.id) }, rl);
      return;
    }
    if (url.pathname === "/line_items" && method === "POST") {
      const orderId = String(body?.data?.relationships?.order?.data?.id);
      const order = this.orders.get(orderId);
      if (!order) {
        send(404, { errors: [{ title: "Record not found", code: "RECORD_NOT_FOUND", status: "404" }] });
        return;
      }
      const id = this.newId();
      this.lineItems.set(id, {
        id,
        orderId,
        sku_code: (this.options.storedAs ?? String)(String(body?.data?.attributes?.sku_code)),
        quantity: Number(body?.data?.attributes?.quantity),
      });
      order.lineItems.push(id);
      if (fault?.fault === "drop-after-apply") {
        this.requests.push({ method, path: url.pathname, query: url.search, status: 0, auth });
        req.socket.destroy();
        return;
      }
      const line = this.lineItemResource(id);
      if (line && this.options.answeredAs)
        line.attributes.sku_code = this.options.answeredAs(line.attributes.sku_code);
      send(201, { data: line }, rl);
      return;
    }
    send(404, { errors: [{ title: "Not found", code: "RECORD_NOT_FOUND", status: "404" }] });
  }
}
