import { execFileSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import type { LettrLabs } from "@orderkit/client";
import { assertSchedules, FakeLettrLabs, lettrLabsEnvelope } from "@orderkit/test-utils";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { refusedRows } from "../src/ledger/conversion-results.js";
import { conversionDigest } from "../src/ledger/conversions-sent.js";
import { type CliRun, cliUser, killedAt, runCli, tempDir } from "./helpers.js";

// `conversions create` sends each row LettrLabs cannot recognise when sent again (no orderId) once
// per API host: a later run holding it, a second terminal, a re-run after a lost answer or a kill,
// is refused. Asserted on what the fake recorded.

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
/** The run records of the one API host these tests use. */
const records = (dir: string) => {
  const root = join(dir, "state", "conversions");
  const hosts = existsSync(root)
    ? readdirSync(root, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? [e.name] : []))
    : [];
  return hosts.flatMap((h) =>
    readdirSync(join(root, h))
      .filter((n) => n.endsWith(".json"))
      .map((n) => join(root, h, n)),
  );
};

/**
 * The fake records the next two conversions it is sent, and answers that it refused the second,
 * each result echoing its row (`emails`: the rows' emails; their revenues are 1 and 2).
 */
function secondRefused(
  f: FakeLettrLabs,
  emails: readonly [string, string],
  body: Record<string, unknown> = { hasErrors: false },
) {
  f.inject("POST", /^\/v1\/conversions$/, {
    kind: "apply-then",
    status: 200,
    body: {
      payload: [
        { primaryEmail: emails[0], revenue: 1, isValid: true, validationErrors: [] },
        { primaryEmail: emails[1], revenue: 2, isValid: false, validationErrors: ["no match"] },
      ],
      ...body,
    },
  });
}

describe("conversions create sends rows without an orderId once", () => {
  it("a row a run recorded is refused in any later file (exit 5), in any row or column order, also in a file that grew; a changed row, --allow-repeat, or rows that all carry an orderId are sent", async () => {
    const { f, env } = await fake();
    const dir = tempDir();
    const first = await runCli(create(file(dir, "a.csv", ROWS)), env, dir);
    expect(first.code, first.stderr).toBe(0);
    expect(f.conversions).toHaveLength(2);
    const again = await runCli(create(file(dir, "a.csv", ROWS)), env, dir);
    expect(again.code, again.stderr).toBe(5);
    expect(again.stderr).toContain("2 of the 2 rows without an orderId in");
    expect(again.stderr).toContain("(lines 2, 3) were recorded by an earlier run");
    expect(again.stderr).toContain("--allow-repeat");
    // The same rows, the other way round, columns moved, beside a row that carries an orderId.
    const moved = file(
      dir,
      "moved.csv",
      "couponCode,revenue,primaryEmail,orderId\nSAVE2,20,b@example.com,\nX,5,c@example.com,W-9\nSAVE1,10,a@example.com,\n",
    );
    const reordered = await runCli(create(moved), env, dir);
    expect(reordered.code, reordered.stderr).toBe(5);
    expect(reordered.stderr).toContain("(lines 2, 4)");
    // The file grew by a row: its old rows are named, nothing is sent.
    const grown = await runCli(create(file(dir, "a.csv", `${ROWS}c@example.com,30,SAVE3\n`)), env, dir);
    expect(grown.code, grown.stderr).toBe(5);
    expect(grown.stderr).toContain("2 of the 3 rows without an orderId");
    expect(f.conversions).toHaveLength(2);
    // One byte changed in a row: that row is another one; the other is still a repeat.
    const changed = await runCli(create(file(dir, "b.csv", ROWS.replace("SAVE2", "SAVE3"))), env, dir);
    expect(changed.code, changed.stderr).toBe(5);
    expect(changed.stderr).toContain("1 of the 2 rows without an orderId in");
    const only = await runCli(
      create(file(dir, "c.csv", "primaryEmail,revenue,couponCode\nb@example.com,20,SAVE3\n")),
      env,
      dir,
    );
    expect(only.code, only.stderr).toBe(0);
    expect(f.conversions).toHaveLength(3);
    // Sent again on purpose, then refused again.
    const allowed = await runCli(create(file(dir, "a.csv", ROWS), "--allow-repeat"), env, dir);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(f.conversions).toHaveLength(5);
    expect((await runCli(create(file(dir, "a.csv", ROWS)), env, dir)).code).toBe(5);
    expect(f.conversions).toHaveLength(5);
    // Rows that all carry an orderId: LettrLabs recognises them, and no record is kept.
    const keyed = file(
      dir,
      "keyed.csv",
      "orderId,primaryEmail,revenue\nW-1,k@example.com,10\nW-2,l@example.com,20\n",
    );
    // An orderId with no letter or digit tells LettrLabs nothing: refused before anything is sent.
    const blank = await runCli(
      create(file(dir, "blank.csv", 'orderId,primaryEmail,revenue\n" ",k@example.com,10\n')),
      env,
      dir,
    );
    expect(blank.code, blank.stderr).toBe(2);
    expect(blank.stderr).toContain('orderId " " has no letter or digit');
    const before = records(dir).length;
    for (let i = 0; i < 2; i++) expect((await runCli(create(keyed), env, dir)).code).toBe(0);
    expect(f.conversions).toHaveLength(9);
    expect(records(dir)).toHaveLength(before);
  });

  it("a row LettrLabs refused may be sent again; after a lost answer the rows are not sent again (exit 1) until --restart, even with --allow-repeat; a refusal (422) forgets the run", async () => {
    const { f, env } = await fake();
    const dir = tempDir();
    // The second row refused by LettrLabs (not recorded): it alone may be sent again.
    secondRefused(f, ["p@example.com", "q@example.com"]);
    const partly = file(dir, "p.csv", "primaryEmail,revenue\np@example.com,1\nq@example.com,2\n");
    expect((await runCli(create(partly), env, dir)).code).toBe(0);
    const fixed = await runCli(
      create(file(dir, "q.csv", "primaryEmail,revenue\nq@example.com,2\n")),
      env,
      dir,
    );
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(
      (await runCli(create(file(dir, "p1.csv", "primaryEmail,revenue\np@example.com,1\n")), env, dir)).code,
    ).toBe(5);
    const held = f.conversions.length;
    const csv = file(dir, "a.csv", ROWS);
    f.inject("POST", /^\/v1\/conversions$/, { kind: "drop-after-apply" });
    const lost = await runCli(create(csv), env, dir);
    expect(lost.code).toBe(1);
    expect(lost.stderr).toContain("The record of this run is kept");
    expect(f.conversions).toHaveLength(held + 2);
    // Any file holding one of them stops; --allow-repeat does not pass an unknown outcome.
    for (const [path, extra] of [
      [csv, []],
      [csv, ["--allow-repeat"]],
      [file(dir, "one.csv", "primaryEmail,revenue,couponCode\nb@example.com,20,SAVE2\n"), []],
    ] as const) {
      const rerun = await runCli(create(path, ...extra), env, dir);
      expect(rerun.code, rerun.stderr).toBe(1);
      expect(rerun.stderr).toContain("stopped before it knew whether LettrLabs recorded them");
      expect(rerun.stderr).toContain("--restart");
    }
    // Rows of no interrupted run are sent meanwhile.
    const unrelated = await runCli(
      create(file(dir, "u.csv", "primaryEmail,revenue\nu@example.com,5\n")),
      env,
      dir,
    );
    expect(unrelated.code, unrelated.stderr).toBe(0);
    expect(f.conversions).toHaveLength(held + 3);
    const restarted = await runCli(create(csv, "--restart"), env, dir);
    expect(restarted.code, restarted.stderr).toBe(0);
    expect(restarted.stderr).toContain("Forgot the record of an interrupted run");
    expect(f.conversions).toHaveLength(held + 5);
    expect((await runCli(create(csv), env, dir)).code).toBe(5);
    // A refusal: nothing was recorded, and the same rows may be sent.
    const other = file(dir, "b.csv", "primaryEmail,revenue\nr@example.com,1\ns@example.com,2\n");
    f.inject("POST", /^\/v1\/conversions$/, { kind: "status", status: 422, body: { errors: ["no"] } });
    const refused = await runCli(create(other), env, dir);
    expect(refused.code).toBe(1);
    expect(f.conversions).toHaveLength(held + 5);
    const sent = await runCli(create(other), env, dir);
    expect(sent.code, sent.stderr).toBe(0);
    expect(f.conversions).toHaveLength(held + 7);
  });

  it("two terminals at once: one sends, the other is refused (exit 4); a run killed while sending stops the next until --restart", async () => {
    const { f, env } = await fake();
    const dir = tempDir();
    const csv = file(dir, "a.csv", ROWS);
    let arrived = false;
    f.inject("POST", /^\/v1\/conversions$/, {
      kind: "side-effect",
      effect: () => {
        arrived = true;
      },
      next: { kind: "delay", ms: 1500 },
    });
    const one = runCli(create(csv), env, dir);
    // Until its request is at the server (a fixed 400 ms was too short for a loaded CI host, where
    // the second run took the lock first): it holds the host's lock until answered.
    while (!arrived) await new Promise((r) => setTimeout(r, 20));
    // Another file, spelling the host otherwise: the same API host, the same lock.
    const other = file(dir, "b.csv", "primaryEmail,revenue\nz@example.com,9\n");
    const two = await runCli(
      create(other),
      { ...env, LETTRLABS_BASE_URL: f.url.replace("127.0.0.1", "localhost") },
      dir,
    );
    expect(two.code, two.stderr).toBe(4);
    expect((await one).code).toBe(0);
    expect(f.conversions).toHaveLength(2);
    // Killed while the server works on it (it applies it after the kill).
    const killedCsv = file(dir, "k.csv", "primaryEmail,revenue\nk@example.com,1\n");
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
    expect(f.conversions).toHaveLength(3);
  });

  it("a damaged record stops every run (exit 2), nothing sent, until it is moved away", async () => {
    const { f, env } = await fake();
    const dir = tempDir();
    const csv = file(dir, "a.csv", ROWS);
    expect((await runCli(create(csv), env, dir)).code).toBe(0);
    const [path] = records(dir) as [string];
    const unrelated = file(dir, "u.csv", "primaryEmail,revenue\nu@example.com,5\n");
    for (const damage of [
      "{",
      JSON.stringify({ ...JSON.parse(readFileSync(path, "utf8")), doneAt: undefined }),
    ]) {
      writeFileSync(path, damage);
      for (const args of [create(csv), create(unrelated, "--restart", "--allow-repeat")]) {
        const run = await runCli(args, env, dir);
        expect(run.code, run.stderr).toBe(2);
        expect(run.stderr).toContain("is damaged");
      }
    }
    // A link to nothing in its place: what it named is gone, which is not "no record".
    rmSync(path);
    symlinkSync(join(dir, "gone.json"), path);
    const dangling = await runCli(create(csv), env, dir);
    expect(dangling.code, dangling.stderr).toBe(2);
    expect(dangling.stderr).toContain("it is a link to nothing");
    // A FIFO in its place is not read (a read would wait for ever): named, and the run stops.
    rmSync(path);
    execFileSync("mkfifo", [path]);
    const fifo = await runCli(create(unrelated), env, dir);
    expect(fifo.code, fifo.stderr).toBe(2);
    expect(fifo.stderr).toContain("it is not a file");
    expect(f.conversions).toHaveLength(2);
    rmSync(path);
    expect((await runCli(create(csv), env, dir)).code).toBe(0);
    expect(f.conversions).toHaveLength(4);
  });

  it("review 152: --restart forgets only the rows it sends again; an answer reporting errors keeps the run; a result of another length names no row refused; a row twice in a file, or spelt otherwise, is a repeat", async () => {
    const { f, env } = await fake();
    const dir = tempDir();
    const row = (email: string, extra = "") =>
      `primaryEmail,revenue${extra ? ",eventDate" : ""}\n${email},1${extra}\n`;
    // Two rows lost together; one sent again with --restart: the other still stops its file.
    f.inject("POST", /^\/v1\/conversions$/, { kind: "drop-after-apply" });
    expect(
      (await runCli(create(file(dir, "ab.csv", "primaryEmail,revenue\na@x.com,1\nb@x.com,2\n")), env, dir))
        .code,
    ).toBe(1);
    const a = await runCli(create(file(dir, "a.csv", row("a@x.com")), "--restart"), env, dir);
    expect(a.code, a.stderr).toBe(0);
    expect(a.stderr).toContain("it still holds 1 other row");
    const b = await runCli(create(file(dir, "b.csv", "primaryEmail,revenue\nb@x.com,2\n")), env, dir);
    expect(b.code, b.stderr).toBe(1);
    expect(f.conversions).toHaveLength(3);
    // A 200 whose body reports errors: LettrLabs recorded the valid row; the run is kept.
    secondRefused(f, ["c@x.com", "d@x.com"], { hasErrors: true, errors: ["one row refused"] });
    const cd = file(dir, "cd.csv", "primaryEmail,revenue\nc@x.com,1\nd@x.com,2\n");
    const reported = await runCli(create(cd), env, dir);
    expect(reported.code, reported.stderr).toBe(1);
    expect(f.conversions).toHaveLength(5);
    expect((await runCli(create(file(dir, "c.csv", row("c@x.com"))), env, dir)).code).toBe(1);
    expect(f.conversions).toHaveLength(5);
    // An answer with one result for two rows: both count as recorded.
    f.inject("POST", /^\/v1\/conversions$/, {
      kind: "apply-then",
      status: 200,
      body: { payload: [{ revenue: 2, isValid: false, validationErrors: ["no"] }], hasErrors: false },
    });
    expect(
      (await runCli(create(file(dir, "ef.csv", "primaryEmail,revenue\ne@x.com,1\nf@x.com,2\n")), env, dir))
        .code,
    ).toBe(0);
    for (const one of ["e@x.com,1", "f@x.com,2"])
      expect(
        (await runCli(create(file(dir, "one.csv", `primaryEmail,revenue\n${one}\n`)), env, dir)).code,
        one,
      ).toBe(5);
    expect(f.conversions).toHaveLength(7);
    // One row twice in a file: refused, both lines named, unless --allow-repeat.
    const twice = file(dir, "twice.csv", "primaryEmail,revenue\ng@x.com,1\ng@x.com,1\n");
    const refused = await runCli(create(twice), env, dir);
    expect(refused.code, refused.stderr).toBe(5);
    expect(refused.stderr).toContain("line 3 repeats line 2");
    expect(f.conversions).toHaveLength(7);
    expect((await runCli(create(twice, "--allow-repeat"), env, dir)).code).toBe(0);
    expect(f.conversions).toHaveLength(9);
    // Spelt otherwise (case, padding, Unicode form, the same instant): the same row.
    expect(
      (await runCli(create(file(dir, "h.csv", row("José@x.com", ",2026-11-30T14:05:00Z"))), env, dir)).code,
    ).toBe(0);
    for (const spelling of [
      row('"  JOSÉ@X.COM "', ",2026-11-30T14:05:00Z"),
      row("Jose\u0301@x.com", ",2026-11-30T14:05:00.000+00:00"),
    ]) {
      const again = await runCli(create(file(dir, "h2.csv", spelling)), env, dir);
      expect(again.code, spelling).toBe(5);
    }
    expect(f.conversions).toHaveLength(10);
    // Ids and coupon codes keep their case: `AbC` and `abc` may be two records.
    const cased = file(dir, "cased.csv", "crmId,couponCode,revenue\n001AbC,SaveBig,1\n001abc,SAVEBIG,1\n");
    const both = await runCli(create(cased), env, dir);
    expect(both.code, both.stderr).toBe(0);
    expect(f.conversions).toHaveLength(12);
    // A second's digits beyond the millisecond tell two instants apart.
    const fine = file(
      dir,
      "fine.csv",
      "primaryEmail,revenue,eventDate\nt@x.com,1,2026-11-30T14:05:00.0001Z\nt@x.com,1,2026-11-30T14:05:00.0009Z\n",
    );
    expect((await runCli(create(fine), env, dir)).code).toBe(0);
    expect(f.conversions).toHaveLength(14);
  });

  it("a record that cannot be completed once LettrLabs answered (its folder made read-only during the request): the answer is shown, the rows were recorded once, the run fails, and the next run of them stops (exit 1) instead of sending them again", async () => {
    const { f, env } = await fake();
    const dir = tempDir();
    const as = cliUser(dir);
    const csv = file(dir, "a.csv", ROWS);
    // A first run makes the host's folder; the rows it sends are others.
    const other = file(dir, "o.csv", "primaryEmail,revenue\no@example.com,1\n");
    expect((await runCli(create(other), env, dir, as)).code).toBe(0);
    const [first] = records(dir);
    const hostDir = join(first as string, "..");
    let locked = false;
    f.schedule = ({ method, path }) => {
      if (!locked && method === "POST" && path === "/v1/conversions") {
        locked = true;
        // The request's record was written; its completion cannot be.
        chmodSync(hostDir, 0o555);
      }
      return undefined;
    };
    const run = await runCli(create(csv), env, dir, as);
    f.schedule = undefined;
    chmodSync(hostDir, 0o777);
    expect(locked).toBe(true);
    expect(run.code, run.stderr).toBe(1);
    expect(f.conversions).toHaveLength(3);
    // The answer's table (one line a result) is shown before the failure is.
    expect(run.stdout).toContain("Revenue");
    expect(run.stdout.split("\n").filter((l) => l.includes("true"))).toHaveLength(2);
    expect(run.stderr).toContain("could not be completed");
    expect(run.stderr).toContain("Leave those rows out of the files you send");
    // The run's record is still "sending": its rows stop the next run, nothing sent.
    const sending = records(dir)
      .map((p) => JSON.parse(readFileSync(p, "utf8")) as { state: string; rows: string[] })
      .filter((r) => r.state === "sending");
    expect(sending).toHaveLength(1);
    expect(sending[0]?.rows).toHaveLength(2);
    const again = await runCli(create(csv), env, dir, as);
    expect(again.code, again.stderr).toBe(1);
    expect(f.conversions).toHaveLength(3);
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
        // What the server held when the user last vouched for it: a --restart run that forgot an
        // interrupted run's record says "I checked: send them", so what was held then is no longer
        // the tool's to protect (its answer may be wrong; that is what the flag is for).
        let vouched = 0;
        const sending = () =>
          new Set(
            records(dir).filter(
              (p) => (JSON.parse(readFileSync(p, "utf8")) as { state: string }).state === "sending",
            ),
          );
        for (const { fault, flag } of steps) {
          const held = f.conversions.length;
          const interrupted = sending();
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
          if (flag === "" && held > vouched) expect(f.conversions.length, run.stderr).toBe(held);
          const after = sending();
          if (flag === "--restart" && interrupted.size > 0 && [...interrupted].every((p) => !after.has(p)))
            vouched = held;
          expect([0, 1, 4, 5], run.stderr).toContain(run.code ?? (run.signal === "SIGKILL" ? 1 : -1));
        }
        // Whatever happened, --restart --allow-repeat then sends them, and the next run is refused.
        const restart = await runCli(create(csv, "--restart", "--allow-repeat"), quick, dir);
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

// LettrLabs answers a conversions batch with one result per row, echoing the row. Nothing promises
// the rows' order: which rows were refused (and so may be sent again) is read from what each
// result echoes, never from its place alone.
const A = { primaryEmail: "a@example.com", revenue: 10 };
const B = { primaryEmail: "b@example.com", revenue: 20 };

const AB = "primaryEmail,revenue\na@example.com,10\nb@example.com,20\n";
const ONLY = { a: "primaryEmail,revenue\na@example.com,10\n", b: "primaryEmail,revenue\nb@example.com,20\n" };

/**
 * Sends A and B in one file (lines 2 and 3) to a server that records A only and answers `payload`
 * (results in the order given), then returns how to send a file of one of them later.
 */
/** Sends A and B; the server records A and answers `payload` (or `rawBody`, written as it is). */
async function sendAB(payload: object[], rawBody?: string) {
  const { f, env } = await fake();
  const dir = tempDir();
  f.inject("POST", /^\/v1\/conversions$/, {
    kind: "side-effect",
    effect: (fake) => fake.conversions.push(A),
    next: {
      kind: "status",
      status: 200,
      body: lettrLabsEnvelope(payload),
      ...(rawBody === undefined ? {} : { rawBody }),
    },
  });
  const first = await runCli(create(file(dir, "ab.csv", AB)), env, dir);
  const later = (which: "a" | "b") => runCli(create(file(dir, `${which}.csv`, ONLY[which])), env, dir);
  return { f, first, later };
}

describe("conversions create reads which rows were refused from what each result echoes", () => {
  it("results in the rows' order, each echo agreeing with its row: the refused row is named and may be sent again; the recorded one is never sent twice", async () => {
    // Echoed as servers rewrite without changing what a field says: case, a number as text.
    const { f, first, later } = await sendAB([
      { ...A, isValid: true, validationErrors: [] },
      { primaryEmail: "B@Example.com", revenue: "20.00", isValid: false, validationErrors: ["no match"] },
    ]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain("1 of 2 rows were refused by LettrLabs (line 3)");
    expect(f.conversions).toEqual([A]);
    const again = await later("a");
    expect(again.code, again.stderr).toBe(5);
    expect(f.conversions).toEqual([A]);
    const fixed = await later("b");
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(f.conversions).toEqual([A, B]);
  });

  it("results out of the rows' order name no row (review 167): the recorded one is never sent twice", async () => {
    const { f, first, later } = await sendAB([
      { ...B, isValid: false, validationErrors: ["no match"] },
      { ...A, isValid: true, validationErrors: [] },
    ]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain("which do not say plainly which rows it refused");
    for (const which of ["a", "b"] as const) {
      const run = await later(which);
      expect(run.code, run.stderr).toBe(5);
    }
    expect(f.conversions).toEqual([A]);
  });

  it("review 171: a result saying neither valid nor refused names no row, and the user is told to check what LettrLabs holds; nothing is sent twice", async () => {
    const { f, first, later } = await sendAB([
      { ...A, isValid: true, validationErrors: [] },
      { ...B, isValid: null, validationErrors: ["no match"] },
    ]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain("which do not say plainly which rows it refused");
    expect(first.stderr).toContain("Check what it holds");
    expect(first.stderr).not.toContain("the others were recorded");
    for (const which of ["a", "b"] as const) {
      const run = await later(which);
      expect(run.code, run.stderr).toBe(5);
    }
    expect(f.conversions).toEqual([A]);
  });

  it("review 171: a refused result nested thousands deep is shown, names no row, and the run completes (exit 0, nothing sent twice)", async () => {
    // Written as text: the fake's JSON.stringify would overflow first. The refused result's problems
    // are nested 5,000 deep, and so is a field of the recorded one (a conversion's field no row holds).
    const deep = `${"[".repeat(5_000)}${"]".repeat(5_000)}`;
    const payload = [
      { ...A, isValid: true, validationErrors: [], primaryAddress: { city: "@deep" } },
      { ...B, isValid: false, validationErrors: "@deep" },
    ];
    const rawBody = JSON.stringify(lettrLabsEnvelope(payload)).replaceAll('"@deep"', deep);
    const { f, first, later } = await sendAB(payload, rawBody);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).not.toContain("Maximum call stack");
    expect(first.stderr).toContain("which do not say plainly which rows it refused");
    const again = await later("a");
    expect(again.code, again.stderr).toBe(5);
    expect(f.conversions).toEqual([A]);
  });

  it("review 172: a result that is null is shown as an empty row, names no row, and the run completes (exit 0); nothing is sent twice", async () => {
    const { f, first, later } = await sendAB([
      { ...A, isValid: true, validationErrors: [] },
      null as unknown as object,
    ]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain("which do not say plainly which rows it refused");
    // A header, its rule, A's row and the null's row of empty cells.
    const lines = first.stdout.split("\n");
    expect(lines).toHaveLength(5);
    expect(lines[2]).toContain("true");
    expect(lines[3]?.trim()).toBe("");
    for (const which of ["a", "b"] as const) {
      const run = await later(which);
      expect(run.code, run.stderr).toBe(5);
    }
    expect(f.conversions).toEqual([A]);
  });

  it("results that match no row (or several alike) name none: every row counts as recorded, none is sent again", async () => {
    const { f, first, later } = await sendAB([
      { primaryEmail: "c@example.com", revenue: 30, isValid: false, validationErrors: ["no match"] },
      { ...A, isValid: true, validationErrors: [] },
    ]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain("which do not say plainly which rows it refused");
    expect(first.stderr).not.toContain("were refused by LettrLabs");
    for (const which of ["a", "b"] as const) {
      const run = await later(which);
      expect(run.code, run.stderr).toBe(5);
    }
    expect(f.conversions).toEqual([A]);
  });
});

describe("refusedRows", () => {
  type Row = {
    primaryEmail: string;
    revenue: number;
    couponCode?: string | undefined;
    eventDate?: string;
    primaryPhoneNumber?: string | undefined;
  };
  const wide = fc.record({
    primaryEmail: fc.emailAddress(),
    revenue: fc.integer({ min: 0, max: 10_000 }),
    couponCode: fc.option(fc.stringMatching(/^[A-Za-z0-9]{1,8}$/), { nil: undefined }),
  });
  // Few values: rows alike, and rows whose fields are a subset of another's, are common.
  const narrow = fc.record({
    primaryEmail: fc.constantFrom("a@example.com", "b@example.com"),
    revenue: fc.constantFrom(1, 2),
    couponCode: fc.constantFrom("SPRING", "spring", undefined),
    eventDate: fc.constantFrom("2026-11-01T10:00:00Z", "2026-11-02T10:00:00Z"),
    primaryPhoneNumber: fc.constantFrom("512-555-0100", undefined),
  });
  /**
   * A result echoing `r` as a server might write it: other case, numbers as text, the coupon or the
   * date left out, a field added; the coupon in upper case or the phone number in another format
   * (which change what they say).
   */
  const echo = (r: Row, style: number, isValid: boolean) => ({
    primaryEmail: style & 1 ? r.primaryEmail.toUpperCase() : r.primaryEmail,
    revenue: style & 2 ? r.revenue.toFixed(2) : r.revenue,
    ...(style & 4 || r.couponCode === undefined
      ? {}
      : { couponCode: style & 32 ? r.couponCode.toUpperCase() : r.couponCode }),
    ...(style & 8 ? { id: 7 } : {}),
    ...(style & 16 || r.eventDate === undefined
      ? {}
      : { eventDate: r.eventDate.replace("10:00:00Z", "05:00:00-05:00") }),
    ...(r.primaryPhoneNumber === undefined
      ? {}
      : { primaryPhoneNumber: style & 64 ? "+15125550100" : r.primaryPhoneNumber }),
    isValid,
    validationErrors: [],
  });
  const shuffled = (n: number, randoms: fc.Stream<number>) => {
    const order = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = (randoms.next().value as number) % (i + 1);
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    return order;
  };

  it("takes results in the rows' order, naming a refused row when its result echoes it exactly (case, numbers as text and added ids aside)", () => {
    fc.assert(
      fc.property(
        fc.array(wide, { minLength: 1, maxLength: 8 }),
        // Styles that leave no field out and change none (1: case, 2: numbers as text, 8: an id added).
        fc.constantFrom(0, 1, 2, 3, 8, 9, 10, 11),
        (rows, style) => {
          const results = rows.map((r, i) => echo(r as Row, style, i % 2 === 0));
          expect(refusedRows(rows, results)).toEqual(
            new Set(rows.flatMap((_, i) => (i % 2 === 0 ? [] : [i]))),
          );
        },
      ),
      { seed: 49, numRuns: 300 },
    );
  });

  it("never names a refused result's row wrong, whatever the order, the echo's rewrites and what it leaves out", () => {
    fc.assert(
      fc.property(
        fc.array(narrow, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 127 }),
        fc.infiniteStream(fc.nat()),
        fc.boolean(),
        (rows, style, randoms, keepOrder) => {
          const order = keepOrder ? rows.map((_, i) => i) : shuffled(rows.length, randoms);
          const results = order.map((i) => echo(rows[i] as Row, style, i % 2 === 0));
          // Each row named refused is of the event of a row LettrLabs refused.
          for (const k of refusedRows(rows, results) ?? [])
            expect(conversionDigest(rows[k] as Row)).toBe(conversionDigest(rows[order[k] as number] as Row));
        },
      ),
      { seed: 49, numRuns: 800 },
    );
  });

  it("names no row for an answer of another length, or a refused result that does not echo its row exactly (out of order, a field rewritten, left out or added)", () => {
    const rows = [A, B];
    expect(refusedRows(rows, [{ ...A, isValid: true }])).toBeUndefined();
    expect(
      refusedRows(rows, [
        { ...B, isValid: false },
        { ...A, isValid: true },
      ]),
    ).toBeUndefined();
    expect(
      refusedRows(rows, [
        { ...A, isValid: true },
        { ...B, isValid: false },
      ]),
    ).toEqual(new Set([1]));
    expect(refusedRows(rows, [null, { ...A, isValid: true }])).toBeUndefined();
    const sam = { primaryEmail: "sam@example.com", revenue: 10 };
    // Review 168: a refused row whose fields are a subset of another's. Echoed exactly, in order,
    // it is named; out of order, the refused result (the subset) does not echo the row at its place.
    const withCoupon = { ...sam, couponCode: "SPRING" };
    expect(
      refusedRows(
        [withCoupon, sam],
        [
          { ...withCoupon, isValid: true },
          { ...sam, isValid: false },
        ],
      ),
    ).toEqual(new Set([1]));
    expect(
      refusedRows(
        [withCoupon, sam],
        [
          { ...sam, isValid: false },
          { ...withCoupon, isValid: true },
        ],
      ),
    ).toBeUndefined();
    // Review 169: in order, each echo rewriting the field that tells it from the other row.
    const withPhone = { ...sam, primaryPhoneNumber: "512-555-0100" };
    const spring = { ...sam, couponCode: "spring" };
    expect(
      refusedRows(
        [withPhone, spring],
        [
          { ...sam, primaryPhoneNumber: "+15125550100", isValid: true },
          { ...sam, couponCode: "SPRING", isValid: false },
        ],
      ),
    ).toBeUndefined();
    // A row that carries an orderId (LettrLabs's key) is named by it, other fields echoed or not.
    const keyed = [
      { orderId: "W-1", primaryEmail: "a@example.com", revenue: 1 },
      { orderId: "W-2", primaryEmail: "b@example.com", revenue: 2 },
    ];
    expect(
      refusedRows(keyed, [
        { orderId: "W-1", revenue: 1, isValid: true },
        { orderId: "W-2", revenue: "2", isValid: false },
      ]),
    ).toEqual(new Set([1]));
    expect(
      refusedRows(keyed, [
        { orderId: "W-2", revenue: 2, isValid: false },
        { orderId: "W-1", revenue: 1, isValid: true },
      ]),
    ).toBeUndefined();
    // Review 170: a refused result rewritten into the row at its place (answered out of order) is
    // caught by that row's own result; a ZIP or phone written as a JSON number is not its text.
    const ann = { primaryEmail: "ann@example.com", revenue: 12 };
    for (const [recorded, refusedRow, rewritten] of [
      [
        { ...ann, couponCode: "SPRING" },
        { ...ann, couponCode: "spring" },
        { ...ann, couponCode: "SPRING" },
      ],
      [
        { ...ann, eventDate: "2026-11-30T14:05:00Z" },
        { ...ann, eventDate: "2026-11-30T14:05:00.5Z" },
        { ...ann, eventDate: "2026-11-30T14:05:00Z" },
      ],
      [
        { ...ann, primaryPhoneNumber: "15551234567" },
        { ...ann, primaryPhoneNumber: "+15551234567" },
        { ...ann, primaryPhoneNumber: 15551234567 },
      ],
    ] as const)
      expect(
        refusedRows([recorded, refusedRow] as LettrLabs.Conversion[], [
          { ...rewritten, isValid: false },
          { ...recorded, isValid: true },
        ]),
      ).toBeUndefined();
    expect(
      refusedRows(
        [{ ...ann, primaryAddress: { address1: "1 Main", zipCode: "02134" } }],
        [{ ...ann, primaryAddress: { address1: "1 Main", zipCode: 2134 }, isValid: false }],
      ),
    ).toBeUndefined();
    // Review 169: text that reads as one number is one key ("Infinity" reads as no number at all).
    const inf = [
      { primaryPhoneNumber: "Infinity", revenue: 1 },
      { primaryEmail: "Infinity", revenue: 1 },
    ];
    expect(
      refusedRows(inf, [
        { primaryPhoneNumber: "infinity", isValid: true },
        { primaryEmail: "infinity", isValid: false },
      ]),
    ).toBeUndefined();
  });

  it("review 171: names no row when a result does not say plainly yes or no, when an orderId is on two rows, and reads a result nested deep without overflowing", () => {
    const rows = [A, B];
    const refusedA = { ...A, isValid: false, validationErrors: ["no match"] };
    // A result that is neither valid nor refused (`null`, text, a number, left out), or valid
    // beside problems: which rows were recorded cannot be told, with or without a refusal beside it.
    for (const unclear of [
      { isValid: null, validationErrors: ["no match"] },
      { isValid: "false" },
      { isValid: 0 },
      {},
      { isValid: true, validationErrors: ["no match"] },
      { isValid: true, validationErrors: "no match" },
    ]) {
      expect(refusedRows(rows, [refusedA, { ...B, ...unclear }]), JSON.stringify(unclear)).toBeUndefined();
      expect(
        refusedRows(rows, [
          { ...A, isValid: true },
          { ...B, ...unclear },
        ]),
        JSON.stringify(unclear),
      ).toBeUndefined();
    }
    // Still plain: valid with no problems listed (an empty list, null or none).
    for (const plain of [{ validationErrors: [] }, { validationErrors: null }, {}])
      expect(refusedRows(rows, [refusedA, { ...B, isValid: true, ...plain }])).toEqual(new Set([0]));
    // Two rows of one orderId: an echo of the orderId alone names neither (out of order, it named
    // the wrong line); echoing each row exactly still names it.
    const twice = [
      { orderId: "W-1", primaryEmail: "a@example.com", revenue: 1 },
      { orderId: "W-1", primaryEmail: "b@example.com", revenue: 2 },
    ];
    expect(
      refusedRows(twice, [
        { orderId: "W-1", isValid: false },
        { orderId: "W-1", isValid: true },
      ]),
    ).toBeUndefined();
    expect(
      refusedRows(twice, [
        { ...twice[0], isValid: false },
        { ...twice[1], isValid: true },
      ]),
    ).toEqual(new Set([0]));
    // A result nested 20,000 deep anywhere: no stack overflow; in a conversion's field it is no
    // row's value, elsewhere it is set aside.
    const deep = JSON.parse(`${"[".repeat(20_000)}${"]".repeat(20_000)}`) as unknown;
    const deepObject = JSON.parse(`${'{"a":'.repeat(20_000)}1${"}".repeat(20_000)}`) as unknown;
    expect(
      refusedRows(rows, [
        { ...refusedA, validationErrors: deep },
        { ...B, isValid: true },
      ]),
    ).toEqual(new Set([0]));
    expect(
      refusedRows(rows, [
        { ...refusedA, extra: deepObject },
        { ...B, isValid: true },
      ]),
    ).toEqual(new Set([0]));
    expect(
      refusedRows(rows, [
        { ...refusedA, primaryEmail: deep },
        { ...B, isValid: true },
      ]),
    ).toBeUndefined();
    expect(
      refusedRows(rows, [
        { ...refusedA, primaryAddress: { city: deepObject } },
        { ...B, isValid: true },
      ]),
    ).toBeUndefined();
  });
});
