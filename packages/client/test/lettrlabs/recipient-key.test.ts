import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  earlierRecipientHashes,
  hashRecipientKey,
  type LettrLabs,
  recipientHash,
  recipientKey,
  unfoldedRecipientKey,
  unfoldedRecipientKeys,
} from "../../src/index.js";

/**
 * The field-by-field definition: trim, lower-case, then fold the two Unicode spellings of an
 * accented letter (NFC; not in the unfolded key of 0.1.0), and collapse white space in each field.
 */
function norm(value: unknown, fold = true): string {
  if (value === null || value === undefined) return "";
  const lower = String(value).trim().toLowerCase();
  return (fold ? lower.normalize("NFC") : lower).replace(/\s+/g, " ");
}

function recipientKeyByField(r: Pick<LettrLabs.Recipient, "address" | "personal">, fold = true): string {
  const a = r.address;
  const p = r.personal;
  const zipText = a.zipCode === undefined || a.zipCode === null ? "" : String(a.zipCode);
  const zip = (fold ? zipText.normalize("NFC") : zipText).trim().slice(0, 5);
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
    "ΑΣ\ufeffΒ",
    "Α\ufeffΣ",
    "ΝΙΚΟΣ\ufeffΠΑΠΑΣ",
    "aΣ\u0345\ufeffa",
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
    "1234e\u0301",
    "Apt 1\u00aa",
    "\u01f0",
    "J\u030c",
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
          // 0.1.0's key of the row written in each Unicode form: its fields normalized as written.
          for (const form of ["NFC", "NFD"] as const) {
            const to = (v: string | undefined) => v?.normalize(form);
            const written = {
              address: {
                address1: to(a1),
                address2: to(a2),
                city: to(city),
                state: to(state),
                zipCode: to(zip),
              },
              personal: { firstName: to(first), lastName: to(last), toOrganization: to(org) },
            };
            expect(unfoldedRecipientKey(r, form)).toBe(recipientKeyByField(written as typeof r, false));
          }
          const forms = [
            unfoldedRecipientKey(r),
            unfoldedRecipientKey(r, "NFC"),
            unfoldedRecipientKey(r, "NFD"),
          ];
          expect(unfoldedRecipientKeys(r)).toEqual([...new Set(forms)]);
          const before = earlierRecipientHashes(r);
          const beyond = JSON.stringify([first, last, org, a1, a2, city, state, zip]).match(/[^\0-\x7f]/);
          if (!beyond) expect(before).toEqual([]);
          else {
            expect(before[0]).toBe(hashRecipientKey(unfoldedRecipientKey(r)));
            expect(before.slice(1)).not.toContain(recipientHash(r));
            expect(new Set(before).size).toBe(before.length);
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

  it("one person spelled in the two Unicode forms of an accented letter (NFC, NFD) has one key", () => {
    const at = (firstName: string, city: string, zipCode: string) => ({
      address: { address1: "1 Main St", city, state: "TX", zipCode },
      personal: { firstName, lastName: "Garc\u00eda" },
    });
    const plain = at("Jos\u00e9", "Austin", "78704");
    const spellings = [
      at("Jose\u0301", "Austin", "78704"),
      at("JOSE\u0301", "Austin", "78704"),
      at("JOS\u00c9", "Austin", "78704-1234"),
      at("Jos\u00e9", "Austin", "78704\u0301"),
    ];
    for (const other of spellings.slice(0, 3)) {
      expect(recipientKey(other), JSON.stringify(other)).toBe(recipientKey(plain));
      expect(recipientHash(other)).toBe(recipientHash(plain));
    }
    expect(recipientKey(at("Jos\u00e8", "Austin", "78704"))).not.toBe(recipientKey(plain));
    // A ZIP is folded before it is cut, whether or not another field holds more than ASCII.
    const zipped = (firstName: string) => at(firstName, "Austin", "1234e\u0301");
    expect(recipientKey(zipped("Jo"))).toBe(
      "jo|garc\u00eda|||||tx|1234\u00e9".replace("|||||", "||1 main st||austin|"),
    );
    expect(recipientHash(zipped("Jo"))).toBe(hashRecipientKey(recipientKey(zipped("Jo"))));
    // Upper and lower case of a letter with no one-character capital are one.
    expect(recipientKey(at("\u01f0ose", "Austin", "78704"))).toBe(
      recipientKey(at("J\u030cOSE", "Austin", "78704")),
    );
    // What 0.1.0 saw: the NFD spelling was someone else; it is recognised by its hashes then.
    const nfd = spellings[0] as LettrLabs.Recipient;
    expect(unfoldedRecipientKey(nfd)).not.toBe(unfoldedRecipientKey(plain));
    expect(earlierRecipientHashes(nfd)[0]).toBe(hashRecipientKey(unfoldedRecipientKey(nfd)));
    // ... and so is the spelling 0.1.0 may have recorded for a row written composed: the whole
    // row decomposed, as another export writes it.
    const decomposed = {
      address: plain.address,
      personal: { firstName: "Jose\u0301", lastName: "Garci\u0301a" },
    };
    expect(earlierRecipientHashes(plain)).toContain(hashRecipientKey(unfoldedRecipientKey(decomposed)));
    // The other way round, 0.1.0's hash of the composed row is today's hash: nothing to add.
    expect(recipientHash(decomposed)).toBe(hashRecipientKey(unfoldedRecipientKey(plain)));
    expect(earlierRecipientHashes(plain)[0]).toBe(recipientHash(plain));
    // ASCII: the same key as before, nothing to recognise.
    const ascii = { address: plain.address, personal: { firstName: "Jose", lastName: "Garcia" } };
    expect(earlierRecipientHashes(ascii)).toEqual([]);
  });

  it("compatibility forms are not folded: look-alikes stay two people", () => {
    const at = (address1: string, firstName = "Ana") => ({
      address: { address1, city: "Austin", state: "TX", zipCode: "78704" },
      personal: { firstName },
    });
    expect(recipientKey(at("5 Calle Mayor 1\u00aa"))).not.toBe(recipientKey(at("5 Calle Mayor 1A")));
    expect(recipientKey(at("Unit 1\u00b2"))).not.toBe(recipientKey(at("Unit 12")));
    expect(recipientKey(at("1 Main St", "\uff21na"))).not.toBe(recipientKey(at("1 Main St", "Ana")));
    // Full-width "｜" is not a separator either: it stays itself.
    expect(recipientKey(at("1 Main St", "Jo\uff5cAnn"))).not.toBe(recipientKey(at("1 Main St", "Jo|Ann")));
  });
});
