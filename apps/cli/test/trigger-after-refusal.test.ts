import { lettrLabsEnvelope as envelope, FakeLettrLabs } from "@orderkit/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { runCli, tempDir } from "./helpers.js";

// A checkout the server refuses may be refused because it already went through: an earlier run,
// killed or cut off while its checkout landed, or another terminal. `checkout submit` then reads
// the order back and never sends again: checked out, it says so (exit 0); still open, the refusal
// stands. Asserted on the fake's checkouts.

const fakes: FakeLettrLabs[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.stop()));
});
async function world() {
  const f = await new FakeLettrLabs({ pollAfterSeconds: 0, pollsUntilSettled: 0 }).start();
  fakes.push(f);
  const order = f.seedOrder("Draft", 7);
  order.recipients.push({
    id: 1,
    address: { address1: "1 Main St", city: "Austin", state: "TX", zipCode: "78704" },
  });
  return { f, order, env: { LETTRLABS_BASE_URL: f.url, LETTRLABS_API_KEY: f.options.apiKey } };
}
/** The next checkout is refused, and nothing charged. */
const declined = (f: FakeLettrLabs) =>
  f.inject("POST", /^\/v1\/order\/\d+\/checkout$/, {
    kind: "status",
    status: 400,
    body: envelope(null, ["The card was declined."]),
  });
const submit = (id: number, ...extra: string[]) => ["checkout", "submit", String(id), "--yes", ...extra];

describe("checkout submit after a refusal reads the order back", () => {
  it("run again after a checkout that went through: says it is checked out, sends nothing, exit 0 (also --json)", async () => {
    const { f, order, env } = await world();
    const dir = tempDir();
    f.inject("POST", /^\/v1\/order\/\d+\/checkout$/, { kind: "drop-after-apply" });
    await runCli(submit(order.id), env, dir);
    expect(order.checkouts).toBe(1);
    const again = await runCli(submit(order.id), env, dir);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(
      new RegExp(`Order ${order.id} is already (Payment Needed|Paid): nothing more is sent`),
    );
    const json = await runCli(submit(order.id, "--json"), env, dir);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ orderId: order.id, recovered: true });
    expect(order.checkouts).toBe(1);
  });

  it("applied, then answered 409 or a 200 whose envelope has errors: checked out, exit 0, one checkout", async () => {
    for (const answer of [
      { kind: "apply-then" as const, status: 409, body: envelope(null, ["Conflict."]) },
      { kind: "apply-then" as const, status: 200, body: envelope(null, ["Something went wrong."]) },
    ]) {
      const { f, order, env } = await world();
      const dir = tempDir();
      f.inject("POST", /^\/v1\/order\/\d+\/checkout$/, answer);
      const run = await runCli(submit(order.id), env, dir);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toContain("nothing more is sent");
      expect(order.checkouts).toBe(1);
    }
  });

  it("refused while the order is still open: the refusal stands (exit 1), with the order's status; nothing charged", async () => {
    const { f, order, env } = await world();
    const dir = tempDir();
    declined(f);
    const run = await runCli(submit(order.id), env, dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("The card was declined.");
    expect(run.stderr).toContain(`Order ${order.id} is Draft.`);
    expect(run.stderr).not.toContain("nothing more is sent");
    expect(order.checkouts).toBe(0);
    expect(order.status).toBe("Draft");
  });

  it("checked out with other options than this run asks: the refusal stands (exit 1), naming them; one checkout", async () => {
    const { order, env } = await world();
    const dir = tempDir();
    expect((await runCli(submit(order.id), env, dir)).code).toBe(0);
    const other = await runCli(
      submit(order.id, "--postage", "FirstClass", "--hold-until", "2099-06-01T00:00:00Z"),
      env,
      dir,
    );
    expect(other.code, other.stderr).toBe(1);
    expect(other.stderr).toContain(
      "but it was checked out with postage Standard, not FirstClass, no hold date, not 2099-06-01T00:00:00.000Z",
    );
    expect(other.stdout).toBe("");
    expect(order.checkouts).toBe(1);
    // The same options as the checkout that went through: said so, exit 0.
    expect((await runCli(submit(order.id), env, dir)).code).toBe(0);
    expect(order.checkouts).toBe(1);
  });

  it("a reading that says checked out is read again after --settle-ms: a stale one does not turn a refusal into a success", async () => {
    const { f, order, env } = await world();
    const dir = tempDir();
    declined(f);
    // One listing from before a rollback: the order as it was while its payment was pending.
    f.inject("GET", /^\/v1\/order$/, {
      kind: "status",
      status: 200,
      body: envelope({ orderId: 0, status: "", orders: [{ id: order.id, status: "Payment Needed" }] }),
    });
    const run = await runCli(submit(order.id, "--settle-ms", "50"), env, dir);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain("The card was declined.");
    expect(run.stderr).toContain(`Order ${order.id} is Draft.`);
    expect(run.stderr).not.toContain("nothing more is sent");
    expect(order.checkouts).toBe(0);
  });

  it("a listing that leaves an option out confirms only the default", async () => {
    const { f, order, env } = await world();
    const dir = tempDir();
    expect((await runCli(submit(order.id), env, dir)).code).toBe(0);
    // Listings that say the status only (twice: both readings).
    const bare = () =>
      f.inject(
        "GET",
        /^\/v1\/order$/,
        {
          kind: "status",
          status: 200,
          body: envelope({ orderId: 0, status: "", orders: [{ id: order.id, status: "Paid" }] }),
        },
        2,
      );
    bare();
    const hold = await runCli(
      submit(order.id, "--hold-until", "2099-06-01T00:00:00Z", "--settle-ms", "10"),
      env,
      dir,
    );
    expect(hold.code, hold.stderr).toBe(1);
    expect(hold.stderr).toContain("a hold date not listed, not 2099-06-01T00:00:00.000Z");
    bare();
    const first = await runCli(submit(order.id, "--postage", "FirstClass", "--settle-ms", "10"), env, dir);
    expect(first.code, first.stderr).toBe(1);
    expect(first.stderr).toContain("postage not listed, not FirstClass");
    bare();
    const defaults = await runCli(submit(order.id, "--settle-ms", "10"), env, dir);
    expect(defaults.code, defaults.stderr).toBe(0);
    expect(order.checkouts).toBe(1);
  });

  it("--auto-bill on an order whose payment is still pending keeps the refusal; a hold listed without an offset is UTC", async () => {
    const { f, env } = await world();
    const dir = tempDir();
    const pending = f.seedOrder("Payment Needed", 7);
    pending.pollsUntilSettled = 1_000;
    const autoBill = await runCli(submit(pending.id, "--auto-bill", "--settle-ms", "10"), env, dir);
    expect(autoBill.code, autoBill.stderr).toBe(1);
    expect(autoBill.stderr).toContain("its payment still pending");
    expect(pending.checkouts).toBe(0);
    const held = f.seedOrder("Paid", 7);
    held.holdUntilDate = "2099-06-01T00:00:00";
    const sameHold = await runCli(
      submit(held.id, "--hold-until", "2099-06-01T00:00:00Z", "--settle-ms", "10"),
      { ...env, TZ: "America/Chicago" },
      dir,
    );
    expect(sameHold.code, sameHold.stderr).toBe(0);
    expect(held.checkouts).toBe(0);
  });
});
