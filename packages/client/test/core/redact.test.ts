import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { redact, redactDeep } from "../../src/core/redact.js";

// A server may echo a secret it was sent as it is, or inside JSON text escaped its own way: any
// character as `\uXXXX` (lower or upper case), or JSON's short escapes. None may survive redaction.
const SHORT: Record<string, string> = {
  '"': '\\"',
  "\\": "\\\\",
  "/": "\\/",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
};

/** `secret` with each UTF-16 unit written in the style `styles[i]` picks. */
function escaped(secret: string, styles: number[]): string {
  let out = "";
  for (let i = 0; i < secret.length; i++) {
    const c = secret[i] as string;
    const hex = secret.charCodeAt(i).toString(16).padStart(4, "0");
    const style = (styles[i] ?? 0) % 4;
    out +=
      style === 1
        ? `\\u${hex}`
        : style === 2
          ? `\\u${hex.toUpperCase()}`
          : style === 3 && SHORT[c]
            ? SHORT[c]
            : c;
  }
  return out;
}

describe("redact", () => {
  it("removes a secret as it is and in any JSON escaping of it", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", minLength: 4, maxLength: 24 }),
        fc.array(fc.nat(3), { minLength: 24, maxLength: 24 }),
        (secret, styles) => {
          const text = `echo [${escaped(secret, styles)}] end`;
          expect(redact(text, [secret])).toBe("echo [***] end");
        },
      ),
      { numRuns: 2000, seed: 20261201 },
    );
  });

  it("removes the longest secret first, so that one inside another leaves nothing of it", () => {
    expect(redact("Bearer tok-SECRET-abcdef123", ["tok-", "tok-SECRET-abcdef123"])).toBe("Bearer ***");
    expect(redact("id ab-tok-SECRET-abcdef123", ["tok-", "tok-SECRET-abcdef123"])).toBe("id ab-***");
  });

  it("leaves other text, short secrets and lone backslashes as they are", () => {
    expect(redact('a \\"quoted\\" path C:\\dir', ["zzzz-secret"])).toBe('a \\"quoted\\" path C:\\dir');
    expect(redact("abc abc", ["abc", undefined, ""])).toBe("abc abc");
  });

  it("redacts object keys as well as values", () => {
    const out = redactDeep(
      { meta: { "tok-SECRET-abcdef123": "not allowed" }, list: ["x tok-SECRET-abcdef123"] },
      ["tok-SECRET-abcdef123"],
    );
    expect(JSON.stringify(out)).not.toContain("SECRET");
    expect(out).toEqual({ meta: { "***": "not allowed" }, list: ["x ***"] });
  });
});
