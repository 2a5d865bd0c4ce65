import { describe, expect, it } from "vitest";
import { lettrLabsFake } from "./fake-lettrlabs.js";
import { runCli, tempDir } from "./helpers.js";

const KEY = "LL-API-retried-delete-5512";

describe("review 214: a delete the client sent again after a lost answer, then refused (404)", () => {
  it("orders cancel: the order is gone, and the error and its hint say an earlier attempt may have deleted it (never 'check the id')", async () => {
    for (const json of [[], ["--json"]]) {
      const { f, env } = await lettrLabsFake(KEY);
      const order = f.seedOrder("Draft");
      f.inject("DELETE", /^\/v1\/order\/\d+$/, { kind: "drop-after-apply" });
      const run = await runCli(["orders", "cancel", String(order.id), ...json], env, tempDir());
      expect(f.orders.get(order.id)?.status).toBe("Deleted");
      expect(f.requests.filter((r) => r.method === "DELETE")).toHaveLength(2);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("(an earlier attempt may have applied it).");
      expect(run.stderr).toContain("may have applied it (a delete may have deleted it)");
      expect(run.stderr).not.toContain("Check the id");
    }
  });
});
