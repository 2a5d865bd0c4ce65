import { describe, expect, it } from "vitest";
import { lettrLabsFake } from "./fake-lettrlabs.js";
import { HAS_SCRIPT, runOnTerminal, tempDir } from "./helpers.js";

// `checkout submit` on a terminal asks at the price it previews, and pays only at that price: the
// order is read again once the user says yes, and a change made meanwhile (people added or taken
// off in the app, which the order's lock cannot hold off) stops it, nothing charged.
const KEY = "LL-API-price-confirmed-key";

describe.skipIf(!HAS_SCRIPT)("checkout submit pays only the price the user confirmed", () => {
  async function draftOf(people: number) {
    const { f, env } = await lettrLabsFake(KEY);
    const order = f.seedOrder("Draft", 7);
    for (let i = 0; i < people; i++)
      order.recipients.push({
        id: i + 1,
        address: { address1: `${i} Main St`, city: "Austin", state: "TX", zipCode: "78704" },
      });
    return { f, env, order, dir: tempDir() };
  }

  it.each([
    ["two people added in the app", 2, "5 cards"],
    ["one person taken off in the app", -1, "2 cards"],
  ])(
    "%s while the question waits: stops (exit 1), nothing charged",
    async (_, change, now) => {
      const { env, order, dir } = await draftOf(3);
      const run = await runOnTerminal(["checkout", "submit", String(order.id)], env, dir, async () => {
        if (change > 0)
          for (let i = 0; i < change; i++)
            order.recipients.push({
              id: 100 + i,
              address: { address1: `${100 + i} Other Rd`, city: "Austin", state: "TX", zipCode: "78704" },
            });
        else order.recipients.splice(0, -change);
        return "y";
      });
      expect(run.out).toContain("3 recipients");
      expect(run.code).toBe(1);
      expect(run.out).toContain(`The price of order ${order.id} changed after it was confirmed: 3 cards`);
      expect(run.out).toContain(now);
      expect(run.out).toContain("Nothing was charged.");
      expect(order.checkouts).toBe(0);
      expect(order.status).toBe("Draft");
    },
    30_000,
  );

  it("review 193: previews without card counts, the order paid by credits (nothing to pay either time), charges changed: stops, nothing charged", async () => {
    const { f, env, order, dir } = await draftOf(3);
    const preview = (charges: number) => ({
      kind: "status" as const,
      status: 200,
      body: {
        payload: {
          orderId: order.id,
          status: "Draft",
          lineItems: [{ name: "Handwritten card", rate: 2.45, total: charges }],
          credits: [{ name: "Prepaid credits", total: -charges }],
          totalCharges: charges,
          totalCredits: charges,
          balance: 0,
        },
        errors: [],
        hasErrors: false,
      },
    });
    f.inject("GET", /\/checkout$/, preview(7.35));
    f.inject("GET", /\/checkout$/, preview(12.25));
    const run = await runOnTerminal(["checkout", "submit", String(order.id)], env, dir, async () => "y");
    // No count to say: the question names none (never "0 recipients").
    expect(run.out).toContain("Standard postage, Normal production, $0.00 to pay?");
    expect(run.out).not.toContain("0 recipients");
    expect(run.code).toBe(1);
    expect(run.out).toContain("charges $12.25");
    expect(order.checkouts).toBe(0);
  }, 30_000);

  it("nothing changed while the question waits: checked out once at the price asked", async () => {
    const { env, order, dir } = await draftOf(3);
    const run = await runOnTerminal(["checkout", "submit", String(order.id)], env, dir, async () => "y");
    expect(run.out).toContain("3 recipients");
    expect(run.code, run.out).toBe(0);
    expect(order.checkouts).toBe(1);
  }, 30_000);
});
