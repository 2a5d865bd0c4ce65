import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "./helpers.js";

// A setting is held to the rules its client applies when it is saved, and wherever it comes from
// when it is used (flag, variable, config file): a pasted line break or space is named with its
// source (never quoted), before anything is sent, not blamed on a client option the user never set.

const stored = (dir: string) => JSON.parse(readFileSync(join(dir, "config.json"), "utf8"));

describe("config settings", () => {
  it.each([
    ["api-key", "LL-API-abc\n", "holds a line break"],
    ["api-key", " LL-API-abc", "a space at either end"],
    ["commercelayer.client-secret", "s3cret\r\n", "holds a line break"],
    ["commercelayer.client-id", "cid-xyz ", "a space at either end"],
    ["commercelayer.organization", "acme corp", "must be an organization slug"],
    ["base-url", "localhost:4010", "must be an absolute http(s) URL"],
  ])("`config set %s` of a value its client refuses: exit 2, nothing saved", async (key, value, said) => {
    const dir = tempDir();
    expect((await runCli(["config", "set", "api-key", "LL-API-kept"], {}, dir)).code).toBe(0);
    const run = await runCli(["config", "set", key, value], {}, dir);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain(`${key} `);
    expect(run.stderr).toContain(said);
    expect(run.stderr).toContain("Nothing was saved.");
    expect(run.stderr).not.toContain(value.trim());
    expect(stored(dir)).toEqual({ apiKey: "LL-API-kept" });
  });

  it("a bad value from the file, a variable or a flag is named by its source, and nothing is sent", async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "config.json"),
      JSON.stringify({
        apiKey: "LL-API-filekey ",
        commercelayer: { organization: "acme corp", clientId: "c" },
      }),
    );
    // No server runs at this address: a request would fail otherwise (exit 1), not with exit 2.
    const env = { LETTRLABS_BASE_URL: "http://127.0.0.1:45999" };
    const fromFile = await runCli(["me"], env, dir);
    expect(fromFile.code, fromFile.stderr).toBe(2);
    expect(fromFile.stderr).toContain(
      `api-key in the config file ${join(dir, "config.json")} holds a line break`,
    );
    expect(fromFile.stderr).not.toContain("filekey");
    const org = await runCli(["commercelayer", "orders", "list"], {}, dir);
    expect(org.code, org.stderr).toBe(2);
    expect(org.stderr).toContain("commercelayer.organization in the config file");
    const fromEnv = await runCli(["me"], { ...env, LETTRLABS_API_KEY: "LL-API-envkey\t" }, dir);
    expect(fromEnv.code, fromEnv.stderr).toBe(2);
    expect(fromEnv.stderr).toContain("LETTRLABS_API_KEY holds a line break");
    const fromFlag = await runCli(["--api-key", "LL-API-flag\n", "me"], env, dir);
    expect(fromFlag.code, fromFlag.stderr).toBe(2);
    expect(fromFlag.stderr).toContain("--api-key holds a line break");
    const orgFlag = await runCli(
      ["commercelayer", "--organization", "acme.commercelayer.io", "orders", "list"],
      {},
      dir,
    );
    expect(orgFlag.code, orgFlag.stderr).toBe(2);
    expect(orgFlag.stderr).toContain("--organization must be an organization slug");
  });

  it("`config set` run many times at once: every setting is kept, no lock or draft is left", async () => {
    const dir = tempDir();
    const sets: [string, string, (c: Record<string, Record<string, string>>) => unknown][] = [
      ["api-key", "LL-API-one", (c) => c.apiKey],
      ["base-url", "http://127.0.0.1:4010", (c) => c.baseUrl],
      ["commercelayer.organization", "acme", (c) => c.commercelayer?.organization],
      ["commercelayer.client-id", "cid", (c) => c.commercelayer?.clientId],
      ["commercelayer.client-secret", "csecret", (c) => c.commercelayer?.clientSecret],
    ];
    // Rounds of five processes at once: without the lock, one in a few rounds loses a setting.
    for (const round of [1, 2, 3]) {
      const runs = await Promise.all(
        sets.map(([key, value]) => runCli(["config", "set", key, `${value}${round}`], {}, dir)),
      );
      for (const run of runs) expect(run.code, run.stderr).toBe(0);
      const config = stored(dir);
      for (const [key, value, read] of sets) expect(read(config), key).toBe(`${value}${round}`);
    }
    expect(
      readdirSync(dir)
        .filter((f) => f.startsWith("config.json"))
        .sort(),
    ).toEqual(["config.json"]);
    expect(existsSync(join(dir, "config.json.lock"))).toBe(false);
  });
});
