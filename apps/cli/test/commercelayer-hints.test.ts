import { describe, expect, it } from "vitest";
import { commerceLayerFake } from "./fake-commercelayer.js";
import { runCli, tempDir } from "./helpers.js";

// What the Commerce Layer commands advise after a failure, against the stateful fake: the advice
// must fit what failed (the token server, a rate limit, a redirect), never blame the credentials
// for a token server that is down.

const SECRET = "cli-hints-secret-5d21";
const commerceLayer = () => commerceLayerFake("cli-hints", SECRET);

/**
 * A document whose resource `id` refers to 50 included resources that each refer to all 50: its
 * result written out would hold 50^3 of them (the client refuses it as too large).
 */
function fanOut(id: string, type: string) {
  const refs = Array.from({ length: 50 }, (_, i) => ({ type: "skus", id: `s${i}` }));
  const included = refs.map((r) => ({
    ...r,
    attributes: { code: r.id },
    relationships: { related: { data: refs } },
  }));
  const data = { id, type, attributes: { status: "draft" }, relationships: { skus: { data: refs } } };
  return { data, included };
}

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
  ])(
    "a place answered with the order %s (status %s): exit %i, said, one PATCH",
    async (_, status, code, said) => {
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
    },
  );

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

  // A hostile or broken server's answer whose 50 included resources each refer to all 50: written
  // out, the order would hold 50^3 copies of them. The client refuses it whole; the CLI says that
  // a re-run reads the same answer (its includes are fixed), and sends nothing else.
  it.each([
    ["orders get", (id: string) => ["commercelayer", "orders", "get", id], /^\/orders\//, false],
    ["orders list", () => ["commercelayer", "orders", "list"], /^\/orders$/, true],
  ])(
    "%s answered with a document too large written out: refused in one read, no re-run advised",
    async (_, args, path, list) => {
      const { f, env } = await commerceLayer();
      const [order] = f.seedOrders(1);
      const id = String(order?.id);
      const { data, included } = fanOut(id, "orders");
      f.inject("GET", path, { status: 200, body: { data: list ? [data] : data, included } });
      const run = await runCli(args(id), env, tempDir());
      expect(run.code, run.stderr).toBe(1);
      expect(run.stdout).toBe("");
      expect(run.stderr).toContain("the response is not a document whose results stay a usable size");
      expect(run.stderr).toContain("ask for fewer includes");
      expect(run.stderr).toContain("hint: The answer was refused whole");
      expect(run.stderr).not.toContain("Reads can be re-run");
      expect(run.stderr).not.toContain(SECRET);
      expect(f.requests.filter((r) => r.method === "GET" && path.test(r.path))).toHaveLength(1);
      expect(f.requests.filter((r) => r.method !== "GET" && r.path !== "/oauth/token")).toHaveLength(0);
    },
  );

  it("the same refusal under --json: one error line whose hint says so", async () => {
    const { f, env } = await commerceLayer();
    const [order] = f.seedOrders(1);
    f.inject("GET", /^\/orders\//, { status: 200, body: fanOut(String(order?.id), "orders") });
    const run = await runCli(["commercelayer", "orders", "get", String(order?.id), "--json"], env, tempDir());
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toBe("");
    const { error } = JSON.parse(run.stderr);
    expect(error).toMatchObject({ kind: "invalid_response", operation: "retrieveOrder" });
    expect(error.hint).toMatch(/^The answer was refused whole/);
  });

  it("a write whose answer is refused as too large keeps the advice that it may have been applied, and is not sent again", async () => {
    const { f, env } = await commerceLayer();
    const [order] = f.seedOrders(1);
    f.inject("POST", /^\/line_items$/, { status: 201, body: fanOut("li-new", "line_items") });
    const run = await runCli(
      ["commercelayer", "line-items", "add", String(order?.id), "--sku", "SKU1", "--quantity", "1"],
      env,
      tempDir(),
    );
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain("ask for fewer includes");
    expect(run.stderr).toContain("hint: The line may have been changed all the same");
    expect(run.stderr).not.toContain("refused whole");
    expect(f.requests.filter((r) => r.method === "POST" && r.path === "/line_items")).toHaveLength(1);
  });

  it("a server's text that asks for fewer includes does not get that advice (only the client's own refusal does)", async () => {
    const { f, env } = await commerceLayer();
    // A list that does not advance, its order id chosen to read like the refusal.
    const o = { id: "ask for fewer includes", type: "orders", attributes: {} };
    f.inject("GET", /^\/orders$/, {
      status: 200,
      body: { data: [o, o], meta: { record_count: 2, page_count: 1 } },
    });
    const run = await runCli(["commercelayer", "orders", "list", "--all"], env, tempDir());
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain('holds "ask for fewer includes" twice');
    expect(run.stderr).not.toContain("refused whole");
    expect(run.stderr).toContain("hint: Reads can be re-run");
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
