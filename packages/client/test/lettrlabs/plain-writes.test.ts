// Writes the API gives no way to read back by what was sent: sent once, and a failure once they
// were sent says "may have been applied" (ambiguous_write), never a plain connection error that a
// caller would repeat, applying them twice.
import { describe, expect, it } from "vitest";
import { LettrLabsError } from "../../src/index.js";
import { setup } from "./helpers.js";

const RECIPIENT = { firstName: "Ana", address1: "1 Main St", city: "Austin", state: "TX", zipCode: "78704" };
const RETURN = { returnAddress1: "9 Shop Rd", returnCity: "Dallas", returnState: "tx", returnZip: "75201" };

const { returnState: _, ...WITHOUT_STATE } = RETURN;
const ADDRESS = { address1: "1 Main St", city: "Austin", state: "TX", zipCode: "78704" };

/** A model class whose return state is computed: JSON does not send a getter of its prototype. */
class ContactWithGetter {
  get returnState(): string {
    return "TX";
  }
}

describe("writes that cannot be read back", () => {
  it.each([
    ["the answer is lost after the server applied it", { kind: "drop-after-apply" as const }, 1],
    ["the server applied it, then failed (HTTP 500)", { kind: "apply-then" as const, status: 500 }, 1],
    // A 3xx without a Location is not refused as a redirect, and is no refusal either.
    [
      "the server applied it, then answered 302 without a Location",
      { kind: "apply-then" as const, status: 302 },
      1,
    ],
    ["the server applied it, then answered 300", { kind: "apply-then" as const, status: 300 }, 1],
    ["the socket dropped before the server applied it", { kind: "drop-before-apply" as const }, 0],
  ])("an automation's recipient: %s -> ambiguous_write, sent once", async (_, fault, applied) => {
    const { fake, ll } = await setup();
    fake.inject("POST", /^\/v1\/integration-orders\/77\/recipients$/, fault);
    const error = await ll.integrationOrders.addRecipient(77, RECIPIENT).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LettrLabsError);
    expect((error as LettrLabsError).kind).toBe("ambiguous_write");
    expect((error as Error).message).toMatch(/may have been applied: check the automation's recipients/);
    expect(fake.count("POST", /\/integration-orders\/77\/recipients$/)).toBe(1);
    expect(fake.integrationRecipients.get(77)?.length ?? 0).toBe(applied);
  });

  it("a mailing by proximity whose answer is lost after the server took it: ambiguous_write, asked once", async () => {
    const { fake, ll } = await setup();
    fake.inject("POST", /^\/v1\/integration-orders\/77-by-proximity$/, { kind: "drop-after-apply" });
    const body = { address: ADDRESS, radiusInMiles: 0.5, maxRecipients: 40 };
    await expect(ll.integrationOrders.mailByProximity(77, body)).rejects.toMatchObject({
      kind: "ambiguous_write",
    });
    expect(fake.proximityMailings.get(77)).toEqual([body]);
  });

  it("conversions: a lost answer is ambiguous_write; a refusal (422) and a request that never left stay what they are", async () => {
    const { fake, ll } = await setup();
    const conversion = { orderId: "48213", firstName: "Ana", lastName: "Diaz", revenue: 120 };
    fake.inject("POST", /^\/v1\/conversions$/, { kind: "drop-after-apply" });
    await expect(ll.conversions.create([conversion])).rejects.toMatchObject({ kind: "ambiguous_write" });
    expect(fake.conversions).toHaveLength(1);
    fake.inject("POST", /^\/v1\/conversions$/, { kind: "status", status: 422, body: { errors: ["bad"] } });
    await expect(ll.conversions.create([conversion])).rejects.toMatchObject({ kind: "validation" });
    const controller = new AbortController();
    controller.abort();
    await expect(ll.conversions.create([conversion], { signal: controller.signal })).rejects.toMatchObject({
      kind: "aborted",
    });
    expect(fake.conversions).toHaveLength(1);
  });
});

describe("arguments a JavaScript caller gets wrong are refused before anything is sent", () => {
  it("an automation's recipient that an order would refuse: nothing is queued (each field named)", async () => {
    const { fake, ll } = await setup();
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...RECIPIENT, state: "texas" }, /bad state code/],
      [{ ...RECIPIENT, state: "ZZ" }, /bad state code/],
      [{ ...RECIPIENT, zipCode: "abc" }, /bad ZIP/],
      [{ ...RECIPIENT, zipCode: "7870" }, /bad ZIP/],
      [{ ...RECIPIENT, address1: "" }, /missing address1/],
      [{ ...RECIPIENT, address1: "   " }, /missing address1/],
      [{ ...RECIPIENT, city: undefined }, /missing city/],
      [{ ...RECIPIENT, address1: "x".repeat(5000) }, /address1/],
      [{ ...RECIPIENT, firstName: "y".repeat(5000) }, /firstName/],
      [{ ...RECIPIENT, toOrganization: "z".repeat(2000) }, /toOrganization/],
      [{ ...RECIPIENT, adress2: "Apt 4" }, /unknown field "adress2"/],
      [{ firstName: "Ana" }, /missing address1.*missing city.*missing state.*missing zip/],
      // A return address is whole or absent: half of one would go on the card.
      [
        { ...RECIPIENT, returnFirstName: "Shop" },
        /return address without returnAddress1, returnCity, returnState, returnZip/,
      ],
      [{ ...RECIPIENT, ...RETURN, returnZip: " " }, /return address without returnZip/],
      [{ ...RECIPIENT, ...RETURN, returnState: "Texas" }, /bad return state code "Texas"/],
      [{ ...RECIPIENT, ...RETURN, returnZip: "7870" }, /bad return ZIP "7870"/],
      [{ ...RECIPIENT, ...RETURN, returnZip: 75201 }, /return address without returnZip as text/],
      [{ ...RECIPIENT, returnCity: "\u3164" }, /return address without returnAddress1, returnCity/],
      // What JSON leaves out is not checked as if sent: a getter on a class, an inherited field.
      [
        Object.assign(new ContactWithGetter(), RECIPIENT, WITHOUT_STATE),
        /return address without returnState as text/,
      ],
      [
        Object.assign(Object.create({ returnState: "TX" }), RECIPIENT, WITHOUT_STATE),
        /return address without returnState/,
      ],
      // What JSON sends through a toJSON is what is checked (review 146).
      [
        Object.assign(
          Object.create({
            toJSON(this: object) {
              return { ...this, returnZip: "89501" };
            },
          }),
          RECIPIENT,
        ),
        /return address without returnAddress1, returnCity, returnState as text/,
      ],
    ];
    for (const [recipient, message] of cases) {
      const error = await ll.integrationOrders
        .addRecipient(77, recipient as unknown as typeof RECIPIENT)
        .catch((e: unknown) => e);
      expect(error, JSON.stringify(recipient).slice(0, 80)).toMatchObject({ kind: "invalid_argument" });
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).toContain("Nothing was sent.");
    }
    // One JSON cannot write is named as such.
    const cycle: Record<string, unknown> = { ...RECIPIENT };
    cycle.self = cycle;
    for (const unwritable of [{ ...RECIPIENT, custom1: 10n }, cycle])
      await expect(
        ll.integrationOrders.addRecipient(77, unwritable as unknown as typeof RECIPIENT),
      ).rejects.toThrow("the recipient cannot be written as JSON");
    for (const bad of [null, undefined, "1 Main St"])
      await expect(
        ll.integrationOrders.addRecipient(77, bad as unknown as typeof RECIPIENT),
      ).rejects.toMatchObject({
        kind: "invalid_argument",
      });
    expect(fake.count("POST", /\/integration-orders\/77\/recipients$/)).toBe(0);
    // What an order takes, an automation takes: a lower-case state, a ZIP+4, a null optional field.
    await ll.integrationOrders.addRecipient(77, {
      ...RECIPIENT,
      state: "tx",
      zipCode: "78704-1234",
      address2: null,
    });
    // A whole return address is taken, and so are blank return fields with none given.
    await ll.integrationOrders.addRecipient(77, { ...RECIPIENT, ...RETURN, returnAddress2: null });
    await ll.integrationOrders.addRecipient(77, { ...RECIPIENT, returnCity: "", returnTitle: null });
    expect(fake.integrationRecipients.get(77)).toHaveLength(3);
  });

  it("a mailing by proximity that breaks the spec's rules: nothing is mailed (each problem named)", async () => {
    const { fake, ll } = await setup();
    type Body = Parameters<typeof ll.integrationOrders.mailByProximity>[1];
    const cases: [unknown, RegExp][] = [
      // A misspelt limit, which the API would drop, mailing without it.
      [
        { address: ADDRESS, maxRecipient: 10 },
        /unknown field "maxRecipient" \(the API has none of that name, and would drop it\)/,
      ],
      [{ address: ADDRESS, radiusInMiles: 0 }, /radiusInMiles must be a number above 0, got 0/],
      [{ address: ADDRESS, radiusInMiles: -1 }, /radiusInMiles must be a number above 0, got -1/],
      [{ address: ADDRESS, radiusInMiles: "2" }, /radiusInMiles must be a number above 0, got "2"/],
      // NaN and Infinity go as null in JSON: refused, not sent as "no radius".
      [{ address: ADDRESS, radiusInMiles: Number.NaN }, /radiusInMiles must be a number above 0, got null/],
      [
        { address: ADDRESS, maxRecipients: Number.POSITIVE_INFINITY },
        /maxRecipients must be a whole number from 1, got null/,
      ],
      [{ address: ADDRESS, maxRecipients: 0 }, /maxRecipients must be a whole number from 1, got 0/],
      [{ address: ADDRESS, maxRecipients: 2.5 }, /maxRecipients must be a whole number from 1, got 2.5/],
      [{ address: { ...ADDRESS, state: "Texas" } }, /state/],
      [{ address: { ...ADDRESS, zipCode: "7870" } }, /ZIP/],
      [{ address: { ...ADDRESS, adress2: "Apt 4" } }, /adress2/],
      [{ radiusInMiles: 1 }, /address/],
      [{ address: ADDRESS, radiusInMiles: 1, maxRecipients: 10n }, /the request cannot be written as JSON/],
      [null, /the request must be an object/],
      [[ADDRESS], /the request must be an object/],
      // What JSON sends through a toJSON is what is checked.
      [
        { address: ADDRESS, maxRecipients: 5, toJSON: () => ({ address: ADDRESS, maxRecipients: -5 }) },
        /got -5/,
      ],
    ];
    for (const [body, message] of cases) {
      const error = await ll.integrationOrders.mailByProximity(77, body as Body).catch((e: unknown) => e);
      expect(error, String(message)).toMatchObject({ kind: "invalid_argument" });
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).toMatch(/^mailByProximity: .*\. Nothing was sent\.$/);
    }
    expect(fake.count("POST", /-by-proximity$/)).toBe(0);
    // Every problem is named at once.
    await expect(
      ll.integrationOrders.mailByProximity(77, {
        address: { ...ADDRESS, city: "" },
        radiusInMiles: -2,
      } as Body),
    ).rejects.toThrow(/radiusInMiles must be a number above 0, got -2; .*city/);
    // A body the rules take is sent as JSON writes it (a lower-case state, a ZIP+4, no limits).
    await ll.integrationOrders.mailByProximity(77, {
      address: { ...ADDRESS, state: "tx", zipCode: "78704-1234" },
    });
    await ll.integrationOrders.mailByProximity(77, {
      address: ADDRESS,
      radiusInMiles: 0.25,
      maxRecipients: 1,
    });
    expect(fake.proximityMailings.get(77)).toEqual([
      { address: { ...ADDRESS, state: "tx", zipCode: "78704-1234" } },
      { address: ADDRESS, radiusInMiles: 0.25, maxRecipients: 1 },
    ]);
  });

  it("a checkout body that is not one: nothing is charged", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder();
    const bodies: unknown[] = [
      undefined,
      null,
      {},
      { postageType: "Bogus", productionSpeed: "Normal" },
      { postageType: "Standard", productionSpeed: "Fast" },
      { postageType: "Standard", productionSpeed: "Normal", autoBill: "yes" },
      { postageType: "Standard", productionSpeed: "Normal", holdUntilDate: 20261231 },
      // A misspelt key would mail at once; a date that is none.
      { postageType: "Standard", productionSpeed: "Normal", holdUntil: "2030-01-01T00:00:00Z" },
      { postageType: "Standard", productionSpeed: "Normal", autobill: false },
      { postageType: "Standard", productionSpeed: "Normal", holdUntilDate: "" },
      { postageType: "Standard", productionSpeed: "Normal", holdUntilDate: "tomorrow" },
      { postageType: "Standard", productionSpeed: "Normal", holdUntilDate: "Jan 5" },
      { postageType: "Standard", productionSpeed: "Normal", holdUntilDate: "2027" },
      { postageType: "Standard", productionSpeed: "Normal", holdUntilDate: "12/31/2027" },
      { postageType: "Standard", productionSpeed: "Normal", holdUntilDate: "2027-02-30T00:00:00Z" },
      { postageType: "Standard", productionSpeed: "Normal", holdUntilDate: "2027-04-31T10:00:00Z" },
      { postageType: "Standard", productionSpeed: "Normal", holdUntilDate: "2027-01-05T24:00:00Z" },
      // What JSON would send differs from what was set: a non-enumerable hold, a toJSON.
      Object.defineProperty({ postageType: "Standard", productionSpeed: "Normal" }, "holdUntilDate", {
        value: "2030-01-01T00:00:00Z",
        enumerable: false,
      }),
      {
        postageType: "Standard",
        productionSpeed: "Normal",
        holdUntilDate: "2030-01-01T00:00:00Z",
        toJSON: () => ({ postageType: "Standard", productionSpeed: "Normal" }),
      },
      // Values JSON sends as null: an invalid Date, NaN, a toJSON answering null.
      { postageType: "Standard", productionSpeed: "Normal", holdUntilDate: new Date("next tuesday") },
      { postageType: "Standard", productionSpeed: "Normal", holdUntilDate: Number.NaN },
      { postageType: "Standard", productionSpeed: "Normal", holdUntilDate: { toJSON: () => null } },
      // A getter answering the check and JSON differently.
      (() => {
        let reads = 0;
        return Object.defineProperty(
          { postageType: "Standard", productionSpeed: "Normal" },
          "holdUntilDate",
          {
            enumerable: true,
            get: () => (reads++ === 0 ? () => "2030-01-01T00:00:00Z" : undefined),
          },
        );
      })(),
      // Inherited, so JSON would drop it: charged and mailed with no hold.
      Object.assign(Object.create({ holdUntilDate: "2030-01-01T00:00:00Z" }), {
        postageType: "Standard",
        productionSpeed: "Normal",
      }),
    ];
    for (const body of bodies) {
      const error = await ll.orders.checkout
        .submit(order.id, body as Parameters<typeof ll.orders.checkout.submit>[1])
        .catch((e: unknown) => e);
      expect(error, JSON.stringify(body)).toBeInstanceOf(LettrLabsError);
      expect((error as LettrLabsError).kind).toBe("invalid_argument");
    }
    expect(fake.requests).toEqual([]);
    expect(order.checkouts).toBe(0);
    // What the CLI's --hold-until sends, and other RFC 3339 forms, are taken.
    for (const holdUntilDate of [
      new Date(Date.now() + 864e5).toISOString(),
      "2030-01-01T09:00:00+02:00",
      "2028-02-29T00:00:00z",
      "2027-06-30T23:59:60Z",
      null,
      undefined,
    ]) {
      const again = fake.seedOrder();
      again.recipients.push({ id: 1, address: {} } as (typeof again.recipients)[number]);
      await ll.orders.checkout.submit(again.id, {
        postageType: "Standard",
        productionSpeed: "Normal",
        holdUntilDate,
      });
      expect(again.checkouts).toBe(1);
    }
  });

  it("recipients that are not an array", async () => {
    const { fake, ll } = await setup();
    for (const list of [null, undefined, "rows", { length: 1 }]) {
      await expect(
        ll.orders.recipients.append(
          1000,
          list as unknown as Parameters<typeof ll.orders.recipients.append>[1],
        ),
      ).rejects.toMatchObject({ kind: "invalid_argument" });
    }
    await expect(
      ll.conversions.create(null as unknown as Parameters<typeof ll.conversions.create>[0]),
    ).rejects.toMatchObject({ kind: "invalid_argument" });
    expect(fake.requests).toEqual([]);
  });
});
