// The same order flow through the official SDK (@commercelayer/sdk), imported selectively as its
// README shows.
import { CommerceLayer, line_items, markets, orders } from "@commercelayer/sdk";

export async function orderFlow(accessToken: string) {
  CommerceLayer({ organization: "acme", accessToken });
  const order = await orders.create({
    customer_email: "jordan@example.com",
    reference: "WEB-1001",
    market: markets.relationship("vlkaZhkGNo"),
  });
  const line = await line_items.create({
    sku_code: "TSHIRTMM000000FFFFFFXLXX",
    quantity: 2,
    order: orders.relationship(order.id),
  });
  const full = await orders.retrieve(order.id, { include: ["line_items"] });
  const firstSku = full.line_items?.[0]?.sku_code;
  const placed = await orders.list({ filters: { status_eq: "placed" }, pageSize: 25 });
  const done = await orders._place(order.id);
  return { line, firstSku, total: full.formatted_total_amount, count: placed.length, status: done.status };
}
