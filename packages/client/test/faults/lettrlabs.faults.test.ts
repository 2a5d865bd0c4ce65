import {
  assertSchedules,
  FakeLettrLabs,
  type FaultKind,
  FOREIGN_TEMPLATE,
  faultTimeout,
  lettrLabsFault,
  scheduleArb,
} from "@orderkit/test-utils";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createLettrLabsClient, type LettrLabsError, recipientKey } from "../../src/index.js";
import { recipients } from "../lettrlabs/helpers.js";

const KEY = "LL-API-fault-suite-secret-91f3";
const TEMPLATE = 4242;

const KINDS: FaultKind[] = [
  "drop-before-apply",
  "drop-after-apply",
  "server-error",
  "rate-limit",
  "timeout",
  "malformed-2xx",
  "foreign-draft",
];

/**
 * One caller sending one order, as the CLI does: create (resumed after a failure with its Drafts
 * snapshot), append (resumed after a failure), check out (resumed), wait. An ambiguous create is
 * never confirmed here: the caller stops, as the CLI does under --yes.
 */
async function scenario(schedule: FaultKind[], count: number, chunkSize: number) {
  const fake = await new FakeLettrLabs({ apiKey: KEY, pollsUntilSettled: 0, pollAfterSeconds: 0 }).start();
  const output: string[] = [];
  const log = (m: string) => output.push(m);
  try {
    fake.schedule = ({ index }) => lettrLabsFault(schedule[index] ?? "none");
    const ll = createLettrLabsClient({
      apiKey: KEY,
      baseUrl: fake.url,
      timeoutMs: 100,
      backoff: { baseMs: 1, capMs: 4 },
      settleMs: 2,
      logger: { debug: log, info: log, warn: log },
    });
    const list = recipients(count);
    let orderId: number | undefined;
    let draftsBefore: number[] | undefined;
    let appended = false;
    let checkedOut = false;
    let outcome: "settled" | "stopped" = "stopped";
    const failures: unknown[] = [];
    for (let attempt = 0; attempt < 8; attempt++) {
      try {
        if (orderId === undefined) {
          const resume = draftsBefore !== undefined;
          draftsBefore ??= [...(await ll.orders.draftIds())];
          orderId = (await ll.orders.create({ templateId: TEMPLATE }, { draftsBefore, resume })).orderId;
        }
        if (!appended) {
          const summary = await ll.orders.recipients.append(orderId, list, {
            chunkSize,
            resume: attempt > 0,
          });
          expect(summary.accepted).toBe(count);
          appended = true;
        }
        if (!checkedOut) {
          await ll.orders.checkout.submit(
            orderId,
            { postageType: "Standard", productionSpeed: "Normal" },
            { resume: attempt > 0 },
          );
          checkedOut = true;
        }
        const settled = await ll.orders.waitForSettlement(orderId, { timeoutMs: 3000 });
        expect(settled.status).toBe("Paid");
        outcome = "settled";
        break;
      } catch (error) {
        failures.push(error);
        const kind = (error as LettrLabsError).kind;
        if (kind === "ambiguous_write" && orderId === undefined) break;
        if (kind === undefined) throw error;
      }
    }

    // Invariants, on the server's state.
    const ours = [...fake.orders.values()].filter((o) => o.templateId === TEMPLATE);
    const foreign = [...fake.orders.values()].filter((o) => o.templateId === FOREIGN_TEMPLATE);
    expect(ours.length).toBeLessThanOrEqual(1);
    for (const o of foreign) {
      expect(o.recipients).toHaveLength(0);
      expect(o.checkouts).toBe(0);
    }
    const order = ours[0];
    if (order) {
      const keys = order.recipients.map((r) => recipientKey(r as never));
      expect(new Set(keys).size).toBe(keys.length);
      expect(order.checkouts).toBeLessThanOrEqual(1);
    }
    if (outcome === "settled") {
      expect(order?.id).toBe(orderId);
      expect(order?.status).toBe("Paid");
      expect(order?.recipients).toHaveLength(count);
      expect(order?.checkouts).toBe(1);
    } else if (orderId === undefined) {
      // Stopped on an ambiguous create: nothing of ours was filled or charged.
      expect(order?.recipients.length ?? 0).toBe(0);
      expect(order?.checkouts ?? 0).toBe(0);
    }
    const text = [
      ...output,
      ...failures.map((f) => `${String((f as Error).message)} ${JSON.stringify(f)}`),
    ].join("\n");
    expect(text).not.toContain(KEY);
  } finally {
    await fake.stop();
  }
}

describe("LettrLabs: randomized fault schedules against the stateful fake", () => {
  it(
    "never two orders, a recipient twice, a foreign order filled, or two checkouts",
    async () => {
      await assertSchedules(
        "lettrlabs order flow",
        fc.tuple(scheduleArb(KINDS), fc.integer({ min: 1, max: 2600 }), fc.constantFrom(50, 400, 1000)),
        ([schedule, count, chunk]) => scenario(schedule, count, chunk),
        120,
      );
    },
    faultTimeout(120),
  );
});
