import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCli, sendArgs, tempDir, writeCsv } from "./helpers.js";
import { entryFile, stopWorlds, world } from "./ledger-world.js";
import {
  failedPayment,
  paidLackingTwo,
  refuseStreets,
  removeTwo,
  staleListing,
  staleListings,
} from "./paid-order-world.js";

// `orderkit send --order <id>` of an order this same send checked out before, now being paid or
// paid (apps/cli/src/send/flow.ts, adoptable and the check before "Already sent"): it is this
// send's order only when it holds every person of the file, except those LettrLabs refused when
// they were sent. Asserted on the fake's orders, recipients and checkouts. (Review 197.)

afterEach(stopWorlds);

/** How many entries --restart archived in a state directory's ledger. */
const archived = (state: string) => {
  const dir = join(state, "sends", "archive");
  return existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith(".json")).length : 0;
};

/**
 * The fake's state after runs that must change nothing on {@link paidLackingTwo}'s order: no
 * checkout more than `checkouts`, the two people it holds, and no append since the first send's.
 */
function nothingAddedOrCharged(w: Awaited<ReturnType<typeof paidLackingTwo>>, checkouts: number) {
  expect(w.checkouts()).toBe(checkouts);
  expect(w.order.recipients).toHaveLength(2);
  expect(w.f.count("PUT", /recipients$/)).toBe(1);
}

/**
 * Runs `--restart --order` of the world's order, which lacks two of the four people, and then the
 * plain re-run: the restart is refused (exit 2, saying `refusal`) before it archives anything, and
 * the re-run (the send's own entry, never archived) stops on comparing the order with the file.
 * Neither says anyone was sent.
 */
async function restartRefusedThenReRunStops(w: Awaited<ReturnType<typeof failedPayment>>, refusal: string) {
  const before = archived(w.state);
  const restart = await runCli(sendArgs(w.csv, "--restart", "--order", String(w.order.id)), w.env, w.dir);
  expect(restart.code, restart.stderr).toBe(2);
  expect(restart.stderr).toContain(refusal);
  expect(archived(w.state)).toBe(before);
  const again = await runCli(sendArgs(w.csv), w.env, w.dir);
  expect(again.code, again.stderr).toBe(1);
  expect(again.stderr).toContain("holds 2 of the 4 recipients");
  for (const run of [restart, again]) {
    expect(run.stderr).not.toMatch(/already sent/i);
    expect(run.stdout).not.toContain("is Paid");
  }
}

describe("--order of this send's own checked-out order that no longer holds the whole file", () => {
  it("paid holding 2 of the 4 (two removed, then paid by `checkout submit`): --restart --order is refused before anything is archived, nothing added or charged", async () => {
    // Before: "Already sent as order N", exit 0, for an order two of the file's people were never on.
    const w = await paidLackingTwo();
    const checkouts = w.checkouts();
    const before = archived(w.state);
    const restart = await runCli(sendArgs(w.csv, "--restart", "--order", String(w.order.id)), w.env, w.dir);
    expect(restart.code, restart.stderr).toBe(2);
    expect(restart.stderr).toContain(`holds 2 of the 4 recipients`);
    expect(restart.stderr).not.toContain("Already sent");
    expect(archived(w.state)).toBe(before);
    expect(w.live()).toHaveLength(1);
    nothingAddedOrCharged(w, checkouts);
    // The plain re-run (the send's own entry, never archived) says the same: before, "Already sent".
    const again = await runCli(sendArgs(w.csv), w.env, w.dir);
    expect(again.code, again.stderr).toBe(1);
    expect(again.stderr).toContain(`holds 2 of the 4 recipients`);
    expect(again.stderr).not.toContain("Already sent");
    expect(w.checkouts()).toBe(checkouts);
  });

  it.each([0, 1, 2, 3])(
    "being paid holding 2 of the 4, listings stale for %i readings: refused (never 'Paid' or 'Already sent'), nothing added or charged, and the same again on a re-run",
    async (stale) => {
      // Before, with the listing stale at both adoption readings, the order was adopted as open,
      // the confirmation read it paid, and the send reported it sent.
      const w = await failedPayment();
      await removeTwo(w);
      w.order.status = "Payment Needed";
      w.order.checkouts++;
      w.order.pollsUntilSettled = 3;
      staleListings(w.f, w.order.id, stale);
      // Refused at adoption, before the restart archives anything: a stale Draft is confirmed
      // first (before, the entry was archived on it, and the re-run was then refused as a repeat
      // of that order, exit 5, naming all four people as sent on it).
      await restartRefusedThenReRunStops(w, "holds 2 of the 4 recipients");
      expect(w.order.recipients).toHaveLength(2);
      expect(w.order.checkouts).toBe(2);
      expect(w.f.count("POST", /checkout$/)).toBe(1);
      expect(w.f.count("PUT", /recipients$/)).toBe(1);
    },
  );

  it.each([1, 2])(
    "paid holding 2 of the 4, and a plain re-run whose first %i listings are stale (Draft): it confirms, then stops without reporting anyone as sent",
    async (stale) => {
      // Found while fixing review 197: the confirmation of a stale Draft recorded the payment as
      // seen, and the comparison with the file was skipped.
      const w = await paidLackingTwo();
      const checkouts = w.checkouts();
      staleListings(w.f, w.order.id, stale);
      const again = await runCli(sendArgs(w.csv), w.env, w.dir);
      expect(again.code, again.stderr).toBe(1);
      expect(again.stderr).toContain("holds 2 of the 4 recipients");
      expect(again.stderr).not.toContain("Already sent");
      nothingAddedOrCharged(w, checkouts);
    },
  );

  it.each([1, 2, 3])(
    "paid holding 2 of the 4, --restart --order whose first %i listings are stale (Draft): refused before anything is archived, and the re-run stops the same way",
    async (stale) => {
      const w = await paidLackingTwo();
      const checkouts = w.checkouts();
      staleListings(w.f, w.order.id, stale);
      await restartRefusedThenReRunStops(w, "holds 2 of the 4 recipients");
      nothingAddedOrCharged(w, checkouts);
    },
  );

  it("paid holding 2 of the 4, its checkout recorded only by the entry itself (as entries made before send-orders/ records are), one stale listing: --restart --order is refused before anything is archived", async () => {
    // Review 201 (HIGH): the confirmation ran only for checkouts an archived copy or the order's
    // record knew of; the restart archived the entry, and the re-run named all four as sent (exit 5).
    const w = await paidLackingTwo();
    const records = join(w.state, "send-orders");
    for (const name of readdirSync(records)) if (name.endsWith(`.${w.order.id}`)) rmSync(join(records, name));
    const checkouts = w.checkouts();
    staleListings(w.f, w.order.id, 1);
    await restartRefusedThenReRunStops(w, `Order ${w.order.id} is Paid`);
    nothingAddedOrCharged(w, checkouts);
  });

  it("being paid and holding everyone, one stale listing, --restart --order --no-wait: adopted as being paid without waiting on the payment, nothing added or charged", async () => {
    // Review 201 (MEDIUM): the confirmation waited for the payment to settle, and stopped at the
    // --wait-timeout floor (15 s), exit 1, where a restart without the stale reading adopts at once.
    const w = await failedPayment();
    w.order.status = "Payment Needed";
    w.order.checkouts++;
    w.order.pollsUntilSettled = 1_000_000;
    staleListings(w.f, w.order.id, 1);
    const restart = await runCli(
      sendArgs(w.csv, "--restart", "--order", String(w.order.id), "--no-wait", "--wait-timeout", "1"),
      w.env,
      w.dir,
    );
    expect(restart.code, restart.stderr).toBe(0);
    expect(restart.stderr).not.toContain("did not settle");
    expect(w.order.status).toBe("Payment Needed");
    expect(w.order.checkouts).toBe(2);
    expect(w.order.recipients).toHaveLength(4);
    expect(w.f.count("POST", /checkout$/)).toBe(1);
    expect(w.f.count("PUT", /recipients$/)).toBe(1);
  });

  it.each([4, 5])(
    "paid holding 2 of the 4, listings stale for %i readings (longer than the restart's confirmation): nobody reported as sent, nothing added or charged, by the restart or the re-run",
    async (stale) => {
      // Review 202: the confirmation took the lagging Draft, the restart archived the entry, and
      // the adoption after the archive read the order again (Paid, 2 of 4) and refused it: the
      // re-run then named all four as sent (exit 5). The restart now takes the order on the
      // adoption it judged, and its checkout's own confirmation reads it paid and compares it.
      const w = await paidLackingTwo();
      const checkouts = w.checkouts();
      staleListings(w.f, w.order.id, stale);
      const restart = await runCli(sendArgs(w.csv, "--restart", "--order", String(w.order.id)), w.env, w.dir);
      const again = await runCli(sendArgs(w.csv), w.env, w.dir);
      for (const run of [restart, again]) {
        expect([1, 2], run.stderr).toContain(run.code);
        expect(run.stderr).toContain("holds 2 of the 4 recipients");
        expect(run.stderr).not.toMatch(/already sent/i);
      }
      nothingAddedOrCharged(w, checkouts);
    },
  );

  it("being paid and holding everyone, listings alternating stale and true, --restart --order --no-wait: adopted as being paid at once, nothing added or charged", async () => {
    // Review 202: the restart's check stopped at the true reading, but the adoption after the
    // archive read a stale Draft, and the checkout's confirmation then waited on the payment.
    const w = await failedPayment();
    w.order.status = "Payment Needed";
    w.order.checkouts++;
    w.order.pollsUntilSettled = 1_000_000;
    let k = 0;
    w.f.schedule = ({ method, path }) =>
      method === "GET" && path === "/v1/order" && k++ % 2 === 0 ? staleListing(w.order.id) : undefined;
    const restart = await runCli(
      sendArgs(w.csv, "--restart", "--order", String(w.order.id), "--no-wait", "--wait-timeout", "1"),
      w.env,
      w.dir,
    );
    expect(restart.code, restart.stderr).toBe(0);
    expect(restart.stderr).not.toContain("did not settle");
    expect(w.order.status).toBe("Payment Needed");
    expect(w.f.count("POST", /checkout$/)).toBe(1);
    expect(w.f.count("PUT", /recipients$/)).toBe(1);
    expect(w.order.recipients).toHaveLength(4);
  });

  it("a status this version does not know behind one stale Draft listing: --restart --order is refused at once, nothing archived", async () => {
    const w = await failedPayment();
    w.order.status = "Weird";
    const before = archived(w.state);
    staleListings(w.f, w.order.id, 1);
    const restart = await runCli(
      sendArgs(w.csv, "--restart", "--order", String(w.order.id), "--wait-timeout", "1"),
      w.env,
      w.dir,
    );
    expect(restart.code, restart.stderr).toBe(2);
    expect(restart.stderr).toContain(`Order ${w.order.id} is Weird; it cannot take recipients`);
    expect(archived(w.state)).toBe(before);
    expect(w.order.checkouts).toBe(1);
  });

  it("a payment that failed, the order truly back in Draft: --restart --order confirms it before archiving, then adopts it and checks out once more", async () => {
    const w = await failedPayment();
    expect(w.order.checkouts).toBe(1);
    const before = archived(w.state);
    const restart = await runCli(sendArgs(w.csv, "--restart", "--order", String(w.order.id)), w.env, w.dir);
    expect(restart.code, restart.stderr).toBe(0);
    expect(restart.stderr).toContain("before the restart changes anything");
    expect(archived(w.state)).toBe(before + 1);
    expect(w.live()).toHaveLength(1);
    expect(w.order.status).toBe("Paid");
    expect(w.order.checkouts).toBe(2);
    expect(w.order.recipients).toHaveLength(4);
    expect(w.f.count("PUT", /recipients$/)).toBe(1);
  });

  it("paid holding all but the people LettrLabs refused when they were sent: adopted, reported as sent, with those counts", async () => {
    const { f, env, live, checkouts, state } = await world();
    // One address the fake refuses.
    refuseStreets(f, new Set(["1002 Main St"]));
    const dir = tempDir();
    const csv = writeCsv(dir, 4);
    const first = await runCli(sendArgs(csv, "--json"), env, dir);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout).recipients).toEqual({ accepted: 3, rejected: 1 });
    const orderId = live()[0]?.id as number;
    const restart = await runCli(sendArgs(csv, "--restart", "--order", String(orderId), "--json"), env, dir);
    expect(restart.code, restart.stderr).toBe(0);
    expect(restart.stderr).toContain(`Already sent as order ${orderId}`);
    expect(JSON.parse(restart.stdout)).toMatchObject({
      orderId,
      status: "Paid",
      recipients: { accepted: 3, rejected: 1 },
    });
    expect(JSON.parse(readFileSync(entryFile(state), "utf8"))).toMatchObject({
      orderId,
      accepted: 3,
      rejected: 1,
    });
    expect(live()).toHaveLength(1);
    expect(checkouts()).toBe(1);
    expect(f.count("PUT", /recipients$/)).toBe(1);
  });
});
