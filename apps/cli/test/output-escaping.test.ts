import { describe, expect, it } from "vitest";
import { printable, printableMessage, safeJson } from "../src/output.js";

/** `text` as a `--json` value, parsed back: the same data whatever was escaped. */
const roundTrip = (text: string) => JSON.parse(safeJson({ v: text })).v;

describe("output escaping: what would look like another value is shown escaped", () => {
  it.each([
    // A directional mark with no right-to-left letter near it: S + LRM is not the SKU S.
    ["S\u200e", "S\\u200e"],
    ["\u200e\u200fS", "\\u200e\\u200fS"],
    ["7\u061c", "7\\u061c"],
    // … nor beside something of a right-to-left block that is no letter (unassigned, a
    // noncharacter, a format character, a mark).
    ["S\u200e\u05c8", "S\\u200e\u05c8"],
    ["S\u200e\ufdd0", "S\\u200e\\ufdd0"],
    ["S\u200e\u{10fff}", "S\\u200e\u{10fff}"],
    ["S\u200e\u0605", "S\\u200e\\u0605"],
    ["S\u200e\u0651", "S\\u200e\u0651"],
    // Format characters and noncharacters, anywhere.
    ["x\u0600y", "x\\u0600y"],
    ["n\ufdd0", "n\\ufdd0"],
    ["n\u{10ffff}", "n\\u{10ffff}"],
    ["a\u2065b", "a\\u2065b"],
    ["a\u{110bd}b", "a\\u{110bd}b"],
    // Spaces that look like a plain one, at a value's start or end.
    ["SKU-1\u00a0", "SKU-1\\u00a0"],
    ["\u3000SKU", "\\u3000SKU"],
    ["SKU\u2009\u202f", "SKU\\u2009\\u202f"],
    // Line and paragraph separators; joiners and several selectors at a value's end (review 160).
    ["a\u2028b\u2029", "a\\u2028b\\u2029"],
    ["山\u200d", "山\\u200d"],
    ["محمد\u200c\u200c", "محمد\\u200c\\u200c"],
    ["😀\ufe0f\ufe0f", "😀\\ufe0f\\ufe0f"],
    ["→\u034f", "→\\u034f"],
    ["1\ufe0f", "1\\ufe0f"],
    // Marks after a symbol shown as an emoji: only its one selector is kept (review 161).
    ["ACME™\u200c-1", "ACME™\\u200c-1"],
    ["ACME™\u034f\u034f-1", "ACME™\\u034f\\u034f-1"],
    ["Brand®\ufe0e", "Brand®\\ufe0e"],
    ["Brand®\u{e0100}", "Brand®\\u{e0100}"],
    ["(c)©\u180b", "(c)©\\u180b"],
    ["™\ufe0f\ufe0f", "™\\ufe0f\\ufe0f"],
  ])("%j is shown as %s", (text, shown) => {
    expect(printable(text)).toBe(shown);
    expect(roundTrip(text)).toBe(text);
    // In JSON, escaped as JSON escapes (and so never raw).
    const json = safeJson({ v: text });
    expect(json).not.toBe(JSON.stringify({ v: text }));
  });

  it.each([
    // Names in Arabic or Hebrew keep their marks: beside a letter, or digits, spaces and
    // punctuation next to one.
    "\u200fمحمد\u200cی\u200f\u0915\u094d\u200d\u0937",
    "הרצל 12\u200f",
    "יוסי (אבא)\u200f",
    "שלום!\u200f",
    "ص.ب \u061c123",
    "1\u200fب",
    // A space inside a value is its own business; emoji sequences, flags, accents.
    "a\u00a0b",
    "👩\u200d💻 🏴\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f} e\u0301",
    // Emoji presentation of symbols, keycaps, one selector at the end.
    "©\ufe0f ®\ufe0f ™\ufe0f ℹ\ufe0f ‼\ufe0f 1\ufe0f\u20e3 #\ufe0f\u20e3",
    "❤\ufe0f",
    "葛\u{e0100}",
  ])("%j is shown as it is", (text) => {
    expect(printable(text)).toBe(text);
    expect(safeJson({ v: text })).toBe(JSON.stringify({ v: text }));
  });

  it("a message's lines are each a value: a trailing no-break space on a line is shown", () => {
    expect(printableMessage("ok\u00a0\nnext")).toBe("ok\\u00a0\n  next");
  });

  it("a long run of digits between a mark and a right-to-left letter is not enough (at most 8)", () => {
    expect(printable("ب123456789\u200f")).toBe("ب123456789\\u200f");
    expect(printable("ب12345678\u200f")).toBe("ب12345678\u200f");
  });
});

describe("output escaping stays linear on long runs", () => {
  // A quadratic pattern took ~50 s on this input (review 160): the test would not finish.
  it("a value holding 200k look-alike spaces that do not end it is shown as it is", () => {
    const text = `x${"\u00a0".repeat(200_000)}x`;
    expect(printable(text)).toBe(text);
    expect(roundTrip(text)).toBe(text);
  });
});
