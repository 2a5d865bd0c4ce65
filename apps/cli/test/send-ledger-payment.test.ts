import { chmodSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCli, sendArgs, tempDir, writeCsv } from "./helpers.js";
import { stopWorlds, world } from "./ledger-world.js";

afterEach(stopWorlds);

describe("the payment state machine", () => {
  it("after a failed payment, a re-run checks out again, once, with the price shown", async () => {
    const { f, env, live } = await world({ paymentFails: true });
    const dir = tempDir();
    const csv = writeCsv(dir, 10);
    const failed = await runCli(sendArgs(csv), env, dir);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/Payment for order \d+ failed/);
    expect(live()[0]?.status).toBe("Draft");
    expect(live()[0]?.checkouts).toBe(1);

    // A dry run says the earlier checkout was started, and charges nothing.
    const dry = await runCli(sendArgs(csv, "--dry-run"), env, dir);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(
      /nothing was charged by this run\. An earlier checkout of this order was started/,
    );
    // Another list that overlaps this send's: refused, naming the checkout that send started.
    const bigger = writeCsv(tempDir(), 12);
    const overlap = await runCli(sendArgs(bigger), env, dir);
    expect(overlap.code).toBe(5);
    expect(overlap.stderr).toMatch(/which that send checked out/);
    expect(live()).toHaveLength(1);
    expect(live()[0]?.checkouts).toBe(1);

    f.options.paymentFails = false;
    const fixed = await runCli(sendArgs(csv), env, dir);
    expect(fixed.code).toBe(0);
    expect(fixed.stderr).toMatch(/is Draft after an earlier checkout/);
    expect(fixed.stdout).toContain("Price preview");
    expect(fixed.stdout).toContain("is Paid");
    expect(live()).toHaveLength(1);
    expect(live()[0]?.checkouts).toBe(2);
    expect(live()[0]?.recipients).toHaveLength(10);
  });

  it.each(["Cancelled", "Refunded", "Error"])(
    "an order found %s ends the run with a non-zero exit",
    async (status) => {
      const { env, live, checkouts } = await world();
      const dir = tempDir();
      const csv = writeCsv(dir, 4);
      expect((await runCli(sendArgs(csv, "--dry-run"), env, dir)).code).toBe(0);
      const order = live()[0];
      if (order) order.status = status;
      const run = await runCli(sendArgs(csv), env, dir);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`is ${status}`);
      expect(checkouts()).toBe(0);
    },
  );

  it("a deleted order ends the run (non-zero) and --restart starts a new one", async () => {
    const { env, live, checkouts } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 4);
    expect((await runCli(sendArgs(csv, "--dry-run"), env, dir)).code).toBe(0);
    const order = live()[0];
    if (order) order.status = "Deleted";
    const run = await runCli(sendArgs(csv), env, dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("is Deleted");
    const restart = await runCli(sendArgs(csv, "--restart"), env, dir);
    expect(restart.code).toBe(0);
    expect(live()).toHaveLength(1);
    expect(checkouts()).toBe(1);
  });

  it("--restart after a failed payment does not silently make a second order", async () => {
    const { env, live } = await world({ paymentFails: true });
    const dir = tempDir();
    const csv = writeCsv(dir, 4);
    expect((await runCli(sendArgs(csv), env, dir)).code).toBe(1);
    const restart = await runCli(sendArgs(csv, "--restart"), env, dir);
    expect(restart.code).toBe(5);
    expect(restart.stderr).toMatch(/already on order \d+ \(.*status Draft/);
    expect(live()).toHaveLength(1);
  });
});

describe("options are validated before any request", () => {
  it.each([
    ["send", "--chunk-size", "abc"],
    ["send", "--chunk-size", "0"],
    ["send", "--chunk-size", "1001"],
    ["send", "--concurrency", "-5"],
    ["send", "--wait-timeout", "0"],
    ["send", "--template", "abc"],
    ["send", "--hold-until", "someday"],
  ])("orderkit %s %s %s: exit 2 naming the option", async (_cmd, option, value) => {
    const { f, env } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 2);
    const args = ["send", "--template", "7", "--csv", csv, "--yes", option, value];
    const run = await runCli(args, env, dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(option);
    expect(f.requests).toHaveLength(0);
  });

  it.each([
    ["wait", "5", "--interval", "abc"],
    ["wait", "5", "--interval", "0"],
    ["wait", "5", "--interval", "-5"],
    ["wait", "5", "--interval", "99999999"],
    ["wait", "5", "--timeout", "abc"],
    ["orders", "list", "--page-size", "501"],
    ["recipients", "list", "5", "--page-size", "0"],
  ])("orderkit %s %s %s %s: exit 2, no request", async (...args) => {
    const { f, env } = await world();
    const run = await runCli(args, env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--");
    expect(f.requests).toHaveLength(0);
  });
});

describe("CSV hardening", () => {
  it("invalid UTF-8 is an error with the line number; nothing is sent", async () => {
    const { f, env } = await world();
    const dir = tempDir();
    const csv = join(dir, "latin1.csv");
    writeFileSync(
      csv,
      Buffer.concat([
        Buffer.from("first_name,street,city,state,zip\nAnn,1 Main St,Austin,TX,78704\nJos"),
        Buffer.from([0xe9]),
        Buffer.from(",2 Main St,Austin,TX,78704\n"),
      ]),
    );
    const run = await runCli(sendArgs(csv), env, dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("line 3");
    expect(run.stderr).toContain("UTF-8");
    expect(f.requests).toHaveLength(0);
  });

  it("two columns mapping to the same field are an error", async () => {
    const { f, env } = await world();
    const dir = tempDir();
    const csv = join(dir, "dup.csv");
    writeFileSync(csv, "zip,postal_code,street,city,state\n78704,78705,1 Main St,Austin,TX\n");
    const run = await runCli(sendArgs(csv), env, dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/"zip" and "postal_code" both map to address.zipCode/);
    expect(f.requests).toHaveLength(0);
  });

  it("a field over the size limit makes its row invalid", async () => {
    const { f, env } = await world();
    const dir = tempDir();
    const csv = join(dir, "long.csv");
    writeFileSync(csv, `first_name,street,city,state,zip\n${"A".repeat(1001)},1 Main St,Austin,TX,78704\n`);
    const run = await runCli(sendArgs(csv), env, dir);
    expect(run.code).toBe(2);
    // Named once: the SDK's validator and the CLI's cell check share one limit.
    expect(run.stderr.match(/firstName is longer than 1000 characters/g)).toHaveLength(1);
    expect(f.requests).toHaveLength(0);
  });

  it("every over-long cell of a row is named once: a name, a state, a column the send ignores", async () => {
    const { f, env } = await world();
    const dir = tempDir();
    const csv = join(dir, "long.csv");
    const long = "A".repeat(1001);
    writeFileSync(
      csv,
      `first_name,street,city,state,zip,notes\n${long},1 Main St,Austin,${long},78704,${long}\n`,
    );
    const run = await runCli([...sendArgs(csv), "--json"], env, dir);
    expect(run.code).toBe(2);
    for (const name of ["firstName", "state", "column 6"])
      expect(run.stderr.split(`${name} is longer than 1000 characters`)).toHaveLength(2);
    expect(run.stderr).not.toContain("bad state code");
    expect(f.requests).toHaveLength(0);
  });

  it("a missing file is exit 2 with one line", async () => {
    const { env } = await world();
    const run = await runCli(sendArgs("/nonexistent/list.csv"), env);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toContain("no such file");
  });

  it("the rejects CSV escapes formula cells and is created with mode 0600", async () => {
    const { env, live } = await world();
    const dir = tempDir();
    const csv = join(dir, "mixed.csv");
    writeFileSync(
      csv,
      'first_name,street,city,state,zip\nAnn,1 Main St,Austin,TX,78704\n"=HYPERLINK(""x"")",,Austin,TX,78704\n@SUM(1),2 Main St,Austin,ZZ,78704\n',
    );
    const rejects = join(dir, "rejects.csv");
    const run = await runCli(sendArgs(csv, "--skip-invalid", "--rejects", rejects), env, dir);
    expect(run.code).toBe(0);
    expect(statSync(rejects).mode & 0o777).toBe(0o600);
    const text = readFileSync(rejects, "utf8");
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
    expect(text).toContain("'@SUM(1)");
    expect(text).not.toMatch(/^=|,=|^@|,@/m);
    expect(live()[0]?.recipients).toHaveLength(1);
  });

  it("an existing rejects file is made 0600 too", async () => {
    const { env } = await world();
    const dir = tempDir();
    const csv = join(dir, "mixed.csv");
    writeFileSync(
      csv,
      "first_name,street,city,state,zip\nAnn,1 Main St,Austin,TX,78704\nBo,,Austin,TX,78704\n",
    );
    const rejects = join(dir, "rejects.csv");
    writeFileSync(rejects, "old");
    chmodSync(rejects, 0o644);
    expect((await runCli(sendArgs(csv, "--skip-invalid", "--rejects", rejects), env, dir)).code).toBe(0);
    expect(statSync(rejects).mode & 0o777).toBe(0o600);
  });
});
