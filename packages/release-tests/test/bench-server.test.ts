import { fork, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "@orderkit/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// `pnpm bench` sends large CSVs through the CLI against its own server (bench/server.mjs). Its
// timings are no test, but whether the CLI's send still runs against that server is: a send that
// began reading something the server does not serve ended a full bench run (session 59: each
// preview priced every recipient the server had taken, so the second send read the order back, and
// the server had no recipients listing). This runs sends as the bench does, on small files.

const CLI = join(REPO_ROOT, "apps", "cli", "dist", "cli.js");

describe("the bench's server", () => {
  let dir = "";
  let server: ReturnType<typeof fork> | undefined;
  let base = "";
  const stats = async (): Promise<{ appends: number; recipients: number }> => {
    if (!server) throw new Error("the bench server did not start");
    server.send({ type: "stats" });
    const [m] = (await once(server, "message")) as [{ stats: { appends: number; recipients: number } }];
    return m.stats;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "orderkit-bench-server-"));
    server = fork(join(REPO_ROOT, "bench", "server.mjs"), [], {
      stdio: ["ignore", "ignore", "inherit", "ipc"],
    });
    const [m] = (await once(server, "message")) as [{ port: number }];
    base = `http://127.0.0.1:${m.port}`;
  });
  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = once(server, "exit");
      server.kill();
      await exited;
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("answers the CLI's send as `pnpm bench` runs it, send after send on one server", async () => {
    const rows = 1_500;
    const csv = join(dir, "rows.csv");
    const lines = ["first_name,last_name,address,city,state,zip"];
    for (let i = 0; i < rows; i++) lines.push(`Ann${i},Doe,${i} Main St,Austin,TX,78704`);
    writeFileSync(csv, `${lines.join("\n")}\n`);
    for (const n of [1, 2, 3]) {
      const child = spawn(
        process.execPath,
        [CLI, "send", "--template", "1", "--csv", csv, "--dry-run", "--json"],
        {
          env: {
            ...process.env,
            LETTRLABS_API_KEY: "LL-bench-key",
            LETTRLABS_BASE_URL: base,
            ORDERKIT_STATE_DIR: join(dir, `state-${n}`),
          },
          stdio: ["ignore", "ignore", "pipe"],
        },
      );
      let said = "";
      child.stderr?.on("data", (chunk) => {
        said += chunk;
      });
      try {
        const [code] = await once(child, "exit");
        expect(code, said).toBe(0);
      } finally {
        // A run cut short by the test's timeout leaves no CLI behind.
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      }
      expect((await stats()).recipients).toBe(rows * n);
    }
  }, 120_000);
});
