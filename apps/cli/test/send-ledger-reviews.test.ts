import {
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Ledger, normalizeHost } from "../src/ledger/ledger.js";
import { ADD_AUTOMATION_RECIPIENT, aliasOf, runCli, sendArgs, tempDir, writeCsv } from "./helpers.js";
import { drafted, entryFile, sentOnce, stopWorlds, world } from "./ledger-world.js";

afterEach(stopWorlds);

describe("what a hostile review found, fixed", () => {
  it("a registered send that has no order yet blocks an overlapping send", async () => {
    const { f, env, live, checkouts } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 40);
    f.inject("GET", /^\/v1\/order$/, { kind: "status", status: 503 }, 3);
    expect((await runCli(sendArgs(csv), env, dir)).code).toBe(1);
    expect(live()).toHaveLength(0);
    const bigger = join(dir, "bigger.csv");
    writeFileSync(bigger, `${readFileSync(csv, "utf8")}Ann,Lee,1 Oak St,Austin,TX,78704\n`);
    const other = await runCli(sendArgs(bigger), env, dir);
    expect(other.code).toBe(5);
    expect(other.stderr).toContain("no order yet");
    expect(live()).toHaveLength(0);
    expect((await runCli(sendArgs(csv), env, dir)).code).toBe(0);
    expect(live()).toHaveLength(1);
    expect(checkouts()).toBe(1);
  });

  it("an HTTP 404 on the status read never makes a paid order count as deleted", async () => {
    const { f, env, live } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 6);
    expect((await runCli(sendArgs(csv), env, dir)).code).toBe(0);
    f.inject("GET", /^\/v1\/order$/, { kind: "status", status: 404, body: { errors: ["No route"] } });
    const run = await runCli(sendArgs(csv, "--postage", "FirstClass"), env, dir);
    expect(run.code).not.toBe(0);
    expect(live()).toHaveLength(1);
  });

  it("a deleted entry of a paid send: --restart does not mail the list again", async () => {
    const { env, state, live, checkouts } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 10);
    expect((await runCli(sendArgs(csv), env, dir)).code).toBe(0);
    const { rmSync } = await import("node:fs");
    rmSync(entryFile(state));
    expect((await runCli(sendArgs(csv), env, dir)).code).toBe(2);
    const restart = await runCli(sendArgs(csv, "--restart"), env, dir);
    expect(restart.code).toBe(5);
    expect(restart.stderr).toContain("ledger entry is missing");
    expect(live()).toHaveLength(1);
    expect(checkouts()).toBe(1);
  });

  it("a damaged entry blocks the same list with other options", async () => {
    const { env, state, live } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 10);
    expect((await runCli(sendArgs(csv), env, dir)).code).toBe(0);
    writeFileSync(entryFile(state), "{");
    const run = await runCli(sendArgs(csv, "--postage", "FirstClass"), env, dir);
    expect(run.code).toBe(5);
    expect(run.stderr).toContain("damaged");
    expect(live()).toHaveLength(1);
  });

  it("--restart of an unfinished send deletes its Draft and starts over", async () => {
    const { env, live, checkouts } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 5);
    expect((await runCli(sendArgs(csv, "--dry-run"), env, dir)).code).toBe(0);
    const restart = await runCli(sendArgs(csv, "--restart"), env, dir);
    expect(restart.code).toBe(0);
    expect(restart.stderr).toMatch(/Deleted Draft order \d+/);
    expect(live()).toHaveLength(1);
    expect(live()[0]?.recipients).toHaveLength(5);
    expect(checkouts()).toBe(1);
  });

  it("--order refuses an order that holds recipients not in the list", async () => {
    const { f, env, checkouts } = await world();
    const foreign = f.seedOrder("Draft", 999);
    for (let i = 0; i < 3; i++)
      foreign.recipients.push({
        id: i + 1,
        address: { address1: `${i} Elm St`, city: "Austin", state: "TX", zipCode: "78704" },
      });
    const dir = tempDir();
    const csv = writeCsv(dir, 5);
    const run = await runCli(sendArgs(csv, "--order", String(foreign.id)), env, dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("not in this list");
    expect(foreign.recipients).toHaveLength(3);
    expect(checkouts()).toBe(0);
  });

  it("--rejects or --proof naming the input file, or a symlink, is refused and the file kept", async () => {
    const { f, env } = await world();
    const dir = tempDir();
    const csv = join(dir, "list.csv");
    const text = "first_name,street,city,state,zip\nAnn,1 Main St,Austin,TX,78704\nBo,,Austin,TX,78704\n";
    writeFileSync(csv, text);
    const precious = join(dir, "precious.txt");
    writeFileSync(precious, "keep me");
    const link = join(dir, "link.csv");
    symlinkSync(precious, link);
    for (const args of [
      ["--skip-invalid", "--rejects", csv],
      ["--skip-invalid", "--rejects", link],
      ["--proof", csv],
    ]) {
      const run = await runCli(sendArgs(csv, ...args), env, dir);
      expect(run.code, args.join(" ")).toBe(2);
    }
    expect(readFileSync(csv, "utf8")).toBe(text);
    expect(readFileSync(precious, "utf8")).toBe("keep me");
    expect(f.requests).toHaveLength(0);
  });

  it.each([
    ["--template", "9999999999999999"],
    ["--hold-until", "March 5"],
    ["--hold-until", "1"],
    ["--hold-until", "2027-02-30"],
    ["--hold-until", "2020-01-01"],
  ])("%s %s: exit 2 before any request", async (option, value) => {
    const { f, env } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 2);
    const run = await runCli(["send", "--template", "7", "--csv", csv, "--yes", option, value], env, dir);
    expect(run.code).toBe(2);
    expect(f.requests).toHaveLength(0);
  });

  it("a cell with a NUL byte or a line break makes its row invalid", async () => {
    const { f, env } = await world();
    const dir = tempDir();
    const csv = join(dir, "ctl.csv");
    writeFileSync(
      csv,
      'first_name,street,city,state,zip\nA\u0000n,1 Main St,Austin,TX,78704\n"B\ro",2 Main St,Austin,TX,78704\n',
    );
    const run = await runCli(sendArgs(csv), env, dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("line 2: firstName contains a line break or a control character");
    expect(f.requests).toHaveLength(0);
  });
});

describe("what the second hostile review found, fixed", () => {
  it("an order list that twice omits a paid order never lets the same list through again", async () => {
    const { f, env, live } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 3);
    expect((await runCli(sendArgs(csv), env, dir)).code).toBe(0);
    const empty = { payload: { orderId: 0, status: "", orders: [] }, errors: [], hasErrors: false };
    f.inject("GET", /^\/v1\/order$/, { kind: "status", status: 200, body: empty }, 2);
    const run = await runCli(sendArgs(csv, "--postage", "FirstClass"), env, dir);
    expect(run.code).toBe(5);
    expect(live()).toHaveLength(1);
    f.inject("GET", /^\/v1\/order$/, { kind: "status", status: 200, body: empty }, 2);
    const same = await runCli(sendArgs(csv), env, dir);
    expect(same.code).toBe(1);
    expect(same.stderr).toContain("not treating it as deleted");
    expect(live()).toHaveLength(1);
  });

  it("a refused --restart changes nothing: the same command still reports the paid order", async () => {
    const { env, live } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 3);
    expect((await runCli(sendArgs(csv), env, dir)).code).toBe(0);
    expect((await runCli(sendArgs(csv, "--restart"), env, dir)).code).toBe(5);
    const again = await runCli(sendArgs(csv), env, dir);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain("Already sent");
    expect(live()).toHaveLength(1);
  });

  it("after a failed payment, --order with the same order continues it", async () => {
    const { f, env, live } = await world({ paymentFails: true });
    const dir = tempDir();
    const csv = writeCsv(dir, 4);
    expect((await runCli(sendArgs(csv), env, dir)).code).toBe(1);
    const orderId = live()[0]?.id as number;
    f.options.paymentFails = false;
    const run = await runCli(sendArgs(csv, "--order", String(orderId)), env, dir);
    expect(run.code).toBe(0);
    expect(live()).toHaveLength(1);
    expect(live()[0]?.status).toBe("Paid");
  });

  it("recipients add run twice adds each recipient once", async () => {
    const { f, env } = await world();
    const order = f.seedOrder();
    const dir = tempDir();
    const csv = writeCsv(dir, 7);
    for (let i = 0; i < 2; i++)
      expect((await runCli(["recipients", "add", String(order.id), "--csv", csv], env, dir)).code).toBe(0);
    expect(order.recipients).toHaveLength(7);
  });

  it("the same send through localhost after 127.0.0.1 is one send, and an entry keyed by the host as written is still found", async () => {
    const { f, env, state, live, checkouts } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 5);
    expect((await runCli(sendArgs(csv), env, dir)).code).toBe(0);
    const localhost = { ...env, LETTRLABS_BASE_URL: f.url.replace("127.0.0.1", "localhost") };
    const again = await runCli(sendArgs(csv), localhost, dir);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr + again.stdout).toContain("Already sent as order");
    expect(live()).toHaveLength(1);
    expect(checkouts()).toBe(1);
    // The entry as a version that keyed sends by the host as written left it, for localhost.
    const file = entryFile(state);
    const entry = JSON.parse(readFileSync(file, "utf8"));
    entry.meaning.host = normalizeHost(localhost.LETTRLABS_BASE_URL);
    const olderKey = Ledger.keyOf(entry.meaning);
    const sends = join(state, "sends");
    renameSync(file.replace(/\.json$/, ".recipients"), join(sends, `${olderKey}.recipients`));
    rmSync(file);
    writeFileSync(join(sends, `${olderKey}.json`), JSON.stringify({ ...entry, key: olderKey }));
    rmSync(join(state, "registered"), { recursive: true }); // that version registered no sends
    const upgraded = await runCli(sendArgs(csv), localhost, dir);
    expect(upgraded.code, upgraded.stderr).toBe(0);
    expect(upgraded.stderr + upgraded.stdout).toContain("Already sent as order");
    expect(live()).toHaveLength(1);
    expect(checkouts()).toBe(1);
  });

  it("integration-orders add-recipient whose answer is lost: says it may have been applied, and does not invite a blind re-run", async () => {
    const { f, env } = await world();
    f.inject("POST", /^\/v1\/integration-orders\/77\/recipients$/, { kind: "drop-after-apply" });
    const args = ADD_AUTOMATION_RECIPIENT;
    const run = await runCli(args, env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("may have been applied");
    expect(run.stderr).toContain("Running the command again may apply it twice");
    expect(run.stderr).not.toContain("can be re-run");
    expect(f.integrationRecipients.get(77)).toHaveLength(1);
  });

  it("two terminals on one order: recipients add, send --order and checkout submit take turns (exit 4), nothing twice", async () => {
    const { f, env, state, checkouts } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 6);
    const locks = join(state, "orders");
    const lockHeld = async () => {
      while (!existsSync(locks) || !readdirSync(locks).some((n) => n.endsWith(".lock")))
        await new Promise((r) => setTimeout(r, 20));
    };
    const add = (id: number) => ["recipients", "add", String(id), "--csv", csv];
    const localhost = { ...env, LETTRLABS_BASE_URL: f.url.replace("127.0.0.1", "localhost") };
    const alias = await aliasOf(f.url);
    // The first run's append (a PUT) is slow; the second starts while the first holds the order:
    // the same command, a send with its own journal, the same command through another spelling of
    // the host and through another name of the server (a proxy, as a DNS alias would be), and a
    // removal (which would shift the pages the first run reads back).
    const seconds: ((id: number) => [string[], Record<string, string>])[] = [
      (id) => [add(id), env],
      (id) => [
        sendArgs(csv, "--order", String(id), "--yes", "--journal-dir", join(dir, "other-journal")),
        env,
      ],
      (id) => [add(id), localhost],
      (id) => [add(id), { ...env, LETTRLABS_BASE_URL: alias.url }],
      (id) => [["recipients", "remove", String(id), "1"], env],
    ];
    let order = f.seedOrder();
    for (const second of seconds) {
      order = f.seedOrder();
      f.inject("PUT", /^\/v1\/order\/\d+\/recipients$/, { kind: "delay", ms: 1500 });
      const one = runCli(add(order.id), env, dir);
      await lockHeld();
      const [args, secondEnv] = second(order.id);
      const two = await runCli(args, secondEnv, dir);
      expect(two.code, two.stderr).toBe(4);
      expect(two.stderr).toContain(
        `A write on order ${order.id} (through any base URL: the lock is the order id's) is in progress in another process`,
      );
      expect((await one).code).toBe(0);
      expect(order.recipients).toHaveLength(6);
      expect(checkouts()).toBe(0);
    }
    // Two checkouts at once: the second waits for nothing and charges nothing.
    f.inject("POST", /^\/v1\/order\/\d+\/checkout$/, { kind: "delay", ms: 1500 });
    const submit = () => ["checkout", "submit", String(order.id), "--yes"];
    const one = runCli(submit(), env, dir);
    await lockHeld();
    const two = await runCli(submit(), env, dir);
    expect(two.code, two.stderr).toBe(4);
    expect((await one).code).toBe(0);
    expect(checkouts()).toBe(1);
    expect(readdirSync(join(state, "orders")).filter((n) => n.endsWith(".lock"))).toEqual([]);
    await alias.close();
  });

  it("--map with an unknown field is a usage error; wait on a Draft says it was never checked out", async () => {
    const { f, env } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 2);
    const map = await runCli(sendArgs(csv, "--map", "first_name=bogus"), env, dir);
    expect(map.code).toBe(2);
    expect(map.stderr).toContain("not a recipient field");
    const order = f.seedOrder("Draft");
    const wait = await runCli(["wait", String(order.id), "--interval", "1"], env, dir);
    expect(wait.code).toBe(2);
    expect(wait.stderr).toContain("has not been checked out");
  });
});

describe("found by the randomized CLI schedules", () => {
  it("--restart after a lost create whose only candidate is another writer's Draft sends once", async () => {
    const { f, env, live } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 5);
    let foreign = 0;
    f.inject("POST", /^\/v1\/order$/, {
      kind: "side-effect",
      effect: (fake) => {
        foreign = fake.seedOrder("Draft", 777).id;
      },
      next: { kind: "drop-before-apply" },
    });
    const lost = await runCli(sendArgs(csv), env, dir);
    expect(lost.code).toBe(1);
    expect(lost.stderr).toContain(`order ${foreign} appeared`);
    const restart = await runCli(sendArgs(csv, "--restart"), env, dir);
    expect(restart.code, restart.stderr).toBe(0);
    const ours = live().filter((o) => o.templateId === 7);
    expect(ours).toHaveLength(1);
    expect(ours[0]?.recipients).toHaveLength(5);
    expect(f.orders.get(foreign)?.recipients).toHaveLength(0);
  });
});

describe("what the third hostile review found, fixed", () => {
  const recipientsFile = (state: string) => entryFile(state).replace(/\.json$/, ".recipients");
  const damages: [string, (bytes: Buffer) => Buffer][] = [
    ["emptied", () => Buffer.alloc(0)],
    ["cut to its first half", (b) => b.subarray(0, 8 * Math.floor(b.length / 16))],
    ["garbage", (b) => Buffer.alloc(b.length, 0x41)],
    ["cut mid-hash", (b) => b.subarray(0, b.length - 3)],
    ["rows of another list", () => Buffer.from(new Float64Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]).buffer)],
  ];
  const other = (dir: string) => {
    const path = join(dir, "other.csv");
    writeFileSync(
      path,
      "first_name,last_name,street,city,state,zip\nAnn,Lee,1 Oak St,Austin,TX,78704\nBo,Kim,2 Oak St,Austin,TX,78704\n",
    );
    return path;
  };
  it.each([...damages, ["deleted", () => undefined] as [string, (bytes: Buffer) => Buffer | undefined]])(
    "a damaged recipients file of a paid send (%s): its order's recipients decide; the same people are blocked, others are not",
    async (_name, corrupt) => {
      const { env, state, live, checkouts, dir, csv } = await sentOnce(10);
      const path = recipientsFile(state);
      const damaged = corrupt(readFileSync(path));
      if (damaged) writeFileSync(path, damaged);
      else rmSync(path);
      const run = await runCli(sendArgs(csv, "--postage", "FirstClass"), env, dir);
      expect(run.code, run.stderr).toBe(5);
      expect(run.stderr).toMatch(/These 10 recipients were already sent as order \d+/);
      expect(live()).toHaveLength(1);
      expect(checkouts()).toBe(1);
      const unrelated = await runCli(sendArgs(other(dir)), env, dir);
      expect(unrelated.code, unrelated.stderr).toBe(0);
      expect(live()).toHaveLength(2);
      const anyway = await runCli(sendArgs(csv, "--postage", "FirstClass", "--allow-repeat"), env, dir);
      expect(anyway.code, anyway.stderr).toBe(0);
      expect(live()).toHaveLength(3);
    },
  );

  it("a recipients file missing beside a damaged entry blocks every send of the template until it is dealt with", async () => {
    const { env, state, live, dir } = await sentOnce(4);
    rmSync(recipientsFile(state));
    writeFileSync(entryFile(state), "{");
    const run = await runCli(sendArgs(other(dir)), env, dir);
    expect(run.code, run.stderr).toBe(5);
    expect(run.stderr).toContain("has a missing or damaged recipients file");
    expect(live()).toHaveLength(1);
  });

  it("a send killed before its recipients file was written is still seen by other sends, and writes the file again when resumed", async () => {
    const { env, state, live, checkouts, dir, csv } = await drafted(6);
    const path = recipientsFile(state);
    const bytes = readFileSync(path);
    rmSync(path);
    const twice = await runCli(sendArgs(csv, "--postage", "FirstClass"), env, dir);
    expect(twice.code, twice.stderr).toBe(5);
    expect(twice.stderr).toMatch(/These 6 recipients are in another send, not finished, whose order is \d+/);
    expect(live()).toHaveLength(1);
    const resumed = await runCli(sendArgs(csv), env, dir);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(readFileSync(path)).toEqual(bytes);
    expect(checkouts()).toBe(1);
  });

  it("a damaged recipients file of a send whose order was cancelled blocks nothing", async () => {
    const { f, env, state, live, dir, csv } = await drafted(6);
    writeFileSync(recipientsFile(state), "");
    const first = live()[0];
    if (first) f.orders.set(first.id, { ...first, status: "Cancelled" });
    const run = await runCli(sendArgs(csv, "--postage", "FirstClass"), env, dir);
    expect(run.code, run.stderr).toBe(0);
    expect(live().filter((o) => o.status === "Paid")).toHaveLength(1);
  });

  it("--allow-repeat given only to a --dry-run does not carry over to the real run", async () => {
    const { env, live, checkouts, dir, csv } = await sentOnce(8);
    const other = sendArgs(csv, "--postage", "FirstClass");
    const dry = await runCli([...other, "--allow-repeat", "--dry-run"], env, dir);
    expect(dry.code, dry.stderr).toBe(0);
    expect(live()).toHaveLength(2);
    const real = await runCli(other, env, dir);
    expect(real.code, real.stderr).toBe(5);
    expect(real.stderr).toMatch(/already sent as order \d+/);
    expect(real.stderr).toMatch(/This send's order \d+ was not checked out/);
    expect(checkouts()).toBe(1);
    const anyway = await runCli([...other, "--allow-repeat"], env, dir);
    expect(anyway.code, anyway.stderr).toBe(0);
    expect(live()).toHaveLength(2);
    expect(checkouts()).toBe(2);
  });

  it("--order naming another order than the one the ledger records is refused, nothing added", async () => {
    const { f, env, checkouts, dir, csv, orderId: ours } = await drafted(5);
    const stray = f.seedOrder("Draft", 7);
    const run = await runCli(sendArgs(csv, "--order", String(stray.id)), env, dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`already names order ${ours}; --order ${stray.id} is another order`);
    expect(stray.recipients).toHaveLength(0);
    expect(checkouts()).toBe(0);
    const same = await runCli(sendArgs(csv, "--order", String(ours)), env, dir);
    expect(same.code, same.stderr).toBe(0);
    expect(f.orders.get(ours)?.status).toBe("Paid");
    expect(stray.checkouts).toBe(0);
  });

  it("--order of an empty Draft that another unfinished send created is refused; that send then mails its own list", async () => {
    const { f, env, live, checkouts } = await world();
    const dir = tempDir();
    const a = writeCsv(dir, 6, "a.csv");
    const b = join(dir, "b.csv");
    writeFileSync(
      b,
      "first_name,last_name,street,city,state,zip\nAnn,Lee,1 Oak St,Austin,TX,78704\nBo,Kim,2 Oak St,Austin,TX,78704\n",
    );
    let victim: ReturnType<typeof runCli> | undefined;
    f.schedule = ({ method }) => {
      if (method !== "PUT" || !victim) return undefined;
      victim.child.kill("SIGKILL");
      victim = undefined;
      return { kind: "drop-before-apply" };
    };
    victim = runCli(sendArgs(a), env, dir);
    expect((await victim).signal).toBe("SIGKILL");
    const draft = live()[0];
    expect(draft?.recipients).toHaveLength(0);
    const adopt = await runCli(sendArgs(b, "--order", String(draft?.id)), env, dir);
    expect(adopt.code).toBe(2);
    expect(adopt.stderr).toContain(`Order ${draft?.id} is the order of another send`);
    expect(draft?.recipients).toHaveLength(0);
    const finish = await runCli(sendArgs(a), env, dir);
    expect(finish.code, finish.stderr).toBe(0);
    expect(live()).toHaveLength(1);
    expect(f.orders.get(draft?.id as number)?.recipients.map((r) => r.address.address1)).toHaveLength(6);
    expect(checkouts()).toBe(1);
  });

  it("a Draft left by a --dry-run is not checked out after another send mailed the same people (with --allow-repeat)", async () => {
    const { env, live, checkouts, dir, csv } = await drafted(5);
    expect((await runCli(sendArgs(csv, "--postage", "FirstClass"), env, dir)).code).toBe(5);
    const other = await runCli(sendArgs(csv, "--postage", "FirstClass", "--allow-repeat"), env, dir);
    expect(other.code, other.stderr).toBe(0);
    expect(checkouts()).toBe(1);
    const resumed = await runCli(sendArgs(csv), env, dir);
    expect(resumed.code, resumed.stderr).toBe(5);
    expect(resumed.stderr).toMatch(/These 5 recipients were already sent as order \d+/);
    expect(checkouts()).toBe(1);
    expect(live().filter((o) => o.status === "Paid")).toHaveLength(1);
  });

  it("a send stopped before its create, resumed with --order, still checks for repeats", async () => {
    const { f, env, live, checkouts } = await world();
    const dir = tempDir();
    const csv = writeCsv(dir, 5);
    let victim: ReturnType<typeof runCli> | undefined;
    f.schedule = ({ method, path }) => {
      if (method !== "POST" || path !== "/v1/order" || !victim) return undefined;
      victim.child.kill("SIGKILL");
      victim = undefined;
      return { kind: "drop-before-apply" };
    };
    victim = runCli(sendArgs(csv), env, dir);
    expect((await victim).signal).toBe("SIGKILL");
    const other = await runCli(sendArgs(csv, "--postage", "FirstClass", "--allow-repeat"), env, dir);
    expect(other.code, other.stderr).toBe(0);
    const empty = f.seedOrder("Draft", 7);
    const adopt = await runCli(sendArgs(csv, "--order", String(empty.id)), env, dir);
    expect(adopt.code, adopt.stderr).toBe(5);
    expect(empty.recipients).toHaveLength(0);
    expect(checkouts()).toBe(1);
    expect(live().filter((o) => o.recipients.length > 0)).toHaveLength(1);
  });

  it("--restart --order of this send's own unpaid Draft keeps that Draft and sends on it", async () => {
    const { env, live, checkouts, dir, csv, orderId } = await drafted(5);
    const run = await runCli(sendArgs(csv, "--restart", "--order", String(orderId)), env, dir);
    expect(run.code, run.stderr).toBe(0);
    expect(live()).toHaveLength(1);
    expect(live()[0]?.id).toBe(orderId);
    expect(live()[0]?.status).toBe("Paid");
    expect(live()[0]?.recipients).toHaveLength(5);
    expect(checkouts()).toBe(1);
  });

  it("an order another send records in another --journal-dir cannot be adopted; that send then mails its own list on it", async () => {
    const { f, env, live, checkouts } = await world();
    const dir = tempDir();
    const a = writeCsv(dir, 6, "a.csv");
    const journal = join(tempDir(), "journal");
    let victim: ReturnType<typeof runCli> | undefined;
    f.schedule = ({ method }) => {
      if (method !== "PUT" || !victim) return undefined;
      victim.child.kill("SIGKILL");
      victim = undefined;
      return { kind: "drop-before-apply" };
    };
    victim = runCli(sendArgs(a, "--journal-dir", journal), env, dir);
    expect((await victim).signal).toBe("SIGKILL");
    const draft = live()[0];
    const adopt = await runCli(sendArgs(other(dir), "--order", String(draft?.id)), env, dir);
    expect(adopt.code).toBe(2);
    expect(adopt.stderr).toContain(`Order ${draft?.id} is the order of another send`);
    expect(draft?.recipients).toHaveLength(0);
    const finish = await runCli(sendArgs(a, "--journal-dir", journal), env, dir);
    expect(finish.code, finish.stderr).toBe(0);
    expect(live()).toHaveLength(1);
    expect(f.orders.get(draft?.id as number)?.recipients).toHaveLength(6);
    expect(checkouts()).toBe(1);
  });

  it("the same list with another --journal-dir is a repeat: after a paid send, a failed payment, or a dry run", async () => {
    const { f, env, live, checkouts } = await world({ paymentFails: true });
    const dir = tempDir();
    const csv = writeCsv(dir, 5);
    const journal = (name: string) => ["--journal-dir", join(dir, name)];
    // A failed payment in the user's own ledger: its order is open and was checked out.
    expect((await runCli(sendArgs(csv), env, dir)).code).toBe(1);
    const failed = await runCli(sendArgs(csv, ...journal("j1")), env, dir);
    expect(failed.code, failed.stderr).toBe(5);
    expect(failed.stderr).toMatch(/already on order \d+ .*which that send checked out/);
    f.options.paymentFails = false;
    expect((await runCli(sendArgs(csv), env, dir)).code).toBe(0);
    const paid = await runCli(sendArgs(csv, ...journal("j2")), env, dir);
    expect(paid.code, paid.stderr).toBe(5);
    expect(paid.stderr).toMatch(/These 5 recipients were already sent as order \d+/);
    // A dry run in one journal, then the same list in another, then in the user's own ledger.
    const list = other(tempDir());
    expect((await runCli(sendArgs(list, "--dry-run", ...journal("j3")), env, dir)).code).toBe(0);
    expect((await runCli(sendArgs(list, ...journal("j4")), env, dir)).code).toBe(5);
    expect((await runCli(sendArgs(list, "--postage", "FirstClass"), env, dir)).code).toBe(5);
    expect(live()).toHaveLength(2);
    expect(checkouts()).toBe(2);
    expect(live().filter((o) => o.status === "Paid")).toHaveLength(1);
  });
});
