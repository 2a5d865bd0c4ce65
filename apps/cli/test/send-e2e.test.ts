import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { FakeLettrLabs, freePort } from "@orderkit/test-utils";
import { afterEach, describe, expect, inject, it } from "vitest";
import {
  ADD_AUTOMATION_RECIPIENT,
  EXAMPLE_CSV,
  HAS_SCRIPT,
  runCli,
  runOnTerminal,
  sendArgs,
  tempDir,
  writeCsv,
} from "./helpers.js";

const fakes: FakeLettrLabs[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.stop()));
});
async function fake(options: ConstructorParameters<typeof FakeLettrLabs>[0] = {}) {
  const f = await new FakeLettrLabs({ pollAfterSeconds: 0, ...options }).start();
  fakes.push(f);
  return { f, env: { LETTRLABS_BASE_URL: f.url, LETTRLABS_API_KEY: f.options.apiKey } };
}
const live = (f: FakeLettrLabs) => [...f.orders.values()].filter((o) => o.status !== "Deleted");

describe("orderkit send", () => {
  // Prism keeps no state: its listing of the order's recipients is its example, not the file's
  // people, so the checkout's comparison stops the send unpaid. The whole flow through the
  // payment runs against the stateful fake behind Prism's validation proxy (the demo's sandbox,
  // release-tests' demo.test.ts) and against the fake below.
  it("runs the flow against Prism up to the checkout, which Prism's example listing stops unpaid", async () => {
    const dir = tempDir();
    const proof = join(dir, "proof.pdf");
    // Prism answers every append with its example (3 submitted, 2 added, 1 duplicate named): sent in
    // chunks of 3, that answer accounts for every row sent (a larger chunk would leave rows neither
    // added nor named, which the client reads back, and a static mock cannot serve a read-back).
    const run = await runCli(
      ["send", "--template", "12345", "--csv", EXAMPLE_CSV, "--proof", proof, "--yes", "--chunk-size", "3"],
      {
        LETTRLABS_BASE_URL: inject("lettrlabsPrismUrl"),
        LETTRLABS_API_KEY: "LL-API-e2e",
      },
      dir,
    );
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain("Appending recipients: 8/8 (5 accepted)");
    expect(run.stdout).toContain("Price preview for order 48213");
    expect(run.stderr).toContain(`Order 48213 does not hold the people of ${EXAMPLE_CSV}`);
    expect(run.stderr).toContain("Nothing was charged.");
    expect(run.stdout).not.toContain("Checked out");
    expect(readFileSync(proof).subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("sends every row once and checks out once, with a stable --json shape", async () => {
    const { f, env } = await fake();
    const dir = tempDir();
    const csv = writeCsv(dir, 2500);
    const run = await runCli(["send", "--template", "7", "--csv", csv, "--yes", "--json"], env, dir);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(Object.keys(out).sort()).toEqual(
      [
        "checkout",
        "dryRun",
        "journal",
        "orderId",
        "price",
        "proof",
        "recipients",
        "resumed",
        "rows",
        "status",
      ].sort(),
    );
    expect(out).toMatchObject({
      status: "Paid",
      resumed: false,
      dryRun: false,
      rows: { total: 2500, valid: 2500, invalid: 0, duplicates: 0 },
      recipients: { accepted: 2500, rejected: 0 },
      price: { totalCharges: 6125 },
      checkout: { status: "Paid" },
    });
    expect(live(f)).toHaveLength(1);
    expect(live(f)[0]?.recipients).toHaveLength(2500);
    expect(live(f)[0]?.checkouts).toBe(1);
    expect(f.count("PUT", /recipients$/)).toBe(3);
  });

  it("does nothing more when the same command runs again after success", async () => {
    const { f, env } = await fake();
    const dir = tempDir();
    const csv = writeCsv(dir, 20);
    expect((await runCli(["send", "--template", "7", "--csv", csv, "--yes"], env, dir)).code).toBe(0);
    const again = await runCli(["send", "--template", "7", "--csv", csv, "--yes"], env, dir);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain("Already sent");
    expect(live(f)).toHaveLength(1);
    expect(live(f)[0]?.recipients).toHaveLength(20);
    expect(live(f)[0]?.checkouts).toBe(1);
  });

  it("resumes after SIGKILL in the middle of a 3,000-row append: one order, 3,000 recipients, one checkout", async () => {
    const { f, env } = await fake({ appendDelayMs: 60 });
    const dir = tempDir();
    const csv = writeCsv(dir, 3000);
    const args = sendArgs(csv, "--chunk-size", "100", "--concurrency", "2");
    const first = runCli(args, env, dir);
    while (f.count("PUT", /recipients$/) < 6) await new Promise((r) => setTimeout(r, 10));
    first.child.kill("SIGKILL");
    const killed = await first;
    expect(killed.signal).toBe("SIGKILL");
    const partial = live(f)[0]?.recipients.length ?? 0;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(3000);

    const second = await runCli(args, env, dir);
    expect(second.stderr).toContain("Resuming");
    expect(second.code).toBe(0);
    expect(live(f)).toHaveLength(1);
    const order = live(f)[0];
    expect(order?.recipients).toHaveLength(3000);
    expect(new Set(order?.recipients.map((r) => r.address.address1)).size).toBe(3000);
    expect(order?.checkouts).toBe(1);
    expect(order?.status).toBe("Paid");
  });

  it.each(["append", "checkout"] as const)(
    "killed while the server is still applying its %s, then run again at once: the re-run waits for it, and sends it once",
    async (write) => {
      const { f, env } = await fake({ pollsUntilSettled: 0 });
      const dir = tempDir();
      const csv = writeCsv(dir, 6);
      const args = sendArgs(csv, "--chunk-size", "2", "--concurrency", "1");
      // A dry run keeps the order open after the re-run, so a late append would land on it.
      if (write === "append") args.push("--dry-run");
      // The server applies the write 900 ms after it arrived (under the client's 1 s settle wait),
      // and the run is killed 30 ms after sending it, before any answer.
      let first: ReturnType<typeof runCli> | undefined;
      const matches =
        write === "append"
          ? (m: string, p: string) =>
              m === "PUT" && p.endsWith("/recipients") && f.count("PUT", /recipients$/) === 1
          : (m: string, p: string) => m === "POST" && p.endsWith("/checkout");
      f.schedule = ({ method, path }) => {
        if (!matches(method, path)) return undefined;
        setTimeout(() => first?.child.kill("SIGKILL"), 30);
        return { kind: "apply-late", ms: 900 };
      };
      first = runCli(args, env, dir);
      expect((await first).signal).toBe("SIGKILL");
      f.schedule = undefined;
      const second = await runCli(args, env, dir);
      expect(second.code, second.stderr).toBe(0);
      await new Promise((r) => setTimeout(r, 1000));
      const order = live(f)[0];
      expect(live(f)).toHaveLength(1);
      // Each row once, and one checkout request in all: the re-run found the first run's write.
      expect(order?.recipients).toHaveLength(6);
      expect(new Set(order?.recipients.map((r) => r.address.address1)).size).toBe(6);
      expect(f.count("POST", /checkout$/)).toBe(write === "append" ? 0 : 1);
      expect(order?.checkouts).toBe(write === "append" ? 0 : 1);
    },
  );

  it("resumes after a network failure during checkout without charging twice", async () => {
    const { f, env } = await fake();
    const dir = tempDir();
    const csv = writeCsv(dir, 10);
    // The checkout is applied but its answer lost, and the read-back fails too (1 try + 2 retries),
    // so the first run cannot tell.
    f.inject("POST", /checkout$/, {
      kind: "side-effect",
      effect: (fake) => fake.inject("GET", /^\/v1\/order$/, { kind: "status", status: 503 }, 3),
      next: { kind: "drop-after-apply" },
    });
    const first = await runCli(["send", "--template", "7", "--csv", csv, "--yes"], env, dir);
    expect(first.code).toBe(1);
    expect(first.stderr).toContain("may have gone through");
    expect(live(f)[0]?.checkouts).toBe(1);
    const second = await runCli(["send", "--template", "7", "--csv", csv, "--yes"], env, dir);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("is Paid");
    expect(live(f)[0]?.checkouts).toBe(1);
  });

  it("stops after the preview with --dry-run and charges nothing", async () => {
    const { f, env } = await fake();
    const dir = tempDir();
    const csv = writeCsv(dir, 5);
    const run = await runCli(["send", "--template", "7", "--csv", csv, "--dry-run", "--json"], env, dir);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ dryRun: true, status: "Draft", checkout: null });
    expect(live(f)[0]?.checkouts).toBe(0);
    expect(f.count("POST", /checkout$/)).toBe(0);
  });

  it("refuses to check out without a TTY and without --yes (exit 3)", async () => {
    const { f, env } = await fake();
    const dir = tempDir();
    const csv = writeCsv(dir, 5);
    const run = await runCli(["send", "--template", "7", "--csv", csv], env, dir);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("Pass --yes");
    expect(f.count("POST", /checkout$/)).toBe(0);
  });

  it("sends nothing when a row is invalid (exit 2), and lists rows with reasons", async () => {
    const { f, env } = await fake();
    const dir = tempDir();
    const csv = join(dir, "bad.csv");
    writeFileSync(
      csv,
      "name,address,city,state,zip\nA,1 Main St,Austin,TX,78704\nB,,Austin,TX,78704\nC,3 Main St,Austin,ZZ,123\n",
    );
    const run = await runCli(["send", "--template", "7", "--csv", csv, "--yes"], env, dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("line 3: missing address1");
    expect(run.stderr).toContain('line 4: bad state code "ZZ"; bad ZIP "123"');
    expect(f.requests).toHaveLength(0);
  });

  it("with --skip-invalid sends the rest and writes the rejects", async () => {
    const { f, env } = await fake();
    const dir = tempDir();
    const csv = join(dir, "mixed.csv");
    writeFileSync(
      csv,
      "name,address,city,state,zip\nA,1 Main St,Austin,TX,78704\nB,,Austin,TX,78704\nA,1 Main St,Austin,TX,78704\n",
    );
    const run = await runCli(["send", "--template", "7", "--csv", csv, "--yes", "--skip-invalid"], env, dir);
    expect(run.code).toBe(0);
    expect(live(f)[0]?.recipients).toHaveLength(1);
    const rejects = readFileSync(`${csv}.rejects.csv`, "utf8");
    expect(rejects).toContain("name,address,city,state,zip,error");
    expect(rejects).toContain("missing address1");
    expect(run.stderr).toContain("Skipping 1 duplicate rows");
  });

  it("reports an API error with a hint (exit 1) and never prints the key", async () => {
    const { env } = await fake();
    const dir = tempDir();
    const csv = writeCsv(dir, 3);
    const key = "LL-API-wrong-7c1d";
    const run = await runCli(
      ["send", "--template", "7", "--csv", csv, "--yes", "--verbose"],
      { ...env, LETTRLABS_API_KEY: key },
      dir,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("HTTP 401");
    expect(run.stderr).toContain("hint: Check the API key");
    expect(run.stderr).toContain("→ GET /v1/order");
    expect(run.stdout + run.stderr).not.toContain(key);
  });
});

/** The fake records the next conversions it is sent, and answers that it refused the second of two. */
function refuseSecondConversion(
  f: FakeLettrLabs,
  [first, one]: [string, number],
  [second, two]: [string, number],
) {
  f.inject("POST", /^\/v1\/conversions$/, {
    kind: "apply-then",
    status: 200,
    body: {
      payload: [
        { orderId: first, revenue: one, isValid: true, validationErrors: [] },
        { orderId: second, revenue: two, isValid: false, validationErrors: ["no match"] },
      ],
      errors: [],
      errorDetails: [],
      warnings: [],
      hasErrors: false,
      hasWarnings: false,
    },
  });
}

describe("orderkit commands", () => {
  it("--verbose names a request that timed out or could not connect, by how it failed, and never the key", async () => {
    const { f, env } = await fake();
    const order = f.seedOrder("Draft", 7);
    // The first read is answered after the 5 s timeout the tests run with; the retry at once.
    f.inject("GET", /^\/v1\/order$/, { kind: "delay", ms: 6500 });
    const slow = await runCli(["--verbose", "orders", "get", String(order.id)], env);
    expect(slow.code, slow.stderr).toBe(0);
    expect(slow.stderr).toMatch(/✕ GET \/v1\/order timed out \(\d+ ms\)\n/);
    expect(slow.stderr).toMatch(/← 200 \/v1\/order \(\d+ ms\)\n/);
    // Nothing listens on the port: each attempt is named with the connection's error code.
    const base = `http://127.0.0.1:${await freePort()}`;
    const refused = await runCli(["--verbose", "orders", "get", "5"], { ...env, LETTRLABS_BASE_URL: base });
    expect(refused.code, refused.stderr).toBe(1);
    expect(refused.stderr).toMatch(/✕ GET \/v1\/order failed \(ECONNREFUSED\) \(\d+ ms\)\n/);
    expect(slow.stdout + slow.stderr + refused.stdout + refused.stderr).not.toContain(f.options.apiKey);
  });

  it("conversions create reads its CSV as send does: strict UTF-8, a missing file named, and lines counted in the file (blank lines, a cell over two lines)", async () => {
    const { f, env } = await fake();
    const dir = tempDir();
    const latin1 = join(dir, "latin1.csv");
    writeFileSync(
      latin1,
      Buffer.concat([
        Buffer.from("primaryEmail,revenue,firstName\na@example.com,10,Jos"),
        Buffer.from([0xe9]),
        Buffer.from("\n"),
      ]),
    );
    const notUtf8 = await runCli(["conversions", "create", "--csv", latin1], env, dir);
    expect(notUtf8.code, notUtf8.stderr).toBe(2);
    expect(notUtf8.stderr).toContain("line 2: the file is not valid UTF-8");
    const missing = await runCli(["conversions", "create", "--csv", join(dir, "nope.csv")], env, dir);
    expect(missing.code, missing.stderr).toBe(2);
    expect(missing.stderr).toContain("nope.csv: no such file.");
    const lines = join(dir, "lines.csv");
    writeFileSync(lines, 'primaryEmail,revenue,type\n\na@example.com,10,"two\nlines"\n\n\n,12,\n');
    const refused = await runCli(["conversions", "create", "--csv", lines], env, dir);
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stderr).toContain("line 7: no identifier");
    expect(f.conversions).toEqual([]);
    // Rows LettrLabs refuses are named by their line in the file too.
    writeFileSync(
      lines,
      'orderId,primaryEmail,revenue,type\n\nW-1,a@example.com,10,"two\nlines"\n\nW-2,b@example.com,12,\n',
    );
    refuseSecondConversion(f, ["W-1", 10], ["W-2", 12]);
    const partly = await runCli(["conversions", "create", "--csv", lines], env, dir);
    expect(partly.code, partly.stderr).toBe(0);
    expect(partly.stderr).toContain("1 of 2 rows were refused by LettrLabs (line 6)");
    expect(f.conversions.map((c) => (c as { type?: string }).type ?? null)).toEqual(["two\nlines", null]);
    // CRLF, a CRLF inside a quoted cell counted once (review 146: csv-parse counts it twice).
    writeFileSync(
      lines,
      'orderId,primaryEmail,revenue,type\r\nW-3,a@example.com,10,"two\r\nlines"\r\nW-4,,12,\r\n',
    );
    const crlf = await runCli(["conversions", "create", "--csv", lines], env, dir);
    expect(crlf.code, crlf.stderr).toBe(2);
    expect(crlf.stderr).toContain("line 4: no identifier");
    // Spaces around a cell outside its quotes are not part of it; what is quoted is sent as written
    // (an orderId padded by a database export stays the one LettrLabs knows); a line of spaces is none.
    writeFileSync(lines, 'orderId, primaryEmail , revenue\n"W-5  " , "c@example.com", "10"\n  \t\n');
    const spaced = await runCli(["conversions", "create", "--csv", lines], env, dir);
    expect(spaced.code, spaced.stderr).toBe(0);
    expect(f.conversions.at(-1)).toEqual({ orderId: "W-5  ", primaryEmail: "c@example.com", revenue: 10 });
  });

  it("send --rejects in a directory that does not exist: a usage error (exit 2) before any request", async () => {
    const { f, env } = await fake();
    const dir = tempDir();
    const csv = writeCsv(dir, 3);
    const rejects = join(dir, "no-such-dir", "rejects.csv");
    const run = await runCli(
      ["send", "--template", "7", "--csv", csv, "--yes", "--skip-invalid", "--rejects", rejects],
      env,
      dir,
    );
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain(`${rejects}: cannot write it (its directory does not exist).`);
    expect(f.requests.filter((r) => r.method !== "GET")).toEqual([]);
  });

  it("conversions create: columns matched to the API's fields in any spelling; what the API would drop or misread is refused (exit 2), nothing sent", async () => {
    const { f, env } = await fake();
    const dir = tempDir();
    const csv = (name: string, text: string) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    };
    const refused: [string, string][] = [
      [
        "Primary Email,Revenue,order_id,Notes\na@example.com,10,W-1,vip\n",
        '"Notes" names no conversion field',
      ],
      ["primaryEmail,primary_email,revenue\na@example.com,b@example.com,10\n", "are both primaryEmail"],
      ["revenue,primaryEmail,revenue\n100,a@example.com,5\n", '"revenue" and "revenue" are both revenue'],
      ["primaryEmail,revenue\na@example.com,10,W-1\n", "line 2: a cell under no column name"],
      ["primaryEmail,revenue,\na@example.com,10,W-1\n", "line 2: a cell under no column name"],
      [
        "primaryEmail,primaryPhoneNumber,revenue,customerId\nb@x.com,55.00,10234\n",
        "line 2: 3 cells where the header names 4 columns",
      ],
      ["primaryEmail,orderId\na@example.com,W-1\n", "no revenue column"],
      [
        "primaryEmail,revenue\na@example.com,0x10\n",
        'line 2: revenue must be a plain decimal number of at least 0 (such as 120 or 19.99), got "0x10"',
      ],
      ["primaryEmail,revenue\na@example.com,1e3\n", "line 2: revenue must be"],
      ["primaryEmail,revenue\na@example.com,-5\n", "line 2: revenue must be"],
      ["primaryEmail,revenue\na@example.com,10\n,12\n", "line 3: no identifier"],
      ["firstName,revenue,orderId\nAna,10,W-1\n", "line 2: no identifier"],
      // Identifiers no one could be matched by: invisible, blank, or an address without its street.
      ["primaryEmail,revenue\n\u200b,10\n", "line 2: no identifier"],
      ["primaryEmail,couponCode,revenue\n   ,\u00a0,10\n", "line 2: no identifier"],
      ["primaryAddress.country,revenue\nUS,10\n", "line 2: no identifier"],
      ["primaryEmail,primaryPhoneNumber,revenue\n\u3164,\u2800,10\n", "line 2: no identifier"],
      ["couponCode,primaryAddress.address1,revenue\n\u0301,\u0007-,10\n", "line 2: no identifier"],
      ["Primary Address City,Primary Address Zip Code,revenue\nAustin,78704,10\n", "line 2: no identifier"],
      // Amounts a JSON number would not carry as written.
      [
        "primaryEmail,revenue\na@example.com,12345678901234567.89\n",
        "line 2: revenue 12345678901234567.89 would reach LettrLabs as 12345678901234568",
      ],
      ["primaryEmail,revenue\na@example.com,1000000000000000000000\n", "would reach LettrLabs as 1e+21"],
      ["primaryEmail,revenue\na@example.com,0.0000001\n", "would reach LettrLabs as 1e-7"],
      [
        `primaryEmail,revenue,firstName\na@example.com,10,${"x".repeat(256)}\n`,
        "line 2: firstName is 256 characters long; LettrLabs takes at most 255",
      ],
      [
        "primaryPhoneNumber,revenue\n+1 512 555 0100 ext 99,10\n",
        "line 2: primaryPhoneNumber is 22 characters long; LettrLabs takes at most 20",
      ],
      [
        "primaryEmail,revenue,eventDate\na@example.com,10,not-a-date\n",
        'line 2: eventDate must be a date and time such as 2026-11-30T14:05:00Z, got "not-a-date"',
      ],
      [
        "primaryEmail,revenue,eventDate\na@example.com,10,2026-02-30T10:00:00Z\n",
        "line 2: eventDate must be",
      ],
    ];
    for (const [text, said] of refused) {
      const run = await runCli(["conversions", "create", "--csv", csv("bad.csv", text)], env, dir);
      expect(run.code, text).toBe(2);
      expect(run.stderr, text).toContain(said);
      expect(run.stderr).toContain("Nothing was sent.");
    }
    expect(f.conversions).toEqual([]);
    const ok = await runCli(
      [
        "conversions",
        "create",
        "--csv",
        csv(
          "ok.csv",
          // A trailing comma in the header, none in the rows: no cell is left out.
          "Order ID,Primary Email,Revenue,Primary Address City,primaryAddress.zipCode,Coupon Code,\nW-1,a@example.com,19.99,Austin,78704,\n,,.5,,,SAVE10\n,,123456789012.345,,,SAVE15\n,,100000000000000000,,,SAVE16\n,,123456789012345.6,,,SAVE17\n",
        ),
      ],
      env,
      dir,
    );
    expect(ok.code, ok.stderr).toBe(0);
    expect(f.conversions).toEqual([
      {
        orderId: "W-1",
        primaryEmail: "a@example.com",
        revenue: 19.99,
        primaryAddress: { city: "Austin", zipCode: "78704" },
      },
      { revenue: 0.5, couponCode: "SAVE10" },
      { revenue: 123456789012.345, couponCode: "SAVE15" },
      { revenue: 100000000000000000, couponCode: "SAVE16" },
      { revenue: 123456789012345.6, couponCode: "SAVE17" },
    ]);
    // The rows without an orderId are the ones LettrLabs cannot recognise when sent again.
    expect(ok.stderr).toContain(
      "4 of 5 rows carry no orderId: LettrLabs records each of them as a new conversion",
    );
    // An address identifies by its street, alone.
    const streets = await runCli(
      [
        "conversions",
        "create",
        "--csv",
        csv(
          "streets.csv",
          'primaryAddress.address1,secondaryAddress.fullAddress,revenue\n1 Main St,,0\n,"2 Oak Ave, Austin TX",7\n',
        ),
      ],
      env,
      dir,
    );
    expect(streets.code, streets.stderr).toBe(0);
    expect(f.conversions.slice(5)).toEqual([
      { primaryAddress: { address1: "1 Main St" }, revenue: 0 },
      { secondaryAddress: { fullAddress: "2 Oak Ave, Austin TX" }, revenue: 7 },
    ]);
    // Rows the API refuses are named by their line, and the file is not to be sent again whole.
    refuseSecondConversion(f, ["W-2", 1], ["W-3", 2]);
    const partly = await runCli(
      [
        "conversions",
        "create",
        "--csv",
        csv("partly.csv", "orderId,primaryEmail,revenue\nW-2,b@example.com,1\nW-3,c@example.com,2\n"),
      ],
      env,
      dir,
    );
    expect(partly.code, partly.stderr).toBe(0);
    expect(partly.stderr).toContain(
      "1 of 2 rows were refused by LettrLabs (line 3); the others were recorded.",
    );
  });

  it.skipIf(!HAS_SCRIPT)(
    "checkout submit asks on a terminal with the price and the count the server previews; no terminal and no --yes: refused before any request",
    async () => {
      const { f, env } = await fake();
      const order = f.seedOrder("Draft", 7);
      for (let i = 0; i < 3; i++)
        order.recipients.push({
          id: i + 1,
          address: { address1: `${i} Main St`, city: "Austin", state: "TX", zipCode: "78704" },
        });
      const dir = tempDir();
      const onTerminal = async (answer: string) =>
        (
          await runOnTerminal(["checkout", "submit", String(order.id)], env, dir, async () => {
            // While the question is asked, the order is held: no one can be added to what it prices.
            const other = await runCli(
              ["recipients", "add", String(order.id), "--csv", writeCsv(dir, 40)],
              env,
              dir,
            );
            adds.push(other.code);
            return answer;
          })
        ).out;
      const adds: (number | null)[] = [];
      // Ctrl-C at the question: nothing was charged, and it says so.
      const stopped = await onTerminal("\x03");
      expect(stopped).toContain("Stopped (SIGINT). Nothing was charged.");
      expect(order.checkouts).toBe(0);
      const no = await onTerminal("n");
      expect(no).toContain(
        "Check out order 1000: 3 recipients, Standard postage, Normal production, $7.35 to pay? [y/N]",
      );
      expect(no).toContain("Price preview for order 1000:");
      expect(order.checkouts).toBe(0);
      const yes = await onTerminal("y");
      expect(yes).toContain("3 recipients");
      expect(order.checkouts).toBe(1);
      expect(adds).toEqual([4, 4, 4]);
      expect(order.recipients).toHaveLength(3);
      const before = f.requests.length;
      const piped = await runCli(["checkout", "submit", String(order.id)], env, dir);
      expect(piped.code).toBe(3);
      expect(f.requests.length).toBe(before);
    },
  );

  it("integration-orders add-recipient refuses an address an order would refuse (exit 2), nothing queued", async () => {
    const { f, env } = await fake();
    const at = (flag: string) => ADD_AUTOMATION_RECIPIENT.indexOf(flag) + 1;
    for (const [flag, value, said] of [
      ["--state", "texas", "bad state code"],
      ["--zip", "abc", "bad ZIP"],
      ["--address1", " ", "missing address1"],
      ["--address1", "x".repeat(5000), "address1"],
    ] as const) {
      const args = [...ADD_AUTOMATION_RECIPIENT];
      args[at(flag)] = value;
      const run = await runCli(args, env);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain(said);
    }
    expect(f.integrationRecipients.get(77) ?? []).toEqual([]);
    expect((await runCli(ADD_AUTOMATION_RECIPIENT, env)).code).toBe(0);
    expect(f.integrationRecipients.get(77)).toHaveLength(1);
  });

  it("prints help with examples and the version", async () => {
    const help = await runCli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Examples:");
    expect(help.stdout).toContain("Exit codes:");
    for (const cmd of [
      ["send"],
      ["orders", "list"],
      ["recipients", "add"],
      ["checkout", "submit"],
      ["proof"],
      ["conversions", "create"],
      ["config", "set"],
    ]) {
      const sub = await runCli([...cmd, "--help"]);
      expect(sub.code, cmd.join(" ")).toBe(0);
      expect(sub.stdout, cmd.join(" ")).toContain("Examples:");
    }
    // `--version` or `-V` alone is answered before commander loads (cli.ts); with other words,
    // commander answers. Both print the package's version alone on a line, and exit 0.
    const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      version: string;
    };
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    for (const words of [["--version"], ["-V"], ["--version", "me"], ["me", "--version"], ["-V", "-V"]]) {
      const run = await runCli(words);
      expect({ words, code: run.code, stdout: run.stdout, stderr: run.stderr }).toEqual({
        words,
        code: 0,
        stdout: `${version}\n`,
        stderr: "",
      });
    }
  });

  it("exits 2 on a usage error", async () => {
    expect((await runCli(["send", "--template", "7"])).code).toBe(2);
    expect((await runCli(["orders", "get", "abc"], { LETTRLABS_API_KEY: "LL-API-x" })).code).toBe(2);
    expect((await runCli(["frobnicate"])).code).toBe(2);
    const badStatus = await runCli(["orders", "list", "--status", "Shipped"], {
      LETTRLABS_API_KEY: "LL-API-x",
      LETTRLABS_BASE_URL: "http://127.0.0.1:9",
    });
    expect(badStatus.code).toBe(2);
    expect(badStatus.stderr).toContain("--status must be one of: Draft, Edits Needed");
    expect((await runCli(["me"])).stderr).toContain("No LettrLabs API key");
  });

  it("lists orders as a table and as JSON", async () => {
    const { f, env } = await fake();
    f.seedOrder("Draft");
    f.seedOrder("Paid");
    const table = await runCli(["orders", "list"], env);
    expect(table.code).toBe(0);
    expect(table.stdout.split("\n")[0]).toMatch(/^Id\s+Status\s+Product/);
    const json = await runCli(["orders", "list", "--status", "Paid", "--json"], env);
    const rows = JSON.parse(json.stdout);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "Paid" });
  });

  it("saves a proof and shows the delivery status", async () => {
    const { f, env } = await fake();
    const order = f.seedOrder();
    const dir = tempDir();
    const out = join(dir, "p.pdf");
    const run = await runCli(["proof", String(order.id), "-o", out, "--json"], env, dir);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ orderId: order.id, bytes: statSync(out).size });
  });

  it("stores the config with mode 0600 and masks the key", async () => {
    const dir = tempDir();
    expect((await runCli(["config", "set", "api-key", "LL-API-secretvalue"], {}, dir)).code).toBe(0);
    expect(statSync(join(dir, "config.json")).mode & 0o777).toBe(0o600);
    const get = await runCli(["config", "get", "api-key"], {}, dir);
    expect(get.stdout).toContain("LL-API-…");
    expect(get.stdout).not.toContain("secretvalue");
  });

  it("config: a secret shows nothing of itself, a broken file quotes none of it, env beats the file, empty env is unset", async () => {
    const dir = tempDir();
    const secret = "Zx9QpL2-commercelayer-secret";
    expect((await runCli(["config", "set", "commercelayer.client-secret", secret], {}, dir)).code).toBe(0);
    const get = await runCli(["config", "get", "commercelayer.client-secret"], {}, dir);
    expect(get.stdout).toContain(`…(${secret.length} chars)`);
    expect(get.stdout).not.toContain(secret.slice(0, 3));
    // A hand edit that broke the JSON right after the secret: exit 2, the file named, none of it quoted.
    writeFileSync(
      join(dir, "config.json"),
      `{ "apiKey": "LL-API-abc", "commercelayer": { "clientSecret": ${secret} } }`,
    );
    const broken = await runCli(["me"], {}, dir);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain(join(dir, "config.json"));
    expect(broken.stderr).not.toContain(secret.slice(0, 6));
    // Flag > environment > file, and an empty variable does not hide the file's value.
    const { f } = await fake();
    writeFileSync(join(dir, "config.json"), JSON.stringify({ apiKey: "LL-API-from-the-file" }));
    const fromEnv = await runCli(
      ["me"],
      { LETTRLABS_BASE_URL: f.url, LETTRLABS_API_KEY: f.options.apiKey },
      dir,
    );
    expect(fromEnv.code, fromEnv.stderr).toBe(0);
    writeFileSync(join(dir, "config.json"), JSON.stringify({ apiKey: f.options.apiKey }));
    const emptyEnv = await runCli(["me"], { LETTRLABS_BASE_URL: f.url, LETTRLABS_API_KEY: "" }, dir);
    expect(emptyEnv.code, emptyEnv.stderr).toBe(0);
    // Values of the wrong type, and a file a byte-order mark starts: named, exit 2, never a crash.
    for (const bad of [{ apiKey: 42 }, { apiKey: ["LL-API-x"] }, { commercelayer: "Secret-in-a-string" }]) {
      writeFileSync(join(dir, "config.json"), JSON.stringify(bad));
      const get = await runCli(["config", "get", "api-key"], {}, dir);
      expect(get.code, JSON.stringify(bad)).toBe(2);
      expect(get.stderr).not.toContain("Secret-in-a-string");
      const set = await runCli(["config", "set", "commercelayer.client-id", "abc"], {}, dir);
      expect(set.code).toBe(2);
      expect(readFileSync(join(dir, "config.json"), "utf8")).toBe(JSON.stringify(bad));
    }
    // null is unset: accepted, and `config set` fills it in.
    writeFileSync(join(dir, "config.json"), JSON.stringify({ baseUrl: null, commercelayer: null }));
    expect((await runCli(["config", "get", "base-url"], {}, dir)).stdout).toContain("(not set)");
    expect((await runCli(["config", "set", "commercelayer.client-id", "abc"], {}, dir)).code).toBe(0);
    writeFileSync(join(dir, "config.json"), `\uFEFF${JSON.stringify({ apiKey: f.options.apiKey })}`);
    expect((await runCli(["me"], { LETTRLABS_BASE_URL: f.url }, dir)).code).toBe(0);
  });

  it("ids past 2^53 and ids the client refuses are input errors (exit 2), and nothing is sent", async () => {
    const { f, env } = await fake();
    const big = await runCli(["orders", "get", "9007199254740993"], env);
    expect(big.code).toBe(2);
    expect(big.stderr).toContain("9007199254740993");
    const dir = tempDir();
    writeFileSync(join(dir, "header-only.csv"), "first_name,last_name,address1,city,state,zip\n");
    const empty = await runCli(
      ["recipients", "add", String(f.seedOrder().id), "--csv", join(dir, "header-only.csv")],
      env,
      dir,
    );
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain("holds no recipients");
    // A hold date past 9999 in UTC, and a base URL with a mistyped scheme: input errors, nothing sent.
    const csv = writeCsv(dir, 2);
    const far = await runCli(sendArgs(csv, "--hold-until", "9999-12-31T23:00:00-05:00"), env, dir);
    expect(far.code, far.stderr).toBe(2);
    const typo = await runCli(
      sendArgs(csv),
      { ...env, LETTRLABS_BASE_URL: f.url.replace("http:", "htp:") },
      dir,
    );
    expect(typo.code, typo.stderr).toBe(2);
    expect(f.requests).toEqual([]);
  });
});

describe("every API command against Prism", () => {
  const env = () => ({ LETTRLABS_BASE_URL: inject("lettrlabsPrismUrl"), LETTRLABS_API_KEY: "LL-API-e2e" });
  it.each([
    [["me"]],
    [["orders", "list", "--all"]],
    [["orders", "get", "48213"]],
    [["orders", "create", "--template", "12345"]],
    [["orders", "cancel", "48213"]],
    [["recipients", "list", "48213"]],
    [["recipients", "remove", "48213", "903114"]],
    [["checkout", "preview", "48213", "--postage", "FirstClass"]],
    [["checkout", "submit", "48213", "--yes"]],
    [["wait", "48213", "--interval", "1"]],
    [["delivery-status", "47990"]],
    [["analytics", "--orders", "47990"]],
    [["transactions", "--orders", "47990"]],
    [["templates", "list"]],
    [["templates", "get", "12345"]],
    [["fonts"]],
    [["conversions", "list"]],
    [["conversions", "remove", "5521"]],
    [["conversions", "status", "5521"]],
    [["integration-orders", "list"]],
    [ADD_AUTOMATION_RECIPIENT],
  ])("orderkit %j exits 0 with JSON", async (args) => {
    const run = await runCli([...args, "--json"], env());
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(() => JSON.parse(run.stdout)).not.toThrow();
  });

  it("adds recipients and conversions from CSV files", async () => {
    const dir = tempDir();
    const conv = join(dir, "conv.csv");
    writeFileSync(conv, "primaryEmail,revenue,orderId\njordan@example.com,249.99,WEB-1\n");
    const c = await runCli(["conversions", "create", "--csv", conv, "--json"], env(), dir);
    expect(c.code).toBe(0);
    // `recipients add` reads the order back first, and a static mock serves the same page for
    // every page number: a server no read-back can be trusted on. It sends nothing and says why.
    const r = await runCli(["recipients", "add", "48213", "--csv", EXAMPLE_CSV, "--json"], env(), dir);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stderr).error).toMatchObject({ kind: "ambiguous_write" });
    expect(r.stderr).toContain("the list does not advance");
    expect(JSON.parse(r.stderr).error.hint).toMatch(/orderkit recipients list <order>/);
    // Against a server that keeps state (and pages), the same command adds every row, once.
    const { f, env: stateful } = await fake();
    const order = f.seedOrder();
    const added = await runCli(
      ["recipients", "add", String(order.id), "--csv", EXAMPLE_CSV, "--json"],
      stateful,
      dir,
    );
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ orderId: order.id, submitted: 8, sent: 8 });
    expect(order.recipients).toHaveLength(8);
  });

  it("a missing order points at the id; an order listing answered 404 points at --base-url", async () => {
    const { f, env } = await fake();
    const missing = await runCli(["orders", "get", "424242"], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("hint: Check the id");
    f.inject("GET", /^\/v1\/order$/, { kind: "status", status: 404, body: { errors: ["no such route"] } });
    const wrongBase = await runCli(["orders", "get", "424242"], env);
    expect(wrongBase.code).toBe(1);
    expect(wrongBase.stderr).toContain("hint: The API answered 404 to the order listing: check --base-url");
  });
});
