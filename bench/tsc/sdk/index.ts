// The README's quick-start calls through the SDK.
import { createLettrLabsClient } from "@orderkit/client";

export async function quickStart(apiKey: string) {
  const ll = createLettrLabsClient({ apiKey });
  const me = await ll.me();
  const { orderId } = await ll.orders.create({ templateId: 12345 });
  const appended = await ll.orders.recipients.append(orderId, [
    {
      address: { address1: "1458 Oak Street", city: "Austin", state: "TX", zipCode: "78704" },
      personal: { firstName: "Jordan" },
    },
  ]);
  const price = await ll.orders.checkout.preview(orderId, { postage: "Standard" });
  const checkout = await ll.orders.checkout.submit(orderId, {
    postageType: "Standard",
    productionSpeed: "Normal",
  });
  const settled = await ll.orders.waitForSettlement(orderId, { pollAfterSeconds: checkout.pollAfterSeconds });
  const pdf = await ll.orders.proof(orderId);
  const orders = await ll.orders.list({ status: "Draft" });
  const recipients = await ll.orders.recipients.list(orderId);
  return { me, appended, price, settled, pdf, orders, recipients };
}
