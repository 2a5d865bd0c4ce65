import { describe, expect, it } from "vitest";
import { CHECKED_OUT, EDITABLE, ORDER_STATUSES, SETTLED } from "../../src/index.js";

describe("order status groups", () => {
  it("derive from the lifecycle order", () => {
    expect(ORDER_STATUSES).toHaveLength(13);
    expect([...EDITABLE]).toEqual(["Draft", "Edits Needed"]);
    expect([...CHECKED_OUT]).toEqual([
      "Payment Needed",
      "Paid",
      "Ready For Production",
      "In Production",
      "In QA",
      "InShipping",
      "Mailed",
    ]);
    expect([...SETTLED]).toEqual([
      "Paid",
      "Ready For Production",
      "In Production",
      "In QA",
      "InShipping",
      "Mailed",
    ]);
  });
});
