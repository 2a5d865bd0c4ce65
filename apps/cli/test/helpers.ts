import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { type AddressInfo, connect, createServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { FakeLettrLabs } from "@orderkit/test-utils";

export const CLI = join(dirname(fileURLToPath(import.meta.url)), "..", "dist", "cli.js");
export const EXAMPLE_CSV = join(dirname(fileURLToPath(import.meta.url)), "..", "examples", "recipients.csv");

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI without a TTY (stdin closed), with its own config file and cwd; as another
 * user when `as` names one (see {@link otherUser}).
 */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
  cwd = tempDir(),
  as: RunAs = {},
): Promise<CliRun> & { child: ReturnType<typeof spawn> } {
  const child = spawn(process.execPath, [CLI, ...args], {
    ...as,
    cwd,
    env: cliEnv(cwd, env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<CliRun>((resolve) => {
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return Object.assign(done, { child });
}

/**
 * Runs the built CLI on a terminal (a pseudo-terminal from util-linux `script`), as a user at a
 * prompt: once it asks a yes/no question (`[y/N]`), `atQuestion` runs (what happens while the user
 * reads the question) and its answer is typed (a line; `\x03` is Ctrl-C). Resolves everything the
 * terminal showed, and the exit code.
 */
export function runOnTerminal(
  args: string[],
  env: Record<string, string>,
  cwd: string,
  atQuestion: () => Promise<string>,
): Promise<{ out: string; code: number | null }> {
  return new Promise((resolve) => {
    const command = [process.execPath, CLI, ...args].map((a) => `'${a.replaceAll("'", `'\\''`)}'`).join(" ");
    const child = spawn("script", ["-qec", command, "/dev/null"], {
      cwd,
      env: { ...cliEnv(cwd, env), TERM: "dumb" },
    });
    let out = "";
    let asked = false;
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      if (asked || !out.includes("[y/N]")) return;
      asked = true;
      void atQuestion().then((answer) => child.stdin.write(answer === "\x03" ? answer : `${answer}\n`));
    });
    child.on("close", (code) => resolve({ out, code }));
  });
}

/** Whether {@link runOnTerminal} can run here (util-linux `script`). */
export const HAS_SCRIPT = existsSync("/usr/bin/script");

/** The environment a test runs the CLI in from `cwd`: its own config and state there, plus `env`. */
export function cliEnv(cwd: string, env: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "",
    ORDERKIT_CONFIG: join(cwd, "config.json"),
    ORDERKIT_STATE_DIR: join(cwd, "state"),
    // A run right after a killed one waits for the writes it left in flight, up to their timeout:
    // 5 s here (the fakes answer in at most 3 s), not the default 30.
    ORDERKIT_TIMEOUT_MS: "5000",
    ...env,
  };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "orderkit-cli-"));
}

/** `orderkit send` of `csv` from `template`, confirmed (`--yes`), plus `extra` flags. */
export const sendFrom = (template: number, csv: string, ...extra: string[]) => [
  "send",
  "--template",
  String(template),
  "--csv",
  csv,
  "--yes",
  ...extra,
];

/** `orderkit send` of `csv` from template 7, confirmed (`--yes`), plus `extra` flags. */
export const sendArgs = (csv: string, ...extra: string[]) => sendFrom(7, csv, ...extra);

/** Writes a CSV of `n` distinct valid recipients (people 0 to n - 1); returns its path. */
export function writeCsv(dir: string, n: number, name = "recipients.csv"): string {
  return writePeople(
    dir,
    name,
    Array.from({ length: n }, (_, i) => i),
  );
}

/** Writes a CSV of the people numbered `ids` (person i lives at 1000 + i Main St); returns its path. */
export function writePeople(dir: string, name: string, ids: readonly number[]): string {
  const lines = ["first_name,last_name,street,city,state,zip"];
  for (const i of ids) lines.push(`First${i},Doe,${1000 + i} Main St,Austin,TX,78704`);
  const path = join(dir, name);
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

/** `integration-orders add-recipient` for automation 77 with one valid address. */
export const ADD_AUTOMATION_RECIPIENT = [
  "integration-orders",
  "add-recipient",
  "77",
  "--address1",
  "1 Main St",
  "--city",
  "Austin",
  "--state",
  "TX",
  "--zip",
  "78704",
];

/** The `as` argument of {@link runCli}: run as another user, or as this one. */
export type RunAs = { uid: number; gid: number } | Record<string, never>;

/**
 * Who the CLI runs as in a test that takes write access away from it: `nobody` when this test
 * runs as root (root writes anywhere), with `dirs` opened to it to write in; else this user.
 */
export function cliUser(...dirs: string[]): RunAs {
  if (process.getuid?.() !== 0) return {};
  for (const dir of dirs) chmodSync(dir, 0o777);
  return { uid: 65534, gid: 65534 };
}

/**
 * Makes `dir` and every directory under it (which exist) directories the CLI cannot write in, as
 * those made by one `sudo orderkit` are to its user: readable, not writable (run as root, the CLI
 * runs as `nobody`, with `cwd` opened to it: see {@link cliUser}). Returns the `as` of {@link runCli}.
 */
export function notWritableBy(dir: string, cwd: string): RunAs {
  const as = cliUser(cwd);
  for (const each of [dir, ...readdirSync(dir, { recursive: true }).map((name) => join(dir, String(name)))])
    if (statSync(each).isDirectory()) chmodSync(each, "uid" in as ? 0o755 : 0o555);
  return as;
}

/**
 * Runs `args`, gives the first request matching `when` the `fault`, and kills the run (SIGKILL, or
 * `signal`) 30 ms after that request arrived; the fake's schedule is cleared once the run has ended.
 */
export async function killedAt(
  f: { schedule: unknown },
  when: (method: string, path: string) => boolean,
  fault: object | string,
  args: string[],
  env: Record<string, string>,
  dir: string,
  signal: NodeJS.Signals = "SIGKILL",
): Promise<CliRun> {
  let run: ReturnType<typeof runCli> | undefined;
  let fired = false;
  f.schedule = ({ method, path }: { method: string; path: string }) => {
    if (fired || !when(method, path)) return undefined;
    fired = true;
    setTimeout(() => run?.child.kill(signal), 30);
    return fault;
  };
  run = runCli(args, env, dir);
  const ended = await run;
  f.schedule = undefined;
  return ended;
}

/**
 * Another name for the server at `url`: a TCP forwarder on another port of 127.0.0.1, as a DNS
 * alias or a proxy would be (a base URL no key of a name can tell is the same server). Stops when
 * `close` is called, or when the test process ends.
 */
export async function aliasOf(url: string): Promise<{ url: string; close: () => Promise<void> }> {
  const target = new URL(url);
  const sockets = new Set<Socket>();
  const server = createServer((inbound) => {
    const outbound = connect(Number(target.port), target.hostname);
    for (const s of [inbound, outbound]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => {
        inbound.destroy();
        outbound.destroy();
      });
    }
    inbound.pipe(outbound).pipe(inbound);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  server.unref();
  const { port } = server.address() as AddressInfo;
  const alias = new URL(url);
  alias.port = String(port);
  return {
    url: alias.href.replace(/\/$/, ""),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** `send` of three people through `f`, whose checkout lands and answers with the order status `status`. */
export function sendAnsweringStatus(
  f: FakeLettrLabs,
  env: Record<string, string>,
  status: string,
): Promise<CliRun> {
  const dir = tempDir();
  f.inject("POST", /^\/v1\/order\/\d+\/checkout$/, {
    kind: "apply-then",
    status: 200,
    body: {
      payload: { orderId: 1000, status, orderStatus: status, pollAfterSeconds: 0 },
      errors: [],
      hasErrors: false,
    },
  });
  return runCli(["send", "--template", "7", "--csv", writeCsv(dir, 3), "--yes"], env, dir);
}
