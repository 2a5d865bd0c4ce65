// The benchmark server: plain node:http in its own process (never Prism), keep-alive, fixed JSON
// bodies shaped like the LettrLabs envelope. Reports its port to the parent over IPC, and its
// request counts on {type: "stats"}.
import { createServer } from "node:http";

const envelope = (payload) =>
  JSON.stringify({
    payload,
    errors: [],
    errorDetails: [],
    warnings: [],
    hasErrors: false,
    hasWarnings: false,
  });
const ME = envelope({
  id: 20417,
  email: "ops@example.com",
  firstName: "Alicia",
  lastName: "Moreno",
  company: "Bright Smile Dental",
});
const ORDERS = envelope({
  orderId: 0,
  status: "",
  orders: [{ id: 48213, status: "Draft", postageType: "Standard", productType: "Postcard" }],
});
const STAT = envelope({ orderId: 48213, statisticName: 0, statisticValue: "1", orderRecipientId: 903114 });
const PREVIEW = (n, orderId) =>
  envelope({
    orderId,
    status: "Draft",
    lineItems: [{ name: "Card", quantity: n, rate: 2.45, tax: 0, total: n * 2.45, subItems: [] }],
    credits: [],
    totalCharges: n * 2.45,
    totalTax: 0,
    totalCredits: 0,
    balance: n * 2.45,
  });

// Commerce Layer JSON:API documents (orders with included line items), for the comparison with
// the official SDK.
const clOrder = (id) => ({
  id,
  type: "orders",
  attributes: {
    number: "1001",
    status: "draft",
    payment_status: "unpaid",
    fulfillment_status: "unfulfilled",
    customer_email: "jordan@example.com",
    currency_code: "USD",
    total_amount_cents: 4900,
    formatted_total_amount: "$49.00",
    created_at: "2026-11-01T10:00:00.000Z",
    updated_at: "2026-11-01T10:00:00.000Z",
  },
  relationships: {
    line_items: {
      data: [
        { type: "line_items", id: "li1" },
        { type: "line_items", id: "li2" },
      ],
    },
    market: { data: null },
  },
  meta: { mode: "test" },
});
const lineItem = (id) => ({
  id,
  type: "line_items",
  attributes: { sku_code: `SKU-${id}`, quantity: 2, name: "T-shirt", total_amount_cents: 2450 },
  meta: { mode: "test" },
});
const CL_ONE = JSON.stringify({ data: clOrder("ordA"), included: [lineItem("li1"), lineItem("li2")] });
const CL_LIST = JSON.stringify({
  data: Array.from({ length: 25 }, (_, i) => ({ ...clOrder(`ord${i}`), relationships: undefined })),
  meta: { record_count: 250, page_count: 10 },
});
const CL_CREATED = JSON.stringify({ data: { ...clOrder("ordNew"), relationships: undefined } });

const stats = { requests: 0, appends: 0, recipients: 0 };
let drafts = [];
let nextOrderId = 48214;
/**
 * Recipients appended per order: each order is priced by its own count, as the API does (the
 * CLI's send reads the order's recipients when a preview prices more cards than it appended).
 */
const onOrder = new Map();
const server = createServer((req, res) => {
  stats.requests++;
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const send = (body, status = 200) => {
      res.writeHead(status, {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(body),
      });
      res.end(body);
    };
    const url = req.url ?? "/";
    if (url.startsWith("/orders")) {
      const jsonapi = (body, status = 200) => {
        res.writeHead(status, {
          "content-type": "application/vnd.api+json",
          "content-length": Buffer.byteLength(body),
        });
        res.end(body);
      };
      if (req.method === "POST") return jsonapi(CL_CREATED, 201);
      if (url.startsWith("/orders/")) return jsonapi(CL_ONE);
      return jsonapi(CL_LIST);
    }
    if (req.method === "GET" && url === "/v1/me") return send(ME);
    if (req.method === "GET" && url.startsWith("/v1/order?")) {
      if (url.includes("status=Draft")) return send(envelope({ orderId: 0, status: "", orders: drafts }));
      return send(ORDERS);
    }
    if (req.method === "POST" && url === "/v1/order-recipients-statistics") {
      JSON.parse(Buffer.concat(chunks).toString());
      return send(STAT);
    }
    if (req.method === "POST" && url === "/v1/order") {
      // A new Draft each time, as the API makes one (the client refuses an answer naming a Draft
      // it saw before the create: an earlier send's order).
      const id = nextOrderId++;
      drafts = [...drafts, { id, status: "Draft" }];
      return send(envelope({ orderId: id, status: "Draft" }));
    }
    if (req.method === "PUT" && /^\/v1\/order\/\d+\/recipients$/.test(url)) {
      const body = JSON.parse(Buffer.concat(chunks).toString());
      const n = body.recipients.length;
      stats.appends++;
      stats.recipients += n;
      const orderId = Number(url.split("/")[3]);
      onOrder.set(orderId, (onOrder.get(orderId) ?? 0) + n);
      return send(
        envelope({
          // The order asked for (the client refuses an answer for another order).
          orderId: Number(url.split("/")[3]),
          status: "Draft",
          submittedRecipients: n,
          acceptedRecipients: n,
          undeliverable: { undeliverableRecipients: [] },
        }),
      );
    }
    if (req.method === "GET" && /^\/v1\/order\/\d+\/checkout/.test(url)) {
      const orderId = Number(url.split("/")[3]);
      return send(PREVIEW(onOrder.get(orderId) ?? 0, orderId));
    }
    send(JSON.stringify({ message: "not found" }), 404);
  });
});
// Idle keep-alive sockets stay open for the whole run: the memory group blocks the bench's event
// loop for minutes while its child processes run, and a socket the server closed meanwhile was
// reused by the next request ("other side closed", which ended a full run).
server.keepAliveTimeout = 30 * 60_000;
server.listen(0, "127.0.0.1", () => process.send?.({ type: "port", port: server.address().port }));
process.on("message", (m) => {
  if (m?.type === "stats") process.send?.({ type: "stats", stats: { ...stats } });
  if (m?.type === "reset") {
    Object.assign(stats, { requests: 0, appends: 0, recipients: 0 });
    process.send?.({ type: "stats", stats: { ...stats } });
  }
  if (m?.type === "stop") server.close(() => process.exit(0));
});
process.on("disconnect", () => process.exit(0));
