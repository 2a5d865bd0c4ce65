import {
  assertSchedules,
  type ClFault,
  FakeCommerceLayer,
  type FaultKind,
  faultTimeout,
  scheduleArb,
} from "@orderkit/test-utils";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CommerceLayerError,
  commerceLayerClientCredentials,
  commerceLayerCreateOrder,
  commerceLayerPlaceOrder,
  commerceLayerRetrieveOrder,
  commerceLayerTriggerOrder,
  createCommerceLayerClient,
  createCommerceLayerCore,
} from "../../src/index.js";

const SECRET = "cl-secret-fault-suite-77ab";
const KINDS: FaultKind[] = ["drop-after-apply", "server-error", "rate-limit"];

function toFault(kind: FaultKind): ClFault | undefined {
  if (kind === "drop-after-apply") return "drop-after-apply";
  if (kind === "server-error") return { status: 503 };
  if (kind === "rate-limit") return { status: 429, headers: { "retry-after": "0" } };
  return undefined;
}

/**
 * Create (by reference), place and capture one order, resuming each step after a failure, through
 * the client's `orders` or through the standalone order functions on a core (the same protocol).
 */
async function scenario([schedule, standalone]: [FaultKind[], boolean]) {
  const fake = await new FakeCommerceLayer().start();
  const output: string[] = [];
  const log = (m: string) => output.push(m);
  try {
    fake.schedule = ({ index }) => toFault(schedule[index] ?? "none");
    const options = {
      baseUrl: fake.url,
      authUrl: fake.url,
      clientId: "client-fault",
      clientSecret: SECRET,
      backoff: { baseMs: 1, capMs: 4 },
      settleMs: 2,
      logger: { debug: log, info: log, warn: log },
    };
    const { authUrl, clientId, clientSecret, ...common } = options;
    const tokens = commerceLayerClientCredentials({ authUrl, clientId, clientSecret });
    const core = createCommerceLayerCore({ ...common, tokens });
    const orders = standalone
      ? {
          create: (
            ...args: Parameters<typeof commerceLayerCreateOrder> extends [unknown, ...infer A] ? A : never
          ) => commerceLayerCreateOrder(core, ...args),
          retrieve: (id: string) => commerceLayerRetrieveOrder(core, id),
          place: (id: string) => commerceLayerPlaceOrder(core, id),
          capture: (id: string) => commerceLayerTriggerOrder(core, id, "_capture"),
        }
      : createCommerceLayerClient(options).orders;
    const failures: unknown[] = [];
    let orderId: string | undefined;
    let placed = false;
    let captured = false;
    for (let attempt = 0; attempt < 8 && !captured; attempt++) {
      try {
        orderId ??= (
          await orders.create(
            { attributes: { reference: "REF-1", customer_email: "a@example.com" } },
            {},
            { resume: attempt > 0 },
          )
        ).id;
        if (!placed) {
          const order = await orders.retrieve(orderId);
          if (order.status !== "placed") await orders.place(orderId);
          placed = true;
        }
        const order = await orders.retrieve(orderId);
        if (order.payment_status !== "paid") await orders.capture(orderId);
        captured = true;
      } catch (error) {
        failures.push(error);
        if ((error as CommerceLayerError).kind === undefined) throw error;
      }
    }
    const withRef = [...fake.orders.values()].filter((o) => o.attributes.reference === "REF-1");
    expect(withRef.length).toBeLessThanOrEqual(1);
    expect(fake.applied._place ?? 0).toBeLessThanOrEqual(1);
    expect(fake.applied._capture ?? 0).toBeLessThanOrEqual(1);
    if (captured) {
      expect(withRef[0]?.id).toBe(orderId);
      expect(withRef[0]?.attributes.payment_status).toBe("paid");
      expect(fake.applied._capture).toBe(1);
    }
    const text = [
      ...output,
      ...failures.map((f) => `${String((f as Error).message)} ${JSON.stringify(f)}`),
    ].join("\n");
    expect(text).not.toContain(SECRET);
  } finally {
    await fake.stop();
  }
}

describe("Commerce Layer: randomized fault schedules against the stateful fake", () => {
  it(
    "never two orders for one reference, two places or two captures",
    async () => {
      await assertSchedules(
        "commercelayer create/place/capture (client or standalone functions)",
        fc.tuple(scheduleArb(KINDS, 20), fc.boolean()),
        scenario,
        120,
      );
    },
    faultTimeout(120),
  );
});
