import { inspect } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { redact, redactCause, redactDeep } from "../../src/core/redact.js";

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

describe("redactCause", () => {
  const SECRET = "LL-API-cause-SECRET-42";
  class CustomError extends Error {}
  const classes = [Error, TypeError, RangeError, SyntaxError, CustomError] as const;
  /** Where a link of the chain may hold the secret. */
  const link = fc.record({
    kind: fc.integer({ min: 0, max: classes.length - 1 }),
    inMessage: fc.boolean(),
    inField: fc.boolean(),
    code: fc.option(fc.constantFrom("ECONNRESET", "ENOTFOUND"), { nil: undefined }),
  });
  // A chain of 1-6 errors, ending maybe in a text cause that quotes the secret.
  const chain = fc.record({ links: fc.array(link, { minLength: 1, maxLength: 6 }), textCause: fc.boolean() });

  it("takes the secret out of every link of any cause chain, keeping each link's class and fields", () => {
    fc.assert(
      fc.property(chain, ({ links, textCause }) => {
        let cause: unknown = textCause ? `quoted ${SECRET}` : undefined;
        for (const l of [...links].reverse()) {
          const Class = classes[l.kind] as ErrorConstructor;
          const error = new Class(l.inMessage ? `failed with ${SECRET}` : "failed", { cause });
          Object.assign(error, {
            ...(l.inField && { sent: `key=${SECRET}` }),
            ...(l.code && { code: l.code }),
            n: 7,
          });
          cause = error;
        }
        const redacted = redactCause(cause, [SECRET]);
        expect(inspect(redacted, { depth: 20 })).not.toContain(SECRET);
        const holds = links.some((l) => l.inMessage || l.inField) || textCause;
        // Nothing to take out: the very same error.
        if (!holds) expect(redacted).toBe(cause);
        let before: unknown = cause;
        let after: unknown = redacted;
        for (const l of links) {
          expect(after).toBeInstanceOf(classes[l.kind] as ErrorConstructor);
          expect(Object.getPrototypeOf(after)).toBe(Object.getPrototypeOf(before));
          expect((after as { code?: string }).code).toBe(l.code);
          expect((after as { n?: number }).n).toBe(7);
          expect((after as Error).message).toBe((before as Error).message.replace(SECRET, "***"));
          before = (before as Error).cause;
          after = (after as Error).cause;
        }
        expect(after).toBe(textCause ? "quoted ***" : undefined);
      }),
      { numRuns: 500, seed: 20261201 },
    );
  });

  it("cuts a chain off 8 causes deep: one that loops back on itself ends, with no secret left", () => {
    const error = new Error(`loop ${SECRET}`);
    (error as { cause?: unknown }).cause = error;
    const redacted = redactCause(error, [SECRET]) as Error;
    expect(redacted.message).toBe("loop ***");
    let depth = 0;
    for (let e: unknown = redacted; e instanceof Error && depth < 20; e = e.cause) depth++;
    expect(depth).toBeLessThan(20);
    expect(inspect(redacted, { depth: 30 })).not.toContain(SECRET);
  });
});
