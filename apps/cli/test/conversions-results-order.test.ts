import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { FakeLettrLabs } from "@orderkit/test-utils";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { answeredRows } from "../src/ledger/conversion-results.js";
import { runCli, tempDir } from "./helpers.js";

// LettrLabs answers a conversions batch with one result per row, echoing the row. Nothing promises
// the rows' order: which rows were refused (and so may be sent again) is read from what each
// result echoes, never from its place alone. Asserted on what the fake recorded.

const fakes: FakeLettrLabs[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.stop()));
});
async function fake() {
  const f = await new FakeLettrLabs({ pollAfterSeconds: 0 }).start();
  fakes.push(f);
  return { f, env: { LETTRLABS_BASE_URL: f.url, LETTRLABS_API_KEY: f.options.apiKey } };
}
const file = (dir: string, name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const create = (csv: string) => ["conversions", "create", "--csv", csv];
const A = { primaryEmail: "a@example.com", revenue: 10 };
const B = { primaryEmail: "b@example.com", revenue: 20 };
const envelope = (payload: unknown) => ({
  payload,
  errors: [],
  errorDetails: [],
  warnings: [],
  hasErrors: false,
  hasWarnings: false,
});

/** The server records `recorded` and answers `payload` (results in the order given). */
function answers(f: FakeLettrLabs, recorded: object[], payload: object[]) {
  f.inject("POST", /^\/v1\/conversions$/, {
    kind: "side-effect",
    effect: (fake) => fake.conversions.push(...recorded),
    next: { kind: "status", status: 200, body: envelope(payload) },
  });
}

describe("conversions create reads which rows were refused from what each result echoes", () => {
  it("results out of the rows' order: the refused row is named and may be sent again; the recorded one is never sent twice", async () => {
    const { f, env } = await fake();
    const dir = tempDir();
    // A recorded, B refused; B's result first, echoed as servers rewrite: case, a number as text.
    answers(
      f,
      [A],
      [
        { primaryEmail: "B@Example.com", revenue: "20.00", isValid: false, validationErrors: ["no match"] },
        { ...A, isValid: true, validationErrors: [] },
      ],
    );
    const first = await runCli(
      create(file(dir, "ab.csv", "primaryEmail,revenue\na@example.com,10\nb@example.com,20\n")),
      env,
      dir,
    );
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain("1 of 2 rows were refused by LettrLabs (line 3)");
    expect(f.conversions).toEqual([A]);
    const again = await runCli(
      create(file(dir, "a.csv", "primaryEmail,revenue\na@example.com,10\n")),
      env,
      dir,
    );
    expect(again.code, again.stderr).toBe(5);
    expect(f.conversions).toEqual([A]);
    const fixed = await runCli(
      create(file(dir, "b.csv", "primaryEmail,revenue\nb@example.com,20\n")),
      env,
      dir,
    );
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(f.conversions).toEqual([A, B]);
  });

  it("results that match no row (or several alike) name none: every row counts as recorded, none is sent again", async () => {
    const { f, env } = await fake();
    const dir = tempDir();
    answers(
      f,
      [A],
      [
        { primaryEmail: "c@example.com", revenue: 30, isValid: false, validationErrors: ["no match"] },
        { ...A, isValid: true, validationErrors: [] },
      ],
    );
    const first = await runCli(
      create(file(dir, "ab.csv", "primaryEmail,revenue\na@example.com,10\nb@example.com,20\n")),
      env,
      dir,
    );
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain("which do not say which row each answers");
    expect(first.stderr).not.toContain("were refused by LettrLabs");
    for (const [name, text] of [
      ["a.csv", "primaryEmail,revenue\na@example.com,10\n"],
      ["b.csv", "primaryEmail,revenue\nb@example.com,20\n"],
    ] as const) {
      const later = await runCli(create(file(dir, name, text)), env, dir);
      expect(later.code, later.stderr).toBe(5);
    }
    expect(f.conversions).toEqual([A]);
  });
});

describe("answeredRows", () => {
  const row = fc.record({
    primaryEmail: fc.emailAddress(),
    revenue: fc.integer({ min: 0, max: 10_000 }),
    couponCode: fc.option(fc.stringMatching(/^[A-Za-z0-9]{1,8}$/), { nil: undefined }),
  });
  /** A result echoing `r` as a server might write it: other case, numbers as text, fields left out or added. */
  const echo = (
    r: { primaryEmail: string; revenue: number; couponCode?: string | undefined },
    style: number,
  ) => ({
    primaryEmail: style & 1 ? r.primaryEmail.toUpperCase() : r.primaryEmail,
    revenue: style & 2 ? r.revenue.toFixed(2) : r.revenue,
    ...(style & 4 || r.couponCode === undefined ? {} : { couponCode: r.couponCode }),
    ...(style & 8 ? { id: 7 } : {}),
    isValid: true,
    validationErrors: [],
  });

  it("places each result on the row it echoes, in any order; rows alike out of order place none", () => {
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 0, max: 15 }),
        fc.infiniteStream(fc.nat()),
        (rows, style, randoms) => {
          const order = rows.map((_, i) => i);
          for (let i = order.length - 1; i > 0; i--) {
            const j = (randoms.next().value as number) % (i + 1);
            [order[i], order[j]] = [order[j] as number, order[i] as number];
          }
          const results = order.map((i) => echo(rows[i] as (typeof rows)[number], style));
          const places = answeredRows(rows, results);
          const distinct =
            new Set(rows.map((r) => `${r.primaryEmail.toLowerCase()}|${r.revenue}`)).size === rows.length;
          const inOrder = order.every((i, k) => i === k);
          if (inOrder) expect(places).toEqual(order);
          else if (distinct) expect(places).toEqual(order);
          else if (places !== undefined)
            // Rows alike: any placement it gives must put each result on a row it echoes.
            for (const [k, i] of places.entries())
              expect(`${rows[i]?.primaryEmail.toLowerCase()}|${rows[i]?.revenue}`).toBe(
                `${rows[order[k] as number]?.primaryEmail.toLowerCase()}|${rows[order[k] as number]?.revenue}`,
              );
        },
      ),
      { seed: 49, numRuns: 300 },
    );
  });

  it("an answer of another length, or a result that agrees with no row, places none", () => {
    const rows = [A, B];
    expect(answeredRows(rows, [{ ...A, isValid: true }])).toBeUndefined();
    expect(
      answeredRows(rows, [
        { ...B, isValid: true },
        { primaryEmail: "c@example.com", isValid: true },
      ]),
    ).toBeUndefined();
    expect(
      answeredRows(rows, [
        { ...B, isValid: false },
        { ...A, isValid: true },
      ]),
    ).toEqual([1, 0]);
  });
});
