import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "./ports.js";

/** A running Prism mock server. */
export interface PrismServer {
  /** Base URL without the spec's `/api` prefix (Prism serves routes at the root). */
  readonly url: string;
  readonly port: number;
  /** Process id of the Prism supervisor (Prism itself is its child). */
  readonly pid: number;
  /** Stops Prism; resolves once the process has exited. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartPrismOptions {
  /** How long to wait for "Prism is listening". Default 60 s. */
  readyTimeoutMs?: number;
  /** Return random, schema-valid data instead of the spec's examples. */
  dynamic?: boolean;
  /**
   * Run `prism proxy <spec> <upstream>` instead of `prism mock`: every request is validated against
   * the spec, forwarded to `upstream`, and the upstream's response validated too.
   */
  upstream?: string;
  /** `--errors`: a request or response that violates the spec becomes a problem+json error. */
  errors?: boolean;
}

const require = createRequire(import.meta.url);
const SUPERVISOR = join(dirname(fileURLToPath(import.meta.url)), "..", "bin", "prism-supervisor.mjs"); // from src/ or dist/
const live = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of live) child.kill("SIGKILL");
});

function prismEntry(): string {
  const pkgPath = require.resolve("@stoplight/prism-cli/package.json");
  const pkg = require(pkgPath) as { bin: string | Record<string, string> };
  const bin = typeof pkg.bin === "string" ? pkg.bin : pkg.bin.prism;
  if (!bin) throw new Error("@stoplight/prism-cli has no prism bin");
  return join(dirname(pkgPath), bin);
}

/**
 * Starts `prism mock <spec>` (or `prism proxy <spec> <upstream>`) on 127.0.0.1 on a free port and
 * waits until it listens.
 * Prism runs under a supervisor that kills it when this process exits, however it exits.
 */
export async function startPrism(specPath: string, options: StartPrismOptions = {}): Promise<PrismServer> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    try {
      return await launch(specPath, port, options);
    } catch (error) {
      lastError = error;
      if (!String(error).includes("EADDRINUSE")) break;
    }
  }
  throw lastError;
}

function launch(specPath: string, port: number, options: StartPrismOptions): Promise<PrismServer> {
  const mode = options.upstream ? ["proxy", specPath, options.upstream] : ["mock", specPath];
  const args = [SUPERVISOR, prismEntry(), ...mode, "-h", "127.0.0.1", "-p", String(port)];
  if (options.dynamic) args.push("-d");
  if (options.errors) args.push("--errors");
  const child = spawn(process.execPath, args, {
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, FORCE_COLOR: "0" },
  });
  live.add(child);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  exited.then(() => live.delete(child));
  const log: string[] = [];
  const keep = (chunk: Buffer) => {
    log.push(chunk.toString("utf8"));
    if (log.length > 200) log.shift();
  };
  // Keep draining both pipes for the whole life of the process, or Prism blocks once they fill up.
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);

  let stopped = false;
  const stop = async () => {
    if (!stopped) {
      stopped = true;
      child.kill("SIGTERM");
      const hard = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(hard);
    } else {
      await exited;
    }
  };

  return new Promise<PrismServer>((resolve, reject) => {
    const timeout = setTimeout(() => {
      void stop();
      reject(new Error(`Prism did not start within ${options.readyTimeoutMs ?? 60000} ms:\n${log.join("")}`));
    }, options.readyTimeoutMs ?? 60000);
    const onData = () => {
      if (log.join("").includes("Prism is listening")) {
        clearTimeout(timeout);
        child.stdout?.off("data", onData);
        resolve({ url: `http://127.0.0.1:${port}`, port, pid: child.pid ?? -1, stop });
      }
    };
    child.stdout?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timeout);
      reject(new Error(`Prism exited (code ${code}) before listening:\n${log.join("")}`));
    });
  });
}
