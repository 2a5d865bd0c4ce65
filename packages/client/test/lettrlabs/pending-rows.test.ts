import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonBytes } from "../../src/core/json-bytes.js";
import { jsonCopy } from "../../src/core/json-copy.js";
import { type LettrLabs, recipientKey } from "../../src/index.js";
import { PendingRows, type TakenChunk, unnumbered } from "../../src/lettrlabs/pending-rows.js";
import { NOT_WRITTEN, writeValidRecipient } from "../../src/lettrlabs/recipient-bytes.js";
import { bulkIdentityHash } from "../../src/lettrlabs/recipient-hash.js";
import { recipientProblems } from "../../src/lettrlabs/recipient-validation.js";
import { recipients, setup } from "./helpers.js";

// A bulk append checks, de-duplicates and writes each row in one walk over its fields
// (writeValidRecipient), taking the plain path for any row that is not the common case. Held here
// to the plain rules: the rows a chunk takes, rejects and finds repeated are those recipientProblems
// and recipientKey decide, and its body is the UTF-8 of JSON.stringify of those rows without ids.

type Summary = ConstructorParameters<typeof PendingRows>[1];
const summary = (): Summary => ({
  orderId: 1,
  submitted: 0,
  sent: 0,
  accepted: 0,
  rejected: [],
  duplicates: [],
  recovered: 0,
  resent: 0,
  requests: 0,
});
const utf8 = (text: string) => new Uint8Array(Buffer.from(text, "utf8"));

/** The plain rules: each row checked, then compared by its key with the rows kept before it. */
function oracle(rows: readonly LettrLabs.Recipient[]) {
  const rejected: { index: number; reason: string; field: string }[] = [];
  const duplicates: { index: number; duplicateOf: number }[] = [];
  const sent: number[] = [];
  const first = new Map<string, number>();
  rows.forEach((row, index) => {
    // A row is taken as what JSON writes of it (a toJSON, a group that is not a plain object, a
    // field that is not enumerable: what JSON leaves out is not there).
    const r = typeof row === "object" && row !== null ? (jsonCopy(row) as LettrLabs.Recipient) : row;
    const problem = recipientProblems(r)?.[0];
    const key = recipientKey(r);
    const earlier = first.get(key);
    if (problem) rejected.push({ index, reason: problem.code, field: problem.field });
    else if (earlier !== undefined) duplicates.push({ index, duplicateOf: earlier });
    else {
      first.set(key, index);
      sent.push(index);
    }
  });
  return { rejected, duplicates, sent };
}

/** Every chunk of `rows`, `size` at a time. */
function chunks(rows: readonly LettrLabs.Recipient[], size: number) {
  const s = summary();
  const pending = new PendingRows(rows, s);
  const out: TakenChunk[] = [];
  for (let c = pending.takeChunk(size); c.rows.length > 0; c = pending.takeChunk(size)) out.push(c);
  return { summary: s, chunks: out };
}

// Text that exercises every branch: case, white space to collapse, "|" and "\\", quotes and
// control characters JSON escapes, accents composed and not, emoji, lone surrogates.
const text = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("Jo", "JO", "jo", "Ann Lee", "Ann  Lee", " Ann Lee", "Ann Lee ") },
  { weight: 3, arbitrary: fc.constantFrom("a|b", "a\\b", 'say "hi"', "tab\there", "line\nbreak", "\u0000") },
  { weight: 3, arbitrary: fc.constantFrom("José", "Jose\u0301", "Zoë", "😀", "\ud800", "Ünïcode") },
  // Hashed on the key's path for one reason, then escaped by JSON for another.
  { weight: 2, arbitrary: fc.constantFrom(" José", "Ann  Lee\n", 'a|b"c', "Lee \u00e9", "A|\u0000") },
  { weight: 2, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 4 }) },
);
const state = fc.constantFrom("TX", "CA", "tx", " TX", "ZZ", "");
const zip = fc.constantFrom("78704", "78704-1234", "787041234", "7870", "78704 ", " 78704", "abcde", "");
const value = <T>(main: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 8, arbitrary: main }, fc.constantFrom(undefined, null, 12, "x".repeat(1001)));

/** Fields in any order and subset (the required ones always there), sometimes one the API lacks. */
const group = (fields: [string, fc.Arbitrary<unknown>][], required: string[] = []) => {
  const all = Object.fromEntries(fields);
  return fc
    .tuple(
      fc.shuffledSubarray(
        fields.map(([k]) => k),
        { minLength: 0 },
      ),
      fc.constantFrom(...fields.map(([k]) => k), "adress2", "custom1"),
      fc.boolean(),
    )
    .chain(([picked, stray, withStray]) => {
      const names = [...new Set([...required, ...picked])];
      return fc
        .shuffledSubarray(names, { minLength: names.length, maxLength: names.length })
        .chain((order) =>
          fc.tuple(...order.map((k) => fc.tuple(fc.constant(k), all[k] as fc.Arbitrary<unknown>))),
        )
        .map((entries) => {
          const out: Record<string, unknown> = Object.fromEntries(entries);
          if (withStray && !(stray in out)) out[stray] = "Apt 1";
          return out;
        });
    });
};

const personal = group([
  ["firstName", value(text)],
  ["lastName", value(text)],
  ["toOrganization", value(text)],
  ["salutation", value(text)],
]);
const address = group(
  [
    ["address1", value(text)],
    ["address2", value(text)],
    ["city", value(text)],
    ["state", value(state)],
    ["zipCode", value(zip)],
  ],
  ["address1", "city", "state", "zipCode"],
);
const merge: [string, fc.Arbitrary<unknown>][] = [
  ["custom1", value(text)],
  ["text", value(text)],
  ["qrUrl", value(fc.constant("https://x.test/q"))],
];
/** The four fields a return address must have (whole or absent), and one it may. */
const returnAddress: [string, fc.Arbitrary<unknown>][] = [
  ["returnAddress1", value(text)],
  ["returnCity", value(text)],
  ["returnState", value(state)],
  ["returnZip", value(zip)],
  ["returnFirstName", value(text)],
];
/** Merge fields, some with a return address: whole (as written), any part of one, or one field of one. */
const metadata = fc.oneof(
  { weight: 3, arbitrary: group(merge) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(group(merge), fc.constantFrom(...returnAddress.map(([k]) => k)))
      .map(([fields, field]) => ({ ...fields, [field]: field === "returnZip" ? "89501" : "NV" })),
  },
  { weight: 1, arbitrary: group([...merge, ...returnAddress]) },
  {
    weight: 1,
    arbitrary: group(
      [...merge, ...returnAddress],
      ["returnAddress1", "returnCity", "returnState", "returnZip"],
    ),
  },
);

/** A recipient, its groups in any order, sometimes with an id or a null prototype, or not plain at all. */
const recipient: fc.Arbitrary<LettrLabs.Recipient> = fc
  .tuple(
    fc.shuffledSubarray(["personal", "address", "metadata", "id"] as const, { minLength: 1 }),
    personal,
    address,
    metadata,
    fc.constantFrom(
      "plain",
      "plain",
      "plain",
      "null-proto",
      "null-proto-groups",
      "class",
      "extra",
      "odd-group",
      "hidden",
    ),
    fc.nat(),
  )
  .map(([keys, p, a, m, kind, pick]) => {
    const groups: Record<string, unknown> = { personal: p, address: a, metadata: m, id: 7 };
    // A group JSON writes otherwise than its fields (a class, a toJSON, a list, text).
    if (kind === "odd-group") {
      const odd = [
        Object.assign(new (class Address {})(), a),
        Object.assign(
          new (class Written {
            toJSON() {
              return { city: "Elsewhere" };
            }
          })(),
          a,
        ),
        { ...a, toJSON: () => ({ city: "Elsewhere" }) },
        [a],
        Object.assign(Object.setPrototypeOf([], Object.prototype), a),
        "1 Main St, Austin TX",
      ];
      groups.address = odd[pick % odd.length];
    }
    const r: Record<string, unknown> = kind === "null-proto" ? Object.create(null) : {};
    for (const k of keys) {
      const g = groups[k];
      r[k] =
        kind === "null-proto-groups" && typeof g === "object" ? Object.assign(Object.create(null), g) : g;
    }
    if (kind === "extra") r.persnal = { firstName: "Jo" };
    // What JSON does not send: a field or group not enumerable (review 117: such a row was hashed
    // without it and keyed with it, and a repeat of it sent twice). It is no part of the row.
    if (kind === "hidden") {
      const hide = (o: object, name: string, value: unknown) =>
        Object.defineProperty(o, name, { value, enumerable: false, configurable: true });
      if (pick % 3 === 0) {
        r.personal ??= {};
        hide(r.personal as object, "firstName", "Ann");
      } else if (pick % 3 === 1) hide(r, "personal", { firstName: "Ann", lastName: "Lee" });
      else hide(r, "metadata", { frstName: "Ann" });
    }
    if (kind === "class") return Object.assign(new (class Row {})(), r) as LettrLabs.Recipient;
    return r as LettrLabs.Recipient;
  });

/** Valid rows from a few people, in every spelling recipientKey takes for one. */
const spellings: fc.Arbitrary<LettrLabs.Recipient> = fc
  .tuple(
    fc.constantFrom("Ann", "ANN", "ann", " Ann", "Ann ", "José", "Jose\u0301", "A|n", "A\\n"),
    fc.constantFrom("Lee", "LEE", "Le e", "Le  e", "Le\te"),
    fc.constantFrom("1 Main St", "1 MAIN ST", "1  Main St", "2 Main St"),
    fc.constantFrom("78704", "78704-1234", "787041111", "78705"),
    fc.constantFrom("TX", "tx"),
    fc.boolean(),
  )
  .map(([firstName, lastName, address1, zipCode, st, addressFirst]) => {
    const a = { address1, city: "Austin", state: st, zipCode };
    const p = { firstName, lastName };
    return (addressFirst ? { address: a, personal: p } : { personal: p, address: a }) as LettrLabs.Recipient;
  });

const rowsOf = fc.array(fc.oneof(recipient, spellings), { minLength: 1, maxLength: 40 });

describe("a bulk append's rows, checked, de-duplicated and written in one pass", () => {
  it("takes, rejects and finds repeated exactly the rows the plain rules do, and sends each chunk as JSON.stringify writes it (seeded)", () => {
    fc.assert(
      fc.property(rowsOf, fc.integer({ min: 1, max: 7 }), (rows, size) => {
        const expected = oracle(rows);
        const { summary: s, chunks: taken } = chunks(rows, size);
        expect(taken.flatMap((c) => c.rows)).toEqual(expected.sent);
        expect(s.rejected).toEqual(expected.rejected);
        expect(s.duplicates).toEqual(expected.duplicates);
        expect(s.sent).toBe(expected.sent.length);
        for (const c of taken) {
          expect(c.body).toBeDefined();
          const sent = c.rows.map((i) => unnumbered(rows[i] as LettrLabs.Recipient));
          expect(c.body).toEqual(utf8(JSON.stringify({ recipients: sent })));
        }
      }),
      { seed: 20261203, numRuns: 700 },
    );
  });

  it("rows are looked up for repeats a batch at a time: across batches and chunks of any size, the same rows taken, rejected and repeated, and the same bytes (seeded)", () => {
    // Lists longer than a batch (1,024 rows), drawn from a small pool so that repeats land in the
    // same batch, in the batch before, and across chunks; chunks smaller and larger than a batch.
    fc.assert(
      fc.property(
        rowsOf,
        fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 900, max: 2600 }),
        fc.constantFrom(1, 3, 700, 1024, 1025, 2000, 5000),
        (pool, picks, length, size) => {
          const rows = Array.from(
            { length },
            (_, i) =>
              pool[((picks[i % picks.length] as number) + i * 7919) % pool.length] as LettrLabs.Recipient,
          );
          const expected = oracle(rows);
          const { summary: s, chunks: taken } = chunks(rows, size);
          expect(taken.flatMap((c) => c.rows)).toEqual(expected.sent);
          expect(s.rejected).toEqual(expected.rejected);
          expect(s.duplicates).toEqual(expected.duplicates);
          for (const c of taken) {
            expect(c.rows.length).toBe(Math.min(size, c.rows.length));
            const sent = c.rows.map((i) => unnumbered(rows[i] as LettrLabs.Recipient));
            expect(c.body).toEqual(utf8(JSON.stringify({ recipients: sent })));
          }
          // Every chunk but the last is full: a repeat dropped from a batch is made up from the rows after it.
          for (const c of taken.slice(0, -1)) expect(c.rows).toHaveLength(size);
          // take (no body) agrees.
          const plain = summary();
          const pending = new PendingRows(rows, plain);
          expect(pending.take(Number.POSITIVE_INFINITY)).toEqual(expected.sent);
          expect(plain.duplicates).toEqual(expected.duplicates);
        },
      ),
      { seed: 20261204, numRuns: 40 },
    );
  });

  it("a repeat that cannot be read again to confirm it is refused as UNREADABLE, in the input's order among the rows its chunk refused, and neither sent nor taken for seen", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    const [one, two, three] = recipients(3) as LettrLabs.Recipient[];
    // Read once as it is checked and written, then it throws: its repeat is confirmed by reading it again.
    let reads = 0;
    const flaky = { address: one?.address } as Record<string, unknown>;
    Object.defineProperty(flaky, "personal", {
      enumerable: true,
      get() {
        if (reads++ > 0) throw new Error("boom later");
        return one?.personal;
      },
    });
    const rows = [
      one,
      flaky as LettrLabs.Recipient,
      { ...two, address: { ...two?.address, state: "Texas" } } as LettrLabs.Recipient,
      one,
      three,
    ] as LettrLabs.Recipient[];
    const result = await ll.orders.recipients.append(order.id, rows, { chunkSize: 10 });
    expect(result.rejected).toEqual([
      { index: 1, reason: "UNREADABLE" },
      { index: 2, reason: "INVALID_STATE", field: "state" },
    ]);
    expect(result.duplicates).toEqual([{ index: 3, duplicateOf: 0 }]);
    expect(order.recipients.map((r) => r.address?.address1)).toEqual(["100 Main St", "102 Main St"]);
  });

  it("review 117: a field or group JSON does not send (not enumerable) is no part of the row: it is not checked, and rows JSON writes alike are one recipient (seeded)", () => {
    const hidden = (r: LettrLabs.Recipient, how: number): LettrLabs.Recipient => {
      const copy = { ...r, personal: { ...r.personal }, address: { ...r.address } } as Record<
        string,
        unknown
      >;
      const hide = (o: object, name: string, value: unknown) =>
        Object.defineProperty(o, name, { value, enumerable: false, configurable: true });
      const personal = copy.personal as Record<string, unknown>;
      const address = copy.address as Record<string, unknown>;
      if (how === 0) hide(personal, "firstName", personal.firstName);
      else if (how === 1) hide(copy, "personal", personal);
      else if (how === 2) hide(address, "address2", "Apt 9");
      else hide(copy, "metadata", { custom1: "x", frstName: "Ann" });
      return copy as LettrLabs.Recipient;
    };
    fc.assert(
      fc.property(spellings, fc.integer({ min: 0, max: 3 }), fc.boolean(), (r, how, first) => {
        const rows = first ? [hidden(r, how), r] : [r, hidden(r, how)];
        const expected = oracle(rows);
        const { summary: s, chunks: taken } = chunks(rows, 10);
        expect(taken.flatMap((c) => c.rows)).toEqual(expected.sent);
        expect(s.duplicates).toEqual(expected.duplicates);
        expect(s.rejected).toEqual(expected.rejected);
      }),
      { seed: 20261206, numRuns: 300 },
    );
  });

  it("a row it writes on its own is one the validator passes, written as JSON writes it, hashed as bulkIdentityHash (seeded)", () => {
    let written = 0;
    fc.assert(
      fc.property(fc.oneof(recipient, spellings), (r) => {
        const b = jsonBytes(16);
        const hash = writeValidRecipient(b, r, new Int32Array(16));
        if (hash === NOT_WRITTEN) return;
        written++;
        expect(recipientProblems(r)).toBeUndefined();
        expect(b.out.slice(0, b.length)).toEqual(utf8(JSON.stringify(unnumbered(r))));
        if (hash >= 0) expect(hash).toBe(bulkIdentityHash(r));
      }),
      { seed: 20261204, numRuns: 1500 },
    );
    // The property is not vacuous: most generated rows take the fast path.
    expect(written).toBeGreaterThan(300);
  });

  it("bulkIdentityHash is equal for rows recipientKey finds equal, whichever path hashed them (seeded)", () => {
    fc.assert(
      fc.property(spellings, spellings, (a, b) => {
        if (recipientKey(a) === recipientKey(b)) expect(bulkIdentityHash(a)).toBe(bulkIdentityHash(b));
      }),
      { seed: 20261205, numRuns: 3000 },
    );
    // Spread: 2000 distinct people, no two hashes alike.
    const hashes = new Set(recipients(2000).map(bulkIdentityHash));
    expect(hashes.size).toBe(2000);
  });

  it("leaves a chunk to the list's serializer when JSON would write a row otherwise: a toJSON, a list with one, a row JSON cannot write", () => {
    const rows = recipients(3);
    // A row with a toJSON is taken as what it writes, once (review 147): its copy is written as checked.
    let calls = 0;
    const withToJSON = Object.assign(
      Object.create({
        toJSON: () => {
          calls++;
          return { ...rows[1], address: { ...rows[1]?.address, address2: "Apt 9" } };
        },
      }),
      rows[1],
    );
    const copied = chunks([rows[0]!, withToJSON, rows[2]!], 10).chunks[0];
    expect(copied?.body).toEqual(
      utf8(
        JSON.stringify({
          recipients: [rows[0], { ...rows[1], address: { ...rows[1]?.address, address2: "Apt 9" } }, rows[2]],
        }),
      ),
    );
    expect(calls).toBe(1);
    // What its toJSON writes is what is checked (review 146): a row JSON writes as no recipient is refused.
    const shown = Object.assign(Object.create({ toJSON: () => ({ shown: 1 }) }), rows[1]);
    const refused = chunks([rows[0]!, shown, rows[2]!], 10);
    expect(refused.summary.rejected).toEqual([{ index: 1, reason: "MISSING_ADDRESS", field: "address" }]);
    expect(refused.chunks[0]?.rows).toEqual([0, 2]);
    // A row JSON cannot write (a BigInt) is refused as it is checked; the chunk keeps its body.
    const big = { ...rows[1]!, metadata: { custom1: 10n } } as unknown as LettrLabs.Recipient;
    const one = chunks([rows[0]!, big], 10);
    expect(one.summary.rejected).toEqual([{ index: 1, reason: "UNREADABLE" }]);
    expect(one.chunks[0]?.rows).toEqual([0]);
    expect(one.chunks[0]?.body).toEqual(utf8(JSON.stringify({ recipients: [rows[0]] })));
    const arrays = Array.prototype as unknown as { toJSON?: () => unknown };
    arrays.toJSON = () => "list";
    try {
      expect(chunks(rows, 10).chunks[0]?.body).toBeUndefined();
    } finally {
      delete arrays.toJSON;
    }
    // An enumerable field on Object.prototype (for-in would list it; JSON does not): every row is
    // written by JSON.stringify, and the bytes are still JSON's.
    const objects = Object.prototype as unknown as Record<string, unknown>;
    Object.defineProperty(objects, "polluted", {
      value: "x",
      enumerable: true,
      configurable: true,
      writable: true,
    });
    try {
      const c = chunks(rows, 10).chunks[0];
      expect(c?.body).toEqual(utf8(JSON.stringify({ recipients: rows })));
    } finally {
      delete objects.polluted;
    }
  });

  it("sends what it checked: a field read once, as it was checked, even when reading it again would give another value", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    let reads = 0;
    const address: Record<string, unknown> = { address1: "1 Main St", city: "Austin", zipCode: "78704" };
    Object.defineProperty(address, "state", {
      enumerable: true,
      get: () => (reads++ === 0 ? "TX" : "Texas, a long way off"),
    });
    const rows = [{ address, personal: { firstName: "Jo" } } as LettrLabs.Recipient, ...recipients(2)];
    const result = await ll.orders.recipients.append(order.id, rows);
    expect(result.rejected).toEqual([]);
    expect(order.recipients.map((r) => r.address?.state)).toEqual(["TX", "TX", "TX"]);
  });

  it("review 117: a row that throws when read is refused as UNREADABLE, and the rows before it in its chunk are still sent", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    const rows = recipients(4) as Record<string, unknown>[];
    Object.defineProperty(rows[2] as object, "id", {
      enumerable: true,
      get() {
        throw new Error("boom");
      },
    });
    const metadata = {};
    Object.defineProperty(metadata, "custom1", {
      enumerable: true,
      get() {
        throw new Error("boom");
      },
    });
    rows.push({ ...recipients(1, 10)[0], metadata });
    const result = await ll.orders.recipients.append(order.id, rows as LettrLabs.Recipient[], {
      chunkSize: 10,
    });
    expect(result.rejected).toEqual([
      { index: 2, reason: "UNREADABLE" },
      { index: 4, reason: "UNREADABLE" },
    ]);
    expect(result.sent).toBe(3);
    expect(order.recipients.map((r) => r.address?.address1)).toEqual([
      "100 Main St",
      "101 Main St",
      "103 Main St",
    ]);
  });

  it("review 147: a row sent through its toJSON is checked, compared and sent as what it wrote, once", async () => {
    const { fake, ll } = await setup();
    class Row {
      readonly #data: object;
      constructor(data: object) {
        this.#data = data;
      }
      toJSON() {
        return this.#data;
      }
    }
    const [a, b, c] = recipients(3) as [LettrLabs.Recipient, LettrLabs.Recipient, LettrLabs.Recipient];
    const wrapped = fake.seedOrder();
    // Three people behind private fields: three recipients, no "duplicate".
    const three = await ll.orders.recipients.append(
      wrapped.id,
      [a, b, c].map((r) => new Row(r) as unknown as LettrLabs.Recipient),
    );
    expect(three.duplicates).toEqual([]);
    expect(wrapped.recipients.map((r) => r.address.address1)).toEqual(
      [a, b, c].map((r) => r.address.address1),
    );
    // Own fields that differ, one person written: sent once. Own fields alike, two people written: both.
    const mixed = fake.seedOrder();
    const as = (own: object, written: object) =>
      Object.assign(Object.create({ toJSON: () => written }), own) as LettrLabs.Recipient;
    const apt = (n: string) => ({ ...a, address: { ...a.address, address2: n } });
    const summary = await ll.orders.recipients.append(mixed.id, [
      as({ ...a, personal: { firstName: "A" } }, a),
      as({ ...a, personal: { firstName: "B" } }, a),
      as(a, apt("Apt 2")),
      as(a, apt("Apt 3")),
    ]);
    expect(summary.duplicates).toEqual([{ index: 1, duplicateOf: 0 }]);
    expect(mixed.recipients.map((r) => r.address.address2 ?? null)).toEqual([null, "Apt 2", "Apt 3"]);
    // Called once: a toJSON that answers otherwise the second time is sent as first checked; one
    // that throws is refused (UNREADABLE) and the others are sent.
    const once = fake.seedOrder();
    let calls = 0;
    const shifty = as(b, {});
    Object.getPrototypeOf(shifty).toJSON = () =>
      calls++ === 0 ? b : { ...b, address: { ...b.address, state: "ZZ" } };
    const throws = Object.assign(
      Object.create({
        toJSON() {
          throw new Error("boom");
        },
      }),
      c,
    ) as LettrLabs.Recipient;
    const last = await ll.orders.recipients.append(once.id, [
      shifty,
      throws,
      as({ ...c, id: 7 }, { ...c, id: 424242 }),
    ]);
    expect(calls).toBe(1);
    expect(last.rejected).toEqual([{ index: 1, reason: "UNREADABLE" }]);
    expect(once.recipients.map((r) => r.address.state)).toEqual([b.address.state, c.address.state]);
  });

  it("a field JSON leaves out (not enumerable) is no part of a row: two rows differing only in it are one card, and a read-back after a lost answer finds the row sent", async () => {
    const { fake, ll } = await setup();
    const hide = <T extends object>(o: T, name: string, value: unknown): T =>
      Object.defineProperty(o, name, { value, enumerable: false, configurable: true });
    const [a, b] = recipients(2) as [LettrLabs.Recipient, LettrLabs.Recipient];
    // A merge field JSON does not send, on a row of the common case, after a lost answer: the
    // read-back compares what was sent (it had stopped the append as "another version").
    const lost = fake.seedOrder();
    fake.inject("PUT", new RegExp(`/order/${lost.id}/recipients$`), { kind: "drop-after-apply" });
    const resumed = await ll.orders.recipients.append(lost.id, [
      { ...a, metadata: hide({ custom1: "shown" }, "custom2", "hidden") },
      b,
    ]);
    expect(resumed.recovered).toBe(2);
    expect(lost.recipients).toHaveLength(2);
    expect(lost.recipients[0]?.metadata).toEqual({ custom1: "shown" });
    // Two rows JSON writes alike: one has an address2 JSON does not send (both were mailed).
    const order = fake.seedOrder();
    const summary = await ll.orders.recipients.append(order.id, [
      { ...a, address: hide({ ...a.address }, "address2", "Apt 9") },
      { ...a },
    ]);
    expect(summary.duplicates).toEqual([{ index: 1, duplicateOf: 0 }]);
    expect(order.recipients).toHaveLength(1);
    expect(order.recipients[0]?.address.address2).toBeUndefined();
    // A name JSON does not send is not checked either: a row whose only name is hidden is sent
    // as it is written (the address alone), not passed as named.
    const nameless = fake.seedOrder();
    const hiddenName = await ll.orders.recipients.append(nameless.id, [
      { ...b, personal: hide({ lastName: "Lee" }, "firstName", "Ann") },
    ]);
    expect(hiddenName.rejected).toEqual([]);
    expect(nameless.recipients[0]?.personal?.firstName).toBeUndefined();
  });

  it("review 150: rows carrying a BigInt id (never sent) are checked, compared, read back and resumed as any other, on either path", async () => {
    const { fake, ll } = await setup();
    const numbered = (state: string) =>
      recipients(3).map((r, i) => ({
        ...r,
        address: { ...r.address, state },
        id: BigInt(i + 1),
      })) as unknown as LettrLabs.Recipient[];
    for (const state of ["TX", "tx"]) {
      // A lost answer: the read-back finds all three, and sends none again.
      const lost = fake.seedOrder();
      fake.inject("PUT", new RegExp(`/order/${lost.id}/recipients$`), { kind: "drop-after-apply" });
      const recovered = await ll.orders.recipients.append(lost.id, numbered(state));
      expect(recovered.recovered, state).toBe(3);
      expect(lost.recipients).toHaveLength(3);
      // Resumed on an order that holds one of them: the other two are sent.
      const resumed = fake.seedOrder();
      await ll.orders.recipients.append(resumed.id, numbered(state).slice(0, 1));
      const rest = await ll.orders.recipients.append(resumed.id, numbered(state), { resume: true });
      expect(rest.recovered, state).toBe(1);
      expect(resumed.recipients).toHaveLength(3);
      // Twins differing only in their id: one card.
      const twins = fake.seedOrder();
      const [a] = numbered(state);
      const twice = await ll.orders.recipients.append(twins.id, [
        a!,
        { ...a!, id: 99n } as unknown as LettrLabs.Recipient,
      ]);
      expect(twice.duplicates, state).toEqual([{ index: 1, duplicateOf: 0 }]);
      expect(twins.recipients).toHaveLength(1);
      expect(twins.recipients[0]?.id).not.toBe(99);
    }
  });

  it("review 150: a field with a toJSON is called once: a lost answer then sends nothing twice, and compares what was sent", async () => {
    const { fake, ll } = await setup();
    const [a, b] = recipients(2) as [LettrLabs.Recipient, LettrLabs.Recipient];
    let calls = 0;
    const street = { toJSON: () => (calls++ ? `${a.address.address1} Street` : a.address.address1) };
    let codes = 0;
    const code = { toJSON: () => `code-${codes++}` };
    const lost = fake.seedOrder();
    fake.inject("PUT", new RegExp(`/order/${lost.id}/recipients$`), { kind: "drop-after-apply" });
    const summary = await ll.orders.recipients.append(lost.id, [
      {
        ...a,
        address: { ...a.address, address1: street },
        metadata: { custom1: code },
      } as unknown as LettrLabs.Recipient,
      b,
    ]);
    expect(calls).toBe(1);
    expect(codes).toBe(1);
    expect(summary.recovered).toBe(2);
    expect(lost.recipients.map((r) => r.address.address1)).toEqual([a.address.address1, b.address.address1]);
    expect(lost.recipients[0]?.metadata).toEqual({ custom1: "code-0" });
  });

  it("review 152: a name or address field JSON writes otherwise than its text (NaN, Infinity, a function) is compared as written: one card, and nothing sent twice after a lost answer or on resume", async () => {
    const { fake, ll } = await setup();
    const [a, b] = recipients(2) as [LettrLabs.Recipient, LettrLabs.Recipient];
    const odd = (address2: unknown) =>
      ({ ...a, address: { ...a.address, address2 } }) as unknown as LettrLabs.Recipient;
    for (const [value, twin] of [
      [Number.NaN, odd(null)],
      [Number.POSITIVE_INFINITY, a],
      [() => "x", a],
    ] as const) {
      const order = fake.seedOrder();
      const summary = await ll.orders.recipients.append(order.id, [odd(value), twin]);
      expect(summary.duplicates).toEqual([{ index: 1, duplicateOf: 0 }]);
      expect(order.recipients).toHaveLength(1);
    }
    const lost = fake.seedOrder();
    fake.inject("PUT", new RegExp(`/order/${lost.id}/recipients$`), { kind: "drop-after-apply" });
    const recovered = await ll.orders.recipients.append(lost.id, [odd(Number.NaN), b]);
    expect(recovered.recovered).toBe(2);
    expect(lost.recipients).toHaveLength(2);
    const resumed = await ll.orders.recipients.append(lost.id, [odd(Number.NaN), b], { resume: true });
    expect(resumed.recovered).toBe(2);
    expect(lost.recipients).toHaveLength(2);
    // A list or a boxed value carrying a row's fields is written as itself: refused, never sent.
    const boxed = fake.seedOrder();
    const rows = [Object.assign([], a), Object.assign(new String(""), a)] as unknown as LettrLabs.Recipient[];
    const refused = await ll.orders.recipients.append(boxed.id, rows);
    expect(refused.rejected.map((r) => r.index)).toEqual([0, 1]);
    expect(refused.requests).toBe(0);
    expect(boxed.recipients).toEqual([]);
  });

  it("review 153: a merge field JSON writes otherwise than its own text (NaN, a Date, a String object, a toJSON, a function) is compared as written: a lost answer and a resume recover, no conflict", async () => {
    const { fake, ll } = await setup();
    const [a, b] = recipients(2) as [LettrLabs.Recipient, LettrLabs.Recipient];
    for (const custom1 of [
      Number.NaN,
      new Date(0),
      new String("hello"),
      { toJSON: () => "stable" },
      () => "x",
    ]) {
      const order = fake.seedOrder();
      const rows = [{ ...a, metadata: { custom1 } } as unknown as LettrLabs.Recipient, b];
      fake.inject("PUT", new RegExp(`/order/${order.id}/recipients$`), { kind: "drop-after-apply" });
      const lost = await ll.orders.recipients.append(order.id, rows);
      expect(lost.recovered, String(custom1)).toBe(2);
      const resumed = await ll.orders.recipients.append(order.id, rows, { resume: true });
      expect(resumed.recovered, String(custom1)).toBe(2);
      expect(order.recipients).toHaveLength(2);
    }
  });

  it("review 148: a group with a toJSON is taken as what it writes too: checked, compared, read back once", async () => {
    const { fake, ll } = await setup();
    class Address {
      constructor(
        own: object,
        readonly written: object,
      ) {
        Object.assign(this, own);
      }
      toJSON() {
        return this.written;
      }
    }
    const [a] = recipients(1) as [LettrLabs.Recipient];
    const at = (written: object) =>
      ({ ...a, address: new Address(a.address, written) }) as unknown as LettrLabs.Recipient;
    const order = fake.seedOrder();
    const summary = await ll.orders.recipients.append(order.id, [
      at({ ...a.address, state: "ZZ" }),
      at({ ...a.address, address2: "Apt 2" }),
      at({ ...a.address, address2: "Apt 3" }),
    ]);
    expect(summary.rejected).toEqual([{ index: 0, reason: "INVALID_STATE", field: "state" }]);
    expect(summary.duplicates).toEqual([]);
    expect(order.recipients.map((r) => r.address.address2)).toEqual(["Apt 2", "Apt 3"]);
    // A lost answer: the read-back compares what was sent, and sends nothing twice.
    const lost = fake.seedOrder();
    fake.inject("PUT", new RegExp(`/order/${lost.id}/recipients$`), { kind: "drop-after-apply" });
    await ll.orders.recipients.append(lost.id, [
      at({ ...a.address, address1: `${a.address.address1} Apt 2` }),
    ]);
    expect(lost.recipients.map((r) => r.address.address1)).toEqual([`${a.address.address1} Apt 2`]);
    // A group class whose field is a getter on its prototype: JSON leaves it out, so the row is
    // refused by its index before sending (the server would have refused it for no row).
    class Located {
      constructor(own: object) {
        Object.assign(this, own);
      }
      get state() {
        return "TX";
      }
    }
    const { state: _, ...stateless } = a.address;
    const getter = fake.seedOrder();
    const refused = await ll.orders.recipients.append(getter.id, [
      { ...a, address: new Located(stateless) } as unknown as LettrLabs.Recipient,
    ]);
    expect(refused.rejected).toEqual([{ index: 0, reason: "MISSING_STATE", field: "state" }]);
    expect(getter.recipients).toEqual([]);
    // A group that is a function: JSON leaves it out, so two rows differing only in it are one card
    // (review 149: both were sent).
    const named = (firstName: string) =>
      ({
        address: a.address,
        personal: Object.assign(() => 0, { firstName }),
      }) as unknown as LettrLabs.Recipient;
    const fn = fake.seedOrder();
    const twice = await ll.orders.recipients.append(fn.id, [named("Ann"), named("Bob")]);
    expect(twice.duplicates).toEqual([{ index: 1, duplicateOf: 0 }]);
    expect(fn.recipients).toHaveLength(1);
  });

  it("review 117/118: a row read once as it is checked and written is not read again to be sent; where the chunk is left to the list's serializer, a row that throws then is an invalid_argument, nothing of that chunk sent", async () => {
    const { fake, ll } = await setup();
    const flaky = () => {
      let reads = 0;
      const row = recipients(1, 20)[0] as Record<string, unknown>;
      Object.defineProperty(row, "id", {
        enumerable: true,
        get() {
          if (reads++ > 0) throw new Error("boom later");
          return undefined;
        },
      });
      return row as LettrLabs.Recipient;
    };
    const written = fake.seedOrder();
    const summary = await ll.orders.recipients.append(written.id, [...recipients(2), flaky()]);
    expect(summary.rejected).toEqual([]);
    expect(written.recipients).toHaveLength(3);
    // The list's serializer writes the chunk (a toJSON on Array.prototype): the rows are read
    // again there, and a row that throws then makes the chunk an invalid_argument, none of it sent.
    const whole = fake.seedOrder();
    const arrays = Array.prototype as unknown as { toJSON?: () => unknown };
    let error: { kind?: string } | undefined;
    try {
      // Only the rows' list is re-listed; any other array JSON writes as it is.
      arrays.toJSON = function (this: unknown[]) {
        return [...this];
      };
      error = await ll.orders.recipients.append(whole.id, [recipients(1, 30)[0]!, flaky()]).catch((e) => e);
    } finally {
      delete arrays.toJSON;
    }
    expect(error?.kind).toBe("invalid_argument");
    expect(whole.recipients).toHaveLength(0);
    // A row with a toJSON is taken as its copy once (review 147): the chunk is written as checked.
    const copied = fake.seedOrder();
    const shown = Object.assign(Object.create({ toJSON: () => recipients(1, 30)[0] }), recipients(1, 30)[0]);
    const both = await ll.orders.recipients.append(copied.id, [shown, flaky()]);
    expect(both.rejected).toEqual([]);
    expect(copied.recipients).toHaveLength(2);
  });

  it("review 118: a row refused as UNREADABLE is never taken for seen: a readable copy of it after it is sent; a list whose own read throws loses no row", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    const throwing = (address: LettrLabs.Recipient["address"] | undefined) =>
      Object.defineProperty({ address }, "id", {
        enumerable: true,
        get() {
          throw new Error("boom");
        },
      }) as LettrLabs.Recipient;
    const [one, two] = recipients(2);
    const summary = await ll.orders.recipients.append(order.id, [
      throwing(one?.address),
      { address: one?.address } as LettrLabs.Recipient,
      two as LettrLabs.Recipient,
    ]);
    expect(summary.rejected).toEqual([{ index: 0, reason: "UNREADABLE" }]);
    expect(summary.duplicates).toEqual([]);
    expect(order.recipients.map((r) => r.address?.address1)).toEqual(["100 Main St", "101 Main St"]);
    // The list itself throws when one index is read.
    const listed = fake.seedOrder();
    const rows = recipients(4);
    Object.defineProperty(rows, 2, {
      get() {
        throw new Error("boom");
      },
    });
    const result = await ll.orders.recipients.append(listed.id, rows, { chunkSize: 10 });
    expect(result.rejected).toEqual([{ index: 2, reason: "UNREADABLE" }]);
    expect(listed.recipients.map((r) => r.address?.address1)).toEqual([
      "100 Main St",
      "101 Main St",
      "103 Main St",
    ]);
  });

  it("review 117: a getter that makes JSON write otherwise partway through a chunk (a field on Object.prototype) leaves the body to the list's serializer", () => {
    const objects = Object.prototype as unknown as Record<string, unknown>;
    const rows = recipients(3) as Record<string, unknown>[];
    Object.defineProperty(rows[0]?.personal as object, "firstName", {
      enumerable: true,
      get() {
        Object.defineProperty(objects, "injected", {
          value: "x",
          enumerable: true,
          configurable: true,
          writable: true,
        });
        return "Jo";
      },
    });
    try {
      const taken = chunks(rows as LettrLabs.Recipient[], 10).chunks[0];
      expect(taken?.rows).toEqual([0, 1, 2]);
      expect(taken?.body).toBeUndefined();
    } finally {
      delete objects.injected;
    }
  });

  it("a 1000-row chunk with repeats and refused rows: the server holds each person once, and nothing refused", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    const base = recipients(900);
    const rows: LettrLabs.Recipient[] = [];
    base.forEach((r, i) => {
      rows.push(r);
      if (i % 9 === 0)
        rows.push({
          ...r,
          personal: { firstName: ` ${r.personal?.firstName?.toUpperCase()}`, lastName: "DOE" },
        });
      if (i % 50 === 0) rows.push({ ...r, address: { ...r.address, state: "Texas" } } as LettrLabs.Recipient);
    });
    const result = await ll.orders.recipients.append(order.id, rows, { chunkSize: 1000 });
    expect(result.duplicates).toHaveLength(100);
    expect(result.rejected.every((x) => x.reason === "INVALID_STATE")).toBe(true);
    expect(result.rejected).toHaveLength(18);
    expect(order.recipients).toHaveLength(900);
    expect(new Set(order.recipients.map((r) => recipientKey(r as LettrLabs.Recipient))).size).toBe(900);
  });
});
