// The same calls on bare openapi-fetch with the generated paths.
import type { paths } from "@orderkit/types/lettrlabs";
import createClient from "openapi-fetch";

export async function quickStart(apiKey: string) {
  const c = createClient<paths>({
    baseUrl: "https://app.lettrlabs.com/api",
    headers: { "X-API-KEY": apiKey },
  });
  const me = await c.GET("/v1/me");
  const created = await c.POST("/v1/order", { body: { templateId: 12345 } });
  const orderId = created.data?.payload.orderId ?? 0;
  const appended = await c.PUT("/v1/order/{id}/recipients", {
    params: { path: { id: orderId } },
    body: {
      recipients: [
        {
          address: { address1: "1458 Oak Street", city: "Austin", state: "TX", zipCode: "78704" },
          personal: { firstName: "Jordan" },
        },
      ],
    },
  });
  const price = await c.GET("/v1/order/{id}/checkout", {
    params: { path: { id: orderId }, query: { postage: "Standard" } },
  });
  const checkout = await c.POST("/v1/order/{id}/checkout", {
    params: { path: { id: orderId } },
    body: { postageType: "Standard", productionSpeed: "Normal" },
  });
  const settled = await c.GET("/v1/order", { params: { query: { id: String(orderId) } } });
  const pdf = await c.GET("/v1/order/{id}/proof", {
    params: { path: { id: orderId } },
    parseAs: "arrayBuffer",
  });
  const orders = await c.GET("/v1/order", { params: { query: { status: "Draft" } } });
  const recipients = await c.GET("/v1/order/{id}/recipients", { params: { path: { id: orderId } } });
  return { me, appended, price, checkout, settled, pdf, orders, recipients };
}
