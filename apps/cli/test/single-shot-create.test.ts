import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  assertSchedules,
  type FakeCommerceLayer,
  type FakeCommerceLayerOptions,
  FakeLettrLabs,
  type FaultKind,
  FOREIGN_TEMPLATE,
  faultTimeout,
  lettrLabsFault,
  scheduleArb,
} from "@orderkit/test-utils";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FileLock } from "../src/ledger/lock.js";
import { PendingCreates } from "../src/ledger/pending-create.js";
import { commerceLayerFake } from "./fake-commercelayer.js";
import { lettrLabsFake } from "./fake-lettrlabs.js";
import { aliasOf, type CliRun, killedAt, notWritableBy, runCli, tempDir } from "./helpers.js";

const KEY = "LL-API-single-shot-secret-81c4";
const TEMPLATE = 7;
const lettrLabs = () => lettrLabsFake(KEY);
const ours = (f: FakeLettrLabs) =>
  [...f.orders.values()].filter((o) => o.templateId === TEMPLATE && o.status !== "Deleted");
const records = (dir: string) =>
  existsSync(join(dir, "state", "creates"))
    ? readdirSync(join(dir, "state", "creates")).filter((n) => n.endsWith(".json"))
    : [];
const create = (...extra: string[]) => ["orders", "create", "--template", String(TEMPLATE), ...extra];
/** `orderkit commercelayer line-items set` of SKU-1 on `order`. */
const setLine = (order: string, quantity: number) => [
  "commercelayer",
  "line-items",
  "set",
  order,
  "--sku",
  "SKU-1",
  "--quantity",
  String(quantity),
];

/** `orders create` of the template, killed as its POST arrives (which gets `fault`). */
const killedCreate = (f: FakeLettrLabs, fault: object, env: Record<string, string>, dir: string) =>
  killedAt(f, (m, p) => m === "POST" && p === "/v1/order", fault, create(), env, dir);

describe("orderkit orders create across processes", () => {
  it("killed after sending, the server applying it late: the re-run finds the order and makes no second; --restart makes a new one", async () => {
    const { f, env } = await lettrLabs();
    const dir = tempDir();
    const first = await killedCreate(f, { kind: "apply-late", ms: 300 }, env, dir);
    expect(first.signal).toBe("SIGKILL");
    expect(records(dir)).toHaveLength(1);
    const again = await runCli(create(), env, dir);
    // Without a terminal the new empty Draft is not taken on faith: named, and not created again.
    expect(again.code, again.stderr).toBe(1);
    const [made] = ours(f);
    expect(ours(f)).toHaveLength(1);
    expect(again.stderr).toContain("reading back before sending anything");
    expect(again.stderr).toContain(`order ${made?.id} appeared`);
    expect(again.stderr).toContain("--restart");
    expect(f.count("POST", /^\/v1\/order$/)).toBe(1);
    expect(records(dir)).toHaveLength(1);
    // The user checked, and wants a new order anyway.
    const restart = await runCli(create("--restart", "--json"), env, dir);
    expect(restart.code, restart.stderr).toBe(0);
    expect(ours(f)).toHaveLength(2);
    expect(JSON.parse(restart.stdout).orderId).not.toBe(made?.id);
    expect(records(dir)).toHaveLength(0);
  });

  it("killed before the create was applied: the re-run reads back, creates one order, and forgets the record", async () => {
    const { f, env } = await lettrLabs();
    const dir = tempDir();
    const first = await killedCreate(f, { kind: "drop-before-apply" }, env, dir);
    expect(first.signal).toBe("SIGKILL");
    expect(ours(f)).toHaveLength(0);
    const again = await runCli(create("--json"), env, dir);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain("reading back before sending anything");
    expect(ours(f)).toHaveLength(1);
    expect(JSON.parse(again.stdout)).toMatchObject({ orderId: ours(f)[0]?.id, recovered: false });
    expect(records(dir)).toHaveLength(0);
    // Done: the next create of the template is a new order, as asked.
    expect((await runCli(create(), env, dir)).code).toBe(0);
    expect(ours(f)).toHaveLength(2);
  });

  it("--settle-ms reaches the client: a create the server applies while the re-run waits is found; with 0, it is missed", async () => {
    for (const settle of ["3000", "0"] as const) {
      const { f, env } = await lettrLabs();
      const dir = tempDir();
      // The first run's create is lost, and killed; the server applies it late, when the test says:
      // 1.5 s into the re-run (inside a 3 s wait, after the default 1 s one), or, without a wait,
      // once the re-run has read the Drafts back and sent its own create.
      const first = await killedCreate(f, { kind: "drop-before-apply" }, env, dir);
      expect(first.signal).toBe("SIGKILL");
      const applyLate = () => f.seedOrder("Draft", TEMPLATE);
      if (settle === "0")
        f.schedule = ({ method, path }) => {
          if (method === "POST" && path === "/v1/order") applyLate();
          return undefined;
        };
      const again = runCli(["--settle-ms", settle, ...create()], env, dir);
      if (settle !== "0") setTimeout(applyLate, 1500);
      const ended = await again;
      f.schedule = undefined;
      // With the wait, the late order is found (named, exit 1); without, a second one is made.
      expect(ended.code, ended.stderr).toBe(settle === "0" ? 0 : 1);
      expect(ours(f), `--settle-ms ${settle}`).toHaveLength(settle === "0" ? 2 : 1);
    }
  });

  it("two terminals at once: the second is refused (exit 4) and only one order is made", async () => {
    const { f, env } = await lettrLabs();
    const dir = tempDir();
    // Long enough for a second process to start on a loaded machine.
    f.inject("POST", /^\/v1\/order$/, { kind: "delay", ms: 3000 });
    const one = runCli(create(), env, dir);
    // The first run has recorded its create (just before sending it), and waits for the answer.
    while (records(dir).length === 0) await new Promise((r) => setTimeout(r, 20));
    const two = await runCli(create(), env, dir);
    expect(two.code).toBe(4);
    expect(two.stderr).toContain("in progress in another process");
    expect((await one).code).toBe(0);
    expect(ours(f)).toHaveLength(1);
    expect(records(dir)).toHaveLength(0);
  });

  it("two terminals given two --journal-dir share the create's lock: the second is refused (exit 4), one order", async () => {
    const { f, env } = await lettrLabs();
    const dir = tempDir();
    f.inject("POST", /^\/v1\/order$/, { kind: "delay", ms: 3000 });
    const one = runCli(create("--journal-dir", join(dir, "a")), env, dir);
    while (!existsSync(join(dir, "a", "creates")) || readdirSync(join(dir, "a", "creates")).length === 0)
      await new Promise((r) => setTimeout(r, 20));
    const two = await runCli(create("--journal-dir", join(dir, "b")), env, dir);
    expect(two.code, two.stderr).toBe(4);
    expect(two.stderr).toContain("in progress in another process");
    expect((await one).code).toBe(0);
    expect(ours(f)).toHaveLength(1);
  });

  it("--journal-dir with a state directory that cannot be made: exit 2 naming it, nothing sent", async () => {
    const { f, env } = await lettrLabs();
    const dir = tempDir();
    writeFileSync(join(dir, "not-a-dir"), "");
    const run = await runCli(
      create("--journal-dir", join(dir, "journal")),
      { ...env, ORDERKIT_STATE_DIR: join(dir, "not-a-dir", "state") },
      dir,
    );
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain(
      `The directory of the locks of creates, ${join(dir, "not-a-dir", "state", "creates")}, cannot be made (ENOTDIR): ${join(dir, "not-a-dir")} is not a directory`,
    );
    expect(f.requests.filter((r) => r.method !== "GET")).toHaveLength(0);
    expect(ours(f)).toHaveLength(0);
  });

  it("a state directory this user cannot write in (left by a `sudo orderkit`): exit 2 naming it, nothing sent", async () => {
    const { f, env } = await lettrLabs();
    const dir = tempDir();
    const first = await runCli(create(), env, dir);
    expect(first.code, first.stderr).toBe(0);
    const as = notWritableBy(join(dir, "state"), dir);
    const run = await runCli(create(), env, dir, as);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain(`${join(dir, "state", "creates")}, cannot be written (EACCES)`);
    expect(run.stderr).not.toContain(".tmp");
    expect(ours(f)).toHaveLength(1);
    expect(f.count("POST", /^\/v1\/order$/)).toBe(1);
  });

  it("a lock that cannot be removed once the order is made: the run still succeeds, naming the lock to delete", async () => {
    const { f, env } = await lettrLabs();
    const dir = tempDir();
    const state = join(dir, "state");
    const locks = join(state, "creates");
    mkdirSync(locks, { recursive: true });
    // Writable now, by whoever runs the CLI; taken away as its POST arrives (the lock is held).
    const as = notWritableBy(state, dir);
    const chmod = (mode: number) => () => {
      chmodSync(state, 0o777);
      chmodSync(locks, mode);
    };
    chmod(0o777)();
    f.inject("POST", /^\/v1\/order$/, { kind: "side-effect", effect: chmod(0o555) });
    const run = await runCli(create("--journal-dir", join(dir, "journal"), "--json"), env, dir, as);
    chmodSync(locks, 0o755);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).orderId).toBe(ours(f)[0]?.id);
    const [lock] = readdirSync(locks);
    expect(run.stderr).toContain(
      `The lock ${join(locks, lock as string)} could not be removed (EACCES): once this user can write in ${locks}, delete ${join(locks, lock as string)}`,
    );
    expect(ours(f)).toHaveLength(1);
  });

  it("a damaged record stops before anything is sent (exit 2), and --restart forgets it", async () => {
    const { f, env } = await lettrLabs();
    const dir = tempDir();
    await killedCreate(f, { kind: "apply-late", ms: 100 }, env, dir);
    await new Promise((r) => setTimeout(r, 150));
    const [name] = records(dir);
    const path = join(dir, "state", "creates", name as string);
    const valid = JSON.parse(readFileSync(path, "utf8"));
    for (const text of [
      '{"version":1,',
      '{"version":1,"key":"x"}',
      "[]",
      // Well-formed, but never written by the CLI: the create was not about to be sent, or lost its snapshot.
      JSON.stringify({ ...valid, createStarted: false }),
      JSON.stringify({ ...valid, draftsBefore: undefined }),
      // A host edited into one no run could go through (review 178: it could not be cleared).
      JSON.stringify({ ...valid, meaning: { ...valid.meaning, host: "zzz" } }),
    ]) {
      writeFileSync(path, text);
      const run = await runCli(create(), env, dir);
      expect(run.code, text).toBe(2);
      expect(run.stderr).toContain("is damaged");
      expect(f.count("POST", /^\/v1\/order$/)).toBe(1);
    }
    expect(ours(f)).toHaveLength(1);
    expect((await runCli(create("--restart"), env, dir)).code).toBe(0);
    expect(ours(f)).toHaveLength(2);
    expect(records(dir)).toHaveLength(0);
  });

  it("a create the server refused leaves no record: the next run creates without reading back", async () => {
    const { f, env } = await lettrLabs();
    const dir = tempDir();
    f.inject("POST", /^\/v1\/order$/, { kind: "status", status: 400, body: { errors: ["bad template"] } });
    const refused = await runCli(create(), env, dir);
    expect(refused.code).toBe(1);
    expect(records(dir)).toHaveLength(0);
    // A 200 whose body says it refused (errors, no order) is a refusal too (review 153: a record
    // was kept, and the next run offered another writer's Draft as this create's).
    f.inject("POST", /^\/v1\/order$/, {
      kind: "status",
      status: 200,
      body: { payload: null, hasErrors: true, errors: ["Template 7 is archived"] },
    });
    const said = await runCli(create(), env, dir);
    expect(said.code).toBe(1);
    expect(records(dir)).toHaveLength(0);
    const next = await runCli(create(), env, dir);
    expect(next.code).toBe(0);
    expect(next.stderr).not.toContain("reading back");
    expect(ours(f)).toHaveLength(1);
  });

  it("review 191: a create applied, then answered 3xx without a Location, is no refusal: run twice, one order", async () => {
    const { f, env } = await lettrLabs();
    const dir = tempDir();
    f.inject("POST", /^\/v1\/order$/, { kind: "apply-then", status: 302 });
    const first = await runCli(create(), env, dir);
    const second = await runCli(create(), env, dir);
    // The read-back found the Draft the first run made (no terminal to take it on faith): named,
    // kept on record, and the second run stops on that record instead of creating again.
    expect(ours(f)).toHaveLength(1);
    expect(f.count("POST", /^\/v1\/order$/)).toBe(1);
    expect(first.stderr).toContain(`order ${ours(f)[0]?.id}`);
    expect(first.code).toBe(1);
    expect(second.code).toBe(1);
    expect(records(dir)).toHaveLength(1);
  });

  it("a record that is a directory is damaged (exit 2), with or without --restart, and nothing is sent", async () => {
    const { f, env } = await lettrLabs();
    const dir = tempDir();
    await killedCreate(f, { kind: "apply-late", ms: 100 }, env, dir);
    const [name] = records(dir);
    const path = join(dir, "state", "creates", name as string);
    rmSync(path);
    mkdirSync(path);
    for (const extra of [[], ["--restart"]]) {
      const run = await runCli(create(...extra), env, dir);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain("is damaged");
    }
    expect(f.count("POST", /^\/v1\/order$/)).toBe(1);
  });

  it("after an ambiguous create, --order takes one of the new Drafts it named: no second order, record forgotten", async () => {
    const { f, env } = await lettrLabs();
    const dir = tempDir();
    const before = f.seedOrder("Draft", TEMPLATE);
    // No --order without an interrupted create to continue.
    const none = await runCli(create("--order", String(before.id)), env, dir);
    expect(none.code).toBe(2);
    await killedCreate(f, { kind: "apply-late", ms: 100 }, env, dir);
    const again = await runCli(create(), env, dir);
    expect(again.code).toBe(1);
    const made = ours(f).find((o) => o.id !== before.id);
    expect(again.stderr).toContain(`--order ${made?.id}`);
    // An order that existed before the create cannot be the one it made.
    const old = await runCli(create("--order", String(before.id)), env, dir);
    expect(old.code).toBe(2);
    expect(old.stderr).toContain("existed before");
    // A mistyped id or a read that fails says nothing about the create: the record stays.
    const typo = await runCli(create("--order", "987654"), env, dir);
    expect(typo.code).toBe(1);
    expect(records(dir)).toHaveLength(1);
    // Another writer's Draft that already holds recipients is not the empty Draft the create made.
    const foreign = f.seedOrder("Draft", 99);
    foreign.recipients.push({
      id: 1,
      address: { address1: "1 Main St", city: "Austin", state: "TX", zip: "78704" },
      personal: { firstName: "Ana" },
    });
    const taken = await runCli(create("--order", String(foreign.id)), env, dir);
    expect(taken.code).toBe(2);
    expect(taken.stderr).toContain("already holds recipients");
    expect(records(dir)).toHaveLength(1);
    const take = await runCli(create("--order", String(made?.id), "--json"), env, dir);
    expect(take.code, take.stderr).toBe(0);
    expect(JSON.parse(take.stdout)).toMatchObject({ orderId: made?.id, recovered: true });
    expect(records(dir)).toHaveLength(0);
    expect(ours(f)).toHaveLength(2);
    expect(f.count("POST", /^\/v1\/order$/)).toBe(1);
  });

  it("killed the moment its record is forgotten, the run had already printed its order", async () => {
    const { f, env } = await lettrLabs();
    const dir = tempDir();
    // A preload that kills the process as soon as the record is removed.
    const preload = join(dir, "kill-on-forget.cjs");
    writeFileSync(
      preload,
      [
        'const fsp = require("node:fs/promises");',
        'const { syncBuiltinESMExports } = require("node:module");',
        "const rm = fsp.rm;",
        "fsp.rm = async function (path, ...rest) {",
        "  const out = await rm.call(this, path, ...rest);",
        '  if (/creates.[0-9a-f]+[.]json$/.test(String(path))) process.kill(process.pid, "SIGKILL");',
        "  return out;",
        "};",
        "syncBuiltinESMExports();",
      ].join("\n"),
    );
    const run = await runCli(create("--json"), { ...env, NODE_OPTIONS: `--require ${preload}` }, dir);
    expect(run.signal).toBe("SIGKILL");
    expect(records(dir)).toHaveLength(0);
    expect(ours(f)).toHaveLength(1);
    expect(JSON.parse(run.stdout).orderId).toBe(ours(f)[0]?.id);
  });

  it("rejects a --settle-ms that is not a whole number in range (exit 2), sending nothing", async () => {
    const { f, env } = await lettrLabs();
    for (const bad of ["abc", "-5", "600001", "1.5"]) {
      const run = await runCli(["--settle-ms", bad, ...create()], env);
      expect(run.code, bad).toBe(2);
      expect(run.stderr).toContain("--settle-ms");
    }
    expect(f.requests).toHaveLength(0);
  });
});

const KINDS: FaultKind[] = [
  "drop-before-apply",
  "drop-after-apply",
  "server-error",
  "rate-limit",
  "foreign-draft",
];

/**
 * `orderkit orders create`, killed at a random request under random faults, run again as a
 * careful user would (keeping a named candidate of the template, else `--restart`): the template
 * never has two orders, and the user ends with exactly one.
 */
async function scenario(schedule: FaultKind[], crashAt: number) {
  const fake = await new FakeLettrLabs({ apiKey: KEY }).start();
  try {
    const dir = tempDir();
    const env = { LETTRLABS_BASE_URL: fake.url, LETTRLABS_API_KEY: KEY };
    let current: ReturnType<typeof runCli> | undefined;
    fake.schedule = ({ index }) => {
      if (index === crashAt) current?.child.kill("SIGKILL");
      return lettrLabsFault(schedule[index] ?? "none");
    };
    let extra: string[] = [];
    let last: CliRun | undefined;
    let kept: number | undefined;
    for (let attempt = 0; attempt < 8 && kept === undefined; attempt++) {
      current = runCli(["--settle-ms", "20", ...create(...extra)], env, dir);
      last = await current;
      expect(ours(fake).length, last.stderr).toBeLessThanOrEqual(1);
      if (last.code === 0) break;
      const candidates = [...(last.stderr.match(/order (\d+) appeared|orders appeared \(([\d, ]+)\)/) ?? [])]
        .slice(1)
        .filter(Boolean)
        .flatMap((s) => (s as string).split(/,\s*/).map(Number));
      kept = candidates.find((id) => fake.orders.get(id)?.templateId === TEMPLATE);
      extra = candidates.length > 0 ? ["--restart"] : [];
    }
    expect(last?.code === 0 || kept !== undefined, last?.stderr).toBe(true);
    expect(ours(fake)).toHaveLength(1);
    for (const o of fake.orders.values())
      if (o.templateId === FOREIGN_TEMPLATE) expect(o.recipients).toHaveLength(0);
    expect(last?.stdout + (last?.stderr ?? "")).not.toContain(KEY);
  } finally {
    await fake.stop();
  }
}

describe("orderkit orders create under randomized faults and kills", () => {
  it(
    "never two orders of the template, whatever fails and wherever it is killed",
    async () => {
      await assertSchedules(
        "cli orders create crash-and-resume",
        fc.tuple(
          scheduleArb(KINDS, 12),
          // Biased to request 1 (the first run's POST, after its Draft listing): killed as it lands.
          fc.oneof(
            { weight: 2, arbitrary: fc.constant(1) },
            { weight: 5, arbitrary: fc.integer({ min: -1, max: 6 }) },
          ),
        ),
        ([schedule, crashAt]) => scenario(schedule, crashAt),
        12,
        "CLI_FAULT_RUNS",
      );
    },
    faultTimeout(12, "CLI_FAULT_RUNS", 15_000),
  );
});

describe("orderkit commercelayer orders create --reference across processes", () => {
  const commerceLayer = (options: FakeCommerceLayerOptions = {}) =>
    commerceLayerFake("cli-single-shot", "cli-single-shot-secret-77", options);
  const withRef = (f: FakeCommerceLayer, ref: string) =>
    [...f.orders.values()].filter((o) => o.attributes.reference === ref);
  const clCreate = (...extra: string[]) => [
    "commercelayer",
    "orders",
    "create",
    "--reference",
    "WEB-77",
    "--email",
    "jordan@example.com",
    ...extra,
  ];

  it.each([
    ["in this run", false],
    ["by a run killed as it was applied, found by the re-run's read-back", true],
  ] as const)(
    "review 213: an order made in another market than asked (%s) is reported as made, with its id (exit 1); later runs make no other",
    async (_, killed) => {
      const { f, env } = await commerceLayer({ marketOfToken: "MKT_TOKEN" });
      const dir = tempDir();
      const args = (ref: string, ...extra: string[]) => [
        "commercelayer",
        "orders",
        "create",
        "--reference",
        ref,
        "--market",
        "MKT_ASKED",
        ...extra,
      ];
      if (killed) {
        const first = await killedAt(
          f,
          (m, p) => m === "POST" && p === "/orders",
          { lateMs: 300 },
          args("R1"),
          env,
          dir,
        );
        expect(first.signal).toBe("SIGKILL");
        expect(records(dir)).toHaveLength(1);
      }
      const run = await runCli(args("R1", "--json"), env, dir);
      expect(run.code, run.stderr).toBe(1);
      const [made] = withRef(f, "R1");
      expect(withRef(f, "R1")).toHaveLength(1);
      expect(made?.marketId).toBe("MKT_TOKEN");
      expect(JSON.parse(run.stdout).id).toBe(made?.id);
      expect(run.stderr).toContain(
        `Order ${made?.id} was created with reference R1, but with market MKT_TOKEN`,
      );
      expect(run.stderr).toContain(`orderkit commercelayer orders cancel ${made?.id}`);
      // Only a resumed run's order can have been asked for otherwise by an earlier run.
      expect(run.stderr.includes("made by an earlier run of this command")).toBe(killed);
      expect(run.stderr).not.toContain("nothing was created");
      expect(run.stderr).not.toContain("another reference");
      expect(records(dir)).toHaveLength(0);
      // Run again: the look-up finds it, nothing more is made.
      const again = await runCli(args("R1"), env, dir);
      expect(again.code, again.stderr).not.toBe(0);
      expect(again.stderr).toContain(`Order ${made?.id} already has reference R1, with market MKT_TOKEN`);
      expect(again.stderr).not.toContain("another reference");
      expect(withRef(f, "R1")).toHaveLength(1);
      expect(f.orders.size).toBe(1);
    },
  );

  it("an interrupted create resumed with another --market: its order is reported as made by the earlier run (exit 1), and no other is made", async () => {
    const { f, env } = await commerceLayer();
    const dir = tempDir();
    const args = (market: string) => [
      "commercelayer",
      "orders",
      "create",
      "--reference",
      "R2",
      "--market",
      market,
    ];
    const first = await killedAt(
      f,
      (m, p) => m === "POST" && p === "/orders",
      { lateMs: 300 },
      args("MKT_A"),
      env,
      dir,
    );
    expect(first.signal).toBe("SIGKILL");
    const run = await runCli(args("MKT_B"), env, dir);
    expect(run.code, run.stderr).toBe(1);
    const [made] = withRef(f, "R2");
    expect(withRef(f, "R2")).toHaveLength(1);
    expect(made?.marketId).toBe("MKT_A");
    expect(run.stderr).toContain(`Order ${made?.id} was created with reference R2, but with market MKT_A`);
    expect(run.stderr).toContain("made by an earlier run of this command, interrupted");
    // Run again: the look-up finds it, nothing more is made.
    expect((await runCli(args("MKT_B"), env, dir)).code).not.toBe(0);
    expect(f.orders.size).toBe(1);
  });

  it("review 217 L5: a resumed create whose read-back finds nothing makes the order itself: made otherwise than asked, it is never called the earlier run's", async () => {
    const { f, env } = await commerceLayer({ marketOfToken: "MKT_TOKEN" });
    const dir = tempDir();
    const args = ["commercelayer", "orders", "create", "--reference", "R3", "--market", "MKT_A"];
    // The killed run's create never lands.
    const first = await killedAt(
      f,
      (m, p) => m === "POST" && p === "/orders",
      { heldUntil: new Promise(() => undefined) },
      args,
      env,
      dir,
    );
    expect(first.signal).toBe("SIGKILL");
    expect(f.orders.size).toBe(0);
    const run = await runCli(args, env, dir);
    expect(run.code, run.stderr).toBe(1);
    expect(withRef(f, "R3")).toHaveLength(1);
    expect(run.stderr).toContain("was created with reference R3, but with market MKT_TOKEN");
    expect(run.stderr).not.toContain("made by an earlier run of this command");
  });

  it("review 217 L6: an interrupted create resumed with another --email cannot tell whose the order found is: the hint names the way out (--restart once checked), which ends it, one order", async () => {
    const { f, env } = await commerceLayer();
    const dir = tempDir();
    const args = (email: string, ...extra: string[]) => [
      "commercelayer",
      "orders",
      "create",
      "--reference",
      "R4",
      "--email",
      email,
      ...extra,
    ];
    const first = await killedAt(
      f,
      (m, p) => m === "POST" && p === "/orders",
      { lateMs: 300 },
      args("a@example.com"),
      env,
      dir,
    );
    expect(first.signal).toBe("SIGKILL");
    const run = await runCli(args("b@example.com"), env, dir);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain("--restart forgets the interrupted create");
    expect(run.stderr).not.toContain("can be re-run safely");
    const restarted = await runCli(args("b@example.com", "--restart"), env, dir);
    expect(restarted.code, restarted.stderr).not.toBe(0);
    expect(restarted.stderr).toContain("already has reference R4, with customer a@example.com");
    expect(withRef(f, "R4")).toHaveLength(1);
    expect(f.orders.size).toBe(1);
  });

  it.each([
    ["in the market asked", undefined, 0],
    ["in another market", "MKT_TOKEN", 1],
  ] as const)(
    "review 214: a server that answers without the market relationship's data, the order made %s: read, and told apart",
    async (_, marketOfToken, code) => {
      const { f, env } = await commerceLayer({ relationshipsWithoutData: true, marketOfToken });
      const dir = tempDir();
      const args = ["commercelayer", "orders", "create", "--reference", "R-NM", "--market", "MKT1"];
      for (const run of [0, 1]) {
        const done = await runCli(args, env, dir);
        expect(withRef(f, "R-NM")).toHaveLength(1);
        expect(f.orders.size).toBe(1);
        if (code === 0) {
          expect(done.code, done.stderr).toBe(0);
          expect(done.stderr).not.toContain("not as asked");
        } else {
          expect(done.code).toBe(1);
          expect(done.stderr).toContain(
            run === 0
              ? "was created with reference R-NM, but with market MKT_TOKEN"
              : "already has reference R-NM, with market MKT_TOKEN",
          );
        }
      }
      expect(f.requests.filter((r) => r.path.endsWith("/market")).length).toBeGreaterThan(0);
    },
  );

  it.each([
    ["in another market", "MKT_TOKEN"],
    ["in the market asked", undefined],
  ] as const)(
    "review 215: a market the answer leaves out and whose read fails (500) is never taken as asked: exit 1 both runs, the order made %s, one order",
    async (_, marketOfToken) => {
      const { f, env } = await commerceLayer({ relationshipsWithoutData: true, marketOfToken });
      f.inject("GET", /^\/orders\/[^/]+\/market$/, { status: 500 }, 100);
      const dir = tempDir();
      const args = ["commercelayer", "orders", "create", "--reference", "R-WM", "--market", "MKT1"];
      const first = await runCli(args, env, dir);
      expect(first.code).toBe(1);
      const [made] = withRef(f, "R-WM");
      expect(first.stderr).toContain(
        `Order ${made?.id} was created with reference R-WM, but its market could not be checked`,
      );
      const again = await runCli(args, env, dir);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain("but its market could not be checked");
      expect(again.stderr).toContain("nothing was created");
      expect(f.orders.size).toBe(1);
    },
  );

  it("review 214: an answer whose customer_email is not text is told as made otherwise, not a crash", async () => {
    const { f, env } = await commerceLayer();
    f.inject("POST", /^\/orders$/, {
      status: 201,
      body: {
        data: {
          id: "ordX",
          type: "orders",
          attributes: { reference: "R-E", customer_email: 7 },
          relationships: { market: { data: null } },
        },
      },
    });
    const run = await runCli(
      ["commercelayer", "orders", "create", "--reference", "R-E", "--email", "jordan@example.com"],
      env,
      tempDir(),
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("was created with reference R-E, but with customer 7");
    expect(run.stderr).not.toContain("is not a function");
  });

  it.each([
    ["applied late, after the kill", { lateMs: 300 }],
    ["answered 503, not applied", { status: 503 }],
  ] as const)(
    "killed mid-create (%s): the re-run looks the reference up and holds one order",
    async (_, fault) => {
      const { f, env } = await commerceLayer();
      const dir = tempDir();
      const first = await killedAt(
        f,
        (m, p) => m === "POST" && p === "/orders",
        fault as object,
        clCreate(),
        env,
        dir,
      );
      expect(first.signal).toBe("SIGKILL");
      const again = await runCli(clCreate("--json"), env, dir);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stderr).toContain("reading back before sending anything");
      expect(withRef(f, "WEB-77")).toHaveLength(1);
      expect(JSON.parse(again.stdout).id).toBe(withRef(f, "WEB-77")[0]?.id);
      expect(records(dir)).toHaveLength(0);
      expect(again.stdout + again.stderr).not.toContain("cli-single-shot-secret-77");
    },
  );

  const posts = (f: FakeCommerceLayer) =>
    f.requests.filter((r) => r.method === "POST" && r.path === "/orders").length;

  it.each([
    [
      "line-items add",
      "POST",
      /^\/line_items$/,
      ["line-items", "add", "ORDER", "--sku", "SKU-1", "--quantity", "1"],
    ],
    [
      "orders create (no --reference)",
      "POST",
      /^\/orders$/,
      ["orders", "create", "--email", "jordan@example.com"],
    ],
    ["orders place", "PATCH", /^\/orders\//, ["orders", "place", "ORDER"]],
  ] as const)(
    "Ctrl-C while %s is on its way (no lock): exit 130, and the stop says the write may have landed",
    async (_, method, path, args) => {
      const { f, env } = await commerceLayer();
      const [order] = f.seedOrders(1, { status: "pending" });
      const dir = tempDir();
      const cl = ["commercelayer", ...args.map((a) => (a === "ORDER" ? String(order?.id) : a))];
      const run = await killedAt(
        f,
        (m, p) => m === method && path.test(p),
        { lateMs: 300 },
        cl,
        env,
        dir,
        "SIGINT",
      );
      expect(run.code, run.stderr).toBe(130);
      expect(run.stderr).toContain(`Stopped (SIGINT). A write had been sent (${method} /`);
      expect(run.stderr).toContain(
        "may have landed: check what the server holds before running this command again.",
      );
    },
  );

  it("Ctrl-C during a read (after the token request, a POST) says nothing of a write", async () => {
    const { f, env } = await commerceLayer();
    const [order] = f.seedOrders(1);
    const dir = tempDir();
    const get = ["commercelayer", "orders", "get", String(order?.id)];
    const run = await killedAt(
      f,
      (m, p) => m === "GET" && p.startsWith("/orders/"),
      { lateMs: 300 },
      get,
      env,
      dir,
      "SIGINT",
    );
    expect(run.code, run.stderr).toBe(130);
    expect(run.stderr.trim()).toBe("Stopped (SIGINT).");
    expect(f.tokenRequests).toBe(1);
  });

  it.each([
    ["spelt in two letter cases (review 178)", "ref-case-1"],
    ["the other run by the version before, which locked it as typed (review 179)", "old"],
  ] as const)(
    "orders create --reference from two terminals at once, %s, is one create: the second is refused (exit 4)",
    async (_, second) => {
      const { f, env } = await commerceLayer();
      const args = (value: string) => ["commercelayer", "orders", "create", "--reference", value];
      // The first run's POST is held at the server until the second has run.
      let release = () => {};
      let held = () => {};
      const atServer = new Promise<void>((r) => {
        held = r;
      });
      f.inject("POST", /^\/orders$/, {
        heldUntil: new Promise<void>((r) => {
          release = r;
        }),
        onHeld: () => held(),
      });
      // Two terminals in one directory (one state directory, where the locks are).
      const dir = tempDir();
      const locks = join(dir, "state", "creates");
      const meaning = { command: "commercelayer orders create", host: "", reference: "Ref-Case-1" };
      // The version before, mid-create, holds the lock of the reference as typed (this process).
      const old = new FileLock(join(locks, `${PendingCreates.exactKeyOf(meaning)}.lock`));
      if (second === "old") {
        mkdirSync(locks, { recursive: true });
        await old.acquire("a create of the version before");
      }
      const one = second === "old" ? undefined : runCli(args("Ref-Case-1"), env, dir);
      if (one) await atServer;
      const two = await runCli(args(second === "old" ? "Ref-Case-1" : second), env, dir);
      release();
      expect(two.code, two.stderr).toBe(4);
      if (one) expect((await one).code).toBe(0);
      else await old.release();
      expect(f.requests.filter((r) => r.method === "POST" && r.path === "/orders")).toHaveLength(one ? 1 : 0);
      expect(f.orders.size).toBe(one ? 1 : 0);
    },
  );

  it("review 178: on a server that keeps another form, the same reference typed in another case is stopped by the first run's note, not sent again", async () => {
    const { f, env } = await commerceLayer({ storedAs: (v) => v.toLowerCase() });
    const dir = tempDir();
    const create = (reference: string) => ["commercelayer", "orders", "create", "--reference", reference];
    const one = await runCli(create("Web-Case-9"), env, dir);
    expect(one.code, one.stderr).toBe(1);
    expect(one.stderr).toContain("Every later run of this command with this state directory stops");
    const two = await runCli(create("WEB-CASE-9"), env, dir);
    expect(two.code, two.stderr).toBe(1);
    expect(two.stderr).toContain(
      "An earlier run of this command was answered by the server, but not as asked",
    );
    expect([...f.orders.values()].map((o) => o.attributes.reference)).toEqual(["web-case-9"]);
    expect(f.requests.filter((r) => r.method === "POST" && r.path === "/orders")).toHaveLength(1);
  });

  it("a server that keeps references and SKU codes in another form: the create and the line are each made once, and re-runs stop instead of sending them again", async () => {
    const { f, env } = await commerceLayer({ storedAs: (v) => v.toUpperCase() });
    const dir = tempDir();
    const create = [
      "commercelayer",
      "orders",
      "create",
      "--reference",
      "web-77",
      "--email",
      "jordan@example.com",
    ];
    const first = await runCli(create, env, dir);
    expect(first.code, first.stderr).toBe(1);
    expect(first.stderr).toContain(`of reference "WEB-77", not "web-77"`);
    expect(first.stderr).toContain("Every later run of this command with this state directory stops");
    expect(first.stderr).toContain("hint: The server took the write");
    for (const extra of [[], ["--json"], ["--journal-dir", tempDir()]]) {
      const again = await runCli([...create, ...extra], env, dir);
      expect(again.code, again.stderr).toBe(1);
      expect(again.stderr).toContain("An earlier run of this command");
      expect(again.stderr).toContain("--restart");
    }
    expect([...f.orders.values()].map((o) => o.attributes.reference)).toEqual(["WEB-77"]);
    expect(posts(f)).toBe(1);

    const [order] = f.orders.keys();
    const line = ["commercelayer", "line-items", "set", String(order), "--sku", "sku-1", "--quantity", "2"];
    const set = await runCli([...line, "--json"], env, dir);
    expect(set.code, set.stderr).toBe(1);
    expect(JSON.parse(set.stderr.trim().split("\n").at(-1) as string).error).toMatchObject({
      kind: "ambiguous_write",
      recordKept: expect.any(String),
    });
    const again = await runCli([...line, "--journal-dir", tempDir()], env, dir);
    expect(again.code, again.stderr).toBe(1);
    expect(again.stderr).toContain("An earlier run of this command");
    expect([...f.lineItems.values()].map((l) => [l.sku_code, l.quantity])).toEqual([["SKU-1", 2]]);
    expect(f.requests.filter((r) => r.method === "POST" && r.path === "/line_items")).toHaveLength(1);
    // --restart is the user's word: it sends again.
    const restarted = await runCli([...line, "--restart"], env, dir);
    expect(restarted.stderr).toContain("Forgot that an earlier run's write was answered otherwise");
    expect(f.requests.filter((r) => r.method === "POST" && r.path === "/line_items")).toHaveLength(2);
  });

  it("a create answered otherwise, then found by reading back (a server whose filter matches what it keeps): exit 0, and nothing stops the next run", async () => {
    const { f, env } = await commerceLayer({ answeredAs: (v) => v.toUpperCase() });
    const dir = tempDir();
    const create = ["commercelayer", "orders", "create", "--reference", "web-9", "--json"];
    const first = await runCli(create, env, dir);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout).reference).toBe("web-9");
    const again = await runCli(create, env, dir);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain("already has reference web-9");
    expect(posts(f)).toBe(1);
    expect(f.orders.size).toBe(1);
  });

  it.each([
    [
      "its read-back fails (503)",
      (f: FakeCommerceLayer) => f.inject("GET", /^\/orders$/, { status: 503 }, 20),
      [],
    ],
    ["the run is stopped (SIGINT) while it waits to read back", undefined, ["--settle-ms", "3000"]],
  ] as const)(
    "a create answered otherwise whose run ends before its read-back settles it (%s): the re-run stops, one order",
    async (_, fault, extra) => {
      const { f, env } = await commerceLayer({ storedAs: (v) => v.toUpperCase() });
      const dir = tempDir();
      const create = ["commercelayer", ...extra, "orders", "create", "--reference", "web-5"];
      let first: CliRun;
      if (fault) {
        // Once the create has left (the lookup before it reads fine).
        f.schedule = ({ method, path }) => {
          if (method !== "POST" || path !== "/orders") return undefined;
          f.schedule = undefined;
          fault(f);
          return undefined;
        };
        first = await runCli(create, env, dir);
        expect(first.code, first.stderr).toBe(1);
      } else {
        let fired = false;
        let run: ReturnType<typeof runCli> | undefined;
        f.schedule = ({ method, path }) => {
          if (fired || method !== "POST" || path !== "/orders") return undefined;
          fired = true;
          setTimeout(() => run?.child.kill("SIGINT"), 800);
          return undefined;
        };
        run = runCli(create, env, dir);
        first = await run;
        f.schedule = undefined;
        expect(first.code, first.stderr).toBe(130);
      }
      const again = await runCli(["commercelayer", "orders", "create", "--reference", "web-5"], env, dir);
      expect(again.code, again.stderr).toBe(1);
      expect(again.stderr).toContain(
        "An earlier run of this command was answered by the server, but not as asked",
      );
      expect([...f.orders.values()].map((o) => o.attributes.reference)).toEqual(["WEB-5"]);
      expect(posts(f)).toBe(1);
    },
  );

  it("run again after it finished, the same reference returns the order it made: one order", async () => {
    const { f, env } = await commerceLayer();
    const dir = tempDir();
    const first = await runCli(clCreate("--json"), env, dir);
    expect(first.code, first.stderr).toBe(0);
    const again = await runCli(clCreate("--json"), env, dir);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain("already has reference WEB-77");
    expect(JSON.parse(again.stdout).id).toBe(JSON.parse(first.stdout).id);
    expect(withRef(f, "WEB-77")).toHaveLength(1);
    expect(posts(f)).toBe(1);
  });

  it("review 115: a look-up that lists an order of another reference (a server ignoring the filter) creates nothing and returns nothing (exit 1)", async () => {
    const { f, env } = await commerceLayer();
    const [theirs] = f.seedOrders(1, { reference: "OTHER", customer_email: "jordan@example.com" });
    f.inject("GET", /^\/orders$/, {
      status: 200,
      body: {
        data: [{ id: theirs?.id, type: "orders", attributes: { ...theirs?.attributes } }],
        meta: { record_count: 1, page_count: 1 },
      },
    });
    const run = await runCli(clCreate("--json"), env, tempDir());
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain("did not keep to the filter");
    expect(run.stdout).toBe("");
    expect(f.orders.size).toBe(1);
    expect(posts(f)).toBe(0);
  });

  it("review 155: a look-up without its count (no meta.record_count: a page may hide more orders of the reference) creates nothing and returns nothing (exit 1)", async () => {
    const { f, env } = await commerceLayer();
    const seeded = f.seedOrders(2, { reference: "WEB-77", customer_email: "jordan@example.com" });
    const [first] = seeded;
    for (const data of [[{ id: first?.id, type: "orders", attributes: { ...first?.attributes } }], []]) {
      f.inject("GET", /^\/orders$/, { status: 200, body: { data } });
      const run = await runCli(clCreate("--json"), env, tempDir());
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toContain("came without its count");
      expect(run.stdout).toBe("");
    }
    expect(f.orders.size).toBe(2);
    expect(posts(f)).toBe(0);
  });

  it("review 116: a look-up that lists one of three orders of the reference (its count says three) creates nothing and returns none of them (exit 1)", async () => {
    const { f, env } = await commerceLayer();
    const seeded = f.seedOrders(3, { reference: "WEB-77", customer_email: "jordan@example.com" });
    const [first] = seeded;
    f.inject("GET", /^\/orders$/, {
      status: 200,
      body: {
        data: [{ id: first?.id, type: "orders", attributes: { ...first?.attributes } }],
        meta: { record_count: 3, page_count: 3 },
      },
    });
    const run = await runCli(clCreate("--json"), env, tempDir());
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain("3 in all");
    expect(run.stdout).toBe("");
    expect(withRef(f, "WEB-77")).toHaveLength(3);
    expect(posts(f)).toBe(0);
  });

  it("an order found by its reference for another customer is a conflict (exit 1), not a success, and nothing is made", async () => {
    const { f, env } = await commerceLayer();
    const dir = tempDir();
    await killedAt(f, (m, p) => m === "POST" && p === "/orders", { lateMs: 300 }, clCreate(), env, dir);
    const other = [...clCreate().slice(0, -1), "someone@example.com"];
    // The earlier run's record is resumed: the read-back finds the order of that reference, for
    // another customer, and does not take it for this run's (nor create another).
    const again = await runCli(other, env, dir);
    expect(again.code, again.stderr).toBe(1);
    expect(again.stderr).toContain(`customer_email "jordan@example.com", not "someone@example.com"`);
    expect(withRef(f, "WEB-77")).toHaveLength(1);
    expect(records(dir)).toHaveLength(1);
    // Without a record, the lookup comes first: a conflict naming the customer.
    const third = await runCli([...other, "--restart"], env, dir);
    expect(third.code).toBe(1);
    expect(third.stderr).toContain("customer jordan@example.com");
    expect(records(dir)).toHaveLength(0);
    expect(withRef(f, "WEB-77")).toHaveLength(1);
    expect(posts(f)).toBe(1);
  });

  it("refuses an empty --reference (exit 2), sending nothing", async () => {
    const { f, env } = await commerceLayer();
    const run = await runCli(["commercelayer", "orders", "create", "--reference", " "], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--reference");
    expect(f.orders.size).toBe(0);
  });

  it("line-items set, killed mid-create and run again, leaves one line of the quantity; run again after, it writes nothing", async () => {
    const { f, env } = await commerceLayer();
    const dir = tempDir();
    const [order] = f.seedOrders(1);
    const args = [...setLine(order?.id as string, 3), "--json"];
    const lines = () => [...f.lineItems.values()].filter((l) => l.orderId === order?.id);
    const first = await killedAt(
      f,
      (m, p) => m === "POST" && p === "/line_items",
      { lateMs: 1500 },
      args,
      env,
      dir,
    );
    expect(first.signal).toBe("SIGKILL");
    // Run again at once: the first run's line lands 1.5 s after it arrived, after this run has
    // started and within its settle wait (3 s here), and is found.
    const again = await runCli(["--settle-ms", "3000", ...args], env, dir);
    expect(again.stderr).toContain("reading back before sending anything");
    expect(again.code, again.stderr).toBe(0);
    // The first run's request has landed (the fake logs it, unanswered, once applied).
    const landed = () =>
      f.requests.some((r) => r.method === "POST" && r.path === "/line_items" && r.status === 0);
    while (!landed()) await new Promise((r) => setTimeout(r, 20));
    expect(lines()).toHaveLength(1);
    expect(lines()[0]?.quantity).toBe(3);
    expect(JSON.parse(again.stdout)).toMatchObject({ sku_code: "SKU-1", quantity: 3 });
    const writes = () => f.requests.filter((r) => r.method !== "GET" && r.path !== "/oauth/token").length;
    const before = writes();
    expect((await runCli(args, env, dir)).code).toBe(0);
    expect(writes()).toBe(before);
    const more = await runCli([...setLine(order?.id as string, 5), "--json"], env, dir);
    expect(more.code, more.stderr).toBe(0);
    expect(lines().map((l) => l.quantity)).toEqual([5]);
  });

  it("line-items set that fails while reading the order's lines leaves no record: the next run does not wait to read back", async () => {
    const { f, env } = await commerceLayer();
    const dir = tempDir();
    const [order] = f.seedOrders(1);
    const args = setLine(order?.id as string, 2);
    // Every read of the lines fails, retries included.
    f.schedule = ({ method, path }) =>
      method === "GET" && path.endsWith("/line_items") ? { status: 503 } : undefined;
    const failed = await runCli(args, env, dir);
    f.schedule = undefined;
    expect(failed.code).not.toBe(0);
    expect(f.requests.filter((r) => r.method !== "GET" && r.path !== "/oauth/token")).toHaveLength(0);
    expect(records(dir)).toHaveLength(0);
    expect(failed.stderr).not.toContain("record of this write is kept");
    const again = await runCli(args, env, dir);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).not.toContain("reading back");
    expect([...f.lineItems.values()].map((l) => l.quantity)).toEqual([2]);
  });

  it("orders place, killed after the server placed the order and run again: exit 0 with the placed order, placed once", async () => {
    const { f, env } = await commerceLayer();
    const dir = tempDir();
    const [order] = f.seedOrders(1);
    const id = order?.id as string;
    const args = ["commercelayer", "orders", "place", id, "--json"];
    const first = await killedAt(
      f,
      (m, p) => m === "PATCH" && p === `/orders/${id}`,
      "drop-after-apply",
      args,
      env,
      dir,
    );
    expect(first.code).not.toBe(0);
    expect(f.applied._place).toBe(1);
    // The re-run's place is refused (the order is placed): it reads the order back instead of failing.
    const again = await runCli(["--settle-ms", "0", ...args], env, dir);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain("is already placed");
    expect(JSON.parse(again.stdout)).toMatchObject({ id, status: "placed" });
    expect(f.applied._place).toBe(1);
    expect(f.orders.get(id)?.attributes.status).toBe("placed");
  });

  it("orders place refused (422) on an order that is not placed: the refusal stands, and nothing is sent again", async () => {
    const { f, env } = await commerceLayer();
    const [order] = f.seedOrders(1);
    const id = order?.id as string;
    f.inject("PATCH", /^\/orders\//, {
      status: 422,
      body: { errors: [{ title: "card declined", status: "422" }] },
    });
    const run = await runCli(["commercelayer", "orders", "place", id], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("card declined");
    expect(f.requests.filter((r) => r.method === "PATCH")).toHaveLength(1);
    expect(f.applied._place ?? 0).toBe(0);
    expect(f.orders.get(id)?.attributes.status).toBe("draft");
  });

  it("orders place answered 2xx without the order ({ data: null }): read back, not sent again, and the hint says to check before placing again", async () => {
    const { f, env } = await commerceLayer();
    const [order] = f.seedOrders(1);
    const id = order?.id as string;
    f.inject("PATCH", /^\/orders\//, { status: 200, body: { data: null } });
    const run = await runCli(["--settle-ms", "0", "commercelayer", "orders", "place", id], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("holds no resource");
    expect(run.stderr).not.toContain("no such");
    expect(run.stderr).toContain("never re-sent: check the order");
    // Read back once, never re-sent.
    expect(f.requests.filter((r) => r.method === "PATCH")).toHaveLength(1);
    expect(f.requests.filter((r) => r.method === "GET" && r.path === `/orders/${id}`)).toHaveLength(1);
    expect(f.applied._place ?? 0).toBe(0);
  });

  it("orders get answered 2xx without the order, or 404: no hint that anything may have been applied", async () => {
    const { f, env } = await commerceLayer();
    const [order] = f.seedOrders(1);
    const id = order?.id as string;
    f.inject("GET", /^\/orders\//, { status: 200, body: { data: null } });
    const empty = await runCli(["commercelayer", "orders", "get", id], env);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain("holds no resource");
    expect(empty.stderr).not.toContain("hint:");
    const missing = await runCli(["commercelayer", "orders", "get", "NOPE"], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("404");
    expect(missing.stderr).not.toContain("hint:");
    // A write refused outright (a 404, nothing uncertain before it) gets none either.
    const refused = await runCli(["commercelayer", "orders", "place", "NOPE"], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("404");
    expect(refused.stderr).not.toContain("hint:");
    expect(f.applied._place ?? 0).toBe(0);
  });

  /** `orders create --reference` whose POST is answered 503, then `status` (`times` times). */
  async function createRefusedAfter503(status: number, times: number, ...extra: string[]) {
    const { f, env } = await commerceLayer();
    f.inject("POST", /^\/orders$/, { status: 503 }, 1);
    f.inject("POST", /^\/orders$/, { status }, times);
    const dir = tempDir();
    const run = await runCli(["--settle-ms", "0", ...clCreate(...extra)], env, dir);
    return { f, env, run, dir };
  }

  /** The JSON error line of a `--json` run (the last line of its stderr). */
  const jsonError = (run: CliRun) =>
    (JSON.parse(run.stderr.trim().split("\n").at(-1) ?? "") as { error: Record<string, unknown> }).error;

  it("under --json, the error line names the record kept after a create that may still land; the re-run reads back and creates one order; a plain refusal names none", async () => {
    const { f, env, run, dir } = await createRefusedAfter503(409, 1, "--json");
    expect(run.code).toBe(1);
    const [record] = records(dir);
    expect(records(dir)).toHaveLength(1);
    const error = jsonError(run);
    expect(error.recordKept).toBe(join(dir, "state", "creates", record as string));
    expect(error.status).toBe(409);
    expect(withRef(f, "WEB-77")).toHaveLength(0);
    const again = await runCli(["--settle-ms", "0", ...clCreate("--json")], env, dir);
    expect(again.code).toBe(0);
    expect(withRef(f, "WEB-77")).toHaveLength(1);
    expect(records(dir)).toHaveLength(0);

    const plain = await commerceLayer();
    plain.f.inject("POST", /^\/orders$/, { status: 422 }, 1);
    const plainDir = tempDir();
    const refused = await runCli(["--settle-ms", "0", ...clCreate("--json")], plain.env, plainDir);
    expect(refused.code).toBe(1);
    expect(jsonError(refused).status).toBe(422);
    expect(jsonError(refused)).not.toHaveProperty("recordKept");
    expect(records(plainDir)).toHaveLength(0);
    expect(withRef(plain.f, "WEB-77")).toHaveLength(0);
  });

  it.each([404, 409, 422])(
    "a create whose re-send is refused (%i) after a 503 that may still land: the record is kept, and the hint says how to re-run safely",
    async (status) => {
      const { f, run } = await createRefusedAfter503(status, 1);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`HTTP ${status}`);
      expect(run.stderr).toContain("The record of this write is kept");
      expect(run.stderr).toContain(
        "hint: Reads can be re-run. A create with --reference, re-run, looks the reference up first",
      );
      expect(f.requests.filter((r) => r.method === "POST" && r.path === "/orders")).toHaveLength(2);
      expect(withRef(f, "WEB-77")).toHaveLength(0);
    },
  );

  it.each([401, 403])(
    "a create whose re-send is refused for its credentials (%i) after a 503 that may still land: both hints, the record kept; refused alone, the credentials hint only",
    async (status) => {
      const { f, env, run } = await createRefusedAfter503(status, 10);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("The record of this write is kept");
      expect(run.stderr).toContain("hint: Check the credentials");
      expect(run.stderr).toContain("A create with --reference, re-run, looks the reference up first");
      expect(withRef(f, "WEB-77")).toHaveLength(0);
      f.inject("POST", /^\/orders$/, { status }, 10);
      const alone = await runCli(["--settle-ms", "0", ...clCreate("--restart")], env, tempDir());
      expect(alone.code).toBe(1);
      expect(alone.stderr).toContain("hint: Check the credentials");
      expect(alone.stderr).not.toContain("looks the reference up first");
      expect(withRef(f, "WEB-77")).toHaveLength(0);
    },
  );

  it.each([
    ["still placing", { status: "placing" }, undefined],
    ["unreadable after the refusal", {}, { status: 503 }],
  ] as const)(
    "orders place refused (422) on an order %s: the refusal is what the user sees (exit 1), nothing is sent again",
    async (_, attributes, readFault) => {
      const { f, env } = await commerceLayer();
      const [order] = f.seedOrders(1, attributes);
      const id = order?.id as string;
      f.inject("PATCH", /^\/orders\//, {
        status: 422,
        body: { errors: [{ title: "card declined", status: "422" }] },
      });
      if (readFault) f.schedule = ({ method }) => (method === "GET" ? readFault : undefined);
      const run = await runCli(["commercelayer", "orders", "place", id], env);
      f.schedule = undefined;
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("card declined");
      expect(f.requests.filter((r) => r.method === "PATCH")).toHaveLength(1);
      expect(f.applied._place ?? 0).toBe(0);
    },
  );

  it.each([
    [["orders", "create", "--reference", "WEB-9", "--email", ""]],
    [["orders", "create", "--reference", "WEB-9", "--market", ""]],
    [["orders", "create", "--email", " "]],
    [["orders", "create", "--reference", " WEB-9"]],
    [["line-items", "add", "ORDER-1", "--sku", "", "--quantity", "1"]],
    [["line-items", "add", "ORDER-1", "--sku", "   ", "--quantity", "1"]],
    [["line-items", "add", "ORDER-1", "--sku", "SKU-1 ", "--quantity", "1"]],
    [["line-items", "set", "ORDER-1", "--sku", " SKU-1", "--quantity", "1"]],
  ])("refuses an empty or space-padded value in %j (exit 2), sending nothing", async (args) => {
    const { f, env } = await commerceLayer();
    const run = await runCli(["commercelayer", ...args], env, tempDir());
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain("no spaces around it");
    expect(f.requests).toHaveLength(0);
  });

  it.each([
    ["two ways (127.0.0.1, localhost)", "localhost"],
    ["by two names (its address, and a proxy as a DNS alias would be)", "alias"],
  ] as const)(
    "two terminals naming the server %s: one set runs, the other is refused (exit 4), one line",
    async (_, how) => {
      const { f, env } = await commerceLayer();
      const dir = tempDir();
      const [order] = f.seedOrders(1);
      const alias = how === "alias" ? await aliasOf(f.url) : undefined;
      f.inject("POST", /^\/line_items$/, { lateMs: 3000 });
      const one = runCli(setLine(order?.id as string, 2), env, dir);
      while (records(dir).length === 0) await new Promise((r) => setTimeout(r, 20));
      const other = alias?.url ?? f.url.replace("127.0.0.1", "localhost");
      const two = await runCli(
        setLine(order?.id as string, 2),
        { ...env, COMMERCELAYER_BASE_URL: other },
        dir,
      );
      expect(two.code, two.stderr).toBe(4);
      await one;
      await alias?.close();
      expect([...f.lineItems.values()].filter((l) => l.orderId === order?.id)).toHaveLength(1);
    },
  );

  it.each([
    ["line-items set", "line_items"],
    ["orders create --reference", "orders"],
  ] as const)(
    "%s from two terminals given two --journal-dir: one runs, the other is refused (exit 4), one write",
    async (_, what) => {
      const { f, env } = await commerceLayer();
      const dir = tempDir();
      const [order] = f.seedOrders(1);
      const args = what === "orders" ? clCreate() : setLine(order?.id as string, 2);
      f.inject("POST", new RegExp(`^/${what}$`), { lateMs: 3000 });
      const journal = (name: string) => ["--journal-dir", join(dir, name)];
      const one = runCli([...args, ...journal("a")], env, dir);
      while (!existsSync(join(dir, "a", "creates")) || readdirSync(join(dir, "a", "creates")).length === 0)
        await new Promise((r) => setTimeout(r, 20));
      const two = await runCli([...args, ...journal("b")], env, dir);
      expect(two.code, two.stderr).toBe(4);
      expect(two.stderr).toContain("in progress in another process");
      expect((await one).code).toBe(0);
      if (what === "orders") expect(withRef(f, "WEB-77")).toHaveLength(1);
      else expect([...f.lineItems.values()].filter((l) => l.orderId === order?.id)).toHaveLength(1);
      expect(f.requests.filter((r) => r.method === "POST" && r.path === `/${what}`)).toHaveLength(1);
    },
  );

  it.each([
    ["lost its answer: it may have been added, and set is the one to re-run", true],
    ["never left (no access token): no 'may have been changed'", false],
  ] as const)("a line-items add that %s", async (_, left) => {
    const { f, env } = await commerceLayer();
    const [order] = f.seedOrders(1);
    if (left) f.inject("POST", /^\/line_items$/, "drop-after-apply");
    else f.inject("POST", /^\/oauth\/token$/, { status: 503 }, 10);
    const run = await runCli(
      ["commercelayer", "line-items", "add", order?.id as string, "--sku", "SKU-1", "--quantity", "2"],
      env,
      tempDir(),
    );
    expect(run.code).toBe(1);
    if (left) {
      expect(run.stderr).toContain("may have been changed");
      expect(run.stderr).toContain("line-items set` can be re-run safely");
    } else {
      expect(run.stderr).toContain("No access token");
      expect(run.stderr).not.toContain("may have been changed");
      expect(f.requests.filter((r) => r.path !== "/oauth/token")).toHaveLength(0);
    }
  });

  it.each([
    [["--client-secrt=typo-secret-value-5521"], "--client-secrt="],
    [["--client-secrt=ab'typo-secret-value-5521"], "--client-secrt="],
    [["-xtypo-secret-value-5521"], "-x"],
    [["--client-secret=", "typo-secret-value-5521"], "unknown command"],
    [["--client-secret=", "typosecretvalue"], "unknown command '…'"],
    [["--client-id", "abc", "typo-secret-value-5521"], "unknown command"],
    [["--settle-ms", "--client-secret=typo-secret-value-5521"], "argument '--client-secret="],
  ])("a value typed where it is not expected is never printed (%j)", async (typed, shown) => {
    const { env } = await commerceLayer();
    for (const json of [[], ["--json"]]) {
      const run = await runCli(["commercelayer", ...typed, "orders", "list", ...json], env, tempDir());
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(shown);
      expect(run.stderr + run.stdout).not.toMatch(/typo-?secret-?value/);
    }
  });

  it.each([
    ["--auth-url", "orders", "list"],
    ["--cl-base-url", "orders", "list"],
    ["--page-size", "orders", "list"],
  ])(
    "review 213: the client secret given as the value of %s (from the environment, or typed) is never printed",
    async (option, ...command) => {
      const { env } = await commerceLayer();
      const secret = env.COMMERCELAYER_CLIENT_SECRET;
      const at = option === "--page-size" ? command.length : 0;
      const args = (value: string) => {
        const words = [...command];
        words.splice(at, 0, option, value);
        return ["commercelayer", ...words];
      };
      for (const json of [[], ["--json"]]) {
        const fromEnv = await runCli([...args(secret), ...json], env, tempDir());
        expect(fromEnv.code).toBe(2);
        expect(fromEnv.stderr).toContain("is invalid");
        expect(fromEnv.stderr + fromEnv.stdout).not.toContain(secret);
        const typed = "typed-secret-value-6613";
        const given = await runCli(
          ["commercelayer", "--client-secret", typed, ...args(typed).slice(1), ...json],
          { ...env, COMMERCELAYER_CLIENT_SECRET: "" },
          tempDir(),
        );
        expect(given.code).toBe(2);
        expect(given.stderr + given.stdout).not.toContain(typed);
      }
    },
  );

  it("a key typed out of place is not quoted as an unknown command, even when it reads like a name; a mistyped command is still named (review 177)", async () => {
    const KEY = "llapikeylettersonly";
    for (const json of [[], ["--json"]]) {
      for (const typed of [
        ["--api-key=", KEY, "me"],
        ["--api-key", "=", KEY, "me"],
        ["--api-key", "", KEY, "me"],
        ["--api-key=", "--json", KEY, "me"],
        ["--api-key=", "--", KEY, "me"],
        ["--api-key=", "mee", "me"],
      ]) {
        const run = await runCli([...typed, ...json], {}, tempDir());
        expect({ typed, code: run.code }).toEqual({ typed, code: 2 });
        expect(run.stderr).toContain("unknown command '…' (not quoted");
        expect(run.stderr + run.stdout).not.toMatch(new RegExp(`${KEY}|mee|Did you mean`));
      }
      // A word close to a command, not after an empty value: named, with the suggestion.
      const typo = await runCli(["--api-key=abc", "mee", ...json], {}, tempDir());
      expect(typo.code).toBe(2);
      expect(typo.stderr).toContain("unknown command 'mee'");
      expect(typo.stderr).toContain("Did you mean me?");
    }
  });

  it("a mistyped command is still named in its error", async () => {
    const { env } = await commerceLayer();
    const run = await runCli(["commercelayer", "ordres", "list"], env, tempDir());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown command 'ordres'");
  });

  it("refuses --restart without --reference (exit 2), sending nothing", async () => {
    const { f, env } = await commerceLayer();
    const run = await runCli(["commercelayer", "orders", "create", "--restart"], env);
    expect(run.code).toBe(2);
    expect(f.orders.size).toBe(0);
  });
});
