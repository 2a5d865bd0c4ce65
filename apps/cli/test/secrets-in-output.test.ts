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

  it("review 172: --verbose request lines hide a secret a server chose as an id; an all-digit key echoed as a number is hidden in --json too", async () => {
    const { f, env } = await commerceLayerFake("client-echo", SECRET);
    const [order] = f.seedOrders(1);
    f.lineItems.set(SECRET, { id: SECRET, orderId: order?.id as string, sku_code: "SKU1", quantity: 1 });
    order?.lineItems.push(SECRET);
    const words = [
      "commercelayer",
      "line-items",
      "set",
      order?.id as string,
      "--sku",
      "SKU1",
      "--quantity",
      "3",
    ];
    const run = await runCli([...words, "--verbose"], env);
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
});
