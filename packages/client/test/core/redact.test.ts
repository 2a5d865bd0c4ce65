import { inspect } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TransportError } from "../../src/core/errors.js";
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

  it("answers as the full search does when it skips it (a text that surely holds no secret): any text, case and escapes", () => {
    // The full search, as redact ran before its quick answer: every secret looked for each time.
    // (A backslash and a character no secret here holds, `\\#`, sends redact to its full search.)
    const full = (text: string, secrets: string[]) => redact(`\\#${text}`, secrets).slice(2);
    const unit = fc.constantFrom(
      ...'aAbBzZ09-_.~ \\"/uU{}\u00e9\u00c9\u0131I\u03c3\u03c2\u03a3\u017fsS\u212ak\u00dfK',
    );
    const word = (max: number) => fc.string({ unit, minLength: 0, maxLength: max });
    fc.assert(
      fc.property(
        fc.array(word(8), { minLength: 1, maxLength: 3 }),
        word(6),
        word(6),
        fc.array(fc.nat(2), { maxLength: 3 }),
        (secrets, before, after, picks) => {
          // Texts that hold a secret (as it is, upper- or lower-cased), or none.
          const secret = secrets[(picks[0] ?? 0) % secrets.length] as string;
          const forms = [secret, secret.toUpperCase(), secret.toLowerCase(), ""];
          const text = `${before}${forms[(picks[1] ?? 0) % forms.length]}${after}`;
          expect(redact(text, secrets)).toBe(full(text, secrets));
        },
      ),
      { numRuns: 5000, seed: 20261205 },
    );
    // The one the quick answer takes most: no secret in it, returned as it is.
    expect(redact("Jordan Reyes, 1200 Main St", ["LL-API-key-1", "cl-secret-2"])).toBe(
      "Jordan Reyes, 1200 Main St",
    );
    expect(redact("key LL-api-KEY-1 here", ["LL-API-key-1"])).toBe("key *** here");
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
  class CustomError extends Error {
    override name = "CustomError";
  }
  // Foreign classes (anything a fetch or a middleware may throw), then the client's own (kept).
  const foreign = [Error, TypeError, RangeError, SyntaxError, CustomError] as const;
  const OWN = foreign.length;
  /** Where a link of the chain may hold the secret. */
  const link = fc.record({
    kind: fc.integer({ min: 0, max: OWN }),
    inMessage: fc.boolean(),
    inField: fc.boolean(),
    code: fc.option(fc.constantFrom("ECONNRESET", "ENOTFOUND"), { nil: undefined }),
  });
  // A chain of 1-6 errors, ending maybe in a text cause that quotes the secret.
  const chain = fc.record({ links: fc.array(link, { minLength: 1, maxLength: 6 }), textCause: fc.boolean() });

  it("takes the secret out of any cause chain: the client's own errors kept, anything else a native stand-in", () => {
    fc.assert(
      fc.property(chain, ({ links, textCause }) => {
        let cause: unknown = textCause ? `quoted ${SECRET}` : undefined;
        for (const l of [...links].reverse()) {
          const message = l.inMessage ? `failed with ${SECRET}` : "failed";
          const error =
            l.kind === OWN
              ? new TransportError("connection", "Connection failed.", false, { cause })
              : new (foreign[l.kind] as ErrorConstructor)(message, { cause });
          if (l.kind !== OWN)
            Object.assign(error, {
              ...(l.inField && { sent: `key=${SECRET}` }),
              ...(l.code && { code: l.code }),
              n: 7,
            });
          cause = error;
        }
        const original: unknown[] = [];
        for (let e: unknown = cause; e instanceof Error; e = e.cause) original.push(e);
        const names = original.map((e) => (e as Error).name);
        const messages = original.map((e) => (e as Error).message);
        const redacted = redactCause(cause, [SECRET]);
        expect(inspect(redacted, { depth: 20 })).not.toContain(SECRET);
        let after: unknown = redacted;
        links.forEach((l, i) => {
          if (l.kind === OWN) {
            expect(after).toBe(original[i]);
          } else {
            expect(Object.getPrototypeOf(after)).toBe(Error.prototype);
            expect((after as Error).name).toBe(names[i]);
            expect((after as Error).message).toBe(messages[i]?.replace(SECRET, "***"));
            expect((after as { code?: string }).code).toBe(l.code);
            expect((after as { n?: number }).n).toBe(7);
            if (l.inField) expect((after as { sent?: string }).sent).toBe("key=***");
          }
          after = (after as Error).cause;
        });
        expect(after).toBe(textCause ? "quoted ***" : undefined);
      }),
      { numRuns: 500, seed: 20261201 },
    );
  });

  it("never throws: what cannot be read becomes an error that says so", () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error(SECRET);
        },
      },
    );
    const redacted = redactCause(hostile, [SECRET]) as Error;
    expect(redacted).toBeInstanceOf(Error);
    expect(inspect(redacted, { depth: 20 })).not.toContain(SECRET);
    // A plain object, a number and undefined.
    expect((redactCause({ auth: SECRET }, [SECRET]) as Error).message).toBe('{"auth":"***"}');
    expect(redactCause(7, [SECRET])).toBe(7);
    expect(redactCause(undefined, [SECRET])).toBeUndefined();
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
