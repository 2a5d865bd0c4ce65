import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type LettrLabs, MAX_FIELD_LENGTH, validateRecipient } from "../../src/index.js";
import { recipients, setup } from "./helpers.js";

type Group = "personal" | "address";
const TEXT_FIELDS: readonly [Group, string][] = [
  ["personal", "firstName"],
  ["personal", "lastName"],
  ["personal", "toOrganization"],
  ["address", "address1"],
  ["address", "address2"],
  ["address", "city"],
];

/** `base` with `group.field` set to `value`. */
function withField(
  base: LettrLabs.Recipient,
  group: Group,
  field: string,
  value: string,
): LettrLabs.Recipient {
  return { ...base, [group]: { ...(base[group] ?? {}), [field]: value } } as LettrLabs.Recipient;
}

/** A letter and `n - 1` combining marks of two classes, alternating: the worst case of Unicode folding. */
const marks = (n: number) => `a${"\u0301\u0316".repeat(n).slice(0, n - 1)}`;

afterEach(() => {
  vi.restoreAllMocks();
});

describe("a recipient's fields have a length limit (one validator for the SDK and the CLI)", () => {
  it("refuses a name, organisation or address field one character over the limit, and only that", () => {
    const base = recipients(1)[0] as LettrLabs.Recipient;
    fc.assert(
      fc.property(
        fc.constantFrom(...TEXT_FIELDS),
        fc.integer({ min: MAX_FIELD_LENGTH - 3, max: MAX_FIELD_LENGTH + 3 }),
        fc.constantFrom("x", "\u00e9", "\u0301"),
        ([group, field], length, unit) => {
          const problems = validateRecipient(withField(base, group, field, `Q${unit.repeat(length - 1)}`));
          if (length > MAX_FIELD_LENGTH) {
            expect(problems).toEqual([
              {
                code: "FIELD_TOO_LONG",
                field,
                message: `${field} is longer than ${MAX_FIELD_LENGTH} characters`,
              },
            ]);
          } else {
            expect(problems).toEqual([]);
          }
        },
      ),
      { seed: 16_2026, numRuns: 200 },
    );
  });

  it("append refuses an over-long field before keying it: the row is rejected, the others mailed, and nothing longer than the limit is ever Unicode-folded", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    const list = recipients(4) as [
      LettrLabs.Recipient,
      LettrLabs.Recipient,
      LettrLabs.Recipient,
      LettrLabs.Recipient,
    ];
    const hostile = withField(list[1], "personal", "lastName", marks(50_000));
    const atLimit = withField(list[2], "address", "city", marks(MAX_FIELD_LENGTH));
    // Every string the SDK folds while it appends (keys join the eight fields with `|`).
    const folded: number[] = [];
    const normalize = String.prototype.normalize;
    vi.spyOn(String.prototype, "normalize").mockImplementation(function (this: string, form?: string) {
      folded.push(this.length);
      return normalize.call(this, form);
    });
    const summary = await ll.orders.recipients.append(order.id, [list[0], hostile, atLimit, list[3]]);
    expect(summary.rejected).toEqual([{ index: 1, reason: "FIELD_TOO_LONG" }]);
    expect(order.recipients).toHaveLength(3);
    expect(order.recipients.map((r) => String(r.personal?.lastName ?? "").length)).not.toContain(50_000);
    expect(order.recipients.map((r) => r.address.city)).toContain(atLimit.address.city);
    expect(folded.length).toBeGreaterThan(0);
    expect(Math.max(...folded)).toBeLessThanOrEqual(8 * MAX_FIELD_LENGTH + 7);
  });
});
