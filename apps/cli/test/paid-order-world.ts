import { expect } from "vitest";
import { runCli, sendArgs, tempDir, writeCsv } from "./helpers.js";
import { world } from "./ledger-world.js";

// The worlds of the paid-order tests (send-adopt-own-checkout, send-paid-order-compared): a send
// whose order lost people before it was paid, addresses the fake refuses, listings that lag.

type World = Awaited<ReturnType<typeof world>>;

/** A send of `n` people whose payment fails: its order is back in Draft, its checkout on record. */
export async function failedPayment(n = 4) {
  const w = await world({ paymentFails: true });
  const dir = tempDir();
  const csv = writeCsv(dir, n);
  expect((await runCli(sendArgs(csv), w.env, dir)).code).not.toBe(0);
  const order = w.live()[0];
  if (!order) throw new Error("no order");
  expect(order.status).toBe("Draft");
  (w.f.options as { paymentFails: boolean }).paymentFails = false;
  return { ...w, dir, csv, order };
}

/** Takes the last two people off the order the way a user would (`orderkit recipients remove`). */
export async function removeTwo({ env, dir, order }: Awaited<ReturnType<typeof failedPayment>>) {
  const ids = order.recipients.slice(2).map((r) => String(r.id));
  const removed = await runCli(["recipients", "remove", String(order.id), ...ids], env, dir);
  expect(removed.code, removed.stderr).toBe(0);
  expect(order.recipients).toHaveLength(2);
}

/** {@link failedPayment} of 4, two of them taken off, then the order paid by `checkout submit`. */
export async function paidLackingTwo() {
  const w = await failedPayment();
  await removeTwo(w);
  const pay = await runCli(["checkout", "submit", String(w.order.id), "--yes"], w.env, w.dir);
  expect(pay.code, pay.stderr).toBe(0);
  w.order.status = "Paid";
  return w;
}

/** The fake's answer to a listing of orders that shows `orderId` in Draft (lagging behind its checkout). */
export const staleListing = (orderId: number) =>
  ({
    kind: "status",
    status: 200,
    body: {
      payload: { orderId: 0, status: "", orders: [{ id: orderId, status: "Draft", templateId: 7 }] },
      errors: [],
      hasErrors: false,
    },
  }) as const;

/** Answers the first `n` listings of orders with the order in Draft. */
export function staleListings(f: World["f"], orderId: number, n: number) {
  let k = 0;
  f.schedule = ({ method, path }) =>
    method !== "GET" || path !== "/v1/order" || k++ >= n ? undefined : staleListing(orderId);
}

/**
 * Makes the fake refuse the people living at `streets` (their street blanked on the way in, which
 * it takes as an invalid address); with `countsOnly`, its reply gives their number but lists none.
 */
export function refuseStreets(f: World["f"], streets: ReadonlySet<string>, countsOnly = false) {
  type Route = (method: string, path: string, query: unknown, body: unknown) => unknown;
  const fake = f as unknown as { route: Route };
  const route = fake.route.bind(f);
  fake.route = (method, path, query, body) => {
    const sent = body as { recipients?: { address?: { address1?: string } }[] } | undefined;
    if (method === "PUT" && sent?.recipients)
      sent.recipients = sent.recipients.map((r) =>
        streets.has(r.address?.address1 ?? "") ? { ...r, address: { ...r.address, address1: "" } } : r,
      );
    const res = route(method, path, query, body) as {
      body?: { payload?: { undeliverable?: { undeliverableRecipients?: unknown[] } } };
    };
    const undeliverable = res?.body?.payload?.undeliverable;
    if (countsOnly && method === "PUT" && undeliverable) undeliverable.undeliverableRecipients = [];
    return res;
  };
}
