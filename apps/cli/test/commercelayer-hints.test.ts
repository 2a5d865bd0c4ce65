import { describe, expect, it } from "vitest";
import { commerceLayerFake } from "./fake-commercelayer.js";
import { runCli, tempDir } from "./helpers.js";

// What the Commerce Layer commands advise after a failure, against the stateful fake: the advice
// must fit what failed (the token server, a rate limit, a redirect), never blame the credentials
// for a token server that is down.

const SECRET = "cli-hints-secret-5d21";
const commerceLayer = () => commerceLayerFake("cli-hints", SECRET);

describe("orderkit commercelayer: hints", () => {
  it("cancel on the stateful fake: exit 0, the order cancelled, one PATCH", async () => {
    const { f, env } = await commerceLayer();
    const [order] = f.seedOrders(1, { status: "pending" });
    const run = await runCli(
      ["commercelayer", "orders", "cancel", String(order?.id), "--json"],
      env,
      tempDir(),
    );
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ id: order?.id, status: "cancelled" });
    expect(f.orders.get(String(order?.id))?.attributes.status).toBe("cancelled");
    expect(f.requests.filter((r) => r.method === "PATCH")).toHaveLength(1);
  });

  it.each([
    ["placing (under way)", "placing", 0, "its placement is under way"],
    ["still pending", "pending", 1, "was answered pending (payment unpaid), not placed"],
  ])("a place answered with the order %s: exit %i, said, one PATCH", async (_, status, code, said) => {
    const { f, env } = await commerceLayer();
    const [order] = f.seedOrders(1, { status: "pending", payment_status: "unpaid" });
    const id = String(order?.id);
    const body = { data: { id, type: "orders", attributes: { status, payment_status: "unpaid" } } };
    f.inject("PATCH", /^\/orders\//, { status: 200, body });
    const run = await runCli(["commercelayer", "orders", "place", id], env, tempDir());
    expect(run.code, run.stderr).toBe(code);
    expect(run.stderr).toContain(said);
    expect(run.stderr).toContain(`orderkit commercelayer orders get ${id}`);
    expect(f.requests.filter((r) => r.method === "PATCH")).toHaveLength(1);
  });

  it("a token refused mid-run whose renewal the token server fails (503): not blamed on the credentials", async () => {
    const { f, env } = await commerceLayer();
    const [order] = f.seedOrders(1);
    f.schedule = ({ method, path }) => {
      if (method !== "GET" || !path.startsWith("/orders/")) return undefined;
      f.schedule = undefined;
      f.revokeTokens();
      f.inject("POST", /^\/oauth\/token$/, { status: 503 }, 10);
      return undefined;
    };
    const run = await runCli(["commercelayer", "orders", "get", String(order?.id)], env, tempDir());
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain("renewing it failed");
    expect(run.stderr).toContain("hint: The token server failed while the access token was being renewed");
    expect(run.stderr).not.toContain("Check the credentials");
    expect(run.stderr).not.toContain(SECRET);
  });

  it("a token request refused as rate-limited (429, Retry-After past the client's bound): the wait is named", async () => {
    const { f, env } = await commerceLayer();
    f.inject("POST", /^\/oauth\/token$/, { status: 429, headers: { "retry-after": "120" } }, 10);
    const run = await runCli(["commercelayer", "orders", "list"], env, tempDir());
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain("hint: Rate limited: wait 120 s and run again.");
  });

  it("a redirect to another origin is refused, nothing followed, and the hint names the address settings", async () => {
    const { f, env } = await commerceLayer();
    const [order] = f.seedOrders(1);
    f.inject("GET", /^\/orders\//, { status: 302, headers: { location: "http://127.0.0.1:9/orders/x" } });
    const run = await runCli(["commercelayer", "orders", "get", String(order?.id)], env, tempDir());
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain("hint: The server redirected the request");
    expect(run.stderr).toContain("--cl-base-url (or COMMERCELAYER_BASE_URL)");
  });
});
