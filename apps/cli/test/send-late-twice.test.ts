import type { FakeLettrLabs } from "@orderkit/test-utils";
import { describe, expect, it } from "vitest";
import { lettrLabsFake } from "./fake-lettrlabs.js";
import { runCli, tempDir, writeCsv } from "./helpers.js";

// A chunk of recipients times out, is read back as missing after --settle-ms and sent again, and
// then its first copy lands after all (later than the request timeout and the settle wait: the
// limit the README names). The order then holds those people twice. `send` must not pay for it:
// its price preview counts more cards than the people it accepted, so it reads the order, stops
// before the checkout naming the rows to remove, and once they are removed a run of the same
// command pays for each person once (review 191).
const KEY = "LL-API-late-twice-key";

describe("send: a chunk applied after its read-back, before the checkout", () => {
  it.each([
    ["0", 5600],
    ["1000", 6600],
  ])(
    "--settle-ms %s, applied %i ms late: stops unpaid, then pays each person once",
    async (settle, late) => {
      const { f, env } = await lettrLabsFake(
        KEY,
        { ORDERKIT_TIMEOUT_MS: "5000" },
        { pollsUntilSettled: 0, appendDelayMs: 200 },
      );
      const dir = tempDir();
      const csv = writeCsv(dir, 30);
      f.inject("PUT", /\/recipients$/, { kind: "apply-late", ms: late }, 1);
      const args = [
        "send",
        "--template",
        "7",
        "--csv",
        csv,
        "--yes",
        "--chunk-size",
        "3",
        "--concurrency",
        "1",
      ];
      const first = await runCli([...args, "--settle-ms", settle], env, dir);
      const orders = () => [...f.orders.values()];
      expect(orders()).toHaveLength(1);
      const order = orders()[0];
      if (!order) throw new Error("no order");
      const addresses = () => order.recipients.map((r) => r.address.address1);
      // The late copy landed before the checkout: three people twice, and nothing paid.
      expect(addresses()).toHaveLength(33);
      expect(new Set(addresses()).size).toBe(30);
      expect(first.code).toBe(1);
      expect(order.checkouts).toBe(0);
      expect(order.status).toBe("Draft");
      expect(first.stderr).toContain(`Order ${order.id} holds 3 people twice (33 recipients for 30 people)`);
      expect(first.stderr).toContain("Nothing was charged.");
      // The command it names removes exactly the repeats.
      const named = /`orderkit recipients remove (\d+) ([\d ]+)`/.exec(first.stderr);
      expect(named?.[1]).toBe(String(order.id));
      const ids = (named?.[2] ?? "").split(" ");
      expect(ids).toHaveLength(3);
      const removed = await runCli(["recipients", "remove", String(order.id), ...ids], env, dir);
      expect(removed.code, removed.stderr).toBe(0);
      expect(addresses()).toHaveLength(30);
      expect(new Set(addresses()).size).toBe(30);
      // The same command again: nothing appended, paid once.
      const again = await runCli([...args, "--settle-ms", settle], env, dir);
      expect(again.code, again.stderr).toBe(0);
      expect(orders()).toHaveLength(1);
      expect(addresses()).toHaveLength(30);
      expect(order.checkouts).toBe(1);
      expect(order.status).not.toBe("Draft");
    },
    90_000,
  );

  // Review 192: three ways past the first version of the check, each paid for 33 cards.
  /**
   * A send of 30 people whose first chunk lands 5.6 s late (after its read-back and re-send),
   * with `schedule` as the fake's fault schedule; the run's result and the order.
   */
  async function lateSend(schedule: NonNullable<FakeLettrLabs["schedule"]>) {
    const { f, env } = await lettrLabsFake(
      KEY,
      { ORDERKIT_TIMEOUT_MS: "5000" },
      { pollsUntilSettled: 0, appendDelayMs: 200 },
    );
    const dir = tempDir();
    f.inject("PUT", /\/recipients$/, { kind: "apply-late", ms: 5600 }, 1);
    f.schedule = schedule;
    const args = ["--chunk-size", "3", "--concurrency", "1", "--settle-ms", "0"];
    const run = await runCli(
      ["send", "--template", "7", "--csv", writeCsv(dir, 30), "--yes", ...args],
      env,
      dir,
    );
    return { run, order: [...f.orders.values()][0] };
  }

  it("rows listed without ids (which the listing cannot count apart): stops unpaid", async () => {
    const { run, order } = await lateSend(({ method, path }) =>
      method === "GET" && /^\/v1\/order\/\d+\/recipients$/.test(path)
        ? {
            kind: "side-effect",
            effect: (fake) => {
              for (const order of fake.orders.values())
                for (const r of order.recipients) delete (r as { id?: number }).id;
            },
          }
        : undefined,
    );
    expect(order?.recipients).toHaveLength(33);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("without ids, which cannot be counted apart");
    expect(order?.checkouts).toBe(0);
  }, 60_000);

  it("a price preview without a card count: the order is read all the same, and stops unpaid", async () => {
    const preview = {
      orderId: 1,
      status: "Draft",
      lineItems: [{ name: "Handwritten card", rate: 2.45, total: 80.85 }],
      credits: [],
      totalCharges: 80.85,
      totalTax: 0,
      totalCredits: 0,
      balance: 80.85,
    };
    const { run, order } = await lateSend(({ method, path }) =>
      method === "GET" && /\/checkout$/.test(path)
        ? {
            kind: "status",
            status: 200,
            body: { payload: preview, errors: [], errorDetails: [], warnings: [], hasErrors: false },
          }
        : undefined,
    );
    expect(order?.recipients).toHaveLength(33);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("holds 3 people twice");
    expect(order?.checkouts).toBe(0);
  }, 60_000);

  /** A send of 30 people (`--yes`) whose order `change` alters a second after its first price preview. */
  async function changedWhileAsked(
    change: (order: FakeLettrLabs["orders"] extends Map<number, infer O> ? O : never) => void,
  ) {
    const { f, env } = await lettrLabsFake(KEY, {}, { pollsUntilSettled: 0 });
    const dir = tempDir();
    let fired = false;
    f.schedule = ({ method, path }) => {
      if (fired || method !== "GET" || !/\/checkout$/.test(path)) return undefined;
      fired = true;
      return {
        kind: "side-effect",
        effect: (fake) => {
          setTimeout(() => {
            for (const order of fake.orders.values()) change(order);
          }, 1000);
        },
        next: { kind: "delay", ms: 3000 },
      };
    };
    const args = ["send", "--template", "7", "--csv", writeCsv(dir, 30), "--yes"];
    const run = await runCli(args, env, dir);
    const order = [...f.orders.values()][0];
    if (!order) throw new Error("no order");
    return { run, order, again: () => runCli(args, env, dir) };
  }

  it("copies landing after the price preview, while the question waits: priced again before paying, stops unpaid", async () => {
    // Three people put on the order again a second after the preview was priced (30 cards).
    const { run, order } = await changedWhileAsked((o) => {
      o.recipients.push(...o.recipients.slice(0, 3).map((r, i) => ({ ...r, id: 900_000 + i })));
    });
    expect(run.stdout).toContain("Handwritten card");
    expect(order.recipients).toHaveLength(33);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("holds 3 people twice (33 recipients for 30 people)");
    expect(run.stderr).toContain("900000 900001 900002");
    expect(order.checkouts).toBe(0);
  }, 60_000);

  // Since the checkout reads its order whole before asking, these two edits are found by that read
  // (which names the rows), not by the price asked again once the question is answered.
  it("two other people put on the order after the price preview (none twice): stops unpaid naming them, and never pays for them", async () => {
    const { run, order, again } = await changedWhileAsked((o) => {
      const [first] = o.recipients;
      if (first)
        for (const i of [0, 1])
          o.recipients.push({
            ...first,
            id: 800_000 + i,
            address: { ...first.address, address1: `${900 + i} Other Rd` },
          });
    });
    expect(order.recipients).toHaveLength(32);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`Order ${order.id} does not hold the people of`);
    expect(run.stderr).toContain(`orderkit recipients remove ${order.id} 800000 800001`);
    expect(run.stderr).toContain("Nothing was charged.");
    expect(order.checkouts).toBe(0);
    // The re-run finds the two people the file does not hold, and stops too: never paid for them.
    const next = await again();
    expect(next.code).toBe(1);
    expect(next.stderr).toContain("holds 2 people not found");
    expect(order.checkouts).toBe(0);
  }, 60_000);

  it("two people taken off the order after the price preview: stops unpaid; the re-run names them missing, unpaid", async () => {
    const { run, order, again } = await changedWhileAsked((o) => {
      o.recipients.splice(0, 2);
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("2 people of");
    expect(run.stderr).toContain("are not on it");
    expect(run.stderr).toContain("Nothing was charged.");
    expect(order.checkouts).toBe(0);
    // (exit 2: the ledger counts them sent, and the order does not hold them.)
    const next = await again();
    expect(next.code).toBe(2);
    expect(next.stderr).toContain("are not on order");
    expect(order.recipients).toHaveLength(28);
    expect(order.checkouts).toBe(0);
  }, 60_000);
});
