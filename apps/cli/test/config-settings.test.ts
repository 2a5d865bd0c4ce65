import {
  chmodSync,
  chownSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { FakeCommerceLayer } from "@orderkit/test-utils";
import { describe, expect, it } from "vitest";
import { cliUser, runCli, tempDir } from "./helpers.js";

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

  it("a hard-linked config file (a dotfiles manager's) is changed in place: every link sees the setting", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "dotfiles"));
    const kept = join(dir, "dotfiles", "orderkit.json");
    writeFileSync(kept, JSON.stringify({ apiKey: "LL-API-old" }));
    linkSync(kept, join(dir, "config.json"));
    const run = await runCli(["config", "set", "api-key", "LL-API-new"], {}, dir);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(readFileSync(kept, "utf8"))).toEqual({ apiKey: "LL-API-new" });
    expect(statSync(kept).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).filter((f) => f.startsWith("config.json"))).toEqual(["config.json"]);
  });

  it("a dangling link is followed: the file it names is made, and the link stays", async () => {
    const dir = tempDir();
    const real = join(dir, "dotfiles", "orderkit.json");
    symlinkSync(real, join(dir, "config.json"));
    const run = await runCli(["config", "set", "api-key", "LL-API-new"], {}, dir);
    expect(run.code, run.stderr).toBe(0);
    expect(lstatSync(join(dir, "config.json")).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(real, "utf8"))).toEqual({ apiKey: "LL-API-new" });
  });

  it("a linked config file is changed where the link points, and stays a link", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "dotfiles"));
    const real = join(dir, "dotfiles", "orderkit.json");
    writeFileSync(real, JSON.stringify({ apiKey: "LL-API-old" }));
    symlinkSync(real, join(dir, "config.json"));
    const run = await runCli(["config", "set", "api-key", "LL-API-new"], {}, dir);
    expect(run.code, run.stderr).toBe(0);
    expect(lstatSync(join(dir, "config.json")).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(real, "utf8"))).toEqual({ apiKey: "LL-API-new" });
  });

  it.runIf(process.getuid?.() === 0)(
    "root's `config set` on another user's file leaves it theirs; in a directory they may not write in, nothing is saved, and a message says why",
    async () => {
      const dir = tempDir();
      const as = cliUser(dir);
      const path = join(dir, "config.json");
      writeFileSync(path, JSON.stringify({ apiKey: "LL-API-theirs" }), { mode: 0o600 });
      chownSync(path, 65534, 65534);
      expect((await runCli(["config", "set", "base-url", "http://127.0.0.1:4010"], {}, dir)).code).toBe(0);
      expect(statSync(path).uid).toBe(65534);
      const theirs = await runCli(["config", "get", "--json"], {}, dir, as);
      expect(theirs.code, theirs.stderr).toBe(0);
      expect(JSON.parse(theirs.stdout)).toMatchObject({ "base-url": "http://127.0.0.1:4010" });
      // Their file, in a directory they may not write in: no lock, no new file can be made beside
      // it, and a file written in place could be lost to a crash or another set. Nothing is saved.
      const locked = join(dir, "ro");
      mkdirSync(locked);
      const inside = join(locked, "config.json");
      writeFileSync(inside, "{}\n", { mode: 0o600 });
      chownSync(inside, 65534, 65534);
      chmodSync(locked, 0o555);
      const set = await runCli(
        ["config", "set", "api-key", "LL-API-mine"],
        { ORDERKIT_CONFIG: inside },
        dir,
        as,
      );
      expect(set.code, set.stderr).toBe(2);
      expect(set.stderr).toContain(`The config file ${inside} cannot be changed here (EACCES`);
      expect(set.stderr).not.toContain(".tmp");
      expect(readFileSync(inside, "utf8")).toBe("{}\n");
    },
  );

  it("arguments the wrong way round (the value first) never print the value", async () => {
    const run = await runCli(["config", "set", "LL-API-s3cretvalue", "api-key"], {}, tempDir());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Unknown key. Keys:");
    expect(run.stderr).not.toContain("s3cret");
  });

  it("an organization that is not a slug is not checked where a base URL makes the address", async () => {
    const fake = await new FakeCommerceLayer().start();
    try {
      const run = await runCli(
        ["commercelayer", "--organization", "Acme Corp", "--cl-base-url", fake.url, "orders", "list"],
        { COMMERCELAYER_CLIENT_ID: "c", COMMERCELAYER_CLIENT_SECRET: "s", COMMERCELAYER_AUTH_URL: fake.url },
      );
      expect(run.code, run.stderr).toBe(0);
    } finally {
      await fake.stop();
    }
  });
});
