import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "./helpers.js";

// A key that reads like a name (the shape review 177 used), and others that do not.
const ENV_KEY = "llapikeylettersonly";
const TYPED_KEY = "LL-typed-key-7731";
const CONFIG_KEY = "LL-config-key-4419";
const CONFIG_SECRET = "cl-config-secret-8802";

/** Runs `args` with and without --json; both outputs must show none of `secrets`. */
async function neverShown(args: string[], env: Record<string, string>, secrets: string[], dir = tempDir()) {
  for (const json of [[], ["--json"]]) {
    const run = await runCli([...json, ...args], env, dir);
    expect(run.code, run.stderr).not.toBe(0);
    for (const secret of secrets) expect(run.stdout + run.stderr).not.toContain(secret);
  }
}

describe("review 214: the secrets a run was given are hidden from its errors before any command has loaded them", () => {
  it.each([
    ["as an order id (recipients remove)", (k: string) => ["recipients", "remove", k, "5"]],
    ["as a recipient id", (k: string) => ["recipients", "remove", "5", k]],
    ["as a CSV file's name (recipients add)", (k: string) => ["recipients", "add", "5", "--csv", k]],
    ["as a CSV file's name (send)", (k: string) => ["send", "--csv", k, "--template", "7", "--yes"]],
    ["as a config key (config get)", (k: string) => ["config", "get", k]],
    ["as a bad option value (--settle-ms)", (k: string) => ["--settle-ms", k, "orders", "list"]],
  ])("the API key, from the environment, typed, or in the config file, %s", async (_, args) => {
    await neverShown(args(ENV_KEY), { LETTRLABS_API_KEY: ENV_KEY }, [ENV_KEY]);
    await neverShown(args(ENV_KEY), { LETTRLABS_API_KEY: `${ENV_KEY}\r` }, [ENV_KEY]);
    await neverShown(["--api-key", TYPED_KEY, ...args(TYPED_KEY)], {}, [TYPED_KEY]);
    const dir = tempDir();
    writeFileSync(
      join(dir, "config.json"),
      JSON.stringify({ apiKey: CONFIG_KEY, commercelayer: { clientSecret: CONFIG_SECRET } }),
    );
    await neverShown(args(CONFIG_KEY), {}, [CONFIG_KEY], dir);
    await neverShown(args(CONFIG_SECRET), {}, [CONFIG_SECRET], dir);
  });

  /** Runs `args` with ORDERKIT_CONFIG a FIFO fed `config` once, as `<(pass show orderkit)` is. */
  async function withPipedConfig(args: string[], config: object | string) {
    const dir = tempDir();
    const fifo = join(dir, "config.fifo");
    const { execFileSync } = await import("node:child_process");
    execFileSync("mkfifo", [fifo]);
    const run = runCli(args, { ORDERKIT_CONFIG: fifo }, dir);
    const { createWriteStream } = await import("node:fs");
    createWriteStream(fifo).end(typeof config === "string" ? config : JSON.stringify(config));
    return run;
  }

  it("a config file given as a pipe is read once, at the start: its key is hidden from an error raised before any command loads it", async () => {
    for (const args of [
      ["recipients", "remove", CONFIG_KEY, "5"],
      ["--json", "recipients", "remove", CONFIG_KEY, "5"],
      ["--settle-ms", CONFIG_KEY, "orders", "list"],
    ]) {
      const run = await withPipedConfig(args, {
        apiKey: CONFIG_KEY,
        commercelayer: { clientSecret: CONFIG_SECRET },
      });
      expect(run.code, run.stderr).toBe(2);
      expect(run.stdout + run.stderr).not.toContain(CONFIG_KEY);
    }
    const secret = await withPipedConfig(["config", "get", CONFIG_SECRET], {
      commercelayer: { clientSecret: CONFIG_SECRET },
    });
    expect(secret.code, secret.stderr).toBe(2);
    expect(secret.stdout + secret.stderr).not.toContain(CONFIG_SECRET);
  });

  it("a config file that is not valid JSON (a comma too many) still has its secrets hidden, as a file or a pipe; the command refuses it, quoting none of it", async () => {
    const broken = `{"apiKey": "${CONFIG_KEY}", "commercelayer": {"clientSecret": "cl-\\u0041-${CONFIG_SECRET}"},}`;
    const dir = tempDir();
    writeFileSync(join(dir, "config.json"), broken);
    for (const key of [CONFIG_KEY, `cl-A-${CONFIG_SECRET}`]) {
      const before = await runCli(["recipients", "remove", key, "5"], {}, dir);
      expect(before.code, before.stderr).toBe(2);
      expect(before.stdout + before.stderr).not.toContain(key);
    }
    const refused = await runCli(["orders", "list"], {}, dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("is not a JSON object");
    expect(refused.stderr).not.toContain(CONFIG_KEY);
    const done = await withPipedConfig(["recipients", "remove", CONFIG_KEY, "5"], broken);
    expect(done.code, done.stderr).toBe(2);
    expect(done.stdout + done.stderr).not.toContain(CONFIG_KEY);
  });

  it("a config file given as a pipe, read at the start, is the text the command reads: whole, not drained", async () => {
    const done = await withPipedConfig(["config", "get", "base-url"], {
      baseUrl: "https://example.test/api",
    });
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toContain("https://example.test/api");
  });

  /** A FIFO for ORDERKIT_CONFIG that this test holds open as its writer, writing nothing yet. */
  async function heldPipe() {
    const dir = tempDir();
    const fifo = join(dir, "config.fifo");
    const { execFileSync } = await import("node:child_process");
    execFileSync("mkfifo", [fifo]);
    const { openSync, closeSync, constants } = await import("node:fs");
    // Read and write: the open does not wait for a reader, and the pipe has a writer from now on.
    const fd = openSync(fifo, constants.O_RDWR);
    return { dir, fifo, fd, close: () => closeSync(fd) };
  }

  it("review 217 M1: a run that never needs the config (help, `config path`) does not wait for a pipe's writer", async () => {
    const pipe = await heldPipe();
    try {
      for (const args of [
        ["config", "path"],
        ["orders", "--help"],
        ["help", "orders"],
        ["--json", "--help"],
      ]) {
        // (Before, each waited as long as the writer wrote nothing: here, for ever.)
        const run = await runCli(args, { ORDERKIT_CONFIG: pipe.fifo }, pipe.dir);
        expect(run.code, `${args.join(" ")}: ${run.stderr}`).toBe(0);
      }
    } finally {
      pipe.close();
    }
  }, 60_000);

  it("review 217 M2: Ctrl-C while an error waits for a pipe's secrets stops as any stop does (its JSON error line, exit 130), and the secret is never shown", async () => {
    const pipe = await heldPipe();
    try {
      const run = runCli(
        ["--json", "recipients", "remove", CONFIG_KEY, "5"],
        { ORDERKIT_CONFIG: pipe.fifo },
        pipe.dir,
      );
      // Waits until the run has the pipe open for reading (its error is waiting for the secrets).
      const { readdirSync, readlinkSync } = await import("node:fs");
      const opened = () => {
        try {
          return readdirSync(`/proc/${run.child.pid}/fd`).some((fd) => {
            try {
              return readlinkSync(`/proc/${run.child.pid}/fd/${fd}`).includes("config.fifo");
            } catch {
              return false;
            }
          });
        } catch {
          return false;
        }
      };
      while (!opened()) await new Promise((r) => setTimeout(r, 20));
      run.child.kill("SIGINT");
      const done = await run;
      expect(done.code, done.stderr).toBe(130);
      expect(JSON.parse(done.stderr.trim().split("\n").at(-1) as string).error.message).toContain(
        "Stopped (SIGINT)",
      );
      expect(done.stdout + done.stderr).not.toContain(CONFIG_KEY);
    } finally {
      pipe.close();
    }
  }, 60_000);

  it("review 217 L1-L4: secrets are found in a config file over 1 MiB, one naming a key twice, one edited by hand (keys unquoted, single quotes, a bare value, a bad escape), and with spaces around them", async () => {
    const cases: [string, string][] = [
      ["LL-big-file-key-1", `{${" ".repeat(1 << 20)}"apiKey": "LL-big-file-key-1"}`],
      ["LL-old-key-2", `{"apiKey": "LL-old-key-2", "apiKey": "LL-new-key-2"}`],
      ["LL-single-3", `{'apiKey': 'LL-single-3'}`],
      ["LL-unquoted-4", `{apiKey: "LL-unquoted-4"}`],
      ["LL-bare-5", `{"apiKey": LL-bare-5}`],
      ["LL-raw\\q-6", `{"apiKey": "LL-raw\\q-6",}`],
      ["LL-spaced-7", `{"apiKey": " LL-spaced-7\\n"}`],
      ["LL-broken-line-9", `{"apiKey": "LL-broken-line-9\n"}`],
      ["cl-secret-8", `{"commercelayer": {"clientSecret": "cl-secret-8"}, "commercelayer": {}}`],
    ];
    for (const [secret, text] of cases) {
      const dir = tempDir();
      writeFileSync(join(dir, "config.json"), text);
      for (const json of [[], ["--json"]]) {
        const run = await runCli([...json, "recipients", "remove", secret, "5"], {}, dir);
        expect(run.code, `${secret}: ${run.stderr}`).toBe(2);
        expect(run.stdout + run.stderr, text.slice(0, 80)).not.toContain(
          secret.replace(/\\/g, json.length ? "\\\\" : "\\"),
        );
      }
    }
  }, 60_000);

  it("review 218 F1: a pipe's secret is hidden from what a command prints before it loads the config (send's notes on columns and rejects)", async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "mixed.csv"),
      `name,address,city,state,zip,${CONFIG_KEY}\nA,1 Main St,Austin,TX,78704,x\nB,,Austin,TX,78704,y\n`,
    );
    const fifo = join(dir, "config.fifo");
    const { execFileSync } = await import("node:child_process");
    execFileSync("mkfifo", [fifo]);
    const args = [
      "send",
      "--template",
      "7",
      "--csv",
      "mixed.csv",
      "--yes",
      "--skip-invalid",
      "--rejects",
      CONFIG_KEY,
    ];
    // (Port 9 is one fetch refuses at once: the run ends there, after its notes.)
    const run = runCli([...args, "--base-url", "http://127.0.0.1:9/api"], { ORDERKIT_CONFIG: fifo }, dir);
    const { createWriteStream } = await import("node:fs");
    createWriteStream(fifo).end(JSON.stringify({ apiKey: CONFIG_KEY }));
    const done = await run;
    expect(done.stderr).toContain("Ignoring columns: name, ***");
    expect(done.stderr).toContain("Skipping 1 invalid rows");
    expect(done.stdout + done.stderr).not.toContain(CONFIG_KEY);
  });

  it("review 218 F2: a valid config's unset key (null) and names that only contain a key's name hide nothing: ordinary words stay as they are", async () => {
    for (const config of [
      { apiKey: null, baseUrl: "https://example.com/api" },
      { old_apiKey: "annulled", apiKey: "LL-real-key-4242", $comment: "apiKey: annulled" },
      { commercelayer: { clientSecret: null } },
    ]) {
      const dir = tempDir();
      writeFileSync(join(dir, "config.json"), JSON.stringify(config));
      const run = await runCli(["--json", "orders", "list", "--settle-ms", "annulled"], {}, dir);
      expect(run.code).toBe(2);
      expect(run.stderr, JSON.stringify(config)).toContain("'annulled'");
    }
    // Hand-edited (not JSON), a bare `null` or `true` is no secret either.
    const dir = tempDir();
    writeFileSync(join(dir, "config.json"), "{apiKey: null, clientSecret: true,}");
    const run = await runCli(["orders", "list", "--settle-ms", "nullified-truely"], {}, dir);
    expect(run.stderr).toContain("nullified-truely");
  });
});
