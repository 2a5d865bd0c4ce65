// The API key and the client secret never reach the terminal, even when a server echoes them in
// what it answers: a field's value, a key, a nested value, a message, in any letter case or
// JSON-escaped. Every way the CLI prints (tables, records, --json, notes, errors) goes through
// output.ts, which hides this run's secrets.
import { FakeLettrLabs } from "@orderkit/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { commerceLayerFake } from "./fake-commercelayer.js";
import { runCli, sendAnsweringStatus } from "./helpers.js";

const KEY = "LL-API-echoed-5e3c1f9a";
const SECRET = "cl-secret-echoed-77ab21";
const servers: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

async function lettrLabs() {
  const f = await new FakeLettrLabs({ apiKey: KEY }).start();
  servers.push(f);
  return { f, env: { LETTRLABS_BASE_URL: f.url, LETTRLABS_API_KEY: KEY } };
}

/** Nothing of `secret` in `text`: as it is, in any case, or its distinctive part. */
function expectHidden(text: string, secret: string): void {
  expect(text.toLowerCase()).not.toContain(secret.toLowerCase());
  expect(text.toLowerCase()).not.toContain(secret.slice(-8).toLowerCase());
}

/**
 * `commercelayer line-items set --verbose` on an order whose line item's id (chosen by the server)
 * is the client secret: the PATCH goes to a path holding it.
 */
async function setLineItemWhoseIdIs(secret: string) {
  const { f, env } = await commerceLayerFake("client-echo", secret);
  const [order] = f.seedOrders(1);
  const orderId = order?.id as string;
  f.lineItems.set(secret, { id: secret, orderId, sku_code: "SKU1", quantity: 1 });
  order?.lineItems.push(secret);
  const run = await runCli(
    ["commercelayer", "line-items", "set", orderId, "--sku", "SKU1", "--quantity", "3", "--verbose"],
    env,
  );
  return { f, run };
}

describe("secrets a server echoes are not printed", () => {
  it("LettrLabs `me`: the key in a value, in upper case, as a key and nested, JSON-escaped in a message: hidden in the record and in --json", async () => {
    const { f, env } = await lettrLabs();
    const profile = {
      id: 1,
      email: `ops+${KEY}@example.com`,
      loud: KEY.toUpperCase(),
      [KEY]: "as a key",
      meta: {
        note: `sent ${KEY}`,
        escaped: `${KEY.slice(0, 4)}\\u00${KEY.charCodeAt(4).toString(16)}${KEY.slice(5)}`,
      },
    };
    f.inject(
      "GET",
      /^\/v1\/me$/,
      { kind: "status", status: 200, body: { payload: profile, errors: [], hasErrors: false } },
      3,
    );
    for (const words of [["me"], ["me", "--json"]]) {
      const run = await runCli(words, env);
      expect(run.code, run.stderr).toBe(0);
      expectHidden(run.stdout + run.stderr, KEY);
      expect(run.stdout).toContain("***");
    }
    const json = await runCli(["me", "--json"], env);
    const parsed = JSON.parse(json.stdout) as Record<string, unknown>;
    // The rest of the data is as the server sent it.
    expect(parsed.id).toBe(1);
    expect(parsed.email).toBe("ops+***@example.com");
    expect(parsed["***"]).toBe("as a key");
  });

  it("LettrLabs: the key in an order's status, through `send` (summary and notes) and in a refusal's message", async () => {
    const { f, env } = await lettrLabs();
    const run = await sendAnsweringStatus(f, env, `Payment Needed ${KEY}`);
    expect(run.code, run.stderr).toBe(0);
    expectHidden(run.stdout + run.stderr, KEY);
    expect(run.stdout).toContain("Payment Needed ***");
    f.inject(
      "GET",
      /^\/v1\/me$/,
      { kind: "status", status: 400, body: { payload: null, errors: [`bad key ${KEY}`], hasErrors: true } },
      2,
    );
    for (const words of [["me"], ["me", "--json"]]) {
      const refused = await runCli(words, env);
      expect(refused.code).toBe(1);
      expectHidden(refused.stdout + refused.stderr, KEY);
    }
  });

  it("Commerce Layer: the client secret in an order's fields and metadata, in a table, a record and --json", async () => {
    const { f, env } = await commerceLayerFake("client-echo", SECRET);
    const [order] = f.seedOrders(1, {
      customer_email: `${SECRET}@example.com`,
      metadata: { [SECRET]: SECRET.toUpperCase() },
    });
    const id = order?.id as string;
    for (const words of [
      ["commercelayer", "orders", "get", id],
      ["commercelayer", "orders", "get", id, "--json"],
      ["commercelayer", "orders", "list"],
      ["commercelayer", "orders", "list", "--json"],
    ]) {
      const run = await runCli(words, env);
      expect(run.code, `${words.join(" ")}: ${run.stderr}`).toBe(0);
      expectHidden(run.stdout + run.stderr, SECRET);
      expect(run.stdout).toContain("***");
    }
  });

  it("Commerce Layer: the access token the client got, echoed in an order's fields, is hidden like the client secret", async () => {
    const PREFIX = "eyJhbGciOiJIUzUxMiJ9.access-echoed-";
    const { f, env } = await commerceLayerFake("client-echo", SECRET, { tokenPrefix: PREFIX });
    // Each run gets a token of its own from the fake (the first run's ends in 1, and so on): run n
    // reads the order that carries token n.
    const runs = [
      ["commercelayer", "orders", "get", "<id>"],
      ["commercelayer", "orders", "get", "<id>", "--json", "--verbose"],
      ["commercelayer", "orders", "list", "--json"],
    ];
    for (const [i, words] of runs.entries()) {
      const token = `${PREFIX}${i + 1}`;
      const [order] = f.seedOrders(1, { customer_email: `${token}@example.com`, metadata: { note: token } });
      const run = await runCli(
        words.map((w) => (w === "<id>" ? (order?.id as string) : w)),
        env,
      );
      expect(run.code, `${words.join(" ")}: ${run.stderr}`).toBe(0);
      expect(f.tokenRequests).toBe(i + 1);
      expect(run.stdout + run.stderr).not.toContain(token);
      expect(run.stdout).toContain("***");
    }
  });

  it("review 176: a token renewed mid-run (401 INVALID_TOKEN) is hidden as the first was, and so is a token holding a space", async () => {
    const PREFIX = "eyJhbGciOi access-";
    const { f, env } = await commerceLayerFake("client-echo", SECRET, { tokenPrefix: PREFIX });
    const invalid = {
      status: 401,
      body: { errors: [{ title: "Invalid token", code: "INVALID_TOKEN", status: "401" }] },
    };
    for (const [i, json] of [[], ["--json"]].entries()) {
      // Run i's first token (2i + 1) is refused once; the client renews it (2i + 2) and asks again.
      const [first, renewed] = [`${PREFIX}${2 * i + 1}`, `${PREFIX}${2 * i + 2}`];
      const [order] = f.seedOrders(1, { customer_email: `old=${first} new=${renewed}` });
      f.inject("GET", /^\/orders\//, invalid);
      const run = await runCli(["commercelayer", "orders", "get", order?.id as string, ...json], env);
      expect(run.code, run.stderr).toBe(0);
      expect(f.tokenRequests).toBe(2 * i + 2);
      expect(run.stdout + run.stderr).not.toContain(first);
      expect(run.stdout + run.stderr).not.toContain(renewed);
      expect(run.stdout).toContain("old=*** new=***");
    }
  });

  it("review 172: --verbose request lines hide a secret a server chose as an id; an all-digit key echoed as a number is hidden in --json too", async () => {
    const { f, run } = await setLineItemWhoseIdIs(SECRET);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain("→ PATCH /line_items/***");
    expectHidden(run.stdout + run.stderr, SECRET);
    expect(f.lineItems.get(SECRET)?.quantity).toBe(3);

    const digits = "123456789012";
    const ll = await new FakeLettrLabs({ apiKey: digits }).start();
    servers.push(ll);
    const llEnv = { LETTRLABS_BASE_URL: ll.url, LETTRLABS_API_KEY: digits };
    ll.inject(
      "GET",
      /^\/v1\/me$/,
      {
        kind: "status",
        status: 200,
        body: { payload: { id: Number(digits), n: 7 }, errors: [], hasErrors: false },
      },
      2,
    );
    for (const more of [[], ["--json"]]) {
      const me = await runCli(["me", ...more], llEnv);
      expect(me.code, me.stderr).toBe(0);
      expect(me.stdout).not.toContain(digits);
    }
  });

  it("review 173: an all-digit key in a hint, a price's totals and as a rounded number is hidden, and keys that hide alike all keep what is not the key", async () => {
    // (A key with leading zeros is not: its number form, shorter, would hide ordinary numbers; review 174.)
    for (const key of ["123456789012", "98765432109876543210"]) {
      const f = await new FakeLettrLabs({ apiKey: key }).start();
      servers.push(f);
      const env = { LETTRLABS_BASE_URL: f.url, LETTRLABS_API_KEY: key };
      const asNumber = String(Number(key));
      const body = `{"payload":{"id":${key},"note":"ops","***":"a field of its own","${key}":"echo"},"errors":[],"hasErrors":false}`;
      f.inject("GET", /^\/v1\/me$/, { kind: "status", status: 200, rawBody: body }, 2);
      for (const more of [[], ["--json"]]) {
        const me = await runCli(["me", ...more], env);
        expect(me.code, me.stderr).toBe(0);
        for (const shown of [key, asNumber]) expect(me.stdout, `${key} ${more}`).not.toContain(shown);
        if (more.length > 0) {
          const parsed = JSON.parse(me.stdout) as Record<string, unknown>;
          // The server's own "***" field and the echoed key both stay.
          expect(Object.values(parsed).sort()).toEqual(["***", "a field of its own", "echo", "ops"].sort());
        }
      }
      // A price preview whose totals are the key (a line's cells and the totals line).
      const price = Number(key);
      f.inject("GET", /^\/v1\/order\/1000\/checkout$/, {
        kind: "status",
        status: 200,
        body: {
          payload: {
            orderId: 1000,
            lineItems: [{ name: "Card", quantity: 1, rate: price, total: price }],
            totalCharges: price,
            totalCredits: 0,
            balance: price,
          },
          errors: [],
          hasErrors: false,
        },
      });
      const preview = await runCli(["checkout", "preview", "1000"], env);
      expect(preview.code, preview.stderr).toBe(0);
      expect(preview.stdout, preview.stdout).toContain("Total charges: $***");
      for (const shown of [key, asNumber]) expect(preview.stdout, key).not.toContain(shown);
      // A rate limit whose wait is the key: the hint says it hidden.
      f.inject(
        "GET",
        /^\/v1\/me$/,
        { kind: "status", status: 429, headers: { "retry-after": key }, body: "slow down" },
        20,
      );
      const limited = await runCli(["me"], env);
      expect(limited.code).toBe(1);
      for (const shown of [key, asNumber]) expect(limited.stderr, key).not.toContain(shown);
    }
  });

  it("review 173: a client secret with `/`, `+` and `=` is hidden in --verbose lines, where a path writes it percent-encoded", async () => {
    const secret = "cl/Secret+echo=77ab21";
    const { run } = await setLineItemWhoseIdIs(secret);
    // (The fake does not route an id holding a `/`: the PATCH is answered 404, and the run fails.)
    expect(run.stderr).toContain("→ PATCH /line_items/***");
    for (const shown of [secret, encodeURIComponent(secret), "77ab21"])
      expect((run.stdout + run.stderr).toLowerCase()).not.toContain(shown.toLowerCase());
  });

  it("review 174: a digit key's number form without its leading zeros is not looked for (ordinary ids and prices print as they are); keys that hold no secret keep their names, `__proto__` too", async () => {
    const key = "0000001234";
    const f = await new FakeLettrLabs({ apiKey: key }).start();
    servers.push(f);
    f.inject("GET", /^\/v1\/me$/, {
      kind: "status",
      status: 200,
      body: { payload: { id: 1234, spent: "$1234.00" }, errors: [], hasErrors: false },
    });
    const me = await runCli(["me", "--json"], { LETTRLABS_BASE_URL: f.url, LETTRLABS_API_KEY: key });
    expect(me.code, me.stderr).toBe(0);
    expect(JSON.parse(me.stdout)).toEqual({ id: 1234, spent: "$1234.00" });
    // The server's own `***` and `***#2` keep their names; the echoed key takes the next free one;
    // an own `__proto__` stays a key.
    f.inject("GET", /^\/v1\/me$/, {
      kind: "status",
      status: 200,
      rawBody: `{"payload":{"${key}":"echo","***":"b","***#2":"c","__proto__":{"plan":"pro"}},"errors":[],"hasErrors":false}`,
    });
    const named = await runCli(["me", "--json"], { LETTRLABS_BASE_URL: f.url, LETTRLABS_API_KEY: key });
    expect(named.code, named.stderr).toBe(0);
    expect(named.stdout).toContain('"__proto__": {');
    expect(JSON.parse(named.stdout)).toMatchObject({ "***": "b", "***#2": "c", "***#3": "echo" });
  });
});
