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

/** Another spelling of the same value: case and the white space around and inside it. */
const respell = (value: string, upper: boolean) =>
  ` ${(upper ? value.toUpperCase() : value.toLowerCase()).replace(/ /g, "  ")}\t`;

const base = recipients(1)[0] as LettrLabs.Recipient satisfies LettrLabs.Recipient;
const word = fc.stringMatching(/^[A-Za-z0-9]{1,6}( [A-Za-z0-9]{1,6})?$/);

describe("PresentRecipients: what an order holds, compared with a row about to be sent as the same person", () => {
  it("finds an edited or cleared merge field, and nothing in another spelling of the same values, a field the order leaves out, or a field LettrLabs fills", () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...COMPARED_FIELDS), word, { minKeys: 1, maxKeys: 6 }),
        fc.constantFrom("none", "respell", "edit", "clear", "add", "server-filled"),
        fc.nat(),
        fc.boolean(),
        (fields, change, pick, upper) => {
          let held = base;
          for (const [f, v] of Object.entries(fields)) held = withField(held, f, v);
          const names = Object.keys(fields);
          const target = names[pick % names.length] as string;
          let row = held;
          if (change === "respell")
            for (const [f, v] of Object.entries(fields)) row = withField(row, f, respell(v, upper));
          if (change === "edit") row = withField(row, target, `${fields[target]}x`);
          if (change === "clear") row = withField(row, target, pick % 2 ? "" : null);
          if (change === "add") {
            const free = COMPARED_FIELDS.filter((f) => !(f in fields));
            if (free.length > 0) row = withField(row, free[pick % free.length] as string, "new");
          }
          if (change === "server-filled") {
            row = withField(row, "address.zip4", "1234");
            row = withField(row, "metadata.dpvConfirmationCode", "Y");
            row = withField(row, "metadata.someFieldOfOurOwn", "x");
          }
          const present = new PresentRecipients();
          present.add(held);
          const differs = present.differs(row);
          if (change === "edit" || change === "clear") {
            expect(differs).toContain(target);
            expect(differs).toEqual(COMPARED_FIELDS.filter((f) => f in fields));
          } else expect(differs).toBeUndefined();
          expect(present.has([...present.keys()][0] as string)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("someone not held differs in nothing; someone held twice with other fields differs in every compared field", () => {
    const present = new PresentRecipients();
    const a = withField(base, "metadata.custom1", "A");
    expect(present.differs(a)).toBeUndefined();
    present.add(a);
    present.add(a);
    expect(present.size).toBe(1);
    expect(present.differs(a)).toBeUndefined();
    present.add(withField(base, "metadata.custom1", "B"));
    expect(present.differs(a)).toEqual(COMPARED_FIELDS);
  });
});

describe("recipients.append resumed onto an order that holds another version of the list", () => {
  const withSale = (list: LettrLabs.Recipient[], sale: (i: number) => string) =>
    list.map((r, i) => withField(r, "metadata.custom1", sale(i)));

  it("refuses (a conflict naming the rows and fields) and appends nothing; the same list in another spelling resumes", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    const list = recipients(12);
    await ll.orders.recipients.append(
      order.id,
      withSale(list.slice(0, 8), () => "Sale ends May 1"),
    );
    const puts = fake.count("PUT", /\/recipients$/);
    const edited = withSale(list, (i) => (i === 3 || i === 5 ? "Sale ends June 1" : "Sale ends May 1"));
    const error = await ll.orders.recipients
      .append(order.id, edited, { resume: true })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LettrLabsError);
    const e = error as LettrLabsError;
    expect(e.kind).toBe("conflict");
    expect(e.message).toContain("recipients 3, 5");
    expect(e.message).toContain("metadata.custom1");
    expect(e.partial?.accepted).toBe(0);
    // The server's state: nothing appended, the old rows as they were.
    expect(fake.count("PUT", /\/recipients$/)).toBe(puts);
    expect(order.recipients).toHaveLength(8);
    expect(new Set(order.recipients.map((r) => r.metadata?.custom1))).toEqual(new Set(["Sale ends May 1"]));

    const respelled = withSale(list, () => "  SALE ends may 1 ");
    const summary = await ll.orders.recipients.append(order.id, respelled, { resume: true });
    expect(summary.recovered).toBe(8);
    expect(order.recipients).toHaveLength(12);
  });
});
