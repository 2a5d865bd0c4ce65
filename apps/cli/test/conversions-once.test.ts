import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { assertSchedules, FakeLettrLabs } from "@orderkit/test-utils";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { type CliRun, killedAt, runCli, tempDir } from "./helpers.js";

// `conversions create` sends the rows LettrLabs cannot recognise when sent again (no orderId) once
// per API host: a second run, a second terminal, a re-run after a lost answer or a kill, is refused.
// Asserted on what the fake recorded.

const fakes: FakeLettrLabs[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.stop()));
});
async function fake() {
  const f = await new FakeLettrLabs({ pollAfterSeconds: 0 }).start();
  fakes.push(f);
  return { f, env: { LETTRLABS_BASE_URL: f.url, LETTRLABS_API_KEY: f.options.apiKey } };
}

const ROWS = "primaryEmail,revenue,couponCode\na@example.com,10,SAVE1\nb@example.com,20,SAVE2\n";
const file = (dir: string, name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const create = (csv: string, ...extra: string[]) => ["conversions", "create", "--csv", csv, ...extra];
const records = (dir: string) =>
  readdirSync(join(dir, "state", "creates")).filter((n) => n.endsWith(".json"));

describe("conversions create sends rows without an orderId once", () => {
  it("a second run of the same rows is refused (exit 5), in any row or column order; a byte changed, --allow-repeat, or rows that all carry an orderId are sent", async () => {
    const { f, env } = await fake();
    const dir = tempDir();
    const first = await runCli(create(file(dir, "a.csv", ROWS)), env, dir);
    expect(first.code, first.stderr).toBe(0);
    expect(f.conversions).toHaveLength(2);
    const again = await runCli(create(file(dir, "a.csv", ROWS)), env, dir);
    expect(again.code, again.stderr).toBe(5);
    expect(again.stderr).toContain("Its 2 rows without an orderId would be recorded twice.");
    expect(again.stderr).toContain("--allow-repeat");
    // The same rows, the other way round, columns moved, with a row that carries an orderId.
    const moved = file(
      dir,
      "moved.csv",
      "couponCode,revenue,primaryEmail,orderId\nSAVE2,20,b@example.com,\nX,5,c@example.com,W-9\nSAVE1,10,a@example.com,\n",
    );
    const reordered = await runCli(create(moved), env, dir);
    expect(reordered.code, reordered.stderr).toBe(5);
    expect(f.conversions).toHaveLength(2);
    // One byte changed: other rows.
    const changed = await runCli(create(file(dir, "b.csv", ROWS.replace("SAVE2", "SAVE3"))), env, dir);
    expect(changed.code, changed.stderr).toBe(0);
    expect(f.conversions).toHaveLength(4);
    // Sent again on purpose, then refused again.
    const allowed = await runCli(create(file(dir, "a.csv", ROWS), "--allow-repeat"), env, dir);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(f.conversions).toHaveLength(6);
    expect((await runCli(create(file(dir, "a.csv", ROWS)), env, dir)).code).toBe(5);
    expect(f.conversions).toHaveLength(6);
    // Rows that all carry an orderId: LettrLabs recognises them, and no record is kept.
    const keyed = file(
      dir,
      "keyed.csv",
      "orderId,primaryEmail,revenue\nW-1,k@example.com,10\nW-2,l@example.com,20\n",
    );
    const before = records(dir).length;
    for (let i = 0; i < 2; i++) expect((await runCli(create(keyed), env, dir)).code).toBe(0);
    expect(f.conversions).toHaveLength(10);
    expect(records(dir)).toHaveLength(before);
  });

  it("after a lost answer the rows are not sent again (exit 1) until --restart, even with --allow-repeat; a refusal (422) forgets the run", async () => {
    const { f, env } = await fake();
    const dir = tempDir();
    const csv = file(dir, "a.csv", ROWS);
    f.inject("POST", /^\/v1\/conversions$/, { kind: "drop-after-apply" });
    const lost = await runCli(create(csv), env, dir);
    expect(lost.code).toBe(1);
    expect(lost.stderr).toContain("The record of this write is kept");
    expect(f.conversions).toHaveLength(2);
    for (const extra of [[], ["--allow-repeat"]]) {
      const rerun = await runCli(create(csv, ...extra), env, dir);
      expect(rerun.code, rerun.stderr).toBe(1);
      expect(rerun.stderr).toContain("stopped before it knew whether LettrLabs recorded them");
      expect(rerun.stderr).toContain("--restart");
    }
    expect(f.conversions).toHaveLength(2);
    const restarted = await runCli(create(csv, "--restart"), env, dir);
    expect(restarted.code, restarted.stderr).toBe(0);
    expect(f.conversions).toHaveLength(4);
    expect((await runCli(create(csv), env, dir)).code).toBe(5);
    // A refusal: nothing was recorded, and the same rows may be sent.
    const other = file(dir, "b.csv", ROWS.replace("SAVE1", "SAVE9"));
    f.inject("POST", /^\/v1\/conversions$/, { kind: "status", status: 422, body: { errors: ["no"] } });
    const refused = await runCli(create(other), env, dir);
    expect(refused.code).toBe(1);
    expect(f.conversions).toHaveLength(4);
    const sent = await runCli(create(other), env, dir);
    expect(sent.code, sent.stderr).toBe(0);
    expect(f.conversions).toHaveLength(6);
  });

  it("two terminals at once: one sends, the other is refused (exit 4); a run killed while sending stops the next until --restart", async () => {
    const { f, env } = await fake();
    const dir = tempDir();
    const csv = file(dir, "a.csv", ROWS);
    f.inject("POST", /^\/v1\/conversions$/, { kind: "delay", ms: 1500 });
    const one = runCli(create(csv), env, dir);
    await new Promise((r) => setTimeout(r, 400));
    const two = await runCli(create(csv), env, dir);
    expect(two.code, two.stderr).toBe(4);
    expect((await one).code).toBe(0);
    expect(f.conversions).toHaveLength(2);
    // Killed while the server works on it (it applies it after the kill).
    const killedCsv = file(dir, "k.csv", ROWS.replace("SAVE1", "SAVE5"));
    const killed = await killedAt(
      f,
      (m, p) => m === "POST" && p === "/v1/conversions",
      { kind: "apply-late", ms: 300 },
      create(killedCsv),
      env,
      dir,
    );
    expect(killed.signal).toBe("SIGKILL");
    const after = await runCli(create(killedCsv), env, dir);
    expect(after.code, after.stderr).toBe(1);
    expect(after.stderr).toContain("stopped before it knew");
    expect(f.conversions).toHaveLength(4);
  });

  it("a damaged record stops the run (exit 2), nothing sent, until --restart", async () => {
    const { f, env } = await fake();
    const dir = tempDir();
    const csv = file(dir, "a.csv", ROWS);
    expect((await runCli(create(csv), env, dir)).code).toBe(0);
    const [name] = records(dir);
    const path = join(dir, "state", "creates", name as string);
    for (const damage of ["{", JSON.stringify({ ...JSON.parse(readFileSync(path, "utf8")), doneAt: 5 })]) {
      writeFileSync(path, damage);
      const run = await runCli(create(csv), env, dir);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain("is damaged");
    }
    expect(f.conversions).toHaveLength(2);
    expect((await runCli(create(csv, "--restart"), env, dir)).code).toBe(0);
    expect(f.conversions).toHaveLength(4);
  });

  it("under any schedule of faults and flags, a run without --allow-repeat or --restart never records rows the server may hold (seeded)", async () => {
    type Fault = "none" | "drop-after-apply" | "drop-before-apply" | "422" | "500" | "kill";
    type Flag = "" | "--allow-repeat" | "--restart";
    const step = fc.record({
      fault: fc.constantFrom<Fault>("none", "drop-after-apply", "drop-before-apply", "422", "500", "kill"),
      flag: fc.constantFrom<Flag>("", "", "--allow-repeat", "--restart"),
    });
    await assertSchedules(
      "conversions create runs",
      fc.array(step, { minLength: 2, maxLength: 4 }),
      async (steps) => {
        const { f, env } = await fake();
        const quick = env;
        const dir = tempDir();
        const csv = file(dir, "a.csv", ROWS);
        for (const { fault, flag } of steps) {
          const held = f.conversions.length;
          const args = create(csv, ...(flag ? [flag] : []));
          let run: CliRun;
          if (fault === "kill")
            run = await killedAt(
              f,
              (m, p) => m === "POST" && p === "/v1/conversions",
              { kind: "apply-late", ms: 200 },
              args,
              quick,
              dir,
            );
          else {
            // The fault of this run's POST only (a run refused before sending leaves it unused).
            let fired = false;
            f.schedule = ({ method, path }) => {
              if (fired || fault === "none" || method !== "POST" || path !== "/v1/conversions")
                return undefined;
              fired = true;
              return fault === "422" || fault === "500"
                ? { kind: "status", status: Number(fault) }
                : { kind: fault };
            };
            run = await runCli(args, quick, dir);
            f.schedule = undefined;
          }
          // Let a late apply land before the fake is read.
          await new Promise((r) => setTimeout(r, fault === "kill" ? 300 : 0));
          if (flag === "" && held > 0) expect(f.conversions.length, run.stderr).toBe(held);
          expect([0, 1, 4, 5], run.stderr).toContain(run.code ?? (run.signal === "SIGKILL" ? 1 : -1));
        }
        // Whatever happened, --restart then sends them, and the next run is refused.
        const restart = await runCli(create(csv, "--restart"), quick, dir);
        expect(restart.code, restart.stderr).toBe(0);
        const held = f.conversions.length;
        const refused = await runCli(create(csv), quick, dir);
        expect(refused.code, refused.stderr).toBe(5);
        expect(f.conversions).toHaveLength(held);
        await f.stop();
        fakes.splice(fakes.indexOf(f), 1);
      },
      6,
    );
  }, 240_000);
});
