import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  hashRecipientKey,
  type LettrLabs,
  recipientHash,
  recipientKey,
  unfoldedRecipientHash,
  unfoldedRecipientKey,
} from "../../src/index.js";

/**
 * The field-by-field definition: fold Unicode spellings (NFKC; not in the unfolded key of 0.1.0),
 * then trim, lower-case and collapse white space in each field.
 */
function norm(value: unknown, fold = true): string {
  if (value === null || value === undefined) return "";
  const s = String(value);
  return (fold ? s.normalize("NFKC") : s).trim().toLowerCase().replace(/\s+/g, " ");
}

function recipientKeyByField(r: Pick<LettrLabs.Recipient, "address" | "personal">, fold = true): string {
  const a = r.address;
  const p = r.personal;
  const zipText = a.zipCode === undefined || a.zipCode === null ? "" : String(a.zipCode);
  const zip = (fold ? zipText.normalize("NFKC") : zipText).trim().slice(0, 5);
  return [p?.firstName, p?.lastName, p?.toOrganization, a.address1, a.address2, a.city, a.state, zip]
    .map((field) => norm(field, fold).replace(/[\\|]/g, "\\$&"))
    .join("|");
}

const text = fc.oneof(
  fc.string(),
  fc.stringMatching(/^[ \tA-Za-z0-9|.\-\u00a0\n]{0,12}$/),
  fc.constantFrom(
    "",
    " ",
    "  Main  St ",
    "O'Brien",
    "ΟΔΟΣ",
    "İstanbul",
    "\t",
    "a\u00a0b",
    "1\nMain",
    " 78704",
    "a\u2003b",
    "Jose\u0301",
    "Jos\u00e9",
    "\uff2a\uff4f",
    "\uff5c",
    "\uff17\uff18\uff17\uff10\uff14",
    "\ufb01eld",
    "A\u030a",
    "\u212b",
    "\u3000",
  ),
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
          expect(unfoldedRecipientKey(r)).toBe(recipientKeyByField(r, false));
          const before = unfoldedRecipientHash(r);
          if (before === undefined) expect(unfoldedRecipientKey(r)).toBe(recipientKey(r));
          else {
            expect(before).toBe(hashRecipientKey(unfoldedRecipientKey(r)));
            expect(unfoldedRecipientKey(r)).not.toBe(recipientKey(r));
          }
        },
      ),
      { numRuns: 2000, seed: 20261123 },
    );
  });

  it("two recipients whose fields differ never share a key, even with | or \\ inside a field", () => {
    const person = (firstName: string, lastName: string) => ({
      address: { address1: "1 Main St", city: "Austin", state: "TX", zipCode: "78704" },
      personal: { firstName, lastName },
    });
    // The case a hostile review found: one of the two was dropped as a duplicate.
    expect(recipientKey(person("Jo / Ann|Smith", "x"))).not.toBe(recipientKey(person("Jo / Ann", "Smith|x")));
    expect(recipientKey(person("a\\", "|b"))).not.toBe(recipientKey(person("a\\|", "b")));
    const field = fc.stringMatching(/^[ab|\\]{0,4}$/);
    const four = fc.array(field, { minLength: 4, maxLength: 4 });
    fc.assert(
      fc.property(four, four, (x, y) => {
        const r = (f: string[]) => ({
          address: { address1: f[2] as string, city: f[3] as string, state: "TX", zipCode: "78704" },
          personal: { firstName: f[0] as string, lastName: f[1] as string },
        });
        const same = x.every((v, i) => norm(v) === norm(y[i]));
        expect(recipientKey(r(x)) === recipientKey(r(y))).toBe(same);
      }),
      { numRuns: 3000, seed: 20261130 },
    );
  });

  it("the same recipient spelled with other white space, or a ZIP with a space before it, has one key", () => {
    const at = (address1: string, zipCode: string) => ({
      address: { address1, city: "Austin", state: "TX", zipCode },
      personal: { firstName: "Ana" },
    });
    const plain = recipientKey(at("1 Main St", "78704"));
    for (const street of ["1\u00a0Main St", "1\nMain St", "1\u2003Main\tSt", " 1 Main  St "])
      expect(recipientKey(at(street, "78704")), JSON.stringify(street)).toBe(plain);
    expect(recipientKey(at("1 Main St", " 78704"))).toBe(plain);
    expect(recipientKey(at("1 Main St", " 78705"))).not.toBe(plain);
  });

  it("one person spelled in two Unicode forms (NFC and NFD, full-width, a ligature) has one key", () => {
    const at = (firstName: string, city: string, zipCode: string) => ({
      address: { address1: "1 Main St", city, state: "TX", zipCode },
      personal: { firstName, lastName: "Garc\u00eda" },
    });
    const plain = at("Jos\u00e9", "Austin", "78704");
    const spellings = [
      at("Jose\u0301", "Austin", "78704"),
      at("JOSE\u0301", "Austin", "78704"),
      at("\uff2a\uff4f\uff53\u00e9", "Austin", "78704"),
      at("Jos\u00e9", "\uff21ustin", "\uff17\uff18\uff17\uff10\uff14-1234"),
    ];
    for (const other of spellings) {
      expect(recipientKey(other), JSON.stringify(other)).toBe(recipientKey(plain));
      expect(recipientHash(other)).toBe(recipientHash(plain));
    }
    expect(recipientKey(at("Jos\u00e8", "Austin", "78704"))).not.toBe(recipientKey(plain));
    // What 0.1.0 saw: the NFD spelling was someone else.
    expect(unfoldedRecipientKey(spellings[0] as LettrLabs.Recipient)).not.toBe(unfoldedRecipientKey(plain));
    expect(unfoldedRecipientHash(spellings[0] as LettrLabs.Recipient)).toBe(
      hashRecipientKey(unfoldedRecipientKey(spellings[0] as LettrLabs.Recipient)),
    );
    // Already one form (or ASCII): the same key as before, nothing to recognise.
    expect(unfoldedRecipientHash(plain)).toBeUndefined();
    expect(unfoldedRecipientHash(at("Jose", "Austin", "78704"))).toBeUndefined();
  });

  it("a character that folds to | or to a space never joins two fields", () => {
    const person = (firstName: string, lastName: string) => ({
      address: { address1: "1 Main St", city: "Austin", state: "TX", zipCode: "78704" },
      personal: { firstName, lastName },
    });
    // Full-width "｜" folds to "|", which is then escaped like any "|" in a field.
    expect(recipientKey(person("Jo\uff5cAnn", "Smith"))).toBe(recipientKey(person("Jo|Ann", "Smith")));
    expect(recipientKey(person("Jo\uff5cAnn", "Smith"))).not.toBe(recipientKey(person("Jo", "Ann|Smith")));
    // An ideographic space at a field's edge is trimmed like any other.
    expect(recipientKey(person("\u3000Jo", "Smith\u3000"))).toBe(recipientKey(person("Jo", "Smith")));
  });
});
