import { describe, expect, inject, it } from "vitest";
import { runCli } from "./helpers.js";

const env = () => ({
  COMMERCELAYER_BASE_URL: inject("commercelayerPrismUrl"),
  COMMERCELAYER_AUTH_URL: inject("commercelayerPrismUrl"),
  COMMERCELAYER_CLIENT_ID: "w7jf0Ge6H1qPMBWSzTX8KRSjwB5KVfH8JcyIbGZfw7c",
  COMMERCELAYER_CLIENT_SECRET: "cli-e2e-secret-value",
});

describe("orderkit commercelayer against Prism", () => {
  it.each([
    [["orders", "list"]],
    [["orders", "list", "--all", "--status", "placed"]],
    [["orders", "get", "wBXVhKzrnx"]],
    [["orders", "create", "--market", "vlkaZhkGNo", "--email", "jordan.reyes@example.com"]],
    [["orders", "place", "wBXVhKzrnx"]],
    [["line-items", "add", "wBXVhKzrnx", "--sku", "TSHIRTMM000000FFFFFFXLXX", "--quantity", "2", "--merge"]],
    [["line-items", "set", "wBXVhKzrnx", "--sku", "TSHIRTMM000000FFFFFFXLXX", "--quantity", "2"]],
    // (Not cancel: Prism answers every PATCH with its placed order, and a cancel's answer must be
    // the order cancelled. The client's Prism contract test checks the cancel's request; the CLI's
    // cancel runs against the stateful fake in commercelayer-hints.test.ts.)
  ])("commercelayer %j exits 0 with JSON", async (args) => {
    const run = await runCli(["commercelayer", ...args, "--json"], env());
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toBeTruthy();
    expect(run.stdout).not.toContain("cli-e2e-secret-value");
  });

  it("prints an order and its line items for people", async () => {
    const run = await runCli(["commercelayer", "orders", "get", "wBXVhKzrnx"], env());
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/status:\s+pending/);
    expect(run.stdout).toContain("TSHIRTMM000000FFFFFFXLXX");
    expect(run.stdout).toMatch(/market:\s+USA/);
  });

  it("lists orders as a table", async () => {
    const run = await runCli(["commercelayer", "orders", "list"], env());
    expect(run.stdout.split("\n")[0]).toMatch(/^Id\s+Number\s+Status\s+Payment/);
    expect(run.stdout).toContain("wBXVhKzrnx");
  });

  it("exits 2 without credentials and 1 on an API error", async () => {
    const missing = await runCli(["commercelayer", "orders", "list"], {
      COMMERCELAYER_BASE_URL: inject("commercelayerPrismUrl"),
    });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("client id");
    const bad = await runCli(
      ["commercelayer", "line-items", "add", "wBXVhKzrnx", "--sku", "X", "--quantity", "0"],
      env(),
    );
    expect(bad.code).toBe(2);
    // Bounded above too: more than Commerce Layer can store (assumed 32-bit) is refused as typed.
    for (const [verb, quantity] of [
      ["add", "2147483648"],
      ["set", "99999999999"],
    ]) {
      const huge = await runCli(
        [
          "commercelayer",
          "line-items",
          verb as string,
          "wBXVhKzrnx",
          "--sku",
          "X",
          "--quantity",
          quantity as string,
        ],
        env(),
      );
      expect(huge.code, quantity).toBe(2);
      expect(huge.stderr).toContain("Expected a whole number from 1 to 2147483647");
    }
    // Ids the client refuses before sending anything are input errors too (before: exit 1).
    for (const id of ["..", "a/b", "a?x"]) {
      const refused = await runCli(["commercelayer", "orders", "get", id, "--json"], env());
      expect(refused.code, id).toBe(2);
      expect(JSON.parse(refused.stderr).error).toMatchObject({ kind: "invalid_argument", exitCode: 2 });
    }
  });
});
