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
    expect(run.stderr).toContain("baseUrl must be");
    expect(run.stderr).not.toContain("LETTRLABS_BASE_URL");
  });
});
