import { describe, expect, it } from "vitest";
import { isReadable } from "../../src/index.js";

describe("isReadable: text a person could read someone by", () => {
  it("takes text with a letter or a digit of any script", () => {
    for (const text of [
      "a@example.com",
      "+1 512 555 0100",
      "SAVE10",
      "1 Main St",
      "José",
      "東京",
      "٣",
      " x ",
    ])
      expect(isReadable(text), JSON.stringify(text)).toBe(true);
  });

  it("refuses blanks, invisible characters, fillers, marks and punctuation alone, and anything not text", () => {
    const none = [
      "",
      "   ",
      "\u00a0",
      "\u200b",
      "\u3164",
      "\uffa0",
      "\u115f\u1160",
      "\u2800",
      "\u0301",
      "\ufe0f",
      "\u0007",
      "-.@",
      "\u200b\u3164 ",
    ];
    for (const text of none) expect(isReadable(text), JSON.stringify(text)).toBe(false);
    for (const value of [undefined, null, 42, ["a"], { toString: () => "a" }])
      expect(isReadable(value)).toBe(false);
  });
});
