// Commerce Layer `orders.create` calls of one reference in one process take turns: two at once
// (two `resume` calls, or one whose answer was lost beside another) must never make two orders.
import { assertSchedules, faultTimeout } from "@orderkit/test-utils";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OrderkitError } from "../../src/index.js";
import { WRITE_FAULTS as FAULTS, setup } from "../commercelayer/helpers.js";

async function setUp(settleMs = 2, timeoutMs = 60) {
  const { fake, cl: client } = await setup({}, { settleMs, timeoutMs });
  const ordersOf = (reference: string) =>
    [...fake.orders.values()].filter((o) => o.attributes.reference === reference);
  return { fake, client, ordersOf };
}

describe("commerceLayer orders.create of one reference, several at once in one process", () => {
  it(
    "seeded: concurrent resumed creates of one reference, under faults, make one order at most, and every call that succeeds returns it",
    async () => {
      await assertSchedules(
        "cl orders.create concurrently",
        fc.tuple(
          fc.integer({ min: 2, max: 5 }),
          fc.array(fc.integer({ min: 0, max: FAULTS.length - 1 }), { maxLength: 6 }),
        ),
        async ([calls, faults]) => {
          const { fake, client, ordersOf } = await setUp(150);
          let index = 0;
          fake.schedule = ({ method, path }) =>
            method === "POST" && path === "/orders" ? FAULTS[faults[index++] ?? 0] : undefined;
          try {
            // All at once, as `Promise.all` over a retried job queue would: they must take turns.
            const results = await Promise.allSettled(
              Array.from({ length: calls }, () =>
                client.orders.create({ attributes: { reference: "WEB-7" } }, {}, { resume: true }),
              ),
            );
            fake.schedule = undefined;
            await new Promise((r) => setTimeout(r, 150));
            const held = ordersOf("WEB-7");
            expect(held.length).toBeLessThanOrEqual(1);
            for (const result of results) {
              if (result.status === "fulfilled") expect(result.value.id).toBe(held[0]?.id);
              else expect(result.reason).toBeInstanceOf(OrderkitError);
            }
          } finally {
            fake.schedule = undefined;
          }
        },
        10,
      );
    },
    faultTimeout(10, "FAULT_RUNS", 8000),
  );

  it("a resumed create of a reference whose create is still on its way waits for it, then finds its order: one order, one POST", async () => {
    const { fake, client, ordersOf } = await setUp(100, 5000);
    // The first create is answered 400 ms after it arrives. The second, resumed at once, would read
    // back after its 100 ms settle wait, see no order, and create one: it must wait its turn.
    fake.inject("POST", /^\/orders$/, { lateMs: 400 });
    const first = client.orders.create({ attributes: { reference: "JOB-1" } });
    await new Promise((r) => setTimeout(r, 20));
    const second = await client.orders.create({ attributes: { reference: "JOB-1" } }, {}, { resume: true });
    expect(second.id).toBe((await first).id);
    expect(ordersOf("JOB-1")).toHaveLength(1);
    expect(fake.requests.filter((r) => r.method === "POST" && r.path === "/orders")).toHaveLength(1);
  });

  it("another reference does not wait, and a create without a reference takes no turn", async () => {
    // The first create's POST is held by the fake until the others are done (a gate, no clock), with
    // a timeout longer than the test's: it holds its reference's line all along. Were the others to
    // wait for it, they would never finish (the test would time out).
    const { fake, client, ordersOf } = await setUp(2, 60_000);
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let held = () => {};
    const arrived = new Promise<void>((resolve) => {
      held = resolve;
    });
    fake.inject("POST", /^\/orders$/, { heldUntil: gate, onHeld: () => held() });
    let slowDone = false;
    const slow = client.orders.create({ attributes: { reference: "SLOW-1" } }).finally(() => {
      slowDone = true;
    });
    // The held POST has reached the fake: its line is taken.
    await arrived;
    const other = await client.orders.create({ attributes: { reference: "FAST-1" } });
    const bare = await client.orders.create({});
    expect(slowDone).toBe(false);
    expect(other.id).not.toBe(bare.id);
    release();
    const found = await slow;
    expect(ordersOf("SLOW-1").map((o) => o.id)).toEqual([found.id]);
    expect(fake.orders.size).toBe(3);
  });

  it("a create waiting for another of its reference, aborted, stops waiting: a plain abort, nothing of it sent", async () => {
    const { fake, client, ordersOf } = await setUp(300);
    fake.inject("POST", /^\/orders$/, { lateMs: 100 });
    const first = client.orders.create({ attributes: { reference: "AB-1" } });
    const controller = new AbortController();
    const second = client.orders
      .create({ attributes: { reference: "AB-1" } }, {}, { signal: controller.signal })
      .catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 20));
    controller.abort();
    const error = (await second) as OrderkitError;
    expect(error).toBeInstanceOf(OrderkitError);
    expect(error.kind).toBe("aborted");
    expect(error.message).not.toContain("may have");
    await first;
    expect(ordersOf("AB-1")).toHaveLength(1);
    expect(fake.requests.filter((r) => r.method === "POST" && r.path === "/orders")).toHaveLength(1);
  });
});
