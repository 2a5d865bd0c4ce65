import {
  assertSchedules,
  FakeLettrLabs,
  type FaultKind,
  FOREIGN_TEMPLATE,
  faultTimeout,
  lettrLabsFault,
  scheduleArb,
} from "@orderkit/test-utils";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CliRun, runCli, tempDir, writeCsv } from "./helpers.js";

const KEY = "LL-API-cli-fault-secret-5d2e";
const TEMPLATE = 7;
const KINDS: FaultKind[] = [
  "drop-before-apply",
  "drop-after-apply",
  "server-error",
  "rate-limit",
  "foreign-draft",
];

/**
 * `orderkit send` run again and again, as a user would, while the server drops, fails and
 * rate-limits requests, another writer creates Drafts, and the process is killed at a random
 * request. After every run, the server's state must hold the invariants.
 */
async function scenario(schedule: FaultKind[], crashAt: number, count: number, chunk: number) {
  const fake = await new FakeLettrLabs({ apiKey: KEY, pollsUntilSettled: 0, pollAfterSeconds: 0 }).start();
  try {
    const state = tempDir();
    const csv = writeCsv(tempDir(), count);
    const env = { LETTRLABS_BASE_URL: fake.url, LETTRLABS_API_KEY: KEY, ORDERKIT_STATE_DIR: state };
    let current: ReturnType<typeof runCli> | undefined;
    fake.schedule = ({ index }) => {
      if (index === crashAt) current?.child.kill("SIGKILL");
      return lettrLabsFault(schedule[index] ?? "none");
    };
    let extra: string[] = [];
    let last: CliRun | undefined;
    for (let attempt = 0; attempt < 8; attempt++) {
      current = runCli(
        [
          "send",
          "--template",
          String(TEMPLATE),
          "--csv",
          csv,
          "--yes",
          "--chunk-size",
          String(chunk),
          ...extra,
        ],
        env,
      );
      last = await current;
      checkInvariants(fake, last);
      if (last.code === 0) break;
      // A lost create leaves candidates: a careful user keeps the one of this template, or restarts.
      const candidates = [...(last.stderr.match(/order (\d+) appeared|orders appeared \(([\d, ]+)\)/) ?? [])]
        .slice(1)
        .filter(Boolean)
        .flatMap((s) => (s as string).split(/,\s*/).map(Number));
      const ours = candidates.find((id) => fake.orders.get(id)?.templateId === TEMPLATE);
      extra = candidates.length === 0 ? [] : ours !== undefined ? ["--order", String(ours)] : ["--restart"];
    }
    expect(last?.code, last?.stderr).toBe(0);
    const order = [...fake.orders.values()].find((o) => o.templateId === TEMPLATE);
    expect(order?.status).toBe("Paid");
    expect(order?.recipients).toHaveLength(count);
    expect(order?.checkouts).toBe(1);
    expect(last?.stdout).toMatch(/is Paid|Already sent as order/);
  } finally {
    await fake.stop();
  }
}

function checkInvariants(fake: FakeLettrLabs, run: CliRun): void {
  const ours = [...fake.orders.values()].filter((o) => o.templateId === TEMPLATE);
  expect(ours.length, run.stderr).toBeLessThanOrEqual(1);
  for (const o of fake.orders.values()) {
    if (o.templateId === FOREIGN_TEMPLATE) {
      expect(o.recipients).toHaveLength(0);
      expect(o.checkouts).toBe(0);
    }
  }
  const order = ours[0];
  if (order) {
    const streets = order.recipients.map((r) => r.address.address1);
    expect(new Set(streets).size).toBe(streets.length);
    expect(order.checkouts).toBeLessThanOrEqual(1);
  }
  expect(run.stdout + run.stderr).not.toContain(KEY);
}

describe("orderkit send under randomized faults and crashes", () => {
  it(
    "one order, every recipient once, one checkout, whatever fails and wherever it is killed",
    async () => {
      await assertSchedules(
        "cli send crash-and-resume",
        fc.tuple(
          scheduleArb(KINDS, 30),
          fc.integer({ min: -1, max: 30 }),
          fc.integer({ min: 1, max: 300 }),
          fc.constantFrom(10, 50, 1000),
        ),
        ([schedule, crashAt, count, chunk]) => scenario(schedule, crashAt, count, chunk),
        12,
        "CLI_FAULT_RUNS",
      );
    },
    faultTimeout(12, "CLI_FAULT_RUNS", 20_000),
  );
});
