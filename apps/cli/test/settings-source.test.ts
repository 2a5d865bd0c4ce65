import { join } from "node:path";
import { FakeCommerceLayer } from "@orderkit/test-utils";
import { describe, expect, it } from "vitest";
import { runCli, sendArgs, tempDir, writeCsv } from "./helpers.js";

// A bad setting the user put in the environment is reported by the variable's name: the CLI lets
// the client read it, instead of passing it on as an option the user never typed.

describe("a bad setting from the environment names the variable", () => {
  it.each([
    [
      ["orders", "list"],
      { LETTRLABS_API_KEY: "k", LETTRLABS_BASE_URL: "localhost:4010" },
      "LETTRLABS_BASE_URL",
    ],
    [
      ["commercelayer", "orders", "list"],
      { COMMERCELAYER_CLIENT_ID: "c", COMMERCELAYER_ORGANIZATION: "acme corp" },
      "COMMERCELAYER_ORGANIZATION",
    ],
    [
      ["commercelayer", "orders", "list"],
      { COMMERCELAYER_CLIENT_ID: "c", COMMERCELAYER_BASE_URL: "ftp://x" },
      "COMMERCELAYER_BASE_URL",
    ],
  ])("%j with %j: exit 2, naming %s", async (args, env, name) => {
    const run = await runCli(args, env);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain(`${name} must be`);
  });

  it("send names the variable too (its ledger keys the host before the client is made)", async () => {
    const dir = tempDir();
    const run = await runCli(
      sendArgs(writeCsv(dir, 2)),
      { LETTRLABS_API_KEY: "k", LETTRLABS_BASE_URL: "ftp://x" },
      dir,
    );
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain("LETTRLABS_BASE_URL");
  });

  it("a flag still wins over the variable, and is reported as the option", async () => {
    const run = await runCli(["--base-url", "localhost:1", "orders", "list"], {
      LETTRLABS_API_KEY: "k",
      LETTRLABS_BASE_URL: "http://127.0.0.1:9",
    });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain("option '--base-url <url>' argument 'localhost:1' is invalid");
    expect(run.stderr).not.toContain("LETTRLABS_BASE_URL");
  });

  it.each([
    [["--base-url", "/api", "orders", "list"], {}, "option '--base-url <url>' argument '/api' is invalid"],
    [["commercelayer", "--cl-base-url", "/api", "orders", "get", "X"], {}, "option '--cl-base-url <url>'"],
    [["commercelayer", "--auth-url", "//auth", "orders", "get", "X"], {}, "option '--auth-url <url>'"],
    [
      ["commercelayer", "orders", "get", "X"],
      { COMMERCELAYER_BASE_URL: "/api" },
      "COMMERCELAYER_BASE_URL must be an absolute http(s) URL",
    ],
    [
      ["commercelayer", "orders", "get", "X"],
      { COMMERCELAYER_AUTH_URL: "/auth" },
      "COMMERCELAYER_AUTH_URL must be an absolute http(s) URL",
    ],
    [
      ["orders", "list"],
      { LETTRLABS_BASE_URL: "/api" },
      "LETTRLABS_BASE_URL must be an absolute http(s) URL",
    ],
    [["config", "set", "base-url", "/api"], {}, "base-url must be an absolute http(s) URL"],
    [
      ["config", "set", "base-url", "http://u:p@example.com/api"],
      {},
      "base-url must be an absolute http(s) URL",
    ],
    [["orders", "list"], { LETTRLABS_BASE_URL: "http://127.0.0.1:9/api " }, "LETTRLABS_BASE_URL must be"],
    [["--base-url", "http://127.0.0.1:9/api?x=1", "orders", "list"], {}, "option '--base-url <url>'"],
    [
      ["commercelayer", "--cl-base-url", "http://127.0.0.1:9/api#f", "orders", "get", "X"],
      {},
      "option '--cl-base-url <url>'",
    ],
    [
      ["commercelayer", "--organization", "acme", "orders", "get", "X"],
      { COMMERCELAYER_BASE_URL: "http://acme.commercelayer.io/api" },
      "--organization acme and COMMERCELAYER_BASE_URL (http://acme.commercelayer.io/api) name two APIs",
    ],
  ])(
    "a relative API address (%j, %j) is an input error naming where it came from: exit 2",
    async (args, env, said) => {
      const run = await runCli(args, {
        LETTRLABS_API_KEY: "k",
        COMMERCELAYER_CLIENT_ID: "c",
        COMMERCELAYER_ORGANIZATION: "acme",
        ...env,
      });
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain(said);
      expect(run.stderr).not.toContain("middleware");
    },
  );

  it("--organization and a COMMERCELAYER_BASE_URL of another host name two APIs: exit 2, nothing sent", async () => {
    const fake = await new FakeCommerceLayer().start();
    try {
      const run = await runCli(
        ["commercelayer", "--organization", "acme-staging", "orders", "create", "--reference", "STG-1"],
        {
          COMMERCELAYER_CLIENT_ID: "c",
          COMMERCELAYER_CLIENT_SECRET: "s",
          COMMERCELAYER_BASE_URL: fake.url,
          COMMERCELAYER_AUTH_URL: fake.url,
        },
      );
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain(
        "--organization acme-staging and COMMERCELAYER_BASE_URL (http://127.0.0.1:",
      );
      expect(fake.requests).toEqual([]);
      expect(fake.tokenRequests).toBe(0);
      expect(fake.orders.size).toBe(0);
    } finally {
      await fake.stop();
    }
  });

  it("an address on a port fetch never connects to (6000): a checkout says nothing was sent, not 'may have gone through'", async () => {
    const run = await runCli(["checkout", "submit", "5", "--yes", "--base-url", "http://127.0.0.1:6000"], {
      LETTRLABS_API_KEY: "k",
    });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain("submitOrderCheckout: Connection failed (bad port).");
    expect(run.stderr).toContain("serve the API on another port. Nothing was sent.");
    expect(run.stderr).not.toContain("may have");
  });
});

describe("an API address over plain http to another machine is refused (the secret would cross the network in the clear)", () => {
  const secret = "LL-API-plainhttp-secret-123";
  it.each([
    [["--base-url", "http://192.0.2.2:9/api", "me"], {}, "--base-url is plain http to 192.0.2.2"],
    [["me"], { LETTRLABS_BASE_URL: "http://api.example.com/api" }, "LETTRLABS_BASE_URL is plain http"],
    [
      ["commercelayer", "--cl-base-url", "http://192.0.2.2:9/api", "orders", "get", "X"],
      {},
      "--cl-base-url is plain http",
    ],
    [
      ["commercelayer", "--auth-url", "http://192.0.2.2:9/oauth/token", "orders", "get", "X"],
      {},
      "--auth-url is plain http",
    ],
    // A name under .localhost is looked up in DNS by Node: it may be anywhere.
    [["--base-url", "http://api.localhost:9/api", "me"], {}, "--base-url is plain http to api.localhost"],
    // So is `localhost.`, with its dot: a name for DNS, not this machine's own.
    [["--base-url", "http://localhost.:9/api", "me"], {}, "--base-url is plain http to localhost."],
  ])("%j %j: exit 2, nothing sent, no secret shown", async (args, env, said) => {
    const run = await runCli(args, {
      LETTRLABS_API_KEY: secret,
      COMMERCELAYER_CLIENT_ID: "c",
      COMMERCELAYER_CLIENT_SECRET: secret,
      COMMERCELAYER_ORGANIZATION: "acme",
      ...env,
    });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain(said);
    expect(run.stderr).toContain("Nothing was sent");
    expect(`${run.stdout}${run.stderr}`).not.toContain(secret);
  });

  it("the config file's base URL is named with the file", async () => {
    const dir = tempDir();
    const set = await runCli(["config", "set", "base-url", "http://192.0.2.2:9/api"], {}, dir);
    expect(set.code, set.stderr).toBe(0);
    const run = await runCli(["me"], { LETTRLABS_API_KEY: secret }, dir);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain(`base-url in the config file ${join(dir, "config.json")} is plain http`);
  });

  it("this machine over http is fine, and ORDERKIT_ALLOW_HTTP=1 allows a private network's server", async () => {
    // Port 9 is one fetch never connects to: the request fails at once, after the address was taken.
    for (const [url, env] of [
      ["http://127.0.0.1:9/api", {}],
      ["http://localhost:9/api", {}],
      ["http://[::1]:9/api", {}],
      ["http://[::ffff:127.0.0.1]:9/api", {}],
      ["http://127.1:9/api", {}],
      ["http://192.0.2.2:9/api", { ORDERKIT_ALLOW_HTTP: "1" }],
    ] as const) {
      const run = await runCli(["--base-url", url, "me"], { LETTRLABS_API_KEY: secret, ...env });
      expect(run.code, `${url}: ${run.stderr}`).toBe(1);
      expect(run.stderr).toContain("bad port");
    }
  });
});
