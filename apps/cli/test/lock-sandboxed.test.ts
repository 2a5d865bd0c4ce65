import { spawn, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lettrLabsFake } from "./fake-lettrlabs.js";
import { CLI, cliEnv, tempDir } from "./helpers.js";

// A sandbox with a pid namespace of its own that kept the host's /proc (`unshare --pid --fork`
// without `--mount-proc`): its processes share one pid space, but a pid read in /proc names
// another process. A lock's owner must not be taken as ended there (review 156: two runs held one
// lock, and made two orders).

/** Whether this machine lets a test make a pid namespace (root on Linux, most CI containers). */
const sandboxed = spawnSync("unshare", ["--pid", "--fork", "true"]).status === 0;

describe("locks in a pid namespace whose /proc is the host's", () => {
  it("a second run while the first still writes is refused (exit 4): one order", async () => {
    if (!sandboxed) {
      // Nothing to check where no pid namespace can be made (not Linux, or not permitted).
      expect(spawnSync("unshare", ["--pid", "--fork", "true"]).status).not.toBe(0);
      return;
    }
    const { f, env } = await lettrLabsFake("LL-sandboxed-lock-key");
    const dir = tempDir();
    // The first run's create arrives (it holds the lock by then), and is answered 3 s later.
    f.inject("POST", /^\/v1\/order$/, {
      kind: "side-effect",
      effect: () => writeFileSync(join(dir, "first-is-writing"), ""),
      next: { kind: "delay", ms: 3000 },
    });
    const cli = `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} orders create --template 7`;
    // Run without blocking: the fake answers from this process.
    const run = await new Promise<{ out: string }>((resolve) => {
      const child = spawn(
        "unshare",
        [
          "--pid",
          "--fork",
          "sh",
          "-c",
          `${cli} > first.out 2>&1 & while [ ! -e first-is-writing ]; do sleep 0.05; done; ${cli} > second.out 2>&1; echo "second=$?"; wait $!; echo "first=$?"`,
        ],
        {
          cwd: dir,
          env: cliEnv(dir, { ORDERKIT_TIMEOUT_MS: "8000", ...env }),
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      let out = "";
      child.stdout.on("data", (d: Buffer) => (out += d.toString()));
      child.stderr.on("data", (d: Buffer) => (out += d.toString()));
      child.on("close", () => resolve({ out }));
    });
    expect(run.out).toContain("second=4");
    expect(run.out).toContain("first=0");
    expect([...f.orders.values()].filter((o) => o.status !== "Deleted")).toHaveLength(1);
  }, 30_000);
});
