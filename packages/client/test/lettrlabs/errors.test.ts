import { describe, expect, it } from "vitest";
import {
  CommerceLayerArgumentError,
  CommerceLayerError,
  createCommerceLayerClient,
  createCommerceLayerCore,
  createLettrLabsClient,
  createLettrLabsCore,
  ERROR_CLASS_NAMES,
  LettrLabsArgumentError,
  LettrLabsAuthenticationError,
  LettrLabsError,
  LettrLabsInvalidResponseError,
  LettrLabsNotFoundError,
  LettrLabsPermissionError,
  LettrLabsValidationError,
} from "../../src/index.js";
import { setup } from "./helpers.js";

const SENTINEL = "LL-API-sentinel-5f1c9e";

describe("errors", () => {
  it("maps 401 with a bare-string body to an authentication error", async () => {
    const { fake, ll } = await setup();
    fake.inject("GET", /^\/v1\/me$/, { kind: "status", status: 401, body: "Authorization key not valid" });
    const error = await ll.me().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LettrLabsAuthenticationError);
    expect(error).toBeInstanceOf(LettrLabsError);
    expect((error as LettrLabsError).status).toBe(401);
    expect((error as LettrLabsError).operation).toBe("getMe");
    expect((error as Error).message).toContain("Authorization key not valid");
  });

  it("maps a bodiless 403 to a permission error", async () => {
    const { fake, ll } = await setup();
    fake.inject("GET", /^\/v1\/me$/, { kind: "status", status: 403, rawBody: "" });
    const error = await ll.me().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LettrLabsPermissionError);
    expect((error as LettrLabsError).kind).toBe("permission");
  });

  it("keeps the reasonCode and errors of a 400 refusal", async () => {
    const { fake, ll } = await setup();
    const order = fake.seedOrder("Paid");
    const error = await ll.orders.delete(order.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LettrLabsValidationError);
    expect((error as LettrLabsError).reasonCode).toBe("ORDER_NOT_DELETABLE_STATUS");
    expect((error as LettrLabsError).errors).toEqual(["Order cannot be deleted."]);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      kind: "validation",
      reasonCode: "ORDER_NOT_DELETABLE_STATUS",
    });
  });

  it("maps a refusal whose body is nested thousands deep to its typed error (no RangeError), what lies below 64 levels cut", async () => {
    const { fake, ll } = await setup();
    const deep = `${"[".repeat(20_000)}${"]".repeat(20_000)}`;
    fake.inject("POST", /^\/v1\/integration-orders\/77\/recipients$/, {
      kind: "status",
      status: 422,
      rawBody: `{"results":[{"reasonCode":"ADDRESS_NOT_VALID","detail":${deep}}]}`,
    });
    const error = await ll.integrationOrders
      .addRecipient(77, { address1: "1 Main St", city: "Austin", state: "TX", zipCode: "78704" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LettrLabsValidationError);
    expect((error as LettrLabsError).recipientErrors.map((r) => r.reasonCode)).toEqual(["ADDRESS_NOT_VALID"]);
    expect(JSON.stringify(error)).toContain("(nested too deep)");
    const cl = createCommerceLayerClient({
      organization: "o",
      accessToken: "t",
      fetch: async () =>
        new Response(`{"errors":[{"code":"VALIDATION_ERROR","title":"no","meta":${deep}}]}`, {
          status: 422,
          headers: { "content-type": "application/vnd.api+json" },
        }),
    });
    const clError = await cl.orders.retrieve("x").catch((e: unknown) => e);
    expect(clError).toBeInstanceOf(CommerceLayerError);
    expect(clError).toMatchObject({ kind: "validation", status: 422, code: "VALIDATION_ERROR" });
  });

  it("exposes per-recipient reasons of a 422", async () => {
    const { fake, ll } = await setup();
    fake.inject("POST", /^\/v1\/integration-orders\/77\/recipients$/, {
      kind: "status",
      status: 422,
      body: { results: [{ reasonCode: "DUPLICATE_RECIPIENT" }, { reasonCode: "ADDRESS_NOT_VALID" }] },
    });
    const error = await ll.integrationOrders
      .addRecipient(77, { address1: "1 Main St", city: "Austin", state: "TX", zipCode: "78704" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LettrLabsValidationError);
    expect((error as LettrLabsError).recipientErrors.map((r) => r.reasonCode)).toEqual([
      "DUPLICATE_RECIPIENT",
      "ADDRESS_NOT_VALID",
    ]);
  });

  it("treats a 2xx envelope with hasErrors as a refusal", async () => {
    const { fake, ll } = await setup();
    fake.inject("GET", /^\/v1\/me$/, {
      kind: "status",
      status: 200,
      body: { payload: null, errors: ["Profile is locked."], hasErrors: true },
    });
    const error = await ll.me().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LettrLabsValidationError);
    expect((error as Error).message).toContain("Profile is locked.");
  });

  it("reports an HTML error page without its markup", async () => {
    const { fake, ll } = await setup({}, { maxRetries: 0 });
    fake.inject("GET", /^\/v1\/me$/, {
      kind: "status",
      status: 404,
      rawBody: "<html><body><h1>404 Not Found</h1></body></html>",
      contentType: "text/html",
    });
    const error = await ll.me().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LettrLabsNotFoundError);
    expect((error as Error).message).not.toContain("<html>");
  });

  it("reports malformed JSON in a 2xx as an invalid response", async () => {
    const { fake, ll } = await setup();
    fake.inject("GET", /^\/v1\/me$/, { kind: "status", status: 200, rawBody: '{"payload": {"id": 1,' });
    const error = await ll.me().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LettrLabsInvalidResponseError);
    expect((error as LettrLabsError).kind).toBe("invalid_response");
  });

  it("review 213: a body too large to read (a RangeError while reading it) is an invalid response, not a middleware failure (both APIs)", async () => {
    const tooLarge = async () => {
      const response = new Response("{}", { headers: { "content-type": "application/json" } });
      const refuse = () =>
        Promise.reject(new RangeError("Cannot create a string longer than 0x1fffffe8 characters"));
      Object.assign(response, { text: refuse, json: refuse });
      return response;
    };
    const base = { baseUrl: "http://127.0.0.1:9/api", fetch: tooLarge, maxRetries: 0 };
    const llError = await createLettrLabsClient({ ...base, apiKey: SENTINEL })
      .me()
      .catch((e: unknown) => e);
    const clError = await createCommerceLayerClient({ ...base, accessToken: "tok-large" })
      .orders.retrieve("o1")
      .catch((e: unknown) => e);
    for (const error of [llError, clError]) {
      expect((error as LettrLabsError).kind).toBe("invalid_response");
      expect((error as Error).message).toContain("The response is too large to read.");
      expect((error as Error).message).not.toContain("middleware");
    }
  });

  it("never lets the API key reach a message, toJSON() or a log line", async () => {
    const { fake, ll, lines } = await setup({ apiKey: SENTINEL }, { apiKey: SENTINEL });
    fake.inject("GET", /^\/v1\/me$/, { kind: "status", status: 503 });
    fake.inject("GET", /^\/v1\/me$/, {
      kind: "status",
      status: 400,
      body: { errors: [`key ${SENTINEL} is suspended`] },
    });
    const error = (await ll.me().catch((e: unknown) => e)) as LettrLabsError;
    expect(error.message).toContain("key *** is suspended");
    const everything = [error.message, JSON.stringify(error), String(error), ...error.errors, ...lines].join(
      "\n",
    );
    expect(everything).not.toContain(SENTINEL);
    expect(lines.length).toBeGreaterThan(0);
  });

  it("requires an API key", () => {
    const saved = process.env.LETTRLABS_API_KEY;
    delete process.env.LETTRLABS_API_KEY;
    try {
      expect(() => createLettrLabsClient({})).toThrow(/LETTRLABS_API_KEY/);
    } finally {
      if (saved !== undefined) process.env.LETTRLABS_API_KEY = saved;
    }
  });

  it("reads the API key from LETTRLABS_API_KEY", async () => {
    const { fake } = await setup();
    process.env.LETTRLABS_API_KEY = fake.options.apiKey;
    try {
      const ll = createLettrLabsClient({ baseUrl: fake.url });
      expect((await ll.me()).id).toBe(1);
    } finally {
      delete process.env.LETTRLABS_API_KEY;
    }
  });

  it.each([undefined, 0, -1, 1.5, "..", "%7Bid%7D", "../proof", ""])(
    "rejects the path id %j before sending anything",
    async (bad) => {
      const { fake, ll } = await setup();
      const error = await ll.orders.delete(bad as number).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LettrLabsArgumentError);
      expect(fake.requests).toHaveLength(0);
    },
  );
});

describe("options that are not an object", () => {
  it("null options reject as an argument error naming the operation, and nothing is sent (both APIs)", async () => {
    // They were reported as a failed raw.use() middleware ("the request pipeline failed"), or, for
    // me() after the call path became a promise chain, sent as if no options were given.
    const { fake, ll } = await setup();
    const loose = ll as unknown as {
      me(o: null): Promise<unknown>;
      fonts(o: null): Promise<unknown>;
      templates: { list(o: null): Promise<unknown> };
    };
    for (const [operation, call] of [
      ["getMe", () => loose.me(null)],
      ["getFonts", () => loose.fonts(null)],
      ["getTemplates", () => loose.templates.list(null)],
    ] as const) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LettrLabsArgumentError);
      expect((error as Error).message).toMatch(new RegExp(`^${operation}: the request cannot be sent`));
    }
    expect(fake.requests).toHaveLength(0);
    let sent = 0;
    const cl = createCommerceLayerClient({
      baseUrl: "http://127.0.0.1:9/api",
      accessToken: "t",
      fetch: async () => {
        sent++;
        return new Response("{}");
      },
    });
    const error = await (
      cl.orders.retrieve as unknown as (id: string, q: object, o: null) => Promise<unknown>
    )("ordA", {}, null).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommerceLayerError);
    expect((error as CommerceLayerError).kind).toBe("invalid_argument");
    expect(sent).toBe(0);
  });
});

/** What `make` throws (undefined when it returns). */
function thrownBy(make: () => unknown): unknown {
  try {
    make();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("client factory options a JavaScript caller got wrong", () => {
  // Each was accepted, then failed at the first call as something else: `fetch: 5` as a connection
  // error, a logger without methods as a failed raw.use() middleware, `apiKey: 5` sent as a header;
  // `backoff: { baseMs: "x" }` retried at once; `null` options threw a bare TypeError; a bad number
  // or base URL was a plain OrderkitError, outside the API's family.
  const lettrLabs: [string, unknown][] = [
    ["a string", "LL-API-sentinel-5f1c9e"],
    ["a number apiKey", { apiKey: 5 }],
    ["a number baseUrl", { apiKey: SENTINEL, baseUrl: 5 }],
    ["a bad baseUrl", { apiKey: SENTINEL, baseUrl: "ftp://example.com" }],
    ["a fetch that is no function", { apiKey: SENTINEL, fetch: 5 }],
    ["a logger without methods", { apiKey: SENTINEL, logger: {} }],
    ["a logger that is a number", { apiKey: SENTINEL, logger: 5 }],
    ["a backoff that is a number", { apiKey: SENTINEL, backoff: 5 }],
    ["a backoff with a text baseMs", { apiKey: SENTINEL, backoff: { baseMs: "x" } }],
    ["a backoff with a negative capMs", { apiKey: SENTINEL, backoff: { capMs: -1 } }],
    ["a backoff whose random is no function", { apiKey: SENTINEL, backoff: { random: 0.5 } }],
    ["a text timeoutMs (a pasted key: not echoed)", { apiKey: SENTINEL, timeoutMs: SENTINEL }],
    ["a negative maxRetries", { apiKey: SENTINEL, maxRetries: -1 }],
  ];
  it.each(lettrLabs)(
    "LettrLabs: %s is an argument error of the LettrLabs family, naming no secret",
    (_, options) => {
      for (const make of [createLettrLabsClient, createLettrLabsCore] as ((o: unknown) => unknown)[]) {
        const error = thrownBy(() => make(options));
        expect(error).toBeInstanceOf(LettrLabsArgumentError);
        expect((error as Error).message).not.toContain(SENTINEL);
        expect((error as Error).message).not.toMatch(/Cannot read properties/);
      }
    },
  );

  const commerceLayer: [string, unknown][] = [
    ["a number", 7],
    ["a number accessToken", { organization: "o", accessToken: 5 }],
    ["a number organization", { organization: 5, accessToken: "t" }],
    ["an object clientSecret", { organization: "o", clientId: "c", clientSecret: {} }],
    ["a bad authUrl", { organization: "o", clientId: "c", clientSecret: "s", authUrl: "file:///x" }],
    ["a fetch that is no function", { organization: "o", accessToken: "t", fetch: "fetch" }],
    ["a logger without warn", { organization: "o", accessToken: "t", logger: { debug() {}, info() {} } }],
    ["a text settleMs", { organization: "o", accessToken: "t", settleMs: "1s" }],
    ["a pasted domain as organization", { organization: "acme.commercelayer.io", accessToken: "t" }],
    ["a name with a space as organization", { organization: "acme corp", accessToken: "t" }],
  ];
  it.each(commerceLayer)(
    "Commerce Layer: %s is an argument error of the Commerce Layer family",
    (_, options) => {
      for (const make of [createCommerceLayerClient, createCommerceLayerCore] as ((
        o: unknown,
      ) => unknown)[]) {
        const error = thrownBy(() => make(options));
        expect(error).toBeInstanceOf(CommerceLayerArgumentError);
        expect((error as Error).message).not.toMatch(/Cannot read properties/);
      }
    },
  );

  it("null is 'not set' (options from a JSON config), and options are read through a Proxy or a prototype", async () => {
    const sent: string[] = [];
    const fetch = async (input: Request | string | URL) => {
      sent.push(String(input instanceof Request ? input.url : input));
      return Response.json({ id: "ordA", type: "orders", attributes: {} }, { status: 200 });
    };
    const logger = { debug() {}, info() {}, warn() {} };
    expect(() =>
      createLettrLabsClient({
        apiKey: SENTINEL,
        baseUrl: null,
        logger: null,
        fetch: null,
        timeoutMs: null,
        backoff: { baseMs: null, capMs: null, random: null },
      } as never),
    ).not.toThrow();
    expect(() =>
      createCommerceLayerClient({
        organization: "acme",
        clientId: "c",
        clientSecret: "s",
        scope: null,
      } as never),
    ).not.toThrow();
    // A get-only Proxy and an inherited option are seen as given (the fetch is used, not the global one).
    const proxy = new Proxy({} as Record<string, unknown>, {
      get: (_, name) => ({ organization: "acme", accessToken: "t", fetch, logger })[name as string],
    });
    const cl = createCommerceLayerClient(proxy as never);
    await cl.orders.retrieve("ordA").catch(() => undefined);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain("https://acme.commercelayer.io/api/orders/ordA");
    const inherited = Object.create({ organization: "o", accessToken: "t", timeoutMs: "soon" });
    expect(() => createCommerceLayerCore(inherited)).toThrow(CommerceLayerArgumentError);
    expect(() => createLettrLabsCore(Object.create({ apiKey: SENTINEL, maxRetries: -5 }))).toThrow(
      LettrLabsArgumentError,
    );
  });

  it("a bad base URL or organization from the environment names the variable, not an option the caller never passed", () => {
    const names = [
      "LETTRLABS_BASE_URL",
      "COMMERCELAYER_BASE_URL",
      "COMMERCELAYER_ORGANIZATION",
      "COMMERCELAYER_AUTH_URL",
    ] as const;
    const saved = names.map((name) => [name, process.env[name]] as const);
    process.env.LETTRLABS_BASE_URL = "localhost:4010";
    process.env.COMMERCELAYER_BASE_URL = "ftp://x";
    try {
      expect(() => createLettrLabsClient({ apiKey: SENTINEL })).toThrow(/^LETTRLABS_BASE_URL must be/);
      expect(() => createCommerceLayerClient({ accessToken: "t" })).toThrow(
        /^COMMERCELAYER_BASE_URL must be/,
      );
      expect(() => createLettrLabsClient({ apiKey: SENTINEL, baseUrl: "localhost:4010" })).toThrow(
        /^baseUrl must be/,
      );
      // An empty baseUrl beside an organization is a bad base URL, not a missing organization.
      expect(() =>
        createCommerceLayerClient({ organization: "acme", accessToken: "t", baseUrl: "" }),
      ).toThrow(/^baseUrl must be/);
      delete process.env.COMMERCELAYER_BASE_URL;
      process.env.COMMERCELAYER_ORGANIZATION = "acme corp";
      expect(() => createCommerceLayerClient({ accessToken: "t" })).toThrow(
        /^COMMERCELAYER_ORGANIZATION must be an organization slug/,
      );
      process.env.COMMERCELAYER_AUTH_URL = "auth.example";
      expect(() => createCommerceLayerClient({ organization: "acme", accessToken: "t" })).toThrow(
        /^COMMERCELAYER_AUTH_URL must be/,
      );
    } finally {
      for (const [name, value] of saved)
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
    }
  });

  it("omitted options and a full set of good ones are accepted", () => {
    const logger = { debug() {}, info() {}, warn() {} };
    const fetch = async () => new Response("{}");
    const backoff = { baseMs: 0, capMs: 10, random: () => 0.5 };
    expect(() =>
      createLettrLabsClient({ apiKey: SENTINEL, logger, fetch, backoff, timeoutMs: 0 }),
    ).not.toThrow();
    expect(() =>
      createCommerceLayerCore({ organization: "o", accessToken: "t", logger, fetch, backoff }),
    ).not.toThrow();
    expect(() =>
      createCommerceLayerClient({ organization: "o", clientId: "c", clientSecret: "s" }),
    ).not.toThrow();
  });
});

describe("the error class names", () => {
  it("every kind names its class (ERROR_CLASS_NAMES is derived from a compact list)", () => {
    expect(ERROR_CLASS_NAMES).toEqual({
      authentication: "AuthenticationError",
      permission: "PermissionError",
      validation: "ValidationError",
      not_found: "NotFoundError",
      conflict: "ConflictError",
      rate_limit: "RateLimitError",
      server: "ServerError",
      api: "ApiError",
      connection: "ConnectionError",
      timeout: "TimeoutError",
      aborted: "AbortError",
      invalid_response: "InvalidResponseError",
      invalid_argument: "ArgumentError",
      ambiguous_write: "AmbiguousWriteError",
      payment_failed: "PaymentError",
      order_closed: "OrderClosedError",
      redirect: "RedirectError",
      middleware: "MiddlewareError",
    });
  });
});
