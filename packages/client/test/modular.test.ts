// The modular surface: a core plus one factory per resource group builds exactly what the full
// client exposes (same types, same behaviour against the stateful fakes), keeps its secrets out
// of sight, and refuses objects that are not cores.
import { inspect } from "node:util";
import { FakeCommerceLayer, FakeLettrLabs } from "@orderkit/test-utils";
import { afterEach, describe, expect, expectTypeOf, it } from "vitest";
import {
  CommerceLayerArgumentError,
  CommerceLayerAuthenticationError,
  type CommerceLayerClient,
  type CommerceLayerClientOptions,
  type CommerceLayerCore,
  CommerceLayerError,
  commerceLayerAddresses,
  commerceLayerClientCredentials,
  commerceLayerCreateOrder,
  commerceLayerCustomers,
  commerceLayerDeleteOrder,
  commerceLayerIterateOrders,
  commerceLayerLineItems,
  commerceLayerListOrders,
  commerceLayerMarkets,
  commerceLayerOrders,
  commerceLayerPlaceOrder,
  commerceLayerRaw,
  commerceLayerRetrieveOrder,
  commerceLayerTriggerOrder,
  commerceLayerUpdateOrder,
  createCommerceLayerClient,
  createCommerceLayerCore,
  createLettrLabsCore,
  type LettrLabsClient,
  type LettrLabsCore,
  LettrLabsError,
  lettrLabsAddressBook,
  lettrLabsAnalytics,
  lettrLabsCatalog,
  lettrLabsConversions,
  lettrLabsIntegrationOrders,
  lettrLabsMe,
  lettrLabsOrders,
  lettrLabsRaw,
} from "../src/index.js";
import { recipients } from "./lettrlabs/helpers.js";

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((s) => s()));
});

describe("LettrLabs core and resource factories", () => {
  it("have exactly the full client's types", () => {
    const core = createLettrLabsCore({ apiKey: "LL-API-types" });
    expectTypeOf(lettrLabsMe(core)).toEqualTypeOf<LettrLabsClient["me"]>();
    expectTypeOf(lettrLabsOrders(core)).toEqualTypeOf<LettrLabsClient["orders"]>();
    expectTypeOf(lettrLabsAnalytics(core).transactions).toEqualTypeOf<LettrLabsClient["transactions"]>();
    expectTypeOf(lettrLabsCatalog(core).templates).toEqualTypeOf<LettrLabsClient["templates"]>();
    expectTypeOf(lettrLabsConversions(core)).toEqualTypeOf<LettrLabsClient["conversions"]>();
    expectTypeOf(lettrLabsIntegrationOrders(core)).toEqualTypeOf<LettrLabsClient["integrationOrders"]>();
    expectTypeOf(lettrLabsAddressBook(core)).toEqualTypeOf<LettrLabsClient["addressBook"]>();
    expectTypeOf(lettrLabsRaw(core)).toEqualTypeOf<LettrLabsClient["raw"]>();
  });

  it("run the order flow with the client's safety: one order, each recipient once, one checkout", async () => {
    const fake = await new FakeLettrLabs().start();
    stops.push(() => fake.stop());
    const core = createLettrLabsCore({ apiKey: fake.options.apiKey, baseUrl: fake.url });
    const me = lettrLabsMe(core);
    const orders = lettrLabsOrders(core);
    expect((await me()).email).toBeTruthy();
    const created = await orders.create({ templateId: 1 });
    fake.inject("PUT", /recipients$/, { kind: "drop-after-apply" });
    await orders.recipients.append(created.orderId, recipients(1500));
    await orders.checkout.submit(created.orderId, { postageType: "Standard", productionSpeed: "Normal" });
    expect(fake.orders.size).toBe(1);
    const stored = [...fake.orders.values()][0]!;
    expect(new Set(stored.recipients.map((r) => r.address.address1)).size).toBe(1500);
    expect(stored.recipients).toHaveLength(1500);
    expect(fake.count("POST", /checkout$/)).toBe(1);
  });

  it("give one raw client per core, whose middleware then sees every call of the core's resources as a real Request", async () => {
    const fake = await new FakeLettrLabs().start();
    stops.push(() => fake.stop());
    const core = createLettrLabsCore({ apiKey: fake.options.apiKey, baseUrl: fake.url });
    const me = lettrLabsMe(core);
    await me();
    const raw = lettrLabsRaw(core);
    expect(lettrLabsRaw(core)).toBe(raw);
    const seen: string[] = [];
    const spy = {
      onRequest: ({ request }: { request: Request }) => {
        expect(request).toBeInstanceOf(Request);
        seen.push(`${request.method} ${new URL(request.url).pathname}`);
      },
    };
    raw.use(spy);
    await me();
    expect(seen).toEqual(["GET /v1/me"]);
    raw.eject(spy);
    await me();
    expect(seen).toHaveLength(1);
    expect(fake.count("GET", /\/v1\/me$/)).toBe(3);
    // Another core's raw client is its own: its middleware never sees this core's calls.
    lettrLabsRaw(createLettrLabsCore({ apiKey: fake.options.apiKey, baseUrl: fake.url })).use(spy);
    await me();
    expect(seen).toHaveLength(1);
  });

  it("keep the key out of sight: logging a core shows no secret", () => {
    const core = createLettrLabsCore({ apiKey: "LL-API-very-secret" });
    expect(inspect(core, { depth: 10, showHidden: true })).not.toContain("very-secret");
    expect(JSON.stringify(core)).not.toContain("very-secret");
    expect(Object.isFrozen(core)).toBe(true);
  });

  it("refuse an object that is not a core", () => {
    const fake = {
      raw: lettrLabsRaw(createLettrLabsCore({ apiKey: "LL-API-x" })),
    } as unknown as LettrLabsCore;
    expect(() => lettrLabsMe(fake)).toThrow(LettrLabsError);
    expect(() => lettrLabsMe(fake)).toThrow(/createLettrLabsCore/);
  });
});

describe("Commerce Layer core and resource factories", () => {
  it("have exactly the full client's types", () => {
    const core = createCommerceLayerCore({ organization: "o", accessToken: "t" });
    expectTypeOf(commerceLayerOrders(core)).toEqualTypeOf<CommerceLayerClient["orders"]>();
    expectTypeOf(commerceLayerLineItems(core)).toEqualTypeOf<CommerceLayerClient["lineItems"]>();
    expectTypeOf(commerceLayerAddresses(core)).toEqualTypeOf<CommerceLayerClient["addresses"]>();
    expectTypeOf(commerceLayerMarkets(core)).toEqualTypeOf<CommerceLayerClient["markets"]>();
    expectTypeOf(commerceLayerCustomers(core)).toEqualTypeOf<CommerceLayerClient["customers"]>();
    expectTypeOf(commerceLayerRaw(core)).toEqualTypeOf<CommerceLayerClient["raw"]>();
  });

  it("share one token cache between the resources of a core, and count it", async () => {
    const fake = await new FakeCommerceLayer().start();
    stops.push(() => fake.stop());
    fake.seedOrders(2);
    const tokens = commerceLayerClientCredentials({
      authUrl: fake.url,
      clientId: "client-abc",
      clientSecret: "secret-XYZ-123",
    });
    const core: CommerceLayerCore = createCommerceLayerCore({ baseUrl: fake.url, tokens });
    const orders = commerceLayerOrders(core);
    const markets = commerceLayerMarkets(core);
    const page = await orders.list();
    await orders.retrieve(page[0]!.id);
    await markets.list().catch(() => undefined);
    expect(fake.tokenRequests).toBe(1);
    expect(core.tokenRequests).toBe(1);
    expect(inspect(core, { depth: 10, showHidden: true })).not.toContain("secret-XYZ-123");
    expect(inspect(core, { depth: 10, showHidden: true })).not.toContain("tok-1");
    expect(inspect(tokens, { depth: 10, showHidden: true })).not.toContain("secret-XYZ-123");
    expect(JSON.stringify(tokens)).toBe("{}");
    // A second core on the same credentials has its own cache (one more token request, none shared).
    const other = createCommerceLayerCore({ baseUrl: fake.url, tokens });
    await commerceLayerRetrieveOrder(other, page[0]!.id);
    expect(fake.tokenRequests).toBe(2);
    expect(core.tokenRequests).toBe(1);
  });

  it("take client credentials only as `tokens`, checked: a bundle whose core has an accessToken carries no token code", async () => {
    const fake = await new FakeCommerceLayer().start();
    stops.push(() => fake.stop());
    fake.seedOrders(1);
    const [seeded] = [...fake.orders.keys()];
    // An access token alone: used as it is, never renewed (no token request, whatever the API says).
    const fixed = createCommerceLayerCore({ baseUrl: fake.url, accessToken: "not-a-token-the-fake-knows" });
    await expect(commerceLayerRetrieveOrder(fixed, seeded!)).rejects.toBeInstanceOf(
      CommerceLayerAuthenticationError,
    );
    expect(fake.tokenRequests).toBe(0);
    expect(fixed.tokenRequests).toBe(0);
    // The same stale token with credentials: renewed once, then the read succeeds.
    const renewing = createCommerceLayerCore({
      baseUrl: fake.url,
      accessToken: "not-a-token-the-fake-knows",
      tokens: commerceLayerClientCredentials({ authUrl: fake.url, clientId: "client-abc" }),
    });
    expect((await commerceLayerRetrieveOrder(renewing, seeded!)).id).toBe(seeded);
    expect(renewing.tokenRequests).toBe(1);
    // The client given `tokens` uses them (and the core's stale token is renewed through them).
    const viaClient = createCommerceLayerClient({
      baseUrl: fake.url,
      accessToken: "not-a-token-the-fake-knows",
      tokens: commerceLayerClientCredentials({ authUrl: fake.url, clientId: "client-abc" }),
    });
    expect((await viaClient.orders.retrieve(seeded!)).id).toBe(seeded);
    expect(viaClient.tokenRequests).toBe(1);
    const clientOptions: CommerceLayerClientOptions = {
      baseUrl: fake.url,
      accessToken: "not-a-token-the-fake-knows",
      authUrl: fake.url,
      clientId: "client-abc",
    };
    // Refused when the core is made, in the Commerce Layer family: credentials as core options, a
    // hand-made `tokens`, credentials without a client id, a client id that is not a string.
    const refused: [() => unknown, RegExp][] = [
      // @ts-expect-error the core takes credentials only as `tokens`
      [() => createCommerceLayerCore({ baseUrl: fake.url, clientId: "client-abc" }), /tokens/],
      // Also beside an access token, and from a variable of the client's options type (which
      // type-checks): refused, never ignored (the core would not renew the token when it expires).
      [() => createCommerceLayerCore(clientOptions), /A core takes client credentials as `tokens/],
      // The client takes `tokens` too, but not beside credentials.
      [
        () =>
          createCommerceLayerClient({
            ...clientOptions,
            tokens: commerceLayerClientCredentials(clientOptions),
          }),
        /either `tokens` or the client credentials/,
      ],
      // @ts-expect-error `tokens` comes from commerceLayerClientCredentials()
      [() => createCommerceLayerCore({ baseUrl: fake.url, tokens: {} }), /commerceLayerClientCredentials/],
      [() => commerceLayerClientCredentials({ authUrl: fake.url }), /clientId/],
      // @ts-expect-error a client id is a string
      [() => commerceLayerClientCredentials({ clientId: 42 }), /clientId/],
      [() => commerceLayerClientCredentials({ clientId: "c", authUrl: "file:///x" }), /authUrl/],
    ];
    for (const [make, message] of refused) {
      const error = (() => {
        try {
          make();
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(CommerceLayerArgumentError);
      expect((error as Error).message).toMatch(message);
    }
  });

  it("refuse an object that is not a core: the factories throw, the order functions reject", async () => {
    const real = createCommerceLayerCore({ organization: "o", accessToken: "t" });
    // @ts-expect-error a spread copy of a core is not a core
    expect(() => commerceLayerOrders({ ...real })).toThrow(CommerceLayerError);
    const client = createCommerceLayerClient({ organization: "o", accessToken: "t" });
    // @ts-expect-error a client is not a core
    const fromClient = commerceLayerRetrieveOrder(client, "ord1");
    await expect(fromClient).rejects.toThrow(/createCommerceLayerCore/);
    // @ts-expect-error a spread copy of a core is not a core
    await expect(commerceLayerPlaceOrder({ ...real }, "ord1")).rejects.toBeInstanceOf(CommerceLayerError);
    // @ts-expect-error null is not a core
    await expect(commerceLayerCreateOrder(null, {})).rejects.toBeInstanceOf(CommerceLayerError);
    // @ts-expect-error a spread copy of a core is not a core
    const iterator = commerceLayerIterateOrders({ ...real });
    await expect(iterator.next()).rejects.toBeInstanceOf(CommerceLayerError);
    // Collected with allSettled, as a job would: nothing throws outside the promises.
    const settled = await Promise.allSettled(
      // @ts-expect-error a spread copy of a core is not a core
      ["a", "b"].map((id) => commerceLayerDeleteOrder({ ...real }, id)),
    );
    expect(settled.map((r) => r.status)).toEqual(["rejected", "rejected"]);
  });
});

type Orders = CommerceLayerClient["orders"];
type AfterCore<F> = F extends (core: CommerceLayerCore, ...args: infer A) => infer R ? [A, R] : never;
type Method<F> = F extends (...args: infer A) => infer R ? [A, R] : never;

describe("Commerce Layer order operations, one function each", () => {
  it("take a core, then exactly the arguments of the client's method, and return the same", () => {
    expectTypeOf<AfterCore<typeof commerceLayerListOrders>>().toEqualTypeOf<Method<Orders["list"]>>();
    expectTypeOf<AfterCore<typeof commerceLayerIterateOrders>>().toEqualTypeOf<Method<Orders["iterate"]>>();
    expectTypeOf<AfterCore<typeof commerceLayerRetrieveOrder>>().toEqualTypeOf<Method<Orders["retrieve"]>>();
    expectTypeOf<AfterCore<typeof commerceLayerCreateOrder>>().toEqualTypeOf<Method<Orders["create"]>>();
    expectTypeOf<AfterCore<typeof commerceLayerUpdateOrder>>().toEqualTypeOf<Method<Orders["update"]>>();
    expectTypeOf<AfterCore<typeof commerceLayerDeleteOrder>>().toEqualTypeOf<Method<Orders["delete"]>>();
    expectTypeOf<AfterCore<typeof commerceLayerTriggerOrder>>().toEqualTypeOf<Method<Orders["trigger"]>>();
    expectTypeOf<AfterCore<typeof commerceLayerPlaceOrder>>().toEqualTypeOf<Method<Orders["place"]>>();
  });

  it("run the order flow on the fake with the client's safety: one order per reference, one place", async () => {
    const fake = await new FakeCommerceLayer().start();
    stops.push(() => fake.stop());
    fake.seedOrders(3, { status: "placed" });
    const core = createCommerceLayerCore({
      baseUrl: fake.url,
      tokens: commerceLayerClientCredentials({ authUrl: fake.url, clientId: "client-abc" }),
    });
    // The create's response is lost after the server applied it: found by reference, not sent twice.
    fake.inject("POST", /^\/orders$/, "drop-after-apply");
    const created = await commerceLayerCreateOrder(core, { attributes: { reference: "STANDALONE-1" } });
    expect([...fake.orders.values()].filter((o) => o.attributes.reference === "STANDALONE-1")).toHaveLength(
      1,
    );
    expect(fake.requests.filter((r) => r.method === "POST" && r.path === "/orders")).toHaveLength(1);
    const read = await commerceLayerRetrieveOrder(core, created.id, { include: ["line_items"] });
    expect(read.reference).toBe("STANDALONE-1");
    const updated = await commerceLayerUpdateOrder(core, created.id, {
      attributes: { customer_email: "a@b.test" },
    });
    expect(updated.customer_email).toBe("a@b.test");
    // The place's response is lost too: read back, placed once.
    fake.inject("PATCH", /^\/orders\//, "drop-after-apply");
    const placed = await commerceLayerPlaceOrder(core, created.id);
    expect(placed.status).toBe("placed");
    expect(fake.orders.get(created.id)?.attributes.status).toBe("placed");
    expect(fake.applied._place).toBe(1);
    const page = await commerceLayerListOrders(core, { page: { size: 2 } });
    expect(page).toHaveLength(2);
    const all: string[] = [];
    for await (const order of commerceLayerIterateOrders(core)) all.push(order.id);
    expect(new Set(all)).toEqual(new Set(fake.orders.keys()));
    const [draft] = fake.seedOrders(1);
    await commerceLayerDeleteOrder(core, draft?.id as string);
    expect(fake.orders.has(draft?.id as string)).toBe(false);
    const cancelled = await commerceLayerTriggerOrder(core, created.id, "_cancel");
    expect(cancelled.status).toBe("cancelled");
    expect(core.tokenRequests).toBe(1);
  });
});
