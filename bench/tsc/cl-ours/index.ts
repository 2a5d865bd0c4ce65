// A Commerce Layer order flow through our client: create in a market, add a line, read it back
// with its lines, list placed orders, place it.
import { createCommerceLayerClient } from "@orderkit/client";

export async function orderFlow(accessToken: string) {
  const cl = createCommerceLayerClient({ organization: "acme", accessToken });
  const order = await cl.orders.create({
    attributes: { customer_email: "jordan@example.com", reference: "WEB-1001" },
    relationships: { market: { type: "markets", id: "vlkaZhkGNo" } },
  });
  const line = await cl.lineItems.create({
    order: order.id,
    sku_code: "TSHIRTMM000000FFFFFFXLXX",
    quantity: 2,
  });
  const full = await cl.orders.retrieve(order.id, { include: ["line_items"] });
  const first = full.line_items?.[0];
  const firstSku = first && "sku_code" in first ? first.sku_code : undefined;
  const placed = await cl.orders.list({ filter: { status_eq: "placed" }, page: { size: 25 } });
  const done = await cl.orders.place(order.id);
  return { line, firstSku, total: full.formatted_total_amount, count: placed.length, status: done.status };
}
