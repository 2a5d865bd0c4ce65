// What a server (or an edited ledger) says must never drive the user's terminal: no escape
// sequence, no forged line or column, no bidi override in what the CLI prints for people, and the
// same data, escaped, in --json.
import { FakeLettrLabs } from "@orderkit/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { commerceLayerFake } from "./fake-commercelayer.js";
import { runCli, sendAnsweringStatus, tempDir } from "./helpers.js";

const KEY = "LL-API-terminal-output-5d1e";
const servers: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

/**
 * Every character a terminal must not get raw: C0 but the line break, DEL, C1, bidi overrides and
 * isolates, the invisible characters that make two values look alike (soft hyphen, zero-width
 * space, word joiner, invisible operators, zero-width no-break space, fillers…), and invisible marks
 * (joiners, selectors, tags) after anything but a script or symbol that takes them, code points kept
 * invisible for later, and directional marks away from right-to-left letters.
 */
const ALWAYS =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: each character alone is what is looked for
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u00ad\u115f\u1160\u17b4\u17b5\u180e\u180f\u200b\u202a-\u202e\u2060-\u206f\u2800\u3164\ufeff\uffa0\ufff0-\ufffb\u{1bca0}-\u{1bca3}\u{1d173}-\u{1d17a}\u{e0000}\u{e0002}-\u{e001f}\u{e0080}-\u{e00ff}\u{e01f0}-\u{e0fff}]/u;
const MARK =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: each mark alone is what is looked for
  /(?<![\u0600-\u07ff\u0860-\u08ff\u0900-\u109f\u1100-\u11ff\u1780-\u18af\u2190-\u2bff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufb50-\ufdff\ufe70-\ufefc\u{1f000}-\u{1faff}\u{20000}-\u{3ffff}\u034f\u200c\u200d\ufe00-\ufe0f\u{e0001}\u{e0020}-\u{e007f}\u{e0100}-\u{e01ef}])[\u034f\u180b-\u180d\u200c\u200d\ufe00-\ufe0f\u{e0001}\u{e0020}-\u{e007f}\u{e0100}-\u{e01ef}]/u;
/** Directional marks with no right-to-left letter before or after their run. */
const DIRECTIONAL =
  /(?<![\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u{10800}-\u{10fff}\u{1e800}-\u{1efff}\u061c\u200e\u200f])[\u061c\u200e\u200f]+(?![\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u{10800}-\u{10fff}\u{1e800}-\u{1efff}\u061c\u200e\u200f])/u;
const UNSAFE = new RegExp(`${ALWAYS.source}|${MARK.source}|${DIRECTIONAL.source}`, "u");
const EVIL =
  "x\u001b]0;pwned\u0007\u001b[2J\u009b31m\u007f\u202eevil\u200b\u2060\ufeff\u3164e\u200d\ufe0f\u{e0041}\r";

const commerceLayer = () => commerceLayerFake("client-terminal", "secret-terminal");

async function lettrLabs() {
  const f = await new FakeLettrLabs({ apiKey: KEY }).start();
  servers.push(f);
  return { f, env: { LETTRLABS_BASE_URL: f.url, LETTRLABS_API_KEY: KEY } };
}

describe("the CLI's output for people", () => {
  it("escapes server text in records and tables (values, keys, nested values), and forges no row", async () => {
    const { f, env } = await commerceLayer();
    const [order] = f.seedOrders(1, { customer_email: `a@x.io\nid999999  1  placed  paid ${EVIL}` });
    const id = order?.id as string;
    const get = await runCli(["commercelayer", "orders", "get", id], env);
    expect(get.code, get.stderr).toBe(0);
    expect(get.stdout).not.toMatch(UNSAFE);
    expect(get.stdout).toContain("a@x.io\\u000aid999999");
    expect(get.stdout).toContain("\\u001b]0;pwned\\u0007");
    const list = await runCli(["commercelayer", "orders", "list"], env);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).not.toMatch(UNSAFE);
    // A header, its rule, and the one order: the line break in the email made no row of its own.
    expect(list.stdout.trimEnd().split("\n")).toHaveLength(3);
  });

  it("escapes keys and nested values a server sends (LettrLabs me)", async () => {
    const { f, env } = await lettrLabs();
    const profile = { id: 1, email: "ops@example.com", [EVIL]: "k", meta: { note: EVIL } };
    f.inject("GET", /^\/v1\/me$/, {
      kind: "status",
      status: 200,
      body: { payload: profile, errors: [], hasErrors: false },
    });
    const run = await runCli(["me"], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).not.toMatch(UNSAFE);
    expect(run.stdout).toContain("x\\u001b]0;pwned");
  });

  it("--json carries the same data, with nothing a terminal acts on", async () => {
    const { f, env } = await commerceLayer();
    const [order] = f.seedOrders(1, { customer_email: EVIL });
    const run = await runCli(["commercelayer", "orders", "get", order?.id as string, "--json"], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).not.toMatch(UNSAFE);
    expect(JSON.parse(run.stdout).customer_email).toBe(EVIL);
  });

  it("the send summary escapes the status the server answered", async () => {
    const { f, env } = await lettrLabs();
    const run = await sendAnsweringStatus(f, env, `Payment Needed${EVIL}`);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).not.toMatch(UNSAFE);
    expect(run.stderr).not.toMatch(UNSAFE);
    expect(run.stdout).toContain("Payment Neededx\\u001b]0;pwned");
  });

  it("a server's error text cannot start a line of its own (no forged hint:)", async () => {
    const { f, env } = await commerceLayer();
    const [order] = f.seedOrders(1);
    f.inject("PATCH", /^\/orders\//, {
      status: 422,
      body: { errors: [{ title: "card declined\nhint: all good, \u202eretry", status: "422" }] },
    });
    const run = await runCli(["commercelayer", "orders", "place", order?.id as string], env);
    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(UNSAFE);
    expect(run.stderr.split("\n").filter((line) => line.startsWith("hint: all good"))).toEqual([]);
    expect(run.stderr).toContain("card declined");
  });

  it("commander's own errors quote what was typed escaped, and as the JSON error line under --json", async () => {
    const plain = await runCli(["orders", "list", "--page", EVIL]);
    expect(plain.code).toBe(2);
    expect(plain.stderr).not.toMatch(UNSAFE);
    expect(plain.stderr).toContain("\\u001b]0;pwned");
    const json = await runCli(["orders", "list", "--json", "--page", EVIL]);
    expect(json.code).toBe(2);
    const [line, ...rest] = json.stderr.trimEnd().split("\n");
    expect(rest).toEqual([]);
    expect(JSON.parse(line as string)).toMatchObject({ error: { exitCode: 2 } });
    expect(JSON.parse(line as string).error.message).toContain(EVIL);
  });

  it("keeps what is legitimate: directional marks and zero-width joiners in names, CRLF line breaks in a server's message", async () => {
    const { f, env } = await commerceLayer();
    // Directional marks, a zero-width non-joiner (Persian) and a zero-width joiner (an emoji).
    const name = "\u200fمحمد\u200cی\u200f\u0915\u094d\u200d\u0937 👩\u200d💻@example.com";
    const [order] = f.seedOrders(1, { customer_email: name });
    const get = await runCli(["commercelayer", "orders", "get", order?.id as string], env);
    expect(get.stdout).toContain(name);
    // … but a joiner or a selector after a Latin letter only hides a difference: shown escaped.
    const [alike] = f.seedOrders(1, {
      customer_email:
        "a\u200d@x.io 👩\u200d💻 🏴\u{e0067}\u{e007f} A\ufe0f e\u0301\u200d S\u2060\u200d S\u2800\u200d OK👍\u{e0041}" +
        // Directional marks with no right-to-left letter beside them, and code points kept invisible for later.
        " S\u200e \u200f\u061cS 7\u200f x\u2065 y\ufff0 z\u{e0002} שלום\u200e\u200f 1\u200fب",
    });
    const shown = await runCli(["commercelayer", "orders", "get", alike?.id as string], env);
    expect(shown.stdout).toContain(
      "a\\u200d@x.io 👩\u200d💻 🏴\u{e0067}\u{e007f} A\\ufe0f e\u0301\\u200d S\\u2060\\u200d S\\u2800\\u200d OK👍\\u{e0041}" +
        " S\\u200e \\u200f\\u061cS 7\\u200f x\\u2065 y\\ufff0 z\\u{e0002} שלום\u200e\u200f 1\u200fب",
    );
    expect(shown.stdout).not.toMatch(UNSAFE);
    f.inject("PATCH", /^\/orders\//, {
      status: 422,
      body: { errors: [{ title: "line one\r\nline two", status: "422" }] },
    });
    const run = await runCli(["commercelayer", "orders", "place", order?.id as string], env);
    expect(run.stderr).toContain("line one\n  line two");
    expect(run.stderr).not.toContain("\\u000d");
  });

  it("aligns table columns and record values in terminal columns: wide CJK and emoji, zero-width accents", async () => {
    const { f, env } = await lettrLabs();
    // Terminal columns of the names below: CJK and emoji take two, a combining accent none.
    const names = ["Plain", "日本の葉書", "Card 🎉🎉", "Jose\u0301 Ñuñez", "Ｆｕｌｌ"];
    const widths = [5, 10, 9, 10, 8];
    const templates = names.map((name, i) => ({
      id: i + 1,
      name,
      productType: "Postcard",
      handwrittenFont: "F",
    }));
    f.inject("GET", /^\/v1\/templates$/, {
      kind: "status",
      status: 200,
      body: { payload: templates, errors: [], hasErrors: false },
    });
    const run = await runCli(["templates", "list"], env);
    expect(run.code, run.stderr).toBe(0);
    const [header, rule, ...rows] = run.stdout.trimEnd().split("\n");
    expect(rows).toHaveLength(names.length);
    // The Product column starts where its title does on every row: at the Name column plus the
    // widest name (10 columns) plus the two-space gap.
    const nameAt = (header as string).indexOf("Name");
    expect((header as string).indexOf("Product")).toBe(nameAt + 10 + 2);
    expect(rule).toBe(`--  ${"-".repeat(10)}  --------  ----`);
    rows.forEach((row, i) => {
      const name = names[i] as string;
      const start = row.indexOf(name);
      expect(start).toBe(nameAt);
      const padding = row.slice(start + name.length, row.indexOf("Postcard"));
      expect(padding).toBe(" ".repeat(10 - (widths[i] as number) + 2));
    });
    // The same rule for a record's keys: the values start one column after the widest key.
    f.inject("GET", /^\/v1\/me$/, {
      kind: "status",
      status: 200,
      body: { payload: { 名前: "a", id: 7 }, errors: [], hasErrors: false },
    });
    const me = await runCli(["me"], env);
    expect(me.code, me.stderr).toBe(0);
    expect(me.stdout).toBe("名前: a\nid:   7\n");
  });

  it("a config path from the environment is shown escaped", async () => {
    const dir = tempDir();
    const run = await runCli(["config", "path"], { ORDERKIT_CONFIG: `${dir}/c\u001b[2J.json` }, dir);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(UNSAFE);
    expect(run.stdout).toContain("c\\u001b[2J.json");
    // Under --json, a JSON object like every command's (it printed the bare path).
    const json = await runCli(
      ["config", "path", "--json"],
      { ORDERKIT_CONFIG: `${dir}/c\u001b[2J.json` },
      dir,
    );
    expect(json.code).toBe(0);
    expect(json.stdout).not.toMatch(UNSAFE);
    expect(JSON.parse(json.stdout)).toEqual({ path: `${dir}/c\u001b[2J.json` });
  });
});
