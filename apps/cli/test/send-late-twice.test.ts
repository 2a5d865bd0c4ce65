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
});
