import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type LettrLabs, recipientKey } from "../../src/index.js";

/** The field-by-field definition: trim, lower-case and collapse white space in each field. */
function norm(value: unknown): string {
  if (value === null || value === undefined) return "";
  const lower = String(value).trim().toLowerCase();
  return lower.includes("  ") || lower.includes("\t") ? lower.replace(/\s+/g, " ") : lower;
}

function recipientKeyByField(r: Pick<LettrLabs.Recipient, "address" | "personal">): string {
  const a = r.address;
  const p = r.personal;
  const zip = a.zipCode === undefined || a.zipCode === null ? "" : String(a.zipCode).slice(0, 5);
  return [p?.firstName, p?.lastName, p?.toOrganization, a.address1, a.address2, a.city, a.state, zip]
    .map(norm)
    .join("|");
}

const text = fc.oneof(
  fc.string(),
  fc.stringMatching(/^[ \tA-Za-z0-9|.\-\u00a0\n]{0,12}$/),
  fc.constantFrom("", " ", "  Main  St ", "O'Brien", "ΟΔΟΣ", "İstanbul", "\t", "a\u00a0b"),
);
const maybe = fc.option(text, { nil: undefined });

describe("recipientKey", () => {
  it("equals the field-by-field definition for any fields (fast path and slow path agree)", () => {
    fc.assert(
      fc.property(
        maybe,
        maybe,
        maybe,
        text,
        maybe,
        text,
        text,
        fc.oneof(text, fc.constant(undefined)),
        (first, last, org, a1, a2, city, state, zip) => {
          const r = {
            address: { address1: a1, address2: a2, city, state, zipCode: zip as string },
            personal: { firstName: first, lastName: last, toOrganization: org },
          };
          expect(recipientKey(r)).toBe(recipientKeyByField(r));
        },
      ),
      { numRuns: 2000, seed: 20261123 },
    );
  });
});
