// A server may echo what it was sent: in an error's text, its JSON:API errors, or a header. No
// secret of the client may come back out of an error, however the error is printed.
import { inspect } from "node:util";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { TransportError } from "../src/core/errors.js";
import { redact } from "../src/core/redact.js";
import {
  createCommerceLayerClient,
  createLettrLabsClient,
  createLettrLabsCore,
  lettrLabsMe,
  OrderkitError,
} from "../src/index.js";
import { setup as setupCl } from "./commercelayer/helpers.js";
import { recipients, setup as setupLl } from "./lettrlabs/helpers.js";

/** Every way a user prints an error: message, String, JSON (toJSON), and a deep inspect (cause chain). */
const printed = (error: unknown) =>
  [(error as Error).message, String(error), JSON.stringify(error), inspect(error, { depth: 10 })].join("\n");

describe("secrets echoed by a server never come out of an error", () => {
  it("Commerce Layer token endpoint: a 401 and a 400 that quote the client secret", async () => {
    const secret = "secret-XYZ-123";
    for (const [status, detail] of [
      [401, `client_secret ${secret} is invalid`],
      [400, `bad request body: {"grant_type":"client_credentials","client_secret":"${secret}"}`],
    ] as const) {
      const { fake, cl } = await setupCl();
      fake.inject("POST", /^\/oauth\/token$/, {
        status,
        body: { errors: [{ code: `E_${secret}`, title: detail, detail, meta: { echo: secret } }] },
        headers: { "x-request-id": `req-${secret}` },
      });
      const error = await cl.orders.list().catch((e: unknown) => e);
      expect((error as { kind?: string }).kind).toBe(status === 401 ? "authentication" : "validation");
      expect(printed(error)).not.toContain(secret);
      expect(JSON.stringify((error as { errors?: unknown }).errors)).toContain("***");
      // Nothing but the token request was sent.
      expect(fake.requests.map((r) => r.path)).toEqual(["/oauth/token"]);
    }
  });

  it("Commerce Layer token endpoint: the request body echoed as JSON text, with a secret JSON escapes", async () => {
    // The echo holds the secret as the body held it: its `"` and `\\` escaped.
    const secret = 'sec"ret\\XYZ-123';
    const { fake, cl } = await setupCl({}, { clientSecret: secret });
    fake.inject("POST", /^\/oauth\/token$/, {
      status: 400,
      body: { errors: [{ title: "bad body", detail: `got ${JSON.stringify({ client_secret: secret })}` }] },
    });
    const error = await cl.orders.list().catch((e: unknown) => e);
    expect(printed(error)).not.toContain(JSON.stringify(secret).slice(1, -1));
    expect(printed(error)).not.toContain("XYZ-123");
    expect((error as Error).message).toContain('"client_secret":"***"');
  });

  it("Commerce Layer API: a client secret set in the environment without a client id is redacted too", async () => {
    const saved = process.env.COMMERCELAYER_CLIENT_SECRET;
    process.env.COMMERCELAYER_CLIENT_SECRET = "ENV-SECRET-777";
    try {
      const { fake, cl } = await setupCl(
        {},
        { clientId: undefined, clientSecret: undefined, accessToken: "tok-static-abcdef" },
      );
      fake.inject("GET", /^\/orders$/, {
        status: 422,
        body: { errors: [{ title: "invalid", detail: "echo ENV-SECRET-777", status: "422" }] },
      });
      const error = await cl.orders.list().catch((e: unknown) => e);
      expect(printed(error)).not.toContain("ENV-SECRET-777");
      expect((error as Error).message).toContain("echo ***");
    } finally {
      if (saved === undefined) delete process.env.COMMERCELAYER_CLIENT_SECRET;
      else process.env.COMMERCELAYER_CLIENT_SECRET = saved;
    }
  });

  it("Commerce Layer API: an error that echoes an earlier token, after the client renewed it", async () => {
    // Tokens valid for 2 s are renewed after 1 s (the client renews halfway through a life under two minutes).
    const { fake, cl } = await setupCl({ expiresIn: 2 });
    fake.seedOrders(1);
    await cl.orders.list();
    await new Promise((r) => setTimeout(r, 1100));
    fake.inject("GET", /^\/orders$/, {
      status: 403,
      body: { errors: [{ title: "forbidden", detail: "Bearer tok-1 may not list orders", status: "403" }] },
    });
    const error = await cl.orders.list().catch((e: unknown) => e);
    expect(fake.tokenRequests).toBe(2);
    expect(printed(error)).not.toContain("tok-1");
    expect((error as Error).message).toContain("Bearer ***");
  });

  it("Commerce Layer token endpoint: a token no header can carry is refused, never quoted by fetch's error", async () => {
    const { fake, cl } = await setupCl();
    fake.inject("POST", /^\/oauth\/token$/, {
      status: 200,
      body: { access_token: "SECRETTOKEN-abc\nrest", token_type: "bearer", expires_in: 7200 },
    });
    const error = await cl.orders.list().catch((e: unknown) => e);
    // No token, so the request never left: a connection failure that says why.
    expect((error as { kind?: string }).kind).toBe("connection");
    expect((error as Error).message).toMatch(
      /No access token: getAccessToken: the response holds no usable access_token/,
    );
    expect(printed(error)).not.toContain("SECRETTOKEN");
    expect(fake.requests.map((r) => r.path)).toEqual(["/oauth/token"]);
  });

  it("Commerce Layer API: an x-request-id header that echoes the bearer token", async () => {
    const { fake, cl } = await setupCl({}, { clientId: undefined, accessToken: "tok-SECRET-abcdef123" });
    fake.inject("GET", /^\/orders$/, {
      status: 422,
      body: { errors: [{ title: "bad", status: "422" }] },
      headers: { "x-request-id": "Bearer tok-SECRET-abcdef123" },
    });
    const error = await cl.orders.list().catch((e: unknown) => e);
    expect((error as { requestId?: string }).requestId).toBe("Bearer ***");
    expect(printed(error)).not.toContain("tok-SECRET-abcdef123");
  });

  it("LettrLabs: an x-request-id header that echoes the API key, on a 4xx and on a refused 2xx", async () => {
    const { fake, ll } = await setupLl();
    const key = fake.options.apiKey;
    fake.inject("GET", /^\/v1\/me$/, {
      kind: "status",
      status: 400,
      body: { errors: ["no"], hasErrors: true },
      headers: { "x-request-id": key },
    });
    const refused = await ll.me().catch((e: unknown) => e);
    expect((refused as { requestId?: string }).requestId).toBe("***");
    expect(printed(refused)).not.toContain(key);
    fake.inject("GET", /^\/v1\/me$/, {
      kind: "status",
      status: 200,
      body: { payload: null, errors: ["no"], hasErrors: true },
      headers: { "x-request-id": `id-${key}` },
    });
    const refused2xx = await ll.me().catch((e: unknown) => e);
    expect((refused2xx as { requestId?: string }).requestId).toBe("id-***");
    expect(printed(refused2xx)).not.toContain(key);
  });

  it("a secret too long for a regular expression (V8 refuses one of 32k characters) is still redacted, as it is, and redaction never throws", () => {
    const long = `LL-${"k".repeat(40_000)}`;
    const text = `echo ${long} and ${JSON.stringify(long).replace(/-/g, "\\u002d")}`;
    let out = "";
    expect(() => {
      out = redact(text, [long, "short-secret"]);
    }).not.toThrow();
    expect(out).toBe('echo *** and "***"');
  });

  it("a key echoed in another letter case (upper, lower, and JSON-escaped lower) is redacted too", async () => {
    const { fake, ll } = await setupLl();
    const key = fake.options.apiKey;
    const echoes = [
      key.toUpperCase(),
      key.toLowerCase(),
      JSON.stringify({ k: key.toLowerCase() }).replace(/-/g, "\\u002d"),
    ];
    for (const echo of echoes) {
      fake.inject("GET", /^\/v1\/me$/, {
        kind: "status",
        status: 400,
        body: { errors: [`bad key ${echo}`], message: echo, hasErrors: true },
        headers: { "x-request-id": `id-${echo}` },
      });
      const error = await ll.me().catch((e: unknown) => e);
      const text = printed(error).toLowerCase();
      expect(text).not.toContain(key.toLowerCase());
      expect(text).not.toContain(key.toLowerCase().replace(/-/g, "\\u002d"));
      expect((error as Error).message).toContain("***");
    }
  });
});

describe("an error thrown inside the request pipeline that quotes a secret: its cause chain is redacted too", () => {
  /** What a custom fetch may throw: it quotes the request it was given, and so does its cause. */
  const quoting = (secret: string) => {
    const inner = Object.assign(new Error(`socket write of header ${secret} failed`), {
      code: "ECONNRESET",
      sent: `X-API-KEY: ${secret}`,
      attempt: 1,
    });
    return new TypeError(`request with ${secret} failed`, { cause: inner });
  };
  /** A custom fetch that throws what `make` gives. */
  const throwing = (make: () => unknown) =>
    (async () => {
      throw make();
    }) as typeof globalThis.fetch;

  it("LettrLabs: a custom fetch, on the client and on a core, and a middleware", async () => {
    const { fake } = await setupLl();
    const key = fake.options.apiKey;
    const fetch = throwing(() => quoting(key));
    const options = { apiKey: key, baseUrl: fake.url, maxRetries: 0, fetch };
    const viaClient = await createLettrLabsClient(options)
      .me()
      .catch((e: unknown) => e);
    const viaCore = await lettrLabsMe(createLettrLabsCore(options))().catch((e: unknown) => e);
    const withMiddleware = createLettrLabsClient({ apiKey: key, baseUrl: fake.url, maxRetries: 0 });
    withMiddleware.raw.use({
      onRequest: ({ request }) => {
        throw quoting(request.headers.get("x-api-key") ?? "");
      },
    });
    const viaMiddleware = await withMiddleware.me().catch((e: unknown) => e);
    for (const error of [viaClient, viaCore, viaMiddleware]) {
      expect(error).toBeInstanceOf(OrderkitError);
      expect(printed(error)).not.toContain(key);
      // The chain keeps what it says: the names, the codes, the numbers, and *** for the key.
      const chain: unknown[] = [];
      for (let e: unknown = error; e instanceof Error; e = e.cause) chain.push(e);
      const thrown = chain.find((e) => (e as Error).name === "TypeError") as Error & { cause: Error };
      expect(thrown.message).toBe("request with *** failed");
      expect(thrown.cause).toBeInstanceOf(Error);
      expect(thrown.cause).toMatchObject({ code: "ECONNRESET", sent: "X-API-KEY: ***", attempt: 1 });
      expect(thrown.cause.stack).toContain("socket write of header *** failed");
    }
    expect(fake.requests).toHaveLength(0);
  });

  it("Commerce Layer: a custom fetch that quotes the bearer token", async () => {
    const token = "tok-static-QUOTED-9876";
    const fetch = throwing(() => quoting(`Bearer ${token}`));
    const cl = createCommerceLayerClient({
      baseUrl: "https://o.example.test/api",
      accessToken: token,
      maxRetries: 0,
      fetch,
    });
    const error = await cl.orders.retrieve("ordA").catch((e: unknown) => e);
    expect((error as { kind?: string }).kind).toBe("connection");
    expect(printed(error)).not.toContain(token);
    expect(printed(error)).toContain("ECONNRESET");
  });

  it("whatever a custom fetch throws: the error is the API's, it prints, and no key shows", async () => {
    const { fake } = await setupLl();
    const key = fake.options.apiKey;
    class Private extends Error {
      #code = "EPRIVATE";
      get code() {
        return this.#code;
      }
    }
    class Getter extends Error {
      override get message() {
        return `refused ${key}`;
      }
    }
    const withCauseGetter = new Error("socket hang up");
    Object.defineProperty(withCauseGetter, "cause", { get: () => new Error(`ECONNRESET ${key}`) });
    const hostile = new Proxy(new Error("x"), {
      get() {
        throw new Error(`trap ${key}`);
      },
      getOwnPropertyDescriptor() {
        throw new Error(`trap ${key}`);
      },
    });
    const thrown: [string, () => unknown][] = [
      ["a cause getter", () => withCauseGetter],
      ["a DOMException", () => new DOMException(`header ${key} refused`, "NetworkError")],
      ["private fields", () => new Private(`private ${key}`)],
      ["a message getter", () => new Getter()],
      ["a plain object", () => ({ auth: key, nested: { again: key } })],
      [
        "an axios-style config",
        () => Object.assign(new Error("Request failed"), { config: { headers: { "X-API-KEY": key } } }),
      ],
      ["an AggregateError", () => new AggregateError([new Error(`one ${key}`)], `all failed for ${key}`)],
      ["another realm's error", () => runInNewContext(`new Error(${JSON.stringify(`realm ${key}`)})`)],
      ["a hostile Proxy", () => hostile],
      ["a string", () => `plain ${key}`],
      ["a symbol", () => Symbol(key)],
      ["a function with fields", () => Object.assign(() => undefined, { auth: key })],
      ["a symbol in a field", () => Object.assign(new Error("x"), { detail: Symbol(key) })],
    ];
    for (const [what, make] of thrown) {
      const fetch = throwing(make);
      const error = await createLettrLabsClient({ apiKey: key, baseUrl: fake.url, maxRetries: 0, fetch })
        .me()
        .catch((e: unknown) => e);
      expect(error, what).toBeInstanceOf(OrderkitError);
      // A Proxy that throws from every read fails the transport's own reading of it too.
      if (what !== "a hostile Proxy") expect((error as OrderkitError).kind, what).toBe("connection");
      let text = "";
      expect(() => {
        text = printed(error);
      }, what).not.toThrow();
      expect(text, what).not.toContain(key);
    }
    expect(fake.requests).toHaveLength(0);
  });

  it("Commerce Layer create: a cause that is a getter is no crash, and the write is still read back", async () => {
    const token = "tok-static-GETTER-1357";
    const calls: string[] = [];
    const fetch = (async (_url: unknown, init?: RequestInit) => {
      calls.push(init?.method ?? "GET");
      const error = new Error("socket hang up");
      Object.defineProperty(error, "cause", { get: () => new Error(`ECONNRESET ${token}`) });
      throw error;
    }) as typeof globalThis.fetch;
    const cl = createCommerceLayerClient({
      baseUrl: "https://o.example.test/api",
      accessToken: token,
      maxRetries: 0,
      backoff: { baseMs: 1, capMs: 2 },
      settleMs: 1,
      fetch,
    });
    const error = await cl.orders
      .create({ attributes: { reference: "ref-getter" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrderkitError);
    // The read-back failed too: the create may have been applied, and the error says so.
    expect((error as OrderkitError).kind).toBe("ambiguous_write");
    expect(printed(error)).not.toContain(token);
    // The POST may have been applied: the client tried to read it back before giving up.
    expect(calls[0]).toBe("POST");
    expect(calls.filter((m) => m === "GET").length).toBeGreaterThan(0);
  });

  it("an abort keeps the caller's own reason in the chain, as it is", async () => {
    const { fake } = await setupLl();
    fake.inject("GET", /\/v1\/me$/, { kind: "delay", ms: 300 });
    const ll = createLettrLabsClient({ apiKey: fake.options.apiKey, baseUrl: fake.url, maxRetries: 0 });
    const controller = new AbortController();
    const reason = new Error("job cancelled");
    setTimeout(() => controller.abort(reason), 20);
    const error = await ll.me({ signal: controller.signal }).catch((e: unknown) => e);
    expect((error as OrderkitError).kind).toBe("aborted");
    const chain: unknown[] = [];
    for (let e: unknown = error; e instanceof Error; e = e.cause) chain.push(e);
    expect(chain).toContain(reason);
  });

  it("LettrLabs append: an undeliverable row's reason that echoes the key is redacted", async () => {
    const { fake } = await setupLl();
    const key = fake.options.apiKey;
    const order = fake.seedOrder();
    // The server says the first row of each chunk is undeliverable, and quotes the key.
    const fetch = (async (url: string | URL | Request, init?: RequestInit) => {
      const response = await globalThis.fetch(url, init);
      if (init?.method !== "PUT" || !String(url).endsWith("/recipients")) return response;
      const sent = JSON.parse(
        String(init.body instanceof Uint8Array ? new TextDecoder().decode(init.body) : init.body),
      );
      const body = await response.json();
      const first = sent.recipients[0];
      body.payload.acceptedRecipients -= 1;
      body.payload.undeliverable = {
        ...body.payload.undeliverable,
        undeliverableRecipients: [{ ...first, reason: `rejected for key ${key}` }],
      };
      return new Response(JSON.stringify(body), {
        status: 200,
        headers: { "content-type": "application/json" },
      });
    }) as typeof globalThis.fetch;
    const ll = createLettrLabsClient({ apiKey: key, baseUrl: fake.url, maxRetries: 0, fetch });
    const summary = await ll.orders.recipients.append(order.id, recipients(2), {
      chunkSize: 2,
      concurrency: 1,
    });
    expect(summary.rejected).toEqual([{ index: 0, reason: "rejected for key ***" }]);
    expect(inspect(summary, { depth: 10 })).not.toContain(key);
  });

  it("the raw clients: a custom fetch's error comes back with its causes redacted", async () => {
    const { fake } = await setupLl();
    const key = fake.options.apiKey;
    const fetch = throwing(() => quoting(key));
    const ll = createLettrLabsClient({ apiKey: key, baseUrl: fake.url, maxRetries: 0, fetch });
    const error = await ll.raw.GET("/v1/me").catch((e: unknown) => e);
    // What openapi-fetch users get is still the transport's own error, with its kind and notSent.
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ kind: "connection", notSent: false });
    expect(printed(error)).not.toContain(key);
    expect(printed(error)).toContain("request with *** failed");
    const token = "tok-static-RAW-4321";
    const cl = createCommerceLayerClient({
      baseUrl: "https://o.example.test/api",
      accessToken: token,
      maxRetries: 0,
      fetch: throwing(() => quoting(`Bearer ${token}`)),
    });
    const clError = await cl.raw.GET("/orders").catch((e: unknown) => e);
    expect(printed(clError)).not.toContain(token);
  });

  it("Commerce Layer: a middleware's onResponse and onError never see the bearer token the client adds", async () => {
    const { fake, cl } = await setupCl();
    fake.seedOrders(1);
    const seen: string[] = [];
    cl.raw.use({
      onRequest: ({ request }) => {
        seen.push(...request.headers.keys());
      },
      onResponse: ({ request }) => {
        seen.push(...request.headers.keys());
      },
      onError: ({ request }) => {
        seen.push(...request.headers.keys());
      },
    });
    await cl.orders.list();
    fake.inject("GET", /^\/orders$/, "drop-after-apply");
    await cl.orders.list().catch(() => undefined);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen).not.toContain("authorization");
    // The request itself carried it.
    expect(fake.requests.at(-1)?.auth).toMatch(/^Bearer /);
  });
});

describe("a base URL that cannot be one is refused when the client is made, without quoting it", () => {
  const key = "LL-API-pasted-into-the-url-77";
  it.each([
    `http://exa mple.com/${key}`,
    key,
    `http://user:${key}@api.example.com`,
    `ftp://api.example.com/${key}`,
    `//api.example.com/${key}`,
  ])("%s", (baseUrl) => {
    let thrown: unknown;
    try {
      createLettrLabsClient({ apiKey: key, baseUrl });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(OrderkitError);
    expect((thrown as OrderkitError).kind).toBe("invalid_argument");
    expect(printed(thrown)).not.toContain(key);
    expect(() => createCommerceLayerClient({ accessToken: "t", baseUrl })).toThrow(/baseUrl must be/);
    expect(() =>
      createCommerceLayerClient({
        accessToken: "t",
        baseUrl: "https://o.commercelayer.io/api",
        authUrl: baseUrl,
      }),
    ).toThrow(/authUrl must be/);
  });
  it("a path on the page's own origin and http(s) URLs are taken", () => {
    for (const baseUrl of ["/api", "http://127.0.0.1:4010", "https://api.example.com/v1/"]) {
      expect(() => createLettrLabsClient({ apiKey: key, baseUrl })).not.toThrow();
      expect(() => createCommerceLayerClient({ accessToken: "t", baseUrl, authUrl: baseUrl })).not.toThrow();
    }
  });
});
