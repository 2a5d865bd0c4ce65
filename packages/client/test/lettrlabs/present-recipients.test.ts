import type { LettrLabs } from "@orderkit/types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { COMPARED_FIELDS, LettrLabsError, PresentRecipients } from "../../src/index.js";
import { recipients, setup } from "./helpers.js";

type Groups = Record<string, Record<string, unknown>>;

function withField(r: LettrLabs.Recipient, field: string, value: unknown): LettrLabs.Recipient {
  const [group, name] = field.split(".") as [string, string];
  const copy = structuredClone(r) as unknown as Groups;
  copy[group] = { ...(copy[group] ?? {}), [name]: value };
  return copy as unknown as LettrLabs.Recipient;
}

const base = recipients(1)[0] as LettrLabs.Recipient;
const word = fc.stringMatching(/^[A-Za-z0-9]{1,6}( [A-Za-z0-9]{1,6})?$/);
/** Fields that are not compared: LettrLabs may fill or rewrite them, or they are not documented. */
const UNCOMPARED = [
  "metadata.qrUrl",
  "metadata.image1",
  "metadata.returnZip",
  "metadata.salutation",
  "address.zip4",
  "metadata.dpvConfirmationCode",
  "metadata.someFieldOfOurOwn",
];

describe("PresentRecipients: what an order holds, compared with a row about to be sent as the same person", () => {
  it("finds a merge text edited, re-cased, cleared or filled in, and names it; spaces at either end and fields it does not compare change nothing", () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...COMPARED_FIELDS), word, { maxKeys: 9 }),
        fc.constantFrom("none", "pad", "edit", "recase", "clear", "fill", "uncompared"),
        fc.nat(),
        (fields, change, pick) => {
          let held = base;
          for (const [f, v] of Object.entries(fields)) held = withField(held, f, v);
          const filled = Object.keys(fields);
          const empty = COMPARED_FIELDS.filter((f) => !(f in fields));
          let row = held;
          let target: string | undefined;
          if (change === "pad")
            for (const [f, v] of Object.entries(fields)) row = withField(row, f, ` ${v}\t`);
          if ((change === "edit" || change === "recase" || change === "clear") && filled.length > 0) {
            const t = filled[pick % filled.length] as string;
            const v = fields[t] as string;
            const next =
              change === "edit" ? `${v}x` : change === "recase" ? v.toUpperCase() : pick % 2 ? "" : null;
            // Digits only have no other case: nothing changed.
            if (next !== v) {
              target = t;
              row = withField(row, t, next);
            }
          }
          if (change === "fill" && empty.length > 0) {
            target = empty[pick % empty.length] as string;
            row = withField(row, target, "20% off");
          }
          if (change === "uncompared")
            row = withField(row, UNCOMPARED[pick % UNCOMPARED.length] as string, "x");
          const present = new PresentRecipients();
          present.add(held);
          const differs = present.differs(row);
          if (target === undefined) expect(differs).toBeUndefined();
          else {
            // The field that changed, alone (its 3-bit tag differs), or every field (it cannot tell).
            expect(differs).toContain(target);
            expect([1, COMPARED_FIELDS.length]).toContain(differs?.length);
          }
          expect(present.has([...present.keys()][0] as string)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("fields are kept apart whatever they hold (a NUL, a separator), and a non-text value from a server is not taken for its text", () => {
    const present = new PresentRecipients();
    present.add(withField(withField(base, "metadata.custom1", "a\u0000"), "metadata.custom2", "b"));
    expect(
      present.differs(withField(withField(base, "metadata.custom1", "a"), "metadata.custom2", "\u0000b")),
    ).toBeDefined();
    const other = new PresentRecipients();
    other.add(withField(base, "metadata.text", { a: 1 }));
    expect(other.differs(withField(base, "metadata.text", "[object Object]"))).toEqual(["metadata.text"]);
    expect(other.differs(withField(base, "metadata.text", '{"a":1}'))).toBeUndefined();
  });

  it("someone not held differs in nothing; someone held twice differs, in no field it can name", () => {
    const present = new PresentRecipients();
    const a = withField(base, "metadata.custom1", "A");
    expect(present.differs(a)).toBeUndefined();
    present.add(a);
    // The second read of the list sees the same row again: still once.
    present.add(a, true);
    expect(present.size).toBe(1);
    expect(present.differs(a)).toBeUndefined();
    present.add(withField(base, "metadata.custom1", "B"), true);
    expect(present.differs(a)).toEqual([]);
    // One read that sees the person twice (two rows), even with the same text.
    const twice = new PresentRecipients();
    twice.add(a);
    twice.add(a);
    expect(twice.size).toBe(1);
    expect(twice.differs(a)).toEqual([]);
  });
});

describe("recipients.append resumed onto an order that holds another version of the list", () => {
  const withSale = (list: LettrLabs.Recipient[], sale: (i: number) => string) =>
    list.map((r, i) => withField(r, "metadata.custom1", sale(i)));

  it("refuses (a conflict naming the rows and fields) and appends nothing; the same list with spaces around its values resumes", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    const list = recipients(12);
    await ll.orders.recipients.append(
      order.id,
      withSale(list.slice(0, 8), () => "Sale ends May 1"),
    );
    const puts = fake.count("PUT", /\/recipients$/);
    // Row 3's text edited; row 5 gets a second merge field the order's copy has empty.
    const edited = withSale(list, (i) => (i === 3 ? "Sale ends June 1" : "Sale ends May 1"));
    edited[5] = withField(edited[5] as LettrLabs.Recipient, "metadata.custom2", "20% off");
    const error = await ll.orders.recipients
      .append(order.id, edited, { resume: true })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LettrLabsError);
    const e = error as LettrLabsError;
    expect(e.kind).toBe("conflict");
    expect(e.message).toContain("input index 3, 5");
    expect(e.message).toContain("the first differs in metadata.custom1");
    expect(e.partial?.accepted).toBe(0);
    // The server's state: nothing appended, the old rows as they were.
    expect(fake.count("PUT", /\/recipients$/)).toBe(puts);
    expect(order.recipients).toHaveLength(8);
    expect(new Set(order.recipients.map((r) => r.metadata?.custom1))).toEqual(new Set(["Sale ends May 1"]));

    const respelled = withSale(list, () => "  Sale ends May 1 ");
    const summary = await ll.orders.recipients.append(order.id, respelled, { resume: true });
    expect(summary.recovered).toBe(8);
    expect(order.recipients).toHaveLength(12);
  });
});
