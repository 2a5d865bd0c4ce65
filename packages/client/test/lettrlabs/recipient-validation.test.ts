import { readFileSync } from "node:fs";
import { specOf } from "@orderkit/test-utils";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parse } from "yaml";
import { isReadable } from "../../src/core/readable.js";
import {
  isRecipientField,
  type LettrLabs,
  MAX_FIELD_LENGTH,
  recipientKey,
  validateRecipient,
} from "../../src/index.js";
import { INTEGRATION_RECIPIENT_FIELDS } from "../../src/lettrlabs/integration-orders.js";
import { MAX_FOLDED_LENGTH } from "../../src/lettrlabs/recipient-key.js";
import {
  isUsStateCode,
  isZip,
  RETURN_ADDRESS_FIELDS,
  US_STATE_CODES,
} from "../../src/lettrlabs/recipient-validation.js";
import { recipients, setup } from "./helpers.js";

type Group = "personal" | "address" | "metadata";
/** Free-text fields of a recipient's name and address. */
const TEXT_FIELDS: readonly [Group, string][] = [
  ["personal", "firstName"],
  ["personal", "lastName"],
  ["personal", "toOrganization"],
  ["personal", "salutation"],
  ["address", "address1"],
  ["address", "address2"],
  ["address", "city"],
];

/** `base` with `group.field` set to `value`. */
function withField(
  base: LettrLabs.Recipient,
  group: Group,
  field: string,
  value: unknown,
): LettrLabs.Recipient {
  return { ...base, [group]: { ...(base[group] ?? {}), [field]: value } } as LettrLabs.Recipient;
}

/** A letter and `n - 1` combining marks of two classes, alternating: the worst case of Unicode folding. */
const marks = (n: number) => `a${"\u0301\u0316".repeat(n).slice(0, n - 1)}`;

/** The lengths of every string String.prototype.normalize is called on from now on. */
function watchFolding(): number[] {
  const folded: number[] = [];
  const normalize = String.prototype.normalize;
  vi.spyOn(String.prototype, "normalize").mockImplementation(function (this: string, form?: string) {
    folded.push(this.length);
    return normalize.call(this, form);
  });
  return folded;
}

afterEach(() => {
  vi.restoreAllMocks();
});

const base = () => recipients(1)[0] as LettrLabs.Recipient;

describe("a recipient's fields have a length limit (one validator for the SDK and the CLI)", () => {
  it("refuses any name or address field one character over the limit, naming it once, and only that", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TEXT_FIELDS),
        fc.integer({ min: MAX_FIELD_LENGTH - 3, max: MAX_FIELD_LENGTH + 3 }),
        fc.constantFrom("x", "\u00e9", "\u0301", " "),
        ([group, field], length, unit) => {
          const problems = validateRecipient(withField(base(), group, field, `Q${unit.repeat(length - 1)}`));
          expect(problems).toEqual(
            length > MAX_FIELD_LENGTH
              ? [
                  {
                    code: "FIELD_TOO_LONG",
                    field,
                    message: `${field} is longer than ${MAX_FIELD_LENGTH} characters`,
                  },
                ]
              : [],
          );
        },
      ),
      { seed: 16_2026, numRuns: 300 },
    );
  });

  it("a state or ZIP over the limit is named once, as too long, and no message repeats a long value", () => {
    for (const field of ["state", "zipCode"]) {
      const problems = validateRecipient(
        withField(base(), "address", field, "7".repeat(MAX_FIELD_LENGTH + 1)),
      );
      expect(problems.map((p) => [p.code, p.field])).toEqual([["FIELD_TOO_LONG", field]]);
    }
    const state = validateRecipient(withField(base(), "address", "state", "T".repeat(MAX_FIELD_LENGTH)));
    expect(state.map((p) => p.code)).toEqual(["INVALID_STATE"]);
    expect(state[0]?.message.length).toBeLessThan(80);
  });

  it("a value that is not text is measured as it would be written out: an array, a String object, a toString", () => {
    const long = marks(MAX_FIELD_LENGTH + 1);
    const values: unknown[] = [[long], new String(long), { toString: () => long }, { nested: long }];
    for (const value of values) {
      const problems = validateRecipient(withField(base(), "personal", "lastName", value));
      expect(problems.map((p) => [p.code, p.field])).toEqual([["FIELD_TOO_LONG", "lastName"]]);
    }
    expect(validateRecipient(withField(base(), "personal", "lastName", 12345))).toEqual([]);
  });

  it("append refuses over-long fields before comparing anything: the rows are rejected, the others mailed, and nothing over the limit is ever Unicode-folded", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    const list = recipients(6);
    const [first, , , , , last] = list as [LettrLabs.Recipient, ...LettrLabs.Recipient[]] & {
      5: LettrLabs.Recipient;
    };
    const hostile = [
      withField(list[1] as LettrLabs.Recipient, "personal", "lastName", marks(50_000)),
      withField(list[2] as LettrLabs.Recipient, "personal", "lastName", [marks(50_000)]),
      withField(list[3] as LettrLabs.Recipient, "address", "address2", marks(50_000)),
    ];
    const atLimit = withField(list[4] as LettrLabs.Recipient, "address", "city", marks(MAX_FIELD_LENGTH));
    const folded = watchFolding();
    const summary = await ll.orders.recipients.append(order.id, [first, ...hostile, atLimit, last]);
    const resumed = await ll.orders.recipients.append(order.id, [first, atLimit, last], {
      resume: true,
    });
    expect(summary.rejected).toEqual(
      [1, 2, 3].map((index, i) => ({
        index,
        reason: "FIELD_TOO_LONG",
        field: ["lastName", "lastName", "address2"][i],
      })),
    );
    expect(resumed.accepted + resumed.rejected.length).toBeLessThanOrEqual(3);
    expect(order.recipients).toHaveLength(3);
    expect(order.recipients.map((r) => r.address.city)).toContain(atLimit.address.city);
    expect(folded.length).toBeGreaterThan(0);
    expect(Math.max(...folded)).toBeLessThanOrEqual(8 * MAX_FIELD_LENGTH + 7);
  });

  it("merge fields have no limit (a letter's text, a signed image URL), and are compared within MAX_FOLDED_LENGTH", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    const [a, b] = recipients(2) as [LettrLabs.Recipient, LettrLabs.Recipient];
    const letter = withField(a, "metadata", "text", `Dear friend, ${"\u00e9 ".repeat(1500)}`);
    const hostile = withField(b, "metadata", "text2", marks(100_000));
    expect(validateRecipient(letter)).toEqual([]);
    expect(
      validateRecipient(withField(a, "metadata", "image1", `https://x.test/a.png?${"t".repeat(2000)}`)),
    ).toEqual([]);
    const folded = watchFolding();
    expect((await ll.orders.recipients.append(order.id, [letter, hostile])).rejected).toEqual([]);
    await ll.orders.recipients.append(order.id, [letter, hostile], { resume: true });
    expect(order.recipients).toHaveLength(2);
    expect(Math.max(...folded)).toBeLessThanOrEqual(MAX_FOLDED_LENGTH);
  });

  it("own fields only, and values that cannot all be written out are measured as they can", () => {
    const inherited = Object.assign(Object.create({ nickname: "y".repeat(2000) }), base().personal);
    expect(validateRecipient({ ...base(), personal: inherited })).toEqual([]);
    const bare = Object.assign(Object.create(null), { a: "short" });
    expect(validateRecipient(withField(base(), "personal", "lastName", bare))).toEqual([]);
    const big = { n: 10n, toString: () => "x".repeat(MAX_FIELD_LENGTH + 1) };
    expect(validateRecipient(withField(base(), "personal", "lastName", big)).map((p) => p.code)).toEqual([
      "FIELD_TOO_LONG",
    ]);
  });

  it("a server's copy of a name padded with spaces past MAX_FOLDED_LENGTH, and decomposed, is still the same person: a resume mails no one twice", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    const list = recipients(3) as [LettrLabs.Recipient, LettrLabs.Recipient, LettrLabs.Recipient];
    const named = withField(list[1], "personal", "lastName", "M\u00fcller-\u00c5ngstr\u00f6m");
    const ana = withField(list[0], "personal", "firstName", "Ana Mar\u00eda");
    const rows = [ana, named, list[2]];
    await ll.orders.recipients.append(order.id, [ana, named]);
    const stored = order.recipients[1] as { personal: Record<string, unknown> };
    stored.personal.lastName = `${"M\u00fcller-\u00c5ngstr\u00f6m".normalize("NFD")}${" ".repeat(MAX_FOLDED_LENGTH)}`;
    // Padded inside too (a fixed-width export between the two names), and decomposed.
    const inner = order.recipients[0] as { personal: Record<string, unknown> };
    inner.personal.firstName = `Ana${" ".repeat(MAX_FOLDED_LENGTH)}Mari\u0301a`;
    await ll.orders.recipients.append(order.id, rows, { resume: true });
    expect(order.recipients).toHaveLength(3);
  });

  it("rows the order already holds are compared without folding a field past MAX_FOLDED_LENGTH: a resume over them is not stalled, and mails no one twice", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    const list = recipients(3) as LettrLabs.Recipient[];
    await ll.orders.recipients.append(order.id, [list[0] as LettrLabs.Recipient]);
    // Put there by another tool: names and merge text far past the limit.
    order.recipients.push({
      id: 999_001,
      address: { address1: "1 Long Rd", city: marks(100_000), state: "TX", zipCode: "78704" },
      personal: { firstName: "Long", lastName: marks(100_000), salutation: marks(100_000) },
      metadata: { text: marks(100_000) },
    });
    const folded = watchFolding();
    await ll.orders.recipients.append(order.id, list, { resume: true });
    expect(Math.max(...folded)).toBeLessThanOrEqual(MAX_FOLDED_LENGTH);
    // list[0] was there already: once on the order; the two others added once each.
    const names = order.recipients.map((r) => r.personal?.firstName);
    expect(names.filter((n) => n === list[0]?.personal?.firstName)).toHaveLength(1);
    expect(order.recipients).toHaveLength(4);
  });

  it("folding is decided field by field: a row longer than MAX_FOLDED_LENGTH in all still folds each field within it, and a field past it is compared as written", () => {
    const nfd = "Jose\u0301 Mu\u0308ller ".repeat(250).trim(); // ~3,500 units, decomposed
    const nfc = nfd.normalize("NFC");
    const row = (text: string) =>
      ({
        address: { address1: text, city: text, state: "TX", zipCode: "78704" },
        personal: { firstName: text, lastName: "Doe" },
      }) as LettrLabs.Recipient;
    expect(MAX_FOLDED_LENGTH).toBe(8 * MAX_FIELD_LENGTH);
    expect(nfd.length * 3).toBeGreaterThan(MAX_FOLDED_LENGTH);
    expect(recipientKey(row(nfd))).toBe(recipientKey(row(nfc)));
    const past = "e\u0301".repeat(MAX_FOLDED_LENGTH / 2 + 1);
    expect(recipientKey(row(past))).not.toBe(recipientKey(row(past.normalize("NFC"))));
  });
});

describe("a recipient holds only fields the API has (a misspelt one would be dropped from the card)", () => {
  it("refuses an unknown field in any group, or beside them, naming its path", () => {
    const cases: [LettrLabs.Recipient, string][] = [
      [withField(base(), "address", "adress2", "Apt 1"), "address.adress2"],
      [withField(base(), "personal", "fristName", "Jo"), "personal.fristName"],
      [withField(base(), "metadata", "Custom1", "Hi"), "metadata.Custom1"],
      [{ ...base(), personel: { firstName: "Jo" } } as LettrLabs.Recipient, "personel"],
    ];
    for (const [recipient, path] of cases) {
      const problems = validateRecipient(recipient);
      expect(
        problems.map((p) => [p.code, p.field]),
        path,
      ).toEqual([["UNKNOWN_FIELD", path]]);
      expect(problems[0]?.message).toContain("would drop it");
    }
    // A key left undefined is never sent (JSON drops it): not refused.
    expect(validateRecipient({ ...base(), extra: undefined } as LettrLabs.Recipient)).toEqual([]);
    expect(validateRecipient(withField(base(), "address", "apt", undefined))).toEqual([]);
    // Every field the spec names is taken, inherited ones are never looked at.
    const full = withField(withField(base(), "address", "zip4", "1234"), "metadata", "deliveryStatus", null);
    expect(validateRecipient(Object.assign(Object.create({ stray: 1 }), full))).toEqual([]);
  });

  it("append rejects such rows before sending, and mails the others", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    const [a, b, c] = recipients(3) as [LettrLabs.Recipient, LettrLabs.Recipient, LettrLabs.Recipient];
    const summary = await ll.orders.recipients.append(order.id, [
      a,
      withField(b, "address", "adress2", "Apt 1"),
      c,
    ]);
    expect(summary.rejected).toEqual([{ index: 1, reason: "UNKNOWN_FIELD", field: "address.adress2" }]);
    expect(order.recipients).toHaveLength(2);
  });

  it("knows exactly the fields of the spec's IntegrationRecipient, which is closed as a Recipient is", () => {
    const spec = parse(readFileSync(specOf("lettrlabs"), "utf8")) as {
      components: {
        schemas: Record<string, { properties: Record<string, unknown>; additionalProperties: unknown }>;
      };
    };
    const schema = spec.components.schemas.IntegrationRecipient;
    expect(schema?.additionalProperties).toBe(false);
    expect([...INTEGRATION_RECIPIENT_FIELDS].sort()).toEqual(Object.keys(schema?.properties ?? {}).sort());
  });

  it("knows exactly the fields of the spec's Recipient, RecipientAddress, RecipientPersonal and RecipientMetadata", () => {
    const spec = parse(readFileSync(specOf("lettrlabs"), "utf8")) as {
      components: {
        schemas: Record<string, { properties: Record<string, unknown>; additionalProperties: unknown }>;
      };
    };
    const schemas = spec.components.schemas;
    const groups = {
      "": "Recipient",
      address: "RecipientAddress",
      personal: "RecipientPersonal",
      metadata: "RecipientMetadata",
    };
    for (const [group, name] of Object.entries(groups)) {
      const schema = schemas[name];
      expect(schema?.additionalProperties, name).toBe(false);
      const fields = Object.keys(schema?.properties ?? {});
      expect(fields.length).toBeGreaterThan(0);
      for (const field of fields)
        expect(isRecipientField(group ? `${group}.${field}` : field), field).toBe(true);
      expect(isRecipientField(group ? `${group}.notAField` : "notAField")).toBe(false);
    }
    // As many fields as the spec has, no more (each group's list is the spec's).
    const count = (group: string) =>
      ["a", ...Object.keys(schemas[groups[group as keyof typeof groups]]?.properties ?? {})].filter((f) =>
        isRecipientField(group ? `${group}.${f}` : f),
      ).length;
    for (const group of Object.keys(groups))
      expect(count(group)).toBe(
        Object.keys(schemas[groups[group as keyof typeof groups]]?.properties ?? {}).length,
      );
    expect(isRecipientField("address.address1.x")).toBe(false);
    expect(isRecipientField("nope.address1")).toBe(false);
    for (const path of ["constructor.x", "__proto__.x", "toString.x", "constructor", "hasOwnProperty"])
      expect(isRecipientField(path), path).toBe(false);
  });
});

describe("a name or merge fields are an object, or absent", () => {
  it("append refuses a row whose personal or metadata is not an object of fields (a string, a number, a list, a Date) before sending; null and absent pass", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    const base = recipients(6);
    const rows = [
      { ...base[0], personal: "Ann Lee" },
      { ...base[1], metadata: 5 },
      { ...base[2], metadata: new Date(0) },
      { ...base[3], metadata: null },
      { ...base[4], personal: undefined },
      { ...base[5], metadata: { custom1: "x" } },
    ] as unknown as LettrLabs.Recipient[];
    const summary = await ll.orders.recipients.append(order.id, rows);
    expect(summary.rejected).toEqual([
      { index: 0, reason: "INVALID_GROUP", field: "personal" },
      { index: 1, reason: "INVALID_GROUP", field: "metadata" },
      { index: 2, reason: "INVALID_GROUP", field: "metadata" },
    ]);
    expect(order.recipients.map((r) => r.address.address1)).toEqual(
      [3, 4, 5].map((i) => base[i]?.address?.address1),
    );
    expect(validateRecipient(rows[0])).toEqual([
      { code: "INVALID_GROUP", field: "personal", message: 'personal is not an object of fields: "Ann Lee"' },
    ]);
    // A list, empty or not, and a Date (JSON writes it as text) are not either, for the validator
    // as for the bulk path (review 150: an empty list was sent, and the card went without a name).
    const [a] = base as [LettrLabs.Recipient];
    for (const odd of [
      { personal: [] },
      { personal: Object.assign([], { firstName: "Ann" }) },
      { metadata: Object.assign([], { custom1: "hi" }) },
      { metadata: new Date(0) },
    ]) {
      const row = { ...a, ...odd } as unknown as LettrLabs.Recipient;
      expect(validateRecipient(row).map((p) => p.code)).toEqual(["INVALID_GROUP"]);
      const listed = fake.seedOrder();
      const result = await ll.orders.recipients.append(listed.id, [row]);
      expect(result.rejected.map((r) => r.reason)).toEqual(["INVALID_GROUP"]);
      expect(listed.recipients).toEqual([]);
    }
    // A ZIP or state given as a number is a bad one, not a missing one (review 150).
    expect(
      validateRecipient({
        ...a,
        address: { ...a.address, zipCode: 78704, state: 48 },
      } as unknown as LettrLabs.Recipient).map((p) => p.code),
    ).toEqual(["INVALID_STATE", "INVALID_ZIP"]);
  });
});

describe("a return address is whole or absent (the API takes a complete one or none)", () => {
  const RETURN = { returnAddress1: "9 Shop Rd", returnCity: "Dallas", returnState: "TX", returnZip: "75201" };
  it("append rejects a row with part of one before sending, and mails the others with theirs", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    const rows = recipients(4).map((r, i) => ({
      ...r,
      metadata: [{ ...RETURN }, { returnCity: "Dallas" }, { ...RETURN, returnZip: "752" }, {}][i],
    })) as LettrLabs.Recipient[];
    const summary = await ll.orders.recipients.append(order.id, rows);
    expect(summary.rejected).toEqual([
      { index: 1, reason: "INCOMPLETE_RETURN_ADDRESS", field: "returnAddress1" },
      { index: 2, reason: "INVALID_ZIP", field: "returnZip" },
    ]);
    expect(order.recipients.map((r) => r.metadata?.returnCity ?? null)).toEqual(["Dallas", null]);
    const [problem] = validateRecipient(rows[1]);
    expect(problem?.message).toBe(
      "return address without returnAddress1, returnState, returnZip as text (give a complete return address or none)",
    );
  });

  it("only what JSON sends counts, and only readable text completes one (review 145)", async () => {
    const codes = (metadata: object) =>
      validateRecipient({ ...(recipients(1)[0] as LettrLabs.Recipient), metadata }).map((p) => [
        p.code,
        p.field,
      ]);
    // A field JSON leaves out (not enumerable) is not there: the card would go without it.
    const hidden = { ...RETURN };
    Object.defineProperty(hidden, "returnState", { value: "TX", enumerable: false });
    expect(codes(hidden)).toEqual([["INCOMPLETE_RETURN_ADDRESS", "returnState"]]);
    // A value that is not text is given (and sent), but completes nothing.
    expect(codes({ returnZip: 89501 })).toEqual([["INCOMPLETE_RETURN_ADDRESS", "returnAddress1"]]);
    expect(codes({ ...RETURN, returnZip: 75201 })).toEqual([["INCOMPLETE_RETURN_ADDRESS", "returnZip"]]);
    expect(codes({ ...RETURN, returnCity: ["Dallas"] })).toEqual([
      ["INCOMPLETE_RETURN_ADDRESS", "returnCity"],
    ]);
    // Text no one can read is none.
    for (const blankish of ["\u200b", "\u3164", "\u2800", " \u0301 "])
      expect(codes({ ...RETURN, returnCity: blankish }), JSON.stringify(blankish)).toEqual([
        ["INCOMPLETE_RETURN_ADDRESS", "returnCity"],
      ]);
    // Nothing given: blank and null fields alone are no override.
    expect(codes({ returnCity: "  ", returnTitle: null, returnZip: undefined })).toEqual([]);
    // The bulk path: the hidden state and a state read once as "" (then as "NV") are not sent as a whole address.
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    let reads = 0;
    const shifty = { ...RETURN } as Record<string, unknown>;
    Object.defineProperty(shifty, "returnState", {
      enumerable: true,
      get: () => (reads++ === 0 ? "" : "NV"),
    });
    const rows = recipients(2).map((r, i) => ({
      ...r,
      metadata: [hidden, shifty][i],
    })) as LettrLabs.Recipient[];
    // A row sent through its toJSON is checked as JSON writes it (review 146).
    const [, , third] = recipients(3) as LettrLabs.Recipient[];
    const viaToJSON = Object.assign(
      Object.create({
        toJSON(this: LettrLabs.Recipient) {
          return { ...this, metadata: { returnZip: "89501" } };
        },
      }),
      third,
    );
    const summary = await ll.orders.recipients.append(order.id, [...rows, viaToJSON]);
    expect(summary.rejected).toEqual([
      { index: 0, reason: "INCOMPLETE_RETURN_ADDRESS", field: "returnState" },
      { index: 2, reason: "INCOMPLETE_RETURN_ADDRESS", field: "returnAddress1" },
    ]);
    expect(order.recipients.map((r) => r.metadata?.returnState)).toEqual(["NV"]);
  });

  it("knows every return-address field of the spec's RecipientMetadata and IntegrationRecipient", () => {
    const spec = parse(readFileSync(specOf("lettrlabs"), "utf8")) as {
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    };
    for (const schema of ["RecipientMetadata", "IntegrationRecipient"]) {
      const fields = Object.keys(spec.components.schemas[schema]?.properties ?? {});
      expect(fields.filter((f) => f.startsWith("return")).sort(), schema).toEqual(
        [...RETURN_ADDRESS_FIELDS].sort(),
      );
    }
  });
});

describe("the validator's fast path (a row's field names compared with a recent row's)", () => {
  /** The validator's rules written plainly: every own field looked up, nothing remembered. */
  function oracle(r: LettrLabs.Recipient): [string, string][] {
    const a = r.address as Record<string, unknown> | undefined;
    if (!a || typeof a !== "object") return [["MISSING_ADDRESS", "address"]];
    const out: [string, string][] = [];
    const long: [string, string][] = [];
    const own = (o: object) => Object.keys(o).filter((k) => (o as Record<string, unknown>)[k] !== undefined);
    for (const k of own(r)) if (!isRecipientField(k)) out.push(["UNKNOWN_FIELD", k]);
    for (const group of ["personal", "address", "metadata"] as const) {
      const fields = r[group] as Record<string, unknown> | undefined;
      if (fields == null || group === "address") {
        if (!fields || typeof fields !== "object") continue;
      } else if (typeof fields !== "object" || Array.isArray(fields)) {
        out.push(["INVALID_GROUP", group]);
        continue;
      }
      for (const k of Object.keys(fields)) {
        if (fields[k] !== undefined && !isRecipientField(`${group}.${k}`))
          out.push(["UNKNOWN_FIELD", `${group}.${k}`]);
        if (group !== "metadata" && String(fields[k] ?? "").length > MAX_FIELD_LENGTH)
          long.push(["FIELD_TOO_LONG", k]);
      }
    }
    const m = (r.metadata ?? {}) as Record<string, unknown>;
    const holds = (k: string) => m[k] != null && (typeof m[k] !== "string" || (m[k] as string).trim() !== "");
    const given = (k: string) => isReadable(m[k]);
    if (RETURN_ADDRESS_FIELDS.some(holds)) {
      const missing = ["returnAddress1", "returnCity", "returnState", "returnZip"].filter((k) => !given(k));
      if (missing.length) out.push(["INCOMPLETE_RETURN_ADDRESS", missing[0] as string]);
      if (given("returnState") && !/^(TX|CA|NY|AA)$/.test((m.returnState as string).trim().toUpperCase()))
        out.push(["INVALID_STATE", "returnState"]);
      if (given("returnZip") && !/^[0-9]{5}(-?[0-9]{4})?$/.test((m.returnZip as string).trim()))
        out.push(["INVALID_ZIP", "returnZip"]);
    }
    const text = (k: string) =>
      typeof a[k] === "string" && (a[k] as string).trim() !== "" ? (a[k] as string) : undefined;
    if (!text("address1")) out.push(["MISSING_ADDRESS1", "address1"]);
    if (!text("city")) out.push(["MISSING_CITY", "city"]);
    const state = text("state");
    const notText = (k: string) => a[k] != null && typeof a[k] !== "string";
    if (notText("state")) out.push(["INVALID_STATE", "state"]);
    else if (!state) out.push(["MISSING_STATE", "state"]);
    else if (state.length <= MAX_FIELD_LENGTH && !/^(TX|CA|NY|AA)$/.test(state.trim().toUpperCase()))
      out.push(["INVALID_STATE", "state"]);
    const zip = text("zipCode");
    if (notText("zipCode")) out.push(["INVALID_ZIP", "zipCode"]);
    else if (!zip) out.push(["MISSING_ZIPCODE", "zipCode"]);
    else if (zip.length <= MAX_FIELD_LENGTH && !/^[0-9]{5}(-?[0-9]{4})?$/.test(zip.trim()))
      out.push(["INVALID_ZIP", "zipCode"]);
    return [...out, ...long];
  }
  const value = fc.oneof(
    fc.constantFrom(
      "TX",
      " ca ",
      "ny",
      "Zz",
      "78704",
      "78704-1234",
      " 7870",
      "",
      "  ",
      "Main St",
      "x".repeat(MAX_FIELD_LENGTH + 1),
    ),
    fc.constant(undefined),
    fc.constant(null),
    fc.integer(),
  );
  /** Names of each group, known ones and near misses, in any order and subset. */
  const group = (names: string[]) =>
    fc
      .uniqueArray(fc.tuple(fc.constantFrom(...names), value), {
        selector: ([k]) => k,
        maxLength: names.length,
      })
      .map((entries) => Object.fromEntries(entries));
  const recipient = fc.record(
    {
      personal: fc.oneof(
        {
          weight: 8,
          arbitrary: group(["firstName", "lastName", "toOrganization", "salutation", "fristName", "state"]),
        },
        // Not an object of fields: a name as text, a number, a list.
        { weight: 1, arbitrary: fc.constantFrom<unknown>("Ann Lee", 7, [], ["Ann"], null) },
      ),
      address: group(["address1", "address2", "city", "state", "zipCode", "zip4", "adress2", "City"]),
      metadata: fc.oneof(
        {
          weight: 8,
          arbitrary: group([
            "custom1",
            "text",
            "qrUrl",
            "Custom1",
            "state",
            "returnFirstName",
            "returnAddress1",
            "returnCity",
            "returnState",
            "returnZip",
          ]),
        },
        { weight: 1, arbitrary: fc.constantFrom<unknown>("code", 0, [], true) },
      ),
      id: fc.integer(),
      personel: fc.constant({ firstName: "Jo" }),
    },
    { requiredKeys: ["address"] },
  ) as fc.Arbitrary<LettrLabs.Recipient>;

  it("review 114: what JSON does not send is neither read nor trusted, and no memo place reads through to Array.prototype", async () => {
    const address = () =>
      ({ address1: "1 Main St", city: "Austin", zipCode: "78704" }) as Record<string, unknown>;
    // A long state JSON would not send (not enumerable) is not taken for a named long field: its
    // format is checked, and the row is refused before sending.
    const hidden = address();
    Object.defineProperty(hidden, "state", { value: "T".repeat(MAX_FIELD_LENGTH + 1), enumerable: false });
    expect(validateRecipient({ address: hidden } as LettrLabs.Recipient).map((p) => p.code)).toEqual([
      "INVALID_STATE",
    ]);
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    // The bulk path takes the row as JSON writes it: without the state, which it refuses as missing.
    const summary = await ll.orders.recipients.append(order.id, [{ address: hidden } as LettrLabs.Recipient]);
    expect(summary.rejected).toEqual([{ index: 0, reason: "MISSING_STATE", field: "state" }]);
    expect(summary.requests).toBe(0);
    expect(order.recipients).toHaveLength(0);
    // A state read once as "TX" and then as something long is checked as what it is then.
    let reads = 0;
    const shifty = address();
    Object.defineProperty(shifty, "state", {
      enumerable: true,
      get: () => (reads++ === 0 ? "TX" : "x".repeat(MAX_FIELD_LENGTH + 1)),
    });
    expect(validateRecipient({ address: shifty } as LettrLabs.Recipient).map((p) => p.code)).toEqual([
      "INVALID_STATE",
    ]);
    // An inherited field is never read (JSON never reads it either).
    const proto = {};
    Object.defineProperty(proto, "address2", {
      enumerable: true,
      get() {
        throw new Error("read");
      },
    });
    const inherits = Object.assign(Object.create(proto), { ...address(), state: "TX" });
    expect(validateRecipient({ address: inherits } as LettrLabs.Recipient)).toEqual([]);
    // A polluted Array.prototype does not make an unknown field known.
    const arrays = Array.prototype as unknown as Record<number, string>;
    for (let i = 0; i < 40; i++) arrays[i] = "adress2";
    try {
      const polluted = { address: { ...address(), state: "TX", address2: "x", adress2: "Apt 1" } };
      expect(validateRecipient(polluted as unknown as LettrLabs.Recipient).map((p) => p.field)).toEqual([
        "address.adress2",
      ]);
    } finally {
      for (let i = 0; i < 40; i++) delete arrays[i];
    }
  });

  it("names the same problems as the plain rules, in the same order, for any rows in any order (seeded)", () => {
    fc.assert(
      fc.property(fc.array(recipient, { minLength: 1, maxLength: 12 }), (rows) => {
        for (const r of rows) expect(validateRecipient(r).map((p) => [p.code, p.field])).toEqual(oracle(r));
      }),
      { seed: 20261203, numRuns: 400 },
    );
  });
});

describe("a recipient read back from an order, appended again", () => {
  it("is sent without its id: the API numbers what it adds, and the old id names another order's recipient", async () => {
    const bodies: string[] = [];
    const watching: typeof fetch = async (input, init) => {
      const request = input instanceof Request ? input : new Request(input, init);
      if (request.method === "PUT") bodies.push(await request.clone().text());
      return fetch(request);
    };
    const { fake, ll } = await setup({}, { fetch: watching });
    const [from, to] = [fake.seedOrder(), fake.seedOrder()];
    await ll.orders.recipients.append(from.id, recipients(2));
    const readBack: LettrLabs.Recipient[] = [];
    for await (const r of ll.orders.recipients.iterate(from.id)) readBack.push(r);
    expect(readBack.every((r) => typeof r.id === "number")).toBe(true);
    bodies.length = 0;
    const summary = await ll.orders.recipients.append(to.id, readBack);
    expect(summary.accepted).toBe(2);
    expect(to.recipients).toHaveLength(2);
    expect(from.recipients).toHaveLength(2);
    expect(bodies).toHaveLength(1);
    for (const r of JSON.parse(bodies[0] as string).recipients) expect(r).not.toHaveProperty("id");
    // The caller's objects keep their ids.
    expect(readBack.every((r) => typeof r.id === "number")).toBe(true);
  });
});

describe("the ZIP and state checks every row of a bulk append runs", () => {
  // The rules as written down: a ZIP as the spec's RecipientAddress.zipCode pattern says; a state
  // a USPS code, in capitals.
  const ZIP_RULE = new RegExp(
    (
      parse(readFileSync(specOf("lettrlabs"), "utf8")) as {
        components: { schemas: { RecipientAddress: { properties: { zipCode: { pattern: string } } } } };
      }
    ).components.schemas.RecipientAddress.properties.zipCode.pattern,
  );
  const CODES = new Set(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR VI GU AS MP AA AE AP".split(
      " ",
    ),
  );

  it("isZip takes exactly the ZIPs the rule does (seeded)", () => {
    const zipChar = fc.constantFrom(..."0123456789", "-", " ", "a", "\u0660", "٣", "+", "0\u0301");
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(zipChar, { maxLength: 11 }).map((c) => c.join("")),
          fc.constantFrom("78704", "78704-1234", "787041234", "7870", "78704-", "78704-123", "-78704123"),
          // Digit runs of every length around a ZIP's (ten digits is no ZIP: review 120).
          fc.stringMatching(/^[0-9]{4,11}$/),
          // Nine digits and a dash anywhere (only after the fifth is it ZIP+4).
          fc
            .tuple(fc.stringMatching(/^[0-9]{9}$/), fc.integer({ min: 0, max: 9 }))
            .map(([digits, at]) => `${digits.slice(0, at)}-${digits.slice(at)}`),
          fc.string({ maxLength: 11 }),
        ),
        (zip) => {
          expect(isZip(zip)).toBe(ZIP_RULE.test(zip));
        },
      ),
      { seed: 20261205, numRuns: 3000 },
    );
  });

  it("isUsStateCode takes exactly US_STATE_CODES, and any other value is not one (seeded)", () => {
    expect([...US_STATE_CODES].sort()).toEqual([...CODES].sort());
    for (const code of CODES) expect(isUsStateCode(code)).toBe(true);
    const letter = fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZ", "a", "x", "@", "[", "`", "{", "Ä", " ");
    fc.assert(
      fc.property(
        fc.oneof(
          fc.tuple(letter, letter).map(([a, b]) => a + b),
          fc.string({ maxLength: 3 }),
          fc.constantFrom(undefined, null, 12, ["TX"], { toString: () => "TX" }, "TX ", "tx", "T"),
        ),
        (state) => {
          expect(isUsStateCode(state)).toBe(typeof state === "string" && CODES.has(state));
        },
      ),
      { seed: 20261205, numRuns: 3000 },
    );
  });

  it("review 120: a ten-digit ZIP without its dash is refused on both paths, and the server never gets it", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    const [one, two, three] = recipients(3) as LettrLabs.Recipient[];
    const rows = [
      { ...one, address: { ...one?.address, zipCode: "7870401234" } },
      // The plain path (a state in lower case, taken as written otherwise).
      { ...two, address: { ...two?.address, state: "tx", zipCode: " 7870401234 " } },
      three,
    ] as LettrLabs.Recipient[];
    const result = await ll.orders.recipients.append(order.id, rows);
    expect(result.rejected).toEqual([
      { index: 0, reason: "INVALID_ZIP", field: "zipCode" },
      { index: 1, reason: "INVALID_ZIP", field: "zipCode" },
    ]);
    expect(order.recipients.map((r) => r.address?.address1)).toEqual([three?.address?.address1]);
  });
});
