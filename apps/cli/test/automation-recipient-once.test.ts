import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { FakeLettrLabs } from "@orderkit/test-utils";
import { describe, expect, it } from "vitest";
import { lettrLabsFake } from "./fake-lettrlabs.js";
import { ADD_AUTOMATION_RECIPIENT, killedAt, runCli, tempDir } from "./helpers.js";

// LettrLabs queues an automation's recipient again each time it is sent, and the API cannot list
// an automation's queue: `integration-orders add-recipient` keeps a record from just before its
// write until it is answered, and a run that finds the record of one that stopped (killed, its
// answer lost) stops, nothing sent, until the user has checked and passes --restart (review 191).
// A note written before the send (completed once answered) makes the same person for the same
// automation again a repeat (exit 5) until --allow-repeat (or, for a run that stopped before its
// answer, --restart).
const KEY = "LL-API-automation-once-key";
const POST_RECIPIENT = (m: string, p: string) =>
  m === "POST" && /integration-orders\/77\/recipients$/.test(p);

/** Where `add-recipient` keeps its records (`.json`) and notes (`.sent`) in a test's state directory. */
const createsOf = (dir: string) => join(dir, "state", "creates");
/** The files under {@link createsOf} whose names end with `suffix`, as paths. */
const filesOf = (dir: string, suffix: ".json" | ".sent") =>
  readdirSync(createsOf(dir))
    .filter((n) => n.endsWith(suffix))
    .map((n) => join(createsOf(dir), n));
/** The one person's send note. */
const sentNoteOf = (dir: string) => filesOf(dir, ".sent")[0] as string;
/** Deletes the records of interrupted runs, as the stop advises once the person was found queued. */
const deleteRecords = (dir: string) => {
  for (const path of filesOf(dir, ".json")) rmSync(path);
};

/**
 * `add-recipient` killed as its POST arrives, which the server applies at once and answers `ms`
 * later, to a connection already gone; resolves once it has answered.
 */
async function killedWhileQueued(f: FakeLettrLabs, env: Record<string, string>, dir: string, ms: number) {
  const killed = await killedAt(f, POST_RECIPIENT, { kind: "delay", ms }, ADD_AUTOMATION_RECIPIENT, env, dir);
  expect(killed.signal).toBe("SIGKILL");
  await new Promise((r) => setTimeout(r, ms + 400));
}

describe("integration-orders add-recipient: a write that cannot be read back, sent once", () => {
  it("killed after the server queued it: the next run stops (in any spelling of the person) until --restart", async () => {
    const { f, env } = await lettrLabsFake(KEY);
    const dir = tempDir();
    const queued = () => f.integrationRecipients.get(77) ?? [];
    await killedWhileQueued(f, env, dir, 2000);
    expect(queued()).toHaveLength(1);
    const again = await runCli(ADD_AUTOMATION_RECIPIENT, env, dir);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("cannot be read back. Nothing was sent.");
    expect(again.stderr).toContain("Check automation 77's queue in the LettrLabs app");
    expect(again.stderr).toContain("if it landed, delete that record to go on without sending it again");
    expect(again.stderr).toContain("--restart");
    // The same person, written otherwise (case, spacing): the same record stops it.
    const respelt = ADD_AUTOMATION_RECIPIENT.map((a) => (a === "1 Main St" ? " 1  MAIN st" : a));
    expect((await runCli(respelt, env, dir)).code).toBe(1);
    expect(queued()).toHaveLength(1);
    // Another person of the same automation is not held up.
    const other = ADD_AUTOMATION_RECIPIENT.map((a) => (a === "1 Main St" ? "2 Main St" : a));
    expect((await runCli(other, env, dir)).code).toBe(0);
    expect(queued()).toHaveLength(2);
    // Checked, and sent again on purpose: once more, and the record is gone.
    const restarted = await runCli([...ADD_AUTOMATION_RECIPIENT, "--restart"], env, dir);
    expect(restarted.code, restarted.stderr).toBe(0);
    expect(queued()).toHaveLength(3);
    // That run finished: the person again, in any spelling, is a repeat (exit 5) until --allow-repeat.
    const repeated = await runCli(respelt, env, dir);
    expect(repeated.code).toBe(5);
    expect(repeated.stderr).toContain("queued this person in automation 77");
    expect(queued()).toHaveLength(3);
    expect((await runCli([...respelt, "--allow-repeat"], env, dir)).code).toBe(0);
    expect(queued()).toHaveLength(4);
  }, 60_000);

  it("a finished run's person is a repeat for that automation (exit 5, nothing sent) until --allow-repeat", async () => {
    const { f, env } = await lettrLabsFake(KEY);
    const dir = tempDir();
    const queued = () => f.integrationRecipients.get(77) ?? [];
    const first = await runCli(ADD_AUTOMATION_RECIPIENT, env, dir);
    expect(first.code, first.stderr).toBe(0);
    // Run again (the shell's history, a script's retry): refused, nothing sent.
    const again = await runCli(ADD_AUTOMATION_RECIPIENT, env, dir);
    expect(again.code).toBe(5);
    expect(again.stderr).toContain("An earlier run of this command queued this person in automation 77");
    expect(again.stderr).toContain("Nothing was sent.");
    expect(again.stderr).toContain("--allow-repeat");
    expect(f.count("POST", /integration-orders\/77\/recipients$/)).toBe(1);
    // --restart forgets an interrupted run's record, not a finished one's note.
    expect((await runCli([...ADD_AUTOMATION_RECIPIENT, "--restart"], env, dir)).code).toBe(5);
    // The same person for another automation is not a repeat.
    const elsewhere = ADD_AUTOMATION_RECIPIENT.map((a) => (a === "77" ? "78" : a));
    expect((await runCli(elsewhere, env, dir)).code).toBe(0);
    expect(f.integrationRecipients.get(78)).toHaveLength(1);
    // A damaged note still says a run finished: refused, never taken as "nothing sent".
    const notes = filesOf(dir, ".sent");
    expect(notes).toHaveLength(2);
    for (const note of notes) writeFileSync(note, "{garbled");
    const damaged = await runCli(ADD_AUTOMATION_RECIPIENT, env, dir);
    expect(damaged.code).toBe(5);
    expect(damaged.stderr).toContain("its note is damaged");
    // On purpose: queued again, and still a repeat after.
    expect((await runCli([...ADD_AUTOMATION_RECIPIENT, "--allow-repeat"], env, dir)).code).toBe(0);
    expect(queued()).toHaveLength(2);
    expect((await runCli(ADD_AUTOMATION_RECIPIENT, env, dir)).code).toBe(5);
    expect(queued()).toHaveLength(2);
  }, 60_000);

  it("its answer lost: says the record is kept, and the next run stops with nothing sent", async () => {
    const { f, env } = await lettrLabsFake(KEY);
    const dir = tempDir();
    f.inject("POST", /^\/v1\/integration-orders\/77\/recipients$/, { kind: "drop-after-apply" });
    const lost = await runCli(ADD_AUTOMATION_RECIPIENT, env, dir);
    expect(lost.code).toBe(1);
    expect(lost.stderr).toContain("may have been applied");
    expect(lost.stderr).toContain("The record of this write is kept");
    expect(lost.stderr).toContain("the next run of this command stops until you have checked");
    // Review 195: the advice branches on what the check finds (--restart alone would send again).
    expect(lost.stderr).toContain("if it landed, delete the record this run left");
    expect(lost.stderr).toContain("if not, pass --restart to send it");
    const again = await runCli(ADD_AUTOMATION_RECIPIENT, env, dir);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("Nothing was sent.");
    expect(f.integrationRecipients.get(77)).toHaveLength(1);
    // Review 193: the user checks, finds the person queued, and deletes the record as advised.
    // The note written before the send still refuses the next run (exit 5), nothing sent.
    deleteRecords(dir);
    const afterDelete = await runCli(ADD_AUTOMATION_RECIPIENT, env, dir);
    expect(afterDelete.code).toBe(5);
    expect(afterDelete.stderr).toContain("stopped before it knew whether it landed");
    expect(afterDelete.stderr).toContain("Check automation 77's queue in the LettrLabs app");
    expect(f.integrationRecipients.get(77)).toHaveLength(1);
    // Had it not been queued: --restart forgets that note and sends, once; then it is a repeat.
    const restarted = await runCli([...ADD_AUTOMATION_RECIPIENT, "--restart"], env, dir);
    expect(restarted.code, restarted.stderr).toBe(0);
    expect(f.integrationRecipients.get(77)).toHaveLength(2);
    expect((await runCli(ADD_AUTOMATION_RECIPIENT, env, dir)).code).toBe(5);
    expect((await runCli([...ADD_AUTOMATION_RECIPIENT, "--restart"], env, dir)).code).toBe(5);
    expect(f.integrationRecipients.get(77)).toHaveLength(2);
  }, 60_000);

  it("review 194: a repeat sent on purpose whose answer was lost keeps the first run's note: --restart puts it back, never forgets it", async () => {
    const { f, env } = await lettrLabsFake(KEY);
    const dir = tempDir();
    const queued = () => f.integrationRecipients.get(77) ?? [];
    expect((await runCli(ADD_AUTOMATION_RECIPIENT, env, dir)).code).toBe(0);
    f.inject("POST", /^\/v1\/integration-orders\/77\/recipients$/, { kind: "drop-after-apply" });
    const lost = await runCli([...ADD_AUTOMATION_RECIPIENT, "--allow-repeat"], env, dir);
    expect(lost.code).toBe(1);
    // Review 196: a repeat is sent again only with both flags (--restart alone puts the first back).
    expect(lost.stderr).toContain("if not, pass --restart --allow-repeat to send it");
    expect(queued()).toHaveLength(2);
    // The user deletes the record, as the stop advises: the note refuses, and says to count copies.
    deleteRecords(dir);
    const after = await runCli(ADD_AUTOMATION_RECIPIENT, env, dir);
    expect(after.code).toBe(5);
    expect(after.stderr).toContain("if it landed, nothing more is needed");
    expect(after.stderr).toContain("That run was itself a repeat (--allow-repeat)");
    // --restart forgets that run's note, and the first run's comes back: still a repeat.
    const restarted = await runCli([...ADD_AUTOMATION_RECIPIENT, "--restart"], env, dir);
    expect(restarted.code).toBe(5);
    expect(restarted.stderr).toContain("queued this person in automation 77");
    expect((await runCli(ADD_AUTOMATION_RECIPIENT, env, dir)).code).toBe(5);
    expect(queued()).toHaveLength(2);
    // Sent again only when asked twice over.
    expect((await runCli([...ADD_AUTOMATION_RECIPIENT, "--restart", "--allow-repeat"], env, dir)).code).toBe(
      0,
    );
    expect(queued()).toHaveLength(3);
  }, 60_000);

  it.each([
    ["a FIFO", (path: string) => execFileSync("mkfifo", [path])],
    ["a dangling link", (path: string) => symlinkSync(`${path}.nowhere`, path)],
  ])(
    "review 194: a note that is %s, then a repeat sent on purpose and refused: a finished run's note is left, still a repeat",
    async (_, make) => {
      const { f, env } = await lettrLabsFake(KEY);
      const dir = tempDir();
      expect((await runCli(ADD_AUTOMATION_RECIPIENT, env, dir)).code).toBe(0);
      const note = sentNoteOf(dir);
      rmSync(note);
      make(note);
      expect((await runCli(ADD_AUTOMATION_RECIPIENT, env, dir)).code).toBe(5);
      f.inject("POST", /^\/v1\/integration-orders\/77\/recipients$/, { kind: "status", status: 422 });
      expect((await runCli([...ADD_AUTOMATION_RECIPIENT, "--allow-repeat"], env, dir)).code).toBe(1);
      expect((await runCli(ADD_AUTOMATION_RECIPIENT, env, dir)).code).toBe(5);
      expect(f.integrationRecipients.get(77)).toHaveLength(1);
    },
    60_000,
  );

  it("review 195: repeats sent on purpose and interrupted, level upon level: the note grows by one note a level, and each --restart peels one", async () => {
    const { f, env } = await lettrLabsFake(KEY);
    const dir = tempDir();
    expect((await runCli(ADD_AUTOMATION_RECIPIENT, env, dir)).code).toBe(0);
    const sizes: number[] = [];
    for (let level = 0; level < 6; level++) {
      f.inject("POST", /^\/v1\/integration-orders\/77\/recipients$/, { kind: "drop-after-apply" });
      expect((await runCli([...ADD_AUTOMATION_RECIPIENT, "--allow-repeat"], env, dir)).code).toBe(1);
      deleteRecords(dir);
      sizes.push(statSync(sentNoteOf(dir)).size);
    }
    expect(f.integrationRecipients.get(77)).toHaveLength(7);
    // Linear: each level adds about one note (escaping it again would double the size each time).
    const steps = sizes.slice(1).map((size, i) => size - (sizes[i] as number));
    expect(Math.max(...steps)).toBeLessThan(200);
    for (let level = 0; level < 7; level++) {
      const run = await runCli([...ADD_AUTOMATION_RECIPIENT, "--restart"], env, dir);
      expect(run.code).toBe(5);
    }
    expect((await runCli(ADD_AUTOMATION_RECIPIENT, env, dir)).code).toBe(5);
    expect(f.integrationRecipients.get(77)).toHaveLength(7);
  }, 90_000);

  it("review 195: a record left beside a finished run's note (a run that died showing its result) is a repeat, not an unknown", async () => {
    const { f, env } = await lettrLabsFake(KEY);
    const dir = tempDir();
    await killedWhileQueued(f, env, dir, 500);
    writeFileSync(
      sentNoteOf(dir),
      JSON.stringify({ state: "done", at: new Date().toISOString(), host: f.url }),
    );
    expect(filesOf(dir, ".json")).toHaveLength(1);
    const again = await runCli(ADD_AUTOMATION_RECIPIENT, env, dir);
    expect(again.code).toBe(5);
    expect(again.stderr).toContain("queued this person in automation 77");
    expect(f.integrationRecipients.get(77)).toHaveLength(1);
  }, 60_000);

  it("review 195: a record left through another base URL: the advice branches on what the check there finds", async () => {
    const a = await lettrLabsFake(KEY);
    const b = await lettrLabsFake(KEY);
    const dir = tempDir();
    b.f.inject("POST", /^\/v1\/integration-orders\/77\/recipients$/, { kind: "drop-after-apply" });
    expect((await runCli(ADD_AUTOMATION_RECIPIENT, b.env, dir)).code).toBe(1);
    const throughA = await runCli(ADD_AUTOMATION_RECIPIENT, a.env, dir);
    expect(throughA.code).toBe(1);
    expect(throughA.stderr).toContain("That write cannot be read back");
    expect(throughA.stderr).toContain(
      "If it landed there, delete that record; if not, run the command through that base URL with --restart",
    );
    expect(throughA.stderr).not.toContain("it reads back first");
    expect(a.f.integrationRecipients.get(77) ?? []).toHaveLength(0);
    expect(b.f.integrationRecipients.get(77)).toHaveLength(1);
  }, 60_000);

  it("a note that cannot be written before the send: nothing is sent, even with --allow-repeat", async () => {
    const { f, env } = await lettrLabsFake(KEY);
    const dir = tempDir();
    expect((await runCli(ADD_AUTOMATION_RECIPIENT, env, dir)).code).toBe(0);
    const note = sentNoteOf(dir);
    // A directory in the note's place: read as damaged (a repeat), and never replaced by a write.
    rmSync(note);
    mkdirSync(note);
    expect((await runCli(ADD_AUTOMATION_RECIPIENT, env, dir)).code).toBe(5);
    const forced = await runCli([...ADD_AUTOMATION_RECIPIENT, "--allow-repeat"], env, dir);
    expect(forced.code).not.toBe(0);
    expect(f.integrationRecipients.get(77)).toHaveLength(1);
    // A dangling link in its place is no absence either.
    rmSync(note, { recursive: true });
    symlinkSync(join(dir, "nowhere"), note);
    expect((await runCli(ADD_AUTOMATION_RECIPIENT, env, dir)).code).toBe(5);
    expect(f.integrationRecipients.get(77)).toHaveLength(1);
  }, 60_000);

  it("a recipient refused (before sending, exit 2; by the server, 422) leaves no record or note: the corrected run queues it once", async () => {
    const { f, env } = await lettrLabsFake(KEY);
    const dir = tempDir();
    const bad = ADD_AUTOMATION_RECIPIENT.map((a) => (a === "78704" ? "abc" : a));
    expect((await runCli(bad, env, dir)).code).toBe(2);
    // Refused by the server (422): nothing queued, no note left either.
    f.inject("POST", /^\/v1\/integration-orders\/77\/recipients$/, {
      kind: "status",
      status: 422,
      body: { errors: ["automation paused"] },
    });
    expect((await runCli(ADD_AUTOMATION_RECIPIENT, env, dir)).code).toBe(1);
    const good = await runCli(ADD_AUTOMATION_RECIPIENT, env, dir);
    expect(good.code, good.stderr).toBe(0);
    expect(f.integrationRecipients.get(77)).toHaveLength(1);
    // A repeat sent on purpose and refused: the finished run's note is put back, still a repeat.
    f.inject("POST", /^\/v1\/integration-orders\/77\/recipients$/, { kind: "status", status: 422 });
    expect((await runCli([...ADD_AUTOMATION_RECIPIENT, "--allow-repeat"], env, dir)).code).toBe(1);
    const still = await runCli(ADD_AUTOMATION_RECIPIENT, env, dir);
    expect(still.code).toBe(5);
    expect(still.stderr).toContain("queued this person in automation 77");
    expect(f.integrationRecipients.get(77)).toHaveLength(1);
  }, 60_000);
});
