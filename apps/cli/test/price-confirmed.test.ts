import { describe, expect, it } from "vitest";
import { stopIfPriceChanged } from "../src/orders/price-confirmed.js";

// What `send` and `checkout submit` compare before paying: the preview the user confirmed against
// one read after the answer. Each figure on its own stops the checkout (review 193: a check of one
// of them alone passed every test), and cents, not floating-point noise, decide.
const base = {
  lineItems: [{ name: "Handwritten card", quantity: 3, rate: 2.45, total: 7.35 }],
  totalCharges: 7.35,
  totalCredits: 0,
  balance: 7.35,
};
const stops = (now: object) => () => stopIfPriceChanged(1000, base, { ...base, ...now });

describe("stopIfPriceChanged", () => {
  it("lets the same price through, whatever the floating-point noise", () => {
    expect(stops({})).not.toThrow();
    expect(stops({ totalCharges: 7.3500000000000005, balance: 7.349999999999999 })).not.toThrow();
  });

  it.each([
    ["the card count alone", { lineItems: [{ ...base.lineItems[0], quantity: 4 }] }, "4 cards"],
    ["what is to pay alone (credits spent elsewhere)", { balance: 4.9 }, "$4.90 to pay"],
    ["the charges alone (the whole order paid by credits)", { totalCharges: 9.8 }, "charges $9.80"],
    ["the credits alone", { totalCredits: 2.45 }, "credits $2.45"],
    ["a balance the second preview leaves out", { balance: undefined, totalCharges: 7.35 }, undefined],
  ])("stops on a change of %s, naming both prices", (_, now, said) => {
    if (said === undefined) {
      // (balance ?? totalCharges is the same amount: the same price.)
      expect(stops(now)).not.toThrow();
      return;
    }
    expect(stops(now)).toThrow(
      /The price of order 1000 changed after it was confirmed: 3 cards, charges \$7\.35/,
    );
    expect(stops(now)).toThrow(said);
    expect(stops(now)).toThrow(/Nothing was charged\./);
  });

  it("stops on credits that appear when a preview had none listed", () => {
    const { totalCredits: _, ...without } = base;
    expect(() => stopIfPriceChanged(1000, without, { ...without, totalCredits: 1 })).toThrow(/changed/);
  });
});
